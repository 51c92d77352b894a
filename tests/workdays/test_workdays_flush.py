"""A flushed database (transactional tests, `zwfw flush`) gets the calendar back at once."""
from datetime import date

import pytest

from zwfw.workdays import services
from zwfw.workdays.models import CalendarYear


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", [1, 2])
def test_calendar_survives_a_flush(round_):
    # The first round ends with a flush; the second must still count across Spring Festival 2026.
    services.invalidate()
    assert CalendarYear.objects.filter(year=2026, complete=True).exists()
    assert services.get_calendar().add(date(2026, 2, 12), 20) == date(2026, 3, 18)
