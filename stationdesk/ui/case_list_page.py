"""The 办理跟踪 page: one search box, the filters, the lazy case table and its count.

Typing searches after a short pause (Enter searches at once). The id list and the rows of the
first screen come back from the DB thread in one QueryOp; further rows load per block as the
table scrolls (case_model). Double-click or Enter on a row opens the case detail.
"""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.enums import CaseStatus, Channel, Track
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.permissions import Action, allowed
from stationdesk.ui.case_model import (
    BLOCK_SIZE,
    CaseTableModel,
    channel_name,
    query_cases,
    status_name,
    track_name,
)
from stationdesk.ui.errors import message_for, show_error
from stationdesk.ui.export_dialog import ExportDialog
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import QueryOp

if TYPE_CHECKING:
    from stationdesk.services.cases import CaseRow
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.reference import ReferenceData
    from stationdesk.ui.case_detail import CaseDetailDialog

# Tables whose changes can add, drop or alter a line of the list.
CASE_ENTITIES = ("case_record", "case_event", "visit")
# Tables the filter combos are filled from.
REFERENCE_ENTITIES = ("category", "department", "grid", "deputy")
SEARCH_PAUSE_MS = 350
FILTER_PAUSE_MS = 150
CHANGE_PAUSE_MS = 200
OPEN_STATUSES = (CaseStatus.PENDING, CaseStatus.IN_PROGRESS, CaseStatus.UNSATISFIED)
OPEN_KEY = "open"  # the status combo's 未办结 entry
PAGE_STYLE = """
#countLabel { color: #3e4c59; font-size: 12pt; }
#emptyHint {
    color: #3e4c59; font-size: 12pt; background: #ffffff; border: 1px solid #dde3ea;
    padding: 24px;
}
QTableView#caseTable {
    background: #ffffff; alternate-background-color: #f7f9fb; border: 1px solid #dde3ea;
    selection-background-color: #dbe8fb; selection-color: #1f2933;
}
QTableView#caseTable::item { padding: 0px 6px; }
"""
# A typical widest value per column; widths are measured from these and the headers.
COLUMN_SAMPLES = (
    "410205-01-2026-01-00000W",
    "2026-11-26 16:26",
    "欧阳*",
    "138****5678",
    "城乡建设",
    "反映问题反映问题反映问题",
    "形成建议交办",
    "不满意，待重新督办",
    "县交通运输局",
    "2026-11-26 超期",
    "基本满意",
)


def fit_case_columns(table: QTableView, model: CaseTableModel) -> None:
    """Column widths from the font: each fits its header and a typical widest value."""
    plain = table.fontMetrics()
    bold_font = QFont(table.font())
    bold_font.setBold(True)
    bold = QFontMetrics(bold_font)
    header = table.horizontalHeader()
    for column, sample in enumerate(COLUMN_SAMPLES):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        metrics = bold if column in (CaseTableModel.COL_STATUS, CaseTableModel.COL_DUE) else plain
        width = max(plain.horizontalAdvance(title), metrics.horizontalAdvance(sample))
        header.resizeSection(column, width + 20)


def case_table(model: CaseTableModel) -> QTableView:
    """The read-only table of cases (办理跟踪, drill-downs): one row per case, never measured."""
    table = QTableView()
    table.setObjectName("caseTable")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setShowGrid(False)
    table.setTabKeyNavigation(False)
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measure rows
    vertical.setDefaultSectionSize(32)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # never measure cells
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    fit_case_columns(table, model)
    return table


def load_reference(ctx: ServiceContext) -> ReferenceData:
    """Categories, departments, grids and deputies for the filter combos (DB thread)."""
    from stationdesk.services.reference import reference_data

    return reference_data(ctx)


class OptionalDateEdit(QDateEdit):
    """A date box that can also say 不限 (no date): its lowest date stands for "none"."""

    NONE = QDate(2000, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(self.NONE)
        self.setSpecialValueText(self.tr("不限"))
        self.setDate(self.NONE)

    def value(self) -> date | None:
        """The chosen day, or None for 不限."""
        chosen = self.date()
        if chosen == self.NONE:
            return None
        return date(chosen.year(), chosen.month(), chosen.day())

    def set_value(self, day: date | None) -> None:
        """Show day, or 不限 for None."""
        self.setDate(QDate(day.year, day.month, day.day) if day else self.NONE)


class CaseListPage(QWidget):
    """All cases, searchable and filtered; call attach(ctx) once the station is open."""

    # Emitted on the GUI thread each time a new id list (and its first screen) is shown.
    list_shown = Signal(int)

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._signals = signals
        self._ctx: ServiceContext | None = None
        self._generation = 0
        self._dirty = False
        self._dialogs: dict[str, CaseDetailDialog] = {}
        self.last_query_ms: float | None = None  # request → list on screen, for the report
        self.setStyleSheet(PAGE_STYLE)

        title = QLabel(self.tr("办理跟踪"))
        title.setObjectName("pageTitle")
        self.count_label = QLabel("")
        self.count_label.setObjectName("countLabel")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(
            self.tr("查找：案件编号、姓名、电话（全号或后4位）、反映的问题")
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaxLength(100)
        self.overdue_box = QCheckBox(self.tr("超期"))
        self.callback_box = QCheckBox(self.tr("待回访"))
        self.clear_button = QPushButton(self.tr("清除条件"))
        self.export_button = QPushButton(self.tr("导出…"))
        self.export_button.clicked.connect(self.ask_export)
        self.export_button.hide()  # admins only (attach)
        self.export_dialog: ExportDialog | None = None
        search_row = QHBoxLayout()
        search_row.setSpacing(12)
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.overdue_box)
        search_row.addWidget(self.callback_box)
        search_row.addWidget(self.clear_button)
        search_row.addWidget(self.export_button)

        self.status_combo = self._combo()
        self.status_combo.addItem(self.tr("未办结"), OPEN_KEY)
        for status in CaseStatus:
            self.status_combo.addItem(status_name(status), status.value)
        self.track_combo = self._combo()
        for track in Track:
            self.track_combo.addItem(track_name(track), track.value)
        self.category_combo = self._combo()
        self.grid_combo = self._combo()
        self.deputy_combo = self._combo()
        self.department_combo = self._combo()
        self.channel_combo = self._combo()
        for channel in Channel:
            self.channel_combo.addItem(channel_name(channel), channel.value)
        self.date_from = OptionalDateEdit()
        self.date_to = OptionalDateEdit()

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        filters.setVerticalSpacing(6)
        cells: list[tuple[str, QWidget]] = [
            (self.tr("状态"), self.status_combo),
            (self.tr("办理方式"), self.track_combo),
            (self.tr("问题类别"), self.category_combo),
            (self.tr("来源渠道"), self.channel_combo),
            (self.tr("网格"), self.grid_combo),
            (self.tr("代表"), self.deputy_combo),
            (self.tr("承办单位"), self.department_combo),
        ]
        for n, (caption, widget) in enumerate(cells):
            row, col = divmod(n, 4)
            label = QLabel(caption)
            label.setBuddy(widget)
            filters.addWidget(label, row, 2 * col, Qt.AlignmentFlag.AlignRight)
            filters.addWidget(widget, row, 2 * col + 1)
        dates = QHBoxLayout()
        dates.setSpacing(4)
        dates.addWidget(self.date_from, 1)
        dates.addWidget(QLabel(self.tr("至")))
        dates.addWidget(self.date_to, 1)
        date_label = QLabel(self.tr("登记日期"))
        date_label.setBuddy(self.date_from)
        filters.addWidget(date_label, 1, 6, Qt.AlignmentFlag.AlignRight)
        filters.addLayout(dates, 1, 7)
        for col in (1, 3, 5):
            filters.setColumnStretch(col, 2)
        filters.setColumnStretch(7, 3)

        self.model = CaseTableModel(self)
        self.table = case_table(self.model)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(self._on_double_clicked)

        self.empty_label = QLabel("")
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addLayout(search_row)
        layout.addLayout(filters)
        layout.addWidget(self.body, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _text: self._refresh_later(SEARCH_PAUSE_MS))
        self.search_box.returnPressed.connect(self.search_now)
        for combo in self._filter_combos():
            combo.currentIndexChanged.connect(lambda _i: self._refresh_later(0))
        for box in (self.overdue_box, self.callback_box):
            box.toggled.connect(lambda _on: self._refresh_later(0))
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._refresh_later(FILTER_PAUSE_MS))
        self.clear_button.clicked.connect(self.clear_filters)
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(CHANGE_PAUSE_MS)
        self._change_timer.timeout.connect(lambda: self.refresh(keep_place=True))
        signals.changes.connect(self._on_changes)

    def _combo(self) -> QComboBox:
        combo = QComboBox()
        combo.addItem(self.tr("全部"), None)
        combo.setMaxVisibleItems(20)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(4)
        return combo

    def _filter_combos(self) -> tuple[QComboBox, ...]:
        return (
            self.status_combo,
            self.track_combo,
            self.category_combo,
            self.grid_combo,
            self.deputy_combo,
            self.department_combo,
            self.channel_combo,
        )

    # --- binding and loading ------------------------------------------------------------

    def attach(self, ctx: ServiceContext) -> None:
        """Bind to an open station: fill the combos, then list the cases (once on screen)."""
        self._ctx = ctx
        self.model.attach(ctx)
        self.export_button.setVisible(allowed(ctx.actor.role, Action.EXPORT))
        self.reload_reference()
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True  # a hidden page does not hold 300,000 ids it may never show

    def reload_reference(self) -> None:
        """Refill the category, grid, deputy and department combos (DB thread)."""
        ctx = self._ctx
        if ctx is None:
            return
        QueryOp(self, lambda: load_reference(ctx)).success(self.show_reference).run_in_background()

    def show_reference(self, ref: ReferenceData) -> None:
        """Put the reference lists into the combos, keeping what was chosen."""
        lists = (
            (self.category_combo, ref.categories),
            (self.grid_combo, ref.grids),
            (self.deputy_combo, ref.deputies),
            (self.department_combo, ref.departments),
        )
        for combo, choices in lists:
            chosen = combo.currentData()
            combo.blockSignals(True)
            try:
                combo.clear()
                combo.addItem(self.tr("全部"), None)
                for choice in choices:
                    combo.addItem(choice.name, choice.id)
                    if choice.detail and combo is self.grid_combo:
                        combo.setItemData(
                            combo.count() - 1, choice.detail, Qt.ItemDataRole.ToolTipRole
                        )
                found = combo.findData(chosen) if chosen is not None else 0
                combo.setCurrentIndex(max(0, found))
            finally:
                combo.blockSignals(False)

    def filter_values(self) -> dict[str, Any]:
        """What the filters and the search box ask for, as cases.CaseFilter keyword arguments."""
        status = self.status_combo.currentData()
        track = self.track_combo.currentData()
        channel = self.channel_combo.currentData()
        statuses: tuple[CaseStatus, ...] = ()
        if status == OPEN_KEY:
            statuses = OPEN_STATUSES
        elif status:
            statuses = (CaseStatus(status),)
        return {
            "statuses": statuses,
            "tracks": (Track(track),) if track else (),
            "category_id": self.category_combo.currentData(),
            "grid_id": self.grid_combo.currentData(),
            "deputy_id": self.deputy_combo.currentData(),
            "department_id": self.department_combo.currentData(),
            "channel": Channel(channel) if channel else None,
            "date_from": self.date_from.value(),
            "date_to": self.date_to.value(),
            "overdue": self.overdue_box.isChecked(),
            "awaiting_callback": self.callback_box.isChecked(),
            "search": self.search_box.text().strip(),
        }

    @Slot()
    def ask_export(self) -> None:
        """导出…: the current filter's cases to a CSV file."""
        ctx = self._ctx
        if ctx is None:
            return
        dialog = ExportDialog(ctx, self._signals, self.filter_values(), self)
        dialog.exported.connect(
            lambda rows, path: self.count_label.setText(
                self.tr("已导出 {n} 件到 {path}").format(n=rows, path=path)
            )
        )
        self.export_dialog = dialog
        dialog.open()

    def _refresh_later(self, delay_ms: int) -> None:
        self._search_timer.start(delay_ms)

    @Slot()
    def search_now(self) -> None:
        """Search without waiting for the typing pause (Enter)."""
        self._search_timer.stop()
        self.refresh()

    def refresh(self, *, keep_place: bool = False) -> None:
        """Ask the DB thread for the matching ids and the rows of the first screen."""
        ctx = self._ctx
        if ctx is None:
            return
        self._search_timer.stop()
        self._change_timer.stop()
        self._dirty = False
        self._generation += 1
        generation = self._generation
        values = self.filter_values()
        top = self.table.rowAt(0) if keep_place else 0
        selected = self.selected_case_id() if keep_place else None
        started = time.perf_counter()

        def shown(result: tuple[list[str], int, list[CaseRow]]) -> None:
            if generation != self._generation:
                return  # a newer search is on its way
            self._show(result, values, max(0, top), selected)
            self.last_query_ms = (time.perf_counter() - started) * 1000

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            if isinstance(exc, ValidationError) and exc.field == "search":
                self._show_nothing(message_for(exc))
                return
            show_error(self, exc)

        QueryOp(self, lambda: query_cases(ctx, values, around=max(0, top))).success(shown).failure(
            failed
        ).run_in_background()

    def _show(
        self,
        result: tuple[list[str], int, list[CaseRow]],
        values: dict[str, Any],
        top: int,
        selected: str | None,
    ) -> None:
        ids, block, rows = result
        self.model.set_ids(ids, rows, block)
        self.count_label.setText(self.tr("共 {n} 件").format(n=len(ids)))
        if ids:
            self.body.setCurrentWidget(self.table)
            if top:
                self.table.scrollTo(
                    self.model.index(min(top, len(ids) - 1), 0),
                    QAbstractItemView.ScrollHint.PositionAtTop,
                )
            row = self.model.row_of(selected) if selected else -1
            if row >= 0:
                self.table.selectRow(row)
        else:
            self._show_nothing(self._nothing_found_text(values), count=False)
        emit(self.list_shown, len(ids))

    def _show_nothing(self, text: str, *, count: bool = True) -> None:
        if count:
            self.model.set_ids([])
            self.count_label.setText(self.tr("共 {n} 件").format(n=0))
        self.empty_label.setText(text)
        self.body.setCurrentWidget(self.empty_label)

    def _nothing_found_text(self, values: dict[str, Any]) -> str:
        if values.get("search"):
            return self.tr(
                "没有找到与“{query}”有关的问题。\n"
                "可以换个说法，或用案件编号、电话后4位查找；也可以清除筛选条件再试。"
            ).format(query=values["search"])
        if any(v for k, v in values.items() if k != "search"):
            return self.tr("没有符合筛选条件的问题。可以点“清除条件”查看全部。")
        return self.tr("还没有登记过问题。在“接待登记”中登记的问题会出现在这里。")

    @Slot()
    def clear_filters(self) -> None:
        """Back to every case: empty search, 全部 in every combo, no dates, no ticks."""
        widgets: list[QWidget] = [
            self.search_box,
            *self._filter_combos(),
            self.date_from,
            self.date_to,
            self.overdue_box,
            self.callback_box,
        ]
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search_box.clear()
            for combo in self._filter_combos():
                combo.setCurrentIndex(0)
            self.date_from.set_value(None)
            self.date_to.set_value(None)
            self.overdue_box.setChecked(False)
            self.callback_box.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.refresh()

    # --- changes ------------------------------------------------------------------------

    @Slot(object)
    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.touches(*REFERENCE_ENTITIES):
            self.reload_reference()
        if not changes.touches(*CASE_ENTITIES):
            return
        if self.isVisible():
            self._change_timer.start()  # a burst of changes reloads the list once
        else:
            self._dirty = True  # refreshed when the page is shown again

    def showEvent(self, event: QShowEvent) -> None:
        """A change that happened while the page was hidden is loaded now."""
        super().showEvent(event)
        if self._dirty:
            self.refresh(keep_place=True)

    # --- opening a case -----------------------------------------------------------------

    def selected_case_id(self) -> str | None:
        """The id of the current row, if any."""
        index = self.table.currentIndex()
        return self.model.case_id(index.row()) if index.isValid() else None

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        case_id = self.model.case_id(index.row())
        if case_id:
            self.open_case(case_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on the table opens the current case."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                case_id = self.selected_case_id()
                if case_id:
                    self.open_case(case_id)
                    return True
        return super().eventFilter(watched, event)

    @Slot(str)
    def open_case(self, case_id: str) -> CaseDetailDialog | None:
        """Show the case's detail window (one per case; an open one is brought to the front)."""
        from stationdesk.ui.case_detail import CaseDetailDialog

        ctx = self._ctx
        if ctx is None or not case_id:
            return None
        dialog = self._dialogs.get(case_id)
        if dialog is None:
            dialog = CaseDetailDialog(ctx, case_id, self._signals, self)
            self._dialogs[case_id] = dialog
            dialog.finished.connect(lambda _result, cid=case_id: self._forget(cid))
        dialog.open()
        return dialog

    def _forget(self, case_id: str) -> None:
        dialog = self._dialogs.pop(case_id, None)
        if dialog is not None:
            dialog.deleteLater()

    def open_dialogs(self) -> list[CaseDetailDialog]:
        """The case windows open now."""
        return list(self._dialogs.values())

    def first_screen_ready(self) -> bool:
        """True when every row the table shows now is loaded (tests, benchmarks)."""
        first = max(0, self.table.rowAt(0))
        last = self.table.rowAt(self.table.viewport().height() - 1)
        if last < 0:
            last = self.model.rowCount() - 1
        return all(self.model.case_row(r) is not None for r in range(first, last + 1))


__all__ = ["BLOCK_SIZE", "CaseListPage", "OptionalDateEdit"]
