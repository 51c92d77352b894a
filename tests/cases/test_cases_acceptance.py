"""Acceptance checks: in force, delegated to the applicant's city, the abnormal list, 免提交 materials."""
import datetime as dt

import pytest

from zwfw.cases import services
from zwfw.cases.models import Case, CaseEvent
from zwfw.catalog import queries
from zwfw.catalog import services as catalog
from zwfw.errors import DomainError


def _refused_on_record(case, reason, basis):
    """A 不予受理 decision on the record: the case, its reason and legal basis, one counted event."""
    from zwfw.stats.models import DailyCount

    assert case.status == "rejected" and case.reason == reason and case.legal_basis == basis
    assert list(case.events.values_list("kind", flat=True)) == ["applied", "rejected"]
    rejected = case.events.get(kind="rejected")
    assert rejected.note == reason and rejected.data == {"legal_basis": basis}
    assert sum(DailyCount.objects.filter(kind="rejected", department=case.department,
                                         day=case.received_on).values_list("count", flat=True)) == 1


def test_an_item_not_yet_in_force_is_refused_on_the_record(hall, at):
    catalog.add_item(matter_code="510000-LC-020", on=dt.date(2026, 4, 1), code="510000-LC-020-02",
                     name="林草种子生产经营许可证变更", statutory_days=10, promised_days=5)
    item = services.item_for("510000-LC-020-02", dt.date(2026, 3, 31))  # known code, not in force that day
    case = services.apply(item=item, applicant=hall.applicants["org"], actor=hall.users["forest_clerk"],
                          at=at(2026, 3, 31))
    _refused_on_record(case, "办理项“林草种子生产经营许可（林草种子生产经营许可证变更）”在 2026 年 3 月 31 日不在有效期内，不能受理。",
                       "《中华人民共和国行政许可法》第三十二条第一款第（一）项")
    assert case.events.get(kind="rejected").actor == hall.users["forest_clerk"]


def test_a_delegated_item_is_refused_on_the_record_naming_the_delegate(hall, at):
    matter = queries.matter_by_code("510000-LC-010", dt.date(2022, 12, 1))
    catalog.delegate(matter=matter, regions=["自贡市", "雅安市"], delegate="林草主管部门", valid_from=dt.date(2023, 1, 1))
    org = hall.applicants["org"]
    org.region = queries.region_by("自贡市")
    org.save()
    case = services.apply(item=hall.items["forest"], applicant=org, actor=hall.users["forest_clerk"], at=at(2026, 3, 2))
    _refused_on_record(case, "自 2023 年 1 月 1 日起，自贡市的“矿藏勘查、开采以及其他各类工程建设占用林地审核”已委托"
                             "自贡市林草主管部门办理，省级不予受理，请向自贡市林草主管部门申请。",
                       "《中华人民共和国行政许可法》第三十二条第一款第（二）项")
    # The same applicant applying for a project in 成都市 is the province's to accept.
    case = services.apply(item=hall.items["forest"], applicant=org, actor=hall.users["forest_clerk"],
                          at=at(2026, 3, 2), region=queries.region_by("成都市"))
    assert case.status == "applied"


def test_a_devolved_item_names_a_delegate_written_with_the_full_place_name_once(hall, at):
    from zwfw.catalog.models import Region

    aba = Region.objects.get(name="阿坝州")
    catalog.delegate(item=hall.items["seed"], regions=[aba], delegate=f"{aba.full_name}林业和草原局",
                     valid_from=dt.date(2024, 7, 1), kind="devolve")
    case = services.apply(item=hall.items["seed"], applicant=hall.applicants["org"], actor=hall.users["forest_clerk"],
                          at=at(2025, 2, 10), region=aba)
    assert case.status == "rejected"
    assert case.reason == (f"自 2024 年 7 月 1 日起，阿坝州的“林草种子生产经营许可”已下放至{aba.full_name}林业和草原局办理，"
                           f"省级不予受理，请向{aba.full_name}林业和草原局申请。")


def test_a_listed_applicant_is_refused_on_the_record_with_reason_and_end_date(hall, at):
    from zwfw.credit import services as credit

    org = hall.applicants["org"]
    credit.list_applicant(actor=hall.users["forest_approver"], applicant=org, department=hall.dept["省林草局"],
                          reason="提供虚假材料骗取资质", start_date=dt.date(2026, 1, 5), years=1,
                          matters=[hall.items["forest"].matter])
    case = services.apply(item=hall.items["forest"], applicant=org, actor=hall.users["forest_clerk"],
                          at=at(2026, 3, 2), decision="accept", provided=["使用林地申请表", "营业执照", "使用林地可行性报告"])
    _refused_on_record(case, "申请人“四川青山林业开发有限公司”已被列入异常名录（提供虚假材料骗取资质），"
                             "2027 年 1 月 4 日前不予受理该事项的申请。", "《中华人民共和国行政许可法》第七十八条")
    # Other matters of the department are not barred, and the ban ends.
    assert services.apply(item=hall.items["seed"], applicant=org, actor=hall.users["forest_clerk"],
                          at=at(2026, 3, 2)).status == "applied"
    assert services.apply(item=hall.items["forest"], applicant=org, actor=hall.users["forest_clerk"],
                          at=at(2027, 1, 5)).status == "applied"


def test_an_unknown_item_code_is_an_error_at_the_field(hall):
    with pytest.raises(DomainError) as e:
        services.item_for("510000-XX-999-01", dt.date(2026, 3, 2))
    assert e.value.field == "item_code" and e.value.message == "没有编码为“510000-XX-999-01”的办理项，请核对办理项编码。"


def test_a_material_held_as_a_valid_electronic_licence_is_exempt(hall, business_licence, at):
    case = services.apply(item=hall.items["food"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                          at=at(2026, 3, 2), provided=["食品经营许可申请书"])
    licence = {m["name"]: m for m in case.materials}["营业执照复印件"]
    assert licence["exempt"] and licence["provided"]
    assert [m["name"] for m in case.materials if not m["provided"]] == ["法定代表人身份证"]
    # A person without the licence must hand it in.
    other = services.apply(item=hall.items["food"], applicant=hall.applicants["person"], actor=hall.users["comp"],
                           at=at(2026, 3, 2))
    assert not any(m["exempt"] for m in other.materials)


def test_comprehensive_window_takes_only_items_at_it(hall, at):
    with pytest.raises(DomainError, match="未进驻综合窗口，请到四川省林业和草原局窗口办理"):
        services.apply(item=hall.items["seed"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                       at=at(2026, 3, 2))


def test_identifiers_are_validated_when_an_applicant_is_registered(hall, ids):
    with pytest.raises(DomainError) as e:
        services.register_applicant(kind="person", name="李四", id_number="510108199003071231")
    assert e.value.code == "invalid_id_number" and "校验位" in e.value.message
    with pytest.raises(DomainError) as e:
        services.register_applicant(kind="organisation", name="某公司", id_number="91510100MA61R8XK1O")
    assert e.value.code == "invalid_uscc"
    with pytest.raises(DomainError, match="联系电话格式不正确"):
        services.register_applicant(kind="person", name="李四", id_number=ids.person("51010219851111002"), phone="12345")
    same = services.register_applicant(kind="organisation", name="四川青山林业开发有限公司",
                                       id_number=hall.applicants["org"].id_number.lower(), phone="13900001111")
    assert same == hall.applicants["org"] and same.phone == "13900001111"
