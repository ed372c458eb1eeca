"""A 台账 on paper: A4 landscape, heading lines, a ruled table with its header on every page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from stationdesk.printing import toolkit

_SIZE = 8.0
CELL_MAX = 160  # characters of one cell on paper; a longer text ends in …


@dataclass(frozen=True, slots=True)
class LedgerSheet:
    """A ledger ready for paper: texts already masked and formatted."""

    title: str  # 问题清单
    station: str  # 某某联络站（410205-01）
    period: str  # 2026-11-01 至 2026-11-30
    generated: str  # 2026-11-26 10:30
    rule: str  # which rows the ledger holds
    headers: tuple[str, ...]
    widths: tuple[float | None, ...]  # mm; None: an equal share of the width left
    rows: tuple[tuple[str, ...], ...]


def _cell(value: str, style: ParagraphStyle) -> Paragraph:
    """A cell's text: lines kept (progress notes), cut at CELL_MAX characters."""
    if len(value) > CELL_MAX:
        value = value[: CELL_MAX - 1].rstrip() + "…"
    return Paragraph("<br/>".join(toolkit.text(line) for line in value.split("\n")), style)


def _widths(widths: Sequence[float | None], total: float) -> list[float]:
    """Points: fixed columns as given (mm), the rest of the width shared by the None ones."""
    fixed = sum(w * mm for w in widths if w is not None)
    flexible = sum(1 for w in widths if w is None)
    share = max(total - fixed, 0.0) / flexible if flexible else 0.0
    out = [share if w is None else w * mm for w in widths]
    if not flexible and fixed:  # nothing flexible: scale to the page
        out = [w * total / fixed for w in out]
    return out


def render_ledger_sheet(sheet: LedgerSheet) -> bytes:
    """The ledger as PDF bytes: A4 landscape, as many pages as the rows need."""
    if len(sheet.widths) != len(sheet.headers) or any(
        len(row) != len(sheet.headers) for row in sheet.rows
    ):
        raise ValueError("every ledger row needs one cell per header")
    st = toolkit.styles(_SIZE)
    spec = toolkit.PageSpec(
        size=landscape(A4), header=sheet.station, footer=f"生成时间 {sheet.generated}"
    )
    width = spec.body_width
    centred = ParagraphStyle(
        "ledgerSub", parent=st.body, alignment=TA_CENTER, fontSize=9.5, leading=14
    )
    gap = "&nbsp;" * 6
    flow: list[Flowable] = [
        toolkit.para(sheet.title, st.title),
        Paragraph(
            gap.join(
                toolkit.text(part)
                for part in (f"站点：{sheet.station}", f"统计期间：{sheet.period}")
            ),
            centred,
        ),
        Paragraph(
            gap.join(
                toolkit.text(part)
                for part in (
                    f"生成时间：{sheet.generated}",
                    f"共 {len(sheet.rows)} 行",
                    "个人信息已脱敏",
                )
            ),
            centred,
        ),
        toolkit.para(f"收录范围：{sheet.rule}", centred),
        Spacer(1, 3 * mm),
    ]
    if sheet.rows:
        rows = [[_cell(value, st.body) for value in row] for row in sheet.rows]
        widths = _widths(sheet.widths, width)
        table = toolkit.grid_table(sheet.headers, rows, st, widths)
        table.setStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
        flow.append(table)
    else:
        flow.append(toolkit.para("本期间没有记录", st.empty))
    return toolkit.build(flow, spec, title=sheet.title)
