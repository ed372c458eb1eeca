"""Helpers for the UI tests: typing Chinese, a sample visit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from stationdesk.domain.enums import Track
from stationdesk.services.dto import IssueInput, VisitInput

STATION_NAME = "东关街道人大代表联络站"
ADMIN_USER = "admin"
ADMIN_PASSWORD = "站长的口令-A1b2"


def type_text(widget: QWidget, text: str) -> None:
    """Type text key by key (qtbot.keyClicks aborts on non-ASCII characters)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def ime_commit(widget: QWidget, text: str) -> None:
    """Commit text the way a pinyin input method does."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def a_visit(name: str = "张三", people: int = 1) -> VisitInput:
    """One visit with one issue answered on the spot."""
    return VisitInput(
        visitor_name=name,
        phone="13812345678",
        people=people,
        issues=(IssueInput(content="路灯坏了", track=Track.ON_SPOT, on_spot_answer="已联系电工"),),
    )


def sign_in(window, username: str = ADMIN_USER, password: str = ADMIN_PASSWORD) -> None:
    """Type the account on the main window's sign-in page and submit (the Op runs inline)."""
    page = window.sign_in_page
    page.username_edit.setText(username)
    page.password_edit.setText(password)
    page.submit()
    assert window.stack.currentWidget() is window.workspace, page.form_error.text()
