"""咨询: registered at a window, counted in 人次; no case is opened."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from zwfw.accounts.scoping import ensure_can_act, ensure_may
from zwfw.errors import DomainError

from .events import append_event


@transaction.atomic
def register_consultation(*, actor, matter=None, department=None, people: int = 1, topic: str = "", at=None):
    """Record ``people`` consultations (one event per person, 人次). Returns the events.

    The department is the matter's, or the one given, or the clerk's own department.
    """
    ensure_may(actor, "register_consultation")
    at = at or timezone.now()
    if matter is not None:
        if department is not None and department.pk != matter.department_id:
            raise DomainError(f"事项“{matter.name}”不属于{department.name}。", field="department")
        department = matter.department
    department = department or getattr(actor, "department", None)
    if department is None:
        raise DomainError("请选择咨询涉及的部门或事项。", code="department_required", field="department")
    if getattr(actor, "role", None) != "comprehensive_clerk":
        ensure_can_act(actor, department)
    try:
        people = int(people)
    except (TypeError, ValueError):
        raise DomainError("咨询人数应为整数。", field="people") from None
    if not 1 <= people <= 200:
        raise DomainError("咨询人数应在 1 到 200 之间。", field="people")
    data = {"matter": matter.code if matter else "", "matter_name": matter.name if matter else ""}
    return [
        append_event("consulted", at=at, department=department, actor=actor,
                     power_type_id=matter.power_type_id if matter else None,
                     note=(topic or "").strip()[:500], data=data)
        for _ in range(people)
    ]
