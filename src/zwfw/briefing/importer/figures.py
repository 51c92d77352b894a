"""The figures a briefing states, read from its parts (pure).

Each reader looks for its sentence by what it says, not by where it stands, so
a section that moved, was renamed or is missing in another year's layout is
still found, or reported as ``None``.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from zwfw.cn import parse_chinese_numeral

from .sections import ISSUE_LINE, PERIOD, Layout, Unit

DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_ISSUE = re.compile(r"(\d{4})年第([\d一二三四五六七八九十]+)期\s*(?:（?总第(\d+)期）?)?")
_PERIOD_PARTS = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日[—\-~～至到]+(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日")
_UNIT = r"件次?"


def _date(y, m, d) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _int(text: str) -> int:
    return int(text) if text.isdigit() else parse_chinese_numeral(text)


def issue_numbers(layout: Layout) -> tuple[int, int, int | None] | None:
    text = "".join(u.text for u in layout.header) or layout.flat()[:200]
    if m := _ISSUE.search(text):
        return int(m.group(1)), _int(m.group(2)), int(m.group(3)) if m.group(3) else None
    return None


_ISSUED_LINE = re.compile(r"^[\u4e00-\u9fff（）]{0,40}?(\d{4})年(\d{1,2})月(\d{1,2})日(?:印发|发布|编印)?$")


def published_on(layout: Layout) -> date | None:
    """The issue date: in the header whatever its order, else a line of its own anywhere in the issue
    (the issuing body and date, or "…2023年2月8日印发" in the 版记). A date inside a sentence is not it."""
    for unit in layout.header:
        if PERIOD.match(unit.text):
            continue
        text = ISSUE_LINE.sub("", unit.text)
        if m := DATE.search(text):
            return _date(*m.groups())
    for unit in layout.units:
        if unit.kind in ("text", "dist", "attachment") and (m := _ISSUED_LINE.match(unit.text)):
            return _date(*m.groups())
    return None


def header_texts(layout: Layout) -> tuple[str, str]:
    """(issuer, section title) as printed in the header, '' where absent."""
    issuer = section = ""
    for unit in layout.header:
        if PERIOD.match(unit.text):
            continue
        rest = DATE.sub("", _ISSUE.sub("", unit.text)).strip()
        if not rest:
            continue
        if not issuer and any(w in rest for w in ("中心", "办公室", "政府", "厅", "局", "委员会")):
            issuer = rest
        else:
            section = rest
    return issuer, section


def _year_for(month: int, day: int, issue_year: int, published: date | None, as_of: date | None) -> int:
    """The year of a period end printed without one: the stated figures' date, else the latest
    candidate not after the issue date, else the issue's year."""
    if as_of and (as_of.month, as_of.day) == (month, day):
        return as_of.year
    if published:
        for year in (published.year, published.year - 1, issue_year):
            d = _date(year, month, day)
            if d and d <= published and (published - d).days < 366:
                return year
    return issue_year


def period(layout: Layout, issue_year: int, published: date | None, as_of: date | None) -> tuple[date, date] | None:
    text = next((u.text for u in layout.units if u.kind == "header" and PERIOD.match(u.text)), "")
    m = _PERIOD_PARTS.search(text)
    if not m:
        if as_of:  # no period printed: the working week that ends on the figures' date
            return as_of - timedelta(days=as_of.weekday()), as_of
        return None
    y1, m1, d1, y2, m2, d2 = m.groups()
    m2 = m2 or m1
    end_year = int(y2) if y2 else _year_for(int(m2), int(d2), issue_year, published, as_of)
    end = _date(end_year, m2, d2)
    start_year = int(y1) if y1 else (end_year - 1 if int(m1) > int(m2) else end_year)
    start = _date(start_year, m1, d1)
    if not start or not end or start > end:
        return None
    return start, end


def _between(sentence: str, start: str, stops: list[str]) -> str:
    i = sentence.find(start)
    if i < 0:
        return ""
    ends = [j for stop in stops if (j := sentence.find(stop, i + len(start))) > 0]
    return sentence[i: min(ends) if ends else len(sentence)]


def _pair(segment: str) -> dict | None:
    accepted = re.search(rf"受理(\d+){_UNIT}", segment)
    completed = re.search(rf"办结(\d+){_UNIT}", segment)
    if not accepted and not completed:
        return None
    return {"accepted": int(accepted.group(1)) if accepted else None,
            "completed": int(completed.group(1)) if completed else None}


_UNTIL = re.compile(r"截[至止](?:到)?(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")


def sentences(flat: str) -> list[str]:
    return [s for s in re.split(r"[。\n]", flat) if s]


def provincial(flat: str) -> tuple[dict | None, dict]:
    """provincial_ytd and its wording: {"other_style": "chinese"|"digits", "span": "range"|"until"
    (截至 2023 年 1 月 20 日)|"until_no_year" (截至 1 月 20 日, as_of then holds only month and day:
    the caller takes the year from the period)}."""
    sentence = next((s for s in sentences(flat) if "行政许可" in s and "公共服务" in s and "受理" in s), "")
    if not sentence:
        return None, {}
    dates = [d for d in (_date(*m.groups()) for m in DATE.finditer(sentence)) if d]
    span = "range" if len(dates) >= 2 else "until"
    until = _UNTIL.search(sentence)
    as_of = dates[-1].isoformat() if dates else None
    if until and not until.group(1):
        span, as_of = "until_no_year", f"--{int(until.group(2)):02d}-{int(until.group(3)):02d}"
    other_match = re.search(r"其[它他]([\d一二三四五六七八九十]{1,3})类", sentence)
    other_key = other_match.group(0) if other_match else ("其它" if "其它" in sentence else "其他")
    other = _pair(_between(sentence, other_key, [])) or {"accepted": None, "completed": None}
    figures = {
        "as_of": as_of,
        "permit": _pair(_between(sentence, "行政许可", ["公共服务", other_key])),
        "public_service": _pair(_between(sentence, "公共服务", ["行政许可", other_key])),
        "other": {"types": _int(other_match.group(1)) if other_match else None, **other},
    }
    style = "digits" if other_match and other_match.group(1).isdigit() else "chinese"
    wording = {"other_style": style, "span": span, "other_word": "其他" if other_key.startswith("其他") else "其它",
               "other_completed": "累计办结" if re.search(r"累计办结\d", _between(sentence, other_key, [])) else "办结"}
    platform = re.match(r"^据(.+?)数据统计", sentence)
    if platform:
        wording["platform"] = platform.group(1)
    return figures, wording


def _window_counts(clause: str) -> dict:
    def num(pattern):
        m = re.search(pattern, clause)
        return int(m.group(1)) if m else None

    return {"consulted": num(r"咨询(\d+)人次"), "accepted": num(rf"受理(\d+){_UNIT}"),
            "issued": num(rf"(?:颁发|出件|发证)(\d+){_UNIT}"), "transferred": num(rf"流转(\d+){_UNIT}")}


def comprehensive_window(flat: str) -> tuple[dict | None, dict]:
    clauses = [c for c in re.split(r"[。；\n]", flat)
               if re.search(r"咨询\d+人次", c) and "受理" in c and ("颁发" in c or "流转" in c)]
    ytd = next((c for c in clauses if any(w in c for w in ("今年以来", "年初以来", "累计"))), None)
    week = next((c for c in clauses if c is not ytd), None)
    if week is None and ytd is None:
        return None, {}
    unit = "件次" if re.search(r"流转\d+件次", week or ytd or "") else "件"
    return ({"week": _window_counts(week) if week else None, "ytd": _window_counts(ytd) if ytd else None},
            {"transfer_unit": unit})


def catalog_wording(flat: str) -> dict:
    """What the catalogue sentence says before its figures ("经省级部门申请，省级政务服务事项库")."""
    sentence = next((s for s in sentences(flat) if re.search(r"主项(?:从|由)\d", s)), "")
    return {"catalog_prefix": sentence[: sentence.index("主项")]} if sentence else {}


def catalog_change(flat: str) -> dict | None:
    def change(label: str):
        m = re.search(rf"{label}(?:数量?)?(?:由|从)(\d+)[项个]?(?:调整|增加|减少|变更)?(?:为|到|至)(\d+)[项个]", flat)
        if m:
            return [int(m.group(1)), int(m.group(2))]
        m = re.search(rf"{label}(?:数量?)?(?:共|为)?(\d+)[项个](?:[、，；]|$)", flat)
        return [int(m.group(1))] * 2 if m else None

    main, handling = change("主项"), change("办理项")
    if main is None and handling is None:
        return None
    return {"main_items": main, "handling_items": handling}


_MANUALS = re.compile(r"(\d+)个办理项[^。\n]{0,12}?受理工作手册[^。\n]{0,20}?占比(\d+(?:\.(\d+))?)%")


def manuals(flat: str) -> dict | None:
    m = _MANUALS.search(flat)
    if not m:
        return None
    return {"done": int(m.group(1)), "share": float(m.group(2))}


def manuals_wording(flat: str) -> dict:
    m = _MANUALS.search(flat)
    return {"manuals_decimals": len(m.group(3) or "")} if m else {}


_COLUMN_KEYS = (("rank", ("序号", "名次", "排名")), ("department", ("部门", "单位", "窗口")),
                ("base", ("基础",)), ("deducted", ("减分", "扣分")), ("added", ("加分",)),
                ("score", ("实得", "得分", "总分", "合计")))


def score_value(text: str) -> int | float | None:
    text = text.replace("—", "-").lstrip("+")
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value == int(value) else value


def assessment_table(layout: Layout) -> tuple[Unit | None, dict[str, int]]:
    tables = [u for u in layout.units if u.kind == "table"]
    table: Unit | None = None
    index: dict[str, int] = {}
    for t in tables:
        found: dict[str, int] = {}
        for key, words in _COLUMN_KEYS:
            for i, name in enumerate(t.columns):
                if i not in found.values() and any(w in name for w in words):
                    found[key] = i
                    break
        if {"department", "score"} <= found.keys() or ("实得" in "".join(t.columns)):
            table, index = t, found
            break
    if table is not None and len(index) < 6 and len(table.columns) == 6:
        index = {key: i for i, (key, _) in enumerate(_COLUMN_KEYS)}
    return table, index


def assessment(layout: Layout) -> dict | None:
    table, index = assessment_table(layout)
    if table is None:
        return None
    rows, rank = [], 0
    for cells in table.rows:
        get = lambda key: cells[index[key]] if key in index and index[key] < len(cells) else ""  # noqa: E731
        if not get("department") and not any(get(k) for k in ("base", "score")):
            continue  # an empty row
        rank = int(get("rank")) if get("rank").isdigit() else (rank or 1)
        deducted = score_value(get("deducted"))
        rows.append({"rank": rank, "department": get("department"), "base": score_value(get("base")),
                     "deducted": abs(deducted) if deducted is not None else None,
                     "added": score_value(get("added")), "score": score_value(get("score"))})
    if not rows:
        return None
    titles = (u.text for u in layout.units if u.kind in ("attachment", "text", "heading", "header"))
    m = next((m for t in titles if (m := re.search(r"(\d{4})年(\d{1,2})月(?!\d)[^。]{0,40}?考核", t))), None)
    return {"month": f"{int(m.group(1)):04d}-{int(m.group(2)):02d}" if m else None, "rows": rows}


def _leader_section(layout: Layout) -> list[Unit] | None:
    units = layout.units
    for i, unit in enumerate(units):
        if unit.kind == "heading" and re.search(r"长进大厅|领导进大厅", unit.text):
            section = []
            for after in units[i + 1:]:
                if after.kind == "heading" and after.level <= unit.level or after.kind in ("dist", "attachment"):
                    break
                section.append(after)
            return section
    return None


# Titles a leader is named by; the person's name follows the last title of a run such as
# "党组成员、省粮食和物资储备局局长张某" (one person, two titles, the second naming a body).
_TITLE_WORDS = sorted({
    "厅长", "局长", "主任", "书记", "巡视员", "调研员", "成员", "委员", "主席", "总师", "经济师", "工程师", "会计师",
    "助理", "处长", "秘书长", "部长", "组长", "院长", "司长", "署长", "队长", "专员", "会长", "行长", "社长", "站长",
    "所长", "馆长", "校长", "科长", "主任委员", "负责人", "负责同志", "总监", "参事", "督察长", "检察长", "审计长",
    "政委", "总经理", "董事长", "一级", "二级", "三级", "四级", "副职", "领导",
}, key=len, reverse=True)
_LAST_TITLE = re.compile("(?:" + "|".join(_TITLE_WORDS) + ")(?!.*(?:" + "|".join(_TITLE_WORDS) + "))")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")


def _is_person(piece: str) -> bool:
    """A title run ending in a name: what follows its last title word is a name of two to four characters."""
    m = _LAST_TITLE.search(piece)
    return bool(m) and bool(_NAME.match(piece[m.end():]))


def _people_in_sentence(sentence: str) -> int:
    """People named in "本周，A 职务甲，B 职务乙、职务丙……分别到……": one per name, however many titles."""
    body = re.sub(r"^(?:（\d{1,2}）)?(?:本周|近日|近期|(?:\d{4}年)?\d{1,2}月\d{1,2}日)?[，]?", "", sentence)
    body = re.split(r"(?:分别|先后|一同|共同)?(?:到|赴|来到|前往|深入)[^，、]*?(?:窗口|大厅|中心)", body)[0]
    return sum(_is_person(piece) for piece in re.split(r"[，；、和及与]", body))


def leader_visits(layout: Layout) -> int | None:
    section = _leader_section(layout)
    if section is None:
        return None
    texts = [u for u in section if u.kind == "text"]
    numbered = [u for u in texts if re.match(r"^（\d{1,2}）", u.text)]
    count = 0
    for unit in numbered or texts:  # an item, or a sentence, names at least one leader
        if re.search(r"^本周无|无.{0,8}领导", unit.text):
            continue
        count += max(1, _people_in_sentence(unit.text.split("。")[0]))
    return count


def print_run(layout: Layout) -> int | None:
    unit = next((u for u in layout.units if u.kind == "print_run"), None)
    if unit:
        return int(unit.text)
    m = re.search(r"共印(\d+)份", layout.flat(("text", "dist")))
    return int(m.group(1)) if m else None
