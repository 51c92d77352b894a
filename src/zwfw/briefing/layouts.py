"""Section kinds and the three built-in layouts the centre has used (2022, 2023, 2024).

A layout is an ordered list of sections; each has a kind, a heading (without its
number — numbers are given at composition by level) and options. Centre staff
edit copies of these in the admin; these built-ins seed them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SECTION_KINDS = {
    "heading": "标题",
    "provincial_statistics": "省级政务服务事项受理办理情况",
    "comprehensive_window": "综窗办件情况（本周及今年以来）",
    "catalog_change": "事项库调整情况",
    "campaign_progress": "专项行动进展",
    "window_news": "窗口工作动态（按主题）",
    "leader_visits": "厅（局）长进大厅",
    "commendations": "窗口受到表扬情况",
    "hall_inspection": "大厅巡查情况",
    "policy_news": "政策资讯",
    "free_text": "自由文本",
    "chart": "图表",
    "attachment_table": "附件：上月窗口考核结果",
    "distribution": "报送发及印数",
}

INSPECTION_INTRO = (
    "大厅窗口规范化、标准化作为大厅管理贯彻始终的重点工作之一，各部门窗口须严格执行规范化、标准化要求，"
    "政务平台服务处结合“放管服”大督查要求，将加强管理力度和措施、加大督（巡）查力度，落实各项规范化、"
    "标准化要求。本周大厅巡查情况如下："
)


@dataclass(frozen=True)
class SectionSpec:
    kind: str
    heading: str = ""  # without its number; empty: the section prints no heading of its own
    level: int = 1  # level of this section's heading: 1 一、 2 （一） 3 （1）
    options: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in SECTION_KINDS:
            raise ValueError(f"未知的版块类型：{self.kind}")
        if self.level not in (1, 2, 3):
            raise ValueError(f"标题级别只能是 1、2、3：{self.level}")


def _s(kind, heading="", level=1, **options) -> SectionSpec:
    return SectionSpec(kind, heading, level, options)


NEWS_THEMES_2022 = ["优化营商环境工作开展情况", "窗口服务效能提升工作情况"]

LAYOUT_2022 = [
    _s("provincial_statistics", "省级政务服务事项受理办理情况", other_style="chinese"),
    _s("heading", "窗口工作动态"),
    _s("window_news", level=2, themes=NEWS_THEMES_2022),
    _s("leader_visits", "厅（局）长进大厅", level=2, style="2022"),
    _s("hall_inspection", "大厅巡查情况", intro=INSPECTION_INTRO),
    _s("distribution"),
]

LAYOUT_2023 = [
    _s("heading", "综窗改革攻坚行动"),
    _s("comprehensive_window", "省本级综窗办件情况", level=2, transfer_unit="件次"),
    _s("catalog_change", "事项授权及受理手册编制推进情况", level=2),
    _s("campaign_progress", level=2, campaign="综窗改革攻坚行动"),
    _s("free_text", "其它工作开展情况", level=2, text=""),
    _s("provincial_statistics", "省级政务服务事项受理办理情况", other_style="digits", form="ytd"),
    _s("heading", "窗口工作动态"),
    _s("window_news", level=2, themes=NEWS_THEMES_2022),
    _s("leader_visits", "厅（局）长进大厅", style="2022"),
    _s("policy_news", "政务资讯"),
    _s("distribution"),
]

LAYOUT_2024 = [
    _s("window_news", "政务工作动态", themes=[]),
    _s("commendations", "窗口受到表扬情况"),
    _s("leader_visits", "厅（局）长进大厅", style="2024"),
    _s("campaign_progress", "“高效办成一件事”专项行动", campaign="高效办成一件事"),
    _s("policy_news", "惠企政策直达快享专项行动", campaign="惠企政策直达快享"),
    _s("heading", "综窗改革攻坚行动"),
    _s("comprehensive_window", "省本级综窗办件情况", level=2, transfer_unit="件"),
    _s("catalog_change", "事项库调整情况", level=2),
    _s("campaign_progress", "受理工作手册编制情况", level=2, campaign="综窗改革攻坚行动"),
    _s("attachment_table", "上月窗口考核结果", month="previous"),
    _s("distribution"),
]

BUILT_IN = {
    "2022": ("2022 年版式（省级统计—窗口动态—大厅巡查）", LAYOUT_2022),
    "2023": ("2023 年版式（综窗改革攻坚行动开篇）", LAYOUT_2023),
    "2024": ("2024 年版式（政务工作动态—专项行动—考核附件）", LAYOUT_2024),
}


@dataclass(frozen=True)
class LayoutDefaults:
    """What a layout prints around its sections: the 版头's order and section title, and the
    版记 an issue starts from (each issue may change its own distribution and print run)."""

    issue_line_first: bool  # 2023 on: the issue line stands above the masthead
    section_title: str  # "政务服务工作" under the red line (2022), or none
    report_to: str  # 报：
    send_to: str  # 送：
    issue_to: str  # 发：
    print_run: int | None  # （共印 N 份）


DEFAULTS = {
    "2022": LayoutDefaults(False, "政务服务工作", "中心领导。", "各相关省级部门（单位），中心各处（室）、直属单位。",
                           "各部门窗口。", 80),
    "2023": LayoutDefaults(True, "", "中心领导。", "各相关省级部门（单位）。",
                           "中心各处（室）、直属单位，各部门窗口。", 60),
    "2024": LayoutDefaults(True, "", "中心领导。", "",
                           "各进驻部门（单位）窗口，中心各处（室）、直属单位。", 50),
}
