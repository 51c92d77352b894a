"""The service-guide anomaly check (办事指南异常). Pure: values in, Chinese descriptions out."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

# What a guide may write for "no fee": all count as a filled-in fee standard.
NO_FEE_WORDS = {"不收费", "免费", "无", "零收费", "不收取费用"}


@dataclass(frozen=True)
class MaterialValues:
    name: str
    copies: int = 1
    required: bool = True
    form: str = "original"
    licence_kind: str = ""
    deferrable: bool = False        # 容缺: may be handed in after acceptance
    promise_allowed: bool = False   # 告知承诺 may replace it (when the item allows 告知承诺)


@dataclass(frozen=True)
class GuideValues:
    """What the check needs to know about one handling item and its guide."""

    statutory_days: int
    promised_days: int
    conditions: str = ""
    fees: str = ""
    legal_basis: str = ""
    where_to_apply: str = ""
    online_url: str = ""
    fully_online: bool = False
    on_the_spot: bool = False
    promise_in_lieu: bool = False
    materials: list[MaterialValues] = field(default_factory=list)


def _blank(text: str | None) -> bool:
    return not unicodedata.normalize("NFKC", text or "").strip()


def guide_anomalies(g: GuideValues) -> list[str]:
    """Every missing or contradictory field of a guide, in Chinese; empty when the guide is sound."""
    found: list[str] = []
    if g.promised_days > g.statutory_days:
        found.append(
            f"承诺办结时限（{g.promised_days} 个工作日）大于法定办结时限（{g.statutory_days} 个工作日）"
        )
    if g.on_the_spot and g.promised_days > 1:
        found.append(f"标为即办件，但承诺办结时限为 {g.promised_days} 个工作日")
    if _blank(g.conditions):
        found.append("未填写受理条件")
    if _blank(g.fees):
        found.append("未填写收费标准（不收费的应填写“不收费”）")
    if _blank(g.legal_basis):
        found.append("未填写设定依据")
    if g.fully_online:
        url = unicodedata.normalize("NFKC", g.online_url or "").strip()
        if not url:
            found.append("标为全程网办，但未填写网上办理地址")
        elif not url.lower().startswith(("http://", "https://")):
            found.append(f"网上办理地址“{url}”不是有效的网址")
    elif _blank(g.where_to_apply):
        found.append("未填写办理地点")
    if not g.materials:
        found.append("未列出申请材料")
    else:
        seen: set[str] = set()
        for m in g.materials:
            name = m.name.strip()
            if not name:
                found.append("有申请材料未填写名称")
                continue
            if m.copies < 1:
                found.append(f"申请材料“{name}”份数为 {m.copies}，应至少 1 份")
            key = unicodedata.normalize("NFKC", name).replace(" ", "")
            if key in seen:
                found.append(f"申请材料“{name}”重复列出")
            seen.add(key)
            if m.deferrable and not m.required:
                found.append(f"申请材料“{name}”标为容缺，但不是必要材料")
            if m.promise_allowed and not g.promise_in_lieu:
                found.append(f"申请材料“{name}”标为可告知承诺，但办理项未实行告知承诺")
    return found
