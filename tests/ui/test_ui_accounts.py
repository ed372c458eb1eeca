"""Sign-in, roles on screen, the idle lock (draft kept, no personal data) and switching user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from ui_helpers import ADMIN_PASSWORD, sign_in, type_text

from stationdesk.domain.permissions import Role
from stationdesk.services import accounts
from stationdesk.services.reception import register_visit
from stationdesk.ui.case_detail import CaseDetailDialog
from stationdesk.ui.main_window import Nav
from tests.factories import sample_visit

CLERK_PASSWORD = "李娜的接待口令-77"
DEPUTY_PASSWORD = "张代表的口令-Deputy8"
RESIDENT = "欧阳娜娜"
PHONE = "13987654321"


@pytest.fixture
def staff(station_ctx):
    """A clerk and a deputy besides the admin."""
    admin = station_ctx.as_actor(accounts.sign_in(station_ctx, "admin", ADMIN_PASSWORD)[0])
    accounts.create_user(
        admin, username="lina", display_name="李娜", role=Role.CLERK, password=CLERK_PASSWORD
    )
    accounts.create_user(
        admin, username="zhang", display_name="张代表", role=Role.DEPUTY, password=DEPUTY_PASSWORD
    )
    return station_ctx


def _open_signed_out(open_window, paths):
    """A window left on the sign-in page."""
    window = open_window(paths, signed_in=False)
    assert window.stack.currentWidget() is window.sign_in_page
    return window


def _texts(root: QWidget) -> list[str]:
    """Every text a visible widget under root shows (labels, buttons, line edits)."""
    out = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            out.append(widget.text())
    return out


def test_wrong_password_then_throttled_then_signed_in(open_window, paths, staff, qtbot):
    """Wrong passwords are answered at the field; the fifth starts a wait; today's counts show."""
    window = _open_signed_out(open_window, paths)
    page = window.sign_in_page
    assert "今天已接待 0 人次" in page.subtitle.text()
    for attempt in range(5):
        page.username_edit.setText("lina")
        type_text(page.password_edit, "wrong-password")
        qtbot.keyClick(page.password_edit, Qt.Key.Key_Return)
        message = page.errors["password"].text()
        assert ("用户名或密码不对" in message) if attempt < 4 else ("30 秒后再试" in message)
        assert page.password_edit.text() == ""
    assert window.stack.currentWidget() is page
    admin = staff.as_actor(accounts.sign_in(staff, "admin", ADMIN_PASSWORD)[0])
    accounts.unlock_user(admin, "lina")
    sign_in(window, "lina", CLERK_PASSWORD)
    assert "李娜（工作人员）" in window.status.user_label.text()
    assert not window.data_page.restore_button.isVisible()  # restore is the admin's
    assert window.case_list_page.export_button.isHidden()  # so is bulk export
    assert not window.nav.isRowHidden(Nav.RECEPTION)


def test_a_deputy_sees_cases_read_only(open_window, paths, staff, qtbot):
    """No 接待登记 or 数据与备份; the case window offers no action, reprint or reveal."""
    result, _ = register_visit(staff, sample_visit(3))
    window = _open_signed_out(open_window, paths)
    sign_in(window, "zhang", DEPUTY_PASSWORD)
    assert window.nav.isRowHidden(Nav.RECEPTION) and window.nav.isRowHidden(Nav.DATA)
    assert not window.nav.isRowHidden(Nav.CASES)
    assert not any(window.nav.isRowHidden(r) for r in (Nav.ROSTER, Nav.DUTY, Nav.PERFORMANCE))
    dialog = CaseDetailDialog(window.ctx, result.cases[1].id, window.signals)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not any(b.isVisible() for b in dialog.action_buttons.values())
    assert not dialog.reprint_button.isVisible()
    assert "查看完整" not in _texts(dialog)


def test_idle_lock_hides_personal_data_keeps_the_draft_and_unlocks(
    open_window, paths, staff, qtbot, tmp_path
):
    """Idle: the lock screen shows nobody's data, dialogs hide; the same user gets it all back."""
    admin = staff.as_actor(accounts.sign_in(staff, "admin", ADMIN_PASSWORD)[0])
    accounts.set_idle_minutes(admin, 7)
    window = _open_signed_out(open_window, paths)
    sign_in(window, "lina", CLERK_PASSWORD)
    assert window.idle.timer.interval() == 7 * 60_000  # the admin's setting
    assert window.idle.session.interval() == 8 * 3_600_000
    window.idle.set_timeout_ms(300)  # the same timer, shortened for the test
    window.nav.setCurrentRow(Nav.RECEPTION)
    reception = window.reception_page
    type_text(reception.name_edit, RESIDENT)
    type_text(reception.phone_edit, PHONE)
    result, _ = register_visit(window.ctx, sample_visit(5))
    detail = CaseDetailDialog(window.ctx, result.cases[0].id, window.signals)
    qtbot.addWidget(detail)
    detail.show()
    qtbot.waitUntil(lambda: window.sign_in_page.mode == "unlock", timeout=5000)

    assert window.stack.currentWidget() is window.sign_in_page
    assert not detail.isVisible()  # other windows hidden too
    shown = " ".join(
        text for w in QApplication.topLevelWidgets() if w.isVisible() for text in _texts(w)
    )
    assert RESIDENT not in shown and PHONE not in shown and "张三丰" not in shown
    assert "lina" in window.sign_in_page.subtitle.text()
    assert not window.status.password_button.isVisible()
    window.grab().save(str(tmp_path / "lock_screen.png"))
    from stationdesk.services.drafts import latest_draft

    draft = latest_draft(window.ctx, "reception")
    assert draft is not None and RESIDENT in str(draft.data)  # kept on disk while locked

    type_text(window.sign_in_page.password_edit, "not-her-password")
    window.sign_in_page.submit()
    assert window.stack.currentWidget() is window.sign_in_page
    type_text(window.sign_in_page.password_edit, CLERK_PASSWORD)
    window.sign_in_page.submit()
    assert window.stack.currentWidget() is window.workspace
    assert reception.name_edit.text() == RESIDENT and reception.phone_edit.text() == PHONE
    assert detail.isVisible()


def test_switching_user_from_the_lock_screen_starts_a_fresh_workspace(
    open_window, paths, staff, qtbot
):
    """切换用户 signs out; the admin signing in next does not see the clerk's typing."""
    window = _open_signed_out(open_window, paths)
    sign_in(window, "lina", CLERK_PASSWORD)
    window.nav.setCurrentRow(Nav.RECEPTION)
    type_text(window.reception_page.name_edit, RESIDENT)
    window.lock_screen()
    qtbot.mouseClick(window.sign_in_page.switch_button, Qt.MouseButton.LeftButton)
    assert window.sign_in_page.mode == "sign_in" and window.user is None
    sign_in(window)
    assert "王站长（站点管理员）" in window.status.user_label.text()
    window.nav.setCurrentRow(Nav.RECEPTION)
    assert window.reception_page.name_edit.text() == ""
    assert window.reception_page.draft_offer is None  # the clerk's draft stays hers


def test_a_changed_audit_row_is_reported_at_start_up(open_window, paths, station_ctx):
    """The start-up check walks the rows written since the last start and says where it breaks."""
    import sqlite3

    register_visit(station_ctx, sample_visit(8))
    station_ctx.db.dispose()
    con = sqlite3.connect(paths.db)
    last = con.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    con.execute("DROP TRIGGER audit_log_append_only_update")
    con.execute("UPDATE audit_log SET reason = '改过' WHERE id = ?", (last,))
    con.commit()
    con.close()
    window = open_window(paths, signed_in=False)
    assert f"操作记录从第 {last} 条起对不上" in window.sign_in_page.subtitle.text()
    assert "数据库需要检查" in window.status.database_label.text()


def test_a_user_changes_her_own_password(open_window, paths, staff, qtbot):
    """修改密码 in the status bar: wrong old password refused at its field; then it works."""
    window = _open_signed_out(open_window, paths)
    sign_in(window, "lina", CLERK_PASSWORD)
    assert window.status.password_button.isVisible()
    qtbot.mouseClick(window.status.password_button, Qt.MouseButton.LeftButton)
    dialog = window.password_dialog
    type_text(dialog.old_edit, "not-my-password")
    type_text(dialog.new_edit, "李娜的新口令-Winter")
    type_text(dialog.repeat_edit, "李娜的新口令-Winter")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "用户名或密码不对" in dialog.errors["old_password"].text()
    type_text(dialog.old_edit, CLERK_PASSWORD)
    type_text(dialog.new_edit, "李娜的新口令-Winter")
    type_text(dialog.repeat_edit, "李娜的新口令-Winter")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert accounts.sign_in(staff, "lina", "李娜的新口令-Winter")[1].username == "lina"
