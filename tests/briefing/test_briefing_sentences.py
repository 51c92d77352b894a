"""The briefing's fixed sentences read exactly as the centre prints them."""
from datetime import date

import pytest

from zwfw.briefing.sentences import (
    catalog_change_sentence, comprehensive_window_sentence, manuals_sentence, provincial_statistics_sentence,
)


def test_provincial_sentence_is_the_centres_fixed_sentence_word_for_word():
    text = provincial_statistics_sentence(date(2023, 1, 20), (30880, 32631), (214771, 210311), 9, (2848, 3187))
    assert text == ("据四川一体化政务服务平台数据统计，2023 年 1 月 1 日至 2023 年 1 月 20 日，省本级行政许可事项受理 "
                    "30880 件，办结 32631 件；公共服务事项受理 214771 件，办结 210311 件，其它九类行权事项受理 2848 件，"
                    "累计办结 3187 件。")


def test_other_types_are_written_in_chinese_numerals_or_digits_as_the_year_wrote_them():
    args = (date(2023, 9, 8), (1, 2), (3, 4), 6, (5, 6))
    assert "其它六类行权事项受理 5 件" in provincial_statistics_sentence(*args)
    assert "其它 6 类行权事项受理 5 件" in provincial_statistics_sentence(*args, other_style="digits")
    with pytest.raises(ValueError):
        provincial_statistics_sentence(*args, other_style="roman")


def test_year_to_date_always_starts_on_the_first_of_january_of_the_as_of_year():
    text = provincial_statistics_sentence(date(2022, 12, 23), (785283, 776297), (21116425, 8845256), 9, (61170, 61215))
    assert "2022 年 1 月 1 日至 2022 年 12 月 23 日" in text and "21116425 件" in text


def test_comprehensive_window_sentence_gives_week_and_year_with_the_transfer_unit_of_the_layout():
    week = {"consulted": 2968, "accepted": 471, "issued": 3702, "transferred": 5120}
    ytd = {"consulted": 36612, "accepted": 9685, "issued": 85944, "transferred": 154351}
    assert comprehensive_window_sentence(week, ytd) == (
        "本周，共计咨询 2968 人次、受理 471 件、颁发 3702 件、流转 5120 件；"
        "今年以来，累计咨询 36612 人次、受理 9685 件、颁发 85944 件、流转 154351 件。")
    assert "流转 5120 件次；" in comprehensive_window_sentence(week, ytd, transfer_unit="件次")
    with pytest.raises(ValueError):
        comprehensive_window_sentence(week, ytd, transfer_unit="次")


def test_catalogue_change_uses_the_catalogues_own_wording():
    assert catalog_change_sentence((742, 747), (1631, 1650)) == "主项从 742 项调整为 747 项，办理项从 1631 项调整为 1650 项"


def test_manuals_sentence_rounds_the_share_to_the_requested_decimals():
    assert manuals_sentence(812, 49.2) == "共完成 812 个办理项的受理工作手册编制，占比 49.2%。"
    assert manuals_sentence(812, 812 / 1650 * 100, decimals=2) == "共完成 812 个办理项的受理工作手册编制，占比 49.21%。"
