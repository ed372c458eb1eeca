"""The sync part of the status bar: 已同步, 待同步 N 条, 离线, 同步已停止; 立即同步; rejects."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from stationdesk.domain.errors import DomainError
from stationdesk.ui.errors import message_for
from stationdesk.ui.formatting import recent_time
from stationdesk.ui.signals import emit

if TYPE_CHECKING:
    from stationdesk.sync.setup import SyncStatus

# States, in the order they win.
UNCONFIGURED = "unconfigured"
NO_KEYRING = "no_keyring"
PAUSED = "paused"  # demo database, restored copy
STOPPED = "stopped"  # the county refused the token, or a protocol this app lacks
OFFLINE = "offline"
PENDING = "pending"
SYNCED = "synced"
SYNCING = "syncing"

_COLOURS = {
    STOPPED: "#c62828",
    NO_KEYRING: "#c62828",
    OFFLINE: "#b26a00",
    PAUSED: "#b26a00",
    SYNCED: "#2e7d32",
}


def sync_state(status: SyncStatus) -> str:
    """The one state the status bar shows for a SyncStatus."""
    if status.blocked == "sync_not_configured":
        return UNCONFIGURED
    if not status.keyring:
        return NO_KEYRING
    if not status.token_stored:
        return UNCONFIGURED
    if status.blocked:
        return PAUSED
    if status.stopped:
        return STOPPED
    if status.consecutive_failures:
        return OFFLINE
    return PENDING if status.pending else SYNCED


def last_success(status: SyncStatus) -> datetime | None:
    """The later of the last push and the last pull that went through."""
    moments = []
    for raw in (status.last_push_ok_at, status.last_pull_ok_at):
        try:
            if raw:
                moments.append(datetime.fromisoformat(raw))
        except ValueError:
            continue
    return max(moments) if moments else None


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncIndicator", text)


def _code_text(code: str) -> str:
    return message_for(DomainError(code, reason="…", seconds="…", status="…"))


def describe(status: SyncStatus) -> tuple[str, str, str]:
    """(state, the status bar's words, the tooltip) for a SyncStatus."""
    state = sync_state(status)
    texts = {
        UNCONFIGURED: _tr("未配置同步"),
        NO_KEYRING: _tr("不能同步"),
        PAUSED: _tr("同步已暂停"),
        STOPPED: _tr("同步已停止"),
        SYNCED: _tr("已同步"),
    }
    if state == OFFLINE:
        text = (
            _tr("离线 · 待同步 {n} 条").format(n=status.pending) if status.pending else _tr("离线")
        )
    elif state == PENDING:
        text = _tr("待同步 {n} 条").format(n=status.pending)
    else:
        text = texts[state]
    lines: list[str] = []
    if state == UNCONFIGURED:
        lines.append(_code_text("sync_not_configured"))
    elif state == NO_KEYRING:
        lines.append(_code_text("keyring_unavailable"))
    elif state == PAUSED and status.blocked:
        lines.append(_code_text(status.blocked))
    elif state == STOPPED and status.stopped:
        lines.append(_code_text(status.stopped))
    elif state == OFFLINE:
        lines.append(_code_text(status.last_error or "sync_offline"))
        lines.append(
            _tr("{seconds} 秒后自动重试。").format(seconds=max(0, round(status.next_attempt_in_s)))
        )
    when = last_success(status)
    if when is not None:
        lines.append(_tr("上次同步成功：{when}").format(when=recent_time(when)))
    elif state != UNCONFIGURED:
        lines.append(_tr("还没有同步成功过。"))
    if status.county_newer:
        lines.append(
            QCoreApplication.translate(
                "SyncIndicator",
                "县级有 {n} 条记录比本机新（本机可能从旧备份恢复过），请联系县级核对。",
            ).format(n=status.county_newer)
        )
    if status.clock_warning:
        lines.append(
            _tr("电脑时间与县级服务器相差 {offset} 秒，请校准电脑时间。").format(
                offset=status.clock_offset_s
            )
        )
    return state, text, "\n".join(lines)


class SyncIndicator(QWidget):
    """The sync part of the status bar; the window connects sync_now and rejects_requested."""

    # 立即同步 was clicked
    sync_now = Signal()
    # 被拒绝 N 条 was clicked
    rejects_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = UNCONFIGURED
        self.status: SyncStatus | None = None
        self.label = QLabel(self.tr("未配置同步"))
        self.progress = QProgressBar()
        self.progress.setFixedWidth(90)
        self.progress.setFixedHeight(12)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.now_button = QPushButton(self.tr("立即同步"))
        self.now_button.setFlat(True)
        self.now_button.clicked.connect(lambda: emit(self.sync_now))
        self.now_button.hide()
        self.rejects_button = QPushButton("")
        self.rejects_button.setFlat(True)
        self.rejects_button.setStyleSheet("color: #c62828;")
        self.rejects_button.clicked.connect(lambda: emit(self.rejects_requested))
        self.rejects_button.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 12, 0)  # clear of the window's edge
        row.setSpacing(8)
        row.addWidget(self.label)
        row.addWidget(self.progress)
        row.addWidget(self.now_button)
        row.addWidget(self.rejects_button)
        self._syncing = False

    def show_status(self, status: SyncStatus) -> None:
        """The state after a request: words, colour, tooltip, buttons."""
        self.status = status
        state, text, tip = describe(status)
        self.state = state
        if self._syncing:
            return  # the running cycle's words stay until it ends
        self.label.setText(text)
        self.label.setToolTip(tip)
        colour = _COLOURS.get(state)
        self.label.setStyleSheet(f"color: {colour};" if colour else "")
        self.now_button.setVisible(state in (PENDING, SYNCED, OFFLINE, STOPPED))
        self.now_button.setEnabled(True)
        rejects = len(status.rejects)
        self.rejects_button.setVisible(rejects > 0)
        self.rejects_button.setText(self.tr("被拒绝 {n} 条").format(n=rejects))

    @Slot(str)
    def cycle_started(self, _kind: str) -> None:
        """正在同步… with a busy bar until the first batch or page reports."""
        self._syncing = True
        self.state = SYNCING
        self.label.setText(self.tr("正在同步…"))
        self.label.setStyleSheet("")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.now_button.setEnabled(False)

    @Slot(str, int, int)
    def cycle_progress(self, stage: str, done: int, total: int) -> None:
        """正在上传 12/40 条 (a bar), or a busy bar: 接收县级记录, 核对, 上传照片."""
        if stage == "push" and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.label.setText(self.tr("正在上传 {done}/{total} 条").format(done=done, total=total))
            return
        self.progress.setRange(0, 0)
        if stage == "reconcile":
            self.label.setText(self.tr("正在与县级核对数据"))
        elif stage == "photos":
            self.label.setText(self.tr("正在上传代表照片 {n} 张").format(n=done))
        else:
            self.label.setText(self.tr("正在接收县级记录 {n} 条").format(n=done))

    @Slot()
    def cycle_ended(self) -> None:
        """Back to the state of the last status."""
        self._syncing = False
        self.progress.hide()
        if self.status is not None:
            self.show_status(self.status)
        self.now_button.setEnabled(True)
