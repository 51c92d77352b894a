"""A department user sees and acts for its own department only — enforced in queries."""
from datetime import date

import pytest

from zwfw.accounts.models import Role, User
from zwfw.accounts.scoping import (
    can_edit, ensure_can_act, ensure_may, ensure_not_read_only, scope, visible_departments,
)
from zwfw.catalog.models import Department, Matter, PowerType
from zwfw.errors import Forbidden

pytestmark = pytest.mark.django_db


@pytest.fixture
def hall():
    permit = PowerType.objects.get_or_create(code="01", defaults={"name": "行政许可", "category": "permit"})[0]
    forestry = Department.objects.create(code="T-LCJ", name="四川省林业和草原局", short_name="省林草局", display_order=21)
    drugs = Department.objects.create(code="T-YJJ", name="四川省药品监督管理局", short_name="省药监局", display_order=22)
    for dept, names in [(forestry, ["林木采伐许可证核发", "林草种子生产经营许可证核发"]),
                        (drugs, ["药品零售企业经营许可", "医疗器械经营许可", "药品生产许可"])]:
        for i, name in enumerate(names):
            Matter.objects.create(code=f"{dept.code}-{i}", name=name, department=dept, power_type=permit,
                                  valid_from=date(2023, 1, 1))
    return {"forestry": forestry, "drugs": drugs}


def make_user(role, department=None, **extra):
    return User.objects.create_user(username=f"{role}-{department.code if department else 'hall'}",
                                    password="pw-12345678", role=role, department=department, **extra)


def names(qs):
    return sorted(m.name for m in qs)


def test_department_clerk_sees_only_own_departments_matters(hall):
    clerk = make_user(Role.DEPARTMENT_CLERK, hall["forestry"])
    assert names(scope(clerk, Matter.objects.all(), field="department")) == ["林木采伐许可证核发", "林草种子生产经营许可证核发"]
    assert list(visible_departments(clerk)) == [hall["forestry"]]


def test_approver_and_api_client_are_bound_too(hall):
    for role in (Role.APPROVER, Role.API_CLIENT):
        user = make_user(role, hall["drugs"])
        assert "药品零售企业经营许可" in names(scope(user, Matter.objects.all()))
        assert "林木采伐许可证核发" not in names(scope(user, Matter.objects.all()))


@pytest.mark.parametrize("role", [Role.CENTRE_STAFF, Role.LEADER, Role.COMPREHENSIVE_CLERK])
def test_hall_wide_roles_see_every_department(hall, role):
    user = make_user(role)
    assert scope(user, Matter.objects.all()).count() == Matter.objects.count() == 5
    assert set(visible_departments(user)) >= {hall["forestry"], hall["drugs"]}


def test_superuser_sees_everything(hall):
    admin = User.objects.create_superuser(username="root", password="pw-12345678")
    assert scope(admin, Matter.objects.all()).count() == 5


def test_applicant_inactive_and_unbound_users_see_nothing(hall):
    applicant = make_user(Role.APPLICANT)
    assert scope(applicant, Matter.objects.all()).count() == 0
    unbound = User.objects.create_user(username="nobody", password="pw-12345678", role=Role.DEPARTMENT_CLERK)
    assert scope(unbound, Matter.objects.all()).count() == 0
    gone = make_user(Role.DEPARTMENT_CLERK, hall["forestry"], is_active=False)
    assert scope(gone, Matter.objects.all()).count() == 0


def test_scope_follows_a_longer_path(hall):
    clerk = make_user(Role.DEPARTMENT_CLERK, hall["drugs"])
    # A queryset whose department is reached through a relation.
    depts = scope(clerk, Department.objects.filter(matters__isnull=False).distinct(), field="matters__department")
    assert list(depts) == [hall["drugs"]]


def test_clerk_cannot_act_for_another_department(hall):
    clerk = make_user(Role.DEPARTMENT_CLERK, hall["forestry"])
    ensure_can_act(clerk, hall["forestry"])
    with pytest.raises(Forbidden) as e:
        ensure_can_act(clerk, hall["drugs"])
    assert e.value.code == "forbidden_department"
    assert e.value.message == "您只能办理本部门（省林草局）的业务。"
    with pytest.raises(Forbidden, match="省林草局"):
        ensure_can_act(clerk, hall["drugs"].pk)


def test_comprehensive_clerk_acts_for_any_department_but_leader_never(hall):
    clerk = make_user(Role.COMPREHENSIVE_CLERK)
    ensure_can_act(clerk, hall["drugs"])
    leader = make_user(Role.LEADER)
    assert not can_edit(leader)
    with pytest.raises(Forbidden, match="中心领导账户只能查看，不能修改数据"):
        ensure_not_read_only(leader)
    with pytest.raises(Forbidden) as e:
        ensure_can_act(leader, hall["drugs"])
    assert e.value.code == "read_only"


def test_applicant_cannot_act_for_a_department_and_roles_are_checked(hall):
    applicant = make_user(Role.APPLICANT)
    with pytest.raises(Forbidden, match="申请人不能办理部门业务"):
        ensure_can_act(applicant, hall["forestry"])
    clerk = make_user(Role.DEPARTMENT_CLERK, hall["forestry"])
    with pytest.raises(Forbidden, match="部门窗口人员不能编发窗口工作周报"):
        ensure_may(clerk, "publish_briefing")
