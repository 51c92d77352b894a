"""Demo offices: every department gets 2–4 offices (科室/处室), each with its approver; the first
office's approver is the department's lead (may reassign). Safe to re-run (brought up to date)."""
from __future__ import annotations

from django.contrib.auth.hashers import make_password

from zwfw.accounts.models import Role, User
from zwfw.catalog.models import Department

from . import services

#: (code, name) in the order a department has them.
OFFICES = [("xzsp", "行政审批处"), ("zcfg", "政策法规处"), ("jdgl", "监督管理处"), ("jssc", "技术审查处")]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
#: Approvers that already have a demo login (zwfw.demo.users): they head their department's first office.
EXISTING = {"lcj": "lcj-shenpi", "wjw": "wjw-shenpi"}


def load_offices(password: str) -> dict:
    """Create or update the demo offices and their approvers; returns counts for the command's summary."""
    hashed = make_password(password)
    offices = approvers = 0
    for n, dept in enumerate(Department.objects.order_by("display_order", "id")):
        for k, (code, name) in enumerate(OFFICES[:2 + n % 3]):
            office = services.add_office(department=dept, code=code, name=name, order=k + 1)
            offices += 1
            username = EXISTING.get(dept.code) if k == 0 and dept.code in EXISTING else f"{dept.code}-sp{k + 1}"
            user, created = User.objects.get_or_create(username=username, defaults={
                "role": Role.APPROVER, "department": dept, "password": hashed,
                "display_name": f"{SURNAMES[(n * 4 + k) % len(SURNAMES)]}{'审批' if k else '处长'}"})
            if created or user.department_id != dept.pk:
                user.role, user.department = Role.APPROVER, dept
                user.save(update_fields=["role", "department"])
            services.add_member(user=user, office=office, lead=k == 0)
            approvers += 1
    return {"offices": offices, "approvers": approvers}
