"""Roles and abilities (pure, no database)."""
import pytest

from zwfw.accounts import roles
from zwfw.accounts.models import Role


def test_every_role_has_the_chinese_label_of_the_model():
    assert {code: str(label) for code, label in Role.choices} == roles.LABELS


def test_department_bound_roles():
    assert roles.is_department_bound("department_clerk")
    assert roles.is_department_bound("approver")
    assert roles.is_department_bound("api_client")
    assert not roles.is_department_bound("comprehensive_clerk")
    assert not roles.is_department_bound("centre_staff")


def test_leaders_read_everything_and_never_edit():
    assert roles.sees_all_departments("leader")
    assert roles.is_read_only("leader")
    assert not roles.may_edit("leader")
    assert not any(roles.may("leader", ability) for ability in roles.ABILITIES)


@pytest.mark.parametrize("role,ability,allowed", [
    ("approver", "issue_licence", True),              # 电子证照签发
    ("applicant", "issue_licence", False),
    ("centre_staff", "publish_briefing", True),
    ("department_clerk", "publish_briefing", False),
    ("applicant", "rate_service", True),
    ("centre_staff", "keep_calendar", True),
    ("approver", "keep_calendar", False),
])
def test_who_may_do_what(role, ability, allowed):
    assert roles.may(role, ability) is allowed


def test_superusers_may_do_anything_and_unknown_abilities_are_a_bug():
    assert roles.may("applicant", "publish_briefing", is_superuser=True)
    with pytest.raises(KeyError):
        roles.may("centre_staff", "fly")
