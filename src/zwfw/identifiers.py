"""Pure validators and masks for Chinese identifiers.

- Resident identity card number, GB 11643-1999: 17 digits + check character
  (ISO 7064 MOD 11-2). Positions 1-6 are an administrative division code of
  GB/T 2260 — any code ever in force, since a number keeps the code of the place
  and time it was issued — and positions 7-14 the birth date: a real date, not
  before 1900 and not in the future.
- Unified social credit code, GB 32100-2015: 18 characters from a 31-character
  set (no I, O, Z, S, V): registration-authority code, the category code valid
  for that authority, the registering authority's 6-digit division code, the
  9-character organisation code with its own GB 11714 check character, and the
  check character 31 - (weighted sum mod 31).

The division table is ``data/gbt2260.tsv`` (built by ``tools/gbt2260.py``).
Validators return the normalised value (upper case, stripped) or raise
``DomainError`` saying what is wrong. No database access here.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from zwfw.cn import chinese_date
from zwfw.errors import DomainError

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

# GB 32100-2015 appendix A with its amendments: registration authority → (name, {category: name}).
REGISTRATION_AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"}),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": ("司法行政", {"1": "律师执业机构", "2": "公证处", "3": "基层法律服务所", "4": "司法鉴定机构",
                     "5": "仲裁委员会", "9": "其他"}),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": ("旅游", {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他"}),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"}),
    "Y": ("其他", {"1": "不再划分机构类别"}),
}
# Codes the standards use outside the GB/T 2260 table.
CENTRAL_REGISTRATION = "100000"  # GB 32100: an authority of the central government registered it
RESIDENCE_PERMIT_REGIONS = {"810000": "香港", "820000": "澳门", "830000": "台湾"}  # 港澳台居民居住证

_DIVISIONS_FILE = Path(__file__).with_name("data") / "gbt2260.tsv"


@dataclass(frozen=True)
class Division:
    """One GB/T 2260 code: its latest name and the years it was listed (``last`` None = in force)."""

    code: str
    name: str
    first: int
    last: int | None

    @property
    def in_force(self) -> bool:
        return self.last is None


@functools.cache
def divisions() -> dict[str, Division]:
    table = {}
    with _DIVISIONS_FILE.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            code, name, first, last = line.rstrip("\n").split("\t")
            table[code] = Division(code, name, int(first), int(last) if last else None)
    return table


def division(code: str) -> Division | None:
    """The GB/T 2260 division of a 6-digit code (current or abolished), or None."""
    return divisions().get(code)


def resident_id_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def _org_value(c: str) -> int:
    return int(c) if c.isdigit() else ord(c) - ord("A") + 10


def organisation_code_check_char(first8: str) -> str:
    """The GB 11714 check character of an organisation code's first 8 characters."""
    check = 11 - sum(_org_value(c) * w for c, w in zip(first8, _ORG_WEIGHTS)) % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def make_uscc(first16: str) -> str:
    """A USCC from its first 16 characters, both check characters computed (for factories)."""
    body = first16 + organisation_code_check_char(first16[8:16])
    return body + uscc_check_char(body)


def make_resident_id(first17: str) -> str:
    """A resident ID number from its first 17 digits, check character computed (for factories)."""
    return first17 + resident_id_check_char(first17)


def _id_error(message: str, field: str) -> DomainError:
    return DomainError(message, code="invalid_id_number", field=field)


def validate_resident_id(s: str, *, field: str = "id_number", today: dt.date | None = None) -> str:
    value = (s or "").strip().upper()
    if len(value) != 18:
        raise _id_error(f"居民身份证号码应为 18 位，输入的是 {len(value)} 位。", field)
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise _id_error("居民身份证号码前 17 位应为数字，末位为数字或 X。", field)
    region = value[:6]
    if division(region) is None and region not in RESIDENCE_PERMIT_REGIONS:
        raise _id_error(f"居民身份证号码前 6 位“{region}”不是行政区划代码（GB/T 2260），请核对。", field)
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise _id_error(f"居民身份证号码第 7—14 位的出生日期“{value[6:14]}”不是有效日期，请核对。", field) from None
    if birth.year < 1900:
        raise _id_error(f"居民身份证号码中的出生日期 {chinese_date(birth)}早于 1900 年，请核对。", field)
    if birth > (today or dt.date.today()):
        raise _id_error(f"居民身份证号码中的出生日期 {chinese_date(birth)}晚于今天，请核对。", field)
    if resident_id_check_char(value[:17]) != value[17]:
        raise _id_error("居民身份证号码校验位不正确，请核对。", field)
    return value


def _uscc_error(message: str, field: str) -> DomainError:
    return DomainError(message, code="invalid_uscc", field=field)


def validate_uscc(s: str, *, field: str = "id_number") -> str:
    value = (s or "").strip().upper()
    if len(value) != 18:
        raise _uscc_error(f"统一社会信用代码应为 18 位，输入的是 {len(value)} 位。", field)
    bad = [c for c in value if c not in USCC_CHARSET]
    if bad:
        raise _uscc_error(f"统一社会信用代码含有不允许的字符“{bad[0]}”（不使用 I、O、Z、S、V）。", field)
    authority = REGISTRATION_AUTHORITIES.get(value[0])
    if authority is None:
        raise _uscc_error(
            f"统一社会信用代码第 1 位登记管理部门代码“{value[0]}”不存在"
            f"（应为 {'、'.join(REGISTRATION_AUTHORITIES)} 之一）。", field)
    name, categories = authority
    if value[1] not in categories:
        allowed = "、".join(f"{k} {v}" for k, v in categories.items())
        raise _uscc_error(
            f"统一社会信用代码第 2 位机构类别代码“{value[1]}”不属于登记管理部门“{name}”（可为 {allowed}）。", field)
    region = value[2:8]
    if not region.isdigit() or (division(region) is None and region != CENTRAL_REGISTRATION):
        raise _uscc_error(
            f"统一社会信用代码第 3—8 位“{region}”不是登记管理机关的行政区划代码（GB/T 2260），请核对。", field)
    org = value[8:17]
    if organisation_code_check_char(org[:8]) != org[8]:
        raise _uscc_error(f"统一社会信用代码第 9—17 位组织机构代码“{org}”的校验码不正确（GB 11714），请核对。", field)
    if uscc_check_char(value[:17]) != value[17]:
        raise _uscc_error("统一社会信用代码校验位（第 18 位）不正确，请核对。", field)
    return value


def mask_id(s: str) -> str:
    """5101**********1234: keep the first 4 and the last 4 characters."""
    s = s or ""
    if len(s) <= 8:
        return "*" * len(s)
    return s[:4] + "*" * (len(s) - 8) + s[-4:]


def mask_phone(s: str) -> str:
    """138****5678: keep the first 3 and the last 4 digits."""
    s = s or ""
    if len(s) < 8:
        return "*" * len(s)
    return s[:3] + "*" * (len(s) - 7) + s[-4:]
