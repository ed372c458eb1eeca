"""The main window: opens the data folder off the GUI thread, then first-run setup or the workspace.

It also owns the open database's life: the 30-minute backup timer and, on close, a backup when
the data changed, a WAL checkpoint and closing every connection.
"""

from __future__ import annotations

import logging
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from stationdesk.domain.errors import DomainError
from stationdesk.domain.permissions import Action, allowed
from stationdesk.paths import DataPaths
from stationdesk.ui.data_page import DataPage, open_folder
from stationdesk.ui.errors import message_for
from stationdesk.ui.formatting import date_time
from stationdesk.ui.home_page import HomePage
from stationdesk.ui.idle_lock import IdleWatcher
from stationdesk.ui.password_dialog import PasswordDialog
from stationdesk.ui.recovery_dialog import RecoveryDialog
from stationdesk.ui.setup_page import SetupPage
from stationdesk.ui.sign_in_page import CREATE_ADMIN, SIGN_IN, UNLOCK, SignInPage
from stationdesk.ui.signals import AppSignals
from stationdesk.ui.status_bar import StationStatusBar
from stationdesk.ui.tasks import QueryOp, runner

if TYPE_CHECKING:
    from stationdesk.services.accounts import UserInfo
    from stationdesk.services.context import Actor, ServiceContext
    from stationdesk.services.dto import StationInfo, TodayOverview
    from stationdesk.services.maintenance import BackupInfo
    from stationdesk.services.startup import DataDirLock, Prepared
    from stationdesk.ui.accounts_page import AccountsPage
    from stationdesk.ui.audit_page import AuditPage
    from stationdesk.ui.case_list_page import CaseListPage
    from stationdesk.ui.reception_page import ReceptionPage
    from stationdesk.ui.sync_worker import SyncWorker

log = logging.getLogger(__name__)

BACKUP_INTERVAL_MS = 30 * 60 * 1000


class Nav(IntEnum):
    """The rows of the left navigation (and the pages behind them)."""

    HOME = 0  # 今日
    RECEPTION = 1  # 接待登记
    CASES = 2  # 办理跟踪
    STATISTICS = 3  # 统计报表
    ROSTER = 4  # 代表名册
    DUTY = 5  # 值班安排
    PERFORMANCE = 6  # 履职档案
    LEDGERS = 7  # 台账
    DATA = 8  # 数据与备份
    AUDIT = 9  # 审计日志
    ACCOUNTS = 10  # 账号与安全


class RosterPageLike(Protocol):
    """What the roster pages offer the window: bind to the signed-in user, forget them."""

    def attach(self, ctx: ServiceContext) -> None: ...

    def detach(self) -> None: ...


def prepare(paths: DataPaths) -> tuple[DataDirLock, Prepared]:
    """Start-up stage 1 on the DB thread: lock the folder, check, migrate, read the figures.

    Plain sqlite3 only, so the figures are on screen before SQLAlchemy has loaded. The lock
    (one app instance per data folder) is held until the window closes.
    """
    from stationdesk.services.startup import lock_data_dir, prepare_data_dir

    lock = lock_data_dir(paths)
    try:
        return lock, prepare_data_dir(paths)
    except BaseException:
        lock.release()
        raise


def open_context(paths: DataPaths) -> ServiceContext:
    """Start-up stage 2 on the DB thread: the services and SQLAlchemy, for everything else."""
    from stationdesk.services.station import open_context as open_ctx

    return open_ctx(paths)


def admin_exists(ctx: ServiceContext) -> bool:
    """Whether this database has an admin account yet (DB thread)."""
    from stationdesk.services.accounts import has_admin

    return has_admin(ctx)


def lock_minutes(ctx: ServiceContext) -> int:
    """The idle-lock time the admin set (DB thread)."""
    from stationdesk.services.accounts import idle_minutes

    return idle_minutes(ctx)


def newest_backup(paths: DataPaths) -> BackupInfo | None:
    """The newest backup that passes integrity_check (DB thread)."""
    from stationdesk.services.maintenance import newest_good_backup

    return newest_good_backup(paths)


def restore_newest(paths: DataPaths, backup: BackupInfo) -> Path:
    """Replace a quarantined database with backup; nothing is open yet (DB thread)."""
    from stationdesk.services.maintenance import restore_backup

    return restore_backup(paths, backup.path)


def backup_if_changed(ctx: ServiceContext) -> list[BackupInfo]:
    """The timer's backup, taken only when the data changed; returns the backup list (DB thread)."""
    from stationdesk.services.maintenance import backup_if_changed, backups

    backup_if_changed(ctx)
    return backups(ctx.paths)


def close_database(ctx: ServiceContext, *, backup: bool) -> None:
    """On exit: a backup when the data changed, fold the WAL back, close connections (DB thread)."""
    from stationdesk.services.maintenance import backup_if_changed

    try:
        if backup:
            backup_if_changed(ctx)
    except DomainError as exc:
        log.warning("exit backup failed: %s", exc)
    finally:
        try:
            ctx.db.checkpoint()
        except Exception:
            log.exception("exit checkpoint failed")
        ctx.db.dispose()


class MessagePage(QWidget):
    """A centred message with action buttons (loading, database unavailable)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messagePage")
        self.title = QLabel("")
        self.title.setObjectName("pageTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel("")
        self.text.setObjectName("pageSubtitle")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.text)
        layout.addSpacing(20)
        layout.addLayout(self.buttons)
        layout.addStretch(3)

    def show_message(self, title: str, text: str, buttons: tuple[QPushButton, ...] = ()) -> None:
        """Replace the message and its buttons."""
        self.title.setText(title)
        self.text.setText(text)
        while self.buttons.count() > 2:
            item = self.buttons.takeAt(1)
            if item.widget() is not None:
                item.widget().deleteLater()
        for button in buttons:
            self.buttons.insertWidget(self.buttons.count() - 1, button)


class MainWindow(QMainWindow):
    """联络站工作台 — <station>: left navigation, pages, status bar."""

    def __init__(self, paths: DataPaths, signals: AppSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self.paths = paths
        self.signals = signals
        self.ctx: ServiceContext | None = None
        self.lock: DataDirLock | None = None
        self.station: StationInfo | None = None
        self.recovery_dialog: RecoveryDialog | None = None
        self.setWindowTitle(self.tr("联络站工作台"))
        self.setMinimumSize(1000, 650)
        self.resize(1200, 720)

        self.message_page = MessagePage()
        self.setup_page = SetupPage(signals)
        self.setup_page.completed.connect(self._on_station_created)
        self.sign_in_page = SignInPage(signals)
        self.sign_in_page.signed_in.connect(self._on_signed_in)
        self.sign_in_page.switch_user.connect(self.sign_out)
        self.base_ctx: ServiceContext | None = None  # the signed-out (system) context
        self.user: UserInfo | None = None
        self.idle = IdleWatcher(self)
        self.idle.idle.connect(self.lock_screen)
        self._hidden_windows: list[QWidget] = []
        self._summary = ""
        self._audit_warning = ""  # the start-up check found a changed audit row
        self.home_page = HomePage(signals)
        # The two big work pages are built once today's figures are on screen (start-up speed);
        # until then their navigation entries show a light placeholder.
        self.reception_page: ReceptionPage | None = None
        self.case_list_page: CaseListPage | None = None
        self.data_page = DataPage(signals)
        self.data_page.restored.connect(self._on_restored)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(190)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages = QStackedWidget()
        self._add_page(self.tr("今日"), self.home_page)
        self._add_page(self.tr("接待登记"), self._placeholder())
        self._add_page(self.tr("办理跟踪"), self._placeholder())
        # The roster pages and 统计报表 are built the first time someone opens them.
        self.roster_pages: dict[Nav, QWidget] = {}
        self._add_page(self.tr("统计报表"), self._placeholder())
        self._add_page(self.tr("代表名册"), self._placeholder())
        self._add_page(self.tr("值班安排"), self._placeholder())
        self._add_page(self.tr("履职档案"), self._placeholder())
        self._add_page(self.tr("台账"), self._placeholder())  # built like the roster pages
        self._add_page(self.tr("数据与备份"), self.data_page)
        # The admin's pages are built when an admin first signs in (start-up speed).
        self.audit_page: AuditPage | None = None
        self.accounts_page: AccountsPage | None = None
        self._add_page(self.tr("审计日志"), self._placeholder())
        self._add_page(self.tr("账号与安全"), self._placeholder())
        self.nav.setRowHidden(Nav.AUDIT, True)
        self.nav.setRowHidden(Nav.ACCOUNTS, True)
        self.nav.currentRowChanged.connect(self._on_nav)
        self.workspace = QWidget()
        self.workspace.setObjectName("workspace")
        row = QHBoxLayout(self.workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)

        self.stack = QStackedWidget()
        for page in (self.message_page, self.setup_page, self.sign_in_page, self.workspace):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)

        self.status = StationStatusBar()
        self.setStatusBar(self.status)
        self.status.hide()
        self.data_page.backups_changed.connect(self._on_backups_changed)
        self.data_page.checked.connect(self.status.set_database_ok)
        self.status.password_button.clicked.connect(self.change_password)
        self.password_dialog: PasswordDialog | None = None
        # Background sync (ui/sync_worker): runs while someone is signed in.
        self.sync_worker: SyncWorker | None = None
        self.sync_dialog: QWidget | None = None
        self.status.sync.sync_now.connect(self.sync_now)
        self.status.sync.rejects_requested.connect(self.show_sync_rejects)
        self.data_page.sync_settings_button.clicked.connect(self.open_sync_settings)
        self.data_page.restoring.connect(self.stop_sync)

        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self._backup_timer.timeout.connect(self.auto_backup)

        self.message_page.show_message(self.tr("正在打开数据…"), str(paths.root))

    def _placeholder(self) -> QWidget:
        label = QLabel(self.tr("正在准备…"))
        label.setObjectName("pageSubtitle")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _build_work_pages(self) -> tuple[ReceptionPage, CaseListPage]:
        """Create the reception and case pages in place of their placeholders (once)."""
        if self.reception_page is None or self.case_list_page is None:
            from stationdesk.ui.case_list_page import CaseListPage
            from stationdesk.ui.reception_page import ReceptionPage

            self.reception_page = ReceptionPage(self.signals)
            self.case_list_page = CaseListPage(self.signals)
            self.home_page.open_case_requested.connect(self.case_list_page.open_case)
            self._put_pages({Nav.RECEPTION: self.reception_page, Nav.CASES: self.case_list_page})
        return self.reception_page, self.case_list_page

    def _put_pages(self, pages: dict[int, QWidget]) -> None:
        """Put pages in the navigation's places, deleting what stood there."""
        current = self.pages.currentIndex()
        for index, page in pages.items():
            old = self.pages.widget(index)
            self.pages.insertWidget(index, page)
            self.pages.removeWidget(old)
            old.deleteLater()
        self.pages.setCurrentIndex(current)

    def _admin_pages(self) -> tuple[AuditPage, AccountsPage]:
        """Create the audit and accounts pages in place of their placeholders (once)."""
        if self.audit_page is None or self.accounts_page is None:
            from stationdesk.ui.accounts_page import AccountsPage
            from stationdesk.ui.audit_page import AuditPage

            self.audit_page = AuditPage()
            self.accounts_page = AccountsPage(self.signals)
            self._put_pages({Nav.AUDIT: self.audit_page, Nav.ACCOUNTS: self.accounts_page})
        return self.audit_page, self.accounts_page

    def _drop_work_pages(self) -> None:
        """Put placeholders back for the reception and case pages (signed out)."""
        if self.reception_page is None or self.case_list_page is None:
            return
        self._put_pages({Nav.RECEPTION: self._placeholder(), Nav.CASES: self._placeholder()})
        self.reception_page = None
        self.case_list_page = None

    @Slot(int)
    def _on_nav(self, row: int) -> None:
        if row in (Nav.STATISTICS, Nav.ROSTER, Nav.DUTY, Nav.PERFORMANCE, Nav.LEDGERS):
            self.roster_page(Nav(row))
        self.pages.setCurrentIndex(row)

    def roster_page(self, which: Nav) -> QWidget | None:
        """统计报表, 代表名册, 值班安排, 履职档案 or 台账, built and bound on first use."""
        if which in self.roster_pages:
            return self.roster_pages[which]
        if self.ctx is None:
            return None
        page: QWidget
        if which is Nav.ROSTER:
            from stationdesk.ui.roster_page import RosterPage

            page = RosterPage(self.signals)
        elif which is Nav.DUTY:
            from stationdesk.ui.duty_page import DutyPage

            page = DutyPage(self.signals)
        elif which is Nav.LEDGERS:
            from stationdesk.ui.ledger_page import LedgerPage

            page = LedgerPage(self.signals)
        elif which is Nav.STATISTICS:
            from stationdesk.ui.statistics_page import StatisticsPage

            page = StatisticsPage(self.signals)
        else:
            from stationdesk.ui.performance_page import PerformancePage

            page = PerformancePage(self.signals)
        self.roster_pages[which] = page
        self._put_pages({which: page})
        cast("RosterPageLike", page).attach(self.ctx)
        return page

    def _drop_roster_pages(self) -> None:
        """Signed out: the roster pages go; the next user's are built afresh."""
        for which, page in list(self.roster_pages.items()):
            cast("RosterPageLike", page).detach()
            self._put_pages({which: self._placeholder()})
        self.roster_pages = {}

    def _add_page(self, title: str, page: QWidget) -> None:
        self.nav.addItem(title)
        self.pages.addWidget(page)

    def nav_titles(self) -> list[str]:
        """The entries of the left navigation, in order."""
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    # --- start-up ---------------------------------------------------------------------------

    def open_data(self) -> None:
        """Open the data folder on the DB thread; the window is already on screen."""
        if self.lock is not None:  # opening again after a restore
            self.lock.release()
            self.lock = None
        paths = self.paths
        QueryOp(self, lambda: prepare(paths)).success(self._on_prepared).failure(
            self._on_open_failed
        ).run_in_background()

    def _on_prepared(self, result: tuple[DataDirLock, Prepared]) -> None:
        self.lock, prepared = result
        if prepared.status == "corrupt":
            self._offer_recovery(prepared)
            return
        if prepared.status == "ok" and prepared.station is not None:
            self._audit_warning = ""
            if prepared.audit_broken_at is not None:
                self._audit_warning = self.tr(
                    "操作记录从第 {id} 条起对不上，可能被本程序以外的方式改动过，"
                    "请站点管理员在“数据与备份”中运行完整检查。"
                ).format(id=prepared.audit_broken_at)
            self.show_station(prepared.station, prepared.overview)
        paths = self.paths
        QueryOp(self, lambda: open_context(paths)).success(self._on_context).failure(
            self._on_open_failed
        ).run_in_background()

    def _on_context(self, ctx: ServiceContext) -> None:
        self.base_ctx = ctx
        self.sign_in_page.attach(ctx)
        if self.station is None:
            self.setup_page.attach(ctx)
            self.stack.setCurrentWidget(self.setup_page)
            return
        self._ask_for_account()

    def _ask_for_account(self) -> None:
        """Sign-in, or creating the first admin when this database has none yet."""
        ctx = self.base_ctx
        assert ctx is not None
        QueryOp(self, lambda: admin_exists(ctx)).success(self._show_sign_in).failure(
            self._on_open_failed
        ).run_in_background()

    def _show_sign_in(self, has_admin: bool) -> None:
        station = self.station.name if self.station else ""
        if has_admin:
            self.sign_in_page.show_mode(SIGN_IN, station=station, summary=self._summary)
        else:
            self.sign_in_page.show_mode(CREATE_ADMIN)
        self.stack.setCurrentWidget(self.sign_in_page)

    @Slot(object, object)
    def _on_signed_in(self, actor: Actor, user: UserInfo) -> None:
        base = self.base_ctx
        assert base is not None
        unlocking = self.sign_in_page.mode == UNLOCK and self.user is not None
        if unlocking and self.user is not None and user.id == self.user.id:
            self._unlock()
            return
        self.user = user
        self.ctx = base.as_actor(actor)
        self.status.set_user(user)
        role = actor.role
        self.nav.setRowHidden(Nav.RECEPTION, not allowed(role, Action.REGISTER))
        for row in (Nav.ROSTER, Nav.DUTY, Nav.PERFORMANCE):
            self.nav.setRowHidden(row, not allowed(role, Action.VIEW_ROSTER))
        self.nav.setRowHidden(Nav.LEDGERS, not allowed(role, Action.VIEW_CASES))
        self.nav.setRowHidden(Nav.DATA, not allowed(role, Action.BACKUP))
        self.data_page.restore_button.setVisible(allowed(role, Action.RESTORE))
        self.data_page.import_button.setVisible(allowed(role, Action.IMPORT_RECORDS))
        self.data_page.sync_settings_button.setVisible(allowed(role, Action.CONFIGURE))
        self.nav.setRowHidden(Nav.AUDIT, not allowed(role, Action.VIEW_AUDIT))
        self.nav.setRowHidden(Nav.ACCOUNTS, not allowed(role, Action.MANAGE_USERS))
        self.attach_context(self.ctx)
        self.start_sync()
        if allowed(role, Action.VIEW_AUDIT):
            self._admin_pages()[0].attach(self.ctx)
        if allowed(role, Action.MANAGE_USERS):
            self._admin_pages()[1].attach(self.ctx)
        self.nav.setCurrentRow(0)
        self.stack.setCurrentWidget(self.workspace)
        ctx = self.ctx
        QueryOp(self, lambda: lock_minutes(ctx)).success(
            lambda minutes: self.idle.set_timeout_ms(minutes * 60_000)
        ).run_in_background()
        self.idle.start_session()

    @Slot()
    def change_password(self) -> None:
        """修改密码 for whoever is signed in (not from the lock screen)."""
        if self.ctx is None or self.user is None:
            return
        if self.stack.currentWidget() is not self.workspace:
            return
        dialog = PasswordDialog(self.ctx, self.signals, self)
        dialog.changed.connect(lambda: self.status.showMessage(self.tr("密码已修改。"), 8000))
        self.password_dialog = dialog
        dialog.open()

    @Slot()
    def lock_screen(self) -> None:
        """Idle: keep the typing as a draft, hide every window's content, ask for the password."""
        if self.user is None or self.stack.currentWidget() is not self.workspace:
            return
        self.idle.stop()
        if self.reception_page is not None:
            self.reception_page.flush_draft()
        self._hidden_windows = [
            w
            for w in QApplication.topLevelWidgets()
            if w is not self and w.isVisible() and not isinstance(w, QMenu)
        ]
        for window in self._hidden_windows:
            window.hide()
        self.status.password_button.hide()  # nothing but the password prompt while locked
        self.sign_in_page.show_mode(UNLOCK, user=self.user.username)
        self.stack.setCurrentWidget(self.sign_in_page)

    def _unlock(self) -> None:
        self.status.password_button.show()
        self.stack.setCurrentWidget(self.workspace)
        for window in self._hidden_windows:
            if isValid(window):
                window.show()
        self._hidden_windows = []
        self.idle.start_session()

    @Slot()
    def sign_out(self) -> None:
        """切换用户: a full sign-out; the next person signs in to a fresh workspace."""
        self.idle.stop()
        if self.reception_page is not None:
            self.reception_page.flush_draft()
        for window in self._hidden_windows:
            if isValid(window):
                window.close()
        self._hidden_windows = []
        self.user = None
        self.ctx = None
        self.stop_sync()
        self._backup_timer.stop()
        self._drop_work_pages()
        self._drop_roster_pages()
        if self.audit_page is not None and self.accounts_page is not None:
            self.audit_page.detach()
            self.accounts_page.detach()
        self.status.set_user(None)
        self._ask_for_account()

    def _on_open_failed(self, exc: BaseException) -> None:
        self.message_page.show_message(
            self.tr("数据库没有打开"), message_for(exc), (self._quit_button(),)
        )
        self.stack.setCurrentWidget(self.message_page)

    def _quit_button(self) -> QPushButton:
        button = QPushButton(self.tr("退出程序"))
        button.clicked.connect(self.close)
        return button

    @Slot(object)
    def _on_station_created(self, station: StationInfo) -> None:
        self.show_station(station)
        self._ask_for_account()

    def show_station(self, station: StationInfo, overview: TodayOverview | None = None) -> None:
        """The station is known: title, status bar, the workspace and, when given, the figures."""
        self.station = station
        self.setWindowTitle(self.tr("联络站工作台 — {name}").format(name=station.name))
        self.status.set_station(station)
        self.status.set_database_ok(not self._audit_warning)
        self.status.show()
        self.nav.setCurrentRow(0)
        if overview is not None:
            self._summary = self.tr(
                "今天已接待 {visits} 人次 · 待办 {open} 件 · 超期 {overdue} 件。请登录。"
            ).format(visits=overview.visits, open=overview.open_cases, overdue=overview.overdue)
        if self._audit_warning:
            self._summary = f"{self._summary}\n{self._audit_warning}".strip()
        self.sign_in_page.show_mode(SIGN_IN, station=station.name, summary=self._summary)
        self.stack.setCurrentWidget(self.sign_in_page)
        if overview is not None:
            self.home_page.show_overview(overview)

    def attach_context(self, ctx: ServiceContext) -> None:
        """The services are ready: pages bind to them and the backup timer starts."""
        self.home_page.attach(ctx, self.home_page.overview)
        reception, cases = self._build_work_pages()
        reception.attach(ctx)
        cases.attach(ctx)
        self.data_page.attach(ctx)
        self._backup_timer.start()

    # --- county sync -------------------------------------------------------------------------

    def start_sync(self) -> None:
        """Start the background sync worker (its own thread and connection)."""
        if self.sync_worker is None:
            from stationdesk.ui.sync_worker import SyncWorker

            worker = SyncWorker(self.paths, self.signals, self)
            indicator = self.status.sync
            worker.status_changed.connect(indicator.show_status)
            worker.cycle_started.connect(indicator.cycle_started)
            worker.progress.connect(indicator.cycle_progress)
            worker.cycle_ended.connect(indicator.cycle_ended)
            worker.cycle_finished.connect(self._on_sync_finished)
            worker.cycle_failed.connect(self._on_sync_failed)
            self.sync_worker = worker
        self.sync_worker.start()

    @Slot()
    def stop_sync(self) -> None:
        """Stop background sync and wait for a running cycle (sign-out, restore, exit)."""
        if self.sync_worker is not None:
            self.sync_worker.stop()

    @Slot()
    def sync_now(self) -> None:
        """立即同步 from the status bar."""
        if self.sync_worker is not None:
            self.sync_worker.sync_now()

    @Slot(str, object)
    def _on_sync_finished(self, kind: str, report: object) -> None:
        if kind != "force":
            return
        self.status.showMessage(
            self.tr("同步完成：上传 {pushed} 条，收到县级办理经过 {events} 条。").format(
                pushed=getattr(report, "pushed", 0), events=getattr(report, "events_added", 0)
            ),
            10_000,
        )

    @Slot(str, object)
    def _on_sync_failed(self, kind: str, exc: BaseException) -> None:
        if kind == "force":  # automatic cycles only change the state shown
            self.status.showMessage(message_for(exc), 30_000)

    @Slot()
    def open_sync_settings(self) -> None:
        """同步设置 (admins) from 数据与备份."""
        if self.ctx is None or not allowed(self.ctx.actor.role, Action.CONFIGURE):
            return
        from stationdesk.ui.sync_settings import SyncSettingsDialog

        dialog = SyncSettingsDialog(self.ctx, self.signals, self.sync_worker, self)
        if self.sync_worker is not None:
            dialog.saved.connect(self.sync_worker.refresh_status)
        self.sync_dialog = dialog
        dialog.open()

    @Slot()
    def show_sync_rejects(self) -> None:
        """The changes the county refused, from the status bar."""
        if self.ctx is None:
            return
        from stationdesk.ui.sync_rejects import SyncRejectsDialog

        dialog = SyncRejectsDialog(self.ctx, self.signals, self)
        if self.sync_worker is not None:  # 重新上传 / 忽略: the bar's count follows at once
            dialog.changed.connect(self.sync_worker.refresh_status)
            # a cycle that files or clears rejects while the list is open updates it too
            self.sync_worker.cycle_ended.connect(dialog.refresh)
        self.sync_dialog = dialog
        dialog.open()

    # --- a damaged database -----------------------------------------------------------------

    def _offer_recovery(self, opened: Prepared) -> None:
        recover = QPushButton(self.tr("恢复数据…"))
        recover.clicked.connect(lambda: self._offer_recovery(opened))
        self.message_page.show_message(
            self.tr("数据库没有打开"),
            self.tr("数据库文件已损坏，程序没有打开它。"),
            (recover, self._quit_button()),
        )
        self.stack.setCurrentWidget(self.message_page)
        paths = self.paths
        QueryOp(self, lambda: newest_backup(paths)).success(
            lambda newest: self._show_recovery_dialog(opened, newest)
        ).run_in_background()

    def _show_recovery_dialog(self, opened: Prepared, newest: BackupInfo | None) -> None:
        if self.recovery_dialog is not None:
            self.recovery_dialog.deleteLater()
        dialog = RecoveryDialog(opened.quarantined, opened.problems, newest, self)
        dialog.restore_requested.connect(self._restore_newest)
        dialog.open_folder_requested.connect(open_folder)
        dialog.quit_requested.connect(self.close)
        self.recovery_dialog = dialog
        dialog.open()

    @Slot(object)
    def _restore_newest(self, backup: BackupInfo) -> None:
        paths = self.paths

        def restored(_kept: Path) -> None:
            if self.recovery_dialog is not None:
                self.recovery_dialog.accept()
                self.recovery_dialog = None
            self.message_page.show_message(self.tr("正在打开数据…"), str(paths.root))
            self.open_data()
            self.status.showMessage(
                self.tr("已用 {when} 的备份恢复数据。").format(when=date_time(backup.taken_at)),
                30_000,
            )

        def failed(exc: BaseException) -> None:
            if self.recovery_dialog is not None:
                self.recovery_dialog.show_failure(message_for(exc))

        QueryOp(self, lambda: restore_newest(paths, backup)).success(restored).failure(
            failed
        ).run_in_background()

    # --- backups and exit -------------------------------------------------------------------

    @Slot(object)
    def _on_backups_changed(self, backups: list[BackupInfo]) -> None:
        self.status.set_last_backup(backups[0].taken_at if backups else None)

    @Slot()
    def auto_backup(self) -> None:
        """The 30-minute backup, taken only when the data changed."""
        ctx = self.ctx
        if ctx is None or self.station is None:
            return
        QueryOp(self, lambda: backup_if_changed(ctx)).success(self.data_page.show_backups).failure(
            self._on_auto_backup_failed
        ).run_in_background()

    def _on_auto_backup_failed(self, exc: BaseException) -> None:
        self.status.set_backup_failed()
        self.status.showMessage(message_for(exc), 60_000)

    @Slot(object)
    def _on_restored(self, kept: Path) -> None:
        self._backup_timer.stop()
        self.stop_sync()
        self.ctx = None  # the restored file is opened by the next start, not by this session
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("已从备份恢复"))
        box.setText(self.tr("数据已从备份恢复。请重新启动联络站工作台。"))
        box.setInformativeText(self.tr("原来的数据库已原样保存在：{path}").format(path=kept))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("退出程序"))
        box.finished.connect(self.close)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Back up if changed, checkpoint and close the database before the window goes."""
        self._backup_timer.stop()
        self.stop_sync()  # waits for a running cycle (it ends at its next request)
        if self.reception_page is not None:
            self.reception_page.flush_draft()  # queued before the close, same DB thread
        self.idle.stop()
        ctx, self.ctx = self.ctx or self.base_ctx, None
        self.base_ctx = None
        if ctx is not None:
            backup = self.station is not None
            try:
                runner().run_blocking(lambda: close_database(ctx, backup=backup))
            except Exception:
                log.exception("closing the database failed")
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        super().closeEvent(event)
