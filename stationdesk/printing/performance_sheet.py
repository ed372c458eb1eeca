"""Deputies' performance records (履职档案): one deputy's sheet and the station's summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from stationdesk.printing import toolkit

_SIZE = 10.5


@dataclass(frozen=True, slots=True)
class PerformanceLine:
    """One counted duty: done, the year's quota, the points earned."""

    label: str  # "进站履职（次）"
    count: int
    quota: int | None  # None: no quota
    points: float


@dataclass(frozen=True, slots=True)
class ActivityLine:
    """One recorded activity."""

    day: date
    kind: str  # "走访企业"
    place: str | None
    people: int
    note: str | None


@dataclass(frozen=True, slots=True)
class PerformanceSheet:
    """One deputy's record for a period."""

    station_name: str
    deputy_name: str
    levels: str  # "县人大代表、镇人大代表"
    period_label: str  # "2026年度"
    lines: tuple[PerformanceLine, ...]
    total_points: float
    activities: tuple[ActivityLine, ...]
    commitment: str | None
    generated_on: date


@dataclass(frozen=True, slots=True)
class PerformanceSummary:
    """Every deputy of the station for a period, one row each, figures already formatted."""

    station_name: str
    period_label: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    generated_on: date


def format_points(value: float) -> str:
    """Points without a trailing .0: 2.0 → "2", 1.5 → "1.5", 0.1 + 0.2 → "0.3"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def progress(count: int, quota: int | None) -> str:
    """完成进度: "3/5（60%）", "已完成" once the quota is met, "—" without a quota."""
    if quota is None:
        return "—"
    if count >= quota:
        return "已完成"
    return f"{count}/{quota}（{count * 100 // quota}%）"


def _spec(size: tuple[float, float], station: str, generated_on: date) -> toolkit.PageSpec:
    return toolkit.PageSpec(
        size=size, header=station, footer="生成于 " + toolkit.cn_date(generated_on)
    )


def _subtitle(st: toolkit.Styles) -> ParagraphStyle:
    return ParagraphStyle("subtitle", parent=st.body, alignment=TA_CENTER, spaceAfter=_SIZE)


def _lines_table(sheet: PerformanceSheet, st: toolkit.Styles, width: float) -> Table:
    rows = [
        (
            line.label,
            str(line.count),
            "—" if line.quota is None else str(line.quota),
            progress(line.count, line.quota),
            format_points(line.points),
        )
        for line in sheet.lines
    ]
    rows.append(("合计", "", "", "", format_points(sheet.total_points)))
    widths = [width - 118 * mm, 22 * mm, 24 * mm, 40 * mm, 32 * mm]
    table = toolkit.grid_table(("项目", "完成", "年度任务", "完成进度", "积分"), rows, st, widths)
    table.setStyle(
        [
            ("SPAN", (0, -1), (3, -1)),
            ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f6f6f6")),
        ]
    )
    return table


def _activities_table(sheet: PerformanceSheet, st: toolkit.Styles, width: float) -> Flowable:
    if not sheet.activities:
        return toolkit.para("本期暂无履职活动记录。", st.body)
    rows = [
        (
            f"{a.day.year}-{a.day.month:02d}-{a.day.day:02d}",
            a.kind,
            a.place or "—",
            str(a.people),
            a.note or "",
        )
        for a in sheet.activities
    ]
    widths = [24 * mm, 22 * mm, 30 * mm, 28 * mm, width - 104 * mm]
    header = ("日期", "类别", "地点", "联系群众（人）", "说明")
    return toolkit.grid_table(header, rows, st, widths)


def render_performance_sheet(sheet: PerformanceSheet) -> bytes:
    """One deputy's record as PDF bytes, A4 portrait, over as many pages as it needs."""
    st = toolkit.styles(_SIZE)
    spec = _spec(A4, sheet.station_name, sheet.generated_on)
    width = spec.body_width
    flow: list[Flowable] = [
        toolkit.para(f"{sheet.deputy_name}代表履职档案", st.title),
        toolkit.field_table(
            [("履职期间", sheet.period_label), ("代表层级", sheet.levels)], st, width, 22 * mm
        ),
        toolkit.para("履职情况", st.heading),
        _lines_table(sheet, st, width),
        toolkit.para("履职承诺", st.heading),
        toolkit.para(sheet.commitment or "未填写。", st.body),
        toolkit.para(f"履职活动（{len(sheet.activities)} 次）", st.heading),
        _activities_table(sheet, st, width),
    ]
    return toolkit.build(flow, spec, title="代表履职档案")


def render_performance_summary(summary: PerformanceSummary) -> bytes:
    """The station's summary as PDF bytes: A4 landscape, the header row on every page."""
    if any(len(row) != len(summary.headers) for row in summary.rows):
        raise ValueError("every summary row needs one cell per header")
    st = toolkit.styles(_SIZE)
    spec = _spec(landscape(A4), summary.station_name, summary.generated_on)
    width = spec.body_width
    first = min(34 * mm, width / max(len(summary.headers), 1))
    rest = (width - first) / max(len(summary.headers) - 1, 1)
    flow: list[Flowable] = [
        toolkit.para("代表履职情况汇总", st.title),
        toolkit.para(summary.period_label, _subtitle(st)),
    ]
    if summary.rows:
        widths = [first] + [rest] * (len(summary.headers) - 1)
        flow.append(toolkit.grid_table(summary.headers, summary.rows, st, widths))
    else:
        flow.append(toolkit.para("本期暂无代表履职记录", st.empty))
    return toolkit.build(flow, spec, title="代表履职情况汇总")
