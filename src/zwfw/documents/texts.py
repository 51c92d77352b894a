"""Document templates as text, pure: front matter, placeholders, filling.

A template file reads::

    ---
    title: 受理通知书
    kind: acceptance_notice
    after: accepted
    legal_basis: 《中华人民共和国行政许可法》第三十二条
    ---
    {{applicant_name}}：
    ...

``after`` names the case events (comma-separated) after which the document may be issued.
Placeholders are ``{{name}}``; a name not in ``PLACEHOLDERS`` is an error when the template is
loaded or saved, so a filled document never shows ``{{...}}``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from zwfw.errors import DomainError

#: The fee placeholders (缴费通知书, 缴费凭证), filled from zwfw.fees.queries.document_values.
FEE_PLACEHOLDERS = {
    "fee_items": "收费项目、金额及收费依据（逐项）",
    "fee_legal_basis": "收费依据",
    "fee_total": "应收合计（¥）",
    "fee_total_capital": "应收合计（大写）",
    "fee_paid": "已缴金额（¥）",
    "fee_paid_capital": "已缴金额（大写）",
    "fee_owed": "尚欠金额（¥）",
    "fee_payments": "缴费记录（逐笔）",
    "fee_where_to_pay": "缴费地点和方式",
}

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
BRACES = re.compile(r"\{\{|\}\}")

#: Every placeholder a template may use, with what it stands for (shown to staff in the admin).
PLACEHOLDERS = {
    "applicant_name": "申请人名称/姓名",
    "applicant_address": "申请人联系地址",
    "case_number": "办件编号",
    "query_code": "查询码",
    "track_url": "办件查询网页（不含办件编号和查询码）",
    "item_name": "办理事项名称",
    "department": "办理部门名称",
    "doc_number": "文书编号",
    "legal_basis": "本文书的法律依据",
    "case_legal_basis": "不予受理所依据的规定",
    "legal_basis_with_case": "本文书的法律依据，及办件记录的不予受理依据（如有）",
    "reason": "不予受理/不予许可理由",
    "received_on": "收件日期",
    "accepted_on": "受理日期",
    "statutory_due": "法定办结期限",
    "promised_due": "承诺办结期限",
    "decided_on": "决定日期",
    "delivery_due": "颁发送达期限",
    "delivery": "送达方式",
    "materials_received": "已收材料",
    "correction_items": "需补正的全部内容",
    "suspension_kind": "特别程序种类",
    "suspension_reason": "特别程序说明",
    "suspension_started_on": "特别程序开始日期",
    "suspension_expected_days": "特别程序预计所需时间",
    "extension_days": "延长工作日",
    "extension_reason": "延长理由",
    "extension_approved_by": "批准延长的机关负责人",
    "transfer_to": "流转去向",
    "transferred_on": "流转时间",
    "issued_on": "文书日期",
    **FEE_PLACEHOLDERS,
}

KIND = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
REQUIRED = ("title", "kind", "legal_basis", "after")


@dataclass(frozen=True)
class TemplateText:
    kind: str
    title: str
    legal_basis: str
    after: tuple[str, ...]
    body: str


def parse(text: str, *, source: str = "") -> TemplateText:
    """A template file's text as a value; a clear error names what is wrong and where."""
    where = f"{source}：" if source else ""
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---" or "---" not in [line.strip() for line in lines[1:]]:
        raise DomainError(f"{where}文书模板须以 --- 包围的头部信息开头。", code="template_front_matter", field="body")
    end = [line.strip() for line in lines].index("---", 1)
    meta = {}
    for line in lines[1:end]:
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise DomainError(f"{where}头部信息“{line.strip()}”应写作“名称: 值”。", code="template_front_matter",
                              field="body")
        meta[key.strip()] = value.strip()
    missing = [k for k in REQUIRED if not meta.get(k)]
    if missing:
        raise DomainError(f"{where}头部信息缺少：{'、'.join(missing)}。", code="template_front_matter", field="body")
    if not KIND.match(meta["kind"]):
        raise DomainError(f"{where}文书种类代码“{meta['kind']}”只能由小写字母、数字和下划线组成。",
                          code="template_kind", field="kind")
    body = "\n".join(lines[end + 1:]).strip("\n")
    check_body(body, where=where)
    after = tuple(a.strip() for a in meta["after"].split(",") if a.strip())
    return TemplateText(kind=meta["kind"], title=meta["title"], legal_basis=meta["legal_basis"], after=after, body=body)


def check_body(body: str, *, where: str = "") -> None:
    """Refuse unknown placeholders and stray braces, so filling can never leave ``{{...}}``."""
    if not body.strip():
        raise DomainError(f"{where}文书正文不能为空。", code="template_empty", field="body")
    unknown = sorted({name for name in PLACEHOLDER.findall(body) if name not in PLACEHOLDERS})
    if unknown:
        raise DomainError(f"{where}文书正文中有未知的占位符：{'、'.join(unknown)}。可用的占位符：{'、'.join(PLACEHOLDERS)}。",
                          code="template_placeholder", field="body")
    if BRACES.search(PLACEHOLDER.sub("", body)):
        raise DomainError(f"{where}文书正文中有不成对的 {{{{ 或 }}}}。", code="template_placeholder", field="body")


def fill(body: str, values: dict[str, str]) -> str:
    """The body with every placeholder replaced; an empty value reads "——" (a blank on paper, never a brace)."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1)) or "——"), body)


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each on one line."""
    return [" ".join(part.split("\n")).strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def document_number(short_name: str, year: int, serial: int) -> str:
    """机关简称〔年份〕顺序号, as GB/T 9704 writes it: 省林草局〔2026〕7号."""
    return f"{short_name}〔{year}〕{serial}号"
