"""统计报表 page with pytest-qt: cards equal the service, periods, breakdowns, charts, drill-down."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from stationdesk.services import statistics
from stationdesk.services.demo import generate
from stationdesk.services.statistics import breakdowns, figures
from stationdesk.ui.drill_dialog import DrillDialog
from stationdesk.ui.main_window import Nav
from stationdesk.ui.statistics_charts import TOP_N
from stationdesk.ui.statistics_figures import FIGURE_KEYS, INFO, DefinitionsDialog, figure_text
from stationdesk.ui.statistics_page import StatisticsPage, group_names
from stationdesk.ui.statistics_period import default_month, month_span, quarter_span

# --- helpers ------------------------------------------------------------------------------


@pytest.fixture
def demo_ctx(station_ctx):
    """The signed-in admin's station with 1500 demo visits (about four months)."""
    generate(station_ctx, visits=1500, seed=3)
    return station_ctx


def _page(window) -> StatisticsPage:
    window.nav.setCurrentRow(Nav.STATISTICS)
    page = window.pages.currentWidget()
    assert isinstance(page, StatisticsPage)
    return page


def _card_texts(page: StatisticsPage) -> dict[str, str]:
    return {key: card.value.text() for key, card in page.cards.items()}


def _expected(ctx, start: date, end: date) -> dict[str, str]:
    values = figures(ctx, start, end)
    return {key: figure_text(values[key]) for key in FIGURE_KEYS}


# --- tests --------------------------------------------------------------------------------


def test_cards_show_the_service_figures_of_the_last_complete_month(open_window, paths, demo_ctx):
    """By default the page shows last month, and every card says what figures() counts."""
    window = open_window(paths)
    page = _page(window)
    today = demo_ctx.clock().date()
    start, end = month_span(*default_month(today))
    assert page.period() == (start, end)
    expected = _expected(demo_ctx, start, end)
    assert _card_texts(page) == expected
    assert int(expected["issues_collected"].replace(",", "")) > 50  # the month has data
    assert expected["satisfaction_rate"].endswith("%")


def test_switching_period_updates_the_cards(open_window, paths, demo_ctx, qtbot):
    """Quarter, year, the ‹ › steps and custom dates each recount; a reversed range is refused."""
    window = open_window(paths)
    page = _page(window)
    bar = page.period_bar
    today = demo_ctx.clock().date()
    qtbot.mouseClick(bar.kind_buttons.button(1), Qt.MouseButton.LeftButton)  # 季
    start, end = page.period()
    assert (start, end) == quarter_span(start.year, (start.month - 1) // 3 + 1)
    assert _card_texts(page) == _expected(demo_ctx, start, end)
    qtbot.mouseClick(bar.kind_buttons.button(2), Qt.MouseButton.LeftButton)  # 年
    assert page.period() == (date(start.year, 1, 1), date(start.year, 12, 31))
    assert _card_texts(page) == _expected(demo_ctx, *page.period())
    qtbot.mouseClick(bar.kind_buttons.button(0), Qt.MouseButton.LeftButton)  # 月
    qtbot.mouseClick(bar.previous_button, Qt.MouseButton.LeftButton)
    assert _card_texts(page) == _expected(demo_ctx, *page.period())
    shown = page.period()
    custom_start, custom_end = today - timedelta(days=40), today - timedelta(days=3)
    qtbot.mouseClick(bar.kind_buttons.button(3), Qt.MouseButton.LeftButton)  # 自定义
    assert page.period() == shown  # the dates start from the month on screen
    assert bar.date_from.isVisibleTo(bar) and not bar.month.isVisibleTo(bar)
    bar.set_custom(custom_start, custom_end)
    bar.date_to.setDate(bar.date_to.date())  # no change: nothing recounted
    bar.date_from.setDate(bar.date_from.date().addDays(1))
    assert page.period() == (custom_start + timedelta(days=1), custom_end)
    assert _card_texts(page) == _expected(demo_ctx, *page.period())
    before = _card_texts(page)
    bar.date_from.setDate(bar.date_to.date().addDays(5))
    assert page.message.text() == "结束日期不能早于开始日期。"
    assert _card_texts(page) == before


def test_breakdown_table_and_chart_follow_breakdowns(open_window, paths, demo_ctx, qtbot):
    """Each selector shows breakdowns()' rows in the table and one bar per row (top N + 其他)."""
    window = open_window(paths)
    page = _page(window)
    expected = breakdowns(demo_ctx, *page.period())
    assert list(group_names()) == list(statistics.BREAKDOWNS)
    for n, key in enumerate(page.group_keys):
        page.group_buttons.button(n).click()
        assert page.group_key() == key
        rows = expected[key]
        table = [
            (
                page.group_table.item(r, 0).text(),
                int(page.group_table.item(r, 1).text()),
                int(page.group_table.item(r, 2).text()),
            )
            for r in range(page.group_table.rowCount())
        ]
        assert table == [(g.name, g.issues_collected, g.issues_resolved) for g in rows]
        chart = page.group_chart
        collected = list(reversed(chart.values(0)))  # largest bar on top, first in the axis
        resolved = list(reversed(chart.values(1)))
        top = chart.top
        assert 3 <= top <= TOP_N
        if len(rows) <= top + 1:
            assert collected == [g.issues_collected for g in rows]
            assert resolved == [g.issues_resolved for g in rows]
        else:
            assert collected[:top] == [g.issues_collected for g in rows[:top]]
            assert collected[top] == sum(g.issues_collected for g in rows[top:])
            assert len(collected) == top + 1
            assert chart.full_names[0] == f"其余 {len(rows) - top} 项"
    assert any(len(expected[k]) > 1 for k in expected)
    # a shorter window: fewer bars, so every name on the axis stays readable
    page.group_buttons.button(page.group_keys.index("category")).click()
    tall = page.group_chart.top
    window.resize(1000, 650)
    qtbot.waitUntil(lambda: page.group_chart.top < tall, timeout=2000)
    assert len(page.group_chart.values(0)) == page.group_chart.top + 1


def test_trend_chart_has_a_bar_per_month_of_the_year(open_window, paths, demo_ctx):
    """For a month the trend covers its year up to now, each month's bars equal figures()."""
    window = open_window(paths)
    page = _page(window)
    trend = page.trend
    assert trend is not None
    start, _end = page.period()
    assert trend.start == date(start.year, 1, 1)
    collected = page.trend_chart.values(0)
    assert len(collected) == len(page.trend_chart.categories) == trend.end.month
    for n, value in enumerate(collected):
        first, last = month_span(start.year, n + 1)
        assert value == figures(demo_ctx, first, last)["issues_collected"]


def test_figure_drills_down_to_exactly_its_cases(open_window, paths, demo_ctx, qtbot):
    """Clicking a card lists as many cases as the card says; double-click opens the case."""
    from stationdesk.ui.case_detail import CaseDetailDialog

    window = open_window(paths)
    page = _page(window)
    for key in ("issues_collected", "issues_resolved", "reopened", "suggestions_formed", "overdue"):
        qtbot.mouseClick(page.cards[key], Qt.MouseButton.LeftButton)
        dialog = page.dialog
        assert isinstance(dialog, DrillDialog)
        assert dialog.row_count() == int(page.cards[key].value.text().replace(",", ""))
        assert f"共 {dialog.row_count()} 件" in dialog.count_label.text()
        dialog.close()
    qtbot.mouseClick(page.cards["issues_collected"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, DrillDialog)
    first = dialog.model.case_row(0)
    assert first is not None and "*" in first.visitor  # masked
    index = dialog.model.index(0, 0)
    assert dialog.model.data(index) == first.case_no
    dialog.table.doubleClicked.emit(index)
    opened = dialog.findChildren(CaseDetailDialog)
    assert len(opened) == 1 and opened[0].case_id == first.id


def test_breakdown_cell_drills_down_to_the_group(open_window, paths, demo_ctx, qtbot):
    """Double-clicking a count lists that group's cases, as many as the cell says."""
    window = open_window(paths)
    page = _page(window)
    page.group_buttons.button(page.group_keys.index("category")).click()
    for column in (1, 2):
        dialog = page.drill_cell(0, column)
        assert dialog is not None
        assert dialog.row_count() == int(page.group_table.item(0, column).text())
        assert page.group_table.item(0, 0).text() in dialog.windowTitle()
        dialog.close()


def test_attendance_figure_lists_sign_ins(open_window, paths, demo_ctx, qtbot):
    """代表进站履职人次 drills to the sign-ins, one line per deputy and shift."""
    window = open_window(paths)
    page = _page(window)
    qtbot.mouseClick(page.cards["deputy_attendances"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, DrillDialog)
    assert dialog.body.currentWidget() is dialog.attendance
    assert dialog.row_count() == int(page.cards["deputy_attendances"].value.text())
    assert dialog.row_count() > 0
    assert dialog.attendance.item(0, 2).text() in ("上午", "下午", "全天")


def test_definitions_are_the_stations_texts(open_window, paths, station_ctx):
    """Each card's ⓘ shows statistics.definitions (domain.figures'), 统计口径 lists all nine."""
    from stationdesk.domain.figures import FIGURE_BY_KEY

    window = open_window(paths)
    page = _page(window)
    texts = statistics.definitions(station_ctx)
    for key, card in page.cards.items():
        name, text = texts[key]
        assert card.caption.text() == name
        assert card.info.text() == INFO and card.info.toolTip() == text
        assert text in card.toolTip()
    assert page.cards["issues_collected"].caption.text() == "征集意见建议条数"
    satisfaction = page.cards["satisfaction_rate"].info.toolTip()
    assert satisfaction == FIGURE_BY_KEY["satisfaction_rate"].definition_zh
    assert "(满意+基本满意)/已评价件数" in satisfaction
    dialog = page.show_definitions()
    assert isinstance(dialog, DefinitionsDialog)
    assert dialog.texts == {key: texts[key][1] for key in FIGURE_KEYS}
    # an empty station: rates cannot be divided, counts are zero
    assert page.cards["satisfaction_rate"].value.text() == "—"
    assert page.cards["issues_collected"].value.text() == "0"


def test_station_satisfaction_rule_shows_on_the_card(open_window, paths, demo_ctx):
    """When the station counts only 满意, the card's definition and number say so."""
    from ui_helpers import ADMIN_PASSWORD

    from stationdesk.services import accounts

    admin = demo_ctx.as_actor(accounts.sign_in(demo_ctx, "admin", ADMIN_PASSWORD)[0])
    window = open_window(paths)
    page = _page(window)
    before = page.cards["satisfaction_rate"].value.text()
    statistics.set_satisfaction_rule(admin, "satisfied_only")
    page.refresh()
    card = page.cards["satisfaction_rate"]
    assert "基本满意不计入" in card.info.toolTip()
    assert card.value.text() == _expected(demo_ctx, *page.period())["satisfaction_rate"]
    assert card.value.text() != before
    assert "基本满意不计入" in page.show_definitions().texts["satisfaction_rate"]


def test_the_admin_chooses_the_satisfaction_rule_in_the_definitions(
    open_window, paths, demo_ctx, qtbot
):
    """统计口径 → 仅满意 → 保存口径: audited, the card recounts and says so; and back."""
    window = open_window(paths)  # signed in as the admin
    page = _page(window)
    before = page.cards["satisfaction_rate"].value.text()
    dialog = page.show_definitions()
    assert dialog.rule_combo is not None
    assert dialog.rule_combo.currentData() == "satisfied_or_basically"
    dialog.rule_combo.setCurrentIndex(dialog.rule_combo.findData("satisfied_only"))
    dialog.save_rule()
    card = page.cards["satisfaction_rate"]
    qtbot.waitUntil(lambda: "基本满意不计入" in card.info.toolTip(), timeout=5000)  # recounted
    assert card.value.text() == _expected(demo_ctx, *page.period())["satisfaction_rate"] != before
    logged = demo_ctx.db.query("SELECT count(*) FROM audit_log WHERE action = 'satisfaction_rule'")
    assert logged[0][0] == 1
    again = page.show_definitions()
    assert again.rule_combo is not None and again.rule_combo.currentData() == "satisfied_only"
    again.rule_combo.setCurrentIndex(again.rule_combo.findData("satisfied_or_basically"))
    again.save_rule()
    qtbot.waitUntil(lambda: "基本满意不计入" not in card.info.toolTip(), timeout=5000)
    assert page.cards["satisfaction_rate"].value.text() == before


def test_deputy_sees_the_page_without_exports(open_window, paths, station_ctx, qtbot):
    """A deputy account has 统计报表 with the figures; the export buttons are not offered."""
    from ui_helpers import ADMIN_PASSWORD, sign_in

    from stationdesk.domain.permissions import Role
    from stationdesk.services import accounts

    admin = station_ctx.as_actor(accounts.sign_in(station_ctx, "admin", ADMIN_PASSWORD)[0])
    accounts.create_user(
        admin, username="daibiao", display_name="李代表", role=Role.DEPUTY,
        password="代表的口令-9x8y",
    )  # fmt: skip
    window = open_window(paths, signed_in=False)
    sign_in(window, "daibiao", "代表的口令-9x8y")
    assert not window.nav.isRowHidden(Nav.STATISTICS)
    page = _page(window)
    assert page.view is not None
    assert not page.pdf_button.isVisibleTo(page) and not page.xlsx_button.isVisibleTo(page)
    qtbot.mouseClick(page.cards["issues_collected"], Qt.MouseButton.LeftButton)
    assert isinstance(page.dialog, DrillDialog)
    assert page.show_definitions().rule_combo is None  # only an admin chooses the rule


def test_page_recounts_after_a_change_while_visible(open_window, paths, station_ctx, qtbot):
    """Registering a visit through the app recounts the page on screen, cards and trend."""
    from ui_helpers import a_visit

    from stationdesk.services.reception import register_visit
    from stationdesk.ui.signals import emit

    window = open_window(paths)
    page = _page(window)
    bar = page.period_bar
    today = station_ctx.clock().date()
    bar.set_month(today.year, today.month)
    page.refresh()
    assert page.cards["issues_collected"].value.text() == "0"
    _result, changes = register_visit(window.ctx, a_visit())
    emit(window.signals.changes, changes)
    qtbot.waitUntil(lambda: page.cards["issues_collected"].value.text() == "1", timeout=3000)
    assert page.trend_chart.values(0)[-1] == 1  # this month's bar in the trend, too


def test_monthly_report_pdf_is_previewed_for_the_chosen_month(open_window, paths, demo_ctx):
    """月报 PDF opens the preview of the month on screen, the month choosable above it."""
    from stationdesk.ui.document_output import DocumentDialog

    window = open_window(paths)
    page = _page(window)
    assert page.pdf_button.isVisibleTo(page)
    page.pdf_button.click()
    dialog = page.dialog
    assert isinstance(dialog, DocumentDialog)
    start, _end = page.period()
    assert dialog.values() == {"month": f"{start.year}-{start.month}"}
    assert dialog.pdf is not None and dialog.pdf.startswith(b"%PDF")
    assert dialog.print_button.isEnabled()
    combo = dialog.combos["month"]
    assert combo.currentText() == f"{start.year}年{start.month}月"
    combo.setCurrentIndex(1)  # the month before: made again
    before = month_span(*default_month(start))
    assert dialog.values() == {"month": f"{before[0].year}-{before[0].month}"}
    dialog.close()


def test_excel_export_writes_the_file_with_progress(open_window, paths, demo_ctx, tmp_path):
    """导出 Excel writes the period's workbook and says where; the progress dialog is gone."""
    from openpyxl import load_workbook

    window = open_window(paths)
    page = _page(window)
    dest = tmp_path / "统计报表.xlsx"
    page.write_excel(dest)
    assert page.message.text() == f"已导出到 {dest}"
    assert page.progress is None and page.xlsx_button.isEnabled()
    sheet = load_workbook(dest).active
    expected = figures(demo_ctx, *page.period())["issues_collected"]
    assert sheet.title == "统计数字"
    assert ["征集意见建议条数", expected] in [
        list(r[:2]) for r in sheet.iter_rows(values_only=True)
    ]


def test_excel_export_cancelled_leaves_nothing(open_window, paths, demo_ctx, tmp_path, monkeypatch):
    """取消 on the progress dialog stops the job at its next step; no file, a clear message."""
    from stationdesk.services.progress import Job

    window = open_window(paths)
    page = _page(window)
    steps: list[tuple[int, int]] = []
    original = Job.step

    def step_and_cancel(job, done, total):
        original(job, done, total)
        steps.append((done, total))
        if done == 2:
            assert page.progress is not None
            assert page.progress.maximum() == total and page.progress.value() == done
            cancel = page.progress.findChild(QPushButton)
            assert cancel.text() == "取消"
            cancel.click()

    monkeypatch.setattr(Job, "step", step_and_cancel)
    dest = tmp_path / "统计报表.xlsx"
    page.write_excel(dest)
    assert steps == [(0, 8), (1, 8), (2, 8)]
    assert not dest.exists()
    assert page.message.text() == "已取消，没有写入任何内容。"
    assert page.xlsx_button.isEnabled()
