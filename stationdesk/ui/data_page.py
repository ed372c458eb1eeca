"""The 数据与备份 page: data folder, backup list, back up now, restore, and the full check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
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

from stationdesk.ui.dialogs import confirm_destructive
from stationdesk.ui.errors import message_for, show_error
from stationdesk.ui.formatting import date_time, file_size
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import QueryOp
from stationdesk.ui.theme import restyle

if TYPE_CHECKING:
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.maintenance import BackupInfo, CheckReport


def list_backups(ctx: ServiceContext) -> list[BackupInfo]:
    """The backups on disk, newest first (DB thread)."""
    from stationdesk.services.maintenance import backups

    return backups(ctx.paths)


def back_up_now(ctx: ServiceContext) -> list[BackupInfo]:
    """A verified backup now, then the refreshed list (DB thread)."""
    from stationdesk.services.maintenance import backup_now, backups

    backup_now(ctx)
    return backups(ctx.paths)


def run_check(ctx: ServiceContext) -> CheckReport:
    """The full check (DB thread)."""
    from stationdesk.services.maintenance import check

    return check(ctx)


def restore_from(ctx: ServiceContext, backup: Path) -> Path:
    """Close every connection, then replace the database with backup (DB thread; admin only)."""
    from stationdesk.services.maintenance import restore_as_admin

    return restore_as_admin(ctx, backup)


def open_folder(path: Path) -> None:
    """Show a folder in the system's file manager."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def describe_check(report: CheckReport) -> tuple[bool, str]:
    """(ok, one or more translated lines) for a CheckReport."""
    if report.ok:
        return True, QCoreApplication.translate(
            "DataPage", "检查通过：数据库完整，{rows} 条操作记录前后一致。"
        ).format(rows=report.audit_rows)
    lines = [QCoreApplication.translate("DataPage", "检查发现问题，请先备份，再联系技术支持：")]
    if report.integrity:
        lines.append(
            QCoreApplication.translate("DataPage", "数据库文件有 {n} 处损坏。").format(
                n=len(report.integrity)
            )
        )
    if report.audit_first_bad_id is not None:
        lines.append(
            QCoreApplication.translate(
                "DataPage", "操作记录从第 {id} 条起对不上，可能被本程序以外的方式改动过。"
            ).format(id=report.audit_first_bad_id)
        )
    if report.schema_version != report.app_schema_version:
        lines.append(
            QCoreApplication.translate(
                "DataPage", "数据库结构版本为 {found}，本程序需要版本 {wanted}。"
            ).format(found=report.schema_version, wanted=report.app_schema_version)
        )
    orphan_names = {
        "visit_without_audit": QCoreApplication.translate("DataPage", "接待记录缺少操作记录"),
        "case_without_audit": QCoreApplication.translate("DataPage", "问题缺少操作记录"),
        "case_without_events": QCoreApplication.translate("DataPage", "问题缺少办理过程"),
        "foreign_key_violations": QCoreApplication.translate("DataPage", "记录之间的关联不一致"),
    }
    for orphan in report.orphans:
        name, _, count = orphan.partition("=")
        lines.append(
            QCoreApplication.translate("DataPage", "{what}：{n} 条").format(
                what=orphan_names.get(name, name), n=count
            )
        )
    if report.audit_behind_backup is not None:
        lines.append(
            QCoreApplication.translate(
                "DataPage", "操作记录缺少最近一次备份中已有的第 {id} 条：末尾的记录被删除或改写过。"
            ).format(id=report.audit_behind_backup)
        )
    case = QCoreApplication.translate("DataPage", "问题")
    visit = QCoreApplication.translate("DataPage", "来访记录")
    deleted = QCoreApplication.translate(
        "DataPage", "{kind} {label} 在本程序以外被删除（审计第 {id} 条之后）"
    )
    changed = QCoreApplication.translate(
        "DataPage", "{kind} {label} 在本程序以外被改动过（审计第 {id} 条之后）"
    )
    for change, label in report.outside:
        kind = case if change.table == "case_record" else visit
        text = deleted if change.deleted else changed
        lines.append(text.format(kind=kind, label=label, id=change.audit_id))
    return False, "\n".join(lines)


class DataPage(QWidget):
    """Where the data lives and how it is kept safe; call attach(ctx) once the station is open."""

    # Emitted after a restore replaced the database: the app must restart.
    restored = Signal(object)
    # Emitted just before a restore starts (background sync lets go of the file first).
    restoring = Signal()
    # Emitted with True/False after a full check.
    checked = Signal(bool)
    # Emitted with the newest backup list whenever this page learns it.
    backups_changed = Signal(object)

    def __init__(self, signals: AppSignals | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._signals = signals or AppSignals()
        self.dialog: QWidget | None = None
        self._ctx: ServiceContext | None = None
        self._backups: list[BackupInfo] = []
        self._busy = False

        title = QLabel(self.tr("数据与备份"))
        title.setObjectName("pageTitle")
        subtitle = QLabel(
            self.tr("所有记录都保存在本机的数据文件夹里。程序每 30 分钟和退出时自动备份。")
        )
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)

        # Data folder
        self.folder_label = QLabel("")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        self.open_folder_button = QPushButton(self.tr("打开文件夹"))
        self.open_folder_button.clicked.connect(self._open_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.open_folder_button)

        # Backups
        self.backup_table = QTableWidget(0, 2)
        self.backup_table.setHorizontalHeaderLabels([self.tr("备份时间"), self.tr("大小")])
        self.backup_table.verticalHeader().hide()
        self.backup_table.verticalHeader().setDefaultSectionSize(34)
        self.backup_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backup_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backup_table.setAlternatingRowColors(True)
        header = self.backup_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.backup_table.setMinimumHeight(180)
        self.backup_table.itemSelectionChanged.connect(self._update_buttons)
        self.backup_now_button = QPushButton(self.tr("立即备份"))
        self.backup_now_button.setObjectName("primary")
        self.backup_now_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("从备份恢复…"))
        self.restore_button.clicked.connect(self.ask_restore)
        self.backup_note = QLabel("")
        self.backup_note.setObjectName("hint")
        backup_buttons = QHBoxLayout()
        backup_buttons.addWidget(self.backup_now_button)
        backup_buttons.addWidget(self.restore_button)
        backup_buttons.addSpacing(12)
        backup_buttons.addWidget(self.backup_note, 1)

        # Check
        self.check_button = QPushButton(self.tr("运行完整检查"))
        self.check_button.clicked.connect(self.run_check)
        self.check_result = QLabel(self.tr("检查数据库文件是否完整、操作记录是否前后一致。"))
        self.check_result.setObjectName("hint")
        self.check_result.setWordWrap(True)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        check_row.addSpacing(12)
        check_row.addWidget(self.check_result, 1)

        # Import of old registers (旧台账)
        self.import_button = QPushButton(self.tr("导入 Excel 台账…"))
        self.import_button.clicked.connect(self.import_register)
        import_note = QLabel(
            self.tr("把原来用 Excel 记的接待台账导进来；已导入过的行不会重复导入。")
        )
        import_note.setObjectName("hint")
        import_note.setWordWrap(True)
        import_row = QHBoxLayout()
        import_row.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        import_row.addSpacing(12)
        import_row.addWidget(import_note, 1)

        # County sync: 同步设置 for admins, at the title's right (the window shows it by role)
        self.sync_settings_button = QPushButton(self.tr("县级同步设置…"))
        self.sync_settings_button.setToolTip(
            self.tr("县级服务器地址、CA 证书和本机令牌；从备份恢复后在这里恢复同步。")
        )
        self.sync_settings_button.hide()
        title_row = QHBoxLayout()
        title_row.addWidget(title, 1)
        title_row.addWidget(self.sync_settings_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.setSpacing(6)
        layout.addLayout(title_row)
        layout.addWidget(subtitle)
        layout.addSpacing(14)
        layout.addWidget(self._card(self.tr("数据文件夹"), folder_row))
        layout.addSpacing(10)
        backups_box = QVBoxLayout()
        backups_box.setSpacing(10)
        backups_box.addWidget(self.backup_table, 1)
        backups_box.addLayout(backup_buttons)
        layout.addWidget(self._card(self.tr("备份"), backups_box), 1)
        layout.addSpacing(10)
        layout.addWidget(self._card(self.tr("检查"), check_row))
        layout.addSpacing(10)
        layout.addWidget(self._card(self.tr("导入旧台账"), import_row))
        self._update_buttons()

    @staticmethod
    def _card(title: str, body: QHBoxLayout | QVBoxLayout) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(22, 14, 22, 16)
        inner.setSpacing(10)
        label = QLabel(title)
        label.setObjectName("sectionTitle")
        inner.addWidget(label)
        inner.addLayout(body)
        return card

    def attach(self, ctx: ServiceContext) -> None:
        """Bind to the open station and load the backup list."""
        self._ctx = ctx
        self.folder_label.setText(str(ctx.paths.root))
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Reload the backup list each time the page is shown."""
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Reload the backup list on the DB thread."""
        ctx = self._ctx
        if ctx is not None:
            QueryOp(self, lambda: list_backups(ctx)).success(self.show_backups).run_in_background()

    def show_backups(self, backups: list[BackupInfo]) -> None:
        """Fill the table, newest first."""
        self._backups = list(backups)
        self.backup_table.setRowCount(len(self._backups))
        for row, info in enumerate(self._backups):
            when = QTableWidgetItem(date_time(info.taken_at))
            size = QTableWidgetItem(file_size(info.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.backup_table.setItem(row, 0, when)
            self.backup_table.setItem(row, 1, size)
        if not self._backups:
            self.backup_note.setText(self.tr("还没有备份。"))
        self._update_buttons()
        emit(self.backups_changed, self._backups)

    def selected_backup(self) -> BackupInfo | None:
        """The backup selected in the table, if any."""
        rows = self.backup_table.selectionModel().selectedRows()
        return self._backups[rows[0].row()] if rows else None

    @Slot()
    def _update_buttons(self) -> None:
        ready = self._ctx is not None and not self._busy
        self.backup_now_button.setEnabled(ready)
        self.import_button.setEnabled(ready)
        self.restore_button.setEnabled(ready and self.selected_backup() is not None)

    @Slot()
    def import_register(self) -> None:
        """导入 Excel 台账: the mapping, check and import dialog."""
        from stationdesk.ui.register_import_dialog import RegisterImportDialog

        if self._ctx is not None:
            self.dialog = RegisterImportDialog(self._ctx, self._signals, self)
            self.dialog.open()

    @Slot()
    def _open_folder(self) -> None:
        if self._ctx is not None:
            open_folder(self._ctx.paths.root)

    @Slot()
    def back_up_now(self) -> None:
        """Take a verified backup on the DB thread and show it at the top of the list."""
        ctx = self._ctx
        if ctx is None:
            return
        self._set_busy(True)
        self.backup_note.setText(self.tr("正在备份…"))
        QueryOp(self, lambda: back_up_now(ctx)).success(self._on_backed_up).failure(
            self._on_backup_failed
        ).run_in_background()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _on_backed_up(self, backups: list[BackupInfo]) -> None:
        self._set_busy(False)
        self.show_backups(backups)
        self.backup_note.setText(self.tr("备份完成。"))

    def _on_backup_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.backup_note.setText(self.tr("备份没有完成。"))
        show_error(self, exc)

    @Slot()
    def ask_restore(self) -> QMessageBox | None:
        """Confirm, then restore the selected backup; returns the open confirmation box."""
        backup = self.selected_backup()
        if backup is None or self._ctx is None:
            return None
        return confirm_destructive(
            self,
            title=self.tr("从备份恢复"),
            text=self.tr("要用 {when} 的备份替换现在的数据吗？").format(
                when=date_time(backup.taken_at)
            ),
            detail=self.tr(
                "这份备份之后录入的记录不会出现在恢复后的数据里。"
                "现在的数据库会先原样保存到隔离文件夹，不会删除。"
                "恢复完成后需要重新启动程序。"
            ),
            confirm=self.tr("恢复"),
            cancel=self.tr("取消"),
            on_decided=lambda yes: self.restore(backup) if yes else None,
        )

    def restore(self, backup: BackupInfo) -> None:
        """Replace the database with backup on the DB thread, then emit restored."""
        ctx = self._ctx
        if ctx is None:
            return
        emit(self.restoring)
        self._set_busy(True)
        self.check_button.setEnabled(False)
        self.backup_note.setText(self.tr("正在恢复…"))
        QueryOp(self, lambda: restore_from(ctx, backup.path)).success(self._on_restored).failure(
            self._on_restore_failed
        ).run_in_background()

    def _on_restored(self, kept: Path) -> None:
        self._ctx = None  # the database under it was replaced: nothing more until restart
        self.backup_note.setText(self.tr("已恢复，请重新启动程序。"))
        emit(self.restored, kept)

    def _on_restore_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.check_button.setEnabled(True)
        self.backup_note.setText(self.tr("恢复没有完成。"))
        show_error(self, exc)

    @Slot()
    def run_check(self) -> None:
        """Run the full check on the DB thread and show what it found."""
        ctx = self._ctx
        if ctx is None:
            return
        self.check_button.setEnabled(False)
        restyle(self.check_result, "hint")
        self.check_result.setText(self.tr("正在检查，请稍候…"))
        QueryOp(self, lambda: run_check(ctx)).success(self.show_check).failure(
            self._on_check_failed
        ).run_in_background()

    def show_check(self, report: CheckReport) -> None:
        """Show a CheckReport in green (passed) or red (problems)."""
        self.check_button.setEnabled(True)
        ok, text = describe_check(report)
        self.check_result.setText(text)
        restyle(self.check_result, "checkOk" if ok else "checkBad")
        # SQLite's own (English) words, for support staff only.
        self.check_result.setToolTip("\n".join(report.integrity[:10]))
        emit(self.checked, ok)

    def _on_check_failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.check_result.setText(message_for(exc))
