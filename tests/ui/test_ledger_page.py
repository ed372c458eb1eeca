"""台账 page with pytest-qt: ledgers and periods, Excel export through the page, cancel, roles."""

from __future__ import annotations

from datetime import timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from stationdesk.domain.permissions import Role
from stationdesk.services import accounts
from stationdesk.services.demo import generate
from stationdesk.services.ledgers import ledger_count
from stationdesk.ui.dialogs import NoteDialog
from stationdesk.ui.document_output import DocumentDialog
from stationdesk.ui.ledger_page import KINDS, LedgerPage
from stationdesk.ui.main_window import Nav


def _page(window) -> LedgerPage:
    window.nav.setCurrentRow(Nav.LEDGERS)
    page = window.pages.currentWidget()
    assert isinstance(page, LedgerPage)
    return page


@pytest.fixture
def demo_window(open_window, paths, station_ctx):
    generate(station_ctx, visits=400, seed=4)
    return open_window(paths)


def test_switching_ledgers_and_periods_shows_the_service_rows(demo_window, station_ctx, qtbot):
    """Each tab and period: the row count is the service's count, rows load on screen."""
    page = _page(demo_window)
    page.resize(1200, 700)
    today = station_ctx.clock().date()
    page.set_custom_period(today - timedelta(days=60), today)
    start, end = page.period()
    for i, kind in enumerate(KINDS):
        page.tabs.setCurrentIndex(i)
        expected = ledger_count(station_ctx, kind, start, end)
        assert page.model.rowCount() == expected > 0, kind
        assert page.count.text() == f"共 {expected} 行"
        page.model.row_texts(0)
        page.model.load_now()
        first = page.model.row_texts(0, fetch=False)
        assert first is not None and first[0] == "1"
        assert page.model.headerData(1, Qt.Orientation.Horizontal) == "案件编号"
    page.period_combo.setCurrentIndex(page.period_combo.findData("last_month"))
    start, end = page.period()
    assert start.day == 1 and (end + timedelta(days=1)).day == 1 and end < today.replace(day=1)
    assert page.model.rowCount() == ledger_count(station_ctx, KINDS[-1], start, end)
    assert not page.from_edit.isEnabled()
    page.grab().save(str(station_ctx.paths.root / "ledger_page.png"))


def test_excel_export_through_the_page_then_cancel(demo_window, station_ctx, tmp_path, monkeypatch):
    """导出 Excel writes the file with the progress dialog; 取消 mid-way leaves nothing."""
    import stationdesk.services.ledgers as ledgers

    page = _page(demo_window)
    today = station_ctx.clock().date()
    page.set_custom_period(today - timedelta(days=400), today)
    dest = tmp_path / "问题清单.xlsx"
    finished: list[tuple[int, str]] = []
    page.exported.connect(lambda n, path: finished.append((n, path)))
    steps: list[tuple[int, int]] = []
    page.export_progress.connect(lambda d, t: steps.append((d, t)))
    page.export_to(dest)
    rows = ledger_count(station_ctx, "issues", *page.period())
    assert finished == [(rows, str(dest))] and rows > 200
    assert steps[0] == (0, rows) and steps[-1] == (rows, rows)
    assert load_workbook(dest)["问题清单"].max_row == 7 + rows
    assert "已导出" in page.message.text()
    assert page.progress is None and page.excel_button.isEnabled()

    monkeypatch.setattr(ledgers, "CHUNK", 50)
    other = tmp_path / "cancelled.xlsx"

    def cancel_at_first_chunk(done: int, _total: int) -> None:
        if done >= 50 and page.progress is not None:
            page.progress.findChild(QPushButton).click()  # the dialog's 取消

    page.export_progress.connect(cancel_at_first_chunk)
    page.export_to(other)
    assert finished[-1] == (-1, "")
    assert not other.exists() and not (tmp_path / "cancelled.xlsx.part").exists()
    assert page.message.text() == "已取消导出，没有生成文件。"
    assert page.job is None and page.excel_button.isEnabled()


def test_full_export_asks_the_admin_for_a_reason(demo_window, tmp_path, monkeypatch, qtbot):
    """Admin ticks 含完整个人信息: a reason is asked, the file says so; PDF preview opens."""
    import stationdesk.ui.ledger_page as ledger_page

    page = _page(demo_window)
    assert page.full_check.isVisible()
    dest = tmp_path / "full.xlsx"
    monkeypatch.setattr(
        ledger_page.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(dest), ""))
    )
    page.full_check.setChecked(True)
    qtbot.mouseClick(page.excel_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, NoteDialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # empty: refused
    assert dialog.error_label.text() == "请写明导出完整信息的原因。" and not dest.exists()
    dialog.note_edit.setText("县人大常委会核对")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    ws = load_workbook(dest).active
    assert ws["A6"].value == "含完整个人信息（原因：县人大常委会核对），仅限工作使用，不得外传"
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.dialog, DocumentDialog)
    assert page.dialog.pdf is not None and page.dialog.pdf[:5] == b"%PDF-"
    page.dialog.close()


def test_clerks_export_masked_only_and_deputies_only_look(open_window, paths, station_ctx):
    """Clerk: no 含完整个人信息; deputy: the page without export buttons."""
    from ui_helpers import sign_in

    for name, role in (("clerk1", Role.CLERK), ("deputy1", Role.DEPUTY)):
        accounts.create_user(station_ctx, username=name, display_name="某某", role=role,
                             password=f"{name}-口令-9x8y")  # fmt: skip
    window = open_window(paths, signed_in=False)
    sign_in(window, "clerk1", "clerk1-口令-9x8y")
    page = _page(window)
    assert page.excel_button.isVisible() and not page.full_check.isVisible()
    window.sign_out()
    sign_in(window, "deputy1", "deputy1-口令-9x8y")
    assert not window.nav.isRowHidden(Nav.LEDGERS)
    page = _page(window)
    assert not page.excel_button.isVisible() and not page.pdf_button.isVisible()
    assert page.model.rowCount() == 0 or page.count.text().startswith("共")
