"""API keys: issued once, hashed, accepted while active, refused once revoked."""
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from zwfw.accounts import services
from zwfw.accounts.models import ApiKey, Role, User
from zwfw.catalog.models import Department
from zwfw.errors import DomainError, NotFound

pytestmark = pytest.mark.django_db


@pytest.fixture
def forestry():
    return Department.objects.create(code="T-LCJ", name="四川省林业和草原局", short_name="省林草局")


def me(client, **headers):
    return client.get("/api/accounts/me", headers=headers)


def test_a_valid_key_acts_for_its_department(forestry):
    key, plain = services.issue_api_key(forestry, "审批系统对接")
    assert plain.startswith(f"zwfw_{key.prefix}_")
    assert plain not in key.hashed_key and len(key.hashed_key) == 64
    r = me(Client(), **{"X-API-Key": plain})
    assert r.status_code == 200
    assert r.json() == {
        "username": f"api-T-LCJ-{key.prefix}", "display_name": "省林草局接口（审批系统对接）", "role": "api_client",
        "role_label": "接口调用方",
        "department": "四川省林业和草原局", "department_code": "T-LCJ", "read_only": False,
    }
    key.refresh_from_db()
    assert key.last_used_at is not None
    principal = User.objects.get(username=f"api-T-LCJ-{key.prefix}")
    assert principal.role == Role.API_CLIENT and principal.department == forestry
    assert not principal.has_usable_password()


def test_revoked_and_unknown_keys_are_refused_in_chinese(forestry):
    key, plain = services.issue_api_key(forestry, "审批系统对接")
    services.revoke(key.prefix)
    r = me(Client(), **{"X-API-Key": plain})
    assert r.status_code == 401
    assert r.json()["code"] == "invalid_api_key" and "已吊销" in r.json()["message"]
    r = me(Client(), **{"X-API-Key": "zwfw_deadbeef_not-a-key"})
    assert r.status_code == 401
    with pytest.raises(DomainError, match="已于此前吊销"):
        services.revoke(key)


def test_no_key_and_no_login_is_refused():
    r = me(Client())
    assert r.status_code == 401
    assert "请先登录" in r.json()["message"]


def test_a_logged_in_user_is_the_session_principal(forestry):
    user = User.objects.create_user(username="lcj-clerk", password="pw-12345678", role=Role.DEPARTMENT_CLERK,
                                    department=forestry, display_name="王芳")
    client = Client()
    client.force_login(user)
    body = me(client).json()
    assert body["username"] == "lcj-clerk" and body["role_label"] == "部门窗口人员"
    assert body["department"] == "四川省林业和草原局"


def test_issuing_refuses_bad_input_and_writes_nothing(forestry):
    with pytest.raises(DomainError, match="请填写密钥用途"):
        services.issue_api_key(forestry, "  ")
    with pytest.raises(NotFound, match="部门编码“NOPE”不存在"):
        services.issue_api_key("NOPE", "审批系统对接")
    assert ApiKey.objects.count() == 0


def test_command_prints_the_key_once_and_it_works(forestry, capsys):
    call_command("accounts", "issue-key", "--department", "T-LCJ", "--name", "审批系统对接")
    out = capsys.readouterr().out
    plain = next(line for line in out.splitlines() if line.startswith("zwfw_"))
    assert "只显示这一次" in out
    assert me(Client(), **{"X-API-Key": plain}).status_code == 200
    with pytest.raises(CommandError, match="部门编码“NOPE”不存在"):
        call_command("accounts", "issue-key", "--department", "NOPE", "--name", "x")
