"""统计月报: the month's figures beside the year to date, a trend chart and the breakdowns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from stationdesk.printing import toolkit
from stationdesk.printing.fonts import drawable, font_name

_SIZE = 10.5
COLLECTED = colors.HexColor("#3b6ea5")
RESOLVED = colors.HexColor("#6aa84f")


@dataclass(frozen=True, slots=True)
class FigureLine:
    """One figure: its name, the month's and the year's value (formatted) and its rule."""

    name: str
    month: str
    year: str
    definition: str


@dataclass(frozen=True, slots=True)
class MonthBar:
    """One month of the trend: issues collected and resolved."""

    label: str  # "1月"
    collected: int
    resolved: int


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A breakdown table: group name, issues collected, issues resolved."""

    title: str  # "按问题类别"
    rows: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    """Everything the month's report prints; numbers already counted."""

    station_name: str
    county: str
    month_label: str  # "2026年11月", or the period "2026-01-01 至 2026-06-30"
    year_label: str  # "2026年1月—11月"; empty: no year-to-date column
    figures: tuple[FigureLine, ...]
    trend: tuple[MonthBar, ...]
    breakdowns: tuple[Breakdown, ...]
    generated_at: str  # "2026-11-26 10:30"
    generated_on: date
    title: str = "工作月报"


def _trend_chart(bars: tuple[MonthBar, ...], width: float) -> Drawing:
    """Grouped bars per month: 征集 and 办结, every label in our font."""
    height = 62 * mm
    drawing = Drawing(width, height)
    # the renderer starts in Helvetica otherwise, a font no PDF of ours may reference
    setattr(drawing, "initialFontName", font_name())  # noqa: B010 (not in the type stubs)
    chart = VerticalBarChart()
    chart.x, chart.y = round(12 * mm), round(12 * mm)
    chart.width, chart.height = round(width - 16 * mm), round(height - 22 * mm)
    chart.data = [[b.collected for b in bars], [b.resolved for b in bars]]
    chart.categoryAxis.categoryNames = [drawable(b.label) for b in bars]
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName = font_name()
        labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.forceZero = True
    chart.bars[0].fillColor = COLLECTED
    chart.bars[1].fillColor = RESOLVED
    chart.bars.strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 6
    drawing.add(chart)
    legend = Legend()
    legend.fontName = font_name()
    legend.fontSize = 8
    legend.x, legend.y = round(width - 46 * mm), round(height - 3 * mm)
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx = legend.dy = 7
    legend.deltax = 40
    legend.colorNamePairs = [(COLLECTED, "征集件数"), (RESOLVED, "办结件数")]
    drawing.add(legend)
    drawing.add(String(0, height - 6, "件", fontName=font_name(), fontSize=8))
    return drawing


def _figures_table(report: MonthlyReport, st: toolkit.Styles, width: float) -> Flowable:
    if not report.year_label:  # one period, no cumulative column
        rows = [(f.name, f.month) for f in report.figures]
        header = ("指标", f"本期（{report.month_label}）")
        return toolkit.grid_table(header, rows, st, [width - 70 * mm, 70 * mm])
    rows3 = [(f.name, f.month, f.year) for f in report.figures]
    header3 = ("指标", f"本月（{report.month_label}）", f"本年累计（{report.year_label}）")
    return toolkit.grid_table(header3, rows3, st, [width - 96 * mm, 40 * mm, 56 * mm])


def _breakdown_table(item: Breakdown, st: toolkit.Styles, width: float, empty: str) -> Flowable:
    rows = [(name, str(col), str(res)) for name, col, res in item.rows]
    header = (item.title.removeprefix("按"), "征集件数", "办结件数")
    if not rows:
        return toolkit.para(empty, st.small)
    return toolkit.grid_table(header, rows, st, [width - 44 * mm, 22 * mm, 22 * mm])


def _side_by_side(left: list[Flowable], right: list[Flowable] | None, width: float) -> Flowable:
    gap = 6 * mm
    half = (width - gap) / 2
    return toolkit.table(
        [[left, "", right or ""]],
        [half, gap, half],
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
         ("RIGHTPADDING", (0, 0), (-1, -1), 0)],
    )  # fmt: skip


def render_monthly_report(report: MonthlyReport) -> bytes:
    """The month's report as PDF bytes: A4 portrait, two or three pages."""
    st = toolkit.styles(_SIZE)
    spec = toolkit.PageSpec(
        size=A4, header=report.station_name, footer="生成于 " + report.generated_at
    )
    width = spec.body_width
    half = (width - 6 * mm) / 2
    scope = "本月" if report.year_label else "本期"
    flow: list[Flowable] = [
        toolkit.para(f"{report.station_name}{report.title}", st.title),
        toolkit.para(f"{report.month_label}　{report.county}", st.small),
        Spacer(1, 3 * mm),
        toolkit.para("一、主要数字", st.heading),
        _figures_table(report, st, width),
        toolkit.para("二、月度趋势（各月征集与办结件数）", st.heading),
        _trend_chart(report.trend, width),
    ]
    tables = [
        [toolkit.para(b.title, st.label), _breakdown_table(b, st, half, f"{scope}暂无数据。")]
        for b in report.breakdowns
    ]
    pairs: list[Flowable] = []
    for i in range(0, len(tables), 2):
        right = tables[i + 1] if i + 1 < len(tables) else None
        pairs += [_side_by_side(tables[i], right, width), Spacer(1, 3 * mm)]
    # the heading stays with the first pair of tables
    flow += [
        KeepTogether([toolkit.para(f"三、分类统计（{scope}）", st.heading), *pairs[:2]]),
        *pairs[2:],
    ]
    flow.append(toolkit.para("四、统计口径", st.heading))
    flow += [
        toolkit.para(f"{n}. {f.name}：{f.definition}", st.small)
        for n, f in enumerate(report.figures, 1)
    ]
    return toolkit.build(flow, spec, title="联络站" + report.title)
