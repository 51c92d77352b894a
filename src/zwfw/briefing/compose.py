"""Composition: a layout plus the week's data gives a Briefing value (pure).

Every paragraph the system writes has a stable key (``<section>.<n>``); an editor's
text for that key replaces the generated one and is marked ``source="edited"``,
while the generated text stays available for comparison.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zwfw.cn import heading_number, period_text

from .document import Attachment, Briefing, Chart, Distribution, Header, Heading, Paragraph, Table
from .layouts import SectionSpec


@dataclass
class BriefingData:
    """Everything a week's briefing says, gathered beforehand (see sources.py)."""

    period_start: date
    period_end: date
    provincial: dict | None = None  # stats.queries.ytd shape
    comprehensive: dict | None = None  # {"week": {...}, "ytd": {...}}
    catalog_change: list[str] = field(default_factory=list)  # first line totals, then one per department
    campaigns: dict[str, list[str]] = field(default_factory=dict)  # campaign name -> progress sentences
    news: dict[str, list[str]] = field(default_factory=dict)  # theme -> accepted items in order
    leader_visits_2022: list[str] = field(default_factory=list)  # one paragraph per visit
    leader_visits_2024: str = ""  # the one-sentence form
    commendations: list[str] = field(default_factory=list)
    inspection: list[tuple[str, str]] = field(default_factory=list)  # (point label, reading)
    policy_news: dict[str, list[str]] = field(default_factory=dict)  # campaign ("" = general) -> items
    assessment: dict | None = None  # {"title", "columns", "rows"}
    chart: dict | None = None  # {"title", "categories", "series"}
    distribution: Distribution = field(default_factory=Distribution)


@dataclass
class _Writer:
    edits: dict[str, str]
    blocks: list = field(default_factory=list)
    counters: list[int] = field(default_factory=lambda: [0, 0, 0])
    generated: dict[str, str] = field(default_factory=dict)

    def heading(self, level: int, text: str) -> None:
        self.counters[level - 1] += 1
        for lower in range(level, 3):
            self.counters[lower] = 0
        self.blocks.append(Heading(level, text, heading_number(level, self.counters[level - 1])))

    def paragraph(self, key: str, text: str, lead: str = "") -> None:
        self.generated[key] = text
        if key in self.edits:
            self.blocks.append(Paragraph(self.edits[key], lead=lead, source="edited"))
        elif text:
            self.blocks.append(Paragraph(text, lead=lead, source="generated"))

    def numbered(self, key: str, items: list[str]) -> None:
        """Items numbered （1）, （2）, … within their section; a single item is not numbered."""
        for n, text in enumerate(items, start=1):
            prefix = f"（{n}）" if len(items) > 1 else ""
            self.paragraph(f"{key}.{n}", prefix + text)


def _provincial(w: _Writer, key: str, spec: SectionSpec, data: BriefingData) -> None:
    """In the layout's own wording: the 2022 form (1 月 1 日至 …) or the later 今年以来（截至 …） form."""
    from .sentences import provincial_statistics_sentence, provincial_ytd_sentence

    p = data.provincial
    if not p:
        w.paragraph(key, "")  # nothing to print; the editor may write a sentence
        return
    sentence = provincial_ytd_sentence if spec.options.get("form") == "ytd" else provincial_statistics_sentence
    text = sentence(
        as_of=date.fromisoformat(p["as_of"]) if isinstance(p["as_of"], str) else p["as_of"],
        permit=(p["permit"]["accepted"], p["permit"]["completed"]),
        public_service=(p["public_service"]["accepted"], p["public_service"]["completed"]),
        other_types=p["other"]["types"],
        other=(p["other"]["accepted"], p["other"]["completed"]),
        other_style=spec.options.get("other_style", "chinese"),
    )
    w.paragraph(key, text)


def _comprehensive(w: _Writer, key: str, spec: SectionSpec, data: BriefingData) -> None:
    from .sentences import comprehensive_window_sentence

    if data.comprehensive:
        w.paragraph(key, comprehensive_window_sentence(
            data.comprehensive["week"], data.comprehensive["ytd"],
            transfer_unit=spec.options.get("transfer_unit", "件")))


def _news(w: _Writer, key: str, spec: SectionSpec, data: BriefingData) -> None:
    """Items grouped by theme: a theme is a sub-heading, its items numbered （1）, （2）, …"""
    themes = list(spec.options.get("themes") or [])
    themes += [t for t in data.news if t not in themes]
    sub_level = min(spec.level + 1, 3) if spec.heading else spec.level
    for t_index, theme in enumerate(themes, start=1):
        items = data.news.get(theme, [])
        if not items:
            continue
        if theme:
            w.heading(sub_level, theme)
        w.numbered(f"{key}.t{t_index}", items)


def _inspection(w: _Writer, key: str, spec: SectionSpec, data: BriefingData) -> None:
    if spec.options.get("intro"):
        w.paragraph(f"{key}.intro", spec.options["intro"])
    for n, (point, reading) in enumerate(data.inspection, start=1):
        lead = f"{heading_number(2, n)}{point}。"
        w.paragraph(f"{key}.{n}", reading, lead=lead)


def _leader_visits(w: _Writer, key: str, spec: SectionSpec, data: BriefingData) -> None:
    if spec.options.get("style") == "2024":
        w.paragraph(key, data.leader_visits_2024)
    else:
        w.numbered(key, data.leader_visits_2022) if data.leader_visits_2022 else w.paragraph(key, "")


def _numbered_or(w: _Writer, key: str, items: list[str], nothing: str) -> None:
    if items:
        w.numbered(key, items)
    else:
        w.paragraph(key, nothing)


def _campaign(w: _Writer, key: str, spec: SectionSpec, data: BriefingData) -> None:
    _numbered_or(w, key, data.campaigns.get(spec.options.get("campaign", ""), []), "")


def _policy(w: _Writer, key: str, spec: SectionSpec, data: BriefingData) -> None:
    _numbered_or(w, key, data.policy_news.get(spec.options.get("campaign", ""), []), "")


def _catalog(w: _Writer, key: str, spec: SectionSpec, data: BriefingData) -> None:
    for n, line in enumerate(data.catalog_change, start=1):
        w.paragraph(f"{key}.{n}", line if line.endswith("。") else line + "。")


def _commendations(w: _Writer, key: str, spec: SectionSpec, data: BriefingData) -> None:
    w.numbered(key, data.commendations) if data.commendations else w.paragraph(key, "")


def _free_text(w: _Writer, key: str, spec: SectionSpec, data: BriefingData) -> None:
    w.paragraph(key, spec.options.get("text", ""))


def _chart(w: _Writer, key: str, spec: SectionSpec, data: BriefingData) -> None:
    if data.chart:
        c = data.chart
        w.blocks.append(Chart(c["title"], tuple(c["categories"]),
                              tuple((name, tuple(values)) for name, values in c["series"]),
                              kind=c.get("kind", "line"), unit=c.get("unit", "件")))


WRITERS = {
    "provincial_statistics": _provincial, "comprehensive_window": _comprehensive, "window_news": _news,
    "hall_inspection": _inspection, "leader_visits": _leader_visits, "campaign_progress": _campaign,
    "policy_news": _policy, "catalog_change": _catalog, "commendations": _commendations,
    "free_text": _free_text, "chart": _chart,
}


def compose(header: Header, sections: list[SectionSpec], data: BriefingData,
            edits: dict[str, str] | None = None) -> tuple[Briefing, dict[str, str]]:
    """Return the briefing and the generated text of every paragraph by key."""
    w = _Writer(edits=dict(edits or {}))
    attachments: list[Attachment] = []
    distribution = None
    for index, spec in enumerate(sections, start=1):
        key = f"s{index}"
        if spec.kind == "distribution":
            distribution = data.distribution
            continue
        if spec.kind == "attachment_table":
            if data.assessment:
                a = data.assessment
                attachments.append(Attachment(f"附件：{a['title']}", (
                    Table(tuple(a["columns"]), tuple(tuple(str(v) for v in r) for r in a["rows"]),
                          numeric=tuple(range(2, len(a["columns"])))),)))
            continue
        if spec.heading:
            w.heading(spec.level, spec.heading)
        if spec.kind in WRITERS:
            WRITERS[spec.kind](w, key, spec, data)
    briefing = Briefing(header=header, blocks=tuple(w.blocks), attachments=tuple(attachments),
                        distribution=distribution)
    return briefing, w.generated


def period_heading(data: BriefingData) -> str:
    return period_text(data.period_start, data.period_end)
