"""Electronic licence identifiers (电子证照标识), GB/T 36904-2018 (pure).

    1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>

- ``1.2.156.3005.2`` is the fixed root arc for electronic licences.
- type code: the licence kind's code, 1–21 characters of 0-9A-Z (the national
  catalogue's codes are the defining body's 18-character USCC and 3 digits).
- issuer code: the issuing body's 18-character unified social credit code.
- serial: the issuer's own serial, 0-9A-Z of variable length. zwfw allocates it
  per (kind, issuer) in issue order and writes it with 8 digits.
- version: 3 digits starting at 001; renewal (延续) keeps the serial and adds one
  to the version, so every version of one licence shares a serial.
- check: one character of 0-9A-Z, ISO 7064 MOD 37,36 (hybrid system, M = 36),
  over ``<type code><issuer code><serial><version>`` — the dots removed and the
  fixed root left out, as real identifiers have it:
  ``1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U``.
"""
from __future__ import annotations

from dataclasses import dataclass

from zwfw.errors import DomainError

ROOT = "1.2.156.3005.2"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
M = 36
TYPE_CODE_MAX = 21
ISSUER_LENGTH = 18
SERIAL_MAX = 32
SERIAL_DIGITS = 8  # how zwfw writes the serials it allocates
VERSION_DIGITS = 3
FORMAT = "1.2.156.3005.2.类型代码.颁发机构代码.流水号.版本号.校验位"


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
    serial: str
    version: int

    @property
    def checked(self) -> str:
        """What the check character covers: type code, issuer, serial and version, without the root."""
        return f"{self.type_code}{self.issuer_uscc}{self.serial}{self.version:0{VERSION_DIGITS}d}"

    @property
    def body(self) -> str:
        return ".".join([ROOT, self.type_code, self.issuer_uscc, self.serial, f"{self.version:0{VERSION_DIGITS}d}"])

    @property
    def check(self) -> str:
        return check_char(self.checked)

    def __str__(self) -> str:
        return f"{self.body}.{self.check}"


def _alnum(text: str) -> bool:
    return bool(text) and all(c in ALPHABET for c in text)


def serial_text(serial: int) -> str:
    """How zwfw writes a serial it allocated."""
    return f"{serial:0{SERIAL_DIGITS}d}"


def build(type_code: str, issuer_uscc: str, serial: int, version: int = 1) -> str:
    """The full identifier with its check character."""
    type_code, issuer_uscc = (type_code or "").strip().upper(), (issuer_uscc or "").strip().upper()
    if not _alnum(type_code) or len(type_code) > TYPE_CODE_MAX:
        raise DomainError(f"证照类型代码“{type_code}”应为 1—{TYPE_CODE_MAX} 位数字或大写字母。",
                          code="invalid_type_code", field="code")
    if len(issuer_uscc) != ISSUER_LENGTH or not _alnum(issuer_uscc):
        raise DomainError("颁发机构统一社会信用代码应为 18 位数字或大写字母。", code="invalid_issuer")
    if not 0 < serial < 10 ** SERIAL_DIGITS:
        raise DomainError("证照流水号超出范围。", code="invalid_serial")
    if not 0 < version < 10 ** VERSION_DIGITS:
        raise DomainError("证照版本号超出范围。", code="invalid_version")
    return str(LicenceId(type_code, issuer_uscc, serial_text(serial), version))


def _error(message: str, field: str, code: str = "invalid_identifier") -> DomainError:
    return DomainError(message, code=code, field=field)


def parse(text: str, *, field: str = "identifier") -> LicenceId:
    """Parse and check an identifier a person typed; DomainError says what is wrong."""
    value = "".join((text or "").split()).upper().replace("。", ".").replace("．", ".")
    if not value:
        raise _error("请输入电子证照标识。", field)
    if not value.startswith(ROOT + "."):
        raise _error(f"电子证照标识应以 {ROOT} 开头。", field)
    parts = value[len(ROOT) + 1:].split(".")
    if len(parts) != 5:
        raise _error(f"电子证照标识格式不正确，应为“{FORMAT}”。", field)
    type_code, uscc, serial, version, check = parts
    if not _alnum(type_code) or len(type_code) > TYPE_CODE_MAX:
        raise _error(f"电子证照标识中的类型代码“{type_code}”应为 1—{TYPE_CODE_MAX} 位数字或字母。", field)
    if len(uscc) != ISSUER_LENGTH or not _alnum(uscc):
        raise _error(f"电子证照标识中的颁发机构代码“{uscc}”应为 18 位统一社会信用代码。", field)
    if not _alnum(serial) or len(serial) > SERIAL_MAX:
        raise _error(f"电子证照标识中的流水号“{serial}”应为 1—{SERIAL_MAX} 位数字或字母。", field)
    if len(version) != VERSION_DIGITS or not version.isdigit() or int(version) == 0:
        raise _error(f"电子证照标识中的版本号“{version}”应为 {VERSION_DIGITS} 位数字，如 001。", field)
    if len(check) != 1 or check not in ALPHABET:
        raise _error("电子证照标识的校验位应为一位数字或字母。", field)
    parsed = LicenceId(type_code, uscc, serial, int(version))
    if parsed.check != check:
        raise _error("电子证照标识校验位不正确，请逐位核对后重新输入。", field, code="bad_check")
    return parsed


def normalise(text: str) -> str:
    """The canonical spelling of a valid identifier (raises DomainError if invalid)."""
    return str(parse(text))
