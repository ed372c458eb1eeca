"""The PDF toolkit every StationDesk document shares: font, styles, escaping, tables, pages."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from stationdesk.printing.fonts import drawable, font_name
from stationdesk.printing.qr import draw_qr, qr_modules

INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#666666")
RULE = colors.HexColor("#999999")
ACCENT = colors.HexColor("#a61b1b")  # the red of official notices: titles and their rules
SCAN_CAPTION = "有事请扫码"
_WEEKDAYS = "一二三四五六日"


def cn_date(d: date) -> str:
    """2026年12月3日."""
    return f"{d.year}年{d.month}月{d.day}日"


def weekday(d: date) -> str:
    """星期一 … 星期日."""
    return "星期" + _WEEKDAYS[d.weekday()]


def excerpt(value: str, limit: int) -> str:
    """The start of `value` on one line, at most `limit` characters, ending in … when cut."""
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def text(value: str) -> str:
    """User text ready for a Paragraph: drawable by the font, then XML-escaped."""
    return escape(drawable(value))


@dataclass(frozen=True, slots=True)
class Styles:
    """Paragraph styles at one base size; CJK line breaking everywhere."""

    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    title: ParagraphStyle
    big: ParagraphStyle
    heading: ParagraphStyle
    empty: ParagraphStyle  # the sentence printed instead of an empty list


def styles(size: float = 10.5) -> Styles:
    """The document styles for a base font size in points."""
    font = font_name()

    def style(name: str, scale: float, **kw: Any) -> ParagraphStyle:
        kw.setdefault("textColor", INK)
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size * scale,
            leading=size * scale * 1.35,
            wordWrap="CJK",
            **kw,
        )

    return Styles(
        body=style("body", 1.0),
        small=style("small", 0.8, textColor=GREY),
        label=style("label", 0.9, textColor=GREY),
        title=style("title", 1.6, alignment=TA_CENTER, spaceAfter=size * 0.4),
        big=style("big", 1.5),
        heading=style("heading", 1.15, spaceBefore=size * 0.9, spaceAfter=size * 0.4),
        empty=style("empty", 1.3, alignment=TA_CENTER, textColor=GREY, spaceBefore=size),
    )


def para(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user or data text (escaped; characters the font lacks shown as 〓)."""
    return Paragraph(text(value), style)


def table(
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float] | None = None,
    commands: Sequence[tuple[Any, ...]] = (),
    *,
    repeat_rows: int = 0,
) -> Table:
    """A left-aligned Table whose cells use our font.

    ReportLab's default cell font is Helvetica, which no PDF of ours embeds.
    """
    result = Table(
        [list(r) for r in rows],
        colWidths=list(col_widths) if col_widths else None,
        repeatRows=repeat_rows,
        hAlign="LEFT",
    )
    result.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font_name()), *commands]))
    return result


def field_table(
    rows: Sequence[tuple[str, Flowable | str]],
    st: Styles,
    width: float,
    label_width: float,
) -> Table:
    """Label / value rows without rules: the body of slips and record sheets."""
    data = [
        [para(label, st.label), value if isinstance(value, Flowable) else para(value, st.body)]
        for label, value in rows
    ]
    return table(
        data,
        [label_width, width - label_width],
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ],
    )


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    st: Styles,
    col_widths: Sequence[float],
) -> Table:
    """A ruled table with a repeated grey header row (rosters, ledgers, reports).

    Text cells become escaped paragraphs; a flowable cell is placed as it is.
    """
    data: list[list[Flowable]] = [[para(h, st.label) for h in header]]
    data += [[c if isinstance(c, Flowable) else para(c, st.body) for c in row] for row in rows]
    return table(
        data,
        col_widths,
        [
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ],
        repeat_rows=1,
    )


class QrCode(Flowable):
    """A QR code as a flowable (documents); forms draw it with qr.draw_qr directly."""

    def __init__(self, payload: str, side: float) -> None:
        super().__init__()
        self.modules = qr_modules(payload)
        self.side = side
        self.width = self.height = side

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        draw_qr(self.canv, self.modules, 0, 0, self.side)


PageHook = Callable[[Canvas, BaseDocTemplate], None]


def _numbered_canvas(footer: str | None, size: float) -> type[Canvas]:
    """A canvas class that writes "第 N 页 / 共 M 页" once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # ReportLab's page reset

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font_name(), size)
                self.setFillColor(GREY)
                width = self._pagesize[0]  # type: ignore[attr-defined]
                label = f"第 {self.getPageNumber()} 页 / 共 {total} 页"
                if footer:
                    label = f"{drawable(footer)}    {label}"
                self.drawCentredString(width / 2, 8 * mm, label)
                super().showPage()
            super().save()

    return NumberedCanvas


@dataclass(frozen=True, slots=True)
class PageSpec:
    """Paper, margins and the running header/footer of a document."""

    size: tuple[float, float]
    margin: float = 15 * mm
    header: str | None = None  # station name, drawn at the top of every page
    footer: str | None = None  # e.g. "生成于 2026-11-26 10:30", left of the page numbers
    page_numbers: bool = True

    @property
    def body_width(self) -> float:
        """Width the default frame gives its flowables (ReportLab frames pad 6 pt a side)."""
        return self.size[0] - 2 * self.margin - 12


def build(
    flowables: Sequence[Flowable],
    spec: PageSpec,
    *,
    title: str,
    frames: Sequence[Frame] | None = None,
    on_page: PageHook | None = None,
) -> bytes:
    """Lay the flowables out on pages and return the PDF bytes.

    `title` goes into the PDF metadata (and becomes the print job's name): it must hold
    no personal information. Frames default to one per page inside the margins.
    """
    width, height = spec.size
    top = spec.margin + (6 * mm if spec.header else 0)
    bottom = spec.margin + (4 * mm if spec.page_numbers else 0)
    default = Frame(spec.margin, bottom, width - 2 * spec.margin, height - top - bottom, id="body")

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        if spec.header:
            canvas.setFont(font_name(), 9)
            canvas.setFillColor(GREY)
            canvas.drawString(spec.margin, height - spec.margin, drawable(spec.header))
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            y = height - spec.margin - 2 * mm
            canvas.line(spec.margin, y, width - spec.margin, y)
        if on_page:
            on_page(canvas, doc)
        canvas.restoreState()

    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=spec.size,
        title=title,
        author="StationDesk",
        creator="StationDesk",
        subject="",
        leftMargin=spec.margin,
        rightMargin=spec.margin,
        topMargin=top,
        bottomMargin=bottom,
        # ReportLab starts every page in Helvetica, a font no PDF of ours embeds: start in ours.
        initialFontName=font_name(),
    )
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=list(frames or [default]), onPage=decorate)]
    )
    canvasmaker = _numbered_canvas(spec.footer, 8) if spec.page_numbers else Canvas
    doc.build(list(flowables), canvasmaker=canvasmaker)
    return out.getvalue()
