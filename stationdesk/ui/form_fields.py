"""A form input with its hint and its (hidden) error line (setup page, case action forms)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


def hinted_field(
    editor: QWidget, hint: str | None = None, *, spacing: int = 3, bottom: int = 0
) -> tuple[QWidget, QLabel]:
    """The editor, its hint under it, and an error line shown by the caller; returns both."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(spacing)
    column.addWidget(editor)
    if hint:
        hint_label = QLabel(hint)
        hint_label.setObjectName("hint")
        hint_label.setWordWrap(True)
        column.addWidget(hint_label)
    error = QLabel("")
    error.setObjectName("fieldError")
    error.setWordWrap(True)
    error.hide()
    column.addWidget(error)
    if bottom:
        column.addSpacing(bottom)
    return box, error
