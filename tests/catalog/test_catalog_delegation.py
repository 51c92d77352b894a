"""Delegation: 省林草局 entrusts 占用林地审核 to 11 cities/prefectures from 2023-01-01 (briefing 2022-44)."""
import datetime as dt

import pytest

from zwfw.catalog import queries, services
from zwfw.catalog.models import Delegation
from zwfw.errors import DomainError

ELEVEN = ["自贡市", "攀枝花市", "广元市", "遂宁市", "内江市", "广安市", "巴中市", "雅安市", "眉山市", "资阳市", "凉山州"]


@pytest.fixture
def forest_delegation(hall):
    matter = queries.matter_by_code("510000-LC-010", dt.date(2022, 12, 1))
    return services.delegate(matter=matter, regions=ELEVEN, delegate="林草主管部门",
                             valid_from=dt.date(2023, 1, 1), document="川林发〔2022〕XX 号")


def test_province_handles_it_until_the_effective_date(forest_delegation):
    item = queries.item_by_code("510000-LC-010-01", dt.date(2022, 12, 31))
    assert queries.handler_for(item, "自贡市", dt.date(2022, 12, 31)) is None


def test_the_city_handles_it_from_the_effective_date(forest_delegation):
    item = queries.item_by_code("510000-LC-010-01", dt.date(2023, 1, 1))
    found = queries.handler_for(item, "自贡市", dt.date(2023, 1, 1))
    assert found == forest_delegation
    assert found.delegate_for(queries.region_by("自贡市")) == "自贡市林草主管部门"
    assert queries.handler_for(item, "凉山彝族自治州", dt.date(2023, 6, 1)).delegate_for(
        queries.region_by("凉山州")) == "凉山州林草主管部门"


def test_a_city_not_named_stays_with_the_province(forest_delegation):
    item = queries.item_by_code("510000-LC-010-01", dt.date(2023, 1, 1))
    assert queries.handler_for(item, "成都市", dt.date(2023, 1, 1)) is None
    assert queries.handler_name(item, "成都市", dt.date(2023, 1, 1)) == "四川省林业和草原局"
    assert queries.handler_name(item, "巴中市", dt.date(2023, 1, 1)) == "巴中市林草主管部门"


def test_delegation_survives_a_new_version_of_the_item(forest_delegation):
    services.change_item("510000-LC-010-01", dt.date(2023, 3, 1), promised_days=5)
    item = queries.item_by_code("510000-LC-010-01", dt.date(2023, 3, 1))
    assert queries.handler_for(item, "雅安市", dt.date(2023, 3, 1)) == forest_delegation


def test_an_ended_delegation_returns_the_power_to_the_province(hall):
    item = queries.item_by_code("510000-YJ-001-01", dt.date(2023, 1, 1))
    services.delegate(item=item, regions=["成都市"], delegate="市场监督管理局", valid_from=dt.date(2023, 1, 1),
                      valid_to=dt.date(2024, 1, 1), kind=Delegation.DEVOLVE)
    assert queries.handler_for(item, "成都市", dt.date(2023, 12, 31)) is not None
    assert queries.handler_for(item, "成都市", dt.date(2024, 1, 1)) is None


def test_a_delegation_without_regions_is_refused(hall):
    item = queries.item_by_code("510000-YJ-001-01", dt.date(2023, 1, 1))
    with pytest.raises(DomainError, match="至少选择一个"):
        services.delegate(item=item, regions=[], delegate="林草主管部门", valid_from=dt.date(2023, 1, 1))
    assert not Delegation.objects.exists()
