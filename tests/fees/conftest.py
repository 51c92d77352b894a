"""The cases app's small hall with fees on the 林草种子 item: 工本费 ¥10.00 per licence, plus a 不收费 row."""
import pytest
from cases.conftest import at_fixture, hall, open_case, walk  # noqa: F401 (fixtures shared with the case tests)

from zwfw.catalog import services as catalog
from zwfw.documents.services import sync_templates

BASIS = "《国家发展改革委 财政部关于规范电子证照工本费的通知》（示例）"


@pytest.fixture
def fees(hall):
    """The seed item's guide charges 工本费 ¥10.00/证 × 1 and lists 审查 as 不收费; the forest item charges nothing."""
    return catalog.save_guide(hall.items["seed"], fees="工本费 10 元/证", fee_items=[
        {"name": "工本费", "rule": "per_unit", "amount": "10", "unit": "证", "legal_basis": BASIS},
        {"name": "审查费", "rule": "free"},
    ])


@pytest.fixture
def templates(db):
    return sync_templates()


@pytest.fixture
def accepted(hall, fees, open_case, walk, at):
    """A 林草种子 case accepted on 2026-03-02 at the forestry window: ¥10.00 owed."""
    case = open_case("seed", "forest_clerk", at(2026, 3, 2, 9))
    return walk(case, "accept", "forest_clerk", at(2026, 3, 2, 10))


@pytest.fixture
def approved(accepted, walk, at):
    walk(accepted, "start_review", "forest_approver", at(2026, 3, 3))
    return walk(accepted, "approve", "forest_approver", at(2026, 3, 4))
