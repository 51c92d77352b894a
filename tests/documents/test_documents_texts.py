"""Template files: front matter, placeholders, filling and numbering (pure, no database)."""
import re

import pytest

from zwfw.documents import texts
from zwfw.documents.services import TEXTS_DIR
from zwfw.errors import DomainError

FILE = """---
title: 受理通知书
kind: acceptance_notice
after: accepted
legal_basis: 《中华人民共和国行政许可法》第三十二条
---
{{applicant_name}}：

办件编号为{{ case_number }}。
"""


def test_a_file_reads_as_title_kind_basis_and_body():
    t = texts.parse(FILE)
    assert (t.kind, t.title, t.after) == ("acceptance_notice", "受理通知书", ("accepted",))
    assert t.legal_basis == "《中华人民共和国行政许可法》第三十二条"
    assert texts.fill(t.body, {"applicant_name": "张伟", "case_number": "51000020260302000001"}) == \
        "张伟：\n\n办件编号为51000020260302000001。"


def test_an_empty_value_prints_a_blank_not_a_brace():
    assert texts.fill("受理日期：{{accepted_on}}", {"accepted_on": ""}) == "受理日期：——"


@pytest.mark.parametrize("body, message", [
    ("{{applicant_nmae}}：", "未知的占位符：applicant_nmae"),
    ("编号{{case_number}", "不成对"),
    ("", "不能为空"),
])
def test_a_bad_body_is_refused_with_the_reason(body, message):
    with pytest.raises(DomainError) as exc:
        texts.parse(FILE.split("---\n", 2)[0] + "---\n" + FILE.split("---\n", 2)[1] + "---\n" + body)
    assert message in exc.value.message and exc.value.field == "body"


def test_front_matter_must_name_the_legal_basis():
    with pytest.raises(DomainError, match="缺少：legal_basis"):
        texts.parse(FILE.replace("legal_basis: 《中华人民共和国行政许可法》第三十二条\n", ""), source="x.txt")


def test_every_repository_template_parses_and_uses_only_known_placeholders():
    kinds = {texts.parse(p.read_text(encoding="utf-8"), source=p.name).kind for p in TEXTS_DIR.glob("*.txt")}
    assert {"receipt", "acceptance_notice", "rejection", "correction_notice", "approval", "denial",
            "suspension_notice", "extension_notice", "transfer_voucher", "service_receipt"} <= kinds


def test_document_number_reads_as_gbt_9704_writes_it():
    assert texts.document_number("省林草局", 2026, 7) == "省林草局〔2026〕7号"
    assert re.fullmatch(r".+〔\d{4}〕\d+号", texts.document_number("川市监", 2027, 120))


def test_a_letter_names_the_item_with_its_matter_unless_the_item_says_it_already():
    from zwfw.documents.context import item_title

    assert item_title("林草种子生产经营许可", "林草种子生产经营许可证核发") == "林草种子生产经营许可证核发"
    assert item_title("食品经营许可", "新办") == "食品经营许可（新办）"
    assert item_title("公众聚集场所投入使用、营业前消防安全检查", "消防安全检查") == "公众聚集场所投入使用、营业前消防安全检查"
    assert item_title("", "核发") == "核发"
