"""Correcting a mistaken case: centre staff, an allow-list, a reason, an append-only audit trail, exact counters."""
import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from zwfw.cases.models import Case, CaseEvent
from zwfw.errors import DomainError, Forbidden
from zwfw.routing.corrections import CORRECTABLE, correct_case
from zwfw.routing.models import CaseCorrection
from zwfw.stats import services as stats
from zwfw.stats.models import DailyCount


def _counters():
    return sorted(DailyCount.objects.filter(source="platform").values_list(
        "day", "department_id", "type_key", "kind", "comprehensive", "count"))


@pytest.fixture
def comp_case(hall, open_case, walk, at):
    """A food case received and accepted at the comprehensive window, then transferred."""
    case = open_case("food", "comp", at(2026, 3, 2, 9))
    case = walk(case, "accept", "comp", at(2026, 3, 2, 9, 20))
    return walk(case, "transfer", "comp", at(2026, 3, 2, 9, 40))


def test_only_centre_staff_correct(hall, comp_case):
    for who in ("comp", "market_clerk", "market_approver", "leader"):
        with pytest.raises(Forbidden, match="只有政务平台服务处人员可以更正办件信息"):
            correct_case(case=comp_case, field="applicant_phone", value="13900002222", reason="录错",
                         actor=hall.users[who])
    assert not CaseCorrection.objects.exists()


def test_reason_is_required(hall, comp_case):
    with pytest.raises(DomainError, match="请填写更正理由") as e:
        correct_case(case=comp_case, field="applicant_phone", value="13900002222", reason=" ", actor=hall.users["staff"])
    assert e.value.field == "reason"


@pytest.mark.parametrize("field, words", [
    ("accepted_on", "办理时限以办理过程记录为准"), ("received_on", "办理时限以办理过程记录为准"),
    ("statutory_due", "办理时限以办理过程记录为准"), ("status", "只能通过办理动作"),
    ("department", "办理部门不能更正"), ("number", "办件编号"), ("version", "请选择可更正的项目"),
])
def test_fields_outside_the_allow_list_are_refused_with_the_reason(hall, comp_case, field, words):
    with pytest.raises(DomainError, match=words) as e:
        correct_case(case=comp_case, field=field, value="2026-01-01", reason="录错", actor=hall.users["staff"])
    assert e.value.field == "field"
    assert set(CORRECTABLE) == {"applicant_name", "applicant_id_number", "applicant_phone", "applicant_address",
                                "channel", "window", "item"}


def test_applicant_typos_are_corrected_and_recorded(hall, comp_case):
    staff = hall.users["staff"]
    c = correct_case(case=comp_case, field="applicant_phone", value="13900002222", reason="申请人来电更正",
                     actor=staff)
    assert (c.old, c.new, c.reason, c.actor, c.label) == ("028-86001234", "13900002222", "申请人来电更正", staff,
                                                        "联系电话")
    with pytest.raises(DomainError, match="联系电话格式不正确") as e:
        correct_case(case=comp_case, field="applicant_phone", value="12345", reason="x", actor=staff)
    assert e.value.field == "phone"
    with pytest.raises(DomainError, match="无需更正"):
        correct_case(case=comp_case, field="applicant_phone", value="13900002222", reason="x", actor=staff)


def test_an_id_number_typo_moves_the_case_to_the_right_record(hall, comp_case, ids):
    staff = hall.users["staff"]
    with pytest.raises(DomainError) as e:
        correct_case(case=comp_case, field="applicant_id_number", value="91510100MA61R8XK1Z", reason="录错",
                     actor=staff)
    assert e.value.field == "value"
    old = comp_case.applicant
    right = ids.org("91510100MA61R9AB1")
    c = correct_case(case=comp_case, field="applicant_id_number", value=right, reason="证件号码录入错误", actor=staff)
    comp_case.refresh_from_db()
    assert comp_case.applicant.id_number == right and comp_case.applicant.name == old.name
    assert (c.old, c.new) == (old.id_number, right)
    old.refresh_from_db()
    assert old.id_number != right  # the other record is left as it is


def test_the_audit_trail_is_appended_never_edited(hall, comp_case):
    staff = hall.users["staff"]
    first = correct_case(case=comp_case, field="applicant_name", value="四川青山林业开发有限责任公司",
                         reason="营业执照名称为有限责任公司", actor=staff)
    correct_case(case=comp_case, field="applicant_name", value="四川青山林业开发有限公司", reason="核对后改回",
                 actor=staff)
    rows = list(CaseCorrection.objects.filter(case=comp_case).order_by("id").values_list("old", "new", "reason"))
    assert rows == [("四川青山林业开发有限公司", "四川青山林业开发有限责任公司", "营业执照名称为有限责任公司"),
                    ("四川青山林业开发有限责任公司", "四川青山林业开发有限公司", "核对后改回")]
    first.refresh_from_db()
    assert first.reason == "营业执照名称为有限责任公司"
    request = RequestFactory().get("/")
    request.user = hall.users["staff"]
    request.user.is_staff = request.user.is_superuser = True  # even a superuser cannot edit or delete one
    admin = site._registry[CaseCorrection]
    assert not admin.has_change_permission(request, first) and not admin.has_delete_permission(request, first)
    assert not admin.has_add_permission(request)
    from zwfw.cases.models import Applicant
    from zwfw.routing.models import CaseAssignment

    for model in (Case, CaseEvent, Applicant, CaseAssignment):  # never edited as rows: through the services only
        model_admin = site._registry.get(model)
        assert model_admin is None or not (model_admin.has_change_permission(request) or
                                           model_admin.has_add_permission(request) or
                                           model_admin.has_delete_permission(request)), model


def test_a_window_correction_moves_the_counters_and_they_equal_a_rebuild(hall, comp_case):
    before = _counters()
    assert any(row[4] for row in before)  # counted at the comprehensive window
    c = correct_case(case=comp_case, field="window", value="部门窗口", reason="实为部门窗口受理",
                     actor=hall.users["staff"])
    comp_case.refresh_from_db()
    assert not comp_case.at_comprehensive_window
    assert (c.old, c.new) == ("综合窗口", "部门窗口") and c.effects["events_moved"] == 3  # applied, accepted, transferred
    assert set(CaseEvent.objects.filter(case=comp_case).values_list("window", flat=True)) == {"department"}
    after = _counters()
    assert not any(row[4] for row in after)
    assert sum(r[5] for r in after) == sum(r[5] for r in before)
    stats.rebuild()
    assert _counters() == after


def test_an_item_correction_before_the_decision_recomputes_the_deadlines(hall, comp_case, at):
    from zwfw.catalog import services as catalog
    from zwfw.catalog.models import HandlingItem, PowerType

    catalog.add_matter(department=hall.dept["省市场监管局"], code="510000-SJ-500", name="食品经营备案",
                       power_type=PowerType.objects.get(name="公共服务"), valid_from=hall.items["food"].matter.valid_from,
                       items=[{"code": "510000-SJ-500-01", "name": "仅销售预包装食品备案", "statutory_days": 5,
                               "promised_days": 3, "at_comprehensive_window": True}])
    before_due = comp_case.promised_due
    with pytest.raises(DomainError, match="只能更正为本部门") as e:
        correct_case(case=comp_case, field="item", value="510000-LC-010-01", reason="选错事项", actor=hall.users["staff"])
    assert e.value.field == "value"
    c = correct_case(case=comp_case, field="item", value="510000-SJ-500-01", reason="选错事项",
                     actor=hall.users["staff"], at=at(2026, 3, 3, 9))
    comp_case.refresh_from_db()
    assert comp_case.item == HandlingItem.objects.get(code="510000-SJ-500-01")
    assert comp_case.promised_due != before_due and c.effects["deadlines"]["promised_due"] == comp_case.promised_due.isoformat()
    assert c.effects["events_moved"] == 3
    counted = _counters()
    stats.rebuild()
    assert _counters() == counted


def test_channel_is_corrected_by_code_or_name_and_must_fit_the_window(hall, open_case, comp_case, at):
    with pytest.raises(DomainError, match="综合窗口受理的办件，申请渠道只能是窗口申请") as e:
        correct_case(case=comp_case, field="channel", value="网上申请", reason="x", actor=hall.users["staff"])
    assert e.value.field == "value"
    case = open_case("forest", "forest_clerk", at(2026, 3, 2, 9))
    c = correct_case(case=case, field="channel", value="online", reason="申请人实为网上提交", actor=hall.users["staff"])
    assert (c.old, c.new) == ("窗口申请", "网上申请")
    with pytest.raises(DomainError, match="申请渠道应为"):
        correct_case(case=case, field="channel", value="传真", reason="x", actor=hall.users["staff"])


def test_a_decided_case_keeps_its_item(hall, comp_case, walk, at):
    case = walk(comp_case, "start_review", "market_approver", at(2026, 3, 3, 9))
    case = walk(case, "approve", "market_approver", at(2026, 3, 3, 10))
    with pytest.raises(DomainError, match="已作出决定的办件不能更正办理项"):
        correct_case(case=case, field="item", value="510000-SJ-100-01", reason="x", actor=hall.users["staff"])


def test_a_correction_makes_an_open_form_stale(hall, comp_case, walk, at):
    from zwfw.errors import Conflict

    version = comp_case.version
    correct_case(case=comp_case, field="applicant_phone", value="13900002222", reason="来电更正",
                 actor=hall.users["staff"])
    comp_case.version = version  # the approver's page was opened before the correction
    with pytest.raises(Conflict):
        walk(comp_case, "start_review", "market_approver", at(2026, 3, 3, 9))
