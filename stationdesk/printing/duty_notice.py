"""The duty notice (值班公示) posted three days ahead: who receives residents, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer

from stationdesk.printing import toolkit
from stationdesk.printing.fonts import drawable, font_name

_SIZE = 13.0  # points: read on the wall
_SPEC = toolkit.PageSpec(size=A4, margin=20 * mm)
_WIDTH = _SPEC.body_width
_QR = 28 * mm


@dataclass(frozen=True, slots=True)
class DutyNoticeRow:
    """One half-day and the deputies on duty."""

    day: date
    half: str  # "上午" / "下午" / "全天"
    deputies: tuple[str, ...]  # "张建国（县人大代表）"


@dataclass(frozen=True, slots=True)
class DutyNoticeData:
    """The station's coming duty days."""

    station_name: str
    rows: tuple[DutyNoticeRow, ...]
    posted_on: date
    station_phone: str | None
    office_hours: str | None
    qr_payload: str | None


def day_label(day: date) -> str:
    """12月3日（星期三）."""
    return f"{day.month}月{day.day}日（{toolkit.weekday(day)}）"


def _heading(data: DutyNoticeData, st: toolkit.Styles) -> list[Flowable]:
    title = ParagraphStyle(
        "notice_title",
        parent=st.title,
        fontSize=_SIZE * 1.75,
        leading=_SIZE * 1.75 * 1.3,
        textColor=toolkit.ACCENT,
    )
    name, rest = toolkit.text(data.station_name), "代表进站接待日值班公示"
    one_line = stringWidth(drawable(data.station_name) + rest, font_name(), title.fontSize)
    # Too long for one line: break after the station's name, not inside the words.
    joint = "" if one_line <= _WIDTH else "<br/>"
    return [
        Paragraph(name + joint + rest, title),
        HRFlowable(width="100%", thickness=1.6, color=toolkit.ACCENT, spaceAfter=1.5),
        HRFlowable(width="100%", thickness=0.5, color=toolkit.ACCENT, spaceAfter=_SIZE),
        toolkit.para("欢迎群众在以下时间到站反映意见建议：", st.body),
        Spacer(1, _SIZE * 0.6),
    ]


def _schedule(data: DutyNoticeData, st: toolkit.Styles) -> Flowable:
    if not data.rows:
        return toolkit.para("近期暂无值班安排", st.empty)
    rows: list[tuple[str, str, Paragraph]] = []
    spans: list[tuple[Any, ...]] = []
    for day, group in groupby(data.rows, key=lambda r: r.day):
        halves = list(group)
        top = len(rows) + 1  # below the header row
        if len(halves) > 1:  # one date cell spans the day's half-days
            spans.append(("SPAN", (0, top), (0, top + len(halves) - 1)))
        for n, row in enumerate(halves):
            names = Paragraph("<br/>".join(map(toolkit.text, row.deputies)) or "待定", st.body)
            rows.append(("" if n else day_label(day), row.half, names))
    widths = [52 * mm, 22 * mm, _WIDTH - 74 * mm]
    table = toolkit.grid_table(("日期（星期）", "时段", "值班代表"), rows, st, widths)
    padding = [("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]
    table.setStyle([*padding, *spans])
    return table


def _contact(data: DutyNoticeData, st: toolkit.Styles) -> Flowable:
    """Phone and hours on the left; the station QR code with 有事请扫码 on the right."""
    lines = []
    if data.office_hours:
        lines.append(("接待时间", data.office_hours))
    if data.station_phone:
        lines.append(("联系电话", data.station_phone))
    text_width = _WIDTH - (_QR + 6 * mm if data.qr_payload else 0)
    info = toolkit.field_table(lines, st, text_width, _SIZE * 5) if lines else ""
    if not data.qr_payload:
        return toolkit.table([[info]], [text_width])
    caption = ParagraphStyle("caption", parent=st.body, alignment=TA_CENTER)
    code = [toolkit.QrCode(data.qr_payload, _QR), toolkit.para(toolkit.SCAN_CAPTION, caption)]
    return toolkit.table(
        [[info, code]],
        [text_width, _WIDTH - text_width],
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "CENTER")],
    )


def _signature(data: DutyNoticeData, st: toolkit.Styles) -> list[Flowable]:
    right = ParagraphStyle("signature", parent=st.body, alignment=TA_RIGHT)
    return [
        Spacer(1, _SIZE * 1.5),
        toolkit.para(data.station_name, right),
        toolkit.para("公示日期：" + toolkit.cn_date(data.posted_on), right),
    ]


def render_duty_notice(data: DutyNoticeData) -> bytes:
    """The notice as PDF bytes, A4 portrait."""
    st = toolkit.styles(_SIZE)
    flow = [
        *_heading(data, st),
        _schedule(data, st),
        Spacer(1, _SIZE * 1.5),
        _contact(data, st),
        *_signature(data, st),
    ]
    return toolkit.build(flow, _SPEC, title="代表进站接待日值班公示")
