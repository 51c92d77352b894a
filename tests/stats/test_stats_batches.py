"""Daily counts from other systems: later batches replace only their kinds; keys stay in their lane; bounds."""
import datetime as dt
import json

import pytest
from django.test import Client

from zwfw.accounts import services as accounts
from zwfw.errors import DomainError
from zwfw.stats import queries, services
from zwfw.stats.models import DailyCount

DAY = dt.date(2023, 9, 4)


def row(department, power_type, kind, count, **extra):
    return {"day": DAY, "department": department, "power_type": power_type, "kind": kind, "count": count, **extra}


def test_a_later_batch_replaces_only_the_kinds_it_carries(departments, types):
    ga = departments[0]
    services.import_daily_counts([row(ga, types["permit"], "accepted", 120), row(ga, types["permit"], "completed", 95)],
                                 "公安审批系统")
    services.import_daily_counts([row(ga, types["permit"], "completed", 101)], "公安审批系统")
    totals = queries.totals(DAY, DAY)
    assert (totals["accepted"], totals["completed"]) == (120, 101)  # the acceptances were kept, completions replaced


def test_an_implausible_count_is_refused_with_the_row_named(departments, types, settings):
    settings.ZWFW_DAILY_COUNT_MAX = 50000
    ga = departments[0]
    with pytest.raises(DomainError, match="第 2 条：.*数量 900000 超过单日上限 50000") as raised:
        services.import_daily_counts([row(ga, types["permit"], "accepted", 120),
                                      row(ga, types["permit"], "completed", 900000)], "公安审批系统")
    assert raised.value.field == "count"
    assert DailyCount.objects.count() == 0


def post(client, key, body):
    return client.post("/api/stats/daily-counts", json.dumps(body), content_type="application/json",
                       **{"HTTP_X_API_KEY": key})


def test_a_department_key_never_pushes_the_comprehensive_window_s_counts(departments, types):
    ga = departments[0]
    _, key = accounts.issue_api_key(ga, "统计对接")
    item = {"day": "2023-09-04", "department": "GA", "power_type": "行政许可", "kind": "颁发", "count": 30}
    client = Client()
    r = post(client, key, {"source": "公安审批系统", "rows": [item, {**item, "kind": "受理", "comprehensive": True}]})
    assert r.status_code == 403
    assert "第 2 条：部门系统只能报送本部门窗口的数据" in r.json()["message"]
    assert DailyCount.objects.count() == 0
    r = post(client, key, {"source": "公安审批系统", "rows": [item]})
    assert r.status_code == 200 and queries.comprehensive_window(DAY, DAY)["issued"] == 0
