"""Service guides: the anomaly check the centre sends to departments, and a bundle's merged materials."""
import datetime as dt

import pytest

from zwfw.catalog import queries, services
from zwfw.catalog.models import ServiceGuide

ON = dt.date(2023, 1, 1)


def full_guide(item, **changes):
    values = dict(conditions="申请人为依法设立的企业", fees="不收费", legal_basis="《中华人民共和国行政许可法》",
                  where_to_apply="省政务服务大厅", online_url="https://www.sczwfw.gov.cn/",
                  materials=[{"name": "申请书"}])
    return services.save_guide(item, **(values | changes))


@pytest.fixture
def guides(hall):
    for i in queries.items_in_force(ON):
        full_guide(i)
    return hall


def test_faulty_guides_are_listed_per_department(guides):
    retail = queries.item_by_code("510000-YJ-001-02", ON)
    full_guide(retail, fees="", materials=[])
    ServiceGuide.objects.filter(item__code="510000-SJ-100-01").delete()
    found = queries.anomalous_guides(ON)
    assert {d.short_name for d in found} == {"省药监局", "省市场监管局"}
    [(item, anomalies)] = found[guides["省药监局"]]
    assert item.code == "510000-YJ-001-02"
    assert "未列出申请材料" in anomalies and any(a.startswith("未填写收费标准") for a in anomalies)
    assert found[guides["省市场监管局"]][0][1] == ["未编制办事指南"]


def test_a_new_item_version_keeps_its_guide(guides):
    services.change_item("510000-LC-020-01", dt.date(2023, 3, 1), promised_days=3)
    item = queries.item_by_code("510000-LC-020-01", dt.date(2023, 3, 1))
    assert item.guide.fees == "不收费" and [m.name for m in item.guide.materials.all()] == ["申请书"]
    assert queries.item_anomalies(item) == []


def test_catering_bundle_asks_for_each_material_once(guides):
    food = queries.item_by_code("510000-SJ-100-01", ON)
    fire = queries.item_by_code("510000-XF-001-01", ON)
    full_guide(food, materials=[{"name": "营业执照复印件", "licence_kind": "营业执照"},
                                {"name": "法定代表人身份证", "form": "copy"},
                                {"name": "食品安全管理制度", "required": False}])
    full_guide(fire, materials=[{"name": "《营业执照》"}, {"name": "场所消防设施平面图", "copies": 2},
                                {"name": "法定代表人身份证（复印件）"}])
    bundle = services.create_bundle(code="CY-001", name="开办餐饮一件事", lead_department=guides["省市场监管局"],
                                    items=[food, fire], valid_from=ON)
    merged = queries.merged_materials(bundle, ON)
    assert [m.name for m in merged] == ["营业执照复印件", "法定代表人身份证", "场所消防设施平面图"]
    assert merged[0].exemptible and merged[0].items == [
        "食品经营许可（食品经营许可（新办））", "公众聚集场所投入使用、营业前消防安全检查（公众聚集场所投入使用、营业前消防安全检查）"]
    assert merged[2].copies == 2


def test_a_bundle_needs_two_different_items(guides):
    food = queries.item_by_code("510000-SJ-100-01", ON)
    from zwfw.errors import DomainError

    with pytest.raises(DomainError, match="至少应包含 2 个办理项"):
        services.create_bundle(code="X", name="X", lead_department=guides["省市场监管局"], items=[food], valid_from=ON)


def test_admin_shows_and_filters_anomalies(guides, admin_client):
    full_guide(queries.item_by_code("510000-YJ-001-02", ON), conditions="")
    page = admin_client.get("/admin/catalog/handlingitem/", {"anomaly": "yes"}).content.decode()
    assert "药品批发企业经营许可（变更）" in page and "未填写受理条件" in page
    assert "占用林地审核" not in page
    assert "办事指南异常" in admin_client.get("/admin/catalog/serviceguide/").content.decode()


def test_every_catalogue_admin_page_opens_in_chinese(guides, admin_client):
    titles = {"department": "部门", "powertype": "事项类型", "region": "市（州）", "matter": "政务服务事项（主项）",
              "handlingitem": "办理项", "serviceguide": "办事指南", "delegation": "委托/下放", "bundle": "一件事一次办"}
    for model, title in titles.items():
        listing = admin_client.get(f"/admin/catalog/{model}/")
        assert listing.status_code == 200 and title in listing.content.decode()
        assert admin_client.get(f"/admin/catalog/{model}/add/").status_code == 200
    types = admin_client.get("/admin/catalog/powertype/").content.decode()
    assert "其他行政权力" in types and "公共服务" in types
