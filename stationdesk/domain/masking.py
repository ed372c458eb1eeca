"""Masking of personal information for lists, receipts and read-only roles (reliability.md §2.3)."""

from __future__ import annotations

import re

__all__ = ["mask_address", "mask_citizen_id", "mask_name", "mask_phone"]

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
