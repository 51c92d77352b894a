"""POST /api/cases/events:batch and ``zwfw cases import-events``: many events of many cases, the same
lifecycle rules as one pushed event, refused rows reported and the rest applied, duplicates by event id."""
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from zwfw.accounts.services import issue_api_key
from zwfw.bulk.models import PushedEvent
from zwfw.cases.models import Case, CaseEvent, Suspension
from zwfw.stats import services as stats
from zwfw.stats.models import PLATFORM, DailyCount


@pytest.fixture
def key(hall):
    return issue_api_key(hall.dept["省林草局"], "审批系统对接")[1]


@pytest.fixture
def opened(hall, open_case):
    """Three cases of the forest department and one of the market department, received now."""
    now = timezone.now()
    forest = [open_case("seed", "forest_clerk", now) for _ in range(3)]
    market = open_case("food", "market_clerk", now)
    return forest, market


def post(key, events, **headers):
    return Client().post("/api/cases/events:batch", {"events": events}, content_type="application/json",
                         headers={"X-API-Key": key} | headers)


def counters():
    return sorted(DailyCount.objects.filter(source=PLATFORM).values_list(
        "day", "department_id", "type_key", "kind", "comprehensive", "count"))


def test_refused_rows_are_reported_at_their_field_and_the_rest_applied(hall, key, opened):
    (a, b, c), other = opened
    events = [
        {"event_id": "e1", "case": a.number, "event": "accepted"},
        {"event_id": "e2", "case": a.number, "event": "approved"},            # accepted → approve: not yet
        {"event_id": "e3", "case": a.number, "event": "transferred"},
        {"event_id": "e4", "case": b.number, "event": "accepted"},
        {"event_id": "e5", "case": other.number, "event": "accepted"},       # another department's case
        {"event_id": "e6", "case": "51000020261207999999", "event": "accepted"},
        {"event_id": "e7", "case": c.number, "event": "exploded"},
        {"event_id": "", "case": c.number, "event": "accepted"},
        {"event_id": "e9", "case": c.number, "event": "review_started"},     # before acceptance
        {"event_id": "e10", "case": b.number, "event": "review_started"},
        {"event_id": "e11", "case": b.number, "event": "denied"},            # a denial needs its reason
        {"event_id": "e12", "case": b.number, "event": "accepted", "version": 0},  # stale version
    ]
    r = post(key, events)
    assert r.status_code == 200, r.content
    out = r.json()
    assert out["received"] == 12 and out["applied"] == 4 and out["duplicates"] == []
    by_index = {x["index"]: x for x in out["rejected"]}
    assert sorted(by_index) == [1, 4, 5, 6, 7, 8, 10, 11]
    assert by_index[1] == {"index": 1, "event_id": "e2", "case": a.number, "code": "illegal_transition",
                           "message": "当前状态为“已受理”，不能执行“准予许可”。", "field": "action"}
    assert by_index[4]["code"] == by_index[5]["code"] == "not_found" and by_index[4]["field"] == "case"
    assert by_index[6]["field"] == "event" and "不能推送" in by_index[6]["message"]
    assert by_index[7]["field"] == "event_id"
    assert by_index[8]["message"] == "当前状态为“已申请”，不能执行“开始审查”。"
    assert by_index[10] == {"index": 10, "event_id": "e11", "case": b.number, "code": "reason_required",
                            "message": "请填写不予许可的理由。", "field": "reason"}
    assert by_index[11]["code"] == "stale_version" and by_index[11]["field"] == "version"
    for case, status, version, kinds in [(a, "transferred", 2, ["applied", "accepted", "transferred"]),
                                         (b, "reviewing", 2, ["applied", "accepted", "review_started"]),
                                         (c, "applied", 0, ["applied"]), (other, "applied", 0, ["applied"])]:
        case.refresh_from_db()
        assert (case.status, case.version) == (status, version)
        assert list(case.events.values_list("kind", flat=True)) == kinds
    a.refresh_from_db()
    assert a.statutory_due is not None and a.accepted_on == timezone.localdate()  # accept's own rule ran
    assert a.events.get(kind="transferred").window == "department_system"
    assert set(PushedEvent.objects.values_list("event_id", flat=True)) == {"e1", "e3", "e4", "e10"}
    e3 = PushedEvent.objects.get(event_id="e3")
    assert CaseEvent.objects.get(pk=e3.case_event_id).kind == "transferred"


def test_an_event_id_is_applied_once_within_a_batch_and_across_batches(hall, key, opened):
    (a, b, _c), _other = opened
    first = post(key, [{"event_id": "LC-1", "case": a.number, "event": "accepted"},
                       {"event_id": "LC-1", "case": b.number, "event": "accepted"}]).json()
    assert first["applied"] == 1 and first["duplicates"] == [{"index": 1, "event_id": "LC-1", "case": b.number}]
    second = post(key, [{"event_id": "LC-1", "case": a.number, "event": "accepted"},
                        {"event_id": "LC-2", "case": b.number, "event": "accepted"}]).json()
    assert second["applied"] == 1 and [d["event_id"] for d in second["duplicates"]] == ["LC-1"]
    assert second["rejected"] == []
    assert CaseEvent.objects.filter(kind="accepted").count() == 2
    # the single-event endpoint's rule answers a repeated step as before
    a.refresh_from_db()
    assert a.version == 1


def test_the_same_idempotency_key_returns_the_first_answer_and_acts_once(hall, key, opened):
    (a, _b, _c), _other = opened
    events = [{"event_id": "k-1", "case": a.number, "event": "accepted"},
              {"event_id": "k-2", "case": a.number, "event": "approved"}]
    first = post(key, events, **{"Idempotency-Key": "batch-2026-12-07-001"})
    again = post(key, events, **{"Idempotency-Key": "batch-2026-12-07-001"})
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert first.json()["applied"] == 1 and len(first.json()["rejected"]) == 1
    assert CaseEvent.objects.filter(case=a).count() == 2
    other = post(key, events[:1], **{"Idempotency-Key": "batch-2026-12-07-001"})
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"


def test_counters_after_a_batch_equal_a_rebuild_from_the_event_log(hall, key, opened):
    (a, b, c), _other = opened
    events = []
    for n, case in enumerate([a, b, c]):
        for step in ["accepted", "transferred", "review_started", "approved", "issued", "completed"][: 3 + n * 2]:
            events.append({"event_id": f"{case.number}-{step}", "case": case.number, "event": step}
                          | ({"delivery": "window"} if step == "completed" else {}))
    out = post(key, events).json()
    assert out["rejected"] == [] and out["applied"] == len(events)
    after = counters()
    assert {k[3] for k in after} >= {"accepted", "transferred", "issued", "completed"}
    stats.rebuild()
    assert counters() == after


def test_limits_of_a_batch(hall, key, opened, settings):
    (a, _b, _c), _other = opened
    empty = post(key, [])
    assert empty.status_code == 400 and empty.json()["field"] == "events"
    row = {"event_id": "x", "case": a.number, "event": "accepted"}
    many = post(key, [row | {"event_id": f"x{i}"} for i in range(10_001)])
    assert many.status_code == 400 and many.json()["code"] == "too_many_events"
    assert "一次最多推送 10000 条事件" in many.json()["message"]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    big = post(key, [row | {"event_id": f"y{i}", "reason": "理由" * 100} for i in range(60)],
               **{"Idempotency-Key": "too-big-1"})
    assert big.status_code == 413 and "过大" in big.json()["message"]
    assert CaseEvent.objects.filter(kind="accepted").count() == 0


def test_pushed_times_keep_the_single_endpoints_bounds(hall, key, opened):
    (a, b, _c), _other = opened
    now = timezone.now()
    out = post(key, [
        {"event_id": "t1", "case": a.number, "event": "accepted", "at": (now - timezone.timedelta(days=40)).isoformat()},
        {"event_id": "t2", "case": b.number, "event": "accepted", "at": now.isoformat()},
        {"event_id": "t3", "case": b.number, "event": "review_started",
         "at": (now - timezone.timedelta(minutes=1)).isoformat()},                     # before the acceptance
    ]).json()
    assert out["applied"] == 1
    assert [(x["event_id"], x["code"], x["field"]) for x in out["rejected"]] == [
        ("t1", "at_before_last_event", "at"), ("t3", "at_before_last_event", "at")]


def test_steps_with_their_own_records_suspend_and_resume_in_a_batch(hall, key, opened):
    (a, _b, _c), _other = opened
    out = post(key, [{"event_id": f"s{i}", "case": a.number, "event": e} | extra for i, (e, extra) in enumerate([
        ("accepted", {}), ("review_started", {}),
        ("suspended", {"kind": "expert_review", "notice": "林审告〔2026〕3号", "expected_days": 5}),
        ("suspended", {"kind": "expert_review", "notice": "again", "expected_days": 5}),
        ("resumed", {}), ("approved", {})])]).json()
    assert out["applied"] == 5 and [x["index"] for x in out["rejected"]] == [3]
    a.refresh_from_db()
    assert a.status == "approved" and a.decided_on == timezone.localdate() and a.delivery_due is not None
    assert Suspension.objects.get(case=a).ended_on == timezone.localdate()


def test_import_events_from_csv_and_json_lines(hall, opened, tmp_path):
    from zwfw.accounts.models import User

    (a, b, c), _other = opened
    from zwfw.routing import services as routing

    User.objects.create_user("lc_system", role="api_client", department=hall.dept["省林草局"])
    routing.add_office(department=hall.dept["省林草局"], code="spyc", name="审批一处", order=1)
    csv_file = tmp_path / "events.csv"
    csv_file.write_text("event_id,case,event,reason,office\n"
                        f"c1,{a.number},accepted,,\n"
                        f"c2,{a.number},transferred,,spyc\n"
                        f"c3,{b.number},denied,,\n", encoding="utf-8-sig")
    report = tmp_path / "rejected.csv"
    out = _command(csv_file, report)
    assert "共 3 条：已办理 2 条，重复（此前已接收）0 条，未办理 1 条。" in out
    assert "第 3 条（事件编号 c3" in out and "不能执行“不予许可”" in out
    assert "c3" in report.read_text(encoding="utf-8-sig")
    lines = tmp_path / "events.jsonl"
    lines.write_text("\n".join([json.dumps({"event_id": "c2", "case": a.number, "event": "transferred", "office": "spyc"}),
                                json.dumps({"event_id": "j1", "case": c.number, "event": "accepted"}),
                                "not json"]), encoding="utf-8")
    out = _command(lines)
    assert "共 3 条：已办理 1 条，重复（此前已接收）1 条，未办理 1 条。" in out
    a.refresh_from_db(), c.refresh_from_db()
    assert (a.status, c.status) == ("transferred", "accepted")
    assert a.events.get(kind="transferred").note == "流转至审批一处"


def _command(path, report=None):
    from io import StringIO

    buf = StringIO()
    call_command("cases", "import-events", str(path), "--user", "lc_system", *(["--report", str(report)] if report else []),
                 stdout=buf)
    return buf.getvalue()


def test_who_may_push_a_batch(hall, key, opened):
    (a, b, _c), other = opened
    rows = [{"event_id": "w1", "case": a.number, "event": "accepted"},
            {"event_id": "w2", "case": other.number, "event": "accepted"}]

    def as_user(username, events):
        client = Client()
        client.force_login(hall.users[username])
        return client.post("/api/cases/events:batch", {"events": events}, content_type="application/json")

    leader = as_user("leader", rows)
    assert leader.status_code == 403 and leader.json()["code"] == "read_only"
    market = as_user("market_clerk", rows).json()  # the other department's clerk: the forest case is not seen
    assert market["applied"] == 1 and [(r["event_id"], r["code"]) for r in market["rejected"]] == [("w1", "not_found")]
    approver = as_user("forest_approver", [{"event_id": "w3", "case": a.number, "event": "accepted"},
                                           {"event_id": "w4", "case": b.number, "event": "accepted",
                                            "at": timezone.now().isoformat()}]).json()
    assert [(r["event_id"], r["code"]) for r in approver["rejected"]] == [("w3", "forbidden_role"),
                                                                            ("w4", "at_not_allowed")]
    assert Client().post("/api/cases/events:batch", {"events": rows}, content_type="application/json").status_code == 401
    a.refresh_from_db(), other.refresh_from_db()
    assert (a.status, other.status) == ("applied", "accepted")
