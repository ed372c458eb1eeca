"""Dialog parts: the confirm asked before anything is thrown away; the right-aligned buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QMessageBox, QWidget


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


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """The dialog's buttons, right-aligned in the order given (cancel first, the action last)."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
