"""登录, the first admin account, and the idle lock screen: one page in three modes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from stationdesk.domain.errors import AccessError, ValidationError
from stationdesk.ui.errors import message_for, message_with_field
from stationdesk.ui.form_fields import card_page, hinted_field
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op

if TYPE_CHECKING:
    from stationdesk.services.accounts import UserInfo
    from stationdesk.services.context import Actor, ServiceContext

SIGN_IN, CREATE_ADMIN, UNLOCK = "sign_in", "create_admin", "unlock"


def password_rules() -> str:
    """The hint under every field where a new password is chosen."""
    return QCoreApplication.translate(
        "SignInPage", "至少 8 个字符，可以用汉字；不要用生日、123456 之类常见密码"
    )


def sign_in_job(ctx: ServiceContext, username: str, password: str) -> tuple[Actor, UserInfo]:
    """DB thread: check the password (audited either way)."""
    from stationdesk.services.accounts import sign_in

    return sign_in(ctx, username, password)


def create_admin_job(
    ctx: ServiceContext, username: str, display_name: str, staff_no: str, password: str
) -> tuple[Actor, UserInfo]:
    """DB thread: the station's first admin account, then signed in with it."""
    from stationdesk.services.accounts import create_first_admin, sign_in

    create_first_admin(
        ctx,
        username=username,
        display_name=display_name,
        password=password,
        staff_no=staff_no or None,
    )
    return sign_in(ctx, username, password)


class SignInPage(QWidget):
    """Emits signed_in(Actor, UserInfo); switch_user() when the lock screen's 切换用户 is used."""

    signed_in = Signal(object, object)
    switch_user = Signal()

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInPage")
        self._signals = signals
        self._ctx: ServiceContext | None = None
        self.mode = SIGN_IN
        self.locked_username = ""

        self.title = QLabel("")
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("pageSubtitle")
        self.subtitle.setWordWrap(True)
        self.username_edit = QLineEdit()
        self.username_edit.setMaxLength(32)
        self.display_name_edit = QLineEdit()
        self.display_name_edit.setMaxLength(40)
        self.staff_no_edit = QLineEdit()
        self.staff_no_edit.setMaxLength(20)
        self.staff_no_edit.setPlaceholderText(self.tr("选填，印在回执上"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(128)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setMaxLength(128)

        self.errors: dict[str, QLabel] = {}
        self.rows: dict[str, QWidget] = {}
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(6)
        hint = password_rules()
        for key, label, editor, tip in (
            ("username", self.tr("用户名"), self.username_edit, None),
            ("display_name", self.tr("姓名"), self.display_name_edit, None),
            ("staff_no", self.tr("工号"), self.staff_no_edit, None),
            ("password", self.tr("密码"), self.password_edit, hint),
            ("repeat", self.tr("再输一次密码"), self.repeat_edit, None),
        ):
            box, error = hinted_field(editor, tip, bottom=4)
            self.errors[key] = error
            self.rows[key] = box
            self.form.addRow(label, box)

        self.submit_button = QPushButton("")
        self.submit_button.setObjectName("primary")
        self.submit_button.clicked.connect(self.submit)
        self.switch_button = QPushButton(self.tr("切换用户"))
        self.switch_button.clicked.connect(lambda: emit(self.switch_user))
        self.form_error = QLabel("")
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        inner = card_page(self, 560)
        inner.addWidget(self.title)
        inner.addWidget(self.subtitle)
        inner.addSpacing(12)
        inner.addLayout(self.form)
        inner.addWidget(self.form_error)
        inner.addSpacing(8)
        inner.addLayout(buttons)

        self.username_edit.returnPressed.connect(self._next_from_username)
        self.display_name_edit.returnPressed.connect(self.staff_no_edit.setFocus)
        self.staff_no_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self._next_from_password)
        self.repeat_edit.returnPressed.connect(self.submit)
        self.show_mode(SIGN_IN)

    # --- modes ------------------------------------------------------------------------------

    def attach(self, ctx: ServiceContext) -> None:
        """The database is open (signed out: the system context)."""
        self._ctx = ctx

    def show_mode(self, mode: str, *, station: str = "", summary: str = "", user: str = "") -> None:
        """sign_in, create_admin (no admin yet) or unlock (the idle lock of `user`)."""
        self.mode = mode
        self.locked_username = user if mode == UNLOCK else ""
        self._clear()
        for edit in (self.password_edit, self.repeat_edit):
            edit.clear()
        visible = {
            SIGN_IN: ("username", "password"),
            CREATE_ADMIN: ("username", "display_name", "staff_no", "password", "repeat"),
            UNLOCK: ("password",),
        }[mode]
        for key, box in self.rows.items():
            box.setVisible(key in visible)
            label = self.form.labelForField(box)
            if label is not None:
                label.setVisible(key in visible)
        self.switch_button.setVisible(mode == UNLOCK)
        rules = self.rows["password"].findChild(QLabel, "hint")
        if rules is not None:  # the password rules matter only when choosing one
            rules.setVisible(mode == CREATE_ADMIN)
        if mode == SIGN_IN:
            self.title.setText(station or self.tr("联络站工作台"))
            self.subtitle.setText(summary or self.tr("请登录。"))
            self.submit_button.setText(self.tr("登录"))
            self.username_edit.clear()
            self.username_edit.setFocus()
        elif mode == CREATE_ADMIN:
            self.title.setText(self.tr("创建站点管理员账号"))
            self.subtitle.setText(
                self.tr(
                    "本机还没有管理员。管理员可以添加工作人员和代表的账号、恢复备份、"
                    "修改设置。请牢记密码。"
                )
            )
            self.submit_button.setText(self.tr("创建并登录"))
            self.username_edit.setText("admin")
            self.display_name_edit.setFocus()
        else:
            self.title.setText(self.tr("已锁定"))
            self.subtitle.setText(
                self.tr(
                    "较长时间没有操作，已自动锁定。{user} 输入密码即可继续，未保存的内容还在。"
                ).format(user=user)
            )
            self.submit_button.setText(self.tr("解锁"))
            self.password_edit.setFocus()

    def _clear(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.form_error.clear()
        self.form_error.hide()

    @Slot()
    def _next_from_username(self) -> None:
        if self.mode == CREATE_ADMIN:
            self.display_name_edit.setFocus()
        else:
            self.password_edit.setFocus()

    @Slot()
    def _next_from_password(self) -> None:
        if self.mode == CREATE_ADMIN:
            self.repeat_edit.setFocus()
        else:
            self.submit()

    # --- submit -----------------------------------------------------------------------------

    @Slot()
    def submit(self) -> None:
        """Check on the DB thread; errors come back under their fields."""
        ctx = self._ctx
        if ctx is None or not self.submit_button.isEnabled():
            return
        self._clear()
        password = self.password_edit.text()
        username = self.locked_username or self.username_edit.text()
        if self.mode == CREATE_ADMIN:
            if password != self.repeat_edit.text():
                self._show_error("repeat", self.tr("两次输入的密码不一样，请重新输入。"))
                self.password_edit.clear()
                self.repeat_edit.clear()
                self.password_edit.setFocus()
                return
            name, staff = self.display_name_edit.text(), self.staff_no_edit.text()

            def job() -> tuple[Actor, UserInfo]:
                return create_admin_job(ctx, username, name, staff, password)
        else:

            def job() -> tuple[Actor, UserInfo]:
                return sign_in_job(ctx, username, password)

        self.submit_button.setEnabled(False)
        Op(self, job, self._signals).success(self._done).failure(self._failed).run_in_background()

    def _done(self, result: tuple[Actor, UserInfo]) -> None:
        self.submit_button.setEnabled(True)
        self.password_edit.clear()
        self.repeat_edit.clear()
        emit(self.signed_in, *result)

    def _show_error(self, field: str, text: str) -> None:
        label = self.errors[field]
        label.setText(text)
        label.show()

    def _failed(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(True)
        self.password_edit.clear()
        self.repeat_edit.clear()
        field = exc.field if isinstance(exc, (ValidationError, AccessError)) else None
        if field == "old_password":
            field = "password"
        if field in self.errors and self.rows[field].isVisible():
            self._show_error(field, message_for(exc))
            editor = {"username": self.username_edit, "display_name": self.display_name_edit}
            editor.get(field, self.password_edit).setFocus()
        else:
            self.form_error.setText(message_with_field(exc))
            self.form_error.show()
            self.password_edit.setFocus()
