"""The status bar: station name and code, database state, last backup time, sync state."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from stationdesk.ui.formatting import recent_time, role_name
from stationdesk.ui.sync_indicator import SyncIndicator

if TYPE_CHECKING:
    from stationdesk.services.accounts import UserInfo
    from stationdesk.services.dto import StationInfo


class StationStatusBar(QStatusBar):
    """Always-visible facts a clerk may need to read out to support staff."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.station_label = QLabel("")
        self.database_label = QLabel("")
        self.backup_label = QLabel("")
        self.sync = SyncIndicator()  # 已同步 / 待同步 N 条 / 离线 …, 立即同步, rejects
        self.sync_label = self.sync.label
        self.user_label = QLabel("")
        self.password_button = QPushButton(self.tr("修改密码"))
        self.password_button.setObjectName("linkButton")
        self.password_button.setFlat(True)
        self.password_button.hide()
        self.addWidget(self.station_label, 1)
        self.addPermanentWidget(self.user_label)
        self.addPermanentWidget(self.password_button)
        for label in (self.database_label, self.backup_label):
            self.addPermanentWidget(label)
        self.addPermanentWidget(self.sync)

    def set_station(self, station: StationInfo) -> None:
        """东关街道人大代表联络站（410205-01）· 本机 01."""
        self.station_label.setText(
            self.tr("{name}（{code}）· 本机 {device:02d}").format(
                name=station.name, code=station.code, device=station.device_no
            )
        )

    def set_user(self, user: UserInfo | None) -> None:
        """当前用户：王站长（站点管理员）, or nothing when signed out."""
        self.password_button.setVisible(user is not None)
        if user is None:
            self.user_label.setText("")
            return
        self.user_label.setText(
            self.tr("当前用户：{name}（{role}）").format(
                name=user.display_name, role=role_name(user.role.value)
            )
        )

    def set_database_ok(self, ok: bool) -> None:
        """数据库正常, or a warning after a failed check."""
        self.database_label.setText(self.tr("数据库正常") if ok else self.tr("数据库需要检查"))
        self.database_label.setStyleSheet("" if ok else "color: #c62828;")

    def set_last_backup(self, taken_at: datetime | None) -> None:
        """最近备份：今天 14:32, or 尚无备份."""
        if taken_at is None:
            self.backup_label.setText(self.tr("尚无备份"))
        else:
            self.backup_label.setText(
                self.tr("最近备份：{when}").format(when=recent_time(taken_at))
            )
        self.backup_label.setStyleSheet("")

    def set_backup_failed(self) -> None:
        """Shown in red until the next successful backup."""
        self.backup_label.setText(self.tr("自动备份失败"))
        self.backup_label.setStyleSheet("color: #c62828;")
