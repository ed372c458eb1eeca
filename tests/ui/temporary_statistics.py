"""TEMPORARY stand-ins for the lead's statistics.drill / monthly / attendance_rows (tests only).

tests/ui/conftest.py installs them only while services.statistics lacks them; delete this file
and that fixture once the real functions are on main.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stationdesk.services.statistics import figures
from stationdesk.ui.statistics_period import month_span

_LIVE = "c.deleted_at IS NULL AND c.status != 'merged'"
_IN = "BETWEEN :start AND :stop"
_TEMPORARY_GROUP_COLUMNS = {
    "category": "c.category_id",
    "grid": "v.grid_id",
    "channel": "v.channel",
    "track": "c.track",
    "department": "c.department_id",
}


@dataclass(frozen=True)
class _TemporaryAttendanceRow:
    deputy_name: str
    shift_on: date
    half_label: str
    signed_in_at: datetime | None


def _temporary_drill(ctx, key, start, end, group=None):
    where = {
        "issues_collected": f"{_LIVE} AND c.registered_on {_IN}",
        "issues_resolved": f"c.deleted_at IS NULL AND substr(c.first_closed_at, 1, 10) {_IN}",
        "reopened": f"""c.deleted_at IS NULL AND EXISTS (SELECT 1 FROM case_event e
            WHERE e.case_id = c.id AND e.kind = 'reopened' AND e.occurred_on {_IN})""",
    }[key]
    params = {"start": start.isoformat(), "stop": end.isoformat(), "g": None}
    if group is not None:
        column = _TEMPORARY_GROUP_COLUMNS[group[0]]
        where += f" AND {column} IS :g"
        params["g"] = group[1]
    sql = (
        f"SELECT c.id FROM case_record c JOIN visit v ON v.id = c.visit_id WHERE {where} "
        "ORDER BY c.registered_at DESC"
    )
    with ctx.db.read_core() as conn:
        return [r[0] for r in conn.exec_driver_sql(sql, params)]


def _temporary_monthly(ctx, start, end):
    out = []
    day = start.replace(day=1)
    while day <= end:
        last = month_span(day.year, day.month)[1]
        out.append((day, figures(ctx, max(start, day), min(end, last))))
        day = last + timedelta(days=1)
    return out


def _temporary_attendance_rows(ctx, start, end):
    sql = f"""SELECT d.name, s.shift_on, s.half, min(a.occurred_at) FROM attendance a
        JOIN duty_shift s ON s.id = a.shift_id JOIN deputy d ON d.id = a.deputy_id
        WHERE a.kind = 'sign_in' AND a.occurred_on {_IN}
          AND a.id NOT IN (SELECT voids_id FROM attendance WHERE voids_id IS NOT NULL)
        GROUP BY a.shift_id, a.deputy_id ORDER BY s.shift_on, d.name"""
    labels = {"am": "上午", "pm": "下午", "day": "全天"}
    with ctx.db.read_core() as conn:
        rows = conn.exec_driver_sql(sql, {"start": start.isoformat(), "stop": end.isoformat()})
        return [
            _TemporaryAttendanceRow(
                r[0], date.fromisoformat(r[1]), labels[r[2]], datetime.fromisoformat(r[3])
            )
            for r in rows
        ]


TEMPORARY_FUNCTIONS = {
    "drill": _temporary_drill,
    "monthly": _temporary_monthly,
    "attendance_rows": _temporary_attendance_rows,
}


def _temporary_monthly_report_pdf(ctx, year, month):
    """A one-page PDF naming the month (ReportLab, our font), like the real 月报 will."""
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    from stationdesk.printing.fonts import font_name

    font = font_name()
    out = BytesIO()
    canvas = Canvas(out)
    canvas.setFont(font, 16)
    start, end = month_span(year, month)
    canvas.drawString(72, 760, f"统计月报 {year}年{month}月")
    issues = figures(ctx, start, end)["issues_collected"]
    canvas.drawString(72, 730, f"征集意见建议条数 {issues}")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _temporary_report_xlsx(ctx, start, end, dest, job=None):
    """The figures in one sheet, stepping the job per figure; a cancel removes the file."""
    from openpyxl import Workbook

    from stationdesk.services.progress import Cancelled, step

    values = figures(ctx, start, end)
    book = Workbook()
    sheet = book.active
    try:
        for n, (key, value) in enumerate(values.items(), start=1):
            step(job, n, len(values))
            sheet.append([key, str(value)])
        book.save(dest)
    except Cancelled:
        dest.unlink(missing_ok=True)
        raise
    return dest


TEMPORARY_MODULES = {
    "stationdesk.services.statistics_documents": {
        "monthly_report_pdf": _temporary_monthly_report_pdf
    },
    "stationdesk.services.statistics_export": {"report_xlsx": _temporary_report_xlsx},
}
