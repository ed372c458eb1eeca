"""被县级拒绝的记录: the open sync_rejects; 重新上传 or 忽略… for admins, read-only for others."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.permissions import Action, allowed
from stationdesk.services.changes import ChangeSet
from stationdesk.sync.rejects import dismiss, list_open, resend
from stationdesk.ui.dialogs import NoteDialog, confirm_destructive
from stationdesk.ui.errors import message_for
from stationdesk.ui.formatting import date_time
from stationdesk.ui.signals import emit
from stationdesk.ui.tasks import Op, QueryOp

if TYPE_CHECKING:
    from stationdesk.services.context import ServiceContext
    from stationdesk.sync.rejects import RejectInfo
    from stationdesk.ui.signals import AppSignals


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncRejects", text)


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


def reason_text(code: str) -> str:
    """Why the county refused a change, in words (county/push.py `_validate`, too_large, stale)."""
    reasons = {
        "stale": QCoreApplication.translate("SyncRejects", "县级已有较新版本"),
        "key_reuse": QCoreApplication.translate("SyncRejects", "同一编号的上传内容不一致"),
        "county_owned": QCoreApplication.translate("SyncRejects", "这类记录只能由县级填写"),
        "unknown_entity": QCoreApplication.translate("SyncRejects", "县级不接收这类记录"),
        "invalid_op": QCoreApplication.translate("SyncRejects", "修改方式不正确"),
        "invalid_entity_id": QCoreApplication.translate("SyncRejects", "记录编号不正确"),
        "invalid_payload": QCoreApplication.translate("SyncRejects", "记录内容不完整或格式不对"),
        "id_mismatch": QCoreApplication.translate("SyncRejects", "记录编号与内容不符"),
        "invalid_row_version": QCoreApplication.translate("SyncRejects", "记录版本号不正确"),
        "too_large": QCoreApplication.translate("SyncRejects", "记录太大，县级无法接收"),
    }
    return reasons.get(code) or _tr("县级拒绝接收")


def detail_text(reject: RejectInfo) -> str:
    """县级版本 9，本机版本 2 for a stale change; else the county's (masked) message."""
    if reject.county_version is not None:
        return _tr("县级版本 {county}，本机版本 {local}").format(
            county=reject.county_version, local=reject.local_version or "?"
        )
    return reject.message or ""


def _when(raw: str) -> str:
    try:
        return date_time(datetime.fromisoformat(raw))
    except ValueError:
        return raw


class SyncRejectsDialog(QDialog):
    """The changes the county refused (kept locally); admins send one again or dismiss it."""

    # a reject was resolved: the window re-reads the status bar's count
    changed = Signal()

    def __init__(
        self, ctx: ServiceContext, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._signals = signals
        self._rejects: list[RejectInfo] = []
        self.can_resolve = allowed(ctx.actor.role, Action.CONFIGURE)
        self.note_dialog: NoteDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("被县级拒绝的记录"))
        self.resize(1000, 400)
        if self.can_resolve:
            hint = self.tr(
                "下列记录县级服务器没有接收，已保存在本机，不会自动重发。选中一条后："
                "“重新上传”把本机当前的版本再发一次（县级已有的较新版本将被替换）；"
                "“忽略”不再上传，本机保留原样，须写明原因（例如已与县人大代表工委核对）。"
            )
        else:
            hint = self.tr(
                "下列记录县级服务器没有接收，已保存在本机，不会自动重发。"
                "只有站点管理员可以重新上传或忽略，请告诉站点管理员处理。"
            )
        self.hint = QLabel(hint)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("记录类型"), self.tr("记录"), self.tr("原因"), self.tr("说明"),
             self.tr("时间")]
        )  # fmt: skip
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty_label = QLabel(self.tr("没有待处理的被拒绝记录。"))
        self.empty_label.setObjectName("hint")
        self.empty_label.hide()
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.result_label.hide()

        self.resend_button = QPushButton(self.tr("重新上传"))
        self.resend_button.clicked.connect(self.resend_selected)
        self.dismiss_button = QPushButton(self.tr("忽略…"))
        self.dismiss_button.clicked.connect(self.ask_dismiss)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        for button in (self.resend_button, self.dismiss_button):
            button.setVisible(self.can_resolve)
            button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.resend_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Read the open rejects again (on the DB thread)."""
        ctx = self._ctx
        QueryOp(self, lambda: list_open(ctx)).success(self._show).run_in_background()

    def _show(self, rejects: list[RejectInfo]) -> None:
        current = self.selected()
        keep = current.change_id if current is not None else None
        self._rejects = list(rejects)
        self.table.setRowCount(len(self._rejects))
        for row, reject in enumerate(self._rejects):
            cells = (entity_name(reject.entity), reject.record, reason_text(reject.code),
                     detail_text(reject), _when(reject.rejected_at))  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setToolTip(self.tr("原因代码：{code}").format(code=reject.code))
                elif column in (1, 3):
                    item.setToolTip(text)  # the whole text when the column cuts it
                self.table.setItem(row, column, item)
        self.empty_label.setVisible(not self._rejects)
        if self._rejects:  # the same record stays selected when the list is read again
            ids = [r.change_id for r in self._rejects]
            self.table.selectRow(ids.index(keep) if keep in ids else 0)
        self._update_buttons()

    def rows(self) -> list[list[str]]:
        """The table's text, row by row (tests)."""
        return [
            [self.table.item(r, c).text() for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]

    def selected(self) -> RejectInfo | None:
        """The reject of the selected row."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._rejects):
            return None
        return self._rejects[rows[0].row()]

    @Slot()
    def _update_buttons(self) -> None:
        reject = self.selected()
        self.resend_button.setEnabled(reject is not None and reject.can_resend)
        self.resend_button.setToolTip(
            ""
            if reject is None or reject.can_resend
            else self.tr("本机已没有这条记录，或这类记录由县级维护：只能忽略。")
        )
        self.dismiss_button.setEnabled(reject is not None)

    @Slot()
    def resend_selected(self) -> None:
        """重新上传; a stale one asks first (the county's newer version will be replaced)."""
        reject = self.selected()
        if reject is None or not self.can_resolve:
            return
        if reject.code != "stale":
            self._resend(reject)
            return

        def decided(yes: bool) -> None:
            self.confirm_box = None
            if yes:
                self._resend(reject)

        self.confirm_box = confirm_destructive(
            self,
            title=self.tr("重新上传"),
            text=self.tr("县级已有这条记录的较新版本（另一台电脑或县级改过）。"),
            detail=self.tr("重新上传后，县级的版本将被本机当前的版本替换。确定吗？"),
            confirm=self.tr("重新上传"),
            cancel=self.tr("取消"),
            on_decided=decided,
        )

    def _resend(self, reject: RejectInfo) -> None:
        ctx = self._ctx

        def run() -> tuple[int, ChangeSet]:
            queued = resend(ctx, reject.change_id)
            return queued, ChangeSet.of(reject.entity, ids=[reject.entity_id])

        def done(queued: int) -> None:
            if queued:
                self._done(self.tr("已重新排队上传，下次同步时发送到县级。"))
            else:  # an event already waiting in the outbox: nothing new was queued
                self._done(self.tr("这条记录已在待上传队列中，下次同步时发送到县级。"))

        Op(self, run, self._signals).success(done).failure(self._failed).run_in_background()

    @Slot()
    def ask_dismiss(self) -> None:
        """忽略…: a note is required; the record is not sent again."""
        reject = self.selected()
        if reject is None or not self.can_resolve:
            return
        dialog = NoteDialog(
            self.tr("忽略这条记录"),
            self.tr("{kind}（{record}）将不再上传，本机保留原样。请写明原因。").format(
                kind=entity_name(reject.entity), record=reject.record
            ),
            self.tr("原因"),
            self.tr("忽略"),
            placeholder=self.tr("必填，例如：已与县级核对，县级的版本正确"),
            parent=self,
        )
        dialog.setMinimumWidth(560)
        ctx = self._ctx

        def submitted() -> None:
            note = dialog.text()

            def done(_result: object) -> None:
                dialog.accept()
                self.note_dialog = None
                self._done(self.tr("已忽略这条记录，原因已记入审计日志。"))

            def failed(exc: BaseException) -> None:
                dialog.show_error(message_for(exc))
                self.refresh()  # resolved elsewhere (the CLI, another window): show it

            Op(dialog, lambda: (dismiss(ctx, reject.change_id, note), ChangeSet()),
               self._signals).success(done).failure(failed).run_in_background()  # fmt: skip

        dialog.submitted.connect(submitted)
        self.note_dialog = dialog
        dialog.open()

    def _failed(self, exc: BaseException) -> None:
        """A refused resend (resolved elsewhere meanwhile, row purged): say so, read again."""
        self.result_label.setText(message_for(exc))
        self.result_label.show()
        self.refresh()

    def _done(self, message: str) -> None:
        self.result_label.setText(message)
        self.result_label.show()
        emit(self.changed)
        self.refresh()
