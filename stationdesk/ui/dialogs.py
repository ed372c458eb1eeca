"""Dialog parts: the confirm before throwing away, buttons, a save path, a form, a note."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationdesk.ui.signals import emit

NOTE_MAX = 200  # the services keep notes and reasons to this length


def confirm_destructive(
    parent: QWidget,
    *,
    title: str,
    text: str,
    confirm: str,
    cancel: str,
    on_decided: Callable[[bool], None],
    detail: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
) -> QMessageBox:
    """Open a non-blocking box whose default and Esc answer is `cancel`.

    `on_decided(True)` runs when the clerk chose `confirm`, `on_decided(False)` otherwise.
    Texts come translated from the caller. Returns the open box (it deletes itself on close).
    """
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        box.setInformativeText(detail)
    yes = box.addButton(confirm, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)

    def decided(button: QAbstractButton) -> None:
        on_decided(button is yes)

    box.buttonClicked.connect(decided)
    box.open()
    return box


def ask_save_path(parent: QWidget, title: str, name: str, file_filter: str) -> Path | None:
    """Ask where to save, suggesting name in the home folder; None when the clerk cancels."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), file_filter)
    return Path(path) if path else None


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """The dialog's buttons, right-aligned in the order given (cancel first, the action last)."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


class FormDialog(QDialog):
    """A small form: a line saying what it does, the fields, an error line, 取消 and the action.

    The action button emits `submitted`; the caller runs the service and then calls accept()
    or show_error() (the dialog stays open and keeps what was typed).
    """

    submitted = Signal()

    def __init__(self, title: str, intro: str, action: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(10)
        self.error_label = QLabel("")
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.ok_button = QPushButton(action)
        self.ok_button.setObjectName("primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addLayout(button_row(self.cancel_button, self.ok_button))
        self.setMinimumWidth(460)

    def show_error(self, text: str) -> None:
        """The service refused: say why, under the fields (and allow another try)."""
        self.error_label.setText(text)
        self.error_label.show()
        self.ok_button.setEnabled(True)

    @Slot()
    def _submit(self) -> None:
        self.error_label.hide()
        self.ok_button.setEnabled(False)  # one submission at a time: no double sign-in
        emit(self.submitted)


class NoteDialog(FormDialog):
    """One line of text: 说明迟到原因, 缺席原因 (optional) or 撤销/取消 原因 (required)."""

    def __init__(
        self,
        title: str,
        intro: str,
        label: str,
        action: str,
        *,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, intro, action, parent)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(NOTE_MAX)
        self.note_edit.setPlaceholderText(placeholder)
        self.note_edit.setMinimumWidth(260)
        self.form.addRow(label, self.note_edit)

    def text(self) -> str:
        """What was typed, without surrounding spaces."""
        return self.note_edit.text().strip()
