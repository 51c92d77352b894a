"""A small, believable provincial catalogue built through the catalogue's own services."""
import datetime as dt

import pytest

from zwfw.catalog import services
from zwfw.catalog.models import Department, PowerType

START = dt.date(2022, 1, 1)

DEPARTMENTS = [
    ("SCYJJ", "四川省药品监督管理局", "省药监局", 22),
    ("SCLCJ", "四川省林业和草原局", "省林草局", 21),
    ("SCSJJ", "四川省市场监督管理局", "省市场监管局", 18),
    ("SCXF", "四川省消防救援总队", "四川消防救援总队", 29),
]


def item(code, name, statutory=20, promised=10, **flags):
    return {"code": code, "name": name, "statutory_days": statutory, "promised_days": promised, **flags}


@pytest.fixture
def make_item():
    return item


@pytest.fixture
def departments(db):
    return {short: Department.objects.create(code=code, name=name, short_name=short, display_order=order)
            for code, name, short, order in DEPARTMENTS}


@pytest.fixture
def types(db):
    return {t.name: t for t in PowerType.objects.all()}


@pytest.fixture
def hall(departments, types):
    """Matters in force from 2022-01-01 in three departments."""
    d, t = departments, types
    services.add_matter(department=d["省药监局"], code="510000-YJ-001", name="药品经营许可", power_type=t["行政许可"],
                        valid_from=START, items=[
                            item("510000-YJ-001-01", "药品批发企业经营许可（新办）", 30, 15, fully_online=True,
                                 reach=["province"], licence_kind="药品经营许可证"),
                            item("510000-YJ-001-02", "药品批发企业经营许可（变更）", 15, 5)])
    services.add_matter(department=d["省药监局"], code="510000-YJ-050", name="药品检查", power_type=t["行政检查"],
                        valid_from=START, items=[item("510000-YJ-050-01", "药品生产企业检查", 30, 30)])
    services.add_matter(department=d["省林草局"], code="510000-LC-010",
                        name="矿藏勘查、开采以及其他各类工程建设占用林地审核", power_type=t["行政许可"],
                        valid_from=START, items=[item("510000-LC-010-01", "占用林地审核", 20, 8)])
    services.add_matter(department=d["省林草局"], code="510000-LC-020", name="林草种子生产经营许可",
                        power_type=t["行政许可"], valid_from=START, items=[
                            item("510000-LC-020-01", "林草种子生产经营许可证核发", 20, 5, licence_kind="林草种子生产经营许可证")])
    services.add_matter(department=d["省市场监管局"], code="510000-SJ-100", name="食品经营许可",
                        power_type=t["行政许可"], valid_from=START, items=[
                            item("510000-SJ-100-01", "食品经营许可（新办）", 20, 10, at_comprehensive_window=True)])
    services.add_matter(department=d["四川消防救援总队"], code="510000-XF-001",
                        name="公众聚集场所投入使用、营业前消防安全检查", power_type=t["行政许可"], valid_from=START,
                        items=[item("510000-XF-001-01", "公众聚集场所投入使用、营业前消防安全检查", 10, 5)])
    services.add_matter(department=d["省市场监管局"], code="510000-SJ-900", name="特种设备作业人员考试成绩查询",
                        power_type=t["公共服务"], valid_from=START, items=[item("510000-SJ-900-01", "成绩查询", 1, 0)])
    return d
