"""Two clerks issuing documents of one department at the same moment get different numbers."""
import threading

import pytest
from django.db import connection, connections

from zwfw.documents import services
from zwfw.documents.models import IssuedDocument

from .conftest import BASE


@pytest.mark.django_db(transaction=True)
def test_two_clerks_at_once_get_consecutive_numbers(seed_case, hall, at):
    if connection.vendor != "postgresql":
        pytest.skip("真正的并发写入需要 PostgreSQL（SQLite 串行化写入）")
    barrier = threading.Barrier(4)
    errors = []

    def issue(who, kind):
        try:
            barrier.wait()
            services.issue(seed_case, kind, actor=hall.users[who], base_url=BASE, at=at(2026, 3, 5))
        except Exception as exc:  # reported below: the test shows what went wrong, not a hung thread
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(who, kind)) for who, kind in [
        ("forest_clerk", "receipt"), ("forest_approver", "approval"), ("forest_approver", "acceptance_notice"),
        ("forest_clerk", "service_receipt")]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(IssuedDocument.objects.values_list("number", flat=True)) == sorted(
        f"省林草局〔2026〕{n}号" for n in range(1, 5))
