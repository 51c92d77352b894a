"""Identifier validators: what a clerk sees when a number is typed wrong."""
import datetime as dt

import pytest

from zwfw.errors import DomainError
from zwfw.identifiers import (
    make_resident_id, make_uscc, mask_id, mask_phone, organisation_code_check_char, resident_id_check_char,
    uscc_check_char, validate_resident_id, validate_uscc,
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


# ---- GB/T 2260 region codes, birth dates (GB 11643) ------------------------------------------

def test_division_table_holds_current_and_abolished_codes():
    from zwfw.identifiers import division

    assert division("510104").name == "锦江区" and division("510104").in_force
    # 成都市东城区 was abolished in 1990; ID numbers issued there before keep 510102.
    assert division("510102").name == "东城区" and not division("510102").in_force
    assert division("510199") is None


def test_an_id_number_issued_under_an_abolished_division_code_is_valid():
    assert validate_resident_id(make_resident_id("51010219650412003")).startswith("510102")


def test_residence_permit_numbers_of_hong_kong_macao_and_taiwan_residents_are_valid():
    for region in ("810000", "820000", "830000"):
        validate_resident_id(make_resident_id(f"{region}19900101001"))


@pytest.mark.parametrize("first17", ["51019919900307123", "00000019900307123", "99999919900307123"])
def test_an_id_number_whose_region_is_not_a_division_code_is_refused(first17):
    with pytest.raises(DomainError, match=f"前 6 位“{first17[:6]}”不是行政区划代码") as e:
        validate_resident_id(make_resident_id(first17))
    assert e.value.field == "id_number"


def test_a_birth_date_in_the_future_is_refused():
    number = make_resident_id("51010820270101123")
    with pytest.raises(DomainError, match="出生日期 2027 年 1 月 1 日晚于今天"):
        validate_resident_id(number, today=dt.date(2026, 11, 30))
    assert validate_resident_id(number, today=dt.date(2027, 1, 1)) == number


def test_a_birth_date_before_1900_is_refused():
    with pytest.raises(DomainError, match="出生日期 1899 年 12 月 31 日早于 1900 年"):
        validate_resident_id(make_resident_id("51010818991231123"))
    assert validate_resident_id(make_resident_id("51010819000101123"))


def test_an_impossible_birth_date_is_named():
    with pytest.raises(DomainError, match="出生日期“19900230”不是有效日期"):
        validate_resident_id(make_resident_id("51010819900230123"))


# ---- GB 32100 parts and the embedded GB 11714 organisation code --------------------------------

def test_real_codes_of_central_and_provincial_bodies_are_valid():
    # 国务院办公厅-registered (division 100000, central level) and a Hunan provincial body.
    assert validate_uscc("11100000000013338W") == "11100000000013338W"
    assert validate_uscc("11430000006122244L") == "11430000006122244L"


def test_organisation_code_check_follows_gb_11714():
    assert organisation_code_check_char("M000100Y") == "4"     # the GB 32100 example 91350100M000100Y43
    assert organisation_code_check_char("45071789") == "3"
    assert organisation_code_check_char("00000000") == "0"     # 11 → 0
    assert organisation_code_check_char("00000006") == "X"     # 10 → X


@pytest.mark.parametrize("first16, words", [
    ("B1510100MA61R8XK", "第 1 位登记管理部门代码“B”不存在"),
    ("X1510100MA61R8XK", "第 1 位登记管理部门代码“X”不存在"),
    ("94510100MA61R8XK", "机构类别代码“4”不属于登记管理部门“工商”"),
    ("Y2510100MA61R8XK", "机构类别代码“2”不属于登记管理部门“其他”"),
    ("16510000MA61R8XK", "机构类别代码“6”不属于登记管理部门“机构编制”"),
])
def test_authority_and_category_codes_are_checked(first16, words):
    with pytest.raises(DomainError, match=words) as e:
        validate_uscc(make_uscc(first16))
    assert e.value.code == "invalid_uscc"


@pytest.mark.parametrize("authority_category", ["11", "12", "13", "19", "21", "31", "35", "51", "52", "53", "59",
                                                "71", "81", "91", "92", "93", "A1", "N2", "Y1"])
def test_every_authority_with_its_categories_is_accepted(authority_category):
    code = make_uscc(f"{authority_category}510100MA61R8XK")
    assert validate_uscc(code) == code


@pytest.mark.parametrize("region", ["510199", "000000", "9951AB"])
def test_a_region_that_is_not_a_division_code_is_refused(region):
    with pytest.raises(DomainError, match=f"第 3—8 位“{region}”不是登记管理机关的行政区划代码"):
        validate_uscc(make_uscc(f"91{region}MA61R8XK"))


def test_a_wrong_organisation_code_check_character_is_named_even_when_the_last_check_fits():
    first17 = "91510100MA61R8XK2"  # the organisation code MA61R8XK1 mistyped as …K2
    with pytest.raises(DomainError, match="组织机构代码“MA61R8XK2”的校验码不正确"):
        validate_uscc(first17 + uscc_check_char(first17))
