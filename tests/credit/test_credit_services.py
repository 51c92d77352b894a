"""Listing an applicant, what the listing blocks, lifting it early, the refusal message."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from zwfw.catalog.models import HandlingItem, Matter
from zwfw.credit import services
from zwfw.credit.models import Listing
from zwfw.credit.queries import blocking_listing
from zwfw.errors import Conflict, DomainError, Forbidden

TZ = ZoneInfo("Asia/Shanghai")


def list_geo(hall, **kw):
    args = dict(actor=hall.clerk, applicant=hall.company, department=hall.zrz, matters=[hall.geo],
                reason="提供虚假材料", document="川自然资〔2022〕12 号", start_date=dt.date(2023, 1, 1), years=1)
    return services.list_applicant(**{**args, **kw})


def test_one_year_ban_ends_the_day_before_the_anniversary_and_reads_as_the_centre_writes(hall):
    listing = list_geo(hall)
    assert listing.end_date == dt.date(2023, 12, 31)
    assert listing.refusal_message() == (
        "申请人“四川某某地质工程有限公司”因提供虚假材料被列入异常名录（川自然资〔2022〕12 号），"
        "2023 年 12 月 31 日前不予受理该事项申请。")


def test_a_listing_blocks_only_its_matters_and_only_while_in_force(hall):
    listing = list_geo(hall)
    assert blocking_listing(hall.company, hall.geo_item, dt.date(2023, 6, 1)) == listing
    assert blocking_listing(hall.company, hall.geo_item, dt.date(2023, 12, 31)) == listing
    assert blocking_listing(hall.company, hall.geo_item, dt.date(2024, 1, 1)) is None
    assert blocking_listing(hall.company, hall.geo_item, dt.date(2022, 12, 31)) is None
    assert blocking_listing(hall.company, hall.mine_item, dt.date(2023, 6, 1)) is None


def test_a_new_version_of_the_matter_is_still_covered(hall):
    list_geo(hall)
    v2 = Matter.objects.create(code=hall.geo.code, name=hall.geo.name, department=hall.zrz,
                               power_type=hall.geo.power_type, valid_from=dt.date(2023, 3, 1))
    item = HandlingItem.objects.create(matter=v2, code="510000-ZR-001-01", name="资质审批（新办）", statutory_days=20,
                                       promised_days=10, valid_from=dt.date(2023, 3, 1))
    assert blocking_listing(hall.company, item, dt.date(2023, 6, 1)) is not None


def test_a_whole_department_listing_blocks_all_its_matters_but_not_others(hall):
    listing = services.list_applicant(actor=hall.centre, applicant=hall.company, department=hall.zrz,
                                      whole_department=True, reason="提供虚假材料", start_date=dt.date(2023, 1, 1),
                                      end_date=dt.date(2023, 6, 30))
    assert blocking_listing(hall.company, hall.mine_item, dt.date(2023, 6, 30)) == listing
    assert blocking_listing(hall.company, hall.forest_item, dt.date(2023, 6, 30)) is None
    assert "省自然资源厅全部事项" == listing.scope_text()


def test_lifting_early_needs_a_reason_and_keeps_the_record(hall):
    listing = list_geo(hall)
    with pytest.raises(DomainError, match="须填写原因"):
        services.lift_early(listing, actor=hall.clerk, reason="")
    services.lift_early(listing, actor=hall.clerk, reason="经复核，材料系中介机构伪造，申请人已信用修复",
                        at=dt.datetime(2023, 5, 10, 9, tzinfo=TZ))
    listing.refresh_from_db()
    assert blocking_listing(hall.company, hall.geo_item, dt.date(2023, 5, 9)) == listing
    assert blocking_listing(hall.company, hall.geo_item, dt.date(2023, 5, 10)) is None
    assert Listing.objects.count() == 1 and listing.status_label(dt.date(2023, 6, 1)) == "已提前移出"
    with pytest.raises(Conflict):
        services.lift_early(listing, actor=hall.clerk, reason="再次")


@pytest.mark.parametrize("kw, message", [
    ({"reason": " "}, "列入原因"),
    ({"years": None, "end_date": None}, "截止日期"),
    ({"years": None, "end_date": dt.date(2022, 12, 1)}, "不能早于"),
    ({"matters": []}, "请选择限制的事项"),
])
def test_bad_input_is_refused_and_nothing_written(hall, kw, message):
    with pytest.raises(DomainError, match=message):
        list_geo(hall, **kw)
    assert Listing.objects.count() == 0


def test_department_users_list_only_for_their_own_department(hall):
    with pytest.raises(Forbidden, match="只能办理本部门"):
        list_geo(hall, actor=hall.lc_clerk)
    with pytest.raises(DomainError, match="不属于四川省林业和草原局"):
        list_geo(hall, actor=hall.lc_clerk, department=hall.lc)
    with pytest.raises(Forbidden):
        list_geo(hall, actor=hall.leader)
    assert Listing.objects.count() == 0
