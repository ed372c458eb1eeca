"""值班安排: the month's duty calendar, the chosen day's shifts and the edits the clerk makes."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from stationdesk.domain.permissions import Action, allowed
from stationdesk.ui.dialogs import FormDialog, NoteDialog
from stationdesk.ui.duty_dialogs import (
    ReassignDialog,
    RotationDialog,
    SwapDialog,
    day_title,
    half_names,
    month_title,
    weekday_names,
)
from stationdesk.ui.errors import message_for
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op, QueryOp
from stationdesk.ui.theme import restyle

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.duty import ShiftView
    from stationdesk.services.roster import DeputySummary

# Tables whose changes can alter what this page shows.
DUTY_ENTITIES = ("duty_shift", "attendance", "deputy")
ROLE_DAY = Qt.ItemDataRole.UserRole  # the cell's date (ISO text)
ROLE_LINES = Qt.ItemDataRole.UserRole + 1  # [(line, narrow line, state, marker, kind), …]
ROLE_PLACE = Qt.ItemDataRole.UserRole + 2  # "month", "other" (another month) or "today"
ROLE_SHIFT = Qt.ItemDataRole.UserRole  # a side-list line's shift id
CELL_POINT_SIZE = 10.0
SMALL_POINT_SIZE = 9.0
SIDE_WIDTH = 260
NARROW_SIDE_WIDTH = 248  # below NARROW_PAGE (a 1024×768 screen) the calendar gets the room
NARROW_PAGE = 960
COLOURS = {
    "planned": "#1f2933",
    "signed": "#2e7d32",
    "absent": "#c62828",
    "cancelled": "#9aa5b1",
}
BACKGROUNDS = {"month": "#ffffff", "other": "#f5f7fa", "today": "#eaf2fd"}
SELECTED_BORDER = "#1a66c9"
PAGE_STYLE = """
QTableWidget#dutyGrid { gridline-color: #e1e6ec; }
#monthLabel { font-size: 14pt; font-weight: bold; color: #1f2933; padding: 0px 8px; }
#legend { color: #52606d; }
#dayPanel { background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px; }
QListWidget#dayShifts { border: none; background: transparent; }
QListWidget#dayShifts::item { padding: 5px 2px; border-bottom: 1px solid #eef1f4; }
QListWidget#dayShifts::item:selected { background: #e6eefb; color: #1f2933; }
#savedMessage { color: #2e7d32; }
QFrame#divider { border: none; border-top: 1px solid #e1e6ec; max-height: 1px; }
QPushButton#shiftAction { padding: 6px 6px; }
"""


def _load(
    ctx: ServiceContext, start: date, end: date
) -> tuple[list[ShiftView], list[DeputySummary]]:
    """The shifts shown in the grid and the serving deputies (DB thread)."""
    from stationdesk.services.duty import shifts_between
    from stationdesk.services.roster import SERVING, list_deputies

    return shifts_between(ctx, start, end), list_deputies(ctx, status=SERVING)


def _add(ctx: ServiceContext, deputy_id: str, day: date, half: str) -> tuple[str, ChangeSet]:
    from stationdesk.services.duty import add_shift

    return add_shift(ctx, deputy_id, day, half)


def _reassign(ctx: ServiceContext, shift_id: str, deputy_id: str, note: str | None) -> ChangeSet:
    from stationdesk.services.duty import reassign_shift

    return reassign_shift(ctx, shift_id, deputy_id, note)


def _swap(ctx: ServiceContext, first_id: str, second_id: str) -> ChangeSet:
    from stationdesk.services.duty import swap_shifts

    return swap_shifts(ctx, first_id, second_id)


def _cancel(ctx: ServiceContext, shift_id: str, reason: str) -> ChangeSet:
    from stationdesk.services.duty import cancel_shift

    return cancel_shift(ctx, shift_id, reason)


def shift_kind(shift: ShiftView) -> str:
    """Planned / signed / absent / cancelled: how a shift is drawn."""
    if shift.status == "cancelled":
        return "cancelled"
    if shift.absent:
        return "absent"
    if shift.signed_in_at is not None:
        return "signed"
    return "planned"


def is_open(shift: ShiftView) -> bool:
    """Still planned and nobody signed on it: it may be changed, swapped or cancelled."""
    return shift.status == "planned" and shift.signed_in_at is None and not shift.absent


class DayCellDelegate(QStyledItemDelegate):
    """Paints a calendar day: its number, then one line per shift ("上午 张建国 已签到").

    A line too wide for the cell drops the state word for its marker (✓ ✗), then the marker;
    the colour still tells the state (see the legend). Lines that do not fit are counted.
    """

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw one day cell."""
        if index.data(ROLE_DAY) is None:  # nothing loaded yet
            return
        painter.save()
        rect = QRect(option.rect)  # type: ignore[attr-defined]
        place = str(index.data(ROLE_PLACE) or "month")
        painter.fillRect(rect, QColor(BACKGROUNDS.get(place, "#ffffff")))
        if option.state & QStyle.StateFlag.State_Selected:  # type: ignore[attr-defined]
            painter.setPen(QPen(QColor(SELECTED_BORDER), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        inner = rect.adjusted(5, 4, -3, -3)
        # Size and wording are chosen for the narrowest column, so every cell looks alike.
        view = self.parent()
        width = inner.width()
        if isinstance(view, QTableWidget):
            width = min(view.columnWidth(c) for c in range(view.columnCount())) - 8
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setPointSizeF(CELL_POINT_SIZE)
        sample = self.tr("上午 张建国")
        if QFontMetrics(font).horizontalAdvance(sample) > width:
            font.setPointSizeF(SMALL_POINT_SIZE)  # a narrow window: a size smaller
        narrow = QFontMetrics(font).horizontalAdvance(sample) > width  # narrower: 上 / 下 / 全
        dim = place == "other"

        day_font = QFont(font)
        day_font.setBold(place == "today")
        painter.setFont(day_font)
        day_colour = "#1a66c9" if place == "today" else "#a3adb8" if dim else "#3e4c59"
        painter.setPen(QColor(day_colour))
        day_text = str(date.fromisoformat(str(index.data(ROLE_DAY))).day)
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, day_text)
        metrics = QFontMetrics(font)
        if place == "today":
            today_text = self.tr("今天")
            left = inner.left() + QFontMetrics(day_font).horizontalAdvance(day_text) + 6
            painter.setFont(font)
            painter.drawText(
                QRect(left, inner.top(), inner.right() - left, metrics.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                today_text,
            )

        lines = list(index.data(ROLE_LINES) or [])
        line_height = metrics.height() + 1
        top = inner.top() + metrics.height() + 3
        room = max(0, (inner.bottom() - top + 1) // line_height)
        shown = lines if len(lines) <= room else lines[: max(0, room - 1)]
        for main, short, word, marker, kind in shown:
            line_font = QFont(font)
            line_font.setStrikeOut(kind == "cancelled")
            painter.setFont(line_font)
            colour = QColor(COLOURS.get(kind, COLOURS["planned"]))
            if dim:
                colour.setAlpha(120)
            painter.setPen(colour)
            name = short if narrow else main
            left, right = self.fit_line(metrics, name, (word, marker), inner.width())
            box = QRect(inner.left(), top, inner.width(), line_height)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
            if right:  # the state lines up at the cell's right edge
                painter.setFont(font)
                painter.drawText(
                    box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right
                )
            top += line_height
        if len(shown) < len(lines):
            painter.setFont(font)
            painter.setPen(QColor("#616e7c"))
            more = self.tr("另有 {n} 班…").format(n=len(lines) - len(shown))
            painter.drawText(
                QRect(inner.left(), top, inner.width(), line_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(more, Qt.TextElideMode.ElideRight, inner.width()),
            )
        painter.restore()

    @staticmethod
    def fit_line(
        metrics: QFontMetrics, name: str, states: tuple[str, str], width: int
    ) -> tuple[str, str]:
        """The fullest (left, right) form of a shift line that fits `width`.

        states: the word ("已签到") and its marker ("✓"); the name is elided only when alone
        it is too wide.
        """
        gap = 4
        for state in (*(s for s in states if s), ""):
            need = metrics.horizontalAdvance(name)
            if state:
                need += gap + metrics.horizontalAdvance(state)
            if need <= width:
                return name, state
        return metrics.elidedText(name, Qt.TextElideMode.ElideRight, width), ""


class DutyPage(QWidget):
    """The month calendar on the left, the chosen day's shifts and the edits on the right."""

    # 打印值班公示…: the notice starts on this date (the chosen day, else today).
    notice_requested = Signal(object)
    # Emitted on the GUI thread each time a month has been put on screen.
    month_shown = Signal()

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dutyPage")
        self.setStyleSheet(PAGE_STYLE)
        self._signals = signals
        self._ctx: ServiceContext | None = None
        self._dirty = False
        today = date.today()
        self.today = today
        self.year, self.month = today.year, today.month
        self.selected_day: date = today
        self.shifts: list[ShiftView] = []
        self.deputies: list[tuple[str, str]] = []
        self.can_edit = False
        self.dialog: QDialog | None = None  # the open 换人 / 调换 / 取消 / 生成轮值 dialog
        self.notice_requested.connect(self.open_notice)

        title = QLabel(self.tr("值班安排"))
        title.setObjectName("pageTitle")
        self.rotation_button = QPushButton(self.tr("生成轮值…"))
        self.rotation_button.clicked.connect(self.open_rotation)
        self.notice_button = QPushButton(self.tr("打印值班公示…"))
        self.notice_button.clicked.connect(self.request_notice)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.rotation_button)
        head.addWidget(self.notice_button)

        self.previous_button = QPushButton(self.tr("‹ 上个月"))
        self.previous_button.clicked.connect(lambda: self.go_month(-1))
        self.month_label = QLabel("")
        self.month_label.setObjectName("monthLabel")
        self.next_button = QPushButton(self.tr("下个月 ›"))
        self.next_button.clicked.connect(lambda: self.go_month(1))
        self.this_month_button = QPushButton(self.tr("本月"))
        self.this_month_button.clicked.connect(self.go_this_month)
        self.legend = QLabel(self._legend_html())
        self.legend.setObjectName("legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        months = QHBoxLayout()
        months.setSpacing(6)
        months.addWidget(self.previous_button)
        months.addWidget(self.month_label)
        months.addWidget(self.next_button)
        months.addSpacing(6)
        months.addWidget(self.this_month_button)
        months.addStretch(1)
        months.addWidget(self.legend)

        self.grid = QTableWidget(6, 7)
        self.grid.setObjectName("dutyGrid")
        self.grid.setHorizontalHeaderLabels(list(weekday_names()))
        self.grid.verticalHeader().hide()
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.horizontalHeader().setHighlightSections(False)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setItemDelegate(DayCellDelegate(self.grid))
        self.grid.setMinimumHeight(6 * 62)
        self.grid.currentCellChanged.connect(self._on_cell)

        # the chosen day
        self.day_label = QLabel("")
        self.day_label.setObjectName("sectionTitle")
        self.shift_list = QListWidget()
        self.shift_list.setObjectName("dayShifts")
        self.shift_list.setWordWrap(True)
        self.shift_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.shift_list.currentRowChanged.connect(self._update_buttons)
        self.reassign_button = QPushButton(self.tr("换人…"))
        self.reassign_button.clicked.connect(self.open_reassign)
        self.swap_button = QPushButton(self.tr("调换…"))
        self.swap_button.clicked.connect(self.open_swap)
        self.cancel_button = QPushButton(self.tr("取消值班…"))
        self.cancel_button.clicked.connect(self.open_cancel)
        self.shift_actions = QWidget()
        actions = QHBoxLayout(self.shift_actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(4)
        for button in (self.reassign_button, self.swap_button, self.cancel_button):
            button.setObjectName("shiftAction")
            actions.addWidget(button)
        actions.addStretch(1)

        self.add_box = QWidget()
        self.deputy_combo = QComboBox()
        self.deputy_combo.setMinimumContentsLength(6)
        self.half_combo = QComboBox()
        for code, name in half_names().items():
            self.half_combo.addItem(name, code)
        self.add_button = QPushButton(self.tr("添加值班"))
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add_shift)
        add_title = QLabel(self.tr("添加值班"))
        add_title.setObjectName("sectionTitle")
        pick = QHBoxLayout()
        pick.setSpacing(6)
        pick.addWidget(self.deputy_combo, 1)
        pick.addWidget(self.half_combo)
        add_layout = QVBoxLayout(self.add_box)
        add_layout.setContentsMargins(0, 0, 0, 0)
        add_layout.setSpacing(8)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("divider")
        add_layout.addWidget(line)
        add_layout.addWidget(add_title)
        add_layout.addLayout(pick)
        add_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("formError")
        self.message.hide()

        panel = QFrame()
        panel.setObjectName("dayPanel")
        panel.setFixedWidth(SIDE_WIDTH)
        self.day_panel = panel
        side = QVBoxLayout(panel)
        side.setContentsMargins(14, 14, 14, 14)
        side.setSpacing(8)
        side.addWidget(self.day_label)
        side.addWidget(self.shift_list, 1)
        side.addWidget(self.shift_actions)
        side.addWidget(self.add_box)
        side.addWidget(self.message)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self.grid, 1)
        body.addWidget(panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addLayout(months)
        layout.addLayout(body, 1)

        signals.changes.connect(self._on_changes)
        self._show_month_title()
        self._update_buttons()

    def _legend_html(self) -> str:
        entries = (
            (COLOURS["planned"], "", self.tr("未签到")),
            (COLOURS["signed"], "", self.tr("✓ 已签到")),
            (COLOURS["absent"], "", self.tr("✗ 缺席")),
            (COLOURS["cancelled"], "text-decoration: line-through;", self.tr("已取消")),
            ("#1a66c9", f"background: {BACKGROUNDS['today']};", self.tr("今天")),
        )
        return "&nbsp;&nbsp;&nbsp;".join(
            f'<span style="color: {colour}; {extra}">&nbsp;{text}&nbsp;</span>'
            for colour, extra, text in entries
        )

    # --- binding and loading --------------------------------------------------------------

    def attach(self, ctx: ServiceContext) -> None:
        """Bind to the signed-in user: this month, today chosen; edits only for clerks/admins."""
        self._ctx = ctx
        self.today = ctx.clock().date()
        self.year, self.month = self.today.year, self.today.month
        self.selected_day = self.today
        self.can_edit = allowed(ctx.actor.role, Action.EDIT_ROSTER)
        for widget in (self.rotation_button, self.shift_actions, self.add_box):
            widget.setVisible(self.can_edit)
        self.refresh()

    def detach(self) -> None:
        """Signed out: forget the context and everything shown."""
        self._ctx = None
        self.shifts = []
        self.deputies = []
        self.deputy_combo.clear()
        self.grid.clearContents()
        self.shift_list.clear()
        self._say("")
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.close()
        self.dialog = None

    def grid_range(self) -> tuple[date, date]:
        """The first and last day the grid shows (whole weeks, Monday first)."""
        weeks = calendar.Calendar(0).monthdatescalendar(self.year, self.month)
        return weeks[0][0], weeks[-1][-1]

    def refresh(self) -> None:
        """Reload the shown weeks and the serving deputies (DB thread)."""
        ctx = self._ctx
        self._dirty = False
        if ctx is None:
            return
        self.today = ctx.clock().date()  # the app may stay open past midnight
        start, end = self.grid_range()
        QueryOp(self, lambda: _load(ctx, start, end)).success(self._show).failure(
            self._failed
        ).run_in_background()

    def _show(self, result: tuple[list[ShiftView], list[DeputySummary]]) -> None:
        self.shifts, deputies = result
        self.deputies = [(d.id, d.name) for d in deputies]
        chosen = self.deputy_combo.currentData()
        self.deputy_combo.clear()
        for deputy_id, name in self.deputies:
            self.deputy_combo.addItem(name, deputy_id)
        if chosen is not None and self.deputy_combo.findData(chosen) >= 0:
            self.deputy_combo.setCurrentIndex(self.deputy_combo.findData(chosen))
        self._fill_grid()
        self._show_day()
        emit(self.month_shown)

    def _failed(self, exc: BaseException) -> None:
        self._say(message_for(exc), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        restyle(self.message, "formError" if error else "savedMessage")
        self.message.setVisible(bool(text))

    # --- the month grid ---------------------------------------------------------------------

    def _show_month_title(self) -> None:
        self.month_label.setText(month_title(self.year, self.month))

    def shifts_on(self, day: date) -> list[ShiftView]:
        """The loaded shifts of one day, cancelled ones included."""
        return [s for s in self.shifts if s.day == day]

    def _cell_lines(self, day: date) -> list[tuple[str, str, str, str, str]]:
        halves = half_names()
        narrow = {"am": self.tr("上"), "pm": self.tr("下"), "day": self.tr("全")}
        out = []
        for s in self.shifts_on(day):
            kind = shift_kind(s)
            main = self.tr("{half} {name}").format(half=halves[s.half], name=s.deputy_name)
            short = self.tr("{half} {name}").format(half=narrow[s.half], name=s.deputy_name)
            word, marker = {
                "planned": ("", ""),
                "signed": (
                    self.tr("已签退") if s.signed_out_at else self.tr("已签到"),
                    self.tr("✓"),
                ),
                "absent": (self.tr("缺席"), self.tr("✗")),
                "cancelled": (self.tr("已取消"), ""),
            }[kind]
            out.append((main, short, word, marker, kind))
        return out

    def _fill_grid(self) -> None:
        weeks = calendar.Calendar(0).monthdatescalendar(self.year, self.month)
        self.grid.blockSignals(True)
        self.grid.clearContents()
        self.grid.setRowCount(len(weeks))
        for row, week in enumerate(weeks):
            for col, day in enumerate(week):
                lines = self._cell_lines(day)
                place = (
                    "today"
                    if day == self.today
                    else "month"
                    if day.month == self.month
                    else "other"
                )
                item = QTableWidgetItem()
                item.setData(ROLE_DAY, day.isoformat())
                item.setData(ROLE_LINES, lines)
                item.setData(ROLE_PLACE, place)
                full = [" ".join(p for p in (line[0], line[2]) if p) for line in lines]
                item.setData(Qt.ItemDataRole.DisplayRole, "\n".join([str(day.day), *full]))
                item.setToolTip("\n".join([day_title(day), *full]))
                self.grid.setItem(row, col, item)
                if day == self.selected_day:
                    self.grid.setCurrentCell(row, col)
        self.grid.blockSignals(False)
        self._show_month_title()

    def cell_for(self, day: date) -> tuple[int, int] | None:
        """The (row, column) showing `day`, when the grid shows it."""
        start, end = self.grid_range()
        if not start <= day <= end:
            return None
        offset = (day - start).days
        return offset // 7, offset % 7

    def cell_lines(self, day: date) -> list[str]:
        """A day's shift lines in full ("上午 张建国 已签到"), as its tooltip has them."""
        place = self.cell_for(day)
        if place is None:
            return []
        item = self.grid.item(*place)
        text = str(item.data(Qt.ItemDataRole.DisplayRole)) if item else ""
        return text.split("\n")[1:]

    @Slot(int, int, int, int)
    def _on_cell(self, row: int, col: int, _old_row: int, _old_col: int) -> None:
        item = self.grid.item(row, col)
        if item is None:
            return
        self.selected_day = date.fromisoformat(str(item.data(ROLE_DAY)))
        self._say("")
        self._show_day()

    def select_day(self, day: date) -> None:
        """Choose a day; another month's day turns the calendar to that month."""
        self.selected_day = day
        if (day.year, day.month) != (self.year, self.month):
            self.year, self.month = day.year, day.month
            self._show_month_title()
            self.refresh()
            return
        place = self.cell_for(day)
        if place is not None:
            self.grid.setCurrentCell(*place)
        self._show_day()

    def go_month(self, step: int) -> None:
        """‹ 上个月 / 下个月 ›: the first of that month is chosen (today in the current month)."""
        index = self.year * 12 + self.month - 1 + step
        year, month = divmod(index, 12)
        first = date(year, month + 1, 1)
        self._say("")
        self.select_day(
            self.today if (self.today.year, self.today.month) == (year, month + 1) else first
        )

    @Slot()
    def go_this_month(self) -> None:
        """本月: back to today."""
        self._say("")
        self.select_day(self.today)

    # --- the chosen day ---------------------------------------------------------------------

    def _show_day(self) -> None:
        day = self.selected_day
        chosen = self.selected_shift()
        self.day_label.setText(day_title(day))
        self.shift_list.clear()
        shifts = self.shifts_on(day)
        halves = half_names()
        for s in shifts:
            text = self.tr("{half}  {name}  {state}").format(
                half=halves[s.half], name=s.deputy_name, state=self.state_text(s)
            )
            for note in (s.note, s.attendance_note):
                if note:
                    text += "\n" + self.tr("说明：{note}").format(note=note)
            item = QListWidgetItem(text)
            item.setData(ROLE_SHIFT, s.id)
            item.setToolTip(text)
            colour = COLOURS[shift_kind(s)]
            item.setForeground(QColor(colour))
            self.shift_list.addItem(item)
        if not shifts:
            item = QListWidgetItem(self.tr("这一天没有值班安排"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.shift_list.addItem(item)
        elif len(shifts) == 1:
            self.shift_list.setCurrentRow(0)
        elif chosen is not None:
            self.select_shift(chosen.id)  # the same shift stays chosen after a reload
        self._update_buttons()

    def state_text(self, shift: ShiftView) -> str:
        """未签到 / 已签到 09:02 / 已签退 11:30 / 缺席 / 已取消."""
        if shift.status == "cancelled":
            return self.tr("已取消")
        if shift.absent:
            return self.tr("缺席")
        if shift.signed_out_at is not None:
            return self.tr("已签退 {time}").format(time=f"{shift.signed_out_at:%H:%M}")
        if shift.signed_in_at is not None:
            return self.tr("已签到 {time}").format(time=f"{shift.signed_in_at:%H:%M}")
        return self.tr("未签到")

    def day_lines(self) -> list[str]:
        """The chosen day's side list as shown."""
        return [self.shift_list.item(i).text() for i in range(self.shift_list.count())]

    def selected_shift(self) -> ShiftView | None:
        """The shift chosen in the side list."""
        item = self.shift_list.currentItem()
        shift_id = item.data(ROLE_SHIFT) if item is not None else None
        return next((s for s in self.shifts if s.id == shift_id), None)

    def select_shift(self, shift_id: str) -> None:
        """Choose a shift of the chosen day in the side list."""
        for row in range(self.shift_list.count()):
            if self.shift_list.item(row).data(ROLE_SHIFT) == shift_id:
                self.shift_list.setCurrentRow(row)
                return

    @Slot()
    def _update_buttons(self) -> None:
        shift = self.selected_shift()
        changeable = shift is not None and is_open(shift)
        for button in (self.reassign_button, self.swap_button, self.cancel_button):
            button.setEnabled(changeable and self._ctx is not None)
        self.add_button.setEnabled(bool(self.deputies) and self._ctx is not None)

    def _shift_text(self, shift: ShiftView) -> str:
        return self.tr("{day} {half} {name}").format(
            day=day_title(shift.day), half=half_names()[shift.half], name=shift.deputy_name
        )

    # --- edits ------------------------------------------------------------------------------

    @Slot()
    def add_shift(self) -> None:
        """添加值班: the chosen deputy on the chosen day and half."""
        ctx = self._ctx
        deputy_id = self.deputy_combo.currentData()
        if ctx is None or deputy_id is None:
            return
        day, half = self.selected_day, str(self.half_combo.currentData())
        text = self.tr("已安排 {name} {day} {half}值班。").format(
            name=self.deputy_combo.currentText(),
            day=day_title(day),
            half=self.half_combo.currentText(),
        )
        self._say("")
        Op(self, lambda: _add(ctx, str(deputy_id), day, half), self._signals).success(
            lambda _id: self._say(text)
        ).failure(self._failed).run_in_background()

    def _run_dialog_op(
        self, dialog: FormDialog, fn: Callable[[], ChangeSet], done_text: str
    ) -> None:
        """Run a dialog's edit; success closes it, a refusal is shown in it."""

        def done(_result: object) -> None:
            dialog.accept()
            self._say(done_text)

        def failed(exc: BaseException) -> None:
            dialog.show_error(message_for(exc))

        Op(self, fn, self._signals).success(done).failure(failed).run_in_background()

    @Slot()
    def open_reassign(self) -> None:
        """换人…: another serving deputy takes the chosen shift."""
        ctx, shift = self._ctx, self.selected_shift()
        if ctx is None or shift is None:
            return
        others = [(i, n) for i, n in self.deputies if i != shift.deputy_id]
        dialog = ReassignDialog(self._shift_text(shift), others, self)
        shift_id = shift.id

        def submit() -> None:
            deputy_id, note = dialog.deputy_id(), dialog.note()
            text = self.tr("已改由 {name} 值班。").format(name=dialog.deputy_combo.currentText())
            self._run_dialog_op(dialog, lambda: _reassign(ctx, shift_id, deputy_id, note), text)

        dialog.submitted.connect(submit)
        self._open(dialog)

    def swap_candidates(self, shift: ShiftView) -> list[ShiftView]:
        """Shifts of the shown month the chosen one may exchange deputies with."""
        return [
            s
            for s in self.shifts
            if s.id != shift.id
            and is_open(s)
            and s.deputy_id != shift.deputy_id
            and (s.day.year, s.day.month) == (self.year, self.month)
        ]

    @Slot()
    def open_swap(self) -> None:
        """调换…: exchange deputies with another shift of the month."""
        ctx, shift = self._ctx, self.selected_shift()
        if ctx is None or shift is None:
            return
        candidates = self.swap_candidates(shift)
        if not candidates:
            self._say(self.tr("这个月没有可以调换的其他班次。"), error=True)
            return
        dialog = SwapDialog(
            self._shift_text(shift), [(s.id, self._shift_text(s)) for s in candidates], self
        )
        shift_id = shift.id

        def submit() -> None:
            other = dialog.other_id()
            text = self.tr("已调换：{a} ⇄ {b}。").format(
                a=self._shift_text(shift), b=dialog.shift_combo.currentText()
            )
            self._run_dialog_op(dialog, lambda: _swap(ctx, shift_id, other), text)

        dialog.submitted.connect(submit)
        self._open(dialog)

    @Slot()
    def open_cancel(self) -> None:
        """取消值班…: with a reason (required)."""
        ctx, shift = self._ctx, self.selected_shift()
        if ctx is None or shift is None:
            return
        dialog = NoteDialog(
            self.tr("取消值班"),
            self.tr("取消 {shift} 的值班。取消后在日历上以灰色显示。").format(
                shift=self._shift_text(shift)
            ),
            self.tr("取消原因"),
            self.tr("取消值班"),
            placeholder=self.tr("必填，例如：县人大集中培训"),
            parent=self,
        )
        dialog.cancel_button.setText(self.tr("不取消"))
        shift_id = shift.id

        def submit() -> None:
            reason = dialog.text()
            text = self.tr("已取消 {shift} 的值班。").format(shift=self._shift_text(shift))
            self._run_dialog_op(dialog, lambda: _cancel(ctx, shift_id, reason), text)

        dialog.submitted.connect(submit)
        self._open(dialog)

    @Slot()
    def open_rotation(self) -> None:
        """生成轮值…: the shown month's rotation, previewed before it is saved."""
        ctx = self._ctx
        if ctx is None:
            return
        dialog = RotationDialog(ctx, self._signals, self.year, self.month, self.deputies, self)
        dialog.saved.connect(lambda n: self._say(self.tr("已生成 {n} 个班次。").format(n=n)))
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.close()
        self.dialog = dialog
        dialog.open()

    @Slot()
    def request_notice(self) -> None:
        """打印值班公示…: ask for the notice from the chosen day (today when none)."""
        emit(self.notice_requested, self.selected_day or self.today)

    @Slot(object)
    def open_notice(self, day: date) -> None:
        """The 值班公示 PDF from `day` for two weeks: preview, print, save."""
        from stationdesk.ui.document_output import offer_pdf

        ctx = self._ctx
        if ctx is None:
            return
        if self.dialog is not None and isValid(self.dialog):
            self.dialog.close()
        self.dialog = offer_pdf(self, ctx, "duty_notice", start=day)

    # --- changes ----------------------------------------------------------------------------

    @Slot(object)
    def _on_changes(self, changes: ChangeSet) -> None:
        if not changes.touches(*DUTY_ENTITIES):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True  # reloaded when the page is shown again

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrow window gives the day panel's spare width to the calendar."""
        super().resizeEvent(event)
        narrow = event.size().width() < NARROW_PAGE
        self.day_panel.setFixedWidth(NARROW_SIDE_WIDTH if narrow else SIDE_WIDTH)

    def showEvent(self, event: QShowEvent) -> None:
        """Changes made while the page was hidden are loaded now."""
        super().showEvent(event)
        if self._dirty:
            self.refresh()
