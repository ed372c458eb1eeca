"""今日值班签到: today's planned shifts on the home page, signed in, out or absent from there."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.permissions import Action, allowed
from stationdesk.ui.dialogs import NoteDialog
from stationdesk.ui.duty_dialogs import half_names
from stationdesk.ui.errors import message_for
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op, QueryOp

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.duty import ShiftView

# Tables whose changes can alter the panel.
DUTY_ENTITIES = ("duty_shift", "attendance", "deputy")
PANEL_STYLE = """
#listTitle { font-weight: bold; color: #323f4b; }
QScrollArea#signInList { background: #ffffff; border: 1px solid #dde3ea; border-radius: 6px; }
#signInRows { background: #ffffff; }
#shiftRow { border-bottom: 1px solid #eef1f4; }
#shiftName { color: #1f2933; font-weight: bold; }
#shiftState { color: #616e7c; }
#shiftState[state="signed"] { color: #2e7d32; }
#shiftState[state="absent"] { color: #c62828; }
#emptyText { color: #616e7c; padding: 3px 4px; }
QPushButton#markButton { padding: 2px 10px; min-height: 20px; }
"""


def load_today_shifts(ctx: ServiceContext) -> list[ShiftView]:
    """Today's planned shifts with their attendance (DB thread)."""
    from stationdesk.services.duty import day_shifts

    return day_shifts(ctx)


def _sign_in(ctx: ServiceContext, shift_id: str, note: str | None) -> ChangeSet:
    from stationdesk.services.duty import sign_in

    return sign_in(ctx, shift_id, note)


def _sign_out(ctx: ServiceContext, shift_id: str) -> ChangeSet:
    from stationdesk.services.duty import sign_out

    return sign_out(ctx, shift_id)


def _absent(ctx: ServiceContext, shift_id: str, note: str | None) -> ChangeSet:
    from stationdesk.services.duty import mark_absent

    return mark_absent(ctx, shift_id, note)


def _undo(ctx: ServiceContext, shift_id: str, reason: str) -> ChangeSet:
    from stationdesk.services.duty import undo_last_mark

    return undo_last_mark(ctx, shift_id, reason)


class ShiftRow(QFrame):
    """One shift: 时段 and name, its state, and the marks that state allows."""

    def __init__(self, shift: ShiftView, can_edit: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shiftRow")
        self.shift = shift
        self.name_label = QLabel(
            self.tr("{half} {name}").format(half=half_names()[shift.half], name=shift.deputy_name)
        )
        self.name_label.setObjectName("shiftName")
        self.state_label = QLabel(self.state_text())
        self.state_label.setObjectName("shiftState")
        self.state_label.setProperty(
            "state", "absent" if shift.absent else "signed" if shift.signed_in_at else "open"
        )
        if shift.attendance_note:
            self.state_label.setToolTip(self.tr("说明：{note}").format(note=shift.attendance_note))
        # The row decides in resizeEvent whether name and state fit on one line.
        self.name_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.top.setSpacing(2)
        self.top.addWidget(self.name_label, 1)
        self.top.addWidget(self.state_label)

        self.sign_in_button = QPushButton(self.tr("签到"))
        self.sign_out_button = QPushButton(self.tr("签退"))
        self.absent_button = QPushButton(self.tr("缺席…"))
        self.undo_button = QPushButton(self.tr("撤销…"))
        marked = shift.signed_in_at is not None or shift.absent
        allowed_now = {
            self.sign_in_button: not marked,
            self.sign_out_button: shift.signed_in_at is not None and shift.signed_out_at is None,
            self.absent_button: not marked,
            self.undo_button: marked,
        }
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for button, enabled in allowed_now.items():
            button.setObjectName("markButton")
            button.setEnabled(enabled)
            # Only what the state allows is offered: the row stays narrow enough for the column.
            button.setVisible(enabled)
            row.addWidget(button)
        row.addStretch(1)
        self.buttons.setVisible(can_edit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(self.top)
        layout.addWidget(self.buttons)
        self._one_line(True)

    def _one_line(self, one: bool) -> None:
        self.top.setDirection(
            QBoxLayout.Direction.LeftToRight if one else QBoxLayout.Direction.TopToBottom
        )
        side = Qt.AlignmentFlag.AlignRight if one else Qt.AlignmentFlag.AlignLeft
        self.state_label.setAlignment(side | Qt.AlignmentFlag.AlignVCenter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The state goes under the name when the column is too narrow for both."""
        super().resizeEvent(event)
        margins = self.layout().contentsMargins()
        room = event.size().width() - margins.left() - margins.right()
        need = (
            self.name_label.fontMetrics().horizontalAdvance(self.name_label.text())
            + self.state_label.fontMetrics().horizontalAdvance(self.state_label.text())
            + 16
        )
        self._one_line(need <= room)

    def state_text(self) -> str:
        """未签到 / 已签到 09:02 / 已签退 11:30 / 缺席."""
        shift = self.shift
        if shift.absent:
            return self.tr("缺席")
        if shift.signed_out_at is not None:
            return self.tr("已签退 {time}").format(time=f"{shift.signed_out_at:%H:%M}")
        if shift.signed_in_at is not None:
            return self.tr("已签到 {time}").format(time=f"{shift.signed_in_at:%H:%M}")
        return self.tr("未签到")

    def text(self) -> str:
        """The row as read: 上午 张建国 已签到 09:02."""
        return f"{self.name_label.text()} {self.state_label.text()}"


class DutySignInPanel(QFrame):
    """Today's duty shifts with 签到, 签退, 缺席… and 撤销… (clerks and admins only)."""

    # Emitted on the GUI thread each time the shifts have been put on screen.
    shown = Signal()

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dutySignIn")
        self.setStyleSheet(PANEL_STYLE)
        self._signals = signals
        self._ctx: ServiceContext | None = None
        self._dirty = False
        self.can_edit = False
        self.shifts: list[ShiftView] = []
        self.rows: list[ShiftRow] = []
        self.dialog: NoteDialog | None = None

        self.title_label = QLabel(self.tr("今日值班签到"))
        self.title_label.setObjectName("listTitle")
        self.rows_box = QWidget()
        self.rows_box.setObjectName("signInRows")
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(0)
        self.empty_label = QLabel(self.tr("今天没有安排值班代表"))
        self.empty_label.setObjectName("emptyText")
        self.rows_layout.addWidget(self.empty_label)
        self.rows_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("signInList")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.rows_box)
        self.scroll.setMinimumHeight(72)
        self.error_label = QLabel("")
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.error_label)
        signals.changes.connect(self._on_changes)

    def attach(self, ctx: ServiceContext, *, load: bool = True) -> None:
        """Bind to the signed-in user (the buttons only for those who may edit); load."""
        self._ctx = ctx
        self.can_edit = allowed(ctx.actor.role, Action.EDIT_ROSTER)
        if load:
            self.refresh()

    def refresh(self) -> None:
        """Reload today's shifts (DB thread)."""
        ctx = self._ctx
        self._dirty = False
        if ctx is None:
            return
        QueryOp(self, lambda: load_today_shifts(ctx)).success(self.show_shifts).failure(
            self._error
        ).run_in_background()

    def show_shifts(self, shifts: list[ShiftView]) -> None:
        """Put today's shifts on screen (GUI thread)."""
        self.shifts = shifts
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        self.title_label.setText(self.tr("今日值班签到（{n}）").format(n=len(shifts)))
        self.empty_label.setVisible(not shifts)
        for shift in shifts:
            row = ShiftRow(shift, self.can_edit, self.rows_box)
            shift_id = shift.id
            row.sign_in_button.clicked.connect(lambda _=False, s=shift_id: self.sign_in(s))
            row.sign_out_button.clicked.connect(lambda _=False, s=shift_id: self.sign_out(s))
            row.absent_button.clicked.connect(lambda _=False, s=shift_id: self.ask_absent(s))
            row.undo_button.clicked.connect(lambda _=False, s=shift_id: self.ask_undo(s))
            self.rows_layout.insertWidget(self.rows_layout.count() - 1, row)
            self.rows.append(row)
        emit(self.shown)

    def texts(self) -> list[str]:
        """The rows as read, or the empty line."""
        return [row.text() for row in self.rows] or [self.empty_label.text()]

    def row_for(self, shift_id: str) -> ShiftRow | None:
        """The row of one shift."""
        return next((row for row in self.rows if row.shift.id == shift_id), None)

    def _error(self, exc: BaseException) -> None:
        self.error_label.setText(message_for(exc))
        self.error_label.show()

    def _run(self, fn: Callable[[], ChangeSet], dialog: NoteDialog | None = None) -> None:
        """A mark on the DB thread; a refusal shows in the dialog, else under the list."""
        self.error_label.hide()

        def done(_result: object) -> None:
            if dialog is not None and isValid(dialog):
                dialog.accept()

        def failed(exc: BaseException) -> None:
            if dialog is not None and isValid(dialog):
                dialog.show_error(message_for(exc))
            else:
                self._error(exc)

        Op(self, fn, self._signals).success(done).failure(failed).run_in_background()

    def _shift(self, shift_id: str) -> ShiftView | None:
        return next((s for s in self.shifts if s.id == shift_id), None)

    def _label(self, shift: ShiftView) -> str:
        return self.tr("{half} {name}").format(
            half=half_names()[shift.half], name=shift.deputy_name
        )

    def _open(self, dialog: NoteDialog) -> None:
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.close()
        self.dialog = dialog
        dialog.open()

    @Slot(str)
    def sign_in(self, shift_id: str) -> None:
        """签到 now; when it is late the service asks for a note, and so do we."""
        ctx = self._ctx
        if ctx is None:
            return
        self.error_label.hide()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError) and exc.code == "duty_late_note_required":
                self.ask_late_note(shift_id)
            else:
                self._error(exc)

        Op(self, lambda: _sign_in(ctx, shift_id, None), self._signals).failure(
            failed
        ).run_in_background()

    def ask_late_note(self, shift_id: str) -> None:
        """说明迟到原因, then 签到 again with it."""
        ctx, shift = self._ctx, self._shift(shift_id)
        if ctx is None or shift is None:
            return
        dialog = NoteDialog(
            self.tr("说明迟到原因"),
            self.tr("{shift} 已过签到时间，请填写迟到原因后签到。").format(
                shift=self._label(shift)
            ),
            self.tr("迟到原因"),
            self.tr("签到"),
            placeholder=self.tr("例如：村里临时有事，晚到半小时"),
            parent=self,
        )
        dialog.submitted.connect(
            lambda: self._run(lambda: _sign_in(ctx, shift_id, dialog.text() or None), dialog)
        )
        self._open(dialog)

    @Slot(str)
    def sign_out(self, shift_id: str) -> None:
        """签退 now."""
        ctx = self._ctx
        if ctx is not None:
            self._run(lambda: _sign_out(ctx, shift_id))

    @Slot(str)
    def ask_absent(self, shift_id: str) -> None:
        """缺席…: the reason when known (请假, 因公外出 …)."""
        ctx, shift = self._ctx, self._shift(shift_id)
        if ctx is None or shift is None:
            return
        dialog = NoteDialog(
            self.tr("记为缺席"),
            self.tr("将 {shift} 记为缺席。").format(shift=self._label(shift)),
            self.tr("原因"),
            self.tr("记为缺席"),
            placeholder=self.tr("选填，例如：请假、因公外出"),
            parent=self,
        )
        dialog.submitted.connect(
            lambda: self._run(lambda: _absent(ctx, shift_id, dialog.text() or None), dialog)
        )
        self._open(dialog)

    @Slot(str)
    def ask_undo(self, shift_id: str) -> None:
        """撤销…: the latest sign-in, sign-out or absence is voided, with a reason."""
        ctx, shift = self._ctx, self._shift(shift_id)
        if ctx is None or shift is None:
            return
        dialog = NoteDialog(
            self.tr("撤销签到记录"),
            self.tr("撤销 {shift} 最近一次的签到、签退或缺席记录（原记录保留备查）。").format(
                shift=self._label(shift)
            ),
            self.tr("撤销原因"),
            self.tr("撤销"),
            placeholder=self.tr("必填，例如：点错了人"),
            parent=self,
        )
        dialog.submitted.connect(
            lambda: self._run(lambda: _undo(ctx, shift_id, dialog.text()), dialog)
        )
        self._open(dialog)

    @Slot(object)
    def _on_changes(self, changes: ChangeSet) -> None:
        if not changes.touches(*DUTY_ENTITIES) or self._ctx is None:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True  # reloaded when the panel is shown again

    def showEvent(self, event: QShowEvent) -> None:
        """Changes made while the home page was hidden are loaded now."""
        super().showEvent(event)
        if self._dirty:
            self.refresh()
