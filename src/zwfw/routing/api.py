"""/api/routing: the offices and approvers a department's system may transfer a case to."""
from __future__ import annotations

from ninja import Router

from zwfw.accounts.auth import API_AUTH
from zwfw.accounts.scoping import visible_departments
from zwfw.errors import NotFound

from .queries import approvers_of, offices_of

router = Router(tags=["流转"], auth=API_AUTH)


@router.get("/offices", summary="本部门的科室（处室）和审批人员（流转、改派时的可选去向）")
def offices(request, department: str = ""):
    """A department-bound caller gets its own department; hall-wide roles name one with ``department``."""
    depts = visible_departments(request.auth)
    if department.strip():
        dept = depts.filter(code=department.strip()).first()
    else:
        dept = depts.first() if depts.count() == 1 else None
    if dept is None:
        raise NotFound("请用 department 指定部门代码（只能查看本部门）。", field="department")
    return {
        "department": dept.code,
        "offices": [{"code": o.code, "name": o.name} for o in offices_of(dept)],
        "approvers": [{"username": u.username, "name": str(u),
                       "office": u.office_membership.office.code if hasattr(u, "office_membership") else ""}
                      for u in approvers_of(dept)],
    }
