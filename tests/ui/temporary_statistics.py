"""TEMPORARY stand-in for the lead's statistics_export.report_xlsx (tests only).

tests/ui/conftest.py installs it only while services.statistics_export does not exist; delete
this file and that fixture once the real module is on main.
"""

from __future__ import annotations

from stationdesk.services.statistics import figures


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
    "stationdesk.services.statistics_export": {"report_xlsx": _temporary_report_xlsx},
}
