"""The recovery dialog shown when the start-up check finds the database damaged."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationdesk.ui.formatting import date_time, file_size
from stationdesk.ui.signals import emit
from stationdesk.ui.theme import restyle

if TYPE_CHECKING:
    from stationdesk.services.maintenance import BackupInfo


class RecoveryDialog(QDialog):
    """Says what happened, where the damaged file was kept, and offers the newest backup."""

    restore_requested = Signal(object)  # BackupInfo
    open_folder_requested = Signal(object)  # Path
    quit_requested = Signal()

    def __init__(
        self,
        quarantined: Path | None,
        problems: tuple[str, ...],
        newest: BackupInfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("数据库需要恢复"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self._quarantined = quarantined
        self._newest = newest

        title = QLabel(self.tr("数据库文件已损坏"))
        title.setObjectName("pageTitle")
        what = QLabel(
            self.tr(
                "启动检查发现数据库文件已损坏。为保护数据，程序没有打开它，也没有改动它。"
                "原文件已原样保存在隔离文件夹："
            )
        )
        what.setWordWrap(True)
        folder = QLabel(str(quarantined) if quarantined else "")
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setWordWrap(True)
        folder.setObjectName("hint")
        # SQLite's own words are English: kept for support staff, behind a button.
        self.detail_label = QLabel("\n".join(problems))
        self.detail_label.setObjectName("hint")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.hide()
        self.detail_button = QPushButton(self.tr("技术信息（供技术支持人员查看）"))
        self.detail_button.setFlat(True)
        self.detail_button.setCheckable(True)
        self.detail_button.setVisible(bool(problems))
        self.detail_button.toggled.connect(self.detail_label.setVisible)

        if newest is not None:
            offer_text = self.tr(
                "可以用最新的备份恢复：{when}（{size}）。"
                "这份备份之后录入的记录将会缺失，缺多少条无法确定，请对照纸质登记补录。"
            ).format(when=date_time(newest.taken_at), size=file_size(newest.size))
        else:
            offer_text = self.tr(
                "没有找到可用的备份。请不要删除数据文件夹，并联系技术支持人员处理。"
            )
        self.offer_label = QLabel(offer_text)
        self.offer_label.setWordWrap(True)
        self.status_label = QLabel("")
        self.status_label.setObjectName("formError")
        self.status_label.setWordWrap(True)
        self.status_label.hide()

        self.restore_button = QPushButton(self.tr("恢复最新备份"))
        self.restore_button.setObjectName("primary")
        self.restore_button.setVisible(newest is not None)
        self.restore_button.clicked.connect(self._ask_restore)
        self.folder_button = QPushButton(self.tr("打开隔离文件夹"))
        self.folder_button.setVisible(quarantined is not None)
        self.folder_button.clicked.connect(lambda: emit(self.open_folder_requested, quarantined))
        self.quit_button = QPushButton(self.tr("退出程序"))
        self.quit_button.clicked.connect(self.quit_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.restore_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(what)
        layout.addWidget(folder)
        layout.addWidget(self.detail_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail_label)
        layout.addSpacing(6)
        layout.addWidget(self.offer_label)
        layout.addWidget(self.status_label)
        layout.addSpacing(10)
        layout.addLayout(buttons)
        if newest is not None:
            self.restore_button.setDefault(True)

    def _ask_restore(self) -> None:
        self.set_busy(self.tr("正在恢复，请稍候…"))
        emit(self.restore_requested, self._newest)

    def set_busy(self, text: str) -> None:
        """Disable the buttons while a restore runs."""
        for button in (self.restore_button, self.quit_button, self.folder_button):
            button.setEnabled(False)
        restyle(self.status_label, "hint")
        self.status_label.setText(text)
        self.status_label.show()

    def show_failure(self, text: str) -> None:
        """Restore failed: say why and let the clerk quit."""
        restyle(self.status_label, "formError")
        self.status_label.setText(text)
        self.status_label.show()
        self.quit_button.setEnabled(True)
        self.folder_button.setEnabled(True)

    def reject(self) -> None:
        """Esc or the window's close button means quit: there is nothing to work on."""
        emit(self.quit_requested)
