"""Case numbers (办件编号), pure.

``510000`` (the province's division code) + the receipt date ``YYYYMMDD`` + a six-digit
daily serial, e.g. ``51000020260212000042``. Bundle applications use the prefix ``YJS``.
"""
from __future__ import annotations

import datetime as dt
import re

PROVINCE = "510000"
_PATTERN = re.compile(r"^(?:YJS)?510000(\d{8})(\d{6})$")


def case_number(day: dt.date, serial: int) -> str:
    if not 0 < serial < 1_000_000:
        raise ValueError("serial out of range")
    return f"{PROVINCE}{day:%Y%m%d}{serial:06d}"


def bundle_number(day: dt.date, serial: int) -> str:
    return "YJS" + case_number(day, serial)


def looks_like_number(text: str) -> bool:
    return bool(_PATTERN.match((text or "").strip().upper()))
