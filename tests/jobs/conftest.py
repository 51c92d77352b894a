from cases.conftest import at_fixture, hall, open_case, walk  # noqa: F401 (fixtures shared with the case tests)
