"""The case window: header, the visitor (masked), what was raised, the timeline, and the actions.

Only the actions the case's state allows get a button. Each opens a small form; the service
runs in an Op on the DB thread; a ValidationError is shown in Chinese at its field; after
success the ChangeSet goes out and this window (and any other one showing the case) reloads.
The window is not modal: several cases can be open beside the case list.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.enums import CaseStatus, EventKind, Rating, Track
from stationdesk.domain.errors import DomainError, ValidationError
from stationdesk.domain.masking import mask_address
from stationdesk.domain.permissions import Action, allowed
from stationdesk.domain.workdays import add_working_days
from stationdesk.services.receipts import ReceiptFormat
from stationdesk.ui.case_model import (
    ALERT_RED,
    STATUS_COLOURS,
    callback_method_name,
    channel_name,
    event_name,
    rating_name,
    short_date,
    short_time,
    status_name,
    track_name,
)
from stationdesk.ui.errors import message_for
from stationdesk.ui.form_fields import hinted_field
from stationdesk.ui.receipt_preview import ReceiptPreviewDialog, format_label
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op, QueryOp

if TYPE_CHECKING:
    from stationdesk.services.cases import CaseDetail, TimelineEntry
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.reference import Choice, ReferenceData

NOTE_MAX = 2000  # case_actions.NOTE_MAX
TITLE_MAX = 200
SUGGESTION_MAX = 5000
CALLBACK_METHODS = ("phone", "visit", "in_station", "other")  # case_actions.CALLBACK_METHODS
DEFAULT_LIMIT_DAYS = 15

DIALOG_STYLE = """
#caseDetail { background: #f3f5f8; }
#infoCard { background: #ffffff; border: 1px solid #dde3ea; border-radius: 6px; }
#detailInfo { background: #ffffff; }
#timelineScroll, #timeline { background: transparent; }
#timelineItem {
    background: #ffffff; border: 1px solid #dde3ea; border-left: 4px solid #1a66c9;
    border-radius: 4px;
}
#timelineItem[county="true"] { border-left: 4px solid #8e24aa; }
#timelineKind { font-weight: bold; color: #1f2933; }
#countyBadge { color: #ffffff; background: #8e24aa; border-radius: 3px; padding: 0px 6px; }
#fieldCaption { color: #616e7c; }
"""

# Button order in the window, and which event each button appends.
ACTIONS = (
    EventKind.ASSIGNED,
    EventKind.PROGRESS,
    EventKind.CLOSED,
    EventKind.CALLBACK,
    EventKind.REOPENED,
    EventKind.TO_SUGGESTION,
    EventKind.MERGED,
    EventKind.CORRECTION,
)


def action_label(kind: EventKind) -> str:
    """The button text of an action."""
    labels = {
        EventKind.ASSIGNED: QCoreApplication.translate("CaseDetailDialog", "交办"),
        EventKind.PROGRESS: QCoreApplication.translate("CaseDetailDialog", "记录进度"),
        EventKind.CLOSED: QCoreApplication.translate("CaseDetailDialog", "办结"),
        EventKind.CALLBACK: QCoreApplication.translate("CaseDetailDialog", "回访"),
        EventKind.REOPENED: QCoreApplication.translate("CaseDetailDialog", "重新督办"),
        EventKind.TO_SUGGESTION: QCoreApplication.translate("CaseDetailDialog", "转为代表建议"),
        EventKind.MERGED: QCoreApplication.translate("CaseDetailDialog", "合并重复"),
        EventKind.CORRECTION: QCoreApplication.translate("CaseDetailDialog", "更正"),
    }
    return labels[kind]


def correction_field_name(field: str) -> str:
    """What a correction changes."""
    names = {
        "category_id": QCoreApplication.translate("CaseDetailDialog", "问题类别"),
        "department_id": QCoreApplication.translate("CaseDetailDialog", "承办单位"),
        "deputy_id": QCoreApplication.translate("CaseDetailDialog", "代表"),
        "due_date": QCoreApplication.translate("CaseDetailDialog", "办理期限"),
    }
    return names.get(field, field)


# --- DB-thread functions --------------------------------------------------------------------


def load_case(ctx: ServiceContext, case_id: str) -> tuple[CaseDetail, ReferenceData]:
    """The case with its timeline, and the lists the action forms choose from (DB thread)."""
    from stationdesk.services.cases import case_detail
    from stationdesk.services.reference import reference_data

    return case_detail(ctx, case_id), reference_data(ctx)


def merge_into_number(ctx: ServiceContext, case_id: str, primary_no: str) -> Any:
    """合并重复 with the primary case given by its number (DB thread)."""
    from stationdesk.services.case_actions import merge_duplicate
    from stationdesk.services.cases import case_detail

    try:
        primary = case_detail(ctx, primary_no)
    except ValidationError as exc:
        if exc.code == "case_not_found":
            raise ValidationError("case_not_found", "primary_case_id", case=primary_no) from None
        raise
    return merge_duplicate(ctx, case_id, primary.row.id)


# --- timeline text --------------------------------------------------------------------------


def describe_event(entry: TimelineEntry, names: dict[str, str]) -> str:
    """The lines under a timeline entry: what was decided, written out (names resolved)."""
    d = entry.details
    lines: list[str] = []

    def add(label: str, value: object) -> None:
        if value not in (None, ""):
            lines.append(
                QCoreApplication.translate("CaseDetailDialog", "{label}：{value}").format(
                    label=label, value=value
                )
            )

    kind = entry.kind
    if kind is EventKind.REGISTERED:
        track = d.get("track")
        if track:
            add(
                QCoreApplication.translate("CaseDetailDialog", "办理方式"),
                track_name(Track(str(track))),
            )
        add(QCoreApplication.translate("CaseDetailDialog", "问题类别"), d.get("category"))
        add(QCoreApplication.translate("CaseDetailDialog", "承办单位"), d.get("department"))
        add(QCoreApplication.translate("CaseDetailDialog", "代表"), d.get("deputy"))
        add(QCoreApplication.translate("CaseDetailDialog", "办理期限"), d.get("due_date"))
    elif kind is EventKind.ASSIGNED:
        add(QCoreApplication.translate("CaseDetailDialog", "承办单位"), d.get("department"))
        add(QCoreApplication.translate("CaseDetailDialog", "办理期限"), d.get("due_date"))
    elif kind is EventKind.PROGRESS:
        add(QCoreApplication.translate("CaseDetailDialog", "进度"), d.get("note"))
    elif kind is EventKind.TO_SUGGESTION:
        add(QCoreApplication.translate("CaseDetailDialog", "代表"), d.get("deputy"))
    elif kind is EventKind.CLOSED:
        add(QCoreApplication.translate("CaseDetailDialog", "办理结果"), d.get("result"))
        add(QCoreApplication.translate("CaseDetailDialog", "引导至"), d.get("referred_to"))
    elif kind is EventKind.CALLBACK:
        rating = d.get("rating")
        if rating:
            add(
                QCoreApplication.translate("CaseDetailDialog", "满意度"),
                rating_name(Rating(str(rating))),
            )
        method = d.get("method")
        if method:
            add(
                QCoreApplication.translate("CaseDetailDialog", "回访方式"),
                callback_method_name(str(method)),
            )
        add(QCoreApplication.translate("CaseDetailDialog", "群众原话"), d.get("note"))
    elif kind is EventKind.REOPENED:
        add(QCoreApplication.translate("CaseDetailDialog", "原因"), d.get("reason"))
        add(QCoreApplication.translate("CaseDetailDialog", "承办单位"), d.get("department"))
        add(QCoreApplication.translate("CaseDetailDialog", "新的办理期限"), d.get("due_date"))
    elif kind is EventKind.DUE_CHANGED:
        add(QCoreApplication.translate("CaseDetailDialog", "办理期限"), d.get("due_date"))
        add(QCoreApplication.translate("CaseDetailDialog", "原因"), d.get("reason"))
    elif kind is EventKind.REPRINTED:
        fmt = d.get("format")
        if fmt in {f.value for f in ReceiptFormat}:
            add(
                QCoreApplication.translate("CaseDetailDialog", "纸张"),
                format_label(ReceiptFormat(str(fmt))),
            )
    elif kind is EventKind.COUNTY_REPLY:
        for key in ("result", "reply", "note", "content"):
            add(QCoreApplication.translate("CaseDetailDialog", "答复"), d.get(key))
    elif kind is EventKind.CORRECTION:
        field = str(d.get("field") or "")
        value = d.get("value")
        shown = (
            names.get(str(value), value)
            if value not in (None, "")
            else QCoreApplication.translate("CaseDetailDialog", "（清空）")
        )
        add(
            QCoreApplication.translate("CaseDetailDialog", "更正项目"), correction_field_name(field)
        )
        add(QCoreApplication.translate("CaseDetailDialog", "改为"), shown)
        add(QCoreApplication.translate("CaseDetailDialog", "原因"), d.get("reason"))
    elif kind is EventKind.MERGED:
        add(QCoreApplication.translate("CaseDetailDialog", "主案件"), d.get("primary_case_no"))
    return "\n".join(lines)


def _plain(text: str = "") -> QLabel:
    """A label that shows user text exactly (never as rich text)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


# --- the action forms -----------------------------------------------------------------------


class ActionForm(QDialog):
    """A small form for one case action; subclasses add fields and build the service call."""

    # Emitted after the service call committed (the ChangeSet has gone out).
    done = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        detail: CaseDetail,
        ref: ReferenceData,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signals = signals
        self.detail = detail
        self.ref = ref
        self.case_id = detail.row.id
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.setWindowTitle(
            QCoreApplication.translate("CaseDetailDialog", "{action} — {case_no}").format(
                action=title, case_no=detail.row.case_no
            )
        )
        self.setMinimumWidth(520)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(6)
        self.form_error = QLabel("")
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        self.ok_button = QPushButton(QCoreApplication.translate("CaseDetailDialog", "确定"))
        self.ok_button.setObjectName("primary")
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(QCoreApplication.translate("CaseDetailDialog", "取消"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addLayout(self.form)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        QShortcut(QKeySequence("Ctrl+S"), self, self.submit)

    # --- building -----------------------------------------------------------------------

    def add_field(self, key: str, label: str, widget: QWidget, hint: str | None = None) -> None:
        """A row: caption, the input, and under it the hint and a (hidden) error line."""
        box, error = hinted_field(widget, hint, spacing=2)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)
        self.inputs[key] = widget
        self.errors[key] = error

    def add_text(
        self,
        key: str,
        label: str,
        *,
        max_len: int = NOTE_MAX,
        multiline: bool = True,
        placeholder: str = "",
        initial: str = "",
    ) -> QWidget:
        """A text box with a length counter (over-long text is refused, never cut)."""
        counter = QLabel("")
        counter.setObjectName("hint")
        counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        widget: QLineEdit | QPlainTextEdit
        if multiline:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText(placeholder)
            edit.setPlainText(initial)
            edit.setMinimumHeight(84)

            def count() -> None:
                self._count(counter, len(edit.toPlainText()), max_len)

            edit.textChanged.connect(count)
            widget = edit
        else:
            line = QLineEdit(initial)
            line.setPlaceholderText(placeholder)
            line.textChanged.connect(lambda text: self._count(counter, len(text), max_len))
            widget = line
        self._count(counter, len(initial), max_len)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(widget)
        column.addWidget(counter)
        self.add_field(key, label, holder)
        self.inputs[key] = widget
        return widget

    @staticmethod
    def _count(counter: QLabel, length: int, max_len: int) -> None:
        counter.setText(f"{length}/{max_len}")
        counter.setStyleSheet(f"color: {ALERT_RED};" if length > max_len else "")

    def add_combo(
        self, key: str, label: str, choices: tuple[Choice, ...], *, none_text: str | None
    ) -> QComboBox:
        """A pick list; none_text is its first, empty entry (请选择, 不变 …)."""
        combo = QComboBox()
        combo.setMaxVisibleItems(20)
        if none_text is not None:
            combo.addItem(none_text, None)
        for choice in choices:
            combo.addItem(choice.name, choice.id)
        self.add_field(key, label, combo)
        return combo

    def add_date(self, key: str, label: str, initial: date, hint: str | None = None) -> QDateEdit:
        """A date box with a calendar pop-up."""
        edit = QDateEdit(QDate(initial.year, initial.month, initial.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        self.add_field(key, label, edit, hint)
        return edit

    # --- reading ------------------------------------------------------------------------

    def text(self, key: str) -> str:
        """The text typed into field key."""
        widget = self.inputs[key]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QLineEdit)
        return widget.text()

    def choice(self, key: str, *, required: bool = True) -> Any:
        """The id chosen in combo key; a required one left empty raises ValidationError."""
        widget = self.inputs[key]
        assert isinstance(widget, QComboBox)
        value = widget.currentData()
        if value is None and required:
            raise ValidationError("required", key)
        return value

    def day(self, key: str) -> date:
        """The date in date box key."""
        widget = self.inputs[key]
        assert isinstance(widget, QDateEdit)
        d = widget.date()
        return date(d.year(), d.month(), d.day())

    def default_due(self) -> date:
        """The case's due date, else today plus the category's working-day limit."""
        if self.detail.row.due_date is not None and not self.detail.row.overdue:
            return self.detail.row.due_date
        limit = DEFAULT_LIMIT_DAYS
        for choice in self.ref.categories:
            if choice.name == self.detail.row.category:
                limit = self.ref.category_limits.get(choice.id, limit)
        return add_working_days(self.ctx.clock().date(), limit)

    def id_by_name(self, choices: tuple[Choice, ...], name: str | None) -> str | None:
        """The id of the choice called name (the case row carries names)."""
        return next((c.id for c in choices if c.name == name), None) if name else None

    # --- running ------------------------------------------------------------------------

    def build(self) -> Callable[[], Any]:
        """Read the fields and return the service call (runs on the DB thread)."""
        raise NotImplementedError

    @Slot()
    def submit(self) -> None:
        """Check the form, run the action in an Op; errors go to their field."""
        if not self.ok_button.isEnabled():
            return
        self.clear_errors()
        try:
            call = self.build()
        except DomainError as exc:
            self.show_error(exc)
            return
        self.ok_button.setEnabled(False)
        Op(self, call, self.signals).success(self._succeeded).failure(
            self._failed
        ).run_in_background()

    def _succeeded(self, _result: object) -> None:
        emit(self.done)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.show_error(exc)

    def clear_errors(self) -> None:
        """Hide every error line."""
        for label in self.errors.values():
            label.hide()
            label.setText("")
        self.form_error.hide()

    def show_error(self, exc: BaseException) -> None:
        """A field's error under that field; anything else under the form."""
        text = message_for(exc)
        field = exc.field if isinstance(exc, DomainError) else None
        label = self.errors.get(field or "")
        if label is None:
            label = self.form_error
        label.setText(text)
        label.show()
        widget = self.inputs.get(field or "")
        if widget is not None:
            widget.setFocus()

    def error_text(self, key: str | None = None) -> str:
        """The error shown at field key, or under the form (tests)."""
        label = self.form_error if key is None else self.errors[key]
        return label.text() if not label.isHidden() else ""


class AssignForm(ActionForm):
    """交办: department and due date."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *args, title=QCoreApplication.translate("CaseDetailDialog", "交办"), **kwargs
        )
        combo = self.add_combo(
            "department_id", self.tr("承办单位"), self.ref.departments, none_text=self.tr("请选择")
        )
        current = self.id_by_name(self.ref.departments, self.detail.row.department)
        if current:
            combo.setCurrentIndex(combo.findData(current))
        self.add_date("due_date", self.tr("办理期限"), self.default_due())

    def build(self) -> Callable[[], Any]:
        """case_actions.assign."""
        ctx, case_id = self.ctx, self.case_id
        department, due = self.choice("department_id"), self.day("due_date")

        def call() -> Any:
            from stationdesk.services.case_actions import assign

            return assign(ctx, case_id, department, due)

        return call


class ProgressForm(ActionForm):
    """记录进度: a note."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *args, title=QCoreApplication.translate("CaseDetailDialog", "记录进度"), **kwargs
        )
        self.add_text(
            "note", self.tr("办理进度"), placeholder=self.tr("例如：已与承办单位联系，预计下周完成")
        )

    def build(self) -> Callable[[], Any]:
        """case_actions.record_progress."""
        ctx, case_id, note = self.ctx, self.case_id, self.text("note")

        def call() -> Any:
            from stationdesk.services.case_actions import record_progress

            return record_progress(ctx, case_id, note)

        return call


class CloseForm(ActionForm):
    """办结: the handling result."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *args, title=QCoreApplication.translate("CaseDetailDialog", "办结"), **kwargs
        )
        self.add_text("result", self.tr("办理结果"), placeholder=self.tr("问题是怎样解决的"))

    def build(self) -> Callable[[], Any]:
        """case_actions.close_case."""
        ctx, case_id, result = self.ctx, self.case_id, self.text("result")

        def call() -> Any:
            from stationdesk.services.case_actions import close_case

            return close_case(ctx, case_id, result)

        return call


class CallbackForm(ActionForm):
    """回访: how, the resident's rating (never pre-filled) and their own words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *args, title=QCoreApplication.translate("CaseDetailDialog", "回访"), **kwargs
        )
        method = QComboBox()
        for key in CALLBACK_METHODS:
            method.addItem(callback_method_name(key), key)
        self.add_field("method", self.tr("回访方式"), method)
        row = QWidget()
        buttons = QHBoxLayout(row)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.rating_group = QButtonGroup(self)
        self.rating_buttons: dict[Rating, QRadioButton] = {}
        for rating in Rating:
            button = QRadioButton(rating_name(rating))
            self.rating_group.addButton(button)
            self.rating_buttons[rating] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.add_field(
            "rating", self.tr("满意度"), row, self.tr("请按群众本人的回答选择，不代填。")
        )
        self.add_text("words", self.tr("群众原话"), placeholder=self.tr("群众怎么说的，照实记录"))

    def rating(self) -> Rating:
        """The rating chosen; none raises ValidationError("required", "rating")."""
        for rating, button in self.rating_buttons.items():
            if button.isChecked():
                return rating
        raise ValidationError("required", "rating")

    def build(self) -> Callable[[], Any]:
        """case_actions.callback."""
        ctx, case_id = self.ctx, self.case_id
        rating, method, words = self.rating(), self.choice("method"), self.text("words")

        def call() -> Any:
            from stationdesk.services.case_actions import callback

            return callback(ctx, case_id, rating, method, words)

        return call


class ReopenForm(ActionForm):
    """重新督办: the reason, a new due date, optionally another department."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *args, title=QCoreApplication.translate("CaseDetailDialog", "重新督办"), **kwargs
        )
        self.add_text("reason", self.tr("重新督办原因"), placeholder=self.tr("群众不满意的地方"))
        self.add_combo(
            "department_id", self.tr("承办单位"), self.ref.departments, none_text=self.tr("不变")
        )
        limit = DEFAULT_LIMIT_DAYS
        for choice in self.ref.categories:
            if choice.name == self.detail.row.category:
                limit = self.ref.category_limits.get(choice.id, limit)
        self.add_date(
            "due_date",
            self.tr("新的办理期限"),
            add_working_days(self.ctx.clock().date(), limit),
            self.tr("第 {round} 轮督办").format(round=self.detail.round + 1),
        )

    def build(self) -> Callable[[], Any]:
        """case_actions.reopen."""
        ctx, case_id, reason = self.ctx, self.case_id, self.text("reason")
        due, department = self.day("due_date"), self.choice("department_id", required=False)

        def call() -> Any:
            from stationdesk.services.case_actions import reopen

            return reopen(ctx, case_id, reason, due, department)

        return call


class SuggestionForm(ActionForm):
    """转为代表建议: a new suggestion by a deputy, made from this case."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *args, title=QCoreApplication.translate("CaseDetailDialog", "转为代表建议"), **kwargs
        )
        self.add_combo(
            "deputy_id", self.tr("提出代表"), self.ref.deputies, none_text=self.tr("请选择")
        )
        title = self.tr("关于{topic}的建议").format(
            topic=self.detail.row.category or self.detail.row.excerpt[:12]
        )
        self.add_text(
            "title", self.tr("建议标题"), max_len=TITLE_MAX, multiline=False, initial=title
        )
        body = self.detail.content
        if self.detail.demand:
            body += "\n" + self.tr("群众诉求：{demand}").format(demand=self.detail.demand)
        self.add_text("content", self.tr("建议内容"), max_len=SUGGESTION_MAX, initial=body)
        self.add_text(
            "submitted_to",
            self.tr("提交至"),
            max_len=TITLE_MAX,
            multiline=False,
            placeholder=self.tr("例如：县人大常委会代表工委"),
        )

    def build(self) -> Callable[[], Any]:
        """case_actions.to_suggestion."""
        ctx, case_id = self.ctx, self.case_id
        deputy = self.choice("deputy_id")
        title, content, to = self.text("title"), self.text("content"), self.text("submitted_to")

        def call() -> Any:
            from stationdesk.services.case_actions import to_suggestion

            return to_suggestion(
                ctx, case_id, deputy_id=deputy, title=title, content=content, submitted_to=to
            )

        return call


class MergeForm(ActionForm):
    """合并重复: this case repeats another one; figures count the primary only."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *args, title=QCoreApplication.translate("CaseDetailDialog", "合并重复"), **kwargs
        )
        edit = QLineEdit()
        edit.setPlaceholderText("410205-01-2026-01-00001A")
        edit.setMaxLength(40)
        self.add_field(
            "primary_case_id",
            self.tr("主案件编号"),
            edit,
            self.tr("本案件将作为重复件并入主案件，统计时只计主案件。"),
        )

    def build(self) -> Callable[[], Any]:
        """Find the primary by number, then case_actions.merge_duplicate."""
        ctx, case_id = self.ctx, self.case_id
        number = self.text("primary_case_id").strip()
        if not number:
            raise ValidationError("required", "primary_case_id")
        if number.upper() == self.detail.row.case_no:
            raise ValidationError("merge_into_itself", "primary_case_id")
        return lambda: merge_into_number(ctx, case_id, number)


class CorrectForm(ActionForm):
    """更正: category, department, deputy or due date, with a reason; the history is kept."""

    FIELDS = ("category_id", "department_id", "deputy_id", "due_date")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *args, title=QCoreApplication.translate("CaseDetailDialog", "更正"), **kwargs
        )
        self.field_combo = QComboBox()
        for key in self.FIELDS:
            self.field_combo.addItem(correction_field_name(key), key)
        self.add_field("field", self.tr("更正项目"), self.field_combo)
        self.value_stack = QStackedWidget()
        self.value_widgets: dict[str, QWidget] = {}
        for key, choices in (
            ("category_id", self.ref.categories),
            ("department_id", self.ref.departments),
            ("deputy_id", self.ref.deputies),
        ):
            combo = QComboBox()
            combo.setMaxVisibleItems(20)
            combo.addItem(self.tr("（清空）"), None)
            for choice in choices:
                combo.addItem(choice.name, choice.id)
            self.value_widgets[key] = combo
            self.value_stack.addWidget(combo)
        due = self.detail.row.due_date or self.ctx.clock().date()
        date_edit = QDateEdit(QDate(due.year, due.month, due.day))
        date_edit.setCalendarPopup(True)
        date_edit.setDisplayFormat("yyyy-MM-dd")
        self.value_widgets["due_date"] = date_edit
        self.value_stack.addWidget(date_edit)
        self._preselect()
        self.add_field("value", self.tr("改为"), self.value_stack)
        self.add_text("reason", self.tr("更正原因"), placeholder=self.tr("为什么要更正"))
        self.field_combo.currentIndexChanged.connect(
            lambda i: self.value_stack.setCurrentWidget(self.value_widgets[self.FIELDS[i]])
        )

    def _preselect(self) -> None:
        row = self.detail.row
        for key, choices, name in (
            ("category_id", self.ref.categories, row.category),
            ("department_id", self.ref.departments, row.department),
            ("deputy_id", self.ref.deputies, self.detail.deputy),
        ):
            combo = self.value_widgets[key]
            assert isinstance(combo, QComboBox)
            found = self.id_by_name(choices, name)
            if found:
                combo.setCurrentIndex(combo.findData(found))

    def value(self) -> str | None:
        """The new value of the chosen field (an id or an ISO date; None clears it)."""
        widget = self.value_widgets[self.FIELDS[self.field_combo.currentIndex()]]
        if isinstance(widget, QDateEdit):
            d = widget.date()
            return date(d.year(), d.month(), d.day()).isoformat()
        assert isinstance(widget, QComboBox)
        data = widget.currentData()
        return str(data) if data is not None else None

    def build(self) -> Callable[[], Any]:
        """case_actions.correct."""
        ctx, case_id = self.ctx, self.case_id
        field, value, reason = self.field_combo.currentData(), self.value(), self.text("reason")

        def call() -> Any:
            from stationdesk.services.case_actions import correct

            return correct(ctx, case_id, field, value, reason)

        return call


FORMS: dict[EventKind, type[ActionForm]] = {
    EventKind.ASSIGNED: AssignForm,
    EventKind.PROGRESS: ProgressForm,
    EventKind.CLOSED: CloseForm,
    EventKind.CALLBACK: CallbackForm,
    EventKind.REOPENED: ReopenForm,
    EventKind.TO_SUGGESTION: SuggestionForm,
    EventKind.MERGED: MergeForm,
    EventKind.CORRECTION: CorrectForm,
}


# --- the window -----------------------------------------------------------------------------


class TimelineItem(QFrame):
    """One event: what (with 县级 for county events), when, who, and the details."""

    def __init__(self, entry: TimelineEntry, names: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timelineItem")
        self.setProperty("county", entry.county)
        self.entry = entry
        self.title = QLabel(event_name(entry.kind))
        self.title.setObjectName("timelineKind")
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.title)
        if entry.county:
            badge = QLabel(self.tr("县级"))
            badge.setObjectName("countyBadge")
            top.addWidget(badge)
        top.addStretch(1)
        when = QLabel(short_time(entry.occurred_at))
        when.setObjectName("hint")
        top.addWidget(when)
        actor = entry.actor or (self.tr("县人大常委会") if entry.county else self.tr("未记录"))
        self.who = _plain(self.tr("经办：{actor}").format(actor=actor))
        self.who.setObjectName("hint")
        self.details = _plain(describe_event(entry, names))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.who)
        if self.details.text():
            layout.addWidget(self.details)
        else:
            self.details.hide()

    def text(self) -> str:
        """Everything the entry says, one line per label (tests, accessibility)."""
        parts = [self.title.text()]
        if self.entry.county:
            parts.append(self.tr("县级"))
        parts.append(self.who.text())
        if self.details.text():
            parts.append(self.details.text())
        return " ".join(parts)


def reveal_value(ctx: ServiceContext, visit_id: str, field: str, reason: str) -> str:
    """The audited reveal of a full phone or ID number (DB thread)."""
    from stationdesk.services.reveal import reveal

    return reveal(ctx, visit_id, field, reason)  # type: ignore[arg-type]


class RevealDialog(QDialog):
    """Asks why the full value is needed; the reveal is written to the audit log."""

    # Emitted with the full value after the audited reveal succeeded.
    revealed = Signal(str)

    def __init__(
        self, ctx: ServiceContext, visit_id: str, field: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit_id = visit_id
        self.field = field
        what = self.tr("完整联系电话") if field == "phone" else self.tr("完整身份证号")
        self.setWindowTitle(self.tr("查看{what}").format(what=what))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        note = QLabel(self.tr("查看{what}会记入审计日志。请写明原因：").format(what=what))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setPlaceholderText(self.tr("例如：电话回访需要"))
        self.reason_edit.returnPressed.connect(self.submit)
        layout.addWidget(self.reason_edit)
        self.error_label = QLabel("")
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        self.ok_button = QPushButton(self.tr("查看"))
        self.ok_button.setObjectName("primary")
        self.ok_button.clicked.connect(self.submit)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.resize(420, self.sizeHint().height())

    @Slot()
    def submit(self) -> None:
        """Run the audited reveal on the DB thread."""
        ctx, visit_id, field, reason = self.ctx, self.visit_id, self.field, self.reason_edit.text()
        self.ok_button.setEnabled(False)
        QueryOp(self, lambda: reveal_value(ctx, visit_id, field, reason)).success(
            self._shown
        ).failure(self._failed).run_in_background()

    def _shown(self, value: str) -> None:
        emit(self.revealed, value)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.error_label.setText(message_for(exc))


class CaseDetailDialog(QDialog):
    """One case: header, visitor (masked), content, timeline and the allowed actions."""

    # Emitted each time a (re)loaded detail is on screen.
    loaded = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        case_id: str,
        signals: AppSignals,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self.setStyleSheet(DIALOG_STYLE)
        self.ctx = ctx
        self.case_id = case_id
        self.signals = signals
        self.detail: CaseDetail | None = None
        self.ref: ReferenceData | None = None
        self.form: ActionForm | None = None
        self.reveal_dialog: RevealDialog | None = None
        self.setWindowTitle(self.tr("案件详情"))
        self.setSizeGripEnabled(True)
        self.setMinimumSize(760, 520)
        self._fit_to_screen()

        self.case_no_label = QLabel("…")
        self.case_no_label.setObjectName("pageTitle")
        self.case_no_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel("")
        self.status_label.setObjectName("statusBadge")
        self.meta_label = QLabel("")
        self.meta_label.setObjectName("pageSubtitle")
        self.meta_label.setWordWrap(True)
        self.due_label = QLabel("")
        self.due_label.setObjectName("pageSubtitle")
        head = QHBoxLayout()
        head.setSpacing(12)
        head.addWidget(self.case_no_label)
        head.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        head.addWidget(self.due_label, 0, Qt.AlignmentFlag.AlignVCenter)

        # Left: the visitor and what was raised, in one white card.
        self.info = QWidget()
        self.info.setObjectName("detailInfo")
        self.info_form = QFormLayout(self.info)
        self.info_form.setContentsMargins(16, 12, 16, 12)
        self.info_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.info_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.info_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.info_form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.info_form.setHorizontalSpacing(14)
        self.info_form.setVerticalSpacing(6)
        info_scroll = QScrollArea()
        info_scroll.setObjectName("infoCard")
        info_scroll.setWidgetResizable(True)
        info_scroll.setWidget(self.info)

        # Right: the timeline.
        self.timeline = QWidget()
        self.timeline.setObjectName("timeline")
        self.timeline_layout = QVBoxLayout(self.timeline)
        self.timeline_layout.setContentsMargins(0, 0, 6, 0)
        self.timeline_layout.setSpacing(6)
        self.timeline_layout.addStretch(1)
        self.timeline_scroll = QScrollArea()
        self.timeline_scroll.setObjectName("timelineScroll")
        self.timeline_scroll.setWidgetResizable(True)
        self.timeline_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.timeline_scroll.setWidget(self.timeline)
        # After a (re)load the newest entry is scrolled into view once the layout has settled,
        # until the clerk scrolls the timeline himself.
        self._follow_latest = False
        bar = self.timeline_scroll.verticalScrollBar()
        bar.rangeChanged.connect(self._range_changed)
        bar.actionTriggered.connect(self._user_scrolled)
        self.timeline_title = self._section(self.tr("办理过程"))
        right = QVBoxLayout()
        right.setSpacing(6)
        right.addWidget(self.timeline_title)
        right.addWidget(self.timeline_scroll, 1)

        body = QHBoxLayout()
        body.setSpacing(18)
        body.addWidget(info_scroll, 5)
        body.addLayout(right, 6)

        self.message = QLabel("")
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        self.message.hide()

        self.action_buttons: dict[EventKind, QPushButton] = {}
        actions = QHBoxLayout()
        actions.setSpacing(8)
        for kind in ACTIONS:
            button = QPushButton(action_label(kind))
            button.setObjectName("primary" if kind is EventKind.CALLBACK else "")
            button.clicked.connect(lambda _checked=False, k=kind: self.start_action(k))
            button.hide()
            self.action_buttons[kind] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.reprint_button = QPushButton(self.tr("补打回执"))
        self.reprint_button.clicked.connect(self.reprint)
        self.reprint_button.setVisible(allowed(ctx.actor.role, Action.PRINT_RECEIPT))
        actions.addWidget(self.reprint_button)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        actions.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 16, 22, 14)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.meta_label)
        layout.addSpacing(6)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("divider")
        layout.addWidget(line)
        layout.addLayout(actions)

        signals.changes.connect(self._on_changes)
        self.reload()

    @Slot()
    def reprint(self) -> None:
        """补打回执: the preview; printing adds a 补打回执 event to the timeline."""
        dialog = ReceiptPreviewDialog(
            self.ctx, self.signals, [self.case_id], reprint=True, parent=self
        )
        self.receipt_dialog = dialog
        dialog.open()

    def _fit_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        width, height = 1060, 720
        if screen is not None:
            room = screen.availableGeometry()
            width = min(width, room.width() - 40)
            height = min(height, room.height() - 60)
        self.resize(max(760, width), max(520, height))

    def _section(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionTitle")
        return label

    def open(self) -> None:
        """Show without blocking the rest of the app (QDialog.open() would be window-modal)."""
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.show()
        self.raise_()
        self.activateWindow()

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the case again (DB thread)."""
        ctx, case_id = self.ctx, self.case_id
        QueryOp(self, lambda: load_case(ctx, case_id)).success(self._loaded).failure(
            self._load_failed
        ).run_in_background()

    def _loaded(self, result: tuple[CaseDetail, ReferenceData]) -> None:
        self.show_detail(*result)

    def _load_failed(self, exc: BaseException) -> None:
        self.message.setText(message_for(exc))
        self.message.show()

    def show_detail(self, detail: CaseDetail, ref: ReferenceData) -> None:
        """Put the case on screen (GUI thread)."""
        self.detail, self.ref = detail, ref
        row = detail.row
        self.message.hide()
        self.setWindowTitle(self.tr("案件 {case_no}").format(case_no=row.case_no))
        self.case_no_label.setText(row.case_no)
        self.status_label.setText(status_name(row.status))
        colour = STATUS_COLOURS[row.status]
        self.status_label.setStyleSheet(
            f"color: #ffffff; background: {colour}; border-radius: 4px; padding: 3px 10px;"
        )
        meta = [track_name(row.track), row.category or self.tr("未分类")]
        meta.append(self.tr("登记于 {time}").format(time=short_time(row.registered_at)))
        meta.append(self.tr("第 {round} 轮").format(round=detail.round))
        if detail.merged_into:
            meta.append(self.tr("已并入 {case_no}").format(case_no=detail.merged_into))
        if detail.needs_review:  # resolved in 被县级拒绝的记录 (status bar), by an admin
            meta.append(self.tr("同步冲突待核对：县级有另一版本"))
        self.meta_label.setText("  ·  ".join(meta))
        if row.due_date is None:
            self.due_label.setText(self.tr("办理期限：无"))
            self.due_label.setStyleSheet("")
        elif row.overdue:
            self.due_label.setText(
                self.tr("办理期限：{date}（超期）").format(date=short_date(row.due_date))
            )
            self.due_label.setStyleSheet(f"color: {ALERT_RED}; font-weight: bold;")
        else:
            self.due_label.setText(
                self.tr("办理期限：{date}").format(date=short_date(row.due_date))
            )
            self.due_label.setStyleSheet("")
        self._fill_info(detail)
        self._fill_timeline(detail, ref)
        for kind, button in self.action_buttons.items():
            button.setVisible(self.offers(kind))
        emit(self.loaded)

    def offers(self, kind: EventKind) -> bool:
        """Whether the window offers action kind now (重新督办 only after 不满意)."""
        detail = self.detail
        if detail is None or kind not in detail.allowed:
            return False
        if not allowed(self.ctx.actor.role, Action.ACT_ON_CASE):  # deputies read only
            return False
        if kind is EventKind.REOPENED:
            return detail.row.status is CaseStatus.UNSATISFIED
        return True

    def _add(self, label: str, value: str | None) -> None:
        if value:
            caption = QLabel(label)
            caption.setObjectName("fieldCaption")
            self.info_form.addRow(caption, _plain(value))

    def _add_revealable(self, label: str, masked: str | None, visit_id: str, field: str) -> None:
        """A masked value with a 查看完整 button leading to the audited reveal."""
        if not masked:
            return
        caption = QLabel(label)
        caption.setObjectName("fieldCaption")
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        value = _plain(masked)
        button = QPushButton(self.tr("查看完整"))
        button.setObjectName("linkButton")
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)

        def ask() -> None:
            dialog = RevealDialog(self.ctx, visit_id, field, self)
            dialog.revealed.connect(value.setText)
            dialog.revealed.connect(lambda _v: button.hide())
            self.reveal_dialog = dialog
            dialog.open()

        button.clicked.connect(ask)
        button.setVisible(allowed(self.ctx.actor.role, Action.REVEAL))
        line.addWidget(value)
        line.addWidget(button)
        line.addStretch(1)
        self.info_form.addRow(caption, row)

    def _add_section(self, title: str) -> None:
        label = self._section(title)
        if self.info_form.rowCount():
            label.setContentsMargins(0, 10, 0, 0)
        self.info_form.addRow(label)

    def _fill_info(self, d: CaseDetail) -> None:
        form = self.info_form
        while form.rowCount():
            form.removeRow(0)
        self._add_section(self.tr("来访群众"))
        visitor = d.row.visitor
        if d.people > 1:
            visitor = self.tr("{name} 等 {n} 人（集体来访）").format(name=visitor, n=d.people)
        self._add(self.tr("姓名"), visitor)
        self._add_revealable(self.tr("联系电话"), d.phone_masked, d.visit_id, "phone")
        self._add_revealable(self.tr("身份证号"), d.id_number_masked, d.visit_id, "id_number")
        self._add(self.tr("住址"), mask_address(d.address) if d.address else None)
        self._add(self.tr("村（社区）"), d.village)
        self._add(self.tr("网格"), d.grid)
        channel = channel_name(d.channel)
        if d.hotline_no:
            channel = self.tr("{channel}（工单号 {no}）").format(channel=channel, no=d.hotline_no)
        self._add(self.tr("来源渠道"), channel)
        self._add(self.tr("接待代表"), "、".join(d.deputies_present))
        if d.row.confidential:
            self._add(self.tr("保密"), self.tr("群众要求保密：代表只读视图和台账导出中不显示内容"))
        self._add_section(self.tr("反映问题"))
        self._add(self.tr("问题类别"), d.row.category)
        self._add(self.tr("反映问题"), d.content)
        self._add(self.tr("诉求"), d.demand)
        self._add(self.tr("现场答复"), d.on_spot_answer)
        self._add(self.tr("引导至"), d.referred_to)
        self._add(self.tr("承办单位"), d.row.department)
        self._add(self.tr("负责代表"), d.deputy)
        if d.row.rating:
            self._add(self.tr("满意度"), rating_name(d.row.rating))

    def _fill_timeline(self, d: CaseDetail, ref: ReferenceData) -> None:
        layout = self.timeline_layout
        while layout.count() > 1:  # keep the final stretch
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        names = {c.id: c.name for c in (*ref.categories, *ref.departments, *ref.deputies)}
        # Events of one moment keep their order, except that the registration comes first.
        entries = sorted(
            d.timeline, key=lambda e: (e.occurred_at, e.kind is not EventKind.REGISTERED)
        )
        for entry in entries:
            layout.insertWidget(layout.count() - 1, TimelineItem(entry, names))
        self.timeline_title.setText(self.tr("办理过程（{n} 条）").format(n=len(d.timeline)))
        self._follow_latest = True
        self._scroll_to_latest()

    def _scroll_to_latest(self) -> None:
        bar = self.timeline_scroll.verticalScrollBar()
        bar.setValue(bar.maximum())

    @Slot(int, int)
    def _range_changed(self, _low: int, high: int) -> None:
        if self._follow_latest:
            self.timeline_scroll.verticalScrollBar().setValue(high)

    @Slot(int)
    def _user_scrolled(self, _action: int) -> None:
        self._follow_latest = False

    def timeline_items(self) -> list[TimelineItem]:
        """The timeline entries on screen, oldest first."""
        layout = self.timeline_layout
        items = [layout.itemAt(i).widget() for i in range(layout.count())]
        return [w for w in items if isinstance(w, TimelineItem)]

    def timeline_texts(self) -> list[str]:
        """What each timeline entry says (tests)."""
        return [item.text() for item in self.timeline_items()]

    def offered_actions(self) -> list[EventKind]:
        """The actions with a visible button."""
        return [k for k, b in self.action_buttons.items() if not b.isHidden()]

    # --- actions ------------------------------------------------------------------------

    def start_action(self, kind: EventKind) -> ActionForm | None:
        """Open the small form of action kind (window-modal over this case)."""
        if self.detail is None or self.ref is None or not self.offers(kind):
            return None
        if self.form is not None:
            self.form.close()
        form = FORMS[kind](self.ctx, self.signals, self.detail, self.ref, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.destroyed.connect(lambda _obj=None: self._form_gone(form))
        self.form = form
        form.open()
        return form

    def _form_gone(self, form: ActionForm) -> None:
        if self.form is form:
            self.form = None

    @Slot(object)
    def _on_changes(self, changes: ChangeSet) -> None:
        if self.case_id in changes.ids or (
            self.detail is not None and changes.touches("category", "department", "deputy")
        ):
            self.reload()
