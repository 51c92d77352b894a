"""Masking a holder's name for people who do not handle the holder's case (pure).

- a person: keep the first and last characters, one ``*`` per hidden one —
  张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明;
- an organisation: keep the first four characters and the legal-form suffix
  (有限公司, 股份有限公司, 合作社, …), hide the rest —
  成都某某科技有限公司 → 成都某某**有限公司.
"""
from __future__ import annotations

ORG_SUFFIXES = (
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "分公司", "公司", "专业合作社", "合作社",
    "合伙企业", "事务所", "研究院", "研究所", "医院", "学校", "中心", "协会", "商会", "基金会", "厂", "店",
)


def mask_person_name(name: str) -> str:
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_organisation_name(name: str) -> str:
    name = (name or "").strip()
    suffix = next((s for s in ORG_SUFFIXES if name.endswith(s) and len(name) > len(s)), "")
    head_len = 4 if len(name) - len(suffix) > 4 else max(1, (len(name) - len(suffix)) // 2)
    hidden = len(name) - len(suffix) - head_len
    if hidden <= 0:
        return name[:head_len] + "*" + suffix if suffix else mask_person_name(name)
    return name[:head_len] + "*" * hidden + suffix


def mask_holder_name(name: str, is_person: bool) -> str:
    return mask_person_name(name) if is_person else mask_organisation_name(name)
