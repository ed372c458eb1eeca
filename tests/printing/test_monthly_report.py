"""统计月报 checked with poppler: our font only, the month's and the year's figures, the tables."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest

from stationdesk.domain.errors import ValidationError
from stationdesk.services.demo import generate
from stationdesk.services.statistics import breakdowns, definitions, figures
from stationdesk.services.statistics_documents import (
    TOP,
    format_figure,
    monthly_report,
    monthly_report_pdf,
    period_report_pdf,
)
from tests.printing.poppler import flat, flat_pages, page_sizes, subset_fonts


def test_the_monthly_report_prints_the_counted_figures(ctx, tmp_path: Path):
    """Every figure of the month and the year to date, as counted, with its definition."""
    ctx = replace(ctx, clock=lambda: datetime.combine(date(2026, 11, 20), time(9)).astimezone())
    generate(ctx, visits=1500, seed=21)  # on the fixed clock: October 2026 always has data
    pdf = tmp_path / "month.pdf"
    pdf.write_bytes(monthly_report_pdf(ctx, 2026, 10))
    assert subset_fonts(pdf) and set(subset_fonts(pdf)) == {"WenQuanYiMicroHei-0"}
    assert all(size == (595.276, 841.89) for size in page_sizes(pdf))
    text = flat(pdf)
    assert "工作月报" in text and "2026年10月" in text and "2026年1月—10月" in text
    month = figures(ctx, date(2026, 10, 1), date(2026, 10, 31))
    year = figures(ctx, date(2026, 1, 1), date(2026, 10, 31))
    first_page = flat_pages(pdf)[0]
    for key, (name, definition) in definitions(ctx).items():
        # each figure's line: name, this month, the year to date
        assert f"{name}{format_figure(month[key])}{format_figure(year[key])}" in first_page, key
        assert re.sub(r"\s+", "", definition) in text, key
    assert month["issues_collected"] and month["satisfaction_rate"] is not None
    groups = breakdowns(ctx, date(2026, 10, 1), date(2026, 10, 31))
    for g in groups["channel"]:  # eight channels at most: every one printed
        assert f"{g.name}{g.issues_collected}{g.issues_resolved}" in text
    categories = groups["category"]
    if len(categories) > TOP:
        rest = categories[TOP:]
        line = f"其余{len(rest)}项合计{sum(g.issues_collected for g in rest)}"
        assert line in text
    assert not re.search(r"1[3-9]\d{9}", text)  # no phone number anywhere
    data = monthly_report(ctx, 2026, 10)
    assert [b.label for b in data.trend] == [f"{m}月" for m in range(1, 11)]
    assert data.trend[-1].collected == month["issues_collected"]


def test_an_empty_month_prints_dashes(ctx, tmp_path: Path):
    """Nothing to divide prints —, an empty breakdown says so."""
    pdf = tmp_path / "empty.pdf"
    pdf.write_bytes(monthly_report_pdf(ctx, 2025, 2))
    text = flat(pdf)
    assert "满意率——" in text and "本月暂无数据" in text


def test_a_month_outside_the_calendar_is_refused(ctx):
    """Month 13 and a reversed period are refused with their codes."""
    with pytest.raises(ValidationError) as err:
        monthly_report_pdf(ctx, 2026, 13)
    assert err.value.code == "invalid_month"
    with pytest.raises(ValidationError) as err:
        period_report_pdf(ctx, date(2026, 5, 2), date(2026, 5, 1))
    assert err.value.code == "period_reversed"
