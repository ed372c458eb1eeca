"""The roster's PDFs built from the database: board, duty notice, 履职档案 and the summary."""

from __future__ import annotations

from datetime import date, timedelta

from stationdesk.services.demo import generate
from stationdesk.services.duty import add_shift, shifts_between
from stationdesk.services.performance import performance
from stationdesk.services.roster import list_deputies, set_photo, set_status
from stationdesk.services.roster_documents import (
    board_pdf,
    duty_notice_pdf,
    performance_sheet_pdf,
    performance_summary_pdf,
)
from tests.printing.poppler import flat
from tests.services.roster_factories import add_deputy, jpeg


def pdf_text(pdf: bytes, folder) -> str:
    """The PDF's text without white space (CJK lines wrap anywhere)."""
    path = folder / "doc.pdf"
    path.write_bytes(pdf)
    return flat(path)


def test_board_is_built_from_the_serving_roster(ctx, tmp_path):
    a = add_deputy(ctx, "张建国")
    b = add_deputy(ctx, "李秀英", public_contact="微信lxy-2026")
    gone = add_deputy(ctx, "王敏")
    set_status(ctx, gone, "transferred", ctx.clock().date())
    set_photo(ctx, a, jpeg())
    tomorrow = ctx.clock().date() + timedelta(days=1)
    add_shift(ctx, b, tomorrow, "pm")
    text = pdf_text(board_pdf(ctx, "a4"), tmp_path)
    assert "张建国" in text and "李秀英" in text and "王敏" not in text
    assert "微信lxy-2026" in text
    assert f"{tomorrow.month}月{tomorrow.day}日下午" in text


def test_duty_notice_lists_the_coming_planned_shifts(ctx, tmp_path):
    a = add_deputy(ctx, "张建国")
    start = ctx.clock().date() + timedelta(days=3)
    add_shift(ctx, a, start, "am")
    add_shift(ctx, a, start + timedelta(days=20), "am")  # beyond the two weeks
    text = pdf_text(duty_notice_pdf(ctx, start), tmp_path)
    assert "张建国（县(区)人大代表）" in text
    assert text.count("张建国") == 1


def test_performance_documents_carry_the_figures(ctx, tmp_path):
    generate(ctx, visits=300, seed=5)
    end = ctx.clock().date()
    start = date(end.year, 1, 1)
    deputy = list_deputies(ctx)[0]
    record = performance(ctx, start, end, deputy.id)[0]
    sheet = pdf_text(performance_sheet_pdf(ctx, start, end, deputy.id), tmp_path)
    assert f"{deputy.name}代表履职档案" in sheet
    assert f"合计{record.total_points:g}" in sheet
    duty = next(i for i in record.items if i.item == "duty_attendances")
    assert f"进站履职（次）{duty.count}—" in sheet  # the count, then 年度任务 "—"
    summary = pdf_text(performance_summary_pdf(ctx, start, end), tmp_path)
    assert all(d.name in summary for d in list_deputies(ctx, status="serving"))


def test_a_deputy_who_leaves_leaves_the_notice_and_the_calendar(ctx, tmp_path):
    a = add_deputy(ctx, "张建国")
    b = add_deputy(ctx, "李秀英")
    start = ctx.clock().date() + timedelta(days=2)
    add_shift(ctx, a, start, "am")
    add_shift(ctx, b, start, "am")
    set_status(ctx, b, "transferred", ctx.clock().date(), "调往县城")
    text = pdf_text(duty_notice_pdf(ctx, start), tmp_path)
    assert "张建国" in text and "李秀英" not in text
    shifts = {s.deputy_name: s for s in shifts_between(ctx, start, start)}
    assert (shifts["李秀英"].status, shifts["李秀英"].note) == ("cancelled", "代表调离")
    assert shifts["张建国"].status == "planned"
