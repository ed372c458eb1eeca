"""被县级拒绝的记录: the open sync_rejects rows (entity, code, message), for a person to resolve."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.ui.formatting import date_time

if TYPE_CHECKING:
    from stationdesk.sync.setup import RejectInfo


def entity_name(entity: str) -> str:
    """问题, 来访记录 … for a synced table (the table's name when we have no word for it)."""
    names = {
        "visit": QCoreApplication.translate("SyncRejects", "来访记录"),
        "visit_deputy": QCoreApplication.translate("SyncRejects", "接待代表"),
        "case_record": QCoreApplication.translate("SyncRejects", "问题"),
        "case_event": QCoreApplication.translate("SyncRejects", "办理过程"),
        "suggestion": QCoreApplication.translate("SyncRejects", "代表建议"),
        "deputy": QCoreApplication.translate("SyncRejects", "代表"),
        "deputy_term": QCoreApplication.translate("SyncRejects", "代表层级"),
        "deputy_grid": QCoreApplication.translate("SyncRejects", "代表网格"),
        "deputy_contact": QCoreApplication.translate("SyncRejects", "联系选民"),
        "deputy_activity": QCoreApplication.translate("SyncRejects", "履职活动"),
        "deputy_status_change": QCoreApplication.translate("SyncRejects", "代表状态变更"),
        "duty_shift": QCoreApplication.translate("SyncRejects", "值班安排"),
        "attendance": QCoreApplication.translate("SyncRejects", "签到"),
        "grid": QCoreApplication.translate("SyncRejects", "网格"),
        "category": QCoreApplication.translate("SyncRejects", "问题类别"),
        "department": QCoreApplication.translate("SyncRejects", "承办单位"),
    }
    return names.get(entity, entity)


def _when(raw: str) -> str:
    try:
        return date_time(datetime.fromisoformat(raw))
    except ValueError:
        return raw


class SyncRejectsDialog(QDialog):
    """A read-only table of the changes the county refused (kept locally; message masked)."""

    def __init__(self, rejects: tuple[RejectInfo, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("被县级拒绝的记录"))
        self.resize(760, 380)
        note = QLabel(
            self.tr(
                "下列记录县级服务器没有接收，已保存在本机，不会自动重发。"
                "请把“原因代码”告诉县人大代表工委，核对后处理。"
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.table = QTableWidget(len(rejects), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("记录类型"), self.tr("原因代码"), self.tr("说明"), self.tr("时间")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        for row, reject in enumerate(rejects):
            cells = (entity_name(reject.entity), reject.code, reject.message or "",
                     _when(reject.rejected_at))  # fmt: skip
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        """The table's text, row by row (tests)."""
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]
