"""What is printed: an issued document from its frozen fields, a licence from its record (reads only)."""
from __future__ import annotations

from urllib.parse import urlencode

from zwfw.cn import chinese_date
from zwfw.errors import Forbidden

from .models import IssuedDocument
from .render import Printout
from .services import PRINTING_ROLES, may_print


def document_printout(document: IssuedDocument) -> Printout:
    """Only frozen fields: the reprint of a document is the document first issued."""
    return Printout(department=document.department, title=document.title, number=document.number,
                    body=document.text, qr_url=document.qr_url, qr_caption="扫码查询办理进度",
                    on=document.issued_on, footer=f"办件编号：{document.case.number}", at=document.issued_at)


def verify_url(base_url: str, identifier: str) -> str:
    """The public verification page answering for this licence (the URL in the licence's QR code)."""
    return f"{base_url.rstrip('/')}/licences/verify/?{urlencode({'identifier': identifier})}"


def may_print_licence(user, licence) -> bool:
    if licence.case_id:
        return may_print(user, licence.case)
    return (getattr(user, "role", None) in PRINTING_ROLES and user.department_id is not None
            and user.department_id == licence.issuer_id)


def licence_printout(licence, *, base_url: str, actor) -> Printout:
    if not may_print_licence(actor, licence):
        raise Forbidden("只有办理该证照的窗口人员和审批人员可以打印证照。", code="documents_forbidden")
    holder = licence.holder
    lines = [
        f"持证主体：{holder.name}",
        f"{'统一社会信用代码' if holder.kind != holder.PERSON else '公民身份号码'}：{holder.id_number}",
    ]
    if licence.case_id:
        lines.append(f"许可事项：{licence.case.item.name}")
    until = chinese_date(licence.valid_until) if licence.valid_until else "长期"
    lines += [f"有效期限：{chinese_date(licence.valid_from)}至{until}",
              f"颁发日期：{chinese_date(licence.issued_on)}",
              f"证照标识：{licence.identifier}"]
    if licence.revoked_at is not None:
        lines.append("本证照已撤销，此件仅供存档。")
    footer = f"办件编号：{licence.case.number}" if licence.case_id else f"证照标识：{licence.identifier}"
    return Printout(department=licence.issuer.name, title=licence.kind.name, number=f"第 {licence.serial:06d} 号",
                    body="\n\n".join(lines), qr_url=verify_url(base_url, licence.identifier),
                    qr_caption="扫码核验证照状态（无需登录）", on=licence.issued_on, footer=footer, at=licence.issued_at)
