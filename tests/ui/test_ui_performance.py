"""履职档案 page with pytest-qt: figures with quotas, activities, rules, and the PDF preview."""

from __future__ import annotations

from PySide6.QtCore import Qt

from stationdesk.services.activities import list_activities
from stationdesk.services.performance import performance, rules
from stationdesk.ui.dialogs import NoteDialog
from stationdesk.ui.document_output import DocumentDialog
from stationdesk.ui.main_window import Nav
from stationdesk.ui.performance_page import ActivityDialog, PerformancePage, RulesDialog
from tests.services.roster_factories import add_deputy


def _page(window) -> PerformancePage:
    window.nav.setCurrentRow(Nav.PERFORMANCE)
    page = window.pages.currentWidget()
    assert isinstance(page, PerformancePage)
    return page


def _row(page: PerformancePage, name: str) -> int:
    return next(
        r for r in range(page.table.rowCount()) if page.table.item(r, 0).text().startswith(name)
    )


def _column(page: PerformancePage, header: str) -> int:
    labels = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    return labels.index(header)


def test_activity_recorded_through_the_page_counts_against_the_quota(
    open_window, paths, station_ctx, qtbot
):
    did = add_deputy(station_ctx, "张建国")
    window = open_window(paths)
    page = _page(window)
    row = _row(page, "张建国")
    visits = _column(page, "走访企业")
    assert page.table.item(row, visits).text() == "0/5"
    page.table.selectRow(row)
    qtbot.mouseClick(page.add_activity_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ActivityDialog)
    assert dialog.deputy.currentData() == did  # the selected deputy comes preselected
    dialog.kind.setCurrentIndex(dialog.kind.findData("enterprise_visit"))
    dialog.place.setText("红旗机械厂")
    dialog.people.setValue(12)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    row = _row(page, "张建国")
    assert page.table.item(row, visits).text() == "1/5"
    start, end = page.period()
    assert performance(station_ctx, start, end, did)[0].count("enterprise_visit") == 1
    assert page.activities.rowCount() == 1
    assert page.activities.item(0, 2).text() == "红旗机械厂"
    # removing needs a reason
    page.activities.selectRow(0)
    qtbot.mouseClick(page.remove_activity_button, Qt.MouseButton.LeftButton)
    ask = page.dialog
    assert isinstance(ask, NoteDialog)
    qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)  # no reason: refused, stays open
    assert ask.isVisible() and ask.error_label.text() == "此项必须填写。"
    assert len(list_activities(station_ctx, *page.period(), did)) == 1
    ask.note_edit.setText("重复录入")
    qtbot.mouseClick(ask.ok_button, Qt.MouseButton.LeftButton)
    assert list_activities(station_ctx, start, end, did) == []
    assert page.table.item(_row(page, "张建国"), visits).text() == "0/5"


def test_rules_dialog_changes_points(open_window, paths, station_ctx, qtbot):
    add_deputy(station_ctx, "张建国")
    window = open_window(paths)
    page = _page(window)
    assert page.rules_button.isVisibleTo(page)  # the admin's
    qtbot.mouseClick(page.rules_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, RulesDialog)
    row = dialog.items.index("enterprise_visit")
    dialog.table.cellWidget(row, 1).setValue(8)
    dialog.accept()
    assert next(r for r in rules(station_ctx) if r.item == "enterprise_visit").quota == 8
    assert page.table.item(_row(page, "张建国"), _column(page, "走访企业")).text() == "0/8"


def test_sheet_preview_renders_and_saves(open_window, paths, station_ctx, tmp_path, qtbot):
    add_deputy(station_ctx, "张建国")
    window = open_window(paths)
    page = _page(window)
    page.table.selectRow(_row(page, "张建国"))
    qtbot.mouseClick(page.sheet_button, Qt.MouseButton.LeftButton)
    dialogs = [w for w in page.findChildren(DocumentDialog) if w.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].pdf and dialogs[0].pdf.startswith(b"%PDF")
    out = tmp_path / "履职档案.pdf"
    dialogs[0].write_pdf(out)
    assert out.read_bytes() == dialogs[0].pdf
