"""账号与安全: the admin adds accounts, resets and unlocks them, and sets lock and retention."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_helpers import type_text

from stationdesk.domain.errors import AccessError
from stationdesk.services import accounts
from stationdesk.services.retention import retention_settings
from stationdesk.ui.main_window import Nav


def test_admin_manages_accounts_and_settings(open_window, paths, station_ctx, qtbot, tmp_path):
    """Add (a weak password is refused at the field), lock out, unlock, reset; save settings."""
    window = open_window(paths)
    assert not window.nav.isRowHidden(Nav.ACCOUNTS)
    window.nav.setCurrentRow(Nav.ACCOUNTS)
    page = window.accounts_page
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == ["admin"]

    type_text(page.new_username, "lina")
    type_text(page.new_name, "李娜")
    type_text(page.new_staff_no, "A017")
    type_text(page.new_password, "12345678")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert "太常见" in page.errors["password"].text()
    assert page.new_username.text() == "lina"  # nothing typed is lost
    page.new_password.clear()
    type_text(page.new_password, "李娜的接待口令-77")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert "已添加账号 lina" in page.message.text()
    names = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert names == ["admin", "lina"]
    assert page.table.item(1, 2).text() == "工作人员"

    for _ in range(5):
        with pytest.raises(AccessError):
            accounts.sign_in(station_ctx, "lina", "wrong-password")
    page.refresh()
    assert "等待到" in page.table.item(1, 4).text()
    page.table.selectRow(1)
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    assert page.table.item(1, 4).text() == "正常"
    page.table.selectRow(1)
    type_text(page.reset_edit, "新的接待口令-Autumn")
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert accounts.sign_in(station_ctx, "lina", "新的接待口令-Autumn")[1].username == "lina"

    page.idle_spin.setValue(10)
    page.years_spin.setValue(3)
    qtbot.mouseClick(page.save_settings_button, Qt.MouseButton.LeftButton)
    assert accounts.idle_minutes(station_ctx) == 10
    assert retention_settings(station_ctx).visit_years == 3
    qtbot.mouseClick(page.purge_button, Qt.MouseButton.LeftButton)
    assert "没有到期的记录" in page.message.text()
    window.grab().save(str(tmp_path / "accounts.png"))
