"""台账: the five ledgers for a period in a lazy table, exported to Excel or printed as PDF."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.errors import DomainError
from stationdesk.domain.permissions import Action, allowed
from stationdesk.ui.dialogs import NoteDialog
from stationdesk.ui.errors import message_for
from stationdesk.ui.job_progress import JobProgress
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op, QueryOp
from stationdesk.ui.theme import show_message

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.progress import Job

KINDS = ("issues", "responsibility", "rectification", "closed", "evaluation")
BLOCK = 200  # rows fetched per request
CACHE_BLOCKS = 12
PLACEHOLDER = "…"
Index = QModelIndex | QPersistentModelIndex


def ledger_title(kind: str) -> str:
    """问题清单 … 评价清单."""
    names = {
        "issues": QCoreApplication.translate("LedgerPage", "问题清单"),
        "responsibility": QCoreApplication.translate("LedgerPage", "责任清单"),
        "rectification": QCoreApplication.translate("LedgerPage", "整改清单"),
        "closed": QCoreApplication.translate("LedgerPage", "销号清单"),
        "evaluation": QCoreApplication.translate("LedgerPage", "评价清单"),
    }
    return names[kind]


def ledger_rule(kind: str) -> str:
    """Which rows a ledger holds for the period (shown under the table)."""
    rules = {
        "issues": QCoreApplication.translate(
            "LedgerPage", "问题清单：接待登记日期在期间内的全部问题（合并的重复问题不列入）。"
        ),
        "responsibility": QCoreApplication.translate(
            "LedgerPage",
            "责任清单：交承办单位或代表办理的问题中，期间结束时仍在办理或在期间内办结的；"
            "现场办结的不列入。",
        ),
        "rectification": QCoreApplication.translate(
            "LedgerPage", "整改清单：期间结束时仍在办理的问题，以及期间内记录过办理进度的问题。"
        ),
        "closed": QCoreApplication.translate(
            "LedgerPage", "销号清单：最后一次办结在期间内、回访评价为满意或基本满意并已闭环的问题。"
        ),
        "evaluation": QCoreApplication.translate(
            "LedgerPage", "评价清单：回访日期在期间内的每一次回访，一次一行。"
        ),
    }
    return rules[kind] + QCoreApplication.translate(
        "LedgerPage", " 办理状态、满意度为生成时的情况；个人信息已脱敏。"
    )


def column_title(title: str) -> str:
    """A ledger column's header on screen (the file keeps the Chinese one)."""
    t = partial(QCoreApplication.translate, "LedgerPage")
    titles = {
        "序号": t("序号"), "案件编号": t("案件编号"), "接待日期": t("接待日期"),
        "来访方式": t("来访方式"), "来访群众": t("来访群众"), "人数": t("人数"),
        "联系电话": t("联系电话"), "住址": t("住址"), "所属网格": t("所属网格"),
        "接待代表": t("接待代表"), "问题类别": t("问题类别"), "反映问题": t("反映问题"),
        "办理方式": t("办理方式"), "承办单位": t("承办单位"), "办理期限": t("办理期限"),
        "办理状态": t("办理状态"), "办结日期": t("办结日期"), "办理结果": t("办理结果"),
        "回访日期": t("回访日期"), "满意度": t("满意度"), "登记日期": t("登记日期"),
        "牵头代表": t("牵头代表"), "交办日期": t("交办日期"), "办理轮次": t("办理轮次"),
        "是否超期": t("是否超期"), "办理进度": t("办理进度"), "最近进度日期": t("最近进度日期"),
        "回访方式": t("回访方式"), "回访次序": t("回访次序"), "群众意见": t("群众意见"),
    }  # fmt: skip
    return titles.get(title, title)


def period_of(choice: str, today: date) -> tuple[date, date] | None:
    """本月, 上月, 本季度, 本年 as dates up to their end; None for a custom period."""
    first = today.replace(day=1)
    if choice == "this_month":
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first, nxt - timedelta(days=1)
    if choice == "last_month":
        end = first - timedelta(days=1)
        return end.replace(day=1), end
    if choice == "this_quarter":
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        nxt = (start + timedelta(days=95)).replace(day=1)
        return start, nxt - timedelta(days=1)
    if choice == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    return None


def cell_text(value: object) -> str:
    """A cell on screen: dates as yyyy-mm-dd, one line."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\n", "；")


# --- DB-thread calls ----------------------------------------------------------------------


def _keys(ctx: ServiceContext, kind: str, start: date, end: date) -> list[int]:
    from stationdesk.services.ledgers import ledger_keys

    return ledger_keys(ctx, kind, start, end)


def _rows(
    ctx: ServiceContext, kind: str, start: date, end: date, keys: list[int], first_no: int
) -> list[tuple[Any, ...]]:
    from stationdesk.services.ledgers import ledger_rows

    return ledger_rows(ctx, kind, start, end, keys, first_no=first_no)


def _columns(kind: str) -> list[tuple[str, float]]:
    """The ledger's column titles and their widths in Excel characters."""
    from stationdesk.services.ledgers import LEDGERS

    return [(c.title, c.width) for c in LEDGERS[kind].columns]


def _export(
    ctx: ServiceContext,
    kind: str,
    start: date,
    end: date,
    dest: Path,
    full: bool,
    reason: str,
    job: Job,
) -> int:
    from stationdesk.services.ledgers import export_ledger_xlsx

    return export_ledger_xlsx(ctx, kind, start, end, dest, full=full, reason=reason, job=job)


def _pdf(ctx: ServiceContext, kind: str, start: date, end: date) -> bytes:
    from stationdesk.services.ledgers import ledger_pdf

    return ledger_pdf(ctx, kind, start, end)


class LedgerModel(QAbstractTableModel):
    """A read-only ledger over its ordered keys; rows arrive per block from the DB thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx: ServiceContext | None = None
        self._query: tuple[str, date, date] | None = None
        self._keys: list[int] = []
        self._headers: list[str] = []
        self.widths: list[int] = []
        self._blocks: OrderedDict[int, list[tuple[str, ...]]] = OrderedDict()
        self._asked: set[int] = set()
        self._wanted: set[int] = set()
        self._generation = 0
        # Blocks asked for while painting are fetched after the paint (never inside data()).
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.load_now)

    def attach(self, ctx: ServiceContext | None) -> None:
        """The station whose rows are loaded (None: signed out)."""
        self._ctx = ctx

    def show(self, kind: str, start: date, end: date, keys: list[int]) -> None:
        """A new ledger or period: its keys; rows load as the view asks for them."""
        self.beginResetModel()
        self._generation += 1
        self._query = (kind, start, end)
        self._keys = list(keys)
        columns = _columns(kind)
        self._headers = [column_title(title) for title, _w in columns]
        self.widths = [min(320, int(w * 9) + 16) for _t, w in columns]  # pixels
        self._blocks.clear()
        self._asked.clear()
        self._wanted.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Every row of the ledger (those not loaded yet show a placeholder)."""
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The ledger's columns."""
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell texts (tool tips for long ones); a placeholder while the block loads."""
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self.row_texts(index.row())
        if row is None:
            return (
                PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
            )
        text = row[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 12 else None
        return text

    def row_texts(self, row: int, *, fetch: bool = True) -> tuple[str, ...] | None:
        """The loaded texts of a row, or None (its block is then asked for)."""
        if not 0 <= row < len(self._keys):
            return None
        block_no = row // BLOCK
        block = self._blocks.get(block_no)
        if block is None:
            if fetch and block_no not in self._asked:
                self._wanted.add(block_no)
                self._timer.start()
            return None
        self._blocks.move_to_end(block_no)
        offset = row - block_no * BLOCK
        return block[offset] if offset < len(block) else None

    @Slot()
    def load_now(self) -> None:
        """Send the blocks the view asked for to the DB thread."""
        self._timer.stop()
        wanted, self._wanted = sorted(self._wanted), set()
        for block_no in wanted:
            self._fetch(block_no)

    def _fetch(self, block_no: int) -> None:
        ctx, query = self._ctx, self._query
        if ctx is None or query is None or block_no in self._asked:
            return
        self._asked.add(block_no)
        first = block_no * BLOCK
        keys = self._keys[first : first + BLOCK]
        generation = self._generation
        kind, start, end = query
        QueryOp(self, lambda: _rows(ctx, kind, start, end, keys, first + 1)).success(
            partial(self._arrived, generation, block_no)
        ).failure(partial(self._failed, generation, block_no)).run_in_background()

    def _arrived(self, generation: int, block_no: int, rows: list[tuple[Any, ...]]) -> None:
        if generation != self._generation:
            return
        self._asked.discard(block_no)
        self._blocks[block_no] = [tuple(cell_text(v) for v in r) for r in rows]
        while len(self._blocks) > CACHE_BLOCKS:
            self._blocks.popitem(last=False)
        first = block_no * BLOCK
        last = min(len(self._keys), first + BLOCK) - 1
        if last >= first:
            emit(
                self.dataChanged,
                self.index(first, 0),
                self.index(last, self.columnCount() - 1),
                [],
            )

    def _failed(self, generation: int, block_no: int, _exc: BaseException) -> None:
        if generation == self._generation:
            self._asked.discard(block_no)  # asked again when the view next needs it


class LedgerPage(QWidget):
    """台账: pick a ledger and a period; look, export Excel, print."""

    # Progress of a running export (done, total), relayed to the GUI thread.
    export_progress = Signal(int, int)
    # Finished: rows written and the file, or -1 and "" when cancelled or refused.
    exported = Signal(int, str)

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerPage")
        self._signals = signals
        self._ctx: ServiceContext | None = None
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None
        self.dialog: QWidget | None = None
        title = QLabel(self.tr("台账"))
        title.setObjectName("pageTitle")
        self.tabs = QTabBar()
        for kind in KINDS:
            self.tabs.addTab(ledger_title(kind))
        self.tabs.setExpanding(False)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.period_combo = QComboBox()
        for key, text in (
            ("this_month", self.tr("本月")), ("last_month", self.tr("上月")),
            ("this_quarter", self.tr("本季度")), ("this_year", self.tr("本年")),
            ("custom", self.tr("自定义")),
        ):  # fmt: skip
            self.period_combo.addItem(text, key)
        self.period_combo.currentIndexChanged.connect(self._on_period_choice)
        self.from_edit = QDateEdit()
        self.to_edit = QDateEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._on_dates)
        self.full_check = QCheckBox(self.tr("含完整个人信息"))
        self.full_check.setToolTip(
            self.tr("仅站点管理员可用：导出完整姓名、电话和住址，须写明原因并记入审计日志。")
        )
        self.excel_button = QPushButton(self.tr("导出 Excel…"))
        self.excel_button.setObjectName("primary")
        self.excel_button.clicked.connect(self.export_excel)
        self.pdf_button = QPushButton(self.tr("导出 PDF/打印…"))
        self.pdf_button.clicked.connect(self.print_pdf)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("期间")))
        top.addWidget(self.period_combo)
        top.addWidget(self.from_edit)
        top.addWidget(QLabel(self.tr("至")))
        top.addWidget(self.to_edit)
        top.addStretch(1)
        top.addWidget(self.full_check)
        top.addWidget(self.pdf_button)
        top.addWidget(self.excel_button)

        self.model = LedgerModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.rule = QLabel("")
        self.rule.setObjectName("hint")
        self.rule.setWordWrap(True)
        self.count = QLabel("")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.rule, 1)
        bottom.addWidget(self.count)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        signals.changes.connect(self._on_changes)
        self._set_period(period_of("this_month", date.today()))

    # --- binding ------------------------------------------------------------------------

    def attach(self, ctx: ServiceContext) -> None:
        """Bind to the signed-in user: exports for clerks and admins, full data for admins."""
        self._ctx = ctx
        self.model.attach(ctx)
        role = ctx.actor.role
        can_export = allowed(role, Action.EXPORT_LEDGER)
        self.excel_button.setVisible(can_export)
        self.pdf_button.setVisible(can_export)
        self.full_check.setVisible(can_export and allowed(role, Action.EXPORT))
        self.full_check.setChecked(False)
        self._set_period(period_of(str(self.period_combo.currentData()), ctx.clock().date()))
        self.refresh()

    def detach(self) -> None:
        """Signed out: nothing of the last user's stays on screen."""
        self._ctx = None
        self.model.attach(None)
        self.model.show(self.kind(), *self.period(), [])
        self.count.clear()
        self.message.clear()

    def _on_changes(self, changes: ChangeSet) -> None:
        if self._ctx is not None and changes.touches("case_record", "case_event", "visit"):
            self.refresh()

    # --- choices ------------------------------------------------------------------------

    def kind(self) -> str:
        """The ledger shown."""
        return KINDS[max(0, self.tabs.currentIndex())]

    def period(self) -> tuple[date, date]:
        """The period chosen."""
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    def _set_period(self, span: tuple[date, date] | None) -> None:
        custom = span is None
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if span is not None:
            for edit, day in ((self.from_edit, span[0]), (self.to_edit, span[1])):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)

    @Slot()
    def _on_period_choice(self) -> None:
        today = self._ctx.clock().date() if self._ctx is not None else date.today()
        self._set_period(period_of(str(self.period_combo.currentData()), today))
        self.refresh()

    @Slot()
    def _on_dates(self) -> None:
        if self.period_combo.currentData() == "custom":
            self.refresh()

    def set_custom_period(self, start: date, end: date) -> None:
        """Choose 自定义 with these dates (tests, and the CLI's wording)."""
        self.period_combo.setCurrentIndex(self.period_combo.findData("custom"))
        self._set_period((start, end))
        self._set_period(None)
        self.refresh()

    # --- the table ----------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Load the ledger's keys for the period (DB thread); rows follow per screen."""
        kind = self.kind()
        self.rule.setText(ledger_rule(kind))
        ctx = self._ctx
        if ctx is None:
            return
        start, end = self.period()
        self.message.clear()

        def shown(keys: list[int]) -> None:
            if (self.kind(), *self.period()) != (kind, start, end):
                return  # a newer choice is on its way
            self.model.show(kind, start, end, keys)
            self.count.setText(self.tr("共 {n} 行").format(n=len(keys)))
            for column, width in enumerate(self.model.widths):
                self.table.setColumnWidth(column, width)

        def failed(exc: BaseException) -> None:
            self.model.show(kind, start, end, [])
            self.count.clear()
            show_message(self.message, message_for(exc), error=True)

        QueryOp(self, lambda: _keys(ctx, kind, start, end)).success(shown).failure(
            failed
        ).run_in_background()

    # --- exports ------------------------------------------------------------------------

    @Slot()
    def export_excel(self) -> None:
        """导出 Excel…: the reason first for a full export, then where to write."""
        if self.full_check.isVisible() and self.full_check.isChecked():
            dialog = NoteDialog(
                self.tr("导出完整个人信息"),
                self.tr(
                    "导出的文件含完整姓名、电话和住址。请写明原因，会记入审计日志并写在文件开头。"
                ),
                self.tr("原因"),
                self.tr("继续"),
                placeholder=self.tr("例：县人大常委会要求核对名单"),
                parent=self,
            )
            dialog.submitted.connect(lambda: self._reason_given(dialog))
            self.dialog = dialog
            dialog.open()
            return
        self._choose_file(full=False, reason="")

    def _reason_given(self, dialog: NoteDialog) -> None:
        reason = dialog.text()
        if not reason:
            dialog.show_error(self.tr("请写明导出完整信息的原因。"))
            return
        dialog.accept()
        self._choose_file(full=True, reason=reason)

    def _choose_file(self, *, full: bool, reason: str) -> None:
        start, end = self.period()
        suggested = Path.home() / f"{ledger_title(self.kind())}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出 Excel"), str(suggested), self.tr("Excel 文件 (*.xlsx)")
        )
        if path:
            dest = Path(path)
            if dest.suffix.lower() != ".xlsx":
                dest = dest.with_name(dest.name + ".xlsx")
            self.export_to(dest, full=full, reason=reason)

    def export_to(self, dest: Path, *, full: bool = False, reason: str = "") -> None:
        """Write the ledger to dest on the DB thread, with a progress dialog and 取消."""
        ctx = self._ctx
        if ctx is None or self.job is not None:
            return
        kind = self.kind()
        start, end = self.period()
        name = ledger_title(kind)
        running = JobProgress(
            self,
            self.tr("导出 Excel"),
            self.tr("正在导出{name}…").format(name=name),
            step_text=lambda done, total: self.tr("正在导出{name}：{done} / {total} 行").format(
                name=name, done=done, total=total
            ),
        )
        running.moved.connect(self.export_progress)
        job = self.job = running.job
        self.progress = running.dialog
        self.excel_button.setEnabled(False)

        def finish() -> None:
            running.close()
            self.job = None
            self.progress = None
            self.excel_button.setEnabled(True)

        def done(rows: int) -> None:
            finish()
            show_message(self.message, self.tr("已导出 {n} 行到 {path}").format(n=rows, path=dest))
            emit(self.exported, rows, str(dest))

        def failed(exc: BaseException) -> None:
            finish()
            if isinstance(exc, DomainError) and exc.code == "cancelled":
                show_message(self.message, self.tr("已取消导出，没有生成文件。"))
            else:
                show_message(self.message, message_for(exc), error=True)
            emit(self.exported, -1, "")

        run: Callable[[], int] = lambda: _export(  # noqa: E731
            ctx, kind, start, end, dest, full, reason, job
        )
        Op(self, run, self._signals).success(done).failure(failed).run_in_background()

    @Slot()
    def print_pdf(self) -> None:
        """导出 PDF/打印: the preview, then print or save (always masked)."""
        from stationdesk.ui.document_output import DocumentDialog

        ctx = self._ctx
        if ctx is None:
            return
        kind = self.kind()
        start, end = self.period()
        dialog = DocumentDialog(
            self,
            ledger_title(kind),
            f"{ledger_title(kind)}-{start:%Y%m%d}-{end:%Y%m%d}.pdf",
            lambda _v: _pdf(ctx, kind, start, end),
            job_tag=f"ledger-{kind}",
        )
        self.dialog = dialog
        dialog.open()
