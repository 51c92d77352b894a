"""The paragraphs an issue's figures were read from, written again by the briefing's own sentence
renderers (pure): the round trip that shows nothing was lost or misread.

    rerender.sentences(read("2023-03.pdf"))["provincial_ytd"]   # the original statistics sentence

Each renderer is given the imported figures and the wording the issue used (2022's 其它九类 or
2023's 其它 6 类, a range or 截至, transfers in 件 or 件次, the catalogue sentence's opening words,
the share's decimals). A kind whose figures were not all read is left out.
"""
from __future__ import annotations

from datetime import date

from .. import sentences as render


def _complete(value) -> bool:
    if isinstance(value, dict):
        return all(_complete(v) for v in value.values())
    if isinstance(value, list):
        return all(_complete(v) for v in value)
    return value is not None


def sentences(imported) -> dict[str, str]:
    w = imported.wording
    out: dict[str, str] = {}
    p = imported.provincial_ytd
    if p and _complete(p):
        out["provincial_ytd"] = render.provincial_statistics_sentence(
            as_of=date.fromisoformat(p["as_of"]),
            permit=(p["permit"]["accepted"], p["permit"]["completed"]),
            public_service=(p["public_service"]["accepted"], p["public_service"]["completed"]),
            other_types=p["other"]["types"], other=(p["other"]["accepted"], p["other"]["completed"]),
            other_style=w.get("other_style", "chinese"), span=w.get("span", "range"),
            other_word=w.get("other_word", "其它"), other_completed=w.get("other_completed", "累计办结"),
            **({"platform": w["platform"]} if w.get("platform") else {}),
        )
    c = imported.comprehensive_window
    if c and _complete(c):
        out["comprehensive_window"] = render.comprehensive_window_sentence(
            c["week"], c["ytd"], transfer_unit=w.get("transfer_unit", "件"))
    k = imported.catalog_change
    if k and _complete(k):
        out["catalog_change"] = (w.get("catalog_prefix", "")
                                 + render.catalog_change_sentence(tuple(k["main_items"]), tuple(k["handling_items"]))
                                 + "。")
    m = imported.manuals
    if m and _complete(m):
        out["manuals"] = render.manuals_sentence(m["done"], m["share"], decimals=w.get("manuals_decimals", 1))
    return out
