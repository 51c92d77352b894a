"""Ranking and scoring, pure: shared places (1, 1, 3, …), display order within a tie, caps."""
from decimal import Decimal as D

from zwfw.assessment.ranking import printed_places, rank
from zwfw.assessment.scoring import Line, points_text, score


def rows(*scores):
    """Departments in display order 1, 2, 3, … with the given scores."""
    return [{"name": f"部门{i + 1}", "display_order": i + 1, "score": D(str(s))} for i, s in enumerate(scores)]


def places(ranked):
    return [(r.place, r.item["name"]) for r in ranked]


def test_tie_at_the_top_shares_first_place_and_skips_second():
    ranked = rank(rows(99, 101, 101, 100))
    assert places(ranked) == [(1, "部门2"), (1, "部门3"), (3, "部门4"), (4, "部门1")]


def test_tie_in_the_middle_listed_in_display_order():
    data = rows(100, 101, 100, 98)
    data[0]["display_order"], data[2]["display_order"] = 30, 5  # 部门3 comes first in the hall's order
    ranked = rank(data)
    assert places(ranked) == [(1, "部门2"), (2, "部门3"), (2, "部门1"), (4, "部门4")]


def test_tie_at_the_end_shares_last_place():
    ranked = rank(rows(100, 99.5, 101, 99.5, 99.5))
    assert [r.place for r in ranked] == [1, 2, 3, 3, 3]
    assert [r.item["name"] for r in ranked][2:] == ["部门2", "部门4", "部门5"]


def test_everyone_equal_all_first():
    assert [r.place for r in rank(rows(100, 100, 100))] == [1, 1, 1]


def test_printed_places_blank_on_following_rows_of_a_tie():
    assert printed_places([1, 1, 3, 4, 4, 4, 7]) == ["1", "", "3", "4", "", "", "7"]


def test_score_is_base_minus_deductions_plus_additions():
    s = score(D(100), [Line("3.1", "deduction", D("0.5")), Line("5.2", "addition", D(1))])
    assert (s.deducted, s.added, s.score) == (D("0.5"), D(1), D("100.5"))


def test_deduction_written_negative_still_takes_points_off():
    s = score(D(100), [Line("3.1", "deduction", D("-2")), Line("3.2", "deduction", D("0.5"))])
    assert s.deducted == D("2.5")
    assert s.score == D("97.5")


def test_scores_below_base_rank_after_clean_windows():
    clean = score(D(100), [])
    fined = score(D(100), [Line("3.1", "deduction", D("-1"))])
    ranked = rank([{"name": "甲", "display_order": 1, "score": fined.score},
                   {"name": "乙", "display_order": 2, "score": clean.score}])
    assert places(ranked) == [(1, "乙"), (2, "甲")]


def test_additions_capped_per_rule_per_month():
    lines = [Line("5.1", "addition", D(1), cap=D(2))] * 3 + [Line("5.2", "addition", D("0.5"))]
    s = score(D(100), lines)
    assert s.added == D("2.5")  # 3 × 1 capped at 2, plus 0.5 uncapped
    assert s.score == D("102.5")


def test_deductions_capped_per_rule_and_caps_decide_a_tie():
    a = score(D(100), [Line("3.1", "deduction", D(1), cap=D(3))] * 5)
    b = score(D(100), [Line("3.2", "deduction", D(3))])
    assert a.deducted == D(3) and a.score == b.score == D(97)
    ranked = rank([{"name": "甲", "display_order": 2, "score": a.score},
                   {"name": "乙", "display_order": 1, "score": b.score}])
    assert places(ranked) == [(1, "乙"), (1, "甲")]


def test_points_printed_as_the_centre_prints_them():
    assert [points_text(v) for v in (D("100.00"), D("99.50"), D(0), D("1.25"))] == ["100", "99.5", "0", "1.25"]
