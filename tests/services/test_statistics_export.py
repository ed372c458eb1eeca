"""统计报表 .xlsx read back with openpyxl cell by cell: heading, figures, months, breakdowns."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stationdesk.services.demo import generate
from stationdesk.services.progress import Cancelled, Job
from stationdesk.services.statistics import breakdowns, definitions, figures, monthly
from stationdesk.services.statistics_documents import BREAKDOWN_TITLES, format_figure
from stationdesk.services.statistics_export import report_xlsx

START, END = date(2026, 7, 1), date(2026, 9, 30)


@pytest.fixture
def station(ctx):
    """Demo data on a fixed clock, so the quarter always has records."""
    fixed = replace(ctx, clock=lambda: datetime.combine(date(2026, 10, 20), time(9)).astimezone())
    generate(fixed, visits=900, seed=8)
    return fixed


def _data_rows(ws) -> list[tuple]:
    rows = list(ws.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] in ("指标", "月份") or r[1] == "征集件数")
    return rows[header + 1 :]


def test_the_report_workbook_holds_the_counted_figures(station, tmp_path: Path):
    """Every cell equals the service's numbers; heading, widths and frozen header are set."""
    dest = report_xlsx(station, START, END, tmp_path / "report.xlsx")
    book = load_workbook(dest)
    assert book.sheetnames == ["统计数字", "月度趋势", *BREAKDOWN_TITLES.values()]
    ws = book["统计数字"]
    assert ws["A1"].value == "统计报表" and ws["A1"].font.bold
    heading = [ws.cell(row=r, column=1).value for r in range(2, 6)]
    assert heading[0].startswith("站点：") and "410205-01" in heading[0]
    assert heading[1] == "统计期间：2026-07-01 至 2026-09-30"
    assert heading[2].startswith("生成时间：2026-10-20")
    assert [c.value for c in ws[7]] == ["指标", "数值", "统计口径"]
    assert ws.freeze_panes == "A8" and ws.column_dimensions["C"].width == 70
    values = figures(station, START, END)
    texts = definitions(station)
    rows = _data_rows(ws)
    assert len(rows) == len(texts) == 9
    for (name, value, text), (key, (want_name, want_text)) in zip(rows, texts.items(), strict=True):
        assert (name, text) == (want_name, want_text)
        expected = values[key]
        assert value == (expected if isinstance(expected, int) else format_figure(expected))
    assert isinstance(rows[2][1], int) and rows[2][1] > 0  # 征集意见建议条数, a number
    assert str(rows[5][1]).endswith("%")  # 满意率 as on paper
    months = _data_rows(book["月度趋势"])
    assert [r[0] for r in months] == ["2026-07", "2026-08", "2026-09"]
    for row, (_first, month_values) in zip(months, monthly(station, START, END), strict=True):
        assert row[3] == month_values["issues_collected"]
    groups = breakdowns(station, START, END)
    for key, title in BREAKDOWN_TITLES.items():
        sheet_rows = _data_rows(book[title])
        assert sheet_rows == [(g.name, g.issues_collected, g.issues_resolved) for g in groups[key]]
    logged = station.db.query("SELECT count(*) FROM audit_log WHERE action = 'export.report'")
    assert logged[0][0] == 1


def test_a_cancelled_report_export_leaves_nothing(station, tmp_path: Path):
    """取消 part-way: no file, no .part, no audit row."""
    seen: list[int] = []
    job = Job(lambda done, total: (seen.append(done), done == 3 and job.cancel()))
    dest = tmp_path / "report.xlsx"
    with pytest.raises(Cancelled):
        report_xlsx(station, START, END, dest, job=job)
    assert seen[:4] == [0, 1, 2, 3]
    assert not dest.exists() and not list(tmp_path.glob("*.part"))
    logged = station.db.query("SELECT count(*) FROM audit_log WHERE action = 'export.report'")
    assert logged[0][0] == 0


def test_rates_are_rounded_half_up_exactly():
    """85.365% → 85.37%, 0.125% → 0.13%: the exact fraction decides, not a float."""
    from fractions import Fraction

    assert format_figure(Fraction(17073, 20000)) == "85.37%"
    assert format_figure(Fraction(1, 800)) == "0.13%"
    assert format_figure(Fraction(2, 3)) == "66.67%"
    assert format_figure(Fraction(1, 1)) == "100.00%"
    assert format_figure(None) == "—" and format_figure(42) == "42"
