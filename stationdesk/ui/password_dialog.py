"""修改密码: the signed-in user changes their own password (the old one is asked first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.errors import AccessError, ValidationError
from stationdesk.ui.dialogs import button_row
from stationdesk.ui.errors import message_for
from stationdesk.ui.form_fields import hinted_field
from stationdesk.ui.sign_in_page import password_rules
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext


def change_job(ctx: ServiceContext, old: str, new: str) -> ChangeSet:
    """DB thread: check the old password, apply the rules to the new one, save."""
    from stationdesk.services.accounts import change_password

    return change_password(ctx, old, new)


class PasswordDialog(QDialog):
    """Three password fields; errors under the field they concern."""

    changed = Signal()

    def __init__(
        self, ctx: ServiceContext, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("修改密码"))
        self.ctx = ctx
        self.signals = signals
        self.old_edit, self.new_edit, self.repeat_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        hint = password_rules()
        for key, label, edit, tip in (
            ("old_password", self.tr("现在的密码"), self.old_edit, None),
            ("password", self.tr("新密码"), self.new_edit, hint),
            ("repeat", self.tr("再输一次新密码"), self.repeat_edit, None),
        ):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(128)
            box, error = hinted_field(edit, tip)
            self.errors[key] = error
            form.addRow(label, box)
        self.ok_button = QPushButton(self.tr("保存"))
        self.ok_button.setObjectName("primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons = button_row(cancel, self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.resize(460, 300)

    def _error(self, key: str, text: str) -> None:
        self.errors[key].setText(text)
        self.errors[key].show()

    @Slot()
    def submit(self) -> None:
        """Save in the service; the fields are cleared on any refusal."""
        for label in self.errors.values():
            label.hide()
        old, new = self.old_edit.text(), self.new_edit.text()
        if new != self.repeat_edit.text():
            self._error("repeat", self.tr("两次输入的新密码不一样，请重新输入。"))
            self.new_edit.clear()
            self.repeat_edit.clear()
            self.new_edit.setFocus()
            return
        ctx = self.ctx
        Op(self, lambda: change_job(ctx, old, new), self.signals).success(self._done).failure(
            self._failed
        ).run_in_background()

    def _done(self, _result: object) -> None:
        emit(self.changed)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        field = exc.field if isinstance(exc, (ValidationError, AccessError)) else None
        key = field if field in self.errors else "password"
        self._error(key, message_for(exc))
        for edit in (self.old_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        (self.old_edit if key == "old_password" else self.new_edit).setFocus()
