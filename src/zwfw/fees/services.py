"""Writers: assess a case's fees at acceptance, record payments (window or payment platform).

Every write runs in one transaction with its case event (核定收费 / 缴费). Payments are serialised
per case by a row lock on the case, so two payments at once cannot together exceed what is owed.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from zwfw.cases import lifecycle
from zwfw.cases.applicants import handles
from zwfw.cases.events import case_event
from zwfw.cases.models import Case
from zwfw.catalog.feerules import FREE, line_amount
from zwfw.catalog.models import GuideFee
from zwfw.errors import Conflict, DomainError, Forbidden
from zwfw.money import parse_amount, yuan

from . import queries
from .models import FeeLine, Payment, PaymentMethod

#: Who records a payment: the windows that handle the case, and the department's system (payment platform).
RECORDING_ROLES = ("comprehensive_clerk", "department_clerk", "api_client")
#: Methods a window takes; the platform reports its own.
WINDOW_METHODS = (PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.QR, PaymentMethod.TRANSFER)
TRANSACTION_ID_MAX = 64
#: Cases that take no more payments: ended, or denied (nothing will be issued).
CLOSED = lifecycle.TERMINAL | {lifecycle.DENIED}


def assess(case: Case, *, actor=None, at: dt.datetime) -> list[FeeLine]:
    """应收: the guide's charged fee items as the case's fee lines, once (in the acceptance's transaction)."""
    items = [f for f in GuideFee.objects.filter(guide__item_id=case.item_id).order_by("position", "id")
             if f.rule != FREE and f.amount]
    if not items or FeeLine.objects.filter(case=case).exists():  # most items charge nothing: one query
        return []
    lines = [FeeLine(case=case, position=n, name=f.name, rule=f.rule, unit_price=f.amount, unit=f.unit,
                     quantity=f.default_quantity, amount=line_amount(f.rule, f.amount, f.default_quantity),
                     legal_basis=f.legal_basis, assessed_at=at,
                     assessed_by=actor if getattr(actor, "pk", None) else None)
             for n, f in enumerate(items, 1)]
    if not lines:
        return []
    FeeLine.objects.bulk_create(lines)
    total = sum((line.amount for line in lines), Decimal("0.00"))
    case_event(case, "fee_assessed", at=at, actor=actor, automatic=actor is None,
               note=f"核定应收 {yuan(total)}：" + "、".join(f"{line.name} {yuan(line.amount)}" for line in lines),
               data={"total": f"{total:.2f}", "items": [line.name for line in lines]})
    return lines


def ensure_paid(case: Case) -> None:
    """The lifecycle's gate before 颁发 and 办结: a fee owed is a Conflict naming the amount."""
    if queries.owed_in_one_query(case) <= 0:
        return
    state = queries.state(case)  # only to name what is owed
    if state.owed > 0:
        names = "、".join(f.name for f in state.lines)
        raise Conflict(f"该办件尚欠缴费用 {yuan(state.owed)}（{names}，应收 {yuan(state.assessed)}，"
                       f"已缴 {yuan(state.paid)}），缴清后才能颁发、办结。", code="fee_unpaid", field="action")


def may_record(user, case: Case) -> bool:
    return getattr(user, "role", None) in RECORDING_ROLES and handles(user, case.applicant, case)


def _transaction_id(value: str) -> str:
    value = (value or "").strip()
    if len(value) > TRANSACTION_ID_MAX:
        raise DomainError(f"交易流水号过长（最多 {TRANSACTION_ID_MAX} 个字符）。", code="transaction_id",
                          field="transaction_id")
    return value


def _same_payment(existing: Payment, case: Case, amount: Decimal, transaction_id: str) -> Payment:
    """A transaction id reported again: the same payment is the first answer; anything else is a 409."""
    if existing.case_id != case.pk:
        raise Conflict(f"交易流水号 {transaction_id} 已登记为办件 {existing.case.number} 的缴费（{yuan(existing.amount)}），"
                       f"不能再登记到办件 {case.number}。", code="transaction_conflict", field="transaction_id")
    if existing.amount != amount:
        raise Conflict(f"交易流水号 {transaction_id} 已登记为一笔 {yuan(existing.amount)} 的缴费，"
                       f"与本次报送的金额 {yuan(amount)} 不一致，未重复登记。", code="transaction_conflict",
                       field="transaction_id")
    existing.replayed = True
    return existing


def record_payment(case: Case, *, actor, amount, method: str, transaction_id: str = "", payer: str = "",
                   paid_at: dt.datetime | None = None, at: dt.datetime | None = None) -> Payment:
    """Record a payment towards the case's fees; returns it (``replayed`` True when the platform's
    transaction id was already recorded with the same case and amount — nothing new is written).

    Refused: someone who does not handle the case; a case with nothing assessed or closed; an amount
    that is not positive, has more than 2 decimals or exceeds what is owed; an unknown method; a
    transaction id already used for another amount or case (409).
    """
    if not may_record(actor, case):
        raise Forbidden("只有办理该办件的窗口人员或本部门业务系统可以登记缴费。", code="fees_forbidden")
    amount = parse_amount(amount, field="amount", what="缴费金额")
    if method not in PaymentMethod.values:
        raise DomainError(f"请选择缴费方式：{'、'.join(PaymentMethod.labels)}。", code="payment_method", field="method")
    transaction_id = _transaction_id(transaction_id)
    platform = getattr(actor, "role", None) == "api_client"
    if platform and not transaction_id:
        raise DomainError("支付平台报送缴费须提供交易流水号（transaction_id）。", code="transaction_id_required",
                          field="transaction_id")
    at = at or timezone.now()
    paid_at = paid_at or at
    if timezone.is_naive(paid_at):
        paid_at = timezone.make_aware(paid_at)
    if paid_at > timezone.now() + dt.timedelta(minutes=5):
        raise DomainError("缴费时间不能晚于当前时间。", code="paid_at_in_future", field="paid_at")
    payer = (payer or "").strip()[:100]
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if transaction_id:
            existing = Payment.objects.select_related("case").filter(transaction_id=transaction_id).first()
            if existing is not None:
                return _same_payment(existing, case, amount, transaction_id)
        state = queries.state(locked)
        if not state.lines:
            raise Conflict(f"办件 {case.number} 没有应缴费用，无需缴费。", code="nothing_to_pay", field="amount")
        if locked.status in CLOSED:
            raise Conflict(f"办件 {case.number} 当前状态为“{lifecycle.label(locked.status)}”，不能再登记缴费。",
                           code="case_closed", field="amount")
        if state.owed == 0:
            raise Conflict(f"办件 {case.number} 的费用已缴清（共 {yuan(state.paid)}），不能重复缴费。",
                           code="already_paid", field="amount")
        if amount > state.owed:
            raise DomainError(f"缴费金额 {yuan(amount)} 超过尚欠金额 {yuan(state.owed)}，请按尚欠金额缴费。",
                              code="overpayment", field="amount")
        try:
            with transaction.atomic():
                payment = Payment.objects.create(
                    case=locked, amount=amount, method=method, channel=Payment.PLATFORM if platform else Payment.WINDOW,
                    transaction_id=transaction_id, payer=payer, paid_at=paid_at, recorded_at=at, recorded_by=actor)
        except IntegrityError:  # the same transaction id committed meanwhile for another case
            existing = Payment.objects.select_related("case").get(transaction_id=transaction_id)
            return _same_payment(existing, case, amount, transaction_id)
        left = state.owed - amount
        case_event(locked, "fee_paid", at=at, actor=actor,
                   note=f"{payment.get_method_display()}缴费 {yuan(amount)}"
                        + (f"（交易流水号 {transaction_id}）" if transaction_id else "")
                        + ("，费用已缴清" if left == 0 else f"，尚欠 {yuan(left)}"),
                   data={"amount": f"{amount:.2f}", "method": method, "transaction_id": transaction_id,
                         "owed": f"{left:.2f}"})
    payment.replayed = False
    return payment
