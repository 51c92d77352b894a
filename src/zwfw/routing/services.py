"""Routing a case inside its department: 流转 to a chosen office or approver, 退回 to the window,
改派 to another office or approver. Each is one lifecycle step (``cases.steps``): the case written,
one event appended and counted, and the assignment (where the case is now) in the same transaction.

Choices are limited to the case's own department: any other office or person is refused at its field.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zwfw.accounts import roles
from zwfw.cases.steps import _act, _begin, _reason
from zwfw.errors import DomainError, Forbidden

from .models import CaseAssignment, Office, OfficeMember
from .queries import approvers_of, offices_of


@dataclass(frozen=True)
class Route:
    """A checked destination inside the case's department."""
    office: Office | None
    approver: object | None   # accounts.User
    label: str                # 流转去向 as the timeline and the documents show it

    @property
    def data(self) -> dict:
        return {"to": self.label, "office": self.office.code if self.office else "",
                "approver": self.approver.username if self.approver else ""}


def _names(values) -> str:
    return "、".join(values) or "（本部门尚未设置）"


def choose(case, *, office="", approver="") -> Route | None:
    """The destination ``office`` (code or id) / ``approver`` (username or id) of ``case``'s department.

    DomainError at the field for anything outside the department; None when no choice is made and the
    department has no offices set up (the case then goes to the department's back office as a whole).
    """
    office, approver = str(office or "").strip(), str(approver or "").strip()
    dept = case.department
    offices = offices_of(dept)
    people = approvers_of(dept) if approver else []  # one query less on the usual path (an office chosen)
    chosen_office = chosen_person = None
    if office:
        chosen_office = next((o for o in offices if office in (o.code, str(o.pk))), None)
        if chosen_office is None:
            raise DomainError(f"只能流转至本部门（{dept.name}）的科室：{_names(o.name for o in offices)}。",
                              code="office_not_in_department", field="office")
    if approver:
        chosen_person = next((u for u in people if approver in (u.username, str(u.pk))), None)
        if chosen_person is None:
            raise DomainError(f"只能流转给本部门（{dept.name}）的审批人员：{_names(str(u) for u in people)}。",
                              code="approver_not_in_department", field="approver")
        own = getattr(getattr(chosen_person, "office_membership", None), "office", None)
        if chosen_office is not None and own is not None and own.pk != chosen_office.pk:
            raise DomainError(f"{chosen_person}不在{chosen_office.name}，请重新选择。",
                              code="approver_not_in_office", field="approver")
        chosen_office = chosen_office or own
    if chosen_office is None and chosen_person is None:
        if offices:
            raise DomainError("请选择流转至本部门的科室或审批人员。", code="route_required", field="office")
        return None
    label = chosen_office.name if chosen_office else dept.name
    if chosen_person is not None:
        label = f"{label}（{chosen_person}）"
    return Route(chosen_office, chosen_person, label)


def _assign(case, route: Route | None, at, **returned) -> None:
    values = {"office": route.office if route else None, "approver": route.approver if route else None,
              "returned_reason": "", "returned_at": None, "updated_at": at} | returned
    return _write(case, values)


def _write(case, values: dict) -> None:
    """UPDATE, or INSERT the first time: no savepoint, no read. Concurrent steps on one case are already
    serialised by the case's conditional version UPDATE earlier in the same transaction (it locks the row)."""
    if not CaseAssignment.objects.filter(case=case).update(**values):
        CaseAssignment.objects.create(case=case, **values)


@transaction.atomic
def transfer(case, *, actor, version, office="", approver="", at=None):
    """流转 to a chosen office or approver of the case's department (each transfer is counted)."""
    at = at or timezone.now()
    _begin(case, "transfer", actor, version)
    route = choose(case, office=office, approver=approver)
    to = route.label if route else f"{case.department.name}审批处室"
    _act(case, "transfer", actor=actor, version=version, at=at, note=f"流转至{to}",
         data=route.data if route else {"to": to})
    if route is not None:
        _assign(case, route, at)
    else:
        CaseAssignment.objects.filter(case=case).delete()
    return case


@transaction.atomic
def return_to_window(case, *, actor, version, reason="", at=None):
    """退回 from the back office to the window that handed the case over, with the reason (required).

    The case is back to 已受理 at the window: the window sees it in its worklist with the reason, and
    transfers it again once the matter is put right. The clock keeps running."""
    at = at or timezone.now()
    _begin(case, "return", actor, version)
    reason = _reason(reason, "退回理由")
    _act(case, "return", actor=actor, version=version, at=at, note=f"退回窗口：{reason}", data={"reason": reason})
    _write(case, {"office": None, "approver": None, "returned_reason": reason, "returned_at": at, "updated_at": at})
    return case


def is_department_lead(user, department) -> bool:
    return OfficeMember.objects.filter(user=user, lead=True, office__department=department).exists()


def may_reassign(user, case) -> bool:
    """The department's lead (部门审批负责人) or centre staff (and superusers)."""
    if user is None or not getattr(user, "is_active", False):
        return False
    if getattr(user, "is_superuser", False) or getattr(user, "role", None) == roles.CENTRE_STAFF:
        return True
    return (getattr(user, "role", None) == roles.APPROVER and user.department_id == case.department_id
            and is_department_lead(user, case.department))


@transaction.atomic
def reassign(case, *, actor, version, office="", approver="", reason="", at=None):
    """改派 to another office or approver of the same department, by its lead or centre staff, with reason."""
    at = at or timezone.now()
    _begin(case, "reassign", actor, version)
    if not may_reassign(actor, case):
        raise Forbidden("只有本部门审批负责人或政务平台服务处人员可以改派。", code="not_lead", field="action")
    reason = _reason(reason, "改派理由")
    route = choose(case, office=office, approver=approver)
    if route is None:
        raise DomainError("本部门尚未设置科室和审批人员，无法改派。", code="no_offices", field="office")
    now = CaseAssignment.objects.filter(case=case).first()
    if now is not None and (now.office_id, now.approver_id) == (
            getattr(route.office, "pk", None), getattr(route.approver, "pk", None)):
        raise DomainError(f"该办件已由{route.label}承办，请选择其他科室或审批人员。", code="same_route",
                          field="approver" if route.approver else "office")
    before = _current_label(now)
    _act(case, "reassign", actor=actor, version=version, at=at,
         note=f"改派{('：由' + before) if before else ''}至{route.label}（{reason}）",
         data=route.data | {"reason": reason, "from": before})
    _assign(case, route, at)
    return case


def _current_label(assignment) -> str:
    if assignment is None:
        return ""
    parts = [assignment.office.name if assignment.office_id else "",
             f"（{assignment.approver}）" if assignment.approver_id else ""]
    return "".join(parts)


# ---- offices as data (the admin and the demo use these) ------------------------------------------

def check_member(user, office: Office) -> None:
    """Only the office's department's own approvers and clerks work in it."""
    if getattr(user, "role", None) not in (roles.APPROVER, roles.DEPARTMENT_CLERK):
        raise DomainError(f"{user}（{roles.label(getattr(user, 'role', ''))}）不能加入科室：科室人员应为本部门的审批人员或部门窗口人员。",
                          code="member_role", field="user")
    if user.department_id != office.department_id:
        raise DomainError(f"{user}不是{office.department.name}的人员，不能加入{office.name}。",
                          code="member_department", field="user")


@transaction.atomic
def add_office(*, department, code: str, name: str, order: int = 0) -> Office:
    code, name = (code or "").strip(), (name or "").strip()
    if not code or not name:
        raise DomainError("请填写科室代码和名称。", code="office_required", field="name" if code else "code")
    office, _ = Office.objects.update_or_create(department=department, code=code,
                                                defaults={"name": name, "order": order, "active": True})
    return office


@transaction.atomic
def add_member(*, user, office: Office, lead: bool = False) -> OfficeMember:
    """Put ``user`` in ``office`` (a person works in one office: a move replaces the old membership)."""
    check_member(user, office)
    member, _ = OfficeMember.objects.update_or_create(user=user, defaults={"office": office, "lead": lead})
    return member
