"""Fixed forms drawn straight on the canvas (slips, boards): line wrapping and a writing pen.

Documents that flow over pages use the platypus toolkit; a one-page form is faster and
more exact drawn line by line. Every string passes through fonts.drawable first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from stationdesk.printing.fonts import drawable, font_name
from stationdesk.printing.toolkit import GREY, INK

# Punctuation that must not begin a line (禁则): it stays at the end of the line before.
_NO_LINE_START = set("，。、；：？！）》」』】〕…—,.;:?!)]}%")
# A Latin word or number stays whole; every other character is a break opportunity.
_TOKENS = re.compile(r"[A-Za-z0-9@#&'._/+:\-*]+|\s+|.", re.DOTALL)
_widths: dict[str, float] = {}


def _width(token: str) -> float:
    """Width of a token at 1 pt (font metrics scale linearly); cached per token."""
    width = _widths.get(token)
    if width is None:
        width = pdfmetrics.stringWidth(token, font_name(), 1.0)
        if len(_widths) < 20_000:
            _widths[token] = width
    return width


@lru_cache(maxsize=512)
def wrap(text: str, size: float, width: float) -> tuple[str, ...]:
    """Break drawable text into lines no wider than `width` at `size` points.

    Chinese breaks between any two characters; a Latin word or number moves whole to the
    next line, and is split only when it is longer than a line. One closing punctuation
    mark may hang past the margin rather than start a line (禁则).
    """
    limit = width / size
    lines: list[str] = []
    line: list[str] = []
    used = 0.0

    def flush() -> None:
        nonlocal line, used
        lines.append("".join(line).rstrip())
        line, used = [], 0.0

    for token in _TOKENS.findall(drawable(text)):
        if token.isspace():
            if line:
                line.append(" ")
                used += _width(" ")
            continue
        w = _width(token)
        if used + w <= limit or (token in _NO_LINE_START and line and used <= limit):
            line.append(token)
            used += w
            continue
        if line:
            flush()
        if w <= limit:
            line.append(token)
            used = w
            continue
        for ch in token:  # a word longer than a whole line
            cw = _width(ch)
            if line and used + cw > limit:
                flush()
            line.append(ch)
            used += cw
    if line:
        flush()
    return tuple(lines) or ("",)


def wrap_at_most(text: str, size: float, width: float, max_lines: int | None) -> tuple[str, ...]:
    """Like wrap, but at most `max_lines` lines; a cut text ends in … on its last line."""
    lines = wrap(text, size, width)
    if max_lines is None or len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and (_width(last) + _width("…")) * size > width:
        last = last[:-1]
    return (*lines[: max_lines - 1], last.rstrip() + "…")


@dataclass
class Pen:
    """Writes lines downwards from (x, y); with canvas None it only measures."""

    canvas: Canvas | None
    x: float
    y: float
    width: float
    size: float = 10.5
    leading: float = 1.35

    def _line(
        self, x: float, text: str, size: float, color: Color, baseline: float | None = None
    ) -> None:
        if self.canvas is not None:
            self.canvas.setFont(font_name(), size)
            self.canvas.setFillColor(color)
            self.canvas.drawString(x, self.y - (baseline or size), text)

    def text(
        self,
        value: str,
        *,
        scale: float = 1.0,
        color: Color = INK,
        center: bool = False,
        max_lines: int | None = None,
    ) -> None:
        """A paragraph, wrapped to the pen's width (cut with … after `max_lines`)."""
        size = self.size * scale
        for line in wrap_at_most(value, size, self.width, max_lines):
            x = self.x
            if center:
                x += (self.width - pdfmetrics.stringWidth(line, font_name(), size)) / 2
            self._line(x, line, size, color)
            self.y -= size * self.leading

    def field(
        self, label: str, value: str, label_width: float, max_lines: int | None = None
    ) -> None:
        """A label in grey and its value wrapped beside it (cut with … after `max_lines`)."""
        size = self.size
        lines = wrap_at_most(value, size, self.width - label_width, max_lines)
        self._line(self.x, drawable(label), size * 0.9, GREY, baseline=size)  # value's baseline
        for line in lines:
            self._line(self.x + label_width, line, size, INK)
            self.y -= size * self.leading

    def space(self, points: float) -> None:
        """Move down."""
        self.y -= points
