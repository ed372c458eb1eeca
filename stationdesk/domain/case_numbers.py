"""Case numbers printed on receipts: format, parse and the ISO 7064 MOD 37,36 check character."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from stationdesk.domain.errors import ValidationError

__all__ = [
    "CaseNumber",
    "format_case_number",
    "is_valid_case_number",
    "mod37_36_check",
    "parse_case_number",
]

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_M = len(_ALPHABET)  # 36
_VALUES = {ch: i for i, ch in enumerate(_ALPHABET)}

_STATION_CODE = re.compile(r"[0-9A-Z]+(?:-[0-9A-Z]+)*", re.ASCII)
_CASE_NUMBER = re.compile(
    r"(?P<station>[0-9A-Z]+(?:-[0-9A-Z]+)*)-(?P<year>[0-9]{4})-(?P<device>[0-9]{2})"
    r"-(?P<seq>[0-9]{5,})(?P<check>[0-9A-Z])",
    re.ASCII,
)


def _running_check(payload: str) -> int:
    """The ISO 7064 hybrid-system recurrence over `payload` (hyphens skipped); returns S mod M."""
    product = _M  # P1 = M
    total = 0
    for ch in payload:
        if ch == "-":
            continue
        try:
            value = _VALUES[ch]
        except KeyError:
            raise ValueError(f"character {ch!r} is not in 0-9A-Z") from None
        total = (product + value) % _M
        product = ((total or _M) * 2) % (_M + 1)
    return product


def mod37_36_check(payload: str) -> str:
    """ISO 7064 MOD 37,36 (hybrid) check character over 0-9A-Z; hyphens in `payload` are ignored.

    It detects every single-character substitution. Like every ISO 7064 hybrid system it misses a
    small share of adjacent transpositions: swapping two characters whose values differ by 1
    (mod 36) goes unnoticed when the running state before them is the one unlucky state for
    that pair (72 of the 45,360 state/pair combinations, about 0.16%).
    """
    product = _running_check(payload)
    return _ALPHABET[(_M + 1 - product) % _M]


@dataclass(frozen=True, slots=True)
class CaseNumber:
    """The parts of a case number such as "410205-01-2026-01-00123K"."""

    station_code: str
    year: int
    device_no: int
    seq: int


def format_case_number(station_code: str, year: int, device_no: int, seq: int) -> str:
    """Return "{station_code}-{year}-{device_no:02d}-{seq:05d}{check}".

    Raises ValueError for a device_no outside 1..99, a year outside 1000..9999, a negative seq
    or a station code that is not upper-case letters/digits in hyphen-separated groups.
    """
    if not 1 <= device_no <= 99:
        raise ValueError("device_no must be in 1..99")
    if not 1000 <= year <= 9999:
        raise ValueError("year must have four digits")
    if seq < 0:
        raise ValueError("seq must be >= 0")
    if not _STATION_CODE.fullmatch(station_code):
        raise ValueError("station_code must be 0-9A-Z groups separated by hyphens")
    body = f"{station_code}-{year}-{device_no:02d}-{seq:05d}"
    return body + mod37_36_check(body)


def parse_case_number(text: str) -> CaseNumber:
    """Parse a typed or scanned case number (NFKC, stripped, upper-cased).

    Raises ValidationError("case_number_format") for a bad shape (also device number 00, a year
    below 1000 or a sequence with superfluous leading zeros) and
    ValidationError("case_number_check") when the check character does not match.
    """
    field = "case_number"
    if not isinstance(text, str):
        raise ValidationError("case_number_format", field)
    normalized = unicodedata.normalize("NFKC", text).strip().upper()
    match = _CASE_NUMBER.fullmatch(normalized)
    if match is None:
        raise ValidationError("case_number_format", field)
    seq_text = match["seq"]
    device_no = int(match["device"])
    superfluous_zero = len(seq_text) > 5 and seq_text.startswith("0")
    if device_no == 0 or superfluous_zero or match["year"].startswith("0"):
        raise ValidationError("case_number_format", field)
    if mod37_36_check(normalized[:-1]) != match["check"]:
        raise ValidationError("case_number_check", field)
    return CaseNumber(
        station_code=match["station"],
        year=int(match["year"]),
        device_no=device_no,
        seq=int(seq_text),
    )


def is_valid_case_number(text: str) -> bool:
    """True if `text` parses as a case number with a correct check character."""
    try:
        parse_case_number(text)
    except ValidationError:
        return False
    return True
