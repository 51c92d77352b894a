"""What each notice says: one short template per kind, filled from the case and its event (pure: no Django).

Every text names the case number and the item, says what happens next or what the applicant has to do,
and ends with the link to follow it (the public tracking page, which opens the case directly).
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

#: The case event that queues each kind of notice.
KIND_OF_EVENT = {
    "applied": "received", "correction_requested": "correction", "accepted": "accepted", "rejected": "rejected",
    "suspended": "suspended", "extended": "extended", "approved": "approved", "denied": "denied",
    "issued": "issued", "completed": "delivered",
}

APPEAL = "如有异议，可依法申请行政复议或者提起行政诉讼"

TEMPLATES = {
    "received": "您申请的“{item}”已收件，办件编号 {number}。{department}将在 5 个工作日内决定是否受理，"
                "材料需要补正的将一次性告知。查询进度：{url}",
    "correction": "您申请的“{item}”（办件编号 {number}）需要补正材料：{detail}。请一次补齐后到窗口或网上提交，"
                  "受理期限自收到补正材料之日起计算。查询进度：{url}",
    "accepted": "您申请的“{item}”（办件编号 {number}）已于 {accepted_on}受理，承诺于 {promised_due}前办结{owed}。"
                "查询进度：{url}",
    "rejected": "您申请的“{item}”（办件编号 {number}）不予受理，理由：{detail}。{appeal}。详情：{url}",
    "suspended": "您申请的“{item}”（办件编号 {number}）进入{procedure}程序，预计需要 {days} 个工作日，"
                 "所需时间不计入办理时限。查询进度：{url}",
    "extended": "您申请的“{item}”（办件编号 {number}）经批准延长办理期限 {days} 个工作日，理由：{detail}。查询进度：{url}",
    "approved": "您申请的“{item}”（办件编号 {number}）已准予许可，将于 {delivery_due}前颁发、送达，请留意通知。"
                "查询进度：{url}",
    "denied": "您申请的“{item}”（办件编号 {number}）不予许可，理由：{detail}。{appeal}。详情：{url}",
    "issued": "您申请的“{item}”（办件编号 {number}）{result}已颁发，请携带有效身份证件到政务服务大厅{department}窗口领取，"
              "选择邮寄的请留意送达通知。查询进度：{url}",
    "delivered": "您申请的“{item}”（办件编号 {number}）已办结，{how}。欢迎对本次服务作出评价：{url}",
    "licence_expiring": "您持有的{licence}（证照标识 {identifier}）将于 {valid_until}到期。如需延续，请于 {apply_by}前"
                        "向{issuer}提出延续申请{late}。核验证照：{url}",
}

DETAIL_LIMIT = 70
MOBILE = re.compile(r"^1[3-9]\d{9}$")


def chinese_day(day: dt.date | str | None) -> str:
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def short(text: str, limit: int = DETAIL_LIMIT) -> str:
    """A reason or list cut to fit a message; the written notice carries it whole."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…（详见书面告知书）"


def track_url(base_url: str, number: str, query_code: str) -> str:
    return f"{base_url.rstrip('/')}/feedback/track/?{urlencode({'number': number, 'code': query_code})}"


def verify_url(base_url: str, identifier: str) -> str:
    return f"{base_url.rstrip('/')}/licences/verify/?{urlencode({'identifier': identifier})}"


def render(kind: str, values: dict, *, signature: str = "") -> str:
    """The text of a ``kind`` notice, signed ``【signature】`` in front as an SMS is."""
    body = TEMPLATES[kind].format(appeal=APPEAL, **values)
    return f"【{signature}】{body}" if signature else body


def case_values(kind: str, *, number: str, item: str, department: str, url: str, note: str = "",
                data: dict | None = None, accepted_on=None, promised_due=None, delivery_due=None,
                tracking_number: str = "", procedure: str = "") -> dict:
    """The placeholders of a case notice from the case's fields and its event's note and data."""
    data = data or {}
    values = {"number": number, "item": item, "department": department, "url": url, "detail": short(note)}
    if kind == "accepted":
        owed = data.get("owed") or []
        values |= {"accepted_on": chinese_day(data.get("accepted_on") or accepted_on),
                   "promised_due": chinese_day(promised_due),
                   "owed": f"；请在约定期限内补交：{'、'.join(owed)}" if owed else ""}
    elif kind == "suspended":
        values |= {"procedure": procedure or "特别", "days": data.get("expected_days", "")}
    elif kind == "extended":
        values |= {"days": data.get("days", ""), "detail": short(note.split("（经")[0])}
    elif kind == "approved":
        values |= {"delivery_due": chinese_day(data.get("delivery_due") or delivery_due)}
    elif kind == "denied":
        values |= {"detail": short(note.rsplit("（", 1)[0] if note.endswith("）") else note)}
    elif kind == "issued":
        values |= {"result": data.get("licence_kind") or "办理结果"}
    elif kind == "delivered":
        tracking = data.get("tracking_number") or tracking_number
        values |= {"how": f"结果已邮寄送达，邮件号 {tracking}" if data.get("delivery") == "post"
                   else "结果已在窗口送达"}
    return values


_CODE_IN_LINK = re.compile(r"([?&]code=)[^&\s]+")


def for_log(text: str) -> str:
    """The text as the log shows it: the query code in the tracking link (the case's secret) hidden."""
    return _CODE_IN_LINK.sub(r"\1********", text)


def is_mobile(phone: str) -> bool:
    return bool(MOBILE.match((phone or "").replace(" ", "").replace("-", "")))
