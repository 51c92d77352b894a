"""The catalogue keeps its history and says what changed, as the weekly briefing does."""
import datetime as dt
import io

import pytest
from django.core.management import call_command

from zwfw.catalog import queries, services
from zwfw.catalog.diffing import render_diff
from zwfw.catalog.models import HandlingItem, Matter, PowerType, Region
from zwfw.errors import DomainError

ADDED = dt.date(2023, 6, 1)


def test_power_types_and_regions_are_seeded(db):
    assert list(PowerType.objects.values_list("code", "name"))[:2] == [("01", "行政许可"), ("02", "行政处罚")]
    assert PowerType.objects.get(code="20").name == "公共服务"
    assert PowerType.objects.filter(category=PowerType.OTHER).count() == 9
    names = list(Region.objects.values_list("name", flat=True))
    assert len(names) == 21 and names[0] == "成都市" and names[-1] == "凉山州"
    assert Region.objects.get(name="甘孜州").get_kind_display() == "州"


def add_retail_licence(hall, types, item):
    return services.add_matter(
        department=hall["省药监局"], code="510000-YJ-002", name="药品零售企业经营许可", power_type=types["行政许可"],
        valid_from=ADDED, items=[item(f"510000-YJ-002-0{n}", f"药品零售企业经营许可（{kind}）", 30, 10)
                                 for n, kind in enumerate(["新办", "变更", "延续", "注销"], start=1)])


def test_new_matter_reads_like_the_briefing(hall, types, make_item):
    add_retail_licence(hall, types, make_item)
    lines = render_diff(queries.catalog_diff(dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
    assert lines == [
        "主项从 7 项调整为 8 项，办理项从 8 项调整为 12 项",
        "省药监局新增“药品零售企业经营许可”1 个事项（主项 1 个、办理项 4 个）",
    ]


def test_diff_command_prints_the_briefing_lines(hall, types, make_item):
    add_retail_licence(hall, types, make_item)
    services.withdraw_matter("510000-XF-001", dt.date(2023, 9, 1))
    out = io.StringIO()
    call_command("catalog", "diff", "--from", "2023-01-01", "--to", "2023-12-31", stdout=out)
    assert out.getvalue().splitlines() == [
        "主项 7 项，办理项从 8 项调整为 11 项",
        "省药监局新增“药品零售企业经营许可”1 个事项（主项 1 个、办理项 4 个）",
        "四川消防救援总队取消“公众聚集场所投入使用、营业前消防安全检查”1 个事项（主项 1 个、办理项 1 个）",
    ]
    out = io.StringIO()
    call_command("catalog", "diff", "--from", "2022-03-01", "--to", "2022-12-31", stdout=out)
    assert out.getvalue().strip() == "主项 7 项、办理项 8 项，无调整"


def test_a_change_opens_a_new_version_and_keeps_the_old_one(hall):
    changed_on = dt.date(2023, 3, 1)
    services.change_item("510000-YJ-001-01", changed_on, promised_days=10)
    versions = HandlingItem.objects.filter(code="510000-YJ-001-01").order_by("valid_from")
    assert [(v.promised_days, v.valid_from, v.valid_to) for v in versions] == [
        (15, dt.date(2022, 1, 1), changed_on), (10, changed_on, None)]
    assert queries.item_by_code("510000-YJ-001-01", dt.date(2023, 2, 28)).promised_days == 15
    assert queries.item_by_code("510000-YJ-001-01", changed_on).promised_days == 10
    lines = render_diff(queries.catalog_diff(dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
    assert lines == ["主项 7 项、办理项 8 项，总数不变",
                     "省药监局调整“药品经营许可（药品批发企业经营许可（新办））”1 个办理项"]


def test_renaming_a_matter_moves_its_items_to_the_new_version(hall):
    services.change_matter("510000-LC-020", dt.date(2023, 5, 1), name="林木种子生产经营许可")
    now = queries.item_by_code("510000-LC-020-01", dt.date(2023, 5, 1))
    assert now.matter.name == "林木种子生产经营许可"
    assert queries.item_by_code("510000-LC-020-01", dt.date(2023, 4, 30)).matter.name == "林草种子生产经营许可"
    assert Matter.objects.filter(code="510000-LC-020").count() == 2


def test_a_promise_longer_than_the_law_is_refused_and_nothing_written(hall):
    with pytest.raises(DomainError, match="承诺办结时限（25）不能大于法定办结时限（20）"):
        services.change_item("510000-LC-010-01", dt.date(2023, 3, 1), promised_days=25)
    assert HandlingItem.objects.filter(code="510000-LC-010-01").count() == 1


def test_other_type_count_follows_the_matters_in_force(hall):
    assert queries.other_type_count(dt.date(2023, 1, 1)) == 1  # 行政检查 only
    services.withdraw_matter("510000-YJ-050", dt.date(2023, 7, 1))
    assert queries.other_type_count(dt.date(2023, 7, 1)) == 0
