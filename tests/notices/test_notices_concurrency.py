"""Four workers delivering at the same moment send every notice exactly once (PostgreSQL: SKIP LOCKED claims)."""
import threading
from collections import Counter

import pytest
from django.db import connection, connections

from zwfw.notices import services
from zwfw.notices.models import DeliveryAttempt, Notice, Status

from .conftest import GATEWAYS


@pytest.mark.django_db(transaction=True)
def test_four_workers_at_once_send_each_notice_once(hall, open_case, walk, at, recording, settings, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("真正的并发发送需要 PostgreSQL（SQLite 串行化写入）")
    settings.ZWFW_SMS_GATEWAY = f"{GATEWAYS}.SlowRecording"
    monkeypatch.setattr(services, "BATCH", 3)  # small claims, so the four workers take turns at the rows
    for day in range(2, 12):
        case = open_case("forest", "forest_clerk", at(2026, 3, day, 9), applicant="person")
        walk(case, "accept", "forest_clerk", at(2026, 3, day, 10))
    total = Notice.objects.count()
    assert total == 40
    barrier = threading.Barrier(4)
    errors, counts = [], []

    def work(name):
        try:
            barrier.wait()
            counts.append(services.deliver_due(worker=name))
        except Exception as exc:  # reported below: the test shows what went wrong, not a hung thread
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    references = Counter(ref for _, _, ref in recording.sent)
    assert len(references) == total // 2 and set(references.values()) == {1}  # every SMS once, none twice
    assert sum(c["sent"] for c in counts) == total
    assert set(Notice.objects.values_list("status", flat=True)) == {Status.SENT}
    assert DeliveryAttempt.objects.count() == total
    per_worker = Counter(DeliveryAttempt.objects.values_list("worker", flat=True))
    assert len(per_worker) >= 2, per_worker  # the workers really ran side by side
