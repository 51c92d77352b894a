"""The cases app's small hall (departments, clerks, items, applicants) plus the synced document templates."""
import pytest
from cases.conftest import at_fixture, hall, open_case, walk  # noqa: F401 (fixtures shared with the case tests)

from zwfw.documents.services import sync_templates

BASE = "https://zwfw.example.gov.cn/"


@pytest.fixture
def templates(db):
    return sync_templates()


@pytest.fixture
def seed_case(hall, open_case, walk, at, templates):
    """A 林草种子 case accepted, approved and issued (its licence exists), in 2026."""
    case = open_case("seed", "forest_clerk", at(2026, 3, 2, 9))
    walk(case, "accept", "forest_clerk", at(2026, 3, 2, 10))
    walk(case, "start_review", "forest_approver", at(2026, 3, 3))
    walk(case, "approve", "forest_approver", at(2026, 3, 4))
    walk(case, "issue", "forest_clerk", at(2026, 3, 5))
    return case
