"""The confirm box asked before anything is thrown away (draft, form, the current database)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


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
