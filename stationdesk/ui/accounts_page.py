"""账号与安全: the admin's accounts (add, reset, unlock), lock time, retention and the purge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.permissions import Role
from stationdesk.ui.dialogs import confirm_destructive
from stationdesk.ui.errors import message_for
from stationdesk.ui.form_fields import hinted_field
from stationdesk.ui.formatting import date_time, role_name
from stationdesk.ui.signals import AppSignals
from stationdesk.ui.tasks import Op, QueryOp
from stationdesk.ui.theme import show_message

if TYPE_CHECKING:
    from stationdesk.services.accounts import UserInfo
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.retention import PurgePlan, RetentionSettings


def _load(ctx: ServiceContext) -> tuple[list[UserInfo], int, RetentionSettings]:
    from stationdesk.services.accounts import idle_minutes, list_users
    from stationdesk.services.retention import retention_settings

    return list_users(ctx), idle_minutes(ctx), retention_settings(ctx)


def _add_user(ctx: ServiceContext, values: dict[str, Any]) -> ChangeSet:
    from stationdesk.services.accounts import create_user

    return create_user(ctx, **values)[1]


def _save_settings(ctx: ServiceContext, minutes: int, years: int, days: int) -> ChangeSet:
    from stationdesk.services.accounts import set_idle_minutes
    from stationdesk.services.retention import set_retention

    set_idle_minutes(ctx, minutes)
    return set_retention(ctx, visit_years=years, draft_days=days)


def _unlock(ctx: ServiceContext, username: str) -> ChangeSet:
    from stationdesk.services.accounts import unlock_user

    return unlock_user(ctx, username)


def _reset(ctx: ServiceContext, username: str, password: str) -> ChangeSet:
    from stationdesk.services.accounts import reset_password

    return reset_password(ctx, username, password)


def _plan(ctx: ServiceContext) -> PurgePlan:
    from stationdesk.services.retention import purge_plan

    return purge_plan(ctx)


def _purge(ctx: ServiceContext) -> tuple[PurgePlan, ChangeSet]:
    from stationdesk.services.retention import purge

    return purge(ctx)


class AccountsPage(QWidget):
    """Shown to admins only (the services refuse everyone else anyway)."""

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountsPage")
        self._signals = signals
        self._ctx: ServiceContext | None = None
        self.users: list[UserInfo] = []
        title = QLabel(self.tr("账号与安全"))
        title.setObjectName("pageTitle")

        # accounts
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("工号"), self.tr("状态")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.reset_edit = QLineEdit()
        self.reset_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset_edit.setPlaceholderText(self.tr("新密码"))
        self.reset_button = QPushButton(self.tr("重设密码"))
        self.reset_button.clicked.connect(self.reset_selected)
        row_actions = QHBoxLayout()
        row_actions.addWidget(self.unlock_button)
        row_actions.addStretch(1)
        row_actions.addWidget(self.reset_edit)
        row_actions.addWidget(self.reset_button)

        self.new_username = QLineEdit()
        self.new_name = QLineEdit()
        self.new_staff_no = QLineEdit()
        self.new_staff_no.setPlaceholderText(self.tr("选填"))
        self.new_role = QComboBox()
        for role in (Role.CLERK, Role.DEPUTY, Role.ADMIN):
            self.new_role.addItem(role_name(role.value), role.value)
        self.new_password = QLineEdit()
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("添加账号"))
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add_user)
        self.errors: dict[str, QLabel] = {}
        add_form = QFormLayout()
        for key, label, editor in (
            ("username", self.tr("用户名"), self.new_username),
            ("display_name", self.tr("姓名"), self.new_name),
            ("staff_no", self.tr("工号"), self.new_staff_no),
            ("role", self.tr("角色"), self.new_role),
            ("password", self.tr("初始密码"), self.new_password),
        ):
            box, error = hinted_field(editor)
            self.errors[key] = error
            add_form.addRow(label, box)
        add_form.addRow("", self.add_button)

        # settings
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(1, 60)
        self.idle_spin.setSuffix(self.tr(" 分钟"))
        self.years_spin = QSpinBox()
        self.years_spin.setRange(1, 30)
        self.years_spin.setSuffix(self.tr(" 年"))
        self.days_spin = QSpinBox()
        self.days_spin.setRange(1, 365)
        self.days_spin.setSuffix(self.tr(" 天"))
        self.save_settings_button = QPushButton(self.tr("保存设置"))
        self.save_settings_button.clicked.connect(self.save_settings)
        settings_form = QFormLayout()
        settings_form.addRow(self.tr("无操作自动锁屏"), self.idle_spin)
        settings_form.addRow(self.tr("来访记录保存（办结闭环后）"), self.years_spin)
        settings_form.addRow(self.tr("未保存草稿保留"), self.days_spin)
        settings_form.addRow("", self.save_settings_button)
        self.purge_button = QPushButton(self.tr("清除到期记录…"))
        self.purge_button.clicked.connect(self.ask_purge)

        self.message = QLabel("")
        self.message.setWordWrap(True)

        left = QVBoxLayout()
        left.addWidget(self._section(self.tr("账号")))
        left.addWidget(self.table, 1)
        left.addLayout(row_actions)
        right = QVBoxLayout()
        right.addWidget(self._section(self.tr("添加账号")))
        right.addLayout(add_form)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setObjectName("divider")
        right.addWidget(line)
        right.addWidget(self._section(self.tr("锁屏与保存期限")))
        right.addLayout(settings_form)
        right.addWidget(self.purge_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addStretch(1)
        right_box = QWidget()
        right_box.setLayout(right)
        right_box.setFixedWidth(420)
        body = QHBoxLayout()
        body.setSpacing(24)
        body.addLayout(left, 1)
        body.addWidget(right_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)

    def _section(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionTitle")
        return label

    def attach(self, ctx: ServiceContext) -> None:
        """Bind to the signed-in admin and load."""
        self._ctx = ctx
        self.refresh()

    def detach(self) -> None:
        """Signed out: forget the context and everything shown."""
        self._ctx = None
        self.users = []
        self.table.setRowCount(0)
        self.message.clear()

    def refresh(self) -> None:
        """Reload accounts and settings (DB thread)."""
        ctx = self._ctx
        if ctx is None:
            return
        QueryOp(self, lambda: _load(ctx)).success(self._show).failure(
            self._failed
        ).run_in_background()

    def _show(self, result: tuple[list[UserInfo], int, RetentionSettings]) -> None:
        self.users, minutes, retention = result
        self.table.setRowCount(len(self.users))
        for n, user in enumerate(self.users):
            if not user.active:
                state = self.tr("已停用")
            elif user.locked_until is not None:
                state = self.tr("输错密码，等待到 {when}").format(when=date_time(user.locked_until))
            else:
                state = self.tr("正常")
            cells = (
                user.username,
                user.display_name,
                role_name(user.role.value),
                user.staff_no or "",
                state,
            )
            for col, text in enumerate(cells):
                self.table.setItem(n, col, QTableWidgetItem(text))
        self.idle_spin.setValue(minutes)
        self.years_spin.setValue(retention.visit_years)
        self.days_spin.setValue(retention.draft_days)

    def _failed(self, exc: BaseException) -> None:
        show_message(self.message, message_for(exc), error=True)

    def _done(self, text: str) -> None:
        show_message(self.message, text)
        self.refresh()

    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    @Slot()
    def add_user(self) -> None:
        """Create the account; errors appear under their fields, nothing typed is lost."""
        ctx = self._ctx
        if ctx is None:
            return
        for label in self.errors.values():
            label.hide()
        values = {
            "username": self.new_username.text(),
            "display_name": self.new_name.text(),
            "staff_no": self.new_staff_no.text() or None,
            "role": Role(str(self.new_role.currentData())),
            "password": self.new_password.text(),
        }
        name = values["username"]

        def added(_result: object) -> None:
            for edit in (self.new_username, self.new_name, self.new_staff_no, self.new_password):
                edit.clear()
            self._done(self.tr("已添加账号 {name}。").format(name=name))

        def failed(exc: BaseException) -> None:
            field = exc.field if isinstance(exc, ValidationError) else None
            if field in self.errors:
                self.errors[field].setText(message_for(exc))
                self.errors[field].show()
            else:
                self._failed(exc)

        Op(self, lambda: _add_user(ctx, values), self._signals).success(added).failure(
            failed
        ).run_in_background()

    @Slot()
    def unlock_selected(self) -> None:
        """Clear the selected account's wait after wrong passwords."""
        ctx, user = self._ctx, self.selected_user()
        if ctx is None or user is None:
            return
        name = user.username
        Op(self, lambda: _unlock(ctx, name), self._signals).success(
            lambda _r: self._done(self.tr("已解锁 {name}。").format(name=name))
        ).failure(self._failed).run_in_background()

    @Slot()
    def reset_selected(self) -> None:
        """Give the selected account a new password (it must meet the rules)."""
        ctx, user = self._ctx, self.selected_user()
        if ctx is None or user is None:
            return
        name, password = user.username, self.reset_edit.text()

        def done(_r: object) -> None:
            self.reset_edit.clear()
            self._done(self.tr("已重设 {name} 的密码。").format(name=name))

        Op(self, lambda: _reset(ctx, name, password), self._signals).success(done).failure(
            self._failed
        ).run_in_background()

    @Slot()
    def save_settings(self) -> None:
        """Lock time and retention periods, in one audited save each."""
        ctx = self._ctx
        if ctx is None:
            return
        minutes, years, days = (
            self.idle_spin.value(),
            self.years_spin.value(),
            self.days_spin.value(),
        )
        Op(self, lambda: _save_settings(ctx, minutes, years, days), self._signals).success(
            lambda _r: self._done(self.tr("设置已保存。"))
        ).failure(self._failed).run_in_background()

    @Slot()
    def ask_purge(self) -> None:
        """Show what would go, ask, then purge."""
        ctx = self._ctx
        if ctx is None:
            return
        QueryOp(self, lambda: _plan(ctx)).success(self._confirm_purge).failure(
            self._failed
        ).run_in_background()

    def _confirm_purge(self, plan: PurgePlan) -> None:
        if not plan.visit_ids and not plan.drafts:
            self._done(self.tr("没有到期的记录。"))
            return
        text = self.tr(
            "将永久清除 {visits} 次来访（{cases} 件问题）和 {drafts} 份旧草稿："
            "{cutoff} 之前已办结闭环的记录。清除后无法恢复（备份最多保留 100 天，会随之陆续过期）。"
        ).format(
            visits=len(plan.visit_ids),
            cases=len(plan.case_ids),
            drafts=plan.drafts,
            cutoff=plan.cutoff.isoformat(),
        )
        self.purge_box = confirm_destructive(
            self,
            title=self.tr("清除到期记录"),
            text=text,
            confirm=self.tr("清除"),
            cancel=self.tr("取消"),
            on_decided=lambda yes: self.purge_now() if yes else None,
        )

    @Slot()
    def purge_now(self) -> None:
        """After the confirm: the purge (DB thread)."""
        ctx = self._ctx
        if ctx is None:
            return

        def purged(result: PurgePlan) -> None:
            text = self.tr("已清除 {n} 次来访。").format(n=len(result.visit_ids))
            if not result.wal_cleared:
                text += self.tr("另有程序正在读取数据库，日志文件未能清空，请关闭后再清除一次。")
            self._done(text)

        Op(self, lambda: _purge(ctx), self._signals).success(purged).failure(
            self._failed
        ).run_in_background()
