from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import STATION_NAME, sign_in

from stationdesk.services.maintenance import backup_now
from stationdesk.ui.recovery_dialog import RecoveryDialog


def _corrupt(path) -> None:
    path.write_bytes(b"this is not a database, just garbage " * 400)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def test_corrupt_database_leads_to_the_recovery_dialog_not_a_crash(open_window, paths, station_ctx):
    """Garbage in the database file opens the recovery dialog with the quarantine folder."""
    station_ctx.db.dispose()
    _corrupt(paths.db)

    window = open_window(paths)

    dialog = window.recovery_dialog
    assert isinstance(dialog, RecoveryDialog) and dialog.isVisible()
    assert window.ctx is None
    assert window.stack.currentWidget() is window.message_page
    quarantined = list(paths.quarantine.iterdir())
    assert len(quarantined) == 1
    assert (quarantined[0] / paths.db.name).is_file()
    assert "没有找到可用的备份" in dialog.offer_label.text()
    assert not dialog.restore_button.isVisibleTo(dialog)
    assert dialog.quit_button.isEnabled()


def test_recovery_dialog_restores_the_newest_backup_and_opens_the_station(
    open_window, paths, station_ctx, qtbot
):
    """With a backup on disk, 恢复最新备份 restores it and the workspace opens on it."""
    backup_now(station_ctx)
    station_ctx.db.dispose()
    _corrupt(paths.db)

    window = open_window(paths)
    dialog = window.recovery_dialog
    assert "可以用最新的备份恢复" in dialog.offer_label.text()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert window.recovery_dialog is None and not dialog.isVisible()
    sign_in(window)  # the restored database, its accounts
    assert window.stack.currentWidget() is window.workspace
    assert STATION_NAME in window.windowTitle()
    assert window.home_page.tile_text("visits") == "0"


def test_quitting_from_the_recovery_dialog_closes_the_window(open_window, paths, station_ctx):
    """退出程序 in the recovery dialog closes the main window."""
    station_ctx.db.dispose()
    _corrupt(paths.db)
    window = open_window(paths)
    window.recovery_dialog.quit_button.click()
    assert not window.isVisible()
