"""Form building blocks: an input with its hint and error line; a centred card page."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget


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


def card_page(page: QWidget, max_width: int) -> QVBoxLayout:
    """Lay page out as one white card centred a little above the middle.

    Returns the card's layout for the caller to fill (setup, sign-in).
    """
    card = QFrame()
    card.setObjectName("card")
    card.setMaximumWidth(max_width)
    inner = QVBoxLayout(card)
    inner.setContentsMargins(40, 32, 40, 32)
    inner.setSpacing(10)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(24, 24, 24, 24)
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card, 4)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return inner
