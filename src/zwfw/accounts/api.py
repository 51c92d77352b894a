"""GET /api/accounts/me — who the caller is acting as."""
from ninja import Router, Schema

from zwfw.accounts import roles
from zwfw.accounts.auth import API_AUTH

router = Router(tags=["账户与角色"])


class MeOut(Schema):
    username: str
    display_name: str
    role: str
    role_label: str
    department: str | None
    department_code: str | None
    read_only: bool


@router.get("/me", response=MeOut, auth=API_AUTH, summary="当前调用者的身份、角色和所属部门")
def me(request):
    user = request.auth
    dept = user.department
    return {
        "username": user.username,
        "display_name": str(user),
        "role": user.role,
        "role_label": roles.label(user.role),
        "department": dept.name if dept else None,
        "department_code": dept.code if dept else None,
        "read_only": roles.is_read_only(user.role),
    }
