"""/api/cases/{number}/fees and /api/cases/{number}/payments: what a case owes, and the payment
platform reporting a payment (as the department's API key).

A payment is recorded once per platform transaction id: the same id reported again is the same
payment and the same answer (200, ``replayed``); the same id with another amount or case is 409.
"""
from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from ninja.responses import Status

from zwfw.accounts.auth import API_AUTH
from zwfw.cases.queries import case_for

from . import queries, services
from .models import PaymentMethod

router = Router(tags=["收费"], auth=API_AUTH)


class PaymentIn(Schema):
    amount: str | int | float
    method: str = PaymentMethod.PLATFORM
    transaction_id: str = ""
    payer: str = ""
    paid_at: dt.datetime | None = None


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


def _answer(case, payment=None) -> dict:
    body = {"case_number": case.number, **queries.state(case).as_dict()}
    if payment is not None:
        body["payment"] = queries.payment_dict(payment) | {"replayed": payment.replayed}
    return body


@router.get("/{number}/fees", response={200: dict, 404: ErrorOut}, summary="办件的应收、已缴和尚欠费用")
def get_fees(request, number: str):
    return _answer(case_for(request.auth, number))


@router.post("/{number}/payments", response={200: dict, 201: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                                             409: ErrorOut},
             summary="登记缴费（支付平台按交易流水号报送，同一流水号只登记一次）")
def post_payment(request, number: str, payload: PaymentIn):
    case = case_for(request.auth, number)
    payment = services.record_payment(case, actor=request.auth, amount=payload.amount, method=payload.method,
                                      transaction_id=payload.transaction_id, payer=payload.payer,
                                      paid_at=payload.paid_at)
    return Status(200 if payment.replayed else 201, _answer(case, payment))
