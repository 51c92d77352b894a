"""The ends before a decision: 撤回 (the applicant withdraws) and 终止 (the organ terminates)."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from . import lifecycle
from .acceptance import local_date
from .models import Case
from .steps import _act, _begin, _close_suspension


@transaction.atomic
def withdraw(case: Case, *, actor, version, reason: str = "", at=None, calendar=None) -> Case:
    """撤回: the applicant withdraws before the decision (online, or asking at the window). The case ends."""
    at = at or timezone.now()
    _begin(case, "withdraw", actor, version)
    where = "申请人网上撤回申请" if getattr(actor, "role", None) == "applicant" else "申请人在窗口申请撤回"
    reason = (reason or "").strip()
    note = f"{where}{'：' + reason if reason else ''}"
    fields = _close_suspension(case, calendar, local_date(at))
    return _act(case, "withdraw", actor=actor, version=version, at=at, note=note, reason=note,
                data={"online": getattr(actor, "role", None) == "applicant"}, **fields)


@transaction.atomic
def terminate(case: Case, *, actor, version, kind: str = "", reason: str = "", at=None, calendar=None) -> Case:
    """终止: the case can no longer be decided (applicant dissolved or deceased, matter no longer
    needing a permit). The case ends with the ground and the details."""
    at = at or timezone.now()
    _begin(case, "terminate", actor, version)
    ground = lifecycle.termination_reason((kind or "").strip())
    reason = (reason or "").strip()
    text = f"{ground}{'：' + reason if reason else ''}"
    fields = _close_suspension(case, calendar, local_date(at))
    return _act(case, "terminate", actor=actor, version=version, at=at, note=text, reason=text,
                data={"ground": kind.strip()}, **fields)
