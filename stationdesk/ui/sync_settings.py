"""同步设置 (admins, from 数据与备份): server URL, CA file, token, 保存并测试, status, 恢复同步."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.errors import DomainError
from stationdesk.ui.dialogs import button_row
from stationdesk.ui.errors import message_for
from stationdesk.ui.form_fields import hinted_field
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.sync_indicator import describe
from stationdesk.ui.tasks import Op, QueryOp
from stationdesk.ui.theme import show_message

if TYPE_CHECKING:
    from stationdesk.services.context import ServiceContext
    from stationdesk.sync.setup import SyncStatus
    from stationdesk.ui.sync_worker import SyncWorker


def load_status(ctx: ServiceContext) -> SyncStatus:
    """The sync state, no network (DB thread)."""
    from stationdesk.sync.setup import sync_status

    return sync_status(ctx)


def save_settings(ctx: ServiceContext, url: str, token: str, ca_file: Path | None) -> str:
    """configure(): URL checked, CA copied to the data folder, token to the keyring (DB thread)."""
    from stationdesk.sync.setup import configure

    return configure(ctx, url, token, ca_file)


def resume_sync(ctx: ServiceContext) -> bool:
    """An admin lets sync go on after a restore (audited; DB thread)."""
    from stationdesk.sync.setup import resume_after_restore

    return resume_after_restore(ctx)


def check_url(url: str) -> str:
    """The URL without a trailing slash, or SyncError("sync_url_invalid") (https only)."""
    from stationdesk.sync.transport import check_server_url

    return check_server_url(url)


class SyncSettingsDialog(QDialog):
    """The county server and this PC's token; saving tests the connection with one hello."""

    # Emitted after settings were saved (the status bar re-reads the state).
    saved = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        worker: SyncWorker | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signals = signals
        self.worker = worker
        self.status: SyncStatus | None = None
        self.setObjectName("syncSettings")
        self.setStyleSheet("#savedMessage { color: #2e7d32; }")
        self.setWindowTitle(self.tr("同步设置"))
        self.resize(620, 540)

        title = QLabel(self.tr("与县级服务器同步"))
        title.setObjectName("sectionTitle")
        intro = QLabel(
            self.tr(
                "本站的接待、问题和办理记录上传到县人大常委会代表工委的服务器；"
                "县级的答复和交办会传回本机，显示在问题的办理过程中（标“县级”）。"
            )
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.keyring_label = QLabel("")
        self.keyring_label.setObjectName("formError")
        self.keyring_label.setWordWrap(True)
        self.keyring_label.hide()

        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(self.tr("https://县级服务器地址"))
        self.url_edit.textEdited.connect(self._url_edited)
        self.ca_edit = QLineEdit()
        self.ca_edit.setPlaceholderText(self.tr("不选则使用系统自带的证书"))
        self.ca_button = QPushButton(self.tr("选择…"))
        self.ca_button.clicked.connect(self.choose_ca)
        ca_row = QWidget()
        ca_line = QHBoxLayout(ca_row)
        ca_line.setContentsMargins(0, 0, 0, 0)
        ca_line.addWidget(self.ca_edit, 1)
        ca_line.addWidget(self.ca_button)
        self.token_edit = QLineEdit()
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("粘贴县级下发的本机令牌"))
        url_box, self.url_error = hinted_field(
            self.url_edit, self.tr("由县人大代表工委提供，必须以 https:// 开头。")
        )
        ca_box, self.ca_error = hinted_field(
            ca_row, self.tr("县级提供的 CA 证书（PEM 文件），保存时复制到数据文件夹。")
        )
        token_box, self.token_error = hinted_field(self.token_edit)
        self.token_hint = QLabel("")
        self.token_hint.setObjectName("hint")
        self.token_hint.setWordWrap(True)
        token_box.layout().insertWidget(1, self.token_hint)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(4)
        form.addRow(self.tr("服务器地址"), url_box)
        form.addRow(self.tr("CA 证书"), ca_box)
        form.addRow(self.tr("本机令牌"), token_box)

        # The state, as the status bar has it, with details.
        self.state_label = QLabel("…")
        self.state_label.setObjectName("sectionTitle")
        self.details_label = QLabel("")
        self.details_label.setObjectName("hint")
        self.details_label.setWordWrap(True)
        state_card = QFrame()
        state_card.setObjectName("card")
        state_box = QVBoxLayout(state_card)
        state_box.setContentsMargins(16, 10, 16, 12)
        state_box.setSpacing(4)
        state_box.addWidget(self.state_label)
        state_box.addWidget(self.details_label)

        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.hide()

        self.resume_button = QPushButton(self.tr("恢复同步"))
        self.resume_button.setToolTip(
            self.tr("数据库从备份恢复后同步会暂停；核对无误后点这里继续同步。")
        )
        self.resume_button.clicked.connect(self.resume)
        self.resume_button.hide()
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("保存并测试"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)  # until the status (keyring) is known

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.keyring_label)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(state_card)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(button_row(self.resume_button, self.close_button, self.save_button))

        if worker is not None:
            worker.status_changed.connect(self.show_status)
            worker.test_finished.connect(self._tested)
        self.reload()

    # --- status -----------------------------------------------------------------------------

    def reload(self, *, fill: bool = False) -> None:
        """Read the sync state on the DB thread (no network); `fill` puts the saved values in."""
        ctx = self.ctx
        QueryOp(self, lambda: load_status(ctx)).success(
            lambda status: self._loaded(status, fill=fill)
        ).run_in_background()

    def _loaded(self, status: SyncStatus, *, fill: bool = False) -> None:
        fill = fill or self.status is None
        self.show_status(status)
        if fill:  # on opening, and after saving: the CA is now the copy in the data folder
            self.url_edit.setText(status.server_url or "")
            self.ca_edit.setText(status.ca_file or "")

    @Slot(object)
    def show_status(self, status: SyncStatus) -> None:
        """The state line, its details, the keyring refusal and 恢复同步."""
        self.status = status
        _state, text, tip = describe(status)
        self.state_label.setText(self.tr("当前状态：{state}").format(state=text))
        lines = [
            self.tr("待上传 {pending} 条；被县级拒绝 {rejects} 条。").format(
                pending=status.pending, rejects=len(status.rejects)
            )
        ]
        if tip:
            lines.append(tip)
        self.details_label.setText("\n".join(lines))
        if status.keyring:
            self.keyring_label.hide()
        else:
            self.keyring_label.setText(
                message_for(DomainError("keyring_unavailable"))
                + "\n"
                + self.tr("在此之前不能保存同步设置。")
            )
            self.keyring_label.show()
        self.save_button.setEnabled(status.keyring)
        self.token_edit.setEnabled(status.keyring)
        self.token_hint.setText(
            self.tr("已保存在系统钥匙串中，不再显示。更换服务器地址或令牌时，请重新粘贴令牌。")
            if status.token_stored
            else self.tr("由县人大代表工委下发，只保存在系统钥匙串中，保存后不再显示。")
        )
        self.resume_button.setVisible(status.blocked == "sync_blocked_after_restore")
        wanted = self.sizeHint().height()
        if self.height() < wanted:  # the keyring warning or the resume button took room
            self.resize(self.width(), wanted)

    # --- actions ----------------------------------------------------------------------------

    @Slot()
    def choose_ca(self) -> None:
        """Pick the county's CA certificate (PEM)."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择县级 CA 证书"),
            self.ca_edit.text() or str(Path.home()),
            self.tr("证书文件 (*.pem *.crt *.cer);;所有文件 (*)"),
        )
        if path:
            self.ca_edit.setText(path)

    @Slot(str)
    def _url_edited(self, text: str) -> None:
        """Said at once when the address is not https://."""
        clean = text.strip().lower()
        bad = bool(clean) and not "https://".startswith(clean) and not clean.startswith("https://")
        self._field_error(
            self.url_error, message_for(DomainError("sync_url_invalid")) if bad else ""
        )

    @staticmethod
    def _field_error(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _clear_errors(self) -> None:
        for label in (self.url_error, self.ca_error, self.token_error):
            self._field_error(label, "")
        self.message.hide()

    @Slot()
    def save(self) -> None:
        """Check, configure on the DB thread, then one hello on the sync thread."""
        self._clear_errors()
        try:
            url = check_url(self.url_edit.text())
        except DomainError as exc:
            self._field_error(self.url_error, message_for(exc))
            self.url_edit.setFocus()
            return
        token = self.token_edit.text().strip()
        if not token:
            self._field_error(self.token_error, self.tr("请粘贴县级下发的本机令牌。"))
            self.token_edit.setFocus()
            return
        ca_text = self.ca_edit.text().strip()
        ca = Path(ca_text) if ca_text else None
        ctx = self.ctx
        self.save_button.setEnabled(False)
        Op(self, lambda: save_settings(ctx, url, token, ca), self.signals).success(
            self._saved
        ).failure(self._save_failed).run_in_background()

    def _saved(self, url: str) -> None:
        self.token_edit.clear()  # the token is in the keyring now; never shown again
        self.url_edit.setText(url)
        self.save_button.setEnabled(True)
        emit(self.saved)
        if self.worker is not None and self.worker.running:
            show_message(self.message, self.tr("已保存，正在测试连接…"))
            self.message.show()
            self.worker.test_connection()
        else:
            show_message(self.message, self.tr("已保存。"))
            self.message.show()
        self.reload(fill=True)

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(self.status is None or self.status.keyring)
        field = getattr(exc, "field", None)
        target = {"server": self.url_error, "ca": self.ca_error, "token": self.token_error}
        if field in target:
            self._field_error(target[field], message_for(exc))
        else:
            show_message(self.message, message_for(exc), error=True)
            self.message.show()

    @Slot(object)
    def _tested(self, error: BaseException | None) -> None:
        if error is None:
            text = self.tr("连接成功：县级服务器认可了本机令牌。记录会在一分钟内开始同步。")
            show_message(self.message, text)
        else:
            show_message(self.message, message_for(error), error=True)
        self.message.show()

    @Slot()
    def resume(self) -> None:
        """恢复同步 after a restore (audited)."""
        ctx = self.ctx

        def done(_resumed: bool) -> None:
            show_message(self.message, self.tr("已恢复同步。"))
            self.message.show()
            if self.worker is not None:
                self.worker.refresh_status()
            self.reload()

        Op(self, lambda: resume_sync(ctx), self.signals).success(done).run_in_background()
