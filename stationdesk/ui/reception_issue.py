"""One issue of a visit on the reception form: the block with its category, text and track rows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.enums import Track
from stationdesk.domain.workdays import add_working_days
from stationdesk.services.dto import IssueInput
from stationdesk.ui.reception_widgets import (
    CalmDateEdit,
    Field,
    SearchCombo,
    TextBox,
    changed_signal,
    field_caption,
    field_column,
)
from stationdesk.ui.signals import emit

if TYPE_CHECKING:
    from stationdesk.services.reference import ReferenceData

# The service's limits (stationdesk.services.reception); the counters show them, the service
# enforces them. Over-long text is refused at save, never cut.
CONTENT_MAX = 5000
SHORT_MAX = 2000
DEFAULT_LIMIT_DAYS = 15


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class IssueBlock(QFrame):
    """One issue of the visit: category, the resident's words, demand and how it is handled."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, label_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("issueCard")
        self._loading = False
        self._due_touched = False
        self._limits: Mapping[str, int] = {}
        self._today = date.today()

        self.title = QLabel("")
        self.title.setObjectName("issueTitle")

        self.category = SearchCombo()
        self.category.lineEdit().setPlaceholderText(self.tr("输入或选择，如 道路"))
        self.category.setMinimumWidth(220)
        self.category.setMaximumWidth(340)
        self.content = TextBox(CONTENT_MAX, 112)
        self.content.setPlaceholderText(self.tr("照群众原话记录"))
        self.demand = TextBox(SHORT_MAX, 64)
        self.demand.setPlaceholderText(self.tr("群众希望怎样解决（选填）"))

        self.track_group = QButtonGroup(self)
        self.track_buttons: dict[Track, QRadioButton] = {
            Track.ON_SPOT: QRadioButton(self.tr("现场办结")),
            Track.SUPERVISE: QRadioButton(self.tr("联络站督办")),
            Track.SUGGESTION: QRadioButton(self.tr("形成建议交办")),
        }
        track_row = QWidget()
        track_layout = QHBoxLayout(track_row)
        track_layout.setContentsMargins(0, 0, 0, 0)
        track_layout.setSpacing(24)
        for button in self.track_buttons.values():
            self.track_group.addButton(button)
            track_layout.addWidget(button)
        track_layout.addStretch(1)
        self.track_buttons[Track.ON_SPOT].setChecked(True)

        self.answer = TextBox(SHORT_MAX, 64)
        self.answer.setPlaceholderText(self.tr("当场给群众的答复或解决情况"))
        self.referred_to = QLineEdit()
        self.referred_to.setPlaceholderText(
            self.tr("选填：不属人大职责、已引导群众去反映的部门或渠道")
        )
        self.department = SearchCombo()
        self.department.lineEdit().setPlaceholderText(self.tr("输入或选择承办单位"))
        self.department.setMinimumWidth(220)
        self.department.setMaximumWidth(340)
        self.due = CalmDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(self.tr("yyyy年M月d日"))
        self.due.setMinimumWidth(180)
        self.due_hint = QLabel("")
        self.due_hint.setObjectName("hint")
        self.deputy = SearchCombo()
        self.deputy.lineEdit().setPlaceholderText(self.tr("输入或选择代表"))
        self.deputy.setMinimumWidth(220)
        self.deputy.setMaximumWidth(340)

        self.remove_button = QPushButton(self.tr("删除此问题"))
        self.remove_button.clicked.connect(lambda: emit(self.remove_requested, self))

        self.fields: dict[str, Field] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form = form
        self._label_width = label_width
        self._add(form, "category_id", self.tr("问题类别"), self.category)
        self._add(form, "content", self.tr("反映问题"), self.content, counter=self.content.counter)
        self._add(form, "demand", self.tr("诉求"), self.demand, counter=self.demand.counter)
        track_label = self._label(self.tr("办理方式"))
        form.addRow(track_label, track_row)
        self._add(
            form, "on_spot_answer", self.tr("答复内容"), self.answer, counter=self.answer.counter
        )
        self._add(form, "referred_to", self.tr("引导至"), self.referred_to)
        self._add(form, "department", self.tr("承办单位"), self.department)
        due_row = QWidget()
        due_layout = QHBoxLayout(due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.setSpacing(12)
        due_layout.addWidget(self.due)
        due_layout.addWidget(self.due_hint, 1)
        self._add(form, "due_date", self.tr("办理期限"), self.due, container=due_row)
        self._add(form, "deputy", self.tr("建议代表"), self.deputy)

        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 14)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addLayout(form)
        layout.addLayout(footer)

        self.track_group.buttonToggled.connect(self._on_track_toggled)
        self.category.currentIndexChanged.connect(self._on_category_changed)
        self.due.dateChanged.connect(self._on_due_edited)
        for editor in self.editors():
            changed_signal(editor).connect(self._on_edit)
        self._show_track_fields()

    # building

    def _label(self, text: str) -> QLabel:
        return field_caption(text, self._label_width)

    def _add(
        self,
        form: QFormLayout,
        key: str,
        text: str,
        editor: QWidget,
        *,
        counter: QLabel | None = None,
        container: QWidget | None = None,
    ) -> None:
        column = field_column(container or editor, counter=counter)
        self.fields[key] = Field(editor, column.property("errorLabel"))
        label = self._label(text)
        label.setBuddy(editor)
        form.addRow(label, column)

    def editors(self) -> list[QWidget]:
        """Every input of the block, in screen order (for autosave and the key filter)."""
        return [
            self.category,
            self.content,
            self.demand,
            *self.track_buttons.values(),
            self.answer,
            self.referred_to,
            self.department,
            self.due,
            self.deputy,
        ]

    def nav_order(self) -> list[QWidget]:
        """The fields Enter walks through, for the current track."""
        track_button = self.track_group.checkedButton() or self.track_buttons[Track.ON_SPOT]
        order: list[QWidget] = [self.category, self.content, self.demand, track_button]
        track = self.track()
        if track is Track.ON_SPOT:
            order += [self.answer, self.referred_to]
        elif track is Track.SUPERVISE:
            order += [self.department, self.due]
        else:
            order.append(self.deputy)
        return order

    def tab_order(self) -> list[QWidget]:
        """Every focusable widget of the block in screen order."""
        return [*self.editors(), self.remove_button]

    # state

    def set_number(self, number: int, removable: bool) -> None:
        """问题 1, 问题 2 …; the only issue cannot be removed."""
        self.title.setText(self.tr("问题 {n}").format(n=number))
        self.remove_button.setVisible(removable)

    def set_reference(self, ref: ReferenceData, today: date) -> None:
        """Fill the pick lists; recompute an untouched due date."""
        self._loading = True
        try:
            self._limits = ref.category_limits
            self._today = today
            self.category.set_choices(ref.categories)
            self.department.set_choices(ref.departments)
            self.deputy.set_choices(ref.deputies)
            self.due.setMinimumDate(_to_qdate(today))
            if not self._due_touched:
                self._set_default_due()
        finally:
            self._loading = False

    def track(self) -> Track:
        """The chosen 办理方式."""
        for track, button in self.track_buttons.items():
            if button.isChecked():
                return track
        return Track.ON_SPOT

    def step_track(self, step: int) -> None:
        """Check and focus the previous / next 办理方式 (arrow keys; wraps around)."""
        tracks = list(self.track_buttons)
        target = tracks[(tracks.index(self.track()) + step) % len(tracks)]
        button = self.track_buttons[target]
        button.setChecked(True)
        button.setFocus(Qt.FocusReason.TabFocusReason)

    def limit_days(self) -> int:
        """The working-day limit of the chosen category (15 without one)."""
        category_id = self.category.selected_id()
        if category_id is None:
            return DEFAULT_LIMIT_DAYS
        return int(self._limits.get(category_id, DEFAULT_LIMIT_DAYS))

    def _set_default_due(self) -> None:
        days = self.limit_days()
        self.due.setDate(_to_qdate(add_working_days(self._today, days)))
        name = self.category.currentText().strip() if self.category.selected_id() else ""
        if name:
            self.due_hint.setText(
                self.tr("按“{category}”办理时限 {days} 个工作日").format(category=name, days=days)
            )
        else:
            self.due_hint.setText(self.tr("默认 {days} 个工作日").format(days=days))

    @Slot()
    def _on_category_changed(self) -> None:
        if not self._due_touched:
            was, self._loading = self._loading, True
            try:
                self._set_default_due()
            finally:
                self._loading = was

    @Slot()
    def _on_due_edited(self) -> None:
        if not self._loading:
            self._due_touched = True

    @Slot()
    def _on_edit(self) -> None:
        if not self._loading:
            emit(self.changed)

    @Slot(QAbstractButton, bool)
    def _on_track_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._show_track_fields()

    def _show_track_fields(self) -> None:
        track = self.track()
        visible = {
            self.answer: track is Track.ON_SPOT,
            self.referred_to: track is Track.ON_SPOT,
            self.department: track is Track.SUPERVISE,
            self.due: track is Track.SUPERVISE,
            self.deputy: track is Track.SUGGESTION,
        }
        for editor, on in visible.items():
            self._form.setRowVisible(self._form_row(editor), on)

    def _form_row(self, editor: QWidget) -> int:
        for row in range(self._form.rowCount()):
            item = self._form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if widget is not None and (widget is editor or widget.isAncestorOf(editor)):
                return row
        raise LookupError(editor)

    def is_blank(self) -> bool:
        """Nothing typed or picked in this block."""
        return not any(
            (
                self.category.currentText().strip(),
                self.content.text().strip(),
                self.demand.text().strip(),
                self.answer.text().strip(),
                self.referred_to.text().strip(),
                self.department.currentText().strip(),
                self.deputy.currentText().strip(),
            )
        )

    def unresolved(self) -> list[str]:
        """Pick-list fields whose typed text names no item (keys of self.fields)."""
        self.category.resolve()
        bad = [] if self.category.is_resolved() else ["category_id"]
        track = self.track()
        if track is Track.SUPERVISE and not self.department.resolve():
            bad.append("department")
        if track is Track.SUGGESTION and not self.deputy.resolve():
            bad.append("deputy")
        return bad

    def to_input(self) -> IssueInput:
        """The issue for register_visit (fields of the other tracks are left out)."""
        track = self.track()
        return IssueInput(
            content=self.content.text(),
            track=track,
            category_id=self.category.selected_id(),
            demand=self.demand.text() or None,
            on_spot_answer=self.answer.text() if track is Track.ON_SPOT else None,
            referred_to=(self.referred_to.text() or None) if track is Track.ON_SPOT else None,
            department_id=self.department.selected_id() if track is Track.SUPERVISE else None,
            due_date=_from_qdate(self.due.date()) if track is Track.SUPERVISE else None,
            deputy_id=self.deputy.selected_id() if track is Track.SUGGESTION else None,
        )

    def data(self) -> dict[str, Any]:
        """Everything in the block as typed, for the draft."""
        return {
            "category_id": self.category.selected_id(),
            "category_text": self.category.currentText(),
            "content": self.content.text(),
            "demand": self.demand.text(),
            "track": self.track().value,
            "on_spot_answer": self.answer.text(),
            "referred_to": self.referred_to.text(),
            "department_id": self.department.selected_id(),
            "department_text": self.department.currentText(),
            "due_date": _from_qdate(self.due.date()).isoformat(),
            "due_touched": self._due_touched,
            "deputy_id": self.deputy.selected_id(),
            "deputy_text": self.deputy.currentText(),
        }

    def load(self, data: Mapping[str, Any]) -> None:
        """Fill the block from a draft."""
        self._loading = True
        try:
            self.category.set_selected(data.get("category_id"), str(data.get("category_text", "")))
            self.content.setText(str(data.get("content", "")))
            self.demand.setText(str(data.get("demand", "")))
            try:
                track = Track(str(data.get("track", Track.ON_SPOT.value)))
            except ValueError:
                track = Track.ON_SPOT
            self.track_buttons[track].setChecked(True)
            self.answer.setText(str(data.get("on_spot_answer", "")))
            self.referred_to.setText(str(data.get("referred_to", "")))
            self.department.set_selected(
                data.get("department_id"), str(data.get("department_text", ""))
            )
            self.deputy.set_selected(data.get("deputy_id"), str(data.get("deputy_text", "")))
            self._due_touched = bool(data.get("due_touched"))
            due = data.get("due_date")
            if self._due_touched and isinstance(due, str):
                try:
                    self.due.setDate(_to_qdate(date.fromisoformat(due)))
                except ValueError:
                    self._due_touched = False
            if not self._due_touched:
                self._set_default_due()
            self._show_track_fields()
        finally:
            self._loading = False

    def clear_errors(self) -> None:
        """Hide every error line of the block."""
        for field in self.fields.values():
            field.clear_error()
