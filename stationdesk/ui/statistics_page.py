"""统计报表: a period's nine figures, its breakdowns and monthly trend, each number drilling down.

Everything is read on the DB thread (one QueryOp per period); the page reloads when a change
arrives while it is on screen, or when it is shown again after one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.permissions import Action, allowed
from stationdesk.ui.drill_dialog import DrillDialog
from stationdesk.ui.errors import message_for
from stationdesk.ui.job_progress import JobProgress
from stationdesk.ui.signals import AppSignals
from stationdesk.ui.statistics_charts import BreakdownChart, TrendChart
from stationdesk.ui.statistics_figures import (
    FIGURE_KEYS,
    Definitions,
    DefinitionsDialog,
    FigureCard,
    default_definitions,
)
from stationdesk.ui.statistics_period import (
    MONTH,
    PeriodBar,
    default_month,
    month_span,
    months_in,
    trend_span,
)
from stationdesk.ui.tasks import Op, QueryOp
from stationdesk.ui.theme import show_message

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.progress import Job
    from stationdesk.services.statistics import GroupRow

# Tables whose changes can move a number on this page.
STATISTICS_ENTITIES = (
    "visit", "case_record", "case_event", "attendance", "duty_shift", "suggestion", "deputy",
    "category", "department", "grid", "settings",
)  # fmt: skip
CHANGE_PAUSE_MS = 300
CARDS_PER_ROW = 5
PAGE_STYLE = """
#figureCard { background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px; }
#figureCard:hover, #figureCard:focus { border: 1px solid #1a66c9; background: #f7faff; }
#figureCaption { font-size: 11pt; color: #3e4c59; }
#figureInfo { color: #1a66c9; font-size: 11pt; }
#figureValue { font-size: 19pt; font-weight: bold; color: #1f2933; }
#figureUnit { color: #7b8794; padding-bottom: 4px; }
QPushButton#periodKind, QPushButton#groupKind {
    padding: 4px 12px; border: 1px solid #c5ced8; border-radius: 4px; background: #ffffff;
}
QPushButton#periodKind:checked, QPushButton#groupKind:checked {
    background: #1a66c9; color: #ffffff; border-color: #1659b0;
}
QPushButton#periodStep { padding: 2px 8px; min-width: 14px; font-size: 13pt; }
"""


@dataclass(frozen=True, slots=True)
class StatisticsView:
    """One period's numbers, as the page shows them."""

    start: date
    end: date
    figures: dict[str, int | Fraction | None]
    breakdowns: dict[str, list[GroupRow]]
    definitions: Definitions
    satisfaction_rule: str = "satisfied_or_basically"


@dataclass(frozen=True, slots=True)
class TrendView:
    """The figures per calendar month over the trend's span (trend_span)."""

    start: date
    end: date
    months: list[tuple[date, dict[str, int | Fraction | None]]]


def load_statistics(ctx: ServiceContext, start: date, end: date) -> StatisticsView:
    """Figures, breakdowns and the station's definitions of a period (DB thread)."""
    from stationdesk.services.statistics import definitions, report, satisfaction_rule

    result = report(ctx, start, end)
    return StatisticsView(
        start, end, result.figures, result.breakdowns, definitions(ctx), satisfaction_rule(ctx)
    )


def store_tallies(ctx: ServiceContext) -> int:
    """Store the recount of the days changed since the tallies were written (DB thread)."""
    from stationdesk.services.statistics import store_tallies as store

    return store(ctx)


def load_trend(ctx: ServiceContext, start: date, end: date) -> TrendView:
    """The monthly figures from start's month to end's (DB thread)."""
    from stationdesk.services.statistics import monthly

    return TrendView(start, end, monthly(ctx, start, end))


def monthly_pdf(ctx: ServiceContext, year: int, month: int) -> bytes:
    """The 月报 PDF (DB thread)."""
    from stationdesk.services.statistics_documents import monthly_report_pdf

    return monthly_report_pdf(ctx, year, month)


def export_xlsx(ctx: ServiceContext, start: date, end: date, dest: Path, job: Job) -> object:
    """The report as .xlsx (DB thread)."""
    from stationdesk.services.statistics_export import report_xlsx

    return report_xlsx(ctx, start, end, dest, job=job)


def group_names() -> dict[str, str]:
    """The breakdowns' selector words, in the service's order."""
    return {
        "category": QCoreApplication.translate("StatisticsPage", "按问题类别"),
        "grid": QCoreApplication.translate("StatisticsPage", "按网格"),
        "channel": QCoreApplication.translate("StatisticsPage", "按来访方式"),
        "track": QCoreApplication.translate("StatisticsPage", "按办理方式"),
        "deputy": QCoreApplication.translate("StatisticsPage", "按代表"),
        "department": QCoreApplication.translate("StatisticsPage", "按承办单位"),
    }


class StatisticsPage(QWidget):
    """The station's report for a month, quarter, year or any two dates."""

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsPage")
        self.setStyleSheet(PAGE_STYLE)
        self._signals = signals
        self._ctx: ServiceContext | None = None
        self.view: StatisticsView | None = None
        self.trend: TrendView | None = None
        self._trend_stale = False  # a change arrived: the months are counted again too
        self._dirty = False
        self._generation = 0
        self.dialog: QWidget | None = None  # the last dialog opened (tests)
        self.progress: QProgressDialog | None = None

        title = QLabel(self.tr("统计报表"))
        title.setObjectName("pageTitle")
        self.definitions_button = QPushButton(self.tr("统计口径"))
        self.definitions_button.setToolTip(self.tr("每项数字怎么统计"))
        self.definitions_button.clicked.connect(self.show_definitions)
        self.pdf_button = QPushButton(self.tr("月报 PDF…"))
        self.pdf_button.clicked.connect(self.monthly_report)
        self.xlsx_button = QPushButton(self.tr("导出 Excel…"))
        self.xlsx_button.clicked.connect(self.export_excel)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.definitions_button)
        head.addWidget(self.pdf_button)
        head.addWidget(self.xlsx_button)

        self.period_bar = PeriodBar()
        self.period_bar.changed.connect(lambda _s, _e: self.refresh())

        self.cards: dict[str, FigureCard] = {}
        cards = QGridLayout()
        cards.setHorizontalSpacing(10)
        cards.setVerticalSpacing(10)
        for n, key in enumerate(FIGURE_KEYS):
            card = FigureCard(key)
            card.clicked.connect(self.drill_figure)
            self.cards[key] = card
            cards.addWidget(card, *divmod(n, CARDS_PER_ROW))
        for column in range(CARDS_PER_ROW):
            cards.setColumnStretch(column, 1)

        # 分类统计: the selector, the table beside the chart.
        self.group_buttons = QButtonGroup(self)
        selector = QHBoxLayout()
        selector.setSpacing(6)
        self.group_keys = list(group_names())
        for n, (key, text) in enumerate(group_names().items()):
            button = QPushButton(text)
            button.setObjectName("groupKind")
            button.setCheckable(True)
            button.setProperty("group", key)
            self.group_buttons.addButton(button, n)
            button.clicked.connect(lambda _c=False: self._show_group())
            selector.addWidget(button)
        selector.addStretch(1)
        self.group_buttons.button(0).setChecked(True)
        self.group_table = QTableWidget(0, 3)
        self.group_table.setObjectName("groupTable")
        self.group_table.setHorizontalHeaderLabels(
            [self.tr("名称"), self.tr("征集件数"), self.tr("办结件数")]
        )
        self.group_table.verticalHeader().hide()
        self.group_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.group_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.group_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.group_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.group_table.setToolTip(self.tr("双击数字查看明细"))
        self.group_table.cellDoubleClicked.connect(self.drill_cell)
        self.group_chart = BreakdownChart()
        self.group_chart.bar_clicked.connect(self._group_bar_clicked)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.group_table)
        split.addWidget(self.group_chart)
        self.group_table.setMinimumWidth(300)
        self.group_chart.setMinimumWidth(380)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([340, 560])
        split.setChildrenCollapsible(False)
        groups = QWidget()
        group_layout = QVBoxLayout(groups)
        group_layout.setContentsMargins(8, 8, 8, 8)
        group_layout.addLayout(selector)
        group_layout.addWidget(split, 1)

        self.trend_chart = TrendChart()
        self.trend_chart.bar_clicked.connect(self._trend_bar_clicked)
        self.trend_hint = QLabel(self.tr("点击柱条查看当月明细。"))
        self.trend_hint.setObjectName("hint")
        trend = QWidget()
        trend_layout = QVBoxLayout(trend)
        trend_layout.setContentsMargins(8, 8, 8, 8)
        trend_layout.addWidget(self.trend_chart, 1)
        trend_layout.addWidget(self.trend_hint)

        self.tabs = QTabWidget()
        self.tabs.addTab(groups, self.tr("分类统计"))
        self.tabs.addTab(trend, self.tr("月度趋势"))
        self.message = QLabel("")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 10)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addWidget(self.period_bar)
        layout.addLayout(cards)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(CHANGE_PAUSE_MS)
        self._change_timer.timeout.connect(self.refresh)
        signals.changes.connect(self._on_changes)

    # --- binding --------------------------------------------------------------------------

    def attach(self, ctx: ServiceContext) -> None:
        """Bind to the signed-in user and show the last complete month."""
        self._ctx = ctx
        can_export = allowed(ctx.actor.role, Action.EXPORT_LEDGER)
        self.pdf_button.setVisible(can_export)
        self.xlsx_button.setVisible(can_export)
        today = ctx.clock().date()
        self.period_bar.today = today
        self.period_bar.set_month(*default_month(today))
        self.refresh()

    def detach(self) -> None:
        """Signed out: nothing of the last user's report stays on screen."""
        self._ctx = None
        self.view = None
        self.trend = None
        for card in self.cards.values():
            card.show_value(None)
        self.group_table.setRowCount(0)

    # --- loading --------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        """The chosen period."""
        return self.period_bar.period()

    def refresh(self) -> None:
        """Reload the chosen period's numbers on the DB thread."""
        ctx = self._ctx
        if ctx is None:
            return
        self._dirty = False
        start, end = self.period()
        if end < start:
            show_message(self.message, self.tr("结束日期不能早于开始日期。"), error=True)
            return
        self._generation += 1
        generation = self._generation

        def shown(view: StatisticsView) -> None:
            if generation == self._generation:
                self._show(view)
            # then, behind the reads already queued, the recount of changed days is stored
            QueryOp(self, lambda: store_tallies(ctx)).success(
                lambda _days: None
            ).run_in_background()

        # The cards and breakdowns first; the months after them (a separate, longer read),
        # and only when the trend's span changed or the data did.
        QueryOp(self, lambda: load_statistics(ctx, start, end)).success(shown).failure(
            self._failed
        ).run_in_background()
        first, last = trend_span(start, end, ctx.clock().date())
        trend = self.trend
        if (
            trend is not None
            and (trend.start, trend.end) == (first, last)
            and not self._trend_stale
        ):
            return
        self._trend_stale = False

        def trend_shown(trend: TrendView) -> None:
            if generation == self._generation:
                self.trend = trend
                self._show_trend()

        QueryOp(self, lambda: load_trend(ctx, first, last)).success(trend_shown).failure(
            self._failed
        ).run_in_background()

    def _show(self, view: StatisticsView) -> None:
        self.view = view
        self.message.clear()
        for key, card in self.cards.items():
            card.set_definition(*view.definitions[key])
            card.show_value(view.figures.get(key))
        self._show_group()

    def _failed(self, exc: BaseException) -> None:
        show_message(self.message, message_for(exc), error=True)

    def group_key(self) -> str:
        """The breakdown chosen: category, grid, channel, track, deputy or department."""
        return self.group_keys[max(0, self.group_buttons.checkedId())]

    def group_rows(self) -> list[GroupRow]:
        """The rows of the chosen breakdown, largest first."""
        if self.view is None:
            return []
        return self.view.breakdowns.get(self.group_key(), [])

    def _show_group(self) -> None:
        rows = self.group_rows()
        self.group_table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            name = QTableWidgetItem(row.name)
            name.setToolTip(row.name)
            self.group_table.setItem(n, 0, name)
            for column, value in ((1, row.issues_collected), (2, row.issues_resolved)):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.group_table.setItem(n, column, item)
        self.group_chart.show_rows(
            [(r.name, r.issues_collected, r.issues_resolved) for r in rows],
            (self.tr("征集件数"), self.tr("办结件数")),
            self.tr("其余 {n} 项"),
        )

    def _show_trend(self) -> None:
        view = self.trend
        if view is None:
            return
        by_month = dict(view.months)
        months = months_in(view.start, view.end)

        def count(month: date, key: str) -> int:
            value = by_month.get(month, {}).get(key)
            return value if isinstance(value, int) else 0

        one_year = view.start.year == view.end.year
        self.trend_chart.show_months(
            months,
            [count(m, "issues_collected") for m in months],
            [count(m, "issues_resolved") for m in months],
            (self.figure_name("issues_collected"), self.figure_name("issues_resolved")),
            self.tr("{month}月") if one_year else self.tr("{year}年{month}月"),
            self.tr("{start} 至 {end} 各月").format(
                start=view.start.isoformat(), end=view.end.isoformat()
            ),
        )

    # --- changes --------------------------------------------------------------------------

    @Slot(object)
    def _on_changes(self, changes: ChangeSet) -> None:
        if self._ctx is None or not changes.touches(*STATISTICS_ENTITIES):
            return
        self._trend_stale = True
        if self.isVisible():
            self._change_timer.start()  # a burst of changes recounts once
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        """A change made while the page was hidden is counted now."""
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    # --- drilling down --------------------------------------------------------------------

    def _open(self, dialog: QWidget) -> QWidget:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    @Slot(str)
    def drill_figure(self, key: str) -> DrillDialog | None:
        """The cases (or sign-ins) behind one of the nine figures."""
        ctx, view = self._ctx, self.view
        if ctx is None or view is None:
            return None
        title = self.tr("{figure}：明细").format(figure=self.figure_name(key))
        dialog = DrillDialog(ctx, self._signals, title, key, (view.start, view.end), parent=self)
        self._open(dialog)
        return dialog

    @Slot(int, int)
    def drill_cell(self, row: int, column: int) -> DrillDialog | None:
        """The cases behind a breakdown cell (the name column lists the collected ones)."""
        key = "issues_resolved" if column == 2 else "issues_collected"
        return self.drill_group(row, key)

    def drill_group(self, row: int, key: str) -> DrillDialog | None:
        """The cases of one group counted as collected or resolved in the period."""
        ctx, view, rows = self._ctx, self.view, self.group_rows()
        if ctx is None or view is None or not 0 <= row < len(rows):
            return None
        group = rows[row]
        title = self.tr("{group}“{name}”：{figure}").format(
            group=group_names()[self.group_key()],
            name=group.name,
            figure=self.figure_name(key),
        )
        dialog = DrillDialog(
            ctx,
            self._signals,
            title,
            key,
            (view.start, view.end),
            group=(self.group_key(), group.key),
            parent=self,
        )
        self._open(dialog)
        return dialog

    @Slot(int, str)
    def _group_bar_clicked(self, index: int, key: str) -> None:
        row = self.group_chart.row_of(index)
        if row is not None:
            self.drill_group(row, key)

    @Slot(int, str)
    def _trend_bar_clicked(self, index: int, key: str) -> None:
        ctx, trend = self._ctx, self.trend
        if ctx is None or trend is None:
            return
        months = months_in(trend.start, trend.end)
        if not 0 <= index < len(months):
            return
        span = month_span(months[index].year, months[index].month)
        title = self.tr("{year}年{month}月：{figure}").format(
            year=span[0].year, month=span[0].month, figure=self.figure_name(key)
        )
        self._open(DrillDialog(ctx, self._signals, title, key, span, parent=self))

    def definitions(self) -> Definitions:
        """The station's names and definitions of the figures (the domain's until read)."""
        return self.view.definitions if self.view is not None else default_definitions()

    def figure_name(self, key: str) -> str:
        """A figure's Chinese name, e.g. 征集意见建议条数."""
        return self.definitions()[key][0]

    @Slot()
    def show_definitions(self) -> DefinitionsDialog:
        """统计口径: every figure's definition, as this station counts it."""
        ctx = self._ctx
        can_choose = ctx is not None and allowed(ctx.actor.role, Action.CONFIGURE)
        rule = self.view.satisfaction_rule if self.view is not None else None
        dialog = DefinitionsDialog(
            self.definitions(), self, rule=rule,
            on_rule=self.choose_satisfaction_rule if can_choose else None,
        )  # fmt: skip
        self._open(dialog)
        return dialog

    def choose_satisfaction_rule(self, rule: str) -> None:
        """Save how 满意率 is counted (admins); the page recounts when the change arrives."""
        from stationdesk.services.statistics import set_satisfaction_rule

        ctx = self._ctx
        if ctx is None:
            return
        Op(self, lambda: set_satisfaction_rule(ctx, rule), self._signals).failure(
            self._failed
        ).run_in_background()

    # --- output ---------------------------------------------------------------------------

    def report_month(self) -> tuple[int, int]:
        """The month a 月报 is made for: the chosen month, else the period's last month."""
        start, end = self.period()
        if self.period_bar.kind() == MONTH:
            return start.year, start.month
        return end.year, end.month

    @Slot()
    def monthly_report(self) -> QWidget | None:
        """月报 PDF: preview, print, save (the month chosen above the preview)."""
        from stationdesk.ui.document_output import DocumentDialog

        ctx = self._ctx
        if ctx is None:
            return None
        year, month = self.report_month()
        options: list[tuple[str, str]] = []
        n = year * 12 + month - 1
        for back in range(24):  # the chosen month first, then the two years before it
            y, m = divmod(n - back, 12)
            options.append(
                (self.tr("{year}年{month}月").format(year=y, month=m + 1), f"{y}-{m + 1}")
            )

        def make(values: dict[str, str]) -> bytes:
            y, m = (int(x) for x in values["month"].split("-"))
            return monthly_pdf(ctx, y, m)

        dialog = DocumentDialog(
            self,
            self.tr("统计月报"),
            f"统计月报-{year}{month:02d}.pdf",
            make,
            [("month", self.tr("月份"), options)],
            job_tag="monthly-report",
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def export_excel(self) -> None:
        """导出 Excel: ask where, then write with a progress bar and 取消."""
        start, end = self.period()
        suggested = Path.home() / f"统计报表-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出 Excel"), str(suggested), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.write_excel(Path(path))

    def write_excel(self, dest: Path) -> None:
        """Write the period's report to dest on the DB thread; 取消 stops it cleanly."""
        ctx = self._ctx
        if ctx is None:
            return
        start, end = self.period()
        running = JobProgress(self, self.tr("导出 Excel"), self.tr("正在导出统计报表…"))
        job = running.job
        self.progress = running.dialog
        self.xlsx_button.setEnabled(False)

        def finished() -> None:
            self.xlsx_button.setEnabled(True)
            running.close()
            self.progress = None

        def done(_result: object) -> None:
            finished()
            show_message(self.message, self.tr("已导出到 {path}").format(path=dest))

        def failed(exc: BaseException) -> None:
            finished()
            show_message(self.message, message_for(exc), error=True)

        Op(self, lambda: export_xlsx(ctx, start, end, dest, job), self._signals).success(
            done
        ).failure(failed).run_in_background()
