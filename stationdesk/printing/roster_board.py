"""The public board of deputies (亮身份公示牌): a grid of cards with photo, duties and promise."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, Paragraph, Spacer

from stationdesk.printing import toolkit
from stationdesk.printing.fonts import font_name
from stationdesk.printing.form import Pen

COMMITMENT_EXCERPT = 40  # characters of the year's commitment a card shows, … included
NAME_MIN = 14.0  # points: a name reads from a step away
TEXT = 10.5  # points: the cards' text, when the rows fit
SMALLEST = 8.5  # points: the text is never set smaller to get more rows
_PLACEHOLDER = HexColor("#f2f2f2")


@dataclass(frozen=True, slots=True)
class BoardDeputy:
    """One deputy's card. Only what the deputy makes public: no home address, no ID."""

    name: str
    levels: tuple[str, ...]  # ("县人大代表", "镇人大代表")
    constituency: str | None  # 选区
    unit: str | None  # 单位及职务/职业
    contact: str | None  # a public channel: the office phone or a WeChat id
    duty: str | None  # the next duty day, e.g. "12月3日上午"
    commitment: str | None  # the year's commitment (亮承诺); the card prints an excerpt
    photo: bytes | None  # JPEG, a 3:4 portrait


@dataclass(frozen=True, slots=True)
class BoardData:
    """The board of one station."""

    station_name: str
    deputies: tuple[BoardDeputy, ...]
    qr_payload: str | None  # the station QR code ("有事请扫码"); None: no code
    generated_on: date
    title: str = "人大代表亮身份公示"


class BoardPaper(StrEnum):
    """Paper the board is printed on."""

    A4 = "a4"
    A3 = "a3"


@dataclass(frozen=True, slots=True)
class _Layout:
    """Page geometry of one paper and orientation: cards across and down, the title's scale.

    Rows follow from the tallest card: the text is set a little smaller, down to
    SMALLEST, to give the rows wanted; more rows when they fit.
    """

    size: tuple[float, float]
    cols: int
    rows: int  # wanted
    scale: float  # title and QR code grow with the paper

    @property
    def margin(self) -> float:
        return 15 * mm * self.scale

    @property
    def gap(self) -> float:
        return 5 * mm * self.scale


_A4_PORTRAIT = (A4[0], A4[1])
_A3_PORTRAIT = (A3[0], A3[1])
_LAYOUTS = {
    (BoardPaper.A4, False): _Layout(_A4_PORTRAIT, 2, 3, 1.0),
    (BoardPaper.A4, True): _Layout(_A4_PORTRAIT[::-1], 3, 2, 1.0),
    (BoardPaper.A3, False): _Layout(_A3_PORTRAIT, 3, 4, 1.25),
    (BoardPaper.A3, True): _Layout(_A3_PORTRAIT[::-1], 4, 3, 1.25),
}


# --- one card --------------------------------------------------------------------------------


def _photo_reader(photo: bytes | None) -> ImageReader | None:
    """The photo ready to draw, or None when there is none or it is not a readable image."""
    if not photo:
        return None
    try:
        reader = ImageReader(io.BytesIO(photo))
        # Decoded now, so that a damaged file gets the placeholder instead of failing the board.
        reader.getRGBData()  # type: ignore[no-untyped-call]
    except (OSError, ValueError, SyntaxError):
        return None
    return reader


def _draw_photo(
    canvas: Canvas, reader: ImageReader | None, box: tuple[float, float, float, float], size: float
) -> None:
    """The photo fitted into the 3:4 box, aspect kept; a grey 照片 box when there is none."""
    x, y, w, h = box
    canvas.saveState()
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(toolkit.RULE)
    if reader is None:
        canvas.setFillColor(_PLACEHOLDER)
        canvas.rect(x, y, w, h, stroke=1, fill=1)
        canvas.setFillColor(toolkit.GREY)
        canvas.setFont(font_name(), size * 1.1)
        canvas.drawCentredString(x + w / 2, y + h / 2 - size * 0.4, "照片")
    else:
        canvas.drawImage(reader, x, y, w, h, preserveAspectRatio=True, anchor="c")
        canvas.rect(x, y, w, h, stroke=1, fill=0)
    canvas.restoreState()


def _fields(deputy: BoardDeputy) -> tuple[list[tuple[str, str | None, int]], ...]:
    """Label, value and line limit: beside the photo, then across the card below it."""
    commitment = deputy.commitment and toolkit.excerpt(deputy.commitment, COMMITMENT_EXCERPT)
    beside = [("选区", deputy.constituency, 1), ("单位", deputy.unit, 2)]
    below = [("联系方式", deputy.contact, 2), ("值班", deputy.duty, 1), ("承诺", commitment, 3)]
    return beside, below


def _draw_card(
    canvas: Canvas | None,
    deputy: BoardDeputy,
    reader: ImageReader | None,
    width: float,
    height: float,
    size: float,
) -> float:
    """Draw the card in (0, 0, width, height), or only measure it; the height its text needs."""
    pad = size * 1.1
    photo_w = width * 0.3
    photo_h = photo_w * 4 / 3
    label_width = size * 4.6
    if canvas is not None:
        canvas.setLineWidth(0.6)
        canvas.setStrokeColor(toolkit.RULE)
        canvas.roundRect(0, 0, width, height, 1.5 * mm, stroke=1, fill=0)
        _draw_photo(canvas, reader, (pad, height - pad - photo_h, photo_w, photo_h), size)
    left = pad + photo_w + pad * 0.9
    side = Pen(canvas, left, height - pad, width - left - pad, size)
    side.text(deputy.name, scale=max(1.6, NAME_MIN / size), max_lines=2)
    side.space(size * 0.15)
    if deputy.levels:
        side.text("、".join(deputy.levels), color=toolkit.ACCENT, max_lines=2)
        side.space(size * 0.25)
    beside, below = _fields(deputy)
    for label, value, lines in beside:
        if value:
            side.field(label, value, label_width, lines)
    top = min(height - pad - photo_h, side.y) - size * 0.7
    pen = Pen(canvas, pad, top, width - 2 * pad, size)
    for label, value, lines in below:
        if value:
            pen.field(label, value, label_width, lines)
    return height - pen.y + pad * 0.6


def _grid(
    deputies: tuple[BoardDeputy, ...], layout: _Layout, width: float, room: float
) -> tuple[float, int]:
    """Text size and rows per page for cards `width` wide in `room` points of height.

    The largest size that gives the layout's rows, or as many as SMALLEST allows; below
    SMALLEST only when not even one row would fit.
    """

    def rows_at(size: float) -> int:
        need = max(_draw_card(None, d, None, width, 0.0, size) for d in deputies)
        return int(room // (need + layout.gap))

    steps = [min(TEXT, width / 20) * 0.95**k for k in range(30)]
    sizes = [s for s in steps if s > SMALLEST] + [SMALLEST] + [s for s in steps if s < SMALLEST]
    wanted = max(1, min(layout.rows, rows_at(SMALLEST)))
    for size in sizes:
        rows = rows_at(size)
        if rows >= wanted:
            return size, rows
    return sizes[-1], 1


class _Card(Flowable):
    """A deputy's card of a fixed size."""

    def __init__(self, deputy: BoardDeputy, width: float, height: float, size: float) -> None:
        super().__init__()
        self.deputy = deputy
        self.width, self.height, self.size = width, height, size
        self.reader = _photo_reader(deputy.photo)

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        _draw_card(self.canv, self.deputy, self.reader, self.width, self.height, self.size)


# --- the page --------------------------------------------------------------------------------


def _qr_side(layout: _Layout) -> float:
    return 20 * mm * layout.scale


def _title_band(
    canvas: Canvas | None, data: BoardData, layout: _Layout, qr: toolkit.QrCode | None
) -> float:
    """Station name and title centred, the QR code in the corner, a red double rule below.

    With canvas None it only measures; returns the y of the band's bottom.
    """
    width, height = layout.size
    top = height - layout.margin
    side = _qr_side(layout) if qr else 0.0
    clear = side + 4 * mm if qr else 0.0  # the centred text keeps clear of the code
    inner = width - 2 * (layout.margin + clear)
    pen = Pen(canvas, layout.margin + clear, top, inner, 11 * layout.scale)
    pen.text(data.station_name, scale=1.45, center=True, max_lines=2)
    pen.space(pen.size * 0.2)
    pen.text(data.title, scale=2.5, color=toolkit.ACCENT, center=True, max_lines=2)
    caption = 9.5 * layout.scale
    y = min(pen.y, top - side - caption * 1.5) - pen.size * 0.2
    if canvas is not None:
        if qr is not None:
            x = width - layout.margin - side
            qr.drawOn(canvas, x, top - side)
            canvas.setFont(font_name(), caption)
            canvas.setFillColor(toolkit.INK)
            canvas.drawCentredString(x + side / 2, top - side - caption, toolkit.SCAN_CAPTION)
        canvas.setStrokeColor(toolkit.ACCENT)
        canvas.setLineWidth(1.6)
        canvas.line(layout.margin, y, width - layout.margin, y)
        canvas.setLineWidth(0.5)
        canvas.line(layout.margin, y - 2.5, width - layout.margin, y - 2.5)
    return y - 2.5


def _card_pages(
    deputies: tuple[BoardDeputy, ...], layout: _Layout, area: tuple[float, float]
) -> list[Flowable]:
    """One table of cards per page, a page break between them; the cards fill the page."""
    cell_w = area[0] / layout.cols
    card_w = cell_w - layout.gap
    size, rows_per_page = _grid(deputies, layout, card_w, area[1])
    cell_h = area[1] / rows_per_page - 0.5  # slack: the rows must fit the frame after rounding
    cards: list[Flowable | str] = [_Card(d, card_w, cell_h - layout.gap, size) for d in deputies]
    per_page = layout.cols * rows_per_page
    flow: list[Flowable] = []
    for start in range(0, len(cards), per_page):
        page = cards[start : start + per_page]
        page += [""] * (-len(page) % layout.cols)
        rows = [page[i : i + layout.cols] for i in range(0, len(page), layout.cols)]
        if flow:
            flow.append(PageBreak())
        flow.append(
            toolkit.table(
                rows,
                [cell_w] * layout.cols,
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), layout.gap / 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), layout.gap / 2),
                    ("TOPPADDING", (0, 0), (-1, -1), layout.gap / 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), layout.gap / 2),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ],
            )
        )
    return flow


def _nobody(layout: _Layout, area: tuple[float, float]) -> list[Flowable]:
    st = toolkit.styles(16 * layout.scale)
    return [Spacer(1, area[1] * 0.35), Paragraph("暂无代表信息", st.empty)]


def render_board(
    data: BoardData, paper: BoardPaper = BoardPaper.A4, *, landscape: bool = False
) -> bytes:
    """The board as PDF bytes: further pages, under the same title, when the cards run over."""
    layout = _LAYOUTS[(paper, landscape)]
    width, _ = layout.size
    qr = toolkit.QrCode(data.qr_payload, _qr_side(layout)) if data.qr_payload else None
    top = _title_band(None, data, layout, qr) - layout.gap / 2
    bottom = layout.margin
    area = (width - 2 * layout.margin + layout.gap, top - bottom)
    frame = Frame(
        layout.margin - layout.gap / 2,
        bottom,
        *area,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="cards",
    )

    def decorate(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        _title_band(canvas, data, layout, qr)

    flow = _card_pages(data.deputies, layout, area) if data.deputies else _nobody(layout, area)
    updated = "更新于 " + toolkit.cn_date(data.generated_on)
    spec = toolkit.PageSpec(size=layout.size, margin=layout.margin, footer=updated)
    return toolkit.build(flow, spec, title=data.title, frames=[frame], on_page=decorate)
