"""Electronic licence identifiers (电子证照标识), GB/T 36904 form (pure).

    1.2.156.3005.2.<type code>.<issuer USCC>.<serial>.<version>.<check>

- ``1.2.156.3005.2`` is the root arc for electronic licences.
- type code: the licence kind's code, 1–20 characters of 0-9A-Z.
- issuer USCC: the issuing department's 18-character unified social credit code.
- serial: 8 digits, allocated per (kind, issuer) in issue order.
- version: 2 digits starting at 01; renewal (延续) keeps the serial and adds one
  to the version, so every version of one licence shares a serial.
- check: one character of 0-9A-Z, ISO 7064 MOD 37,36 (hybrid system, M = 36).

Our choice for what the check covers: every alphanumeric character of the
identifier before the check, in order, with the dots removed
(``12156300520105…``); letters are upper case. A mistyped, swapped or dropped
character then changes the check.
"""
from __future__ import annotations

from dataclasses import dataclass

from zwfw.errors import DomainError

ROOT = "1.2.156.3005.2"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
M = 36
SERIAL_DIGITS = 8
VERSION_DIGITS = 2


def check_char(data: str) -> str:
    """ISO 7064 MOD 37,36 hybrid check character for ``data`` (0-9A-Z)."""
    p = M
    for c in data.upper():
        v = ALPHABET.find(c)
        if v < 0:
            raise ValueError(f"character not in 0-9A-Z: {c!r}")
        s = (p + v) % M or M
        p = (2 * s) % (M + 1)
    return ALPHABET[(M + 1 - p) % M]


def is_valid_check(data_with_check: str) -> bool:
    """True when the last character is the MOD 37,36 check of the rest."""
    return len(data_with_check) >= 2 and check_char(data_with_check[:-1]) == data_with_check[-1].upper()


@dataclass(frozen=True)
class LicenceId:
    type_code: str
    issuer_uscc: str
    serial: int
    version: int

    @property
    def body(self) -> str:
        return ".".join([ROOT, self.type_code, self.issuer_uscc,
                         f"{self.serial:0{SERIAL_DIGITS}d}", f"{self.version:0{VERSION_DIGITS}d}"])

    @property
    def check(self) -> str:
        return check_char(self.body.replace(".", ""))

    def __str__(self) -> str:
        return f"{self.body}.{self.check}"


def _alnum(text: str) -> bool:
    return bool(text) and all(c in ALPHABET for c in text)


def build(type_code: str, issuer_uscc: str, serial: int, version: int = 1) -> str:
    """The full identifier with its check character."""
    type_code, issuer_uscc = (type_code or "").strip().upper(), (issuer_uscc or "").strip().upper()
    if not _alnum(type_code) or len(type_code) > 20:
        raise DomainError(f"证照类型代码“{type_code}”应为 1—20 位数字或大写字母。", code="invalid_type_code")
    if len(issuer_uscc) != 18 or not _alnum(issuer_uscc):
        raise DomainError("颁发机构统一社会信用代码应为 18 位数字或大写字母。", code="invalid_issuer")
    if not 0 < serial < 10 ** SERIAL_DIGITS:
        raise DomainError("证照流水号超出范围。", code="invalid_serial")
    if not 0 < version < 10 ** VERSION_DIGITS:
        raise DomainError("证照版本号超出范围。", code="invalid_version")
    return str(LicenceId(type_code, issuer_uscc, serial, version))


def parse(text: str, *, field: str = "identifier") -> LicenceId:
    """Parse and check an identifier a person typed; DomainError says what is wrong."""
    value = "".join((text or "").split()).upper().replace("。", ".").replace("．", ".")
    if not value:
        raise DomainError("请输入电子证照标识。", code="invalid_identifier", field=field)
    if not value.startswith(ROOT + "."):
        raise DomainError(f"电子证照标识应以 {ROOT} 开头。", code="invalid_identifier", field=field)
    parts = value[len(ROOT) + 1:].split(".")
    if len(parts) != 5:
        raise DomainError(
            "电子证照标识格式不正确，应为“1.2.156.3005.2.类型代码.颁发机构代码.流水号.版本号.校验位”。",
            code="invalid_identifier", field=field)
    type_code, uscc, serial, version, check = parts
    if not _alnum(type_code) or len(uscc) != 18 or not _alnum(uscc):
        raise DomainError("电子证照标识中的类型代码或颁发机构代码不正确。", code="invalid_identifier", field=field)
    if len(serial) != SERIAL_DIGITS or not serial.isdigit() or len(version) != VERSION_DIGITS or not version.isdigit():
        raise DomainError(
            f"电子证照标识中的流水号应为 {SERIAL_DIGITS} 位数字、版本号应为 {VERSION_DIGITS} 位数字。",
            code="invalid_identifier", field=field)
    if len(check) != 1 or check not in ALPHABET:
        raise DomainError("电子证照标识的校验位应为一位数字或字母。", code="invalid_identifier", field=field)
    parsed = LicenceId(type_code, uscc, int(serial), int(version))
    if parsed.check != check:
        raise DomainError("电子证照标识校验位不正确，请逐位核对后重新输入。", code="bad_check", field=field)
    return parsed


def normalise(text: str) -> str:
    """The canonical spelling of a valid identifier (raises DomainError if invalid)."""
    return str(parse(text))
