"""Receipt slips (回执单): A4 two-part, A5 and 80 mm roll, from a ReceiptData to PDF bytes."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from urllib.parse import urlencode, urlsplit, urlunsplit

from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from stationdesk.domain.enums import CHANNEL_NAMES, TRACK_NAMES, Channel, Track
from stationdesk.domain.masking import mask_in_text
from stationdesk.printing import toolkit
from stationdesk.printing.fonts import font_name
from stationdesk.printing.form import Pen
from stationdesk.printing.qr import draw_qr, qr_modules

SUMMARY_MAX = 60
ROLL_WIDTH = 80 * mm
_ROLL_MARGIN = 4 * mm


class ReceiptFormat(StrEnum):
    """Paper the slip is laid out for."""

    A4 = "a4"  # two parts on one page: 存根联 above, 回执联 below, cut line between
    A5 = "a5"  # the resident's part alone
    ROLL_80 = "80mm"  # thermal receipt printers; the page is as long as the content


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """Everything one slip shows. Personal fields arrive masked: no full phone, no ID number."""

    station_name: str
    station_phone: str | None
    office_hours: str | None
    case_no: str
    query_code: str
    query_url: str | None  # when set, the QR code carries this URL with the two codes
    received_at: datetime
    visitor_masked: str  # 李*
    phone_masked: str | None  # 138****5678
    channel: Channel
    category: str | None
    summary: str  # at most SUMMARY_MAX characters, chosen by the clerk
    track: Track
    reply_by: date | None
    referred_to: str | None  # 解释引导: where the resident was sent
    deputies: tuple[str, ...]
    clerk_no: str | None
    notice: str  # the personal-information notice (告知)


def summary_of(content: str, limit: int = SUMMARY_MAX) -> str:
    """The default summary: the start of the content on one line, at most `limit` characters."""
    return toolkit.excerpt(content, limit)


def qr_payload(data: ReceiptData) -> str:
    """What the QR code carries: the case number and query code, never personal data."""
    if data.query_url:
        parts = urlsplit(data.query_url)
        extra = urlencode({"no": data.case_no, "code": data.query_code})
        query = f"{parts.query}&{extra}" if parts.query else extra
        return urlunsplit(parts._replace(query=query))
    return f"{data.case_no} {data.query_code}"


def _reply(data: ReceiptData) -> str:
    if data.track is Track.ON_SPOT:
        if data.referred_to:
            return f"已当场解释答复，并引导至：{mask_in_text(data.referred_to)}"
        return "已当场答复办结"
    if data.reply_by:
        return f"{toolkit.cn_date(data.reply_by)}前答复"
    return "办理后答复"


def _how_to_ask(data: ReceiptData) -> str:
    parts = []
    if data.station_phone:
        hours = f"（{data.office_hours}）" if data.office_hours else ""
        parts.append(f"致电 {data.station_phone}{hours}")
    parts.append("凭受理编号和查询码到站询问")
    if data.query_url:
        parts.append("或扫描二维码查询")
    return "查询办理进度：" + "，".join(parts) + "。"


def _fields(data: ReceiptData) -> list[tuple[str, str]]:
    received = data.received_at.strftime("%Y-%m-%d %H:%M")
    rows = [
        ("接待时间", received),
        ("来访人", data.visitor_masked),
    ]
    if data.phone_masked:
        rows.append(("联系电话", data.phone_masked))
    rows += [
        ("来访方式", CHANNEL_NAMES[data.channel]),
        ("问题类别", data.category or "未分类"),
        ("反映事项", mask_in_text(data.summary)),
        ("办理方式", TRACK_NAMES[data.track]),
        ("答复时限", _reply(data)),
    ]
    if data.deputies:
        names = "、".join(data.deputies[:DEPUTIES_SHOWN])
        if len(data.deputies) > DEPUTIES_SHOWN:
            names += f"等 {len(data.deputies)} 位代表"
        rows.append(("接待代表", names))
    if data.clerk_no:
        rows.append(("经办人工号", data.clerk_no))
    return rows


# --- layout ----------------------------------------------------------------------------------

STAMP = 34 * mm  # 盖章处 on A4
_SIZES = (10.5, 9.5, 8.5, 7.5, 6.5)  # a part that does not fit is set smaller, never cut
DEPUTIES_SHOWN = 6  # more deputies present: the first six and "等 N 位"


def _title(data: ReceiptData) -> str:
    # PDF metadata and print-job name: the case number only, no personal data.
    return f"回执单 {data.case_no}"


def _resident_part(
    pen: Pen, data: ReceiptData, qr: list[list[bool]], qr_side: float, *, narrow: bool
) -> None:
    """The resident's part (回执联) from the pen's position down."""
    pen.text(data.station_name, scale=0.9, color=toolkit.GREY)
    pen.text("来访事项受理回执", scale=1.6, center=True)
    pen.space(pen.size * 0.6)
    top = pen.y
    if narrow:  # 80 mm: number and code on their own lines, the QR code centred below
        pen.text("受理编号", scale=0.9, color=toolkit.GREY)
        pen.text(data.case_no, scale=1.45)
        pen.text(f"查询码  {data.query_code}")
        pen.space(pen.size * 0.4)
        if pen.canvas is not None:
            draw_qr(pen.canvas, qr, pen.x + (pen.width - qr_side) / 2, pen.y - qr_side, qr_side)
        pen.space(qr_side)
    else:  # number block on the left, the QR code to its right
        full = pen.width
        pen.width = full - qr_side - 2 * mm
        pen.text("受理编号", scale=0.9, color=toolkit.GREY)
        pen.text(data.case_no, scale=1.5)
        pen.text(f"查询码  {data.query_code}")
        pen.width = full
        if pen.canvas is not None:
            draw_qr(pen.canvas, qr, pen.x + full - qr_side, top - qr_side, qr_side)
        pen.y = min(pen.y, top - qr_side)
    pen.space(pen.size * 0.5)
    label_width = pen.size * 5.6
    for label, value in _fields(data):
        pen.field(label, value, label_width)
    pen.space(pen.size * 0.5)
    pen.text(_how_to_ask(data))
    pen.space(pen.size * 0.3)
    pen.text("个人信息告知：" + data.notice, scale=0.8, color=toolkit.GREY)


def _stub_part(pen: Pen, data: ReceiptData) -> None:
    """The station's part (存根联): the same facts, and the clerk's signature line."""
    pen.text(f"{data.station_name}　来访事项受理回执（存根联）")
    pen.space(pen.size * 0.4)
    label_width = pen.size * 5.6
    for label, value in [("受理编号", data.case_no), ("查询码", data.query_code), *_fields(data)]:
        pen.field(label, value, label_width)
    pen.space(pen.size * 0.8)
    pen.text("回执已交来访人。　经办人签字：______________　　日期：______________")


class ReceiptOverflowError(ValueError):
    """The slip's text does not fit its paper even at the smallest size.

    Inputs are bounded so that it always fits; this guards the bounds.
    """


def _fitting_size(draw_part: Callable[[Pen], None], x: float, width: float, room: float) -> float:
    """The largest of _SIZES at which the part fits in `room` points of height."""
    for size in _SIZES:
        pen = Pen(None, x, 0.0, width, size)
        draw_part(pen)
        if -pen.y <= room:
            return size
    raise ReceiptOverflowError("receipt text does not fit the paper")


def _new_canvas(out: io.BytesIO, size: tuple[float, float], data: ReceiptData) -> Canvas:
    canvas = Canvas(out, pagesize=size, initialFontName=font_name())  # type: ignore[arg-type]  # stub says float
    canvas.setTitle(_title(data))
    canvas.setAuthor("StationDesk")
    canvas.setCreator("StationDesk")
    return canvas


def _a4(data: ReceiptData, qr: list[list[bool]]) -> bytes:
    width, height = A4
    margin = 15 * mm
    half = height / 2
    inner = width - 2 * margin
    out = io.BytesIO()
    canvas = _new_canvas(out, A4, data)
    grey_note = 8.0

    # 存根联 (upper half)
    canvas.setFont(font_name(), grey_note)
    canvas.setFillColor(toolkit.GREY)
    canvas.drawString(margin, height - 9 * mm, "第一联　存根联（联络站留存）")
    room = (height - margin - 2 * mm) - (half + 6 * mm)
    size = _fitting_size(lambda p: _stub_part(p, data), margin, inner, room)
    _stub_part(Pen(canvas, margin, height - margin - 2 * mm, inner, size), data)

    # cut line
    canvas.setStrokeColor(toolkit.RULE)
    canvas.setLineWidth(0.6)
    canvas.setDash(4, 3)
    canvas.line(8 * mm, half, width - 8 * mm, half)
    canvas.setDash()
    label = "沿此线剪开"
    label_w = canvas.stringWidth(label, font_name(), grey_note)
    canvas.setFillColor(white)
    canvas.rect(width / 2 - label_w / 2 - 2 * mm, half - 2 * mm, label_w + 4 * mm, 4 * mm, 0, 1)
    canvas.setFillColor(toolkit.GREY)
    canvas.setFont(font_name(), grey_note)
    canvas.drawCentredString(width / 2, half - 1.2 * mm, label)

    # 回执联 (lower half), its text clear of the stamp box
    canvas.drawString(margin, half - 7 * mm, "第二联　回执联（交来访人）")
    top = half - 10 * mm
    text_width = inner - STAMP - 4 * mm

    def part(pen: Pen) -> None:
        _resident_part(pen, data, qr, 28 * mm, narrow=False)

    size = _fitting_size(part, margin, text_width, top - margin)
    part(Pen(canvas, margin, top, text_width, size))

    # 盖章处: the station's seal makes the resident's part official
    x = width - margin - STAMP
    canvas.setStrokeColor(toolkit.RULE)
    canvas.setDash(2, 2)
    canvas.rect(x, margin, STAMP, STAMP)
    canvas.setDash()
    canvas.setFillColor(toolkit.GREY)
    canvas.drawCentredString(x + STAMP / 2, margin + STAMP / 2 - 1.5 * mm, "盖章处")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _a5(data: ReceiptData, qr: list[list[bool]]) -> bytes:
    width, height = A5
    margin = 12 * mm
    inner = width - 2 * margin
    out = io.BytesIO()
    canvas = _new_canvas(out, A5, data)

    def part(pen: Pen) -> None:
        _resident_part(pen, data, qr, 28 * mm, narrow=False)

    size = _fitting_size(part, margin, inner, height - 2 * margin)
    part(Pen(canvas, margin, height - margin, inner, size))
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _roll(data: ReceiptData, qr: list[list[bool]]) -> bytes:
    inner = ROLL_WIDTH - 2 * _ROLL_MARGIN
    size = 9.0

    def part(pen: Pen) -> None:
        _resident_part(pen, data, qr, 24 * mm, narrow=True)

    # Measure, then make the page exactly that long (a roll has no page height).
    measure = Pen(None, _ROLL_MARGIN, 0.0, inner, size)
    part(measure)
    height = -measure.y + 2 * _ROLL_MARGIN + 4 * mm
    out = io.BytesIO()
    canvas = _new_canvas(out, (ROLL_WIDTH, height), data)
    part(Pen(canvas, _ROLL_MARGIN, height - _ROLL_MARGIN, inner, size))
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def render_receipt(data: ReceiptData, fmt: ReceiptFormat = ReceiptFormat.A4) -> bytes:
    """The slip as PDF bytes. Pure: the same data gives the same layout."""
    if len(data.summary) > SUMMARY_MAX:
        raise ValueError(f"summary longer than {SUMMARY_MAX} characters")
    qr = qr_modules(qr_payload(data))
    if fmt is ReceiptFormat.A4:
        return _a4(data, qr)
    if fmt is ReceiptFormat.A5:
        return _a5(data, qr)
    return _roll(data, qr)
