"""审计日志: the admin's view of who did what, with filters, the chain's state and CSV export."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.enums import CaseStatus, Rating
from stationdesk.ui.case_model import rating_name, status_name
from stationdesk.ui.errors import message_for
from stationdesk.ui.formatting import date_time, role_name
from stationdesk.ui.tasks import QueryOp

if TYPE_CHECKING:
    from stationdesk.services.audit_trail import AuditFilter, AuditRow
    from stationdesk.services.context import ServiceContext


def action_name(action: str) -> str:
    """The Chinese name of an audit action (the code itself when unknown)."""
    names = {
        "auth.sign_in": QCoreApplication.translate("AuditPage", "登录"),
        "auth.sign_in_failed": QCoreApplication.translate("AuditPage", "登录失败"),
        "visit.register": QCoreApplication.translate("AuditPage", "接待登记"),
        "visit.reveal_phone": QCoreApplication.translate("AuditPage", "查看完整电话"),
        "visit.reveal_id_number": QCoreApplication.translate("AuditPage", "查看完整身份证号"),
        "case.register": QCoreApplication.translate("AuditPage", "问题登记"),
        "case.assigned": QCoreApplication.translate("AuditPage", "交办"),
        "case.progress": QCoreApplication.translate("AuditPage", "记录进度"),
        "case.closed": QCoreApplication.translate("AuditPage", "办结"),
        "case.callback": QCoreApplication.translate("AuditPage", "回访"),
        "case.reopened": QCoreApplication.translate("AuditPage", "重新督办"),
        "case.to_suggestion": QCoreApplication.translate("AuditPage", "转为代表建议"),
        "case.merged": QCoreApplication.translate("AuditPage", "合并重复"),
        "case.correction": QCoreApplication.translate("AuditPage", "更正"),
        "case.reprinted": QCoreApplication.translate("AuditPage", "补打回执"),
        "user.create": QCoreApplication.translate("AuditPage", "添加账号"),
        "user.unlock": QCoreApplication.translate("AuditPage", "解锁账号"),
        "user.reset_password": QCoreApplication.translate("AuditPage", "重设密码"),
        "user.change_password": QCoreApplication.translate("AuditPage", "修改密码"),
        "settings.receipt": QCoreApplication.translate("AuditPage", "回执设置"),
        "settings.idle_lock": QCoreApplication.translate("AuditPage", "锁屏时间"),
        "settings.retention": QCoreApplication.translate("AuditPage", "保存期限"),
        "purge.apply": QCoreApplication.translate("AuditPage", "到期清除"),
        "station.init": QCoreApplication.translate("AuditPage", "联络站初始化"),
        "audit.export": QCoreApplication.translate("AuditPage", "导出审计日志"),
        "case.synced_events": QCoreApplication.translate("AuditPage", "同步收到办理经过"),
        "case.sync_conflict": QCoreApplication.translate("AuditPage", "同步冲突待核对"),
        "settings.sync": QCoreApplication.translate("AuditPage", "同步设置"),
        "settings.sync_resume": QCoreApplication.translate("AuditPage", "恢复备份后确认同步"),
        "sync.reject_resent": QCoreApplication.translate("AuditPage", "重新上传被拒绝的记录"),
        "sync.reject_dismissed": QCoreApplication.translate("AuditPage", "忽略被拒绝的记录"),
    }
    return names.get(action, action)


def family_names() -> list[tuple[str, str]]:
    """(family, label) for the filter, in FAMILIES order."""
    return [
        ("auth", QCoreApplication.translate("AuditPage", "登录")),
        ("visit", QCoreApplication.translate("AuditPage", "来访与查看完整信息")),
        ("case", QCoreApplication.translate("AuditPage", "问题办理")),
        ("user", QCoreApplication.translate("AuditPage", "账号")),
        ("settings", QCoreApplication.translate("AuditPage", "设置")),
        ("purge", QCoreApplication.translate("AuditPage", "到期清除")),
        ("station", QCoreApplication.translate("AuditPage", "联络站")),
        ("audit", QCoreApplication.translate("AuditPage", "审计日志")),
        ("sync", QCoreApplication.translate("AuditPage", "县级同步")),
    ]


def describe(detail: dict[str, Any]) -> str:
    """The detail items a person reads, in Chinese (hashes and internal ids left out)."""
    labels = {
        "visitor": QCoreApplication.translate("AuditPage", "来访群众"),
        "phone": QCoreApplication.translate("AuditPage", "电话"),
        "status": QCoreApplication.translate("AuditPage", "状态"),
        "rating": QCoreApplication.translate("AuditPage", "满意度"),
        "field": QCoreApplication.translate("AuditPage", "项目"),
        "username": QCoreApplication.translate("AuditPage", "用户名"),
        "role": QCoreApplication.translate("AuditPage", "角色"),
        "reason": QCoreApplication.translate("AuditPage", "原因"),
        "visits": QCoreApplication.translate("AuditPage", "来访"),
        "cases": QCoreApplication.translate("AuditPage", "问题"),
        "rows": QCoreApplication.translate("AuditPage", "行数"),
        "via": QCoreApplication.translate("AuditPage", "来源"),
        "idle_minutes": QCoreApplication.translate("AuditPage", "锁屏分钟"),
        "visit_years": QCoreApplication.translate("AuditPage", "保存年数"),
    }
    words = {
        "phone": QCoreApplication.translate("AuditPage", "电话"),
        "id_number": QCoreApplication.translate("AuditPage", "身份证号"),
        "unknown_user": QCoreApplication.translate("AuditPage", "没有这个用户名"),
        "wrong_password": QCoreApplication.translate("AuditPage", "密码不对"),
        "locked": QCoreApplication.translate("AuditPage", "等待中"),
        "disabled": QCoreApplication.translate("AuditPage", "账号已停用"),
    }
    parts = []
    for key, label in labels.items():
        value = detail.get(key)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = len(value) if key != "cases" else "、".join(str(v) for v in value)
        elif key == "status" and value in {s.value for s in CaseStatus}:
            value = status_name(CaseStatus(str(value)))
        elif key == "rating" and value in {r.value for r in Rating}:
            value = rating_name(Rating(str(value)))
        elif key == "role":
            value = role_name(str(value))
        elif key in ("field", "reason"):
            value = words.get(str(value), value)
        parts.append(f"{label}：{value}")
    return "；".join(parts)


Loaded = tuple["list[AuditRow]", Any, "list[tuple[str, str]] | None"]


def _load(ctx: ServiceContext, flt: AuditFilter, *, whole: bool) -> Loaded:
    """The matching rows; with whole=True also the chain's state and the users in the log.

    Walking the whole chain is paid once per visit to the page, not per search.
    """
    from stationdesk.services.audit_trail import audit_rows, chain_state, users_in_log

    if not whole:
        return audit_rows(ctx, flt), None, None
    return audit_rows(ctx, flt), chain_state(ctx), users_in_log(ctx)


def _export(ctx: ServiceContext, flt: AuditFilter, dest: Path) -> int:
    from stationdesk.services.audit_trail import export_csv

    return export_csv(ctx, flt, dest)


class AuditPage(QWidget):
    """The newest 500 matching rows; filters by date, user, kind and record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditPage")
        self._ctx: ServiceContext | None = None
        self.rows: list[AuditRow] = []
        title = QLabel(self.tr("审计日志"))
        title.setObjectName("pageTitle")
        self.chain_label = QLabel("")
        self.chain_label.setWordWrap(True)

        today = QDate.currentDate()
        self.use_dates = QCheckBox(self.tr("日期"))
        self.from_edit = QDateEdit(today.addDays(-30))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.use_dates.toggled.connect(self.from_edit.setEnabled)
        self.use_dates.toggled.connect(self.to_edit.setEnabled)
        self.user_combo = QComboBox()
        self.family_combo = QComboBox()
        self.family_combo.addItem(self.tr("全部操作"), "")
        for family, label in family_names():
            self.family_combo.addItem(label, family)
        self.record_edit = QLineEdit()
        self.record_edit.setPlaceholderText(self.tr("案件编号"))
        self.record_edit.returnPressed.connect(self.refresh)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.setObjectName("primary")
        self.search_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("导出 CSV…"))
        self.export_button.clicked.connect(self.ask_export)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.from_edit)
        filters.addWidget(QLabel("—"))
        filters.addWidget(self.to_edit)
        filters.addWidget(self.user_combo)
        filters.addWidget(self.family_combo)
        filters.addWidget(self.record_edit, 1)
        filters.addWidget(self.search_button)
        filters.addWidget(self.export_button)

        headers = [
            self.tr("时间"),
            self.tr("用户"),
            self.tr("操作"),
            self.tr("案件编号"),
            self.tr("原因"),
            self.tr("详情"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel("")
        self.message.setObjectName("hint")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.chain_label)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def attach(self, ctx: ServiceContext) -> None:
        """Bind to the signed-in admin's context and load the newest rows."""
        self._ctx = ctx
        self.refresh(whole=True)

    def detach(self) -> None:
        """Signed out: forget the context and every row shown."""
        self._ctx = None
        self.rows = []
        self.table.setRowCount(0)
        self.record_edit.clear()
        self.message.clear()

    def current_filter(self) -> AuditFilter:
        from stationdesk.services.audit_trail import AuditFilter

        def day(edit: QDateEdit) -> date:
            return edit.date().toPython()  # type: ignore[no-any-return]

        dates = self.use_dates.isChecked()
        return AuditFilter(
            date_from=day(self.from_edit) if dates else None,
            date_to=day(self.to_edit) if dates else None,
            user_id=self.user_combo.currentData() or None,
            family=self.family_combo.currentData() or None,
            record=self.record_edit.text().strip() or None,
        )

    @Slot()
    def refresh(self, *, whole: bool = False) -> None:
        """Reload with the current filters (DB thread); whole: the chain and users too."""
        ctx = self._ctx
        if ctx is None:
            return
        flt = self.current_filter()
        QueryOp(self, lambda: _load(ctx, flt, whole=whole)).success(self._show).failure(
            lambda exc: self.message.setText(message_for(exc))
        ).run_in_background()

    def _show(self, result: Loaded) -> None:
        self.rows, chain, users = result
        if chain is not None:
            self._show_chain(chain)
        if users is not None:
            self._show_users(users)
        self._show_rows()

    def _show_chain(self, chain: Any) -> None:
        if chain.first_bad_id is None:
            self.chain_label.setText(
                self.tr("审计链完整：共 {n} 条，未被改动。").format(n=chain.rows)
            )
            self.chain_label.setObjectName("savedMessage")
        else:
            self.chain_label.setText(
                self.tr("审计链从第 {id} 条起对不上，可能被本程序以外的方式改动过。").format(
                    id=chain.first_bad_id
                )
            )
            self.chain_label.setObjectName("formError")
        self.chain_label.style().unpolish(self.chain_label)
        self.chain_label.style().polish(self.chain_label)

    def _show_users(self, users: list[tuple[str, str]]) -> None:
        chosen = self.user_combo.currentData()
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        self.user_combo.addItem(self.tr("全部用户"), "")
        for user_id, name in users:
            self.user_combo.addItem(name, user_id)
        index = self.user_combo.findData(chosen)
        self.user_combo.setCurrentIndex(max(index, 0))
        self.user_combo.blockSignals(False)

    def _show_rows(self) -> None:
        self.table.setRowCount(len(self.rows))
        for n, row in enumerate(self.rows):
            who = row.user or self.tr("（未知用户名）")
            cells = (
                date_time(row.ts),
                who,
                action_name(row.action),
                row.case_no or "",
                row.reason or "",
                describe(row.detail),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                item.setToolTip(text)
                self.table.setItem(n, col, item)
        self.message.setText(self.tr("显示最近的 {n} 条。").format(n=len(self.rows)))

    @Slot()
    def ask_export(self) -> None:
        """Choose a file, then write every matching row to it."""
        suggested = str(Path.home() / f"审计日志-{date.today().isoformat()}.csv")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出审计日志"), suggested, self.tr("CSV 文件 (*.csv)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, dest: Path) -> None:
        """Write the CSV (DB thread) and say how many rows went out."""
        ctx = self._ctx
        if ctx is None:
            return
        flt = self.current_filter()
        QueryOp(self, lambda: _export(ctx, flt, dest)).success(
            lambda n: self._exported(n, dest)
        ).failure(lambda exc: self.message.setText(message_for(exc))).run_in_background()

    def _exported(self, rows: int, dest: Path) -> None:
        self.refresh()  # the export is itself in the log now
        self.message.setText(self.tr("已导出 {n} 条到 {path}").format(n=rows, path=dest))
