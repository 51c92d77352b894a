"""The briefing's fixed sentences, filled from figures (pure).

Each function takes numbers and returns the sentence exactly as the centre
writes it, with one space between a number and the Chinese around it
("受理 30880 件"). The importer reads the same sentences back, so a figure
imported from an old issue renders the original words again.
"""
from __future__ import annotations

from datetime import date

from zwfw.cn import chinese_date

_CHINESE_DIGITS = "零一二三四五六七八九十"
_STYLES = {"chinese", "digits", "arabic"}


def other_types_phrase(types: int, style: str = "chinese") -> str:
    """"其它九类行权事项" (2022 wording) or "其它 6 类行权事项" (style "digits", 2023 wording).

    The catalogue's own helper (zwfw.catalog.diffing.other_types_phrase) is reused so
    the briefing and the catalogue pages never word the count differently.
    """
    if style not in _STYLES:
        raise ValueError(f"未知的类数写法：{style}（应为 chinese 或 digits）")
    from zwfw.catalog.diffing import other_types_phrase as catalog_phrase

    return catalog_phrase(types, numerals="chinese" if style == "chinese" else "arabic")


def provincial_statistics_sentence(
    as_of: date,
    permit: tuple[int, int],
    public_service: tuple[int, int],
    other_types: int,
    other: tuple[int, int],
    other_style: str = "chinese",
    platform: str = "四川一体化政务服务平台",
    span: str = "range",
    other_word: str = "其它",
    other_completed: str = "累计办结",
) -> str:
    """The provincial year-to-date sentence; each pair is (accepted, completed).

    ``span`` words the period: "range" (2023 年 1 月 1 日至 2023 年 1 月 20 日), "until"
    (截至 2023 年 1 月 20 日) or "until_no_year" (截至 1 月 20 日); ``other_word`` and
    ``other_completed`` keep an issue's own "其他" / "办结" where it wrote them.
    """
    start = date(as_of.year, 1, 1)
    dates = {"range": f"{chinese_date(start)}至 {chinese_date(as_of)}", "until": f"截至 {chinese_date(as_of)}",
             "until_no_year": f"截至 {as_of.month} 月 {as_of.day} 日"}
    if span not in dates:
        raise ValueError(f"未知的统计时段写法：{span}（应为 range、until 或 until_no_year）")
    other_phrase = other_types_phrase(other_types, other_style)
    if other_word != "其它":
        other_phrase = other_word + other_phrase.removeprefix("其它")
    return (
        f"据{platform}数据统计，{dates[span]}，"
        f"省本级行政许可事项受理 {permit[0]} 件，办结 {permit[1]} 件；"
        f"公共服务事项受理 {public_service[0]} 件，办结 {public_service[1]} 件，"
        f"{other_phrase}受理 {other[0]} 件，{other_completed} {other[1]} 件。"
    )


def _counts(figures: dict, transfer_unit: str) -> str:
    return (f"咨询 {figures['consulted']} 人次、受理 {figures['accepted']} 件、"
            f"颁发 {figures['issued']} 件、流转 {figures['transferred']} {transfer_unit}")


def comprehensive_window_sentence(week: dict, ytd: dict, transfer_unit: str = "件") -> str:
    """The comprehensive window's week and year to date.

    ``week`` and ``ytd`` hold consulted (人次), accepted, issued and transferred;
    transfers are counted in 件 or, in some years' wording, 件次.
    """
    if transfer_unit not in ("件", "件次"):
        raise ValueError(f"流转的计量单位只能是“件”或“件次”：{transfer_unit}")
    return f"本周，共计{_counts(week, transfer_unit)}；今年以来，累计{_counts(ytd, transfer_unit)}。"


def catalog_change_sentence(main_items: tuple[int, int], handling_items: tuple[int, int]) -> str:
    """"主项从 742 项调整为 747 项，办理项从 1631 项调整为 1650 项" — the catalogue's own wording."""
    from zwfw.catalog.diffing import CatalogDiff, headline

    diff = CatalogDiff(date.min, date.min, main_items[0], main_items[1], handling_items[0], handling_items[1],
                       departments=[])
    return headline(diff)


def manuals_sentence(done: int, share: float, decimals: int = 1) -> str:
    """"共完成 812 个办理项的受理工作手册编制，占比 49.2%。" (share in percent)."""
    return f"共完成 {done} 个办理项的受理工作手册编制，占比 {percent(share, decimals)}。"


def percent(value: float, decimals: int = 2) -> str:
    """A share as the centre prints it: at most ``decimals`` places and no trailing zero
    ("56.1%", "68.75%", "100%"), rounded half up."""
    from decimal import ROUND_HALF_UP, Decimal

    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format(q, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def provincial_ytd_sentence(
    as_of: date,
    permit: tuple[int, int],
    public_service: tuple[int, int],
    other_types: int,
    other: tuple[int, int],
    other_style: str = "digits",
    platform: str = "省一体化政务服务平台",
) -> str:
    """The later form of the provincial sentence: the year to date with the as-of date in brackets,
    “据省一体化政务服务平台统计，今年以来（截至 5 月 12 日），省本级行政许可事项受理 … 件，办结 … 件；
    公共服务事项受理 … 件，办结 … 件；其它 6 类行权事项受理 … 件，累计办结 … 件。”
    """
    return (
        f"据{platform}统计，今年以来（截至 {as_of.month} 月 {as_of.day} 日），"
        f"省本级行政许可事项受理 {permit[0]} 件，办结 {permit[1]} 件；"
        f"公共服务事项受理 {public_service[0]} 件，办结 {public_service[1]} 件；"
        f"{other_types_phrase(other_types, other_style)}受理 {other[0]} 件，累计办结 {other[1]} 件。"
    )
