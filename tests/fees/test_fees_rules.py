"""Fees through the services: assessed at acceptance, paid at the window or by the platform, issue gated."""
import datetime as dt
from decimal import Decimal

import pytest

from zwfw.cases import automatic
from zwfw.cases.models import CaseEvent
from zwfw.catalog import services as catalog
from zwfw.catalog.models import GuideFee, HandlingItem
from zwfw.errors import Conflict, DomainError, Forbidden
from zwfw.fees import queries, services
from zwfw.fees.models import FeeLine, Payment

pytestmark = pytest.mark.django_db(transaction=False)


def pay(case, who, hall, amount, method="cash", **kw):
    return services.record_payment(case, actor=hall.users[who], amount=amount, method=method, **kw)


def test_acceptance_assesses_the_guide_fees_once_and_a_later_guide_edit_does_not_change_it(accepted, hall, fees):
    lines = list(FeeLine.objects.filter(case=accepted))
    assert [(f.name, f.quantity, f.amount) for f in lines] == [("工本费", 1, Decimal("10.00"))]  # 不收费 rows: nothing owed
    event = CaseEvent.objects.get(case=accepted, kind="fee_assessed")
    assert event.data["total"] == "10.00" and "工本费 ¥10.00" in event.note
    catalog.save_guide(hall.items["seed"], fee_items=[{"name": "工本费", "rule": "fixed", "amount": "99",
                                                       "legal_basis": "某文件"}])
    assert queries.owed(accepted) == Decimal("10.00")
    assert services.assess(accepted, at=event.at) == []  # once


def test_an_item_without_fees_owes_nothing_and_is_issued_as_before(hall, open_case, walk, at, fees):
    case = open_case("forest", "forest_clerk", at(2026, 3, 2, 9))
    walk(case, "accept", "forest_clerk", at(2026, 3, 2, 10))
    walk(case, "start_review", "forest_approver", at(2026, 3, 3))
    walk(case, "approve", "forest_approver", at(2026, 3, 4))
    walk(case, "issue", "forest_clerk", at(2026, 3, 5))
    assert case.status == "issued" and not FeeLine.objects.filter(case=case).exists()
    assert not CaseEvent.objects.filter(case=case, kind__startswith="fee_").exists()


def test_issue_is_refused_while_a_fee_is_owed_naming_the_amount(approved, hall, walk, at):
    with pytest.raises(Conflict) as e:
        walk(approved, "issue", "forest_clerk", at(2026, 3, 5))
    assert e.value.code == "fee_unpaid" and "尚欠缴费用 ¥10.00" in e.value.message and "工本费" in e.value.message
    approved.refresh_from_db()
    assert approved.status == "approved" and not CaseEvent.objects.filter(case=approved, kind="issued").exists()
    from zwfw.licences.models import Licence
    assert not Licence.objects.filter(case=approved).exists()  # nothing issued, nothing half-written
    pay(approved, "forest_clerk", hall, "10.00", at=at(2026, 3, 5, 9))
    walk(approved, "issue", "forest_clerk", at(2026, 3, 5, 10))
    walk(approved, "complete", "forest_clerk", at(2026, 3, 5, 11), delivery="window")
    assert approved.status == "completed"


def test_partial_payments_add_up_and_an_overpayment_is_refused_at_the_field(accepted, hall, at):
    pay(accepted, "forest_clerk", hall, "4.50", method="qr", at=at(2026, 3, 2, 11))
    assert queries.owed(accepted) == Decimal("5.50")
    with pytest.raises(DomainError) as e:
        pay(accepted, "forest_clerk", hall, "6", at=at(2026, 3, 2, 12))
    assert e.value.field == "amount" and "超过尚欠金额 ¥5.50" in e.value.message
    assert Payment.objects.filter(case=accepted).count() == 1
    pay(accepted, "forest_clerk", hall, "5.50", method="card", at=at(2026, 3, 2, 12))
    state = queries.state(accepted)
    assert (state.paid, state.owed, state.settled) == (Decimal("10.00"), Decimal("0.00"), True)
    assert [e.data["owed"] for e in CaseEvent.objects.filter(case=accepted, kind="fee_paid")] == ["5.50", "0.00"]
    with pytest.raises(Conflict) as e:
        pay(accepted, "forest_clerk", hall, "1", at=at(2026, 3, 2, 13))
    assert e.value.code == "already_paid"


@pytest.mark.parametrize("amount, method, field", [("abc", "cash", "amount"), ("0", "cash", "amount"),
                                                   ("3.333", "cash", "amount"), ("3", "cheque", "method")])
def test_bad_payment_input_is_an_error_at_its_field_and_writes_nothing(accepted, hall, amount, method, field):
    with pytest.raises(DomainError) as e:
        pay(accepted, "forest_clerk", hall, amount, method=method)
    assert e.value.field == field and e.value.status == 400
    assert not Payment.objects.exists() and not CaseEvent.objects.filter(kind="fee_paid").exists()


def test_the_platform_transaction_id_records_one_payment(accepted, hall, at):
    from zwfw.accounts.services import issue_api_key

    system = issue_api_key(hall.dept["省林草局"], "统一公共支付平台")[0].user
    first = services.record_payment(accepted, actor=system, amount="10", method="platform", transaction_id="PAY-001",
                                    at=at(2026, 3, 2, 11))
    again = services.record_payment(accepted, actor=system, amount="10.00", method="platform",
                                    transaction_id="PAY-001", at=at(2026, 3, 2, 12))
    assert again.pk == first.pk and again.replayed and not first.replayed
    assert Payment.objects.count() == 1 and CaseEvent.objects.filter(kind="fee_paid").count() == 1
    with pytest.raises(Conflict) as e:
        services.record_payment(accepted, actor=system, amount="9", method="platform", transaction_id="PAY-001")
    assert e.value.field == "transaction_id" and "PAY-001" in e.value.message and "¥9.00" in e.value.message
    with pytest.raises(DomainError) as e:
        services.record_payment(accepted, actor=system, amount="1", method="platform")
    assert e.value.field == "transaction_id"


def test_the_same_transaction_id_cannot_pay_another_case(accepted, hall, open_case, walk, at):
    other = walk(open_case("seed", "forest_clerk", at(2026, 3, 2, 9), applicant="person"), "accept", "forest_clerk",
                 at(2026, 3, 2, 10))
    pay(accepted, "forest_clerk", hall, "10", method="qr", transaction_id="WX-42")
    with pytest.raises(Conflict) as e:
        pay(other, "forest_clerk", hall, "10", method="qr", transaction_id="WX-42")
    assert accepted.number in e.value.message and other.number in e.value.message
    assert queries.owed(other) == Decimal("10.00")


@pytest.mark.parametrize("who", ["forest_approver", "market_clerk", "staff", "leader", "applicant"])
def test_only_the_windows_that_handle_the_case_record_payments(accepted, hall, who):
    with pytest.raises(Forbidden):
        pay(accepted, who, hall, "10")
    assert not Payment.objects.exists()


def test_nothing_to_pay_and_closed_cases_are_refused(hall, open_case, walk, at, fees):
    free = walk(open_case("forest", "forest_clerk", at(2026, 3, 2, 9)), "accept", "forest_clerk", at(2026, 3, 2, 10))
    with pytest.raises(Conflict) as e:
        pay(free, "forest_clerk", hall, "1")
    assert e.value.code == "nothing_to_pay"
    case = walk(open_case("seed", "forest_clerk", at(2026, 3, 2, 9)), "accept", "forest_clerk", at(2026, 3, 2, 10))
    walk(case, "withdraw", "forest_clerk", at(2026, 3, 2, 11))
    with pytest.raises(Conflict) as e:
        pay(case, "forest_clerk", hall, "10")
    assert e.value.code == "case_closed" and "已撤回" in e.value.message


def test_a_denied_case_is_completed_without_paying(accepted, walk, at):
    walk(accepted, "start_review", "forest_approver", at(2026, 3, 3))
    walk(accepted, "deny", "forest_approver", at(2026, 3, 4), reason="不符合法定条件")
    walk(accepted, "complete", "forest_clerk", at(2026, 3, 5), delivery="window")
    assert accepted.status == "completed" and queries.owed(accepted) == Decimal("10.00")


def test_automatic_approval_waits_for_the_fee_before_issuing(hall, open_case, at):
    catalog.save_guide(hall.items["workshop"], fee_items=[{"name": "登记证工本费", "rule": "fixed", "amount": "5",
                                                           "legal_basis": "某收费文件"}])
    automatic.set_rule("510000-SJ-200-01", [{"kind": "materials_complete"}])
    case = open_case("workshop", "comp", at(2026, 3, 2, 9))
    assert case.status == "approved" and queries.owed(case) == Decimal("5.00")


def test_guide_fee_rows_are_checked_and_copied_to_a_new_item_version(hall, fees):
    with pytest.raises(DomainError) as e:
        catalog.save_guide(hall.items["seed"], fee_items=[{"name": "工本费", "rule": "per_unit", "amount": "10"}])
    assert e.value.field == "fee_items" and "计量单位" in e.value.message
    assert GuideFee.objects.filter(guide__item=hall.items["seed"]).count() == 2  # nothing half-written
    with pytest.raises(DomainError) as e:
        catalog.save_guide(hall.items["seed"], fee_items=[{"name": "工本费", "amount": "10.005", "legal_basis": "x"}])
    assert "分" in e.value.message
    catalog.change_item(hall.items["seed"].code, dt.date(2026, 1, 1), promised_days=4)
    new = HandlingItem.objects.in_force(dt.date(2026, 1, 2)).get(code=hall.items["seed"].code)
    assert [f.name for f in GuideFee.objects.filter(guide__item=new)] == ["工本费", "审查费"]
