"""一件事一次办 bundles and 无人工干预智能审批."""
import datetime as dt

import pytest

from zwfw.cases import services
from zwfw.cases.models import CaseEvent
from zwfw.catalog import services as catalog
from zwfw.errors import DomainError


@pytest.fixture
def catering(hall):
    return catalog.create_bundle(code="CY-001", name="开办餐饮一件事", lead_department=hall.dept["省市场监管局"],
                                 items=[hall.items["food"], hall.items["fire"]], valid_from=dt.date(2022, 1, 1))


def test_one_application_opens_one_case_per_member_and_completes_with_the_last(hall, catering, walk, at):
    application = services.apply_bundle(bundle=catering, applicant=hall.applicants["org"], actor=hall.users["comp"],
                                        at=at(2026, 3, 2), provided=["食品经营许可申请书", "营业执照复印件",
                                                                     "法定代表人身份证", "消防安全检查申报表",
                                                                     "场所消防设施平面图"])
    names = [m["name"] for m in application.materials]
    assert names.count("营业执照复印件") == 1 and "《营业执照》" not in names  # asked for once
    food, fire = application.cases.order_by("id")
    assert (food.department.short_name, fire.department.short_name) == ("省市场监管局", "四川消防救援总队")
    assert all(m["provided"] for m in fire.materials)  # handed in once, counted for both
    assert services.bundle_status(application).label == "已申请"
    for case, clerk, approver in [(food, "comp", "market_approver"), (fire, "comp", "fire_approver")]:
        walk(case, "accept", clerk, at(2026, 3, 2, 11))
        walk(case, "transfer", clerk, at(2026, 3, 2, 12))
        walk(case, "start_review", approver, at(2026, 3, 3))
        walk(case, "approve", approver, at(2026, 3, 4))
        walk(case, "issue", clerk, at(2026, 3, 5))
    walk(food, "complete", "comp", at(2026, 3, 5))
    status = services.bundle_status(application)
    assert status.code == "in_progress" and status.label == "办理中（1/2 已办结）"
    walk(fire, "complete", "comp", at(2026, 3, 6))
    assert services.bundle_status(application).label == "已办结"


def test_a_bundle_is_refused_whole_when_one_member_cannot_be_accepted(hall, catering, at):
    from zwfw.credit import services as credit

    credit.list_applicant(actor=hall.users["fire_approver"], applicant=hall.applicants["org"],
                          department=hall.dept["四川消防救援总队"], reason="消防检查弄虚作假", whole_department=True,
                          start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31))
    with pytest.raises(DomainError, match="消防检查弄虚作假"):
        services.apply_bundle(bundle=catering, applicant=hall.applicants["org"], actor=hall.users["comp"],
                              at=at(2026, 3, 2))
    assert not hall.applicants["org"].cases.exists()


@pytest.fixture
def workshop_rule(hall):
    return services.set_rule("510000-SJ-200-01", [{"kind": "materials_complete"}, {"kind": "not_listed"},
                                                  {"kind": "licence_valid", "licence_kind": "营业执照"}])


def test_automatic_approval_when_the_conditions_hold(hall, workshop_rule, business_licence, at):
    from zwfw.licences.models import Licence

    case = services.apply(item=hall.items["workshop"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                          at=at(2026, 3, 2), provided=["登记申请表"])
    assert case.status == "issued"
    events = list(CaseEvent.objects.filter(case=case).values_list("kind", "automatic", "actor"))
    assert events == [("applied", False, hall.users["comp"].pk), ("accepted", True, None),
                      ("review_started", True, None), ("approved", True, None), ("issued", True, None)]
    assert Licence.objects.get(case=case).kind.name == "食品小作坊登记证"


def test_no_automatic_approval_when_a_condition_fails(hall, workshop_rule, at):
    case = services.apply(item=hall.items["workshop"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                          at=at(2026, 3, 2), provided=["登记申请表", "营业执照"])
    assert case.status == "applied"  # no valid electronic 营业执照: a clerk decides
    from zwfw.cases.automatic import unmet_conditions

    assert unmet_conditions(case) == ["持有有效的营业执照"]
