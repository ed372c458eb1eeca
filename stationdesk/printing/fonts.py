"""The bundled CJK TrueType font for every PDF, and text made safe to draw with it."""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from stationdesk.paths import bundled_font

FONT = "WQYMicroHei"
MISSING = "〓"  # the typesetter's mark for a character the font cannot draw (补字符号)
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    with _lock:
        # Subset embedding is ReportLab's default for TrueType fonts.
        font = TTFont(FONT, str(bundled_font()), subfontIndex=0)
        pdfmetrics.registerFont(font)
    return frozenset(font.face.charToGlyph)


def font_name() -> str:
    """Register the bundled font once per process and return its ReportLab name."""
    _glyphs()
    return FONT


_JOINERS = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def _invisible(ch: str) -> bool:
    """Joiners and variation selectors: no mark of their own, so left out of print.

    They only shape their neighbours (emoji sequences, soft hyphens). Other format
    characters (bidi overrides and isolates) are shown as 〓 like any character the font
    lacks, so a spoofing override is seen.
    """
    code = ord(ch)
    return ch in _JOINERS or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


@lru_cache(maxsize=1)
def _plain() -> frozenset[str]:
    """Characters drawn as they are: in the font, and neither control nor format characters."""
    return frozenset(
        ch
        for ch in map(chr, _glyphs())
        if ch not in "\n\t\r" and unicodedata.category(ch) not in ("Cc", "Cf")
    )


def drawable(text: str) -> str:
    """Text the font can draw: each character it lacks becomes 〓, never silently dropped.

    Newlines and tabs become spaces (print layouts wrap by themselves); other control
    characters, joiners and variation selectors are left out.
    """
    if _plain().issuperset(text):  # the common case: nothing to change
        return text
    glyphs = _glyphs()
    out = []
    for ch in text:
        if ch in "\n\t\r":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc" or _invisible(ch):
            continue
        elif ord(ch) in glyphs and unicodedata.category(ch) != "Cf":
            out.append(ch)
        else:
            out.append(MISSING)
    return "".join(out)
