"""Masking of personal information for lists, receipts and read-only roles (reliability.md §2.3)."""

from __future__ import annotations

import re

__all__ = ["mask_address", "mask_citizen_id", "mask_in_text", "mask_name", "mask_phone"]

_MOBILE = re.compile(r"1[0-9]{10}", re.ASCII)
_LANDLINE = re.compile(r"(0[0-9]{2,3})-([0-9]{7,8})", re.ASCII)
_STARS = "****"


def mask_phone(number: str) -> str:
    """Mobile 13812345678 → 138****5678; landline 0379-12345678 → 0379-****5678; else ****5678.

    Values shorter than four characters become "****"; an empty value stays empty.
    """
    text = number.strip()
    if not text:
        return ""
    if _MOBILE.fullmatch(text):
        return f"{text[:3]}{_STARS}{text[-4:]}"
    landline = _LANDLINE.fullmatch(text)
    if landline is not None:
        return f"{landline[1]}-{_STARS}{landline[2][-4:]}"
    if len(text) < 4:
        return _STARS
    return _STARS + text[-4:]


def mask_citizen_id(v: str) -> str:
    """18 characters → first 1 + 15 stars + last 2 ("1***************2X"); otherwise all stars."""
    text = v.strip()
    if len(text) == 18:
        return text[0] + "*" * 15 + text[-2:]
    return "*" * len(text)


def mask_name(name: str) -> str:
    """李四 → 李*, 欧阳娜娜 → 欧*; a Latin name gives its initial: John → J.; empty stays empty."""
    text = name.strip()
    if not text:
        return ""
    first = text[0]
    if first.isascii() and first.isalpha():
        return first.upper() + "."
    return first + "*"


def mask_address(addr: str, keep: int = 6) -> str:
    """Keep the first `keep` characters and add "…" if the address is longer."""
    if keep < 0:
        raise ValueError("keep must be >= 0")
    text = addr.strip()
    if len(text) <= keep:
        return text
    return text[:keep] + "…"


# In free text: an ID number (18 characters, or the old 15 digits); a mobile number, also with
# +86 / 0086 in front or written 138-1234-5678 / 138 1234 5678; any other run of 10 or more
# digits (bank cards, long account numbers). Each only when not part of a longer run.
_ID_IN_TEXT = re.compile(r"(?<![0-9])[1-9](?:[0-9]{16}[0-9Xx]|[0-9]{14})(?![0-9A-Za-z])", re.ASCII)
_MOBILE_IN_TEXT = re.compile(
    r"(?<![0-9+])(?:(?:\+|00)86[- ]?)?(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])",
    re.ASCII,
)
_LONG_DIGITS = re.compile(r"(?<![0-9*])[0-9]{10,}(?![0-9])", re.ASCII)


def mask_in_text(text: str) -> str:
    """Free text with every ID number, mobile number and long digit run in it masked.

    For paper and exports: "电话13812345678" → "电话138****5678"; an 18-character ID →
    "1***************2X"; "6222020200112233445" → "***************3445".
    """
    text = _ID_IN_TEXT.sub(lambda m: mask_citizen_id(m.group(0)), text)
    text = _MOBILE_IN_TEXT.sub(lambda m: f"{m.group(1)}{_STARS}{m.group(3)}", text)
    return _LONG_DIGITS.sub(lambda m: "*" * (len(m.group(0)) - 4) + m.group(0)[-4:], text)
