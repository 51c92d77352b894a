"""Department indicators the briefings quote: the averaged speed-up ratio and the shares of online items."""
import datetime as dt
from decimal import Decimal

from zwfw.catalog import services
from zwfw.catalog.indicators import ItemLimits, indicators, percent_text
from zwfw.catalog.models import Department, PowerType
from zwfw.catalog.queries import department_indicators, indicator_rows


def test_the_speed_up_ratio_is_averaged_over_the_items():
    # 1 − 8/20 = 60 %, 1 − 5/20 = 75 %, 1 − 10/20 = 50 %: averaged 61.666… → 61.67 %
    got = indicators([ItemLimits(20, 8, True, True), ItemLimits(20, 5, True, True), ItemLimits(20, 10, False, True)])
    assert got.texts == {"speed_up": "61.67%", "fully_online": "66.67%", "one_visit": "100%"}
    assert got.sentence == "全程网办事项占比 66.67%、“最多跑一次”事项占比 100%，承诺办结时间提速达 61.67%"


def test_the_briefings_figure_and_no_trailing_zeros():
    assert percent_text(Decimal("61.8444")) == "61.84%"
    assert percent_text(Decimal("50.10")) == "50.1%"
    assert percent_text(None) == "—"
    assert indicators([]).sentence == "" and indicators([ItemLimits(0, 0)]).speed_up is None


def test_only_items_in_force_count_on_the_pages(db, client):
    from zwfw.accounts.models import Role, User

    lcj = Department.objects.create(code="lcj", name="四川省林业和草原局", short_name="省林草局", display_order=21)
    permit = PowerType.objects.get(category=PowerType.PERMIT)
    services.add_matter(department=lcj, code="L1", name="林草种子生产经营许可", power_type=permit,
                        valid_from=dt.date(2024, 1, 1), items=[
                            {"code": "L1-1", "name": "新办", "statutory_days": 20, "promised_days": 8,
                             "fully_online": True, "at_most_one_visit": True},
                            {"code": "L1-2", "name": "延续", "statutory_days": 20, "promised_days": 4,
                             "at_most_one_visit": True}])
    services.withdraw_item("L1-2", dt.date(2024, 6, 1))
    assert department_indicators(dt.date(2024, 5, 1))[lcj.pk].texts["speed_up"] == "70%"
    assert department_indicators(dt.date(2024, 7, 1))[lcj.pk].texts == {
        "speed_up": "60%", "fully_online": "100%", "one_visit": "100%"}
    clerk = User.objects.create_user("lcj", password="x" * 10, role=Role.DEPARTMENT_CLERK, department=lcj)
    client.force_login(clerk)
    home = client.get("/").content.decode()
    assert "本部门事项指标" in home and "承诺办结时间提速 <strong>60%</strong>" in home
    desk = client.get("/briefing/news/").content.decode()
    assert "可写作：全程网办事项占比 100%、“最多跑一次”事项占比 100%，承诺办结时间提速达 60%" in desk
    assert indicator_rows(dt.date(2024, 7, 1))[0]["department"] == "省林草局"
