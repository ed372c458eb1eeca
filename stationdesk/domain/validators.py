"""Input validation and normalisation: free text, citizen ID numbers (GB 11643), phones, names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

from stationdesk.domain.errors import ValidationError

__all__ = [
    "Phone",
    "citizen_id_check_char",
    "clean_text",
    "validate_citizen_id",
    "validate_mobile",
    "validate_person_name",
    "validate_phone",
]

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str, field: str, max_len: int, required: bool = False) -> str:
    """Return `value` NFC-normalised, without C0 controls (except tab, LF, CR) or DEL, stripped.

    Raises ValidationError: invalid_characters (lone surrogate), required (empty and required),
    too_long (params max_len, length; the text is never truncated).
    """
    if not isinstance(value, str):
        raise ValidationError("invalid_type", field)
    if _SURROGATE.search(value):
        raise ValidationError("invalid_characters", field)
    text = unicodedata.normalize("NFC", value)
    text = _CONTROL.sub("", text).strip()
    if not text and required:
        raise ValidationError("required", field)
    if len(text) > max_len:
        raise ValidationError("too_long", field, max_len=max_len, length=len(text))
    return text


# --- GB 11643-1999 citizen identity number -----------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID_18 = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)
_ID_15 = re.compile(r"[0-9]{15}", re.ASCII)
_DIGITS_17 = re.compile(r"[0-9]{17}", re.ASCII)
# GB 11643's own example 440524188001010014 is born in 1880, so the floor is 1800, not 1900;
# century typos (e.g. 0949, 2949) are still caught by the range, others by the check character.
_ID_MIN_BIRTH = date(1800, 1, 1)
_WHITESPACE = re.compile(r"\s+")


def citizen_id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character ("0"–"9" or "X") for an ID number's first 17 digits."""
    if not _DIGITS_17.fullmatch(first17):
        raise ValueError("first17 must be exactly 17 ASCII digits")
    total = sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def validate_citizen_id(value: str, field: str = "id_number", *, today: date | None = None) -> str:
    """Return the normalised 18-character ID number (NFKC, no spaces, upper-case X).

    Checks format, birth date (1800-01-01 … today) and check character only; the address code is
    deliberately not checked against a table (HK/Macao/Taiwan 81–83 and foreigners' 9 codes pass).
    Codes: required, id_legacy_15 (15-digit numbers are rejected by policy), id_format, id_date,
    id_checksum.
    """
    if not isinstance(value, str):
        raise ValidationError("invalid_type", field)
    text = _WHITESPACE.sub("", unicodedata.normalize("NFKC", value)).upper()
    if not text:
        raise ValidationError("required", field)
    if _ID_15.fullmatch(text):
        raise ValidationError("id_legacy_15", field)
    if not _ID_18.fullmatch(text):
        raise ValidationError("id_format", field)
    try:
        birth = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise ValidationError("id_date", field) from None
    if not _ID_MIN_BIRTH <= birth <= (today if today is not None else date.today()):
        raise ValidationError("id_date", field)
    if citizen_id_check_char(text[:17]) != text[17]:
        raise ValidationError("id_checksum", field)
    return text


# --- Phone numbers -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phone:
    """A normalised phone: mobile "13812345678" or landline "0379-6123456" / "010-12345678"."""

    kind: Literal["mobile", "landline"]
    number: str


_PHONE_NOISE = re.compile(r"[\s()\-\u2010-\u2015\u2212]")
_MOBILE = re.compile(r"1[3-9][0-9]{9}", re.ASCII)
_MOBILE_SHAPE = re.compile(r"1[0-9]{10}", re.ASCII)
_LANDLINE = re.compile(r"0[1-9][0-9]{8,10}", re.ASCII)
_COUNTRY_PREFIXES = ("+86", "0086", "86")


def validate_phone(value: str, field: str = "phone") -> Phone:
    """Parse a mainland mobile or landline number typed in any common way.

    NFKC; spaces, hyphens and parentheses removed; a leading +86/0086/86 is dropped only when an
    11-digit number starting with 1 follows. Mobile: 1[3-9] + 9 digits. Landline: 0 + area code
    (3 digits for 01x/02x, else 4) + 7–8 digit local number, normalised to "AREA-LOCAL".
    Codes: required, phone_format.
    """
    if not isinstance(value, str):
        raise ValidationError("invalid_type", field)
    text = _PHONE_NOISE.sub("", unicodedata.normalize("NFKC", value))
    if not text:
        raise ValidationError("required", field)
    for prefix in _COUNTRY_PREFIXES:
        rest = text[len(prefix) :]
        if text.startswith(prefix) and _MOBILE_SHAPE.fullmatch(rest):
            text = rest
            break
    if _MOBILE.fullmatch(text):
        return Phone("mobile", text)
    if _LANDLINE.fullmatch(text):
        area_len = 3 if text[1] in "12" else 4
        local = text[area_len:]
        if 7 <= len(local) <= 8:
            return Phone("landline", f"{text[:area_len]}-{local}")
    raise ValidationError("phone_format", field)


def validate_mobile(value: str, field: str = "phone") -> str:
    """Return the normalised 11-digit mobile number; a landline raises phone_not_mobile."""
    phone = validate_phone(value, field)
    if phone.kind != "mobile":
        raise ValidationError("phone_not_mobile", field)
    return phone.number


# --- Person names ------------------------------------------------------------------------------

_NAME_MAX_LEN = 40
_MIDDLE_DOT = "\u00b7"
_NAME_TRANSLATE = str.maketrans(
    {
        "\u2022": _MIDDLE_DOT,  # • bullet
        "\u30fb": _MIDDLE_DOT,  # ・ katakana middle dot (Chinese IME)
        "\uff65": _MIDDLE_DOT,  # ･ half-width katakana middle dot
        "\u2027": _MIDDLE_DOT,  # ‧ hyphenation point
        "\u2219": _MIDDLE_DOT,  # ∙ bullet operator
        "\u22c5": _MIDDLE_DOT,  # ⋅ dot operator
        "\u2018": "'",
        "\u2019": "'",
        "\u3000": " ",  # ideographic space
        "\u00a0": " ",  # no-break space
    }
)
_SPACE_RUN = re.compile(" {2,}")
_NAME_PUNCTUATION = frozenset({_MIDDLE_DOT, " ", "'", "-"})
_CJK_RANGES = (
    (0x3007, 0x3007),  # 〇
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x2A6DF),  # Extension B
    (0x2A700, 0x2EE5F),  # Extensions C, D, E, F, I
    (0x2F800, 0x2FA1F),  # Compatibility Ideographs Supplement
    (0x30000, 0x323AF),  # Extensions G, H
)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def _is_latin_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L") and unicodedata.name(ch, "").startswith(
        "LATIN "
    )


def validate_person_name(value: str, field: str = "name") -> str:
    """Return a cleaned person's name: CJK ideographs, Latin letters, "·", inner spaces, ' and -.

    Dot look-alikes (•, ・, …) become "·"; inner spaces collapse to one. Codes: those of
    clean_text (max 40, required) and name_characters (digits, symbols, or no letter at all).
    """
    text = clean_text(value, field, _NAME_MAX_LEN, required=True)
    text = _SPACE_RUN.sub(" ", text.translate(_NAME_TRANSLATE)).strip()
    has_letter = False
    for ch in text:
        if _is_cjk(ch) or _is_latin_letter(ch):
            has_letter = True
        elif ch not in _NAME_PUNCTUATION:
            raise ValidationError("name_characters", field, char=ch)
    if not has_letter:
        raise ValidationError("name_characters", field)
    return text
