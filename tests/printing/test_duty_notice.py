"""The duty notice checked with poppler: one font, A4 portrait, weekdays, names, the sentence."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4

from stationdesk.printing.duty_notice import (
    DutyNoticeData,
    DutyNoticeRow,
    day_label,
    render_duty_notice,
)
from stationdesk.printing.fonts import MISSING
from tests.printing.poppler import flat, page_sizes, subset_fonts

ROWS = (
    DutyNoticeRow(date(2026, 12, 3), "上午", ("张建国（县人大代表）", "李秀英（镇人大代表）")),
    DutyNoticeRow(date(2026, 12, 3), "下午", ("王德明（市人大代表）",)),
    DutyNoticeRow(date(2026, 12, 5), "全天", ("欧阳娜娜（镇人大代表）",)),
    DutyNoticeRow(date(2026, 12, 7), "上午", ()),
)


def _notice(**changes: object) -> DutyNoticeData:
    values: dict[str, object] = {
        "station_name": "红山乡人大代表联络站",
        "rows": ROWS,
        "posted_on": date(2026, 11, 30),
        "station_phone": "0379-6512 3456",
        "office_hours": "工作日 9:00-12:00",
        "qr_payload": "https://rd.example.gov.cn/s/410205-01",
    }
    values.update(changes)
    return DutyNoticeData(**values)  # type: ignore[arg-type]


def _write(tmp_path: Path, data: DutyNoticeData) -> Path:
    path = tmp_path / "duty.pdf"
    path.write_bytes(render_duty_notice(data))
    return path


def test_the_notice_reads_back_days_weekdays_names_and_contact(tmp_path):
    """pdffonts: our subset only; pdfinfo: A4 portrait; pdftotext: every fact on the notice."""
    pdf = _write(tmp_path, _notice())
    assert subset_fonts(pdf) == ["WenQuanYiMicroHei-0"]
    assert page_sizes(pdf) == [pytest.approx((A4[0], A4[1]), abs=0.5)]
    words = flat(pdf)
    for expected in (
        "红山乡人大代表联络站代表进站接待日值班公示",
        "欢迎群众在以下时间到站反映意见建议",
        "日期（星期）时段值班代表",
        "12月3日（星期四）上午张建国（县人大代表）李秀英（镇人大代表）",
        "下午王德明（市人大代表）",
        "12月5日（星期六）全天欧阳娜娜（镇人大代表）",
        "12月7日（星期一）上午待定",
        "0379-65123456",
        "工作日9:00-12:00",
        "有事请扫码",
        "公示日期：2026年11月30日",
    ):
        assert expected in words, expected
    assert words.count("12月3日") == 1  # one date cell spans the day's two halves


def test_weekdays_are_written_in_chinese():
    monday = date(2026, 11, 30)
    labels = [day_label(monday + timedelta(days=n)) for n in range(7)]
    assert [label.split("（")[1].rstrip("）") for label in labels] == [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ]
    assert labels[0] == "11月30日（星期一）"


def test_no_rows_says_there_is_no_duty_and_optional_parts_go(tmp_path):
    pdf = _write(tmp_path, _notice(rows=(), station_phone=None, office_hours=None, qr_payload=None))
    words = flat(pdf)
    assert "近期暂无值班安排" in words
    assert "值班代表" not in words and "有事请扫码" not in words and "联系电话" not in words
    assert "公示日期：2026年11月30日" in words
    assert subset_fonts(pdf) == ["WenQuanYiMicroHei-0"]


def test_hostile_text_and_a_long_schedule_render(tmp_path):
    """<b>&, emoji and sixty rows: drawn literally over numbered pages, one font throughout."""
    rows = tuple(
        DutyNoticeRow(
            date(2026, 12, 1) + timedelta(days=n // 2),
            ("上午", "下午")[n % 2],
            (f"<b>代表{n:02d}</b>&😀",),
        )
        for n in range(60)
    )
    pdf = _write(
        tmp_path, _notice(station_name="<红山乡>&联络站", rows=rows, office_hours="&nbsp;")
    )
    words = flat(pdf)
    pages = len(page_sizes(pdf))
    assert pages > 1 and f"第{pages}页/共{pages}页" in words
    assert all(f"<b>代表{n:02d}</b>&{MISSING}" in words for n in range(60))
    assert "<红山乡>&联络站代表进站接待日值班公示" in words and "&nbsp;" in words
    assert subset_fonts(pdf) == ["WenQuanYiMicroHei-0"]
