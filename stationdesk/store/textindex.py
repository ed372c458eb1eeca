"""Chinese full-text search: each CJK character is its own FTS5 token.

So 1-, 2- and 3+-character queries all use the index (a phrase of single characters), while
Latin words and digits stay whole tokens.
"""

from __future__ import annotations

import unicodedata

_CJK_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3134F),
)


def is_cjk(ch: str) -> bool:
    """True for a CJK unified (or compatibility) ideograph."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def cjk_split(text: str | None) -> str:
    """The indexed form of text: spaces around each CJK character (the triggers call this)."""
    if not text:
        return ""
    return "".join(f" {ch} " if is_cjk(ch) else ch for ch in text)


def _phrases(query: str) -> list[list[str]]:
    """Split a query into phrases (runs without separators) of tokens."""
    phrases: list[list[str]] = []
    current: list[str] = []
    word = ""
    for ch in unicodedata.normalize("NFKC", query).lower():
        if is_cjk(ch):
            if word:
                current.append(word)
                word = ""
            current.append(ch)
        elif ch.isalnum() and ch.isascii():
            word += ch
        else:
            if word:
                current.append(word)
                word = ""
            if current:
                phrases.append(current)
                current = []
    if word:
        current.append(word)
    if current:
        phrases.append(current)
    return phrases


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression for a user's query, or None when it has nothing searchable.

    "路灯" → '"路 灯"'; "医保 缴费" → '"医 保" AND "缴 费"'; "00123" → '"00123"*' (a word or
    number at the end of a phrase matches as a prefix). Tokens hold only letters, digits and
    ideographs, so nothing the clerk types can break out of the quotes.
    """
    parts = []
    for tokens in _phrases(query):
        expr = '"' + " ".join(tokens) + '"'
        if not is_cjk(tokens[-1][-1]):
            expr += "*"
        parts.append(expr)
    return " AND ".join(parts) if parts else None
