"""统计报表 as .xlsx: the figures with their definitions, the months, one sheet per breakdown."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

from stationdesk.domain.permissions import Action
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.services.ledgers import exporter_name, period_label, station_label
from stationdesk.services.progress import Job, step
from stationdesk.services.statistics import definitions, monthly, report
from stationdesk.services.statistics_documents import BREAKDOWN_TITLES, format_figure
from stationdesk.services.xlsx_file import Column, heading_lines, xlsx_book
from stationdesk.store import audit


def _value(value: int | Fraction | None) -> int | str:
    """Counts stay numbers (Excel sums them); a rate is text as on paper: 85.37%, or —."""
    return value if isinstance(value, int) else format_figure(value)


def report_xlsx(
    ctx: ServiceContext, start: date, end: date, dest: Path, *, job: Job | None = None
) -> Path:
    """Write the period's report to dest (atomic; nothing left on cancel or error); audited.

    Sheets: 统计数字 (each figure, its value and definition), 月度趋势 (the figures of each
    month), then one per breakdown. No personal data: counts and public names only.
    """
    require(ctx, Action.EXPORT_LEDGER)
    steps = 2 + len(BREAKDOWN_TITLES)
    step(job, 0, steps)
    result = report(ctx, start, end)
    names = definitions(ctx)
    months = monthly(ctx, start, end)
    generated = ctx.clock().isoformat(sep=" ", timespec="minutes")[:16]
    lines = heading_lines(
        station_label(ctx), period_label(start, end), generated, exporter_name(ctx)
    )
    with xlsx_book(dest) as book:
        sheet = book.sheet(
            "统计数字", "统计报表", lines,
            [Column("指标", 22), Column("数值", 12), Column("统计口径", 70, wrap=True)],
        )  # fmt: skip
        for key, (name, text) in names.items():
            sheet.append([name, _value(result.figures[key]), text])
        step(job, 1, steps)
        trend = book.sheet(
            "月度趋势", "月度趋势", lines,
            [Column("月份", 10)] + [Column(name, 14) for name, _ in names.values()],
        )  # fmt: skip
        for first, values in months:
            trend.append([f"{first.year}-{first.month:02d}", *(_value(values[k]) for k in names)])
        step(job, 2, steps)
        for n, (key, title) in enumerate(BREAKDOWN_TITLES.items(), start=3):
            group = title.removeprefix("按")
            table = book.sheet(
                title, f"分类统计（{title}）", lines,
                [Column(group, 28), Column("征集件数", 12), Column("办结件数", 12)],
            )  # fmt: skip
            for row in result.breakdowns[key]:
                table.append([row.name, row.issues_collected, row.issues_resolved])
            step(job, n, steps)
    with ctx.db.write_core() as conn:
        detail = {"from": start.isoformat(), "to": end.isoformat(), "file": dest.name}
        audit.append(
            conn, ctx.audit_entry(ctx.clock(), "export.report", "statistics", "report", detail)
        )
    return dest
