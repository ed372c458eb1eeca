"""A small dialog asking for one line of text (a reason, a note) before an action goes ahead."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from stationdesk.ui.dialogs import button_row


class ReasonDialog(QDialog):
    """One labelled line; OK only once something is typed (unless optional)."""

    def __init__(self, parent: QWidget, title: str, label: str, *, optional: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit = QLineEdit()
        self.edit.setMaxLength(200)  # what the services keep of a reason
        self.edit.setMinimumWidth(360)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        self.ok = QPushButton(self.tr("确定"))
        self.ok.setObjectName("primary")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.accept)
        if not optional:
            self.ok.setEnabled(False)
            self.edit.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(label))
        layout.addWidget(self.edit)
        layout.addLayout(button_row(cancel, self.ok))


def ask_reason(
    parent: QWidget,
    title: str,
    label: str,
    on_ok: Callable[[str], None],
    *,
    optional: bool = False,
) -> ReasonDialog:
    """Open the dialog (non-blocking); on_ok gets the text when the clerk confirms."""
    dialog = ReasonDialog(parent, title, label, optional=optional)
    dialog.accepted.connect(lambda: on_ok(dialog.edit.text().strip()))
    dialog.open()
    return dialog
