"""Licence identifiers and name masking: pure, no database."""
import pytest

from zwfw.errors import DomainError
from zwfw.licences import identifier
from zwfw.licences.masking import mask_organisation_name, mask_person_name

USCC = "11510000MB15022053"
# A real identifier, as printed on a licence of the national catalogue (GB/T 36904).
REAL = "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U"


def test_mod_37_36_matches_the_published_example():
    # ISO 7064 MOD 37,36 example (also python-stdnum's): A12425GABC1234002 → M
    assert identifier.check_char("A12425GABC1234002") == "M"
    assert identifier.is_valid_check("A12425GABC1234002M")
    assert not identifier.is_valid_check("A12425GABC1234020M")


def test_a_real_identifier_verifies_and_keeps_its_spelling():
    parsed = identifier.parse(REAL)
    assert parsed.type_code == "11100000000013338W011"  # 21 characters
    assert parsed.issuer_uscc == "11430000006122244L"
    assert parsed.serial == "20230000403"  # 11 digits: serials have no fixed length
    assert parsed.version == 1
    assert parsed.check == "U" and str(parsed) == REAL


def test_the_check_covers_type_issuer_serial_and_version_but_not_the_root():
    assert identifier.check_char("11100000000013338W011" "11430000006122244L" "20230000403" "001") == "U"
    # Over the whole identifier including the fixed root the check would be another character.
    assert identifier.check_char(REAL[:-2].replace(".", "")) != "U"


def test_build_has_the_gbt_36904_shape_and_parses_back():
    text = identifier.build("115100YP01", USCC, 12, 1)
    assert text.startswith("1.2.156.3005.2.115100YP01.11510000MB15022053.00000012.001.")
    parsed = identifier.parse(text)
    assert (parsed.type_code, parsed.issuer_uscc, parsed.serial, parsed.version) == ("115100YP01", USCC, "00000012", 1)
    assert str(parsed) == text


def test_type_codes_of_up_to_21_characters_are_issued():
    text = identifier.build("11100000000013338W011", USCC, 7, 3)
    assert identifier.parse(text).type_code == "11100000000013338W011"
    with pytest.raises(DomainError, match="1—21 位"):
        identifier.build("11100000000013338W0112", USCC, 7, 3)


def test_lower_case_and_spaces_typed_by_a_person_are_accepted():
    text = identifier.build("115100YP01", USCC, 12, 1)
    assert identifier.normalise(" " + text.lower() + " ") == text


@pytest.mark.parametrize("position", [-3, -6, 20, 30])
def test_a_corrupted_identifier_fails_its_check(position):
    text = identifier.build("115100YP01", USCC, 12, 1)
    chars = list(text)
    chars[position] = "7" if chars[position] != "7" else "8"
    with pytest.raises(DomainError) as err:
        identifier.parse("".join(chars))
    assert err.value.code in {"bad_check", "invalid_identifier"}


def test_a_wrong_check_character_says_so():
    text = identifier.build("115100YP01", USCC, 12, 1)
    wrong = text[:-1] + ("0" if text[-1] != "0" else "1")
    with pytest.raises(DomainError, match="校验位不正确"):
        identifier.parse(wrong)


def test_swapped_adjacent_digits_are_caught():
    text = identifier.build("115100YP01", USCC, 12, 1)
    swapped = text.replace(".00000012.", ".00000021.")
    with pytest.raises(DomainError, match="校验位不正确"):
        identifier.parse(swapped)


@pytest.mark.parametrize("text, message", [
    ("", "请输入"),
    ("2.16.156.1.115100YP01", "应以 1.2.156.3005.2 开头"),
    ("1.2.156.3005.2.115100YP01.11510000MB15022053.00000012.01.K", "版本号“01”应为 3 位数字"),
    ("1.2.156.3005.2.115100YP01.11510000MB15022053.00000012.001", "格式不正确"),
    ("1.2.156.3005.2.115100YP01.11510000MB1502205.00000012.001.K", "颁发机构代码“11510000MB1502205”应为 18 位"),
    ("1.2.156.3005.2.11100000000013338W0112.11510000MB15022053.12.001.K", "类型代码“11100000000013338W0112”应为 1—21 位"),
    ("1.2.156.3005.2.115100YP01.11510000MB15022053.2023-1.001.K", "流水号“2023-1”"),
])
def test_malformed_identifiers_are_explained(text, message):
    with pytest.raises(DomainError, match=message):
        identifier.parse(text)


def test_renewal_version_changes_the_identifier_and_its_check():
    v1, v2 = identifier.build("115100YP01", USCC, 12, 1), identifier.build("115100YP01", USCC, 12, 2)
    assert v1.split(".")[:-2] == v2.split(".")[:-2]
    assert v2.split(".")[-2] == "002"


@pytest.mark.parametrize("name, masked", [
    ("张三", "张*"), ("张小三", "张*三"), ("欧阳小明", "欧**明"),
])
def test_person_names_are_masked(name, masked):
    assert mask_person_name(name) == masked


@pytest.mark.parametrize("name, masked", [
    ("成都某某科技有限公司", "成都某某**有限公司"),
    ("四川蜀道建设股份有限公司", "四川蜀道**股份有限公司"),
])
def test_organisation_names_are_masked(name, masked):
    assert mask_organisation_name(name) == masked
