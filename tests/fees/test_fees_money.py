"""Amounts: parsed as Decimal yuan (never float), printed ¥ with 2 decimals, written in 大写 on receipts."""
from decimal import Decimal

import pytest

from zwfw.catalog.feerules import describe, fee_problems, line_amount
from zwfw.errors import DomainError
from zwfw.money import capital, parse_amount, yuan


@pytest.mark.parametrize("value, words", [
    ("10", "壹拾元整"), ("105.50", "壹佰零伍元伍角"), ("0.53", "伍角叁分"), ("20.05", "贰拾元零伍分"),
    ("10002", "壹万零贰元整"), ("100000", "壹拾万元整"), ("1250.5", "壹仟贰佰伍拾元伍角"),
    ("1000001.07", "壹佰万零壹元零柒分"), ("0", "零元整"),
])
def test_capital_amounts_read_as_a_receipt_writes_them(value, words):
    assert capital(Decimal(value)) == words


def test_yuan_prints_two_decimals_and_thousands():
    assert yuan(Decimal("10")) == "¥10.00" and yuan(Decimal("1250.5")) == "¥1,250.50"


@pytest.mark.parametrize("raw, expected", [("10", "10.00"), ("¥10.5", "10.50"), ("１０元", "10.00"), (10, "10.00"),
                                           (10.1, "10.10"), (Decimal("0.01"), "0.01")])
def test_amounts_people_and_platforms_send_are_read_exactly(raw, expected):
    value = parse_amount(raw)
    assert isinstance(value, Decimal) and str(value) == expected


@pytest.mark.parametrize("raw, code", [("", "amount_required"), ("十元", "amount_invalid"), ("10.001", "amount_precision"),
                                       ("0", "amount_not_positive"), ("-5", "amount_not_positive"),
                                       ("1e12", "amount_too_large"), ("NaN", "amount_invalid"), (True, "amount_required")])
def test_a_bad_amount_is_a_chinese_error_at_its_field(raw, code):
    with pytest.raises(DomainError) as e:
        parse_amount(raw, field="amount", what="缴费金额")
    assert e.value.code == code and e.value.field == "amount" and "金额" in e.value.message


def test_a_fee_row_needs_its_amount_unit_and_legal_basis():
    assert fee_problems(rule="per_unit", amount=Decimal("10"), unit="证", name="工本费", legal_basis="某文件") == []
    fields = dict(fee_problems(rule="per_unit", amount=None, unit="", name="工本费", legal_basis=""))
    assert set(fields) == {"amount", "unit", "legal_basis"} and "第五十八条" in fields["legal_basis"]
    assert dict(fee_problems(rule="free", amount=Decimal("5"), name="审查费")) == {"amount": "不收费的项目不应填写金额"}
    assert fee_problems(rule="free", amount=None, name="审查费") == []


def test_a_fee_row_comes_to_its_rule():
    assert line_amount("per_unit", Decimal("10"), 3) == Decimal("30.00")
    assert line_amount("fixed", Decimal("25.5"), 3) == Decimal("25.50")
    assert line_amount("free", None, 1) == Decimal("0.00")
    assert describe("per_unit", Decimal("10"), "证") == "¥10.00/证" and describe("free", None) == "不收费"
