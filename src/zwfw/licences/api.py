"""/api/licences: public verification by identifier; licences of one's department; revoke and renew."""
from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from zwfw import ratelimit
from zwfw.accounts.auth import API_AUTH
from zwfw.accounts.scoping import scope
from zwfw.paging import keyset_page

from . import queries, services
from .models import Licence

router = Router(tags=["电子证照"])


class VerificationOut(Schema):
    identifier: str
    status: str
    status_label: str
    kind: str
    issuer: str
    holder: str
    holder_id: str
    issued_on: dt.date
    valid_from: dt.date
    valid_until: dt.date | None
    deemed_renewal: bool
    revoked_on: dt.date | None
    revoked_reason: str
    superseded_by: str | None
    checked_on: dt.date


class LicenceOut(Schema):
    id: int
    identifier: str
    kind: str
    holder: str
    issuer: str
    case_number: str | None
    issued_on: dt.date
    valid_until: dt.date | None
    status: str
    status_label: str


class ReasonIn(Schema):
    reason: str


def _out(licence: Licence) -> dict:
    return {"id": licence.pk, "identifier": licence.identifier, "kind": licence.kind.name,
            "holder": licence.holder.name, "issuer": licence.issuer.name,
            "case_number": licence.case.number if licence.case_id else None, "issued_on": licence.issued_on,
            "valid_until": licence.valid_until, "status": str(licence.status_on()), "status_label": licence.status_label()}


@router.get("/verify/{identifier}", response=VerificationOut, auth=None, summary="核验电子证照（公开）")
def verify(request, identifier: str, on: dt.date | None = None):
    ratelimit.check(request, "verify")
    """Anyone holding the identifier may check it; the holder's name and ID are masked."""
    return queries.verify(identifier, on=on).__dict__


def _licences(request):
    return scope(request.auth, Licence.objects.select_related("kind", "holder", "issuer", "case", "superseded_by"),
                 field="issuer")


@router.get("/", response=list[LicenceOut], auth=API_AUTH, summary="本部门签发的电子证照（游标分页，新证在前）")
def licences(request, response: HttpResponse, holder_id_number: str | None = None, limit: int = 100,
             cursor: str = ""):
    """The next page's cursor is in ``X-Next-Cursor`` (and a ``Link: rel="next"`` header), absent on the last."""
    qs = _licences(request)
    if holder_id_number:
        qs = qs.filter(holder__id_number=holder_id_number.strip().upper())
    return [_out(x) for x in keyset_page(request, response, qs, limit=limit, maximum=1000, cursor=cursor)]


@router.post("/{licence_id}/revoke", response=LicenceOut, auth=API_AUTH, summary="撤销电子证照")
def revoke(request, licence_id: int, body: ReasonIn):
    licence = get_object_or_404(_licences(request), pk=licence_id)
    return _out(services.revoke(licence, actor=request.auth, reason=body.reason))


@router.post("/{licence_id}/renew", response=LicenceOut, auth=API_AUTH, summary="延续电子证照（签发新版本）")
def renew(request, licence_id: int):
    licence = get_object_or_404(_licences(request), pk=licence_id)
    return _out(services.renew(licence, actor=request.auth))
