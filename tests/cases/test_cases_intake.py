"""Acceptance at the window: 即办件 in one action, materials (免提交, 告知承诺, 容缺), refusals on the record."""
import datetime as dt

import pytest

from zwfw.cases import services
from zwfw.cases.models import Applicant, Case, CaseEvent
from zwfw.catalog import services as catalog
from zwfw.errors import DomainError
from zwfw.stats.models import DailyCount

def counts() -> dict:
    return {"cases": Case.objects.count(), "events": CaseEvent.objects.count(),
            "applicants": Applicant.objects.count(), "counters": sum(DailyCount.objects.values_list("count", flat=True))}


def counted(kind, day) -> int:
    return sum(DailyCount.objects.filter(kind=kind, day=day).values_list("count", flat=True))


# ---- 即办件 -------------------------------------------------------------------------------------

def test_an_on_the_spot_item_is_accepted_and_completed_in_one_action(hall, items, at):
    # 14 February 2026 is a Saturday worked in exchange for the Spring Festival holiday (调休上班日).
    case = services.apply(item=items["spot"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                          at=at(2026, 2, 14, 9, 30), provided=["遗失补办申请表", "营业执照"], decision="accept")
    case.refresh_from_db()
    assert case.status == "completed" and case.accepted_on == dt.date(2026, 2, 14)
    assert case.completed_at == at(2026, 2, 14, 9, 30) and case.delivery == "window"
    # Statutory 5 working days: the holiday 15–23 February does not count; the 28th is a make-up working day.
    assert case.statutory_due == dt.date(2026, 2, 28) and case.saved_days == 5
    assert list(case.events.values_list("kind", flat=True)) == ["applied", "accepted", "completed"]
    assert "即办件，受理后当场办结" in case.events.get(kind="completed").note
    assert counted("accepted", dt.date(2026, 2, 14)) == 1 and counted("completed", dt.date(2026, 2, 14)) == 1


def test_an_on_the_spot_item_with_a_missing_material_is_not_accepted(hall, items, at):
    before = counts()
    with pytest.raises(DomainError) as e:
        services.apply(item=items["spot"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                       at=at(2025, 9, 28), provided=["遗失补办申请表"], decision="accept")  # a make-up Sunday
    assert e.value.field == "provided" and "缺少营业执照" in e.value.message
    assert counts() == before


def test_every_counted_acceptance_has_a_case(hall, items, open_case, walk, at):
    services.apply(item=items["spot"], applicant=hall.applicants["person"], actor=hall.users["comp"],
                   at=at(2024, 10, 12), provided=["遗失补办申请表", "营业执照"], decision="accept")  # make-up Saturday
    case = open_case("seed", "forest_clerk", at(2024, 10, 14))
    walk(case, "accept", "forest_clerk", at(2024, 10, 14))
    assert CaseEvent.objects.filter(kind="accepted").count() == 2
    assert not CaseEvent.objects.filter(kind__in=("accepted", "completed", "rejected"), case__isnull=True).exists()
    from django.db import transaction

    from zwfw.cases.events import append_event

    with pytest.raises(RuntimeError, match="no acceptance is counted without a case"), transaction.atomic():
        append_event("accepted", at=at(2024, 10, 14), department=hall.dept["省市场监管局"])
    assert CaseEvent.objects.filter(kind="accepted").count() == 2


# ---- materials ------------------------------------------------------------------------------------

def test_materials_complete_ticked_with_a_required_material_missing_does_not_accept(hall, items, at):
    before = counts()
    with pytest.raises(DomainError) as e:
        services.apply(item=items["promise"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                       at=at(2026, 3, 2), provided=["食品生产许可申请书"], decision="accept")
    assert e.value.field == "provided" and e.value.code == "materials_missing"
    assert e.value.message == ("申请材料不齐全，不能受理：缺少食品安全管理制度文本（可容缺受理）、"
                               "生产场所无违法建设证明（可告知承诺）。请收齐材料，或一次性告知补正。")
    assert counts() == before


def test_promise_in_lieu_and_deferred_material_are_accepted_and_recorded(hall, items, at):
    case = services.apply(item=items["promise"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                          at=at(2025, 4, 27), provided=["食品生产许可申请书"],  # 27 April 2025: a make-up Sunday
                          promised=["生产场所无违法建设证明"], deferred=["食品安全管理制度文本"], decision="accept")
    assert case.status == "accepted" and case.accepted_on == dt.date(2025, 4, 27)
    by_name = {m["name"]: m for m in case.materials}
    assert by_name["生产场所无违法建设证明"]["promised"] and not by_name["生产场所无违法建设证明"]["provided"]
    assert by_name["食品安全管理制度文本"]["deferred"] and not by_name["食品安全管理制度文本"]["provided"]
    accepted = case.events.get(kind="accepted")
    assert accepted.data["owed"] == ["食品安全管理制度文本"] and accepted.data["promised"] == ["生产场所无违法建设证明"]
    assert "容缺受理，待补交：食品安全管理制度文本" in accepted.note
    assert "申请人书面承诺代替：生产场所无违法建设证明（告知承诺）" in accepted.note


@pytest.mark.parametrize("field, kwargs, message", [
    ("promised", {"promised": ["食品生产许可申请书"]}, "“食品生产许可申请书”不能以告知承诺代替，须提交材料。"),
    ("deferred", {"deferred": ["生产场所无违法建设证明"]}, "“生产场所无违法建设证明”不是办事指南标明的容缺材料，受理前必须提交。"),
    ("provided", {"provided": ["法人身份证"]}, "“法人身份证”不是该办理项办事指南所列的申请材料。"),
])
def test_materials_used_other_than_the_guide_allows_are_errors_at_the_field(hall, items, at, field, kwargs, message):
    before = counts()
    with pytest.raises(DomainError) as e:
        services.apply(item=items["promise"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                       at=at(2026, 3, 2), decision="accept", **kwargs)
    assert (e.value.field, e.value.message) == (field, message)
    assert counts() == before


def test_promise_needs_the_item_to_allow_it(hall, items, at):
    catalog.save_guide(hall.items["food"], materials=[
        {"name": "食品经营许可申请书"}, {"name": "营业执照复印件", "licence_kind": "营业执照"},
        {"name": "法定代表人身份证", "promise_allowed": True}], fees="不收费", where_to_apply="省政务服务大厅")
    with pytest.raises(DomainError, match="不能以告知承诺代替"):
        services.apply(item=hall.items["food"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                       at=at(2026, 3, 2), promised=["法定代表人身份证"])
    from zwfw.catalog.queries import item_anomalies

    assert "申请材料“法定代表人身份证”标为可告知承诺，但办理项未实行告知承诺" in item_anomalies(hall.items["food"])


def test_exempt_material_counts_as_provided_at_acceptance(hall, items, business_licence, at):
    case = services.apply(item=items["spot"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                          at=at(2026, 3, 2), provided=["遗失补办申请表"], decision="accept")
    assert case.status == "completed"
    assert {m["name"]: m["exempt"] for m in case.materials} == {"遗失补办申请表": False, "营业执照": True}


def test_accepting_an_applied_case_with_materials_missing_is_refused(hall, open_case, walk, at):
    case = open_case("food", "comp", at(2026, 3, 2), provided=["食品经营许可申请书"])
    with pytest.raises(DomainError) as e:
        walk(case, "accept", "comp", at(2026, 3, 2))
    assert e.value.field == "provided" and "缺少营业执照复印件、法定代表人身份证" in e.value.message
    case.refresh_from_db()
    assert case.status == "applied" and not case.events.filter(kind="accepted").exists()


def test_refusal_for_materials_the_applicant_cannot_supply_is_a_record(hall, items, at):
    case = services.apply(item=items["promise"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                          at=at(2026, 3, 2), provided=["食品生产许可申请书"], decision="reject")
    assert case.status == "rejected"
    assert case.reason == "申请材料不齐全（缺少食品安全管理制度文本、生产场所无违法建设证明），申请人不能补正，不予受理。"
    assert case.legal_basis == "《中华人民共和国行政许可法》第三十二条第一款第（四）项、第（五）项"
    assert counted("rejected", dt.date(2026, 3, 2)) == 1
    before = counts()
    with pytest.raises(DomainError) as e:
        services.apply(item=hall.items["seed"], applicant=hall.applicants["org"], actor=hall.users["forest_clerk"],
                       at=at(2026, 3, 2), provided=["申请书", "营业执照"], decision="reject")
    assert (e.value.field, e.value.message) == ("decision", "申请材料已齐全，不能以材料不齐全为由不予受理。")
    assert counts() == before


# ---- the applicant is registered after authorisation ------------------------------------------------

def test_a_refused_actor_writes_no_applicant(hall, items, at, ids):
    org = hall.applicants["org"]
    details = {"kind": "organisation", "name": org.name, "id_number": org.id_number, "phone": "13900000000",
               "address": "成都市高新区天府大道 1 号"}
    before = counts()
    with pytest.raises(DomainError):  # the forest clerk cannot act for the market regulator
        services.apply(item=items["promise"], applicant_details=details, actor=hall.users["forest_clerk"],
                       at=at(2026, 3, 2))
    org.refresh_from_db()
    assert org.phone == "028-86001234" and org.address == "" and counts() == before
    new = details | {"name": "四川新设食品有限公司", "id_number": ids.org("91510100MA62A1B2C")}
    with pytest.raises(DomainError):
        services.apply(item=items["promise"], applicant_details=new, actor=hall.users["forest_clerk"], at=at(2026, 3, 2))
    assert counts() == before
