"""Two clerks acting on one case at the same moment: one succeeds, the other is told to refresh."""
import threading

import pytest
from django.db import connection, connections

from zwfw.cases import services
from zwfw.cases.models import Case, CaseEvent
from zwfw.errors import Conflict


@pytest.mark.django_db(transaction=True)
def test_two_clerks_at_once_one_wins(hall, at):
    if connection.vendor != "postgresql":
        pytest.skip("真正的并发写入需要 PostgreSQL（SQLite 串行化写入，已由版本号测试覆盖）")
    case = services.apply(item=hall.items["food"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                          at=at(2026, 3, 2), provided=["食品经营许可申请书", "营业执照复印件", "法定代表人身份证"])
    barrier = threading.Barrier(2)
    results = []

    def act(who, command, **params):
        try:
            mine = Case.objects.select_related("item__matter", "department", "applicant").get(pk=case.pk)
            barrier.wait()
            command(mine, actor=hall.users[who], version=0, at=at(2026, 3, 2, 10), **params)
            results.append("ok")
        except Conflict as e:
            results.append(e.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=("comp", services.accept)),
               threading.Thread(target=act, args=("market_clerk", services.reject), kwargs={"reason": "材料不全"})]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "该办件已被他人办理，请刷新后重试。"]
    case.refresh_from_db()
    assert case.version == 1
    assert CaseEvent.objects.filter(case=case).exclude(kind="applied").count() == 1
