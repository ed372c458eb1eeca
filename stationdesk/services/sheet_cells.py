"""A spreadsheet cell as the clerk sees it, for every Excel import."""

from __future__ import annotations

from datetime import date, datetime, time

# A leading apostrophe our own exports put before = + - @ so Excel shows text, not a formula.
FORMULA_GUARD = ("'=", "'+", "'-", "'@")


def cell_text(value: object) -> str:
    """13812345678.0 → "13812345678", a date → "2023-05-06", text stripped and unguarded."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value).strip()
    if text.startswith(FORMULA_GUARD):
        text = text[1:]
    return text
