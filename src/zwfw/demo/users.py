"""Demo logins, one or more for every role. Safe to re-run (passwords are reset)."""
from __future__ import annotations

from django.contrib.auth.hashers import make_password

from zwfw.accounts.models import Role, User
from zwfw.catalog.models import Department

DEMO_PASSWORD = "zwfw-demo-2026"

# (username, display name, role, department code or None)
DEMO_USERS = [
    ("admin", "系统管理员", Role.CENTRE_STAFF, None),
    ("zhongxin", "王平台", Role.CENTRE_STAFF, None),
    ("lingdao", "李主任", Role.LEADER, None),
    ("zongchuang", "陈综窗", Role.COMPREHENSIVE_CLERK, None),
    ("lcj", "赵林草", Role.DEPARTMENT_CLERK, "lcj"),
    ("lcj-shenpi", "钱审批", Role.APPROVER, "lcj"),
    ("wjw", "孙卫健", Role.DEPARTMENT_CLERK, "wjw"),
    ("wjw-shenpi", "周审批", Role.APPROVER, "wjw"),
    ("swt", "吴商务", Role.DEPARTMENT_CLERK, "swt"),
    ("lcj-api", "省林草局业务系统", Role.API_CLIENT, "lcj"),
    ("shenqingren", "张三", Role.APPLICANT, None),
]


def load_users() -> list[tuple[str, str, str]]:
    """Create or reset the demo logins; returns (username, role label, department) rows."""
    depts = {d.code: d for d in Department.objects.all()}
    # One hash for all demo logins: they share a published password, and hashing is the slow part.
    password = make_password(DEMO_PASSWORD)
    rows = []
    for username, name, role, dept_code in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.display_name = name
        user.role = role
        user.department = depts.get(dept_code) if dept_code else None
        user.is_staff = role == Role.CENTRE_STAFF
        user.is_superuser = username == "admin"
        user.password = password
        user.save()
        rows.append((username, Role(role).label, user.department.name if user.department else ""))
    return rows
