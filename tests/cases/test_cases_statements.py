"""How many SQL statements each lifecycle step costs (a regression adds one and fails here).

The floor per step is the conditional case UPDATE, the event INSERT and, for a counted kind, one
counter upsert; a step whose rule needs the official calendar reads its fingerprint (one SELECT);
acceptance reads what the law asks (abnormal list, licences held); a suspension reads the kind and
writes its record. Counted on the case as a window or a department's system holds it (loaded once).
"""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zwfw.cases import services
from zwfw.cases.models import Case

# step -> the statements it may take (what each is is in the module docstring)
# (BEGIN/COMMIT and savepoints are not counted: they differ by database, not by the rules.)
# U = the conditional case UPDATE, E = the event INSERT, C = its counter upsert, K = the calendar's fingerprint
# N: a step the applicant is told of queues its notices (SMS + portal rows in one INSERT) and, once committed,
# the delivery task (one INSERT into django-tasks' queue): two statements.
BOUNDS = {
    "accept": 8,              # N, listing, K, U, E, C (the item's validity is read from the loaded rows), the guide's fees
    "transfer": 5,            # N, U, E, C
    "start_review": 2,        # U, E
    "suspend": 6,             # N, the procedure's kind, U, E, the suspension record
    "resume": 4,              # K, closing the suspension record, U, E
    "extend": 5,              # N, K, U, E
    "approve": 5,             # N, K, U, E
    "deny": 5,                # N, K, U, E
    "issue": 13,              # N, owed (one query), the licence (existing licence, kind, serial counter, licence), U, E, C
    "complete": 7,            # N, owed (one query), K (the delivery clock), U, E, C
    "request_correction": 5,  # N, K (the 5-day window), U, E
    "correct": 2,             # U, E
    "reject": 6,              # N, K (deemed acceptance), U, E, C
    "withdraw": 3,            # U, E, C (the calendar only when a suspension is open)
    "terminate": 3,           # U, E, C
}
# the guide's materials, the licences held (免提交), the abnormal list, the day's serial (UPDATE … RETURNING),
# the case INSERT, the event INSERT ("applied" is not counted), N (the receipt's notices and their delivery task)
APPLY = 8


def _count(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return [q["sql"] for q in ctx.captured_queries
            if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))], ctx


def _loaded(case):
    return Case.objects.select_related("item__matter", "department", "applicant").get(pk=case.pk)


def run(case, code, who, hall, **params):
    return services.perform(case, code, actor=hall.users[who], version=case.version, at=timezone.now(), **params)


PATHS = [
    ("seed", [("accept", "forest_clerk", {}), ("transfer", "forest_clerk", {"to": "审批处"}),
              ("start_review", "forest_approver", {}),
              ("suspend", "forest_approver", {"kind": "expert_review", "notice": "告知书", "expected_days": 3}),
              ("resume", "forest_approver", {}),
              ("extend", "forest_approver", {"reason": "复杂", "approved_by": "局长", "notified": True}),
              ("approve", "forest_approver", {}), ("issue", "forest_clerk", {}),
              ("complete", "forest_clerk", {"delivery": "window"})]),
    ("forest", [("request_correction", "forest_clerk", {"reason": "缺可行性报告"}),
                ("correct", "forest_clerk", {"provided": ["使用林地可行性报告"]}), ("accept", "forest_clerk", {}),
                ("start_review", "forest_approver", {}), ("deny", "forest_approver", {"reason": "不符合条件"})]),
    ("forest", [("withdraw", "forest_clerk", {})]),
    ("forest", [("accept", "forest_clerk", {}), ("terminate", "forest_approver", {"kind": "dissolved"})]),
    ("forest", [("reject", "forest_clerk", {"reason": "不属于本机关职权"})]),
]


@pytest.mark.django_db(transaction=True)
def test_statements_per_step(hall, open_case):
    seen = {}
    for key, path in PATHS:
        case = open_case(key, "forest_clerk", timezone.now())
        case = _loaded(case)
        for code, who, params in path:
            sql, _ = _count(lambda: run(case, code, who, hall, **params))
            seen[code] = max(seen.get(code, 0), len(sql))
    assert set(seen) == set(BOUNDS)
    assert {k: v for k, v in seen.items() if v > BOUNDS[k]} == {}


@pytest.mark.django_db(transaction=True)
def test_statements_of_apply(hall):
    from zwfw.catalog.models import HandlingItem

    item = HandlingItem.objects.select_related("matter__department", "matter__power_type").get(pk=hall.items["seed"].pk)
    applicant = hall.applicants["org"]
    services.apply(item=item, applicant=applicant, actor=hall.users["forest_clerk"], at=timezone.now(),
                   provided=["申请书", "营业执照"])  # the day's first serial: its row exists from now on
    sql, _ = _count(lambda: services.apply(item=item, applicant=applicant, actor=hall.users["forest_clerk"],
                                           at=timezone.now(), provided=["申请书", "营业执照"]))
    assert len(sql) <= APPLY, sql
