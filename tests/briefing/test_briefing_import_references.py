"""The three reference briefings import with every figure right, and their statistics round-trip."""
from datetime import date

import pytest

from zwfw.briefing.document import Heading, Paragraph
from zwfw.briefing.importer import read
from zwfw.briefing.sentences import provincial_statistics_sentence

EXPECTED = {
    "2023-03": {
        "year": 2023, "issue": 3, "total_issue": 423, "published_on": "2023-02-08",
        "period": {"start": "2023-01-16", "end": "2023-01-20"},
        "provincial_ytd": {"as_of": "2023-01-20",
                           "permit": {"accepted": 30880, "completed": 32631},
                           "public_service": {"accepted": 214771, "completed": 210311},
                           "other": {"types": 9, "accepted": 2848, "completed": 3187}},
        "comprehensive_window": None, "catalog_change": None, "manuals": None, "assessment": None,
        "leader_visits": 4, "print_run": 80,
    },
    "2022-31": {
        "year": 2022, "issue": 31, "total_issue": 406, "published_on": "2022-10-21",
        "period": {"start": "2022-09-13", "end": "2022-09-16"},
        "provincial_ytd": {"as_of": "2022-09-16",
                           "permit": {"accepted": 617058, "completed": 611244},
                           "public_service": {"accepted": 19691982, "completed": 7463962},
                           "other": {"types": 9, "accepted": 49602, "completed": 50398}},
        "comprehensive_window": None, "catalog_change": None, "manuals": None, "assessment": None,
        "leader_visits": None, "print_run": 80,
    },
    "2022-44": {
        "year": 2022, "issue": 44, "total_issue": 419, "published_on": "2023-01-12",
        "period": {"start": "2022-12-19", "end": "2022-12-23"},
        "provincial_ytd": {"as_of": "2022-12-23",
                           "permit": {"accepted": 785283, "completed": 776297},
                           "public_service": {"accepted": 21116425, "completed": 8845256},
                           "other": {"types": 9, "accepted": 61170, "completed": 61215}},
        "comprehensive_window": None, "catalog_change": None, "manuals": None, "assessment": None,
        "leader_visits": 2, "print_run": 80,
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reference_imports_with_every_figure_right(reference_reports, name):
    assert read(reference_reports / f"{name}.txt").to_json() == EXPECTED[name]


def _no_space(text: str) -> str:
    return "".join(text.split())


def _original_statistics_sentence(path) -> str:
    flat = _no_space(path.read_text(encoding="utf-8").replace("窗 口 工 作 周 报", ""))
    start = flat.index("据四川一体化政务服务平台数据统计")
    return flat[start: flat.index("。", start) + 1]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_statistics_paragraph_rendered_from_imported_figures_is_the_original_sentence(reference_reports, name):
    imported = read(reference_reports / f"{name}.txt")
    p = imported.provincial_ytd
    sentence = provincial_statistics_sentence(
        as_of=date.fromisoformat(p["as_of"]),
        permit=(p["permit"]["accepted"], p["permit"]["completed"]),
        public_service=(p["public_service"]["accepted"], p["public_service"]["completed"]),
        other_types=p["other"]["types"], other=(p["other"]["accepted"], p["other"]["completed"]),
        other_style=imported.wording["other_style"],
    )
    assert _no_space(sentence) == _original_statistics_sentence(reference_reports / f"{name}.txt")
    # the reconstructed document carries the same paragraph
    paragraphs = [b.text for b in imported.briefing.blocks if isinstance(b, Paragraph)]
    assert sentence in paragraphs


def test_reconstructed_briefing_keeps_header_headings_and_distribution(reference_reports):
    b = read(reference_reports / "2023-03.txt").briefing
    assert b.header.issue_line == "2023 年第 3 期（总第 423 期）"
    assert (b.header.issuer, b.header.section_title) == ("四川省政府政务服务和公共资源交易服务中心", "政务服务工作")
    headings = [(h.level, h.full_text) for h in b.blocks if isinstance(h, Heading)]
    assert headings == [(1, "一、省级政务服务事项受理办理情况"), (1, "二、窗口工作动态"),
                        (2, "（一）优化营商环境工作开展情况"), (2, "（二）窗口服务效能提升工作情况"),
                        (2, "（三）厅（局）长进大厅"), (1, "三、大厅巡查情况")]
    paragraphs = [b for b in b.blocks if isinstance(b, Paragraph)]
    # the masthead printed in the middle of a page break is not part of any paragraph
    assert not any("窗口工作周报" in p.text for p in paragraphs)
    # a printed item broken over lines and pages is one paragraph again
    assert any(p.text.startswith("（4）1 月 20 日，在农历兔年春节来临之际，水利厅党组成员、副厅长王华") for p in paragraphs)
    inspection = [p for p in paragraphs if p.lead]
    assert inspection[0].lead == "（一）按时到岗情况。" and inspection[0].text == "总体情况良好。"
    assert b.distribution.report_to == "中心领导。" and b.distribution.print_run == 80
    assert b.distribution.send_to == "各相关省级部门（单位），中心各处（室）、直属单位。"


def test_markdown_markers_of_an_extracted_issue_do_not_reach_the_text(reference_reports):
    b = read(reference_reports / "2022-44.txt").briefing
    text = "".join(getattr(x, "text", "") + getattr(x, "lead", "") for x in b.blocks)
    assert "**" not in text and "#" not in text
    assert Heading(2, "窗口服务效能提升工作情况", "（二）") in b.blocks
    inspection = [p for p in b.blocks if isinstance(p, Paragraph) and p.lead]
    assert [p.lead for p in inspection][:2] == ["（一）按时到岗情况。", "（二）工作区域标准化执行情况。"]
