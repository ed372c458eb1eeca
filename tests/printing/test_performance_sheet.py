"""Performance records checked with poppler: figures, progress, pages, the summary's rows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4

from stationdesk.printing.fonts import MISSING
from stationdesk.printing.performance_sheet import (
    ActivityLine,
    PerformanceLine,
    PerformanceSheet,
    PerformanceSummary,
    format_points,
    progress,
    render_performance_sheet,
    render_performance_summary,
)
from tests.printing.poppler import flat, flat_pages, page_sizes, subset_fonts

LINES = (
    PerformanceLine("进站履职（次）", 3, 5, 3.0),
    PerformanceLine("接待群众（人次）", 42, 20, 8.5),
    PerformanceLine("走访选民（次）", 6, None, 1.5),
)
NOTE = "了解企业用工、用电和道路运输方面的困难，现场协调供电所落实线路改造。"


def _sheet(activities: int = 3, **changes: object) -> PerformanceSheet:
    values: dict[str, object] = {
        "station_name": "红山乡人大代表联络站",
        "deputy_name": "张建国",
        "levels": "县人大代表、镇人大代表",
        "period_label": "2026年度",
        "lines": LINES,
        "total_points": 13.0,
        "activities": tuple(
            ActivityLine(
                day=date(2026, 1, 5) + timedelta(days=n),
                kind="走访企业",
                place=f"红旗村{n}组" if n % 4 else None,
                people=n,
                note=NOTE * (1 + n % 3) if n % 2 else None,
            )
            for n in range(activities)
        ),
        "commitment": "年内提出建议不少于六条。",
        "generated_on": date(2026, 12, 1),
    }
    values.update(changes)
    return PerformanceSheet(**values)  # type: ignore[arg-type]


def _write(tmp_path: Path, name: str, pdf: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2.0, "2"),
        (1.5, "1.5"),
        (0.0, "0"),
        (-0.0, "0"),
        (10.0, "10"),
        (0.1 + 0.2, "0.3"),
        (2.25, "2.25"),
    ],
)
def test_points_drop_a_trailing_zero(value, text):
    assert format_points(value) == text


def test_progress_reads_as_done_of_quota():
    assert progress(3, 5) == "3/5（60%）"
    assert progress(1, 3) == "1/3（33%）"  # rounded down: never 100% before it is done
    assert progress(5, 5) == progress(7, 5) == "已完成"
    assert progress(4, None) == "—"


def test_the_sheet_reads_back_its_figures(tmp_path):
    """pdffonts: our subset only; pdfinfo: A4 portrait; pdftotext: title, figures, total, promise."""
    pdf = _write(tmp_path, "sheet.pdf", render_performance_sheet(_sheet()))
    assert subset_fonts(pdf) == ["WenQuanYiMicroHei-0"]
    assert all(s == pytest.approx((A4[0], A4[1]), abs=0.5) for s in page_sizes(pdf))
    words = flat(pdf)
    for expected in (
        "张建国代表履职档案",
        "红山乡人大代表联络站",
        "2026年度",
        "县人大代表、镇人大代表",
        "项目完成年度任务完成进度积分",
        "进站履职（次）353/5（60%）3",
        "接待群众（人次）4220已完成8.5",
        "走访选民（次）6——1.5",
        "合计13",
        "年内提出建议不少于六条。",
        "日期类别地点联系群众（人）说明",
        "2026-01-05走访企业—0",
        "2026-01-06走访企业红旗村1组1" + NOTE * 2,
        "生成于2026年12月1日",
    ):
        assert expected in words, expected


def test_a_long_record_runs_over_numbered_pages_with_the_header_repeated(tmp_path):
    """Eighty activities with long notes: several pages, each numbered, each table head repeated."""
    pdf = _write(tmp_path, "long.pdf", render_performance_sheet(_sheet(activities=80)))
    pages = flat_pages(pdf)
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页/共{len(pages)}页" in page
        assert "红山乡人大代表联络站" in page
    assert all("日期类别地点联系群众（人）说明" in page for page in pages[1:])
    words = "".join(pages)
    assert all(f"2026-{(date(2026, 1, 5) + timedelta(days=n)):%m-%d}" in words for n in range(80))


def test_no_activities_no_commitment_and_hostile_text(tmp_path):
    sheet = _sheet(
        activities=0,
        deputy_name="<b>张</b>&😀",
        commitment=None,
        lines=(PerformanceLine("<i>参加培训</i>&", 0, 1, 0.0),),
        total_points=0.0,
    )
    words = flat(_write(tmp_path, "empty.pdf", render_performance_sheet(sheet)))
    assert f"<b>张</b>&{MISSING}代表履职档案" in words
    assert "<i>参加培训</i>&010/1（0%）0" in words
    assert "本期暂无履职活动记录" in words and "未填写" in words


def test_the_summary_is_landscape_with_its_rows_and_the_header_on_every_page(tmp_path):
    headers = ("代表", "进站履职", "接待群众", "提出建议", "积分")
    rows = tuple(
        (f"代表{n:02d}号", str(n % 6), str(n * 3), str(n % 3), format_points(n * 1.5))
        for n in range(60)
    )
    summary = PerformanceSummary(
        "红山乡人大代表联络站", "2026年1月1日至2026年6月30日", headers, rows, date(2026, 12, 1)
    )
    pdf = _write(tmp_path, "summary.pdf", render_performance_summary(summary))
    assert subset_fonts(pdf) == ["WenQuanYiMicroHei-0"]
    sizes = page_sizes(pdf)
    assert len(sizes) > 1 and all(s == pytest.approx((A4[1], A4[0]), abs=0.5) for s in sizes)
    pages = flat_pages(pdf)
    assert all("代表进站履职接待群众提出建议积分" in page for page in pages)
    words = "".join(pages)
    assert "2026年1月1日至2026年6月30日" in words
    for row in rows:
        assert words.count("".join(row)) == 1, row  # each row once, its cells in order


def test_the_summary_refuses_ragged_rows_and_says_when_it_is_empty(tmp_path):
    with pytest.raises(ValueError):
        render_performance_summary(
            PerformanceSummary("站", "2026年度", ("代表", "积分"), (("张三",),), date(2026, 12, 1))
        )
    empty = PerformanceSummary("站", "2026年度", ("代表", "积分"), (), date(2026, 12, 1))
    words = flat(_write(tmp_path, "none.pdf", render_performance_summary(empty)))
    assert "本期暂无代表履职记录" in words and "代表积分" not in words
