"""The reception form's input pieces: pick lists, wheel-calm editors, counted text, error lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stationdesk.ui.signals import emit
from stationdesk.ui.theme import set_alert

if TYPE_CHECKING:
    from stationdesk.services.reference import Choice


class PopupEnter(QObject):
    """Enter in a completer's list takes the highlighted entry (or the typed text) and moves on.

    Without it the first Enter only closes the list and a second one is needed to move on.
    """

    def __init__(
        self,
        completer: QCompleter,
        take: Callable[[str | None], object],
        done: Callable[[], object],
    ) -> None:
        super().__init__(completer)
        self._completer = completer
        self._take = take
        self._done = done
        completer.popup().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Return / Enter on the open list: take, close, move on."""
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        popup = self._completer.popup()
        index = popup.currentIndex()
        picked = str(index.data()) if index.isValid() else None
        popup.hide()
        self._take(picked)
        self._done()
        return True


class SearchCombo(QComboBox):
    """A pick list the clerk can type into: any part of a name finds it (道路 → 道路交通).

    Leaving the field or pressing Enter picks the one item whose name contains the typed text;
    text that matches nothing (or several) stays as typed and is reported at save.
    """

    # Enter was pressed in the open completion list: the page moves to the next field.
    accepted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMaxVisibleItems(12)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self._popup_enter = PopupEnter(completer, self._take, lambda: emit(self.accepted))
        self.setCurrentIndex(-1)

    def _take(self, text: str | None) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchFixedString) if text else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.resolve()

    def set_choices(self, choices: Sequence[Choice]) -> None:
        """Replace the items, keeping the current pick (by id) or the typed text."""
        keep_id, keep_text = self.selected_id(), self.currentText()
        self.blockSignals(True)
        self.clear()
        for choice in choices:
            self.addItem(choice.name, choice.id)
            if choice.detail:
                self.setItemData(self.count() - 1, choice.detail, Qt.ItemDataRole.ToolTipRole)
        self.setCurrentIndex(-1)
        self.blockSignals(False)
        if keep_id is not None and self.findData(keep_id) >= 0:
            self.setCurrentIndex(self.findData(keep_id))
        else:
            self.setEditText(keep_text)

    def selected_id(self) -> str | None:
        """The id of the picked item, or None (nothing picked, or text that matches no item)."""
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == self.currentText():
            data = self.itemData(index)
            return str(data) if data is not None else None
        return None

    def set_selected(self, item_id: str | None, text: str = "") -> None:
        """Pick the item with this id; otherwise show text (e.g. typed text from a draft)."""
        index = self.findData(item_id) if item_id else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(text)

    def resolve(self) -> bool:
        """Pick the item the typed text names; False when the text matches none or several."""
        text = self.currentText().strip()
        if not text:
            if self.currentIndex() != -1:
                self.setCurrentIndex(-1)
            self.setEditText("")
            return True
        if self.selected_id() is not None:
            return True
        exact = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if exact >= 0:
            self.setCurrentIndex(exact)
            return True
        folded = text.casefold()
        hits = [i for i in range(self.count()) if folded in self.itemText(i).casefold()]
        if len(hits) == 1:
            self.setCurrentIndex(hits[0])
            return True
        return False

    def is_resolved(self) -> bool:
        """True when empty or an item is picked."""
        return not self.currentText().strip() or self.selected_id() is not None

    def focusOutEvent(self, event: Any) -> None:
        """Complete a unique partial name when the clerk moves on."""
        super().focusOutEvent(event)
        popup = self.completer().popup() if self.completer() else None
        if popup is None or not popup.isVisible():
            self.resolve()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Scrolling the page over a pick list must not change it."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class ChoiceCombo(QComboBox):
    """A fixed pick list that ignores the mouse wheel unless focused."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Scrolling the page over a pick list must not change it."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class CalmSpinBox(QSpinBox):
    """A spin box that ignores the mouse wheel unless focused."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Scrolling the page over the box must not change it."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class CalmDateEdit(QDateEdit):
    """A date edit that ignores the mouse wheel unless focused."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Scrolling the page over the date must not change it."""
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class TextBox(QPlainTextEdit):
    """Multi-line text: Tab leaves the box, Enter is a new line; a live "n/limit" counter."""

    def __init__(self, limit: int, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setTabChangesFocus(True)
        self.setFixedHeight(height)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.counter = QLabel("")
        self.counter.setObjectName("counter")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.textChanged.connect(self._count)
        self._count()

    def text(self) -> str:
        """The text exactly as typed."""
        return self.toPlainText()

    def setText(self, text: str) -> None:
        """Replace the text."""
        self.setPlainText(text)

    @Slot()
    def _count(self) -> None:
        length = len(self.toPlainText())
        over = length - self.limit
        if over > 0:
            self.counter.setText(
                self.tr("{length}/{limit}，超出 {over} 字，请删减后再保存").format(
                    length=length, limit=self.limit, over=over
                )
            )
        else:
            self.counter.setText(f"{length}/{self.limit}")
        set_alert(self.counter, over > 0)


class Field:
    """An editor with the red error line under it."""

    def __init__(self, editor: QWidget, error: QLabel) -> None:
        self.editor = editor
        self.error = error

    def show_error(self, text: str) -> None:
        """Show text under the editor and mark the editor red."""
        self.error.setText(text)
        self.error.show()
        _set_error_state(self.editor, True)

    def clear_error(self) -> None:
        """Hide the error line."""
        if self.error.isHidden() and not self.editor.property("error"):
            return
        self.error.clear()
        self.error.hide()
        _set_error_state(self.editor, False)

    def error_text(self, root: QWidget) -> str:
        """The error shown ("" when none)."""
        return self.error.text() if self.error.isVisibleTo(root) else ""


def _set_error_state(widget: QWidget, on: bool) -> None:
    if bool(widget.property("error")) == on:
        return
    widget.setProperty("error", on)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _error_label() -> QLabel:
    label = QLabel("")
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def field_caption(text: str, width: int) -> QLabel:
    """A right-aligned field caption of the reception form, level with its input's text."""
    label = QLabel(text)
    label.setObjectName("fieldLabel")
    label.setMinimumWidth(width)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    label.setContentsMargins(0, 8, 0, 0)
    return label


def field_column(editor: QWidget, *extras: QWidget, counter: QLabel | None = None) -> QWidget:
    """editor, then its hint lines, then the error line (with the counter on its right)."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(3)
    column.addWidget(editor)
    error = _error_label()
    if counter is not None:
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(error, 1)
        row.addWidget(counter, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        column.addLayout(row)
    else:
        column.addWidget(error)
    for extra in extras:
        column.addWidget(extra)
    column.addStretch(1)  # keep the editor level with its label when the row grows
    box.setProperty("errorLabel", error)
    return box


def changed_signal(widget: QWidget) -> Any:
    """The signal a widget sends when the clerk changes its value."""
    if isinstance(widget, SearchCombo):
        return widget.editTextChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return widget.textChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    if isinstance(widget, QListWidget):
        return widget.itemChanged
    raise TypeError(type(widget).__name__)
