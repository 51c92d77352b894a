"""咨询 at a window: counted in 人次, with or without a matter."""
import datetime as dt

import pytest

from zwfw.cases import services
from zwfw.cases.models import CaseEvent
from zwfw.errors import DomainError, Forbidden
from zwfw.stats.models import DailyCount


def test_consultations_are_counted_per_person(hall, at):
    services.register_consultation(actor=hall.users["comp"], matter=hall.items["food"].matter, people=3,
                                   topic="开办餐馆需要哪些证", at=at(2026, 3, 2))
    services.register_consultation(actor=hall.users["forest_clerk"], at=at(2026, 3, 2))  # own department, no matter
    assert CaseEvent.objects.filter(kind="consulted", case=None).count() == 4
    rows = dict(DailyCount.objects.filter(day=dt.date(2026, 3, 2), kind="consulted")
                .values_list("department__short_name", "count"))
    assert rows == {"省市场监管局": 3, "省林草局": 1}
    assert DailyCount.objects.get(department__short_name="省市场监管局").comprehensive


def test_consultation_refusals(hall, at):
    with pytest.raises(DomainError, match="请选择咨询涉及的部门或事项"):
        services.register_consultation(actor=hall.users["comp"], at=at(2026, 3, 2))
    with pytest.raises(Forbidden, match="只能办理本部门"):
        services.register_consultation(actor=hall.users["forest_clerk"], matter=hall.items["food"].matter)
    with pytest.raises(Forbidden):
        services.register_consultation(actor=hall.users["leader"], department=hall.dept["省林草局"])
    assert not CaseEvent.objects.exists()
