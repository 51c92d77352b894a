"""Normalising extracted text (pure): width, punctuation, Markdown markers, spacing, page noise.

The canonical form is the printed one: Chinese punctuation full-width （）：；，,
digits and Latin letters half-width. ``compact`` removes every space that is
extraction noise (between Chinese characters, between digits and Chinese, inside
a number split across lines); ``spaced`` writes a number the way the centre's
generated sentences do ("受理 30880 件").
"""
from __future__ import annotations

import re

TITLE = "窗口工作周报"

_FULL_TO_HALF = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
for _keep in "（）：；，！？":  # these stay full-width: the Chinese forms
    _FULL_TO_HALF.pop(_keep, None)
_FULL_TO_HALF.update({"\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": "",
                      "\ufeff": "", "\t": "  ", "﹪": "%", "–": "—", "―": "—", "─": "—"})
_TABLE = str.maketrans(_FULL_TO_HALF)

_CJK = r"\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2014\u2018-\u201d\u2026\u3008-\u3011〔〕"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_SPACE_IN_NUMBER = re.compile(r"(?<=[0-9.%])\s+(?=[0-9.%])")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CJK_THEN_ASCII = re.compile(r"([\u4e00-\u9fff])([0-9A-Za-z])")
_ASCII_THEN_CJK = re.compile(r"([0-9A-Za-z%])([\u4e00-\u9fff])")

_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s*|>\s*|[-*+]\s+)+")
_RULE = re.compile(r"^\s*(?:[-*_=—]\s*){3,}$|^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:[—\-~]+\s*\d{1,3}\s*[—\-~]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)\s*$")

# a half-width full stop ending a Chinese sentence (not a decimal point, not an ellipsis)
_FULL_STOP = re.compile(r"(?<![.\d])\.(?![.\d])(?=\s|$|[^\x00-\x7f])|(?<=[^\x00-\x7f%])\.(?![.\d])")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}
_CN_DATE = re.compile(r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")


def _cn_small(text: str) -> int:
    from zwfw.cn import parse_chinese_numeral

    return parse_chinese_numeral(text)


def _cn_date(m: re.Match) -> str:
    year = "".join(_CN_DIGIT[c] for c in m.group(1))
    return f"{year}年{_cn_small(m.group(2))}月{_cn_small(m.group(3))}日"


def normalise_chars(line: str) -> str:
    """Width and punctuation to the printed canonical form; Markdown emphasis and list markers removed."""
    line = line.translate(_TABLE)
    line = line.replace("**", "").replace("__", "")
    line = _MD_PREFIX.sub("", line)
    line = line.replace("(", "（").replace(")", "）")
    line = re.sub(r"(?<!\d):|:(?!\d)", "：", line)
    line = line.replace(";", "；").replace("!", "！").replace("?", "？")
    line = _FULL_STOP.sub("。", line)
    line = _THOUSANDS.sub("", line)
    line = re.sub(r"(?<=[^\x00-\x7f]),|,(?=[^\x00-\x7f])", "，", line)
    line = re.sub(r"—{2,}", "—", line)
    line = _CN_DATE.sub(_cn_date, line)
    return line.rstrip()


def is_noise(line: str) -> bool:
    """Page numbers, horizontal rules and Markdown table separators carry no text."""
    return bool(_RULE.match(line) or _PAGE_NUMBER.match(line))


def is_title(line: str) -> bool:
    return compact(line) == TITLE


def compact(text: str) -> str:
    """Remove every space that is extraction noise; keep one between two Latin words."""
    text = _SPACE_NEAR_CJK.sub("", text)
    text = _SPACE_IN_NUMBER.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def spaced(text: str) -> str:
    """One space between a number (or Latin word) and the Chinese around it, as generated text has."""
    text = _CJK_THEN_ASCII.sub(r"\1 \2", text)
    return _ASCII_THEN_CJK.sub(r"\1 \2", text)
