from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import STATION_NAME, ime_commit, type_text

from stationdesk.services.station import load_station


def test_first_run_setup_saves_station_and_shows_todays_figures(open_window, paths, qtbot):
    """Filling the first-run form (typed Chinese) saves the station and opens the home page at 0."""
    window = open_window(paths)
    assert window.stack.currentWidget() is window.setup_page

    page = window.setup_page
    qtbot.keyClicks(page.code_edit, "410205-01")
    ime_commit(page.name_edit, STATION_NAME)
    type_text(page.county_edit, "瀍河回族区")
    page.device_spin.setValue(2)
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)

    # then the station's first admin account, and signed in with it
    account = window.sign_in_page
    assert window.stack.currentWidget() is account and account.mode == "create_admin"
    assert account.username_edit.text() == "admin"
    type_text(account.display_name_edit, "王站长")
    type_text(account.password_edit, "东关站长-2026-口令")
    type_text(account.repeat_edit, "东关站长-2026-口令不同")
    qtbot.mouseClick(account.submit_button, Qt.MouseButton.LeftButton)
    assert "两次输入的密码不一样" in account.errors["repeat"].text()
    type_text(account.password_edit, "东关站长-2026-口令")
    type_text(account.repeat_edit, "东关站长-2026-口令")
    qtbot.mouseClick(account.submit_button, Qt.MouseButton.LeftButton)

    assert window.stack.currentWidget() is window.workspace
    assert "王站长（站点管理员）" in window.status.user_label.text()
    assert window.windowTitle() == f"联络站工作台 — {STATION_NAME}"
    assert STATION_NAME in window.status.station_label.text()
    assert "410205-01" in window.status.station_label.text()
    for key in window.home_page.tiles:
        assert window.home_page.tile_text(key) == "0"

    station = load_station(window.ctx)
    assert station is not None
    assert (station.code, station.name, station.county, station.device_no) == (
        "410205-01",
        STATION_NAME,
        "瀍河回族区",
        2,
    )


def test_bad_station_code_shows_chinese_error_at_the_field_and_saves_nothing(
    open_window, paths, qtbot
):
    """A malformed station code is reported under that field, and no station is written."""
    window = open_window(paths)
    page = window.setup_page
    type_text(page.code_edit, "联络站一号")
    type_text(page.name_edit, STATION_NAME)
    qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)

    assert window.stack.currentWidget() is page
    assert "编码格式不对" in page.field_error("station_code")
    assert page.field_error("station_name") == ""
    assert page.submit_button.isEnabled()
    assert load_station(window.base_ctx) is None


def test_missing_station_name_is_reported_at_the_name_field(open_window, paths, qtbot):
    """An empty station name gets the required-field message under the name field."""
    window = open_window(paths)
    page = window.setup_page
    qtbot.keyClicks(page.code_edit, "410205-01")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Return)

    assert page.field_error("station_name") == "此项必须填写。"
    assert page.field_error("station_code") == ""
    assert load_station(window.base_ctx) is None
