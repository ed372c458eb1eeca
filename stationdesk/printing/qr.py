"""QR codes as module matrices, drawn as one filled path (no graphics renderer, no extra font)."""

from __future__ import annotations

import segno
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

QUIET = 4  # modules of white border the standard asks for


def qr_modules(payload: str) -> list[list[bool]]:
    """The dark/light modules of the QR code of `payload` (error correction level M).

    segno picks the densest mode (case numbers and query codes are QR alphanumeric) and the
    mask by the standard's penalty rules, in half the time of ReportLab's encoder.
    """
    code = segno.make_qr(payload, error="m", boost_error=False)
    return [[bool(v) for v in row] for row in code.matrix]


def draw_qr(canvas: Canvas, modules: list[list[bool]], x: float, y: float, side: float) -> None:
    """Draw the matrix with its quiet zone in the square whose lower-left corner is (x, y)."""
    count = len(modules)
    unit = side / (count + 2 * QUIET)
    path = canvas.beginPath()
    top = y + side - QUIET * unit
    for r, row in enumerate(modules):
        c = 0
        while c < count:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < count and row[c]:
                c += 1
            # One rectangle per run of dark modules in a row: fewer PDF operators.
            path.rect(x + (QUIET + start) * unit, top - (r + 1) * unit, (c - start) * unit, unit)
    canvas.saveState()
    canvas.setFillColor(colors.black)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
