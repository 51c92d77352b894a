"""Each layout's own wording of the statistics, and shares without a trailing zero."""
import re
from datetime import date
from pathlib import Path

import pytest

from zwfw.briefing.sentences import manuals_sentence, percent, provincial_statistics_sentence, provincial_ytd_sentence

REPORTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "reports"


def test_the_later_form_states_the_year_to_date_with_the_as_of_date_in_brackets():
    text = provincial_ytd_sentence(date(2023, 5, 12), (1, 2), (3, 4), 6, (5, 6))
    assert text == ("据省一体化政务服务平台统计，今年以来（截至 5 月 12 日），省本级行政许可事项受理 1 件，办结 2 件；"
                    "公共服务事项受理 3 件，办结 4 件；其它 6 类行权事项受理 5 件，累计办结 6 件。")


@pytest.mark.parametrize("name", ["2022-31", "2022-44", "2023-03"])
def test_the_2022_form_is_the_references_sentence(name):
    path = REPORTS / f"{name}.txt"
    if not path.exists():
        pytest.skip("reference reports not available")
    flat = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
    m = re.search(r"(据四川一体化政务服务平台数据统计，(\d{4})年1月1日至\d{4}年(\d+)月(\d+)日，.*?累计办结(\d+)件。)", flat)
    numbers = [int(n) for n in re.findall(r"(?:受理|办结)(\d+)件", m.group(1))]
    other = re.search(r"其它(\S)类", m.group(1)).group(1)
    types = "一二三四五六七八九十".index(other) + 1
    as_of = date(int(m.group(2)), int(m.group(3)), int(m.group(4)))
    ours = provincial_statistics_sentence(as_of, tuple(numbers[0:2]), tuple(numbers[2:4]), types, tuple(numbers[4:6]))
    assert re.sub(r"\s+", "", ours) == m.group(1)


@pytest.mark.parametrize("value, decimals, text", [
    (56.1, 1, "56.1%"), (68.75, 2, "68.75%"), (100.0, 2, "100%"), (50.0, 1, "50%"), (49.25, 1, "49.3%"),
    (61.84, 2, "61.84%"), (61.8, 2, "61.8%"), (0, 1, "0%"),
])
def test_shares_print_no_trailing_zero(value, decimals, text):
    assert percent(value, decimals) == text


def test_manuals_sentence_drops_a_trailing_zero():
    assert manuals_sentence(825, 50.0) == "共完成 825 个办理项的受理工作手册编制，占比 50%。"
