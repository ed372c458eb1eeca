"""统计报表 page with pytest-qt: cards equal the service, periods, breakdowns, charts, drill-down."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from stationdesk.services import statistics
from stationdesk.services.demo import generate
from stationdesk.services.statistics import breakdowns, figures
from stationdesk.ui.drill_dialog import DrillDialog
from stationdesk.ui.main_window import Nav
from stationdesk.ui.statistics_charts import TOP_N
from stationdesk.ui.statistics_figures import (
    FIGURE_KEYS,
    INFO,
    DefinitionsDialog,
    definition,
    figure_text,
)
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


def test_breakdown_table_and_chart_follow_breakdowns(open_window, paths, demo_ctx):
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
        if len(rows) <= TOP_N + 1:
            assert collected == [g.issues_collected for g in rows]
            assert resolved == [g.issues_resolved for g in rows]
        else:
            assert collected[:TOP_N] == [g.issues_collected for g in rows[:TOP_N]]
            assert collected[TOP_N] == sum(g.issues_collected for g in rows[TOP_N:])
            assert len(collected) == TOP_N + 1
            assert chart.full_names[0] == f"其余 {len(rows) - TOP_N} 项"
    assert any(len(expected[k]) > 1 for k in expected)


def test_trend_chart_has_a_bar_per_month_of_the_year(open_window, paths, demo_ctx):
    """For a month the trend covers its year up to now, each month's bars equal figures()."""
    window = open_window(paths)
    page = _page(window)
    view = page.view
    assert view is not None
    start, _end = page.period()
    assert view.trend_start == date(start.year, 1, 1)
    collected = page.trend_chart.values(0)
    assert len(collected) == len(page.trend_chart.categories) == view.trend_end.month
    for n, value in enumerate(collected):
        first, last = month_span(start.year, n + 1)
        assert value == figures(demo_ctx, first, last)["issues_collected"]


def test_figure_drills_down_to_exactly_its_cases(open_window, paths, demo_ctx, qtbot):
    """Clicking a card lists as many cases as the card says; double-click opens the case."""
    from stationdesk.ui.case_detail import CaseDetailDialog

    window = open_window(paths)
    page = _page(window)
    for key in ("issues_collected", "issues_resolved", "reopened"):
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


def test_definitions_are_the_domain_texts(open_window, paths, station_ctx):
    """Each card's ⓘ shows the domain's definition, and 统计口径 lists all nine."""
    window = open_window(paths)
    page = _page(window)
    for key, card in page.cards.items():
        rule = definition(key)
        assert card.caption.text() == rule.name_zh
        assert card.info.text() == INFO and card.info.toolTip() == rule.definition_zh
    assert "(满意+基本满意)/已评价件数" in page.cards["satisfaction_rate"].info.toolTip()
    dialog = page.show_definitions()
    assert isinstance(dialog, DefinitionsDialog)
    assert dialog.texts == {key: definition(key).definition_zh for key in FIGURE_KEYS}
    # an empty station: rates cannot be divided, counts are zero
    assert page.cards["satisfaction_rate"].value.text() == "—"
    assert page.cards["issues_collected"].value.text() == "0"


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


def test_page_recounts_after_a_change_while_visible(open_window, paths, station_ctx, qtbot):
    """Registering a visit through the app recounts the page on screen."""
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
