"""导出: the case list to CSV, masked unless the admin asks for full data with a reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.errors import ValidationError
from stationdesk.ui.dialogs import button_row
from stationdesk.ui.errors import message_for
from stationdesk.ui.form_fields import hinted_field
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op

if TYPE_CHECKING:
    from stationdesk.services.context import ServiceContext


def export_job(
    ctx: ServiceContext, values: dict[str, Any], dest: Path, full: bool, reason: str
) -> int:
    """DB thread: write the file and its audit row."""
    from stationdesk.services.case_export import export_cases
    from stationdesk.services.cases import CaseFilter

    return export_cases(ctx, CaseFilter(**values), dest, full=full, reason=reason)


class ExportDialog(QDialog):
    """Masked by default; 完整信息 needs a reason, and the file says who exported it."""

    exported = Signal(int, str)

    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        filter_values: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("导出问题列表"))
        self.ctx, self.signals, self.values = ctx, signals, filter_values
        self.masked_radio = QRadioButton(self.tr("脱敏导出：姓名、电话只显示部分，不含身份证号"))
        self.masked_radio.setChecked(True)
        self.full_radio = QRadioButton(self.tr("完整信息导出：含完整姓名、电话和身份证号"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("例：县人大常委会要求核对名单"))
        self.reason_edit.setMaxLength(200)
        reason_box, self.reason_error = hinted_field(
            self.reason_edit, self.tr("完整信息导出须写明原因，会记入审计日志并印在文件第一行。")
        )
        reason_box.setEnabled(False)
        self.full_radio.toggled.connect(reason_box.setEnabled)
        self.ok_button = QPushButton(self.tr("选择位置并导出…"))
        self.ok_button.setObjectName("primary")
        self.ok_button.clicked.connect(self.choose_file)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons = button_row(cancel, self.ok_button)
        note = QLabel(self.tr("导出当前筛选条件下的全部问题；保密件的反映内容在脱敏导出中不显示。"))
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(note)
        layout.addWidget(self.masked_radio)
        layout.addWidget(self.full_radio)
        layout.addWidget(reason_box)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(520, 300)

    @Slot()
    def choose_file(self) -> None:
        """Where to write, then export."""
        suggested = str(Path.home() / f"问题列表-{date.today().isoformat()}.csv")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出问题列表"), suggested, self.tr("CSV 文件 (*.csv)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, dest: Path) -> None:
        """Write the file (DB thread); a missing reason is reported at its field."""
        self.reason_error.hide()
        ctx, values = self.ctx, dict(self.values)
        full, reason = self.full_radio.isChecked(), self.reason_edit.text()

        def failed(exc: BaseException) -> None:
            self.reason_error.setText(message_for(exc))
            self.reason_error.show()
            if isinstance(exc, ValidationError) and exc.field == "reason":
                self.reason_edit.setFocus()

        def done(rows: int) -> None:
            emit(self.exported, rows, str(dest))
            self.accept()

        Op(self, lambda: export_job(ctx, values, dest, full, reason), self.signals).success(
            done
        ).failure(failed).run_in_background()
