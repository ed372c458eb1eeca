"""The statistics on paper: the monthly report (统计月报) for the county."""

from __future__ import annotations

import calendar
import math
from dataclasses import replace
from datetime import date
from fractions import Fraction

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.permissions import Action
from stationdesk.printing.monthly_report import (
    Breakdown,
    FigureLine,
    MonthBar,
    MonthlyReport,
    render_monthly_report,
)
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.services.statistics import GroupRow, breakdowns, definitions, figures, monthly

BREAKDOWN_TITLES = {
    "category": "按问题类别", "channel": "按来访方式", "track": "按办理方式",
    "department": "按承办单位", "grid": "按网格", "deputy": "按接待代表",
}  # fmt: skip
TOP = 10  # rows per breakdown on paper; the rest are summed in one line


def format_figure(value: int | Fraction | None) -> str:
    """A count as it is; a rate as 85.37%; nothing to divide as —."""
    if value is None:
        return "—"
    if isinstance(value, Fraction):  # exact, halves up: the same digits as on screen
        basis_points = math.floor(value * 10000 + Fraction(1, 2))
        return f"{basis_points // 100}.{basis_points % 100:02d}%"
    return str(value)


def _top(rows: list[GroupRow]) -> tuple[tuple[str, int, int], ...]:
    shown = [(g.name, g.issues_collected, g.issues_resolved) for g in rows[:TOP]]
    rest = rows[TOP:]
    if rest:
        shown.append(
            (f"其余 {len(rest)} 项合计", sum(g.issues_collected for g in rest),
             sum(g.issues_resolved for g in rest))
        )  # fmt: skip
    return tuple(shown)


def _report(
    ctx: ServiceContext, start: date, end: date, label: str, since: date | None
) -> MonthlyReport:
    """The report of a period; with `since`, a second column counts from it to the end."""
    require(ctx, Action.VIEW_CASES)
    this_period = figures(ctx, start, end)
    cumulative = figures(ctx, since, end) if since else None
    names = definitions(ctx)
    groups = breakdowns(ctx, start, end)
    trend_from = since or (start if (end - start).days > 31 else date(end.year, 1, 1))
    with ctx.db.read_core() as conn:
        station, county = conn.exec_driver_sql("SELECT name, county FROM station LIMIT 1").one()
    now = ctx.clock()
    return MonthlyReport(
        station_name=str(station),
        county=str(county or ""),
        month_label=label,
        year_label=_span(since, end) if since else "",
        figures=tuple(
            FigureLine(
                name,
                format_figure(this_period[key]),
                format_figure(cumulative[key]) if cumulative else "",
                text,
            )
            for key, (name, text) in names.items()
        ),
        trend=tuple(
            MonthBar(
                _month(first, trend_from),
                int(v["issues_collected"] or 0),
                int(v["issues_resolved"] or 0),
            )
            for first, v in monthly(ctx, trend_from, end)
        ),
        breakdowns=tuple(
            Breakdown(BREAKDOWN_TITLES[key], _top(groups[key])) for key in BREAKDOWN_TITLES
        ),
        generated_at=now.strftime("%Y-%m-%d %H:%M"),
        generated_on=now.date(),
    )


def _span(start: date, end: date) -> str:
    if start.month == end.month and start.year == end.year:
        return f"{end.year}年{end.month}月"
    return f"{start.year}年{start.month}月—{end.month}月"


def _month(first: date, trend_from: date) -> str:
    """1月 within one year; 2025年12月 style where the trend crosses a year."""
    return (
        f"{first.month}月"
        if first.year == trend_from.year
        else f"{first.year % 100}年{first.month}月"
    )


def monthly_report(ctx: ServiceContext, year: int, month: int) -> MonthlyReport:
    """The month's report data: the figures of the month and of the year to its end."""
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise ValidationError("invalid_month", "month")
    start = date(year, month, 1)
    end = date(year, month, calendar.monthrange(year, month)[1])
    return _report(ctx, start, end, f"{year}年{month}月", date(year, 1, 1))


def monthly_report_pdf(ctx: ServiceContext, year: int, month: int) -> bytes:
    """The month's report as PDF bytes (no personal data: counts and public names only)."""
    return render_monthly_report(monthly_report(ctx, year, month))


def period_report_pdf(ctx: ServiceContext, start: date, end: date) -> bytes:
    """Any period's report (the CLI's --format pdf): its figures, trend and breakdowns."""
    if end < start:
        raise ValidationError("period_reversed", "end")
    label = f"{start.isoformat()} 至 {end.isoformat()}"
    data = _report(ctx, start, end, label, None)
    return render_monthly_report(replace(data, title="统计报表"))
