"""Identifier validators: what a clerk sees when a number is typed wrong."""
import pytest

from zwfw.errors import DomainError
from zwfw.identifiers import (
    mask_id, mask_phone, resident_id_check_char, uscc_check_char, validate_resident_id, validate_uscc,
)

# The worked example of GB 11643-1999 and numbers whose check characters were computed by hand.
VALID_IDS = ["11010519491231002X", "510108199003071232", "440304198506120019"]
# The published example of GB 32100-2015 and two Sichuan-shaped codes.
VALID_USCC = ["91350100M000100Y43", "91510100MA61R8XK10", "12510000450717893J"]


@pytest.mark.parametrize("number", VALID_IDS)
def test_valid_resident_ids_pass(number):
    assert validate_resident_id(number) == number


def test_lower_case_x_and_spaces_are_normalised():
    assert validate_resident_id(" 11010519491231002x ") == "11010519491231002X"


def test_check_character_follows_iso_7064():
    assert resident_id_check_char("11010519491231002") == "X"


@pytest.mark.parametrize("number,words", [
    ("110105194912310021", "校验位"),
    ("11010519491231002", "18 位"),
    ("1101051949123100AX", "数字"),
    ("110105194902300020", "出生日期"),
])
def test_wrong_resident_ids_are_refused_in_chinese(number, words):
    with pytest.raises(DomainError) as e:
        validate_resident_id(number)
    assert e.value.code == "invalid_id_number"
    assert words in e.value.message
    assert e.value.field == "id_number"


def test_february_30_birth_date_is_refused():
    first17 = "51010819900230123"
    number = first17 + resident_id_check_char(first17)
    with pytest.raises(DomainError, match="出生日期"):
        validate_resident_id(number)


@pytest.mark.parametrize("code", VALID_USCC)
def test_valid_uscc_pass(code):
    assert validate_uscc(code) == code


def test_uscc_check_formula():
    assert uscc_check_char("91350100M000100Y4") == "3"


@pytest.mark.parametrize("code,words", [
    ("91350100M000100Y42", "校验位"),
    ("91350100M000100Y4", "18 位"),
    ("91350100M0001O0Y43", "不允许的字符“O”"),
])
def test_wrong_uscc_refused(code, words):
    with pytest.raises(DomainError) as e:
        validate_uscc(code)
    assert e.value.code == "invalid_uscc"
    assert words in e.value.message


def test_masks():
    assert mask_id("510108199003071232") == "5101**********1232"
    assert mask_id("91510100MA61R8XK10") == "9151**********XK10"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("") == ""
