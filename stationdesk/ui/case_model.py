"""The lazy case table: the model holds only the matching ids and loads rows per block.

How rows load (DB thread, never a synchronous fetch on the GUI thread):

* The page runs one QueryOp that returns every matching id *and* the rows of the block on
  screen (`query_cases`), so the first screen is painted after a single round trip.
* When the view asks for a row whose block is not cached, `data()` answers with a "…"
  placeholder and notes the block; a zero-delay timer then sends the noted blocks to the DB
  thread, one `load_rows` call of `BLOCK_SIZE` ids each (QueryOp). When a block arrives the
  model stores it and emits dataChanged for its rows, and the view repaints them.
* Blocks live in an LRU cache of `CACHE_BLOCKS` blocks; a new id list (new filter, or a
  refresh after a change) starts a new generation and blocks of an older one are dropped.

The view must not measure rows or columns from their contents (no ResizeToContents): that
would ask for every row.

Also here: the translated on-screen names of statuses, tracks, ratings, channels and event
kinds, shared by the case list, the case detail and the home page.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from stationdesk.domain.enums import CaseStatus, Channel, EventKind, Rating, Track
from stationdesk.ui.signals import emit
from stationdesk.ui.tasks import QueryOp

if TYPE_CHECKING:
    from stationdesk.services.cases import CaseRow
    from stationdesk.services.context import ServiceContext

log = logging.getLogger(__name__)

BLOCK_SIZE = 200
CACHE_BLOCKS = 16
PLACEHOLDER = "…"

ALERT_RED = "#c62828"
STATUS_COLOURS: dict[CaseStatus, str] = {
    CaseStatus.PENDING: "#b35c00",
    CaseStatus.IN_PROGRESS: "#1a66c9",
    CaseStatus.CLOSED: "#6a3fb5",
    CaseStatus.UNSATISFIED: ALERT_RED,
    CaseStatus.DONE: "#2e7d32",
    CaseStatus.MERGED: "#7b8794",
}

CaseIndex = QModelIndex | QPersistentModelIndex


# --- on-screen names ------------------------------------------------------------------------


def status_name(status: CaseStatus) -> str:
    """The status as the clerk reads it: 待办理, 办理中, 已办结，待回访 and so on."""
    names = {
        CaseStatus.PENDING: QCoreApplication.translate("cases", "待办理"),
        CaseStatus.IN_PROGRESS: QCoreApplication.translate("cases", "办理中"),
        CaseStatus.CLOSED: QCoreApplication.translate("cases", "已办结，待回访"),
        CaseStatus.UNSATISFIED: QCoreApplication.translate("cases", "不满意，待重新督办"),
        CaseStatus.DONE: QCoreApplication.translate("cases", "已回访闭环"),
        CaseStatus.MERGED: QCoreApplication.translate("cases", "已合并"),
    }
    return names[CaseStatus(status)]


def track_name(track: Track) -> str:
    """现场办结, 联络站督办, 形成建议交办."""
    names = {
        Track.ON_SPOT: QCoreApplication.translate("cases", "现场办结"),
        Track.SUPERVISE: QCoreApplication.translate("cases", "联络站督办"),
        Track.SUGGESTION: QCoreApplication.translate("cases", "形成建议交办"),
    }
    return names[Track(track)]


def rating_name(rating: Rating) -> str:
    """满意, 基本满意, 不满意."""
    names = {
        Rating.SATISFIED: QCoreApplication.translate("cases", "满意"),
        Rating.BASICALLY: QCoreApplication.translate("cases", "基本满意"),
        Rating.UNSATISFIED: QCoreApplication.translate("cases", "不满意"),
    }
    return names[Rating(rating)]


def channel_name(channel: Channel) -> str:
    """来访, 电话, 扫码 … (domain.md's list)."""
    names = {
        Channel.WALK_IN: QCoreApplication.translate("cases", "来访"),
        Channel.PHONE: QCoreApplication.translate("cases", "电话"),
        Channel.QR: QCoreApplication.translate("cases", "扫码"),
        Channel.GRID_WORKER: QCoreApplication.translate("cases", "网格员/民情联络员转来"),
        Channel.HOTLINE: QCoreApplication.translate("cases", "12345热线转来"),
        Channel.DEPUTY_VISIT: QCoreApplication.translate("cases", "代表走访收集"),
        Channel.LETTER: QCoreApplication.translate("cases", "信件"),
        Channel.MOBILE_STATION: QCoreApplication.translate("cases", "流动工作站"),
    }
    return names[Channel(channel)]


def event_name(kind: EventKind) -> str:
    """The timeline's word for an event kind: 登记, 交办, 办结, 回访 and so on."""
    names = {
        EventKind.REGISTERED: QCoreApplication.translate("cases", "登记"),
        EventKind.ASSIGNED: QCoreApplication.translate("cases", "交办"),
        EventKind.PROGRESS: QCoreApplication.translate("cases", "办理进度"),
        EventKind.TO_SUGGESTION: QCoreApplication.translate("cases", "转为代表建议"),
        EventKind.CLOSED: QCoreApplication.translate("cases", "办结"),
        EventKind.CALLBACK: QCoreApplication.translate("cases", "回访"),
        EventKind.REOPENED: QCoreApplication.translate("cases", "重新督办"),
        EventKind.DUE_CHANGED: QCoreApplication.translate("cases", "调整办理期限"),
        EventKind.COUNTY_REPLY: QCoreApplication.translate("cases", "县级答复"),
        EventKind.CORRECTION: QCoreApplication.translate("cases", "更正"),
        EventKind.REPRINTED: QCoreApplication.translate("cases", "补打回执"),
        EventKind.MERGED: QCoreApplication.translate("cases", "合并重复"),
    }
    return names[EventKind(kind)]


def callback_method_name(method: str) -> str:
    """How the resident was reached at the call-back (case_actions.CALLBACK_METHODS)."""
    names = {
        "phone": QCoreApplication.translate("cases", "电话回访"),
        "visit": QCoreApplication.translate("cases", "上门回访"),
        "in_station": QCoreApplication.translate("cases", "来站当面回访"),
        "other": QCoreApplication.translate("cases", "其他方式"),
    }
    return names.get(method, method)


def local_time(moment: datetime) -> datetime:
    """An aware time in the PC's zone, naive (what Qt formats); naive times pass unchanged."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone().replace(tzinfo=None)


def short_time(moment: datetime) -> str:
    """2026-11-26 14:32 (local time)."""
    return local_time(moment).strftime("%Y-%m-%d %H:%M")


def short_date(day: date) -> str:
    """2026-11-26."""
    return day.isoformat()


# --- the DB-thread functions ----------------------------------------------------------------


def make_filter(values: dict[str, Any]) -> Any:
    """cases.CaseFilter from the page's filter values (DB thread: keeps SQLAlchemy off start-up)."""
    from stationdesk.services.cases import CaseFilter

    return CaseFilter(**values)


def query_cases(
    ctx: ServiceContext, values: dict[str, Any], around: int = 0, block_size: int = BLOCK_SIZE
) -> tuple[list[str], int, list[CaseRow]]:
    """Every matching id, plus the rows of the block holding row `around` (DB thread)."""
    from stationdesk.services.cases import list_case_ids, load_rows

    ids = list_case_ids(ctx, make_filter(values))
    block = min(max(0, around), max(0, len(ids) - 1)) // block_size
    return ids, block, load_rows(ctx, ids[block * block_size : (block + 1) * block_size])


def fetch_rows(ctx: ServiceContext, ids: Sequence[str]) -> list[CaseRow]:
    """The list rows of ids (DB thread)."""
    from stationdesk.services.cases import load_rows

    return load_rows(ctx, ids)


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    """One row ready to paint: texts per column and the colours."""

    row: CaseRow
    texts: tuple[str, ...]
    status_colour: QColor
    overdue: bool


class CaseTableModel(QAbstractTableModel):
    """A read-only table of cases over an id list; rows arrive per block from the DB thread."""

    # Emitted after a block of rows arrived and was announced with dataChanged.
    rows_loaded = Signal(int, int)  # first row, last row

    COL_CASE_NO, COL_TIME, COL_VISITOR, COL_PHONE, COL_CATEGORY, COL_EXCERPT = range(6)
    COL_TRACK, COL_STATUS, COL_DEPARTMENT, COL_DUE, COL_RATING = range(6, 11)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        block_size: int = BLOCK_SIZE,
        cache_blocks: int = CACHE_BLOCKS,
    ) -> None:
        super().__init__(parent)
        self._ctx: ServiceContext | None = None
        self._ids: list[str] = []
        self._block_size = block_size
        self._cache_blocks = max(2, cache_blocks)
        self._cache: OrderedDict[int, dict[str, _Line]] = OrderedDict()
        self._wanted: set[int] = set()
        self._in_flight: set[int] = set()
        self._generation = 0
        self.rows_fetched = 0  # rows loaded from the database since this model was made
        self.fetch_calls = 0  # load_rows calls made by the model (the first block excluded)
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)
        self._bold = QFont()
        self._bold.setBold(True)
        self._red = QBrush(QColor(ALERT_RED))
        self._grey = QBrush(QColor("#9aa5b1"))
        self._headers = (
            self.tr("案件编号"),
            self.tr("登记时间"),
            self.tr("来访群众"),
            self.tr("联系电话"),
            self.tr("问题类别"),
            self.tr("反映问题"),
            self.tr("办理方式"),
            self.tr("状态"),
            self.tr("承办单位"),
            self.tr("办理期限"),
            self.tr("满意度"),
        )

    # --- feeding ------------------------------------------------------------------------

    def attach(self, ctx: ServiceContext) -> None:
        """The station whose rows the model loads."""
        self._ctx = ctx

    def set_ids(self, ids: list[str], rows: Sequence[CaseRow] = (), first_block: int = 0) -> None:
        """Show ids (newest first); rows, when given, are the loaded rows of block first_block."""
        self.beginResetModel()
        self._generation += 1
        self._ids = list(ids)
        self._cache.clear()
        self._wanted.clear()
        self._in_flight.clear()
        if rows:
            self._store_block(first_block, rows)
            self.rows_fetched += len(rows)
        self.endResetModel()

    def case_id(self, row: int) -> str | None:
        """The id on row, or None outside the list."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, case_id: str) -> int:
        """The row showing case_id, or -1 (linear; only used to keep a selection)."""
        try:
            return self._ids.index(case_id)
        except ValueError:
            return -1

    def ids(self) -> list[str]:
        """The ids shown, in order (a copy)."""
        return list(self._ids)

    def case_row(self, row: int) -> CaseRow | None:
        """The loaded CaseRow on row, or None when its block is not loaded (no fetch)."""
        line = self._line(row, fetch=False)
        return line.row if line is not None else None

    def cached_rows(self) -> int:
        """How many rows the cache holds now."""
        return sum(len(block) for block in self._cache.values())

    def pending_blocks(self) -> int:
        """Blocks asked for and not yet arrived."""
        return len(self._wanted | self._in_flight)

    # --- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: CaseIndex = QModelIndex()) -> int:  # noqa: B008
        """Every matching case (rows beyond the cache show a placeholder until loaded)."""
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: CaseIndex = QModelIndex()) -> int:  # noqa: B008
        """The eleven columns."""
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles; row headers are not shown."""
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def flags(self, index: CaseIndex) -> Qt.ItemFlag:
        """Selectable, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: CaseIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Texts, colours and the case id (UserRole); a placeholder while the block loads."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.UserRole:
            return self.case_id(row)
        line = self._line(row, fetch=True)
        if line is None:
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return PLACEHOLDER
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._grey
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return line.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_EXCERPT:
                return line.texts[column]
            if column == self.COL_DUE and line.overdue:
                return self.tr("已超过办理期限，尚未办结")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.COL_STATUS:
                return QBrush(line.status_colour)
            if column == self.COL_DUE and line.overdue:
                return self._red
            if column == self.COL_RATING and line.row.rating is Rating.UNSATISFIED:
                return self._red
            return None
        if role == Qt.ItemDataRole.FontRole:
            if column == self.COL_STATUS or (column == self.COL_DUE and line.overdue):
                return self._bold
            return None
        return None

    # --- blocks -------------------------------------------------------------------------

    def _line(self, row: int, *, fetch: bool) -> _Line | None:
        if not 0 <= row < len(self._ids):
            return None
        block_no = row // self._block_size
        block = self._cache.get(block_no)
        if block is None:
            if fetch:
                self._want(block_no)
            return None
        self._cache.move_to_end(block_no)
        return block.get(self._ids[row])

    def _want(self, block_no: int) -> None:
        if block_no in self._wanted or block_no in self._in_flight:
            return
        self._wanted.add(block_no)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def load_now(self) -> None:
        """Send the blocks the view asked for to the DB thread at once (tests, benchmarks)."""
        self._flush_timer.stop()
        self._flush()

    def _flush(self) -> None:
        ctx = self._ctx
        wanted, self._wanted = sorted(self._wanted), set()
        if ctx is None:
            return
        generation = self._generation
        for block_no in wanted:
            first = block_no * self._block_size
            ids = self._ids[first : first + self._block_size]
            if not ids:
                continue
            self._in_flight.add(block_no)
            self.fetch_calls += 1
            done: Callable[[list[CaseRow]], None] = partial(self._arrived, generation, block_no)
            failed: Callable[[BaseException], None] = partial(self._failed, generation, block_no)
            QueryOp(self, partial(fetch_rows, ctx, ids)).success(done).failure(
                failed
            ).run_in_background()

    def _arrived(self, generation: int, block_no: int, rows: list[CaseRow]) -> None:
        if generation != self._generation:
            return
        self._in_flight.discard(block_no)
        self.rows_fetched += len(rows)
        self._store_block(block_no, rows)
        first = block_no * self._block_size
        last = min(len(self._ids), first + self._block_size) - 1
        if last >= first:
            top_left = self.index(first, 0)
            emit(self.dataChanged, top_left, self.index(last, self.columnCount() - 1), [])
            emit(self.rows_loaded, first, last)

    def _failed(self, generation: int, block_no: int, exc: BaseException) -> None:
        # The placeholder stays; the block is asked for again when the view next needs it.
        if generation == self._generation:
            self._in_flight.discard(block_no)
        log.warning("case rows did not load: %s", exc)

    def _store_block(self, block_no: int, rows: Sequence[CaseRow]) -> None:
        self._cache[block_no] = {r.id: self._make_line(r) for r in rows}
        self._cache.move_to_end(block_no)
        while len(self._cache) > self._cache_blocks:
            self._cache.popitem(last=False)

    def _make_line(self, r: CaseRow) -> _Line:
        excerpt = r.excerpt.replace("\n", " ").replace("\r", " ")
        if r.confidential:
            excerpt = self.tr("【保密】") + excerpt
        due = ""
        if r.due_date is not None:
            due = short_date(r.due_date)
            if r.overdue:
                due = self.tr("{date} 超期").format(date=due)
        texts = (
            r.case_no,
            short_time(r.registered_at),
            r.visitor,
            r.phone or "",
            r.category or "",
            excerpt,
            track_name(r.track),
            status_name(r.status),
            r.department or "",
            due,
            rating_name(r.rating) if r.rating else "",
        )
        return _Line(r, texts, QColor(STATUS_COLOURS[r.status]), r.overdue)
