"""Issuing documents from a case: numbering, filling, frozen reprints, who may print, the admin's history."""
import re

import pytest

from zwfw.documents import printouts, render, services
from zwfw.documents.models import DocumentTemplate, IssuedDocument, TemplateVersion
from zwfw.errors import Conflict, DomainError, Forbidden

from .conftest import BASE

pytestmark = pytest.mark.django_db


def test_sync_loads_every_file_once_and_keeps_staff_edits(templates, hall, at):
    assert len(templates) == DocumentTemplate.objects.count() >= 10
    assert {outcome for _, outcome in services.sync_templates()} == {"未变"}
    receipt = DocumentTemplate.objects.get(kind="receipt")
    services.save_template(receipt, actor=hall.users["staff"], title=receipt.title, legal_basis=receipt.legal_basis,
                           after=receipt.after, body=receipt.body + "\n\n请携带本回执领取结果。")
    assert dict(services.sync_templates())["receipt"] == "已在管理后台修改，未覆盖"
    assert dict(services.sync_templates(force=True))["receipt"] == "更新为第 3 版"
    versions = TemplateVersion.objects.filter(template=receipt).order_by("version")
    assert [v.source for v in versions] == ["仓库模板文件", "管理后台", "仓库模板文件"]
    assert "请携带本回执领取结果" in versions[1].body and versions[1].saved_by == hall.users["staff"]


def test_a_staff_edit_with_an_unknown_placeholder_is_refused_and_nothing_saved(templates, hall):
    receipt = DocumentTemplate.objects.get(kind="receipt")
    with pytest.raises(DomainError) as exc:
        services.save_template(receipt, actor=hall.users["staff"], title=receipt.title,
                               legal_basis=receipt.legal_basis, after=receipt.after, body="{{applicant}}：")
    assert exc.value.field == "body"
    assert TemplateVersion.objects.filter(template=receipt).count() == 1


def test_numbers_run_per_department_and_year(seed_case, hall, open_case, walk, at):
    first = services.issue(seed_case, "receipt", actor=hall.users["forest_clerk"], base_url=BASE, at=at(2026, 3, 5))
    second = services.issue(seed_case, "approval", actor=hall.users["forest_clerk"], base_url=BASE, at=at(2026, 3, 5))
    food = open_case("food", "comp", at(2026, 3, 5))
    other = services.issue(food, "receipt", actor=hall.users["comp"], base_url=BASE, at=at(2026, 3, 5))
    next_year = services.issue(seed_case, "receipt", actor=hall.users["forest_clerk"], base_url=BASE,
                               at=at(2027, 1, 4))
    assert [first.number, second.number] == ["省林草局〔2026〕1号", "省林草局〔2026〕2号"]
    assert other.number == "省市场监管局〔2026〕1号"
    assert next_year.number == "省林草局〔2027〕1号"


def test_every_placeholder_is_filled_from_the_case(seed_case, hall, at):
    doc = services.issue(seed_case, "approval", actor=hall.users["forest_approver"], base_url=BASE, at=at(2026, 3, 5))
    assert "{{" not in doc.text and "}}" not in doc.text
    assert seed_case.applicant.name in doc.text and seed_case.number in doc.text
    assert "林草种子生产经营许可证核发" in doc.text and "2026 年 3 月 4 日" in doc.text
    assert "《中华人民共和国行政许可法》第三十八条第一款" in doc.text
    assert doc.department == "四川省林业和草原局" and doc.case == seed_case
    assert doc.qr_url == f"https://zwfw.example.gov.cn/feedback/track/?number={seed_case.number}&code={seed_case.query_code}"


def test_the_receipt_carries_the_query_code_and_the_correction_notice_lists_each_item(hall, open_case, walk, at,
                                                                                     templates):
    case = open_case("food", "comp", at(2026, 3, 2, 9), provided=["食品经营许可申请书"])
    walk(case, "request_correction", "comp", at(2026, 3, 2, 10), reason="营业执照复印件；法定代表人身份证")
    receipt = services.issue(case, "receipt", actor=hall.users["comp"], base_url=BASE, at=at(2026, 3, 2, 10))
    assert f"办件查询码：{case.query_code}" in receipt.text
    notice = services.issue(case, "correction_notice", actor=hall.users["comp"], base_url=BASE, at=at(2026, 3, 2, 10))
    assert "1. 营业执照复印件" in notice.text and "2. 法定代表人身份证" in notice.text
    assert not re.search(r"\{\{|\}\}", notice.text)


def test_a_document_that_does_not_fit_the_case_is_refused(seed_case, hall, at):
    with pytest.raises(Conflict, match="当前不能出具不予受理决定书"):
        services.issue(seed_case, "rejection", actor=hall.users["forest_clerk"], base_url=BASE, at=at(2026, 3, 5))
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize("who", ["market_clerk", "staff", "leader", "applicant"])
def test_only_those_who_handle_the_case_may_issue(seed_case, hall, at, who):
    with pytest.raises(Forbidden):
        services.issue(seed_case, "receipt", actor=hall.users[who], base_url=BASE, at=at(2026, 3, 5))
    assert not IssuedDocument.objects.exists()


def test_a_reprint_is_the_frozen_document_even_after_the_template_changes(seed_case, hall, at):
    doc = services.issue(seed_case, "approval", actor=hall.users["forest_clerk"], base_url=BASE, at=at(2026, 3, 5))
    first = render.render_docx(printouts.document_printout(doc))
    template = DocumentTemplate.objects.get(kind="approval")
    services.save_template(template, actor=hall.users["staff"], title="准予许可决定书（新版）",
                           legal_basis=template.legal_basis, after=template.after, body="{{applicant_name}}：\n\n新文字。")
    seed_case.applicant.name = "改名后的公司"
    seed_case.applicant.save()
    again = IssuedDocument.objects.get(pk=doc.pk)
    assert render.render_docx(printouts.document_printout(again)) == first
    assert again.title == "准予行政许可决定书" and "改名后的公司" not in again.text


def test_a_rejection_without_a_recorded_basis_reads_without_a_blank(hall, open_case, walk, at, templates):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2, 9))
    walk(case, "reject", "forest_clerk", at(2026, 3, 2, 10), reason="申请人不具备林草种子生产经营条件。")
    doc = services.issue(case, "rejection", actor=hall.users["forest_clerk"], base_url=BASE, at=at(2026, 3, 2, 10))
    assert "经审查，申请人不具备林草种子生产经营条件。" in doc.text
    assert "根据《中华人民共和国行政许可法》第三十二条第一款的规定，本机关决定不予受理" in doc.text
    assert "——" not in doc.text
