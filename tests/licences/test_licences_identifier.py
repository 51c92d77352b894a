"""Licence identifiers and name masking: pure, no database."""
import pytest

from zwfw.errors import DomainError
from zwfw.licences import identifier
from zwfw.licences.masking import mask_organisation_name, mask_person_name

USCC = "11510000MB1502207X"


def test_mod_37_36_matches_the_published_example():
    # ISO 7064 MOD 37,36 example (also python-stdnum's): A12425GABC1234002 → M
    assert identifier.check_char("A12425GABC1234002") == "M"
    assert identifier.is_valid_check("A12425GABC1234002M")
    assert not identifier.is_valid_check("A12425GABC1234020M")


def test_build_has_the_gbt_36904_shape_and_parses_back():
    text = identifier.build("115100YP01", USCC, 12, 1)
    assert text.startswith("1.2.156.3005.2.115100YP01.11510000MB1502207X.00000012.01.")
    parsed = identifier.parse(text)
    assert (parsed.type_code, parsed.issuer_uscc, parsed.serial, parsed.version) == ("115100YP01", USCC, 12, 1)
    assert str(parsed) == text


def test_check_covers_the_characters_without_dots():
    text = identifier.build("115100YP01", USCC, 12, 1)
    body, check = text.rsplit(".", 1)
    assert identifier.check_char(body.replace(".", "")) == check


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
    ("1.2.156.3005.2.115100YP01.11510000MB1502207X.12.01.K", "流水号应为 8 位数字"),
    ("1.2.156.3005.2.115100YP01.11510000MB1502207X.00000012.01", "格式不正确"),
])
def test_malformed_identifiers_are_explained(text, message):
    with pytest.raises(DomainError, match=message):
        identifier.parse(text)


def test_renewal_version_changes_the_identifier_and_its_check():
    v1, v2 = identifier.build("115100YP01", USCC, 12, 1), identifier.build("115100YP01", USCC, 12, 2)
    assert v1.split(".")[:-2] == v2.split(".")[:-2]
    assert v2.split(".")[-2] == "02"


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
