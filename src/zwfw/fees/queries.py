"""Readers: what a case owes and has paid, for pages, the API, documents and the lifecycle gate."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from zwfw.catalog.models import ServiceGuide
from zwfw.money import capital, yuan

from .models import FeeLine, Payment

ZERO = Decimal("0.00")


def assessed(case) -> Decimal:
    return FeeLine.objects.filter(case=case).aggregate(s=Sum("amount"))["s"] or ZERO


def paid(case) -> Decimal:
    return Payment.objects.filter(case=case).aggregate(s=Sum("amount"))["s"] or ZERO


def owed_in_one_query(case) -> Decimal:
    """Assessed minus paid in one statement (the lifecycle's gate runs it on every 颁发 and 办结)."""
    from django.db.models import DecimalField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    from zwfw.cases.models import Case

    def total(model):
        return Coalesce(Subquery(model.objects.filter(case=OuterRef("pk")).values("case").annotate(s=Sum("amount"))
                                 .values("s")), Value(ZERO), output_field=DecimalField(max_digits=12, decimal_places=2))

    row = Case.objects.filter(pk=case.pk).annotate(a=total(FeeLine), p=total(Payment)).values("a", "p").first()
    return (row["a"] - row["p"]) if row else ZERO


def owed(case) -> Decimal:
    """What is still to pay (never below zero: overpayment is refused when recorded)."""
    return max(assessed(case) - paid(case), ZERO)


@dataclass
class FeeState:
    lines: list = field(default_factory=list)
    payments: list = field(default_factory=list)
    assessed: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def owed(self) -> Decimal:
        return max(self.assessed - self.paid, ZERO)

    @property
    def settled(self) -> bool:
        return bool(self.lines) and self.owed == 0

    def as_dict(self) -> dict:
        """The API's answer: amounts as strings with 2 decimals (never float)."""
        return {
            "assessed": f"{self.assessed:.2f}", "paid": f"{self.paid:.2f}", "owed": f"{self.owed:.2f}",
            "settled": self.settled,
            "items": [{"name": f.name, "rule": f.rule, "unit_price": f"{f.unit_price:.2f}", "unit": f.unit,
                       "quantity": f.quantity, "amount": f"{f.amount:.2f}", "legal_basis": f.legal_basis}
                      for f in self.lines],
            "payments": [payment_dict(p) for p in self.payments],
        }


def payment_dict(p: Payment) -> dict:
    return {"id": p.pk, "amount": f"{p.amount:.2f}", "method": p.method, "method_label": p.get_method_display(),
            "channel": p.channel, "transaction_id": p.transaction_id, "paid_at": p.paid_at.isoformat()}


def state(case) -> FeeState:
    lines = list(FeeLine.objects.filter(case=case).order_by("position", "id"))
    payments = list(Payment.objects.filter(case=case).select_related("recorded_by").order_by("paid_at", "id"))
    return FeeState(lines=lines, payments=payments, assessed=sum((f.amount for f in lines), ZERO),
                    paid=sum((p.amount for p in payments), ZERO))


def document_values(case) -> dict[str, str]:
    """The fee placeholders of the documents (缴费通知书, 缴费凭证)."""
    s = state(case)
    bases = list(dict.fromkeys(f.legal_basis for f in s.lines if f.legal_basis))
    items = "\n\n".join(  # one basis for all: said once in the sentence, not after each item
        f"{n}. {f.name}：" + (f"{yuan(f.unit_price)}/{f.unit} × {f.quantity}{f.unit} = {yuan(f.amount)}"
                              if f.rule == "per_unit" else yuan(f.amount))
        + (f"（收费依据：{f.legal_basis}）" if len(bases) > 1 else "")
        for n, f in enumerate(s.lines, 1))
    payments = "\n\n".join(
        f"第 {n} 笔缴费：{timezone.localtime(p.paid_at):%Y-%m-%d %H:%M}，{p.get_method_display()}，{yuan(p.amount)}"
        + (f"（交易流水号 {p.transaction_id}）" if p.transaction_id else "")
        for n, p in enumerate(s.payments, 1))
    where = where_to_pay(case)
    return {
        "fee_items": items,
        "fee_legal_basis": "、".join(bases),
        "fee_total": yuan(s.assessed) if s.lines else "",
        "fee_total_capital": capital(s.assessed) if s.lines else "",
        "fee_paid": yuan(s.paid) if s.payments else "",
        "fee_paid_capital": capital(s.paid) if s.payments else "",
        "fee_owed": yuan(s.owed) if s.lines else "",
        "fee_payments": payments,
        "fee_where_to_pay": where,
    }


def where_to_pay(case) -> str:
    """How and where the applicant pays, from the guide's place of application."""
    place = (ServiceGuide.objects.filter(item_id=case.item_id).values_list("where_to_apply", flat=True).first()
             or "").strip().rstrip("。")
    window = f"到{place}" if place else f"到{case.department.name}窗口"
    return f"{window}以现金、银行卡或扫码方式缴纳，或通过统一公共支付平台在线缴纳"
