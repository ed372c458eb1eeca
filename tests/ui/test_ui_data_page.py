from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import a_visit

from stationdesk.services.maintenance import backups
from stationdesk.services.reception import register_visit
from stationdesk.services.station import open_data_dir


def _data_page(window):
    window.nav.setCurrentRow(1)
    return window.data_page


def test_backup_now_creates_a_backup_file_and_lists_it(open_window, paths, station_ctx, qtbot):
    """Clicking 立即备份 writes a verified backup file and shows it at the top of the list."""
    window = open_window(paths)
    page = _data_page(window)
    before = {b.path for b in backups(paths)}

    qtbot.mouseClick(page.backup_now_button, Qt.MouseButton.LeftButton)

    new = [b for b in backups(paths) if b.path not in before]
    assert len(new) == 1
    assert new[0].path.is_file() and new[0].size > 0
    assert page.backup_table.rowCount() == len(backups(paths))
    assert page.backup_note.text() == "备份完成。"
    assert window.status.backup_label.text().startswith("最近备份：今天")


def test_data_page_shows_the_data_folder(open_window, paths, station_ctx):
    """The page shows where the data lives, with an open-folder button next to it."""
    page = _data_page(open_window(paths))
    assert page.folder_label.text() == str(paths.root)
    assert page.open_folder_button.isEnabled()


def test_full_check_reports_a_healthy_database(open_window, paths, station_ctx, qtbot):
    """运行完整检查 on a good database says the check passed."""
    register_visit(station_ctx, a_visit())
    page = _data_page(open_window(paths))
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    assert page.check_result.text().startswith("检查通过")
    assert page.check_result.objectName() == "checkOk"


def test_restore_asks_first_then_replaces_the_data_and_asks_for_a_restart(
    open_window, paths, station_ctx, qtbot
):
    """从备份恢复 confirms, restores the chosen backup, keeps the old file and says restart."""
    window = open_window(paths)
    page = _data_page(window)
    qtbot.mouseClick(page.backup_now_button, Qt.MouseButton.LeftButton)  # 0 visits in it
    register_visit(station_ctx, a_visit())
    station_ctx.db.dispose()
    assert not page.restore_button.isEnabled()
    page.backup_table.selectRow(0)
    assert page.restore_button.isEnabled()

    box = page.ask_restore()
    assert box is not None and box.isVisible()
    assert not paths.quarantine.exists()  # nothing happens before the clerk confirms
    restore = next(b for b in box.buttons() if b.text() == "恢复")
    qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)

    assert paths.quarantine.is_dir() and any(paths.quarantine.iterdir())
    done = [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert any("请重新启动" in w.text() for w in done)
    assert window.ctx is None
    reopened = open_data_dir(paths)
    try:
        from stationdesk.services.overview import today_overview

        assert today_overview(reopened.ctx).visits == 0
    finally:
        reopened.ctx.db.dispose()
