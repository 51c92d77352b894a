"""Pure validators and masks for Chinese identifiers.

- Resident identity card number, GB 11643-1999: 17 digits + check character,
  ISO 7064 MOD 11-2, the birth date (positions 7-14) must be a real date.
- Unified social credit code, GB 32100-2015: 18 characters from a 31-character
  set (no I, O, Z, S, V), check character = 31 - (weighted sum mod 31).

Validators return the normalised value (upper case, stripped) or raise
``DomainError``. No database access here.
"""
from __future__ import annotations

import datetime as dt

from zwfw.errors import DomainError

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def resident_id_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def validate_resident_id(s: str, *, field: str = "id_number") -> str:
    value = (s or "").strip().upper()
    if len(value) != 18:
        raise DomainError("居民身份证号码应为 18 位。", code="invalid_id_number", field=field)
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise DomainError("居民身份证号码前 17 位应为数字，末位为数字或 X。", code="invalid_id_number", field=field)
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise DomainError("居民身份证号码中的出生日期无效。", code="invalid_id_number", field=field) from None
    if birth.year < 1900 or birth > dt.date.today():
        raise DomainError("居民身份证号码中的出生日期无效。", code="invalid_id_number", field=field)
    if resident_id_check_char(value[:17]) != value[17]:
        raise DomainError("居民身份证号码校验位不正确，请核对。", code="invalid_id_number", field=field)
    return value


def validate_uscc(s: str, *, field: str = "id_number") -> str:
    value = (s or "").strip().upper()
    if len(value) != 18:
        raise DomainError("统一社会信用代码应为 18 位。", code="invalid_uscc", field=field)
    bad = [c for c in value if c not in USCC_CHARSET]
    if bad:
        raise DomainError(
            f"统一社会信用代码含有不允许的字符“{bad[0]}”（不使用 I、O、Z、S、V）。", code="invalid_uscc", field=field
        )
    if not value[2:8].isdigit():
        raise DomainError("统一社会信用代码第 3—8 位应为行政区划码。", code="invalid_uscc", field=field)
    if uscc_check_char(value[:17]) != value[17]:
        raise DomainError("统一社会信用代码校验位不正确，请核对。", code="invalid_uscc", field=field)
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
