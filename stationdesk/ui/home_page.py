"""The home page (今日): today's figures as large tiles and, under them, today's work lists.

The tiles come first (start-up shows them from plain sqlite3); the duty sign-in panel and the
lists — today's visits, cases due or overdue, call-backs due — load afterwards on the DB
thread. Each case line opens the case (open_case_requested). All refresh when a ChangeSet
touches them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.ui.duty_sign_in import DutySignInPanel
from stationdesk.ui.formatting import long_date
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import QueryOp
from stationdesk.ui.theme import ALERT_RED, set_alert

if TYPE_CHECKING:
    from stationdesk.services.cases import CaseRow
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.dto import TodayOverview

# Tables whose changes can move a figure on this page.
FIGURE_ENTITIES = ("visit", "case_record", "case_event", "station")
# Tables whose changes can alter a list on this page (the duty panel follows its own).
LIST_ENTITIES = FIGURE_ENTITIES
LIST_LIMIT = 100  # lines per list; the header tells the full number
DUE_SOON_DAYS = 3  # "到期" = due within this many days
LIST_REFRESH_MS = 200
LIST_STYLE = """
#listTitle { font-weight: bold; color: #323f4b; }
QListWidget#homeList { background: #ffffff; border: 1px solid #dde3ea; border-radius: 6px; }
QListWidget#homeList::item { padding: 3px 4px; }
QListWidget#homeList::item:hover { background: #f0f4fa; }
"""


@dataclass(frozen=True, slots=True)
class TodayLists:
    """The home page's lists: at most LIST_LIMIT lines each, with the full counts."""

    day: date
    visits: tuple[CaseRow, ...]
    visits_total: int
    due: tuple[CaseRow, ...]
    due_total: int
    callbacks: tuple[CaseRow, ...]
    callbacks_total: int


def load_overview(ctx: ServiceContext) -> TodayOverview:
    """Today's figures; runs on the DB thread (the service import stays off the GUI thread)."""
    from stationdesk.services.overview import today_overview

    return today_overview(ctx)


def load_today_lists(ctx: ServiceContext, limit: int = LIST_LIMIT) -> TodayLists:
    """Today's lists from the case queries (DB thread).

    到期与超期: open cases due within DUE_SOON_DAYS or overdue, most overdue first.
    """
    from stationdesk.services.cases import CaseFilter, list_case_ids, load_rows

    day = ctx.clock().date()
    visit_ids = list_case_ids(ctx, CaseFilter(date_from=day, date_to=day), today=day)
    visits = load_rows(ctx, visit_ids[:limit], today=day)
    # Waiting longest first: the list comes newest first.
    callback_ids = list_case_ids(ctx, CaseFilter(awaiting_callback=True), today=day)[::-1]
    callbacks = load_rows(ctx, callback_ids[:limit], today=day)
    soon = day + timedelta(days=DUE_SOON_DAYS)
    due_ids = list_case_ids(ctx, CaseFilter(due_to=soon, order="due"), today=day)
    due = load_rows(ctx, due_ids[:limit], today=day)
    return TodayLists(
        day=day,
        visits=tuple(visits),
        visits_total=len(visit_ids),
        due=tuple(due),
        due_total=len(due_ids),
        callbacks=tuple(callbacks),
        callbacks_total=len(callback_ids),
    )


class FigureTile(QFrame):
    """One figure: its caption, the big number, and a hint saying what is counted."""

    def __init__(self, caption: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setMinimumSize(150, 128)  # four in a row fit a 1024×768 screen
        self.caption_label = QLabel(caption)
        self.caption_label.setObjectName("tileCaption")
        self.value_label = QLabel("—")
        self.value_label.setObjectName("tileValue")
        self.value_label.setIndent(0)  # a styled QLabel would indent by half an "x"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 14, 22, 14)
        layout.setSpacing(0)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.value_label)
        hint_label = QLabel(hint)
        hint_label.setObjectName("tileHint")
        hint_label.setWordWrap(True)
        layout.addWidget(hint_label)
        layout.addStretch(1)

    def set_value(self, value: int, *, alert: bool = False) -> None:
        """Show value; alert turns the number red."""
        self.value_label.setText(str(value))
        set_alert(self.value_label, alert)


class WorkList(QFrame):
    """A titled list of today's work; clicking a case line (or Enter on it) asks to open it."""

    open_requested = Signal(str)

    def __init__(
        self,
        title: str,
        empty_text: str,
        *,
        opens_cases: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workList")
        self.setStyleSheet(LIST_STYLE)
        self._title = title
        self._empty_text = empty_text
        self.title_label = QLabel(title)
        self.title_label.setObjectName("listTitle")
        self.list = QListWidget()
        self.list.setObjectName("homeList")
        self.list.setMinimumHeight(72)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # A click opens the case at once: nothing stays selected (arrows still move, Enter opens).
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setCursor(Qt.CursorShape.PointingHandCursor)
        self.list.itemClicked.connect(self._on_clicked)
        self.list.installEventFilter(self)
        if not opens_cases:
            self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.list, 1)

    def set_lines(self, lines: list[tuple[str, str | None, bool]], total: int) -> None:
        """Show (text, case id or None, alert) lines; total is the full number of entries."""
        self.title_label.setText(self.tr("{title}（{n}）").format(title=self._title, n=total))
        self.list.clear()
        if not lines:
            item = QListWidgetItem(self._empty_text)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
            return
        for text, case_id, alert in lines:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, case_id)
            item.setToolTip(text)
            if alert:
                item.setForeground(QBrush(QColor(ALERT_RED)))
            if case_id is None:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        self.list.setCurrentRow(-1)
        if total > len(lines):
            more = QListWidgetItem(
                self.tr("还有 {n} 件，请到“办理跟踪”查看").format(n=total - len(lines))
            )
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(more)

    def case_ids(self) -> list[str]:
        """The case ids of the lines, top to bottom."""
        found = (self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count()))
        return [str(case_id) for case_id in found if case_id]

    def texts(self) -> list[str]:
        """The lines as shown."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _on_clicked(self, item: QListWidgetItem) -> None:
        case_id = item.data(Qt.ItemDataRole.UserRole)
        if case_id:
            emit(self.open_requested, str(case_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a line opens its case."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            item = self.list.currentItem()
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
                self._on_clicked(item)
                return True
        return super().eventFilter(watched, event)


class HomePage(QWidget):
    """Today's work at a glance; call attach(ctx) once the station is open."""

    # Emitted on the GUI thread each time new figures have been put on screen.
    figures_shown = Signal()
    # Emitted with a case id when the clerk opens a line of a list.
    open_case_requested = Signal(str)
    # Emitted on the GUI thread each time the lists have been put on screen.
    lists_shown = Signal()

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx: ServiceContext | None = None
        self.overview: TodayOverview | None = None
        self.lists: TodayLists | None = None

        title = QLabel(self.tr("今日概况"))
        title.setObjectName("pageTitle")
        self.date_label = QLabel("")
        self.date_label.setObjectName("pageSubtitle")

        self.tiles = {
            "visits": FigureTile(self.tr("今日接待"), self.tr("批次来访")),
            "residents": FigureTile(self.tr("接待群众人次"), self.tr("来访群众人数合计")),
            "issues": FigureTile(self.tr("今日登记问题"), self.tr("含当场答复的问题")),
            "closed": FigureTile(self.tr("今日办结"), self.tr("今天办结的问题")),
            "open_cases": FigureTile(self.tr("办理中"), self.tr("已交办，尚未办结")),
            "overdue": FigureTile(self.tr("超期"), self.tr("超过办理期限仍未办结")),
            "awaiting_callback": FigureTile(self.tr("待回访"), self.tr("已办结，尚未回访群众")),
        }

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(self.date_label)
        layout.addSpacing(18)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        rows = (
            (self.tr("今日工作"), ["visits", "residents", "issues", "closed"]),
            (self.tr("办理情况"), ["open_cases", "overdue", "awaiting_callback"]),
        )
        for index, (section, keys) in enumerate(rows):
            label = QLabel(section)
            label.setObjectName("sectionTitle")
            if index:
                label.setContentsMargins(0, 14, 0, 0)
            grid.addWidget(label, 2 * index, 0, 1, 4)
            for column, key in enumerate(keys):
                grid.addWidget(self.tiles[key], 2 * index + 1, column)
        self.duty_panel = DutySignInPanel(signals)
        self.work_lists = {
            "visits": WorkList(self.tr("今日接待"), self.tr("今天还没有来访登记")),
            "due": WorkList(self.tr("到期与超期"), self.tr("没有到期或超期的问题")),
            "callbacks": WorkList(self.tr("待回访"), self.tr("没有待回访的问题")),
        }
        for work_list in self.work_lists.values():
            work_list.open_requested.connect(self._open_case)
        section = QLabel(self.tr("今日待办"))
        section.setObjectName("sectionTitle")
        section.setContentsMargins(0, 14, 0, 0)
        grid.addWidget(section, 4, 0, 1, 4)
        grid.addWidget(self.duty_panel, 5, 0)
        for column, key in enumerate(("visits", "due", "callbacks"), start=1):
            grid.addWidget(self.work_lists[key], 5, column)
        grid.setRowStretch(5, 1)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid, 1)

        signals.changes.connect(self._on_changes)
        # "今日" must follow the calendar when the app stays open past midnight.
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(60_000)
        self._day_timer.timeout.connect(self._check_day)
        # The lists cost more than the figures: reload them once per burst of changes, and
        # only while the page is on screen.
        self._lists_dirty = False
        self._lists_timer = QTimer(self)
        self._lists_timer.setSingleShot(True)
        self._lists_timer.setInterval(LIST_REFRESH_MS)
        self._lists_timer.timeout.connect(self.refresh_lists)

    def attach(self, ctx: ServiceContext, overview: TodayOverview | None = None) -> None:
        """Bind to an open station; show overview at once when start-up already loaded it."""
        self._ctx = ctx
        self.duty_panel.attach(ctx, load=False)  # refresh_lists loads it
        self._day_timer.start()
        if overview is not None:
            self.show_overview(overview)
        else:
            self.refresh()
        self.refresh_lists()

    def refresh(self) -> None:
        """Reload today's figures on the DB thread."""
        ctx = self._ctx
        if ctx is None:
            return
        QueryOp(self, lambda: load_overview(ctx)).success(self.show_overview).run_in_background()

    def show_overview(self, overview: TodayOverview) -> None:
        """Put the figures on the tiles (GUI thread)."""
        self.overview = overview
        self.date_label.setText(long_date(overview.day))
        for key, tile in self.tiles.items():
            value = getattr(overview, key)
            tile.set_value(value, alert=key == "overdue" and value > 0)
        emit(self.figures_shown)

    def refresh_lists(self) -> None:
        """Reload today's lists on the DB thread."""
        ctx = self._ctx
        self._lists_timer.stop()
        self._lists_dirty = False
        if ctx is None:
            return
        self.duty_panel.refresh()
        QueryOp(self, lambda: load_today_lists(ctx)).success(self.show_lists).run_in_background()

    def show_lists(self, lists: TodayLists) -> None:
        """Put today's lists on screen (GUI thread)."""
        self.lists = lists
        day = lists.day
        self.work_lists["visits"].set_lines(
            [(self._visit_line(r), r.id, False) for r in lists.visits], lists.visits_total
        )
        self.work_lists["due"].set_lines(
            [(self._due_line(r, day), r.id, r.overdue) for r in lists.due], lists.due_total
        )
        self.work_lists["callbacks"].set_lines(
            [(self._callback_line(r), r.id, False) for r in lists.callbacks],
            lists.callbacks_total,
        )
        emit(self.lists_shown)

    def _visit_line(self, row: CaseRow) -> str:
        moment = row.registered_at
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        return self.tr("{time} {name}\n{text}").format(
            time=moment.strftime("%H:%M"), name=row.visitor, text=row.excerpt
        )

    def _due_line(self, row: CaseRow, day: date) -> str:
        assert row.due_date is not None
        days = (row.due_date - day).days
        if days < 0:
            when = self.tr("超期{n}天").format(n=-days)
        elif days == 0:
            when = self.tr("今天到期")
        else:
            when = self.tr("{n}天后到期").format(n=days)
        return self.tr("{when} {name}\n{text}").format(
            when=when, name=row.visitor, text=row.excerpt
        )

    def _callback_line(self, row: CaseRow) -> str:
        return self.tr("{name} {phone}\n{text}").format(
            name=row.visitor, phone=row.phone or "", text=row.excerpt
        )

    @Slot(str)
    def _open_case(self, case_id: str) -> None:
        emit(self.open_case_requested, case_id)

    @Slot(object)
    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.touches(*FIGURE_ENTITIES):
            self.refresh()
        if changes.touches(*LIST_ENTITIES):
            if self.isVisible():
                self._lists_timer.start()  # a burst of changes reloads the lists once
            else:
                self._lists_dirty = True  # reloaded when the page is shown again

    def showEvent(self, event: QShowEvent) -> None:
        """Lists that changed while the page was hidden are reloaded now."""
        super().showEvent(event)
        if self._lists_dirty:
            self._lists_dirty = False
            self.refresh_lists()

    @Slot()
    def _check_day(self) -> None:
        if self.overview is not None and self.overview.day != date.today():
            self.refresh()
            self.refresh_lists()

    def tile_text(self, key: str) -> str:
        """The number shown on a tile (for tests and accessibility)."""
        return self.tiles[key].value_label.text()
