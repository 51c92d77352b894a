"""Offices of the test hall's departments and an accepted forestry case (shared by the routing tests)."""
import pytest

from zwfw.accounts.models import User
from zwfw.routing import services as routing


@pytest.fixture
def offices(hall):
    """省林草局: 行政审批处 (forest_approver, the department's lead) and 资源管理处 (a second approver);
    省市场监管局: 食品经营监管处 (market_approver)."""
    forest, market = hall.dept["省林草局"], hall.dept["省市场监管局"]
    o = {
        "review": routing.add_office(department=forest, code="xzsp", name="行政审批处", order=1),
        "resources": routing.add_office(department=forest, code="zygl", name="资源管理处", order=2),
        "food": routing.add_office(department=market, code="spjy", name="食品经营监管处", order=1),
    }
    second = User.objects.create_user(username="forest_approver2", password="secret-pass-1", role="approver",
                                      department=forest, display_name="孙审批")
    hall.users["forest_approver2"] = second
    routing.add_member(user=hall.users["forest_approver"], office=o["review"], lead=True)
    routing.add_member(user=second, office=o["resources"])
    routing.add_member(user=hall.users["market_approver"], office=o["food"])
    return o


@pytest.fixture
def accepted(hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 3, 2, 9))
    return walk(case, "accept", "forest_clerk", at(2026, 3, 2, 9, 30))
