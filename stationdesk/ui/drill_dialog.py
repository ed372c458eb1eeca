"""The list behind a 统计报表 number: its cases (masked, opened by double-click) or its sign-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.ui.case_list_page import PAGE_STYLE, case_table
from stationdesk.ui.case_model import BLOCK_SIZE, CaseTableModel, short_time
from stationdesk.ui.dialogs import button_row
from stationdesk.ui.errors import message_for
from stationdesk.ui.signals import AppSignals
from stationdesk.ui.tasks import QueryOp
from stationdesk.ui.theme import show_message

if TYPE_CHECKING:
    from stationdesk.services.cases import CaseRow
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.statistics import AttendanceRow
    from stationdesk.ui.case_detail import CaseDetailDialog

ATTENDANCE_KEY = "deputy_attendances"
Group = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class DrillResult:
    """What a number stands for: case ids (with the first screen's rows) or sign-ins."""

    ids: list[str]
    rows: list[CaseRow]
    attendances: list[AttendanceRow] | None


def load_drill(
    ctx: ServiceContext, key: str, start: date, end: date, group: Group | None
) -> DrillResult:
    """The ids behind a figure or a breakdown cell and the rows of the first block (DB thread)."""
    from stationdesk.services.cases import load_rows
    from stationdesk.services.statistics import attendance_rows, drill

    if key == ATTENDANCE_KEY and group is None:
        return DrillResult([], [], attendance_rows(ctx, start, end))
    ids = drill(ctx, key, start, end, group)
    return DrillResult(ids, load_rows(ctx, ids[:BLOCK_SIZE]), None)


class DrillDialog(QDialog):
    """案件清单 (or 签到记录) behind one number of the report; double-click opens a case."""

    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        title: str,
        key: str,
        period: tuple[date, date],
        group: Group | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("drillDialog")
        self.setStyleSheet(PAGE_STYLE)
        self.setWindowTitle(title)
        self.setSizeGripEnabled(True)
        self.resize(1100, 620)
        self._ctx, self._signals = ctx, signals
        self._key, self._period, self._group = key, period, group
        self._dialogs: dict[str, CaseDetailDialog] = {}
        start, end = period
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        heading.setWordWrap(True)
        self.count_label = QLabel(
            self.tr("{start} 至 {end}").format(start=start.isoformat(), end=end.isoformat())
        )
        self.count_label.setObjectName("hint")

        self.model = CaseTableModel(self)
        self.model.attach(ctx)
        self.table = case_table(self.model)
        self.table.doubleClicked.connect(self._on_double_clicked)

        self.attendance = QTableWidget(0, 4)
        self.attendance.setObjectName("attendanceTable")
        self.attendance.setHorizontalHeaderLabels(
            [self.tr("代表"), self.tr("值班日期"), self.tr("班次"), self.tr("签到时间")]
        )
        self.attendance.verticalHeader().hide()
        self.attendance.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attendance.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attendance.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.attendance)
        self.hint = QLabel(self.tr("双击一行打开案件。姓名和电话已脱敏。"))
        self.hint.setObjectName("hint")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 12)
        layout.addWidget(heading)
        layout.addWidget(self.count_label)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addLayout(button_row(close))
        self.load()

    def load(self) -> None:
        """Ask the DB thread for the list."""
        ctx, key, group = self._ctx, self._key, self._group
        start, end = self._period
        QueryOp(self, lambda: load_drill(ctx, key, start, end, group)).success(self._show).failure(
            self._failed
        ).run_in_background()

    def _show(self, result: DrillResult) -> None:
        start, end = self._period
        span = self.tr("{start} 至 {end}").format(start=start.isoformat(), end=end.isoformat())
        if result.attendances is not None:
            self.body.setCurrentWidget(self.attendance)
            self.hint.setText(self.tr("每名代表在每个班次只计一次。"))
            self.attendance.setRowCount(len(result.attendances))
            for row, a in enumerate(result.attendances):
                texts = (
                    a.deputy_name,
                    a.shift_on.isoformat(),
                    a.half_label,
                    short_time(a.signed_in_at) if a.signed_in_at else "",
                )
                for column, text in enumerate(texts):
                    self.attendance.setItem(row, column, QTableWidgetItem(text))
            self.count_label.setText(
                self.tr("{span}，共 {n} 人次").format(span=span, n=len(result.attendances))
            )
            return
        self.body.setCurrentWidget(self.table)
        self.model.set_ids(result.ids, result.rows, 0)
        self.count_label.setText(self.tr("{span}，共 {n} 件").format(span=span, n=len(result.ids)))

    def _failed(self, exc: BaseException) -> None:
        show_message(self.message, message_for(exc), error=True)

    def row_count(self) -> int:
        """Rows listed (cases or sign-ins)."""
        if self.body.currentWidget() is self.attendance:
            return self.attendance.rowCount()
        return self.model.rowCount()

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        case_id = self.model.case_id(index.row())
        if case_id:
            self.open_case(case_id)

    def open_case(self, case_id: str) -> CaseDetailDialog:
        """The case's window, as the case list opens it (one per case)."""
        from stationdesk.ui.case_detail import CaseDetailDialog

        dialog = self._dialogs.get(case_id)
        if dialog is None:
            dialog = CaseDetailDialog(self._ctx, case_id, self._signals, self)
            self._dialogs[case_id] = dialog
            dialog.finished.connect(lambda _r, cid=case_id: self._dialogs.pop(cid, None))
        dialog.open()
        return dialog
