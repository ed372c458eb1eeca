"""回执设置: the station phone, hours, query address and notice every receipt prints."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.errors import ValidationError
from stationdesk.services.context import ServiceContext
from stationdesk.services.receipts import (
    DEFAULT_NOTICE,
    PrintSettings,
    print_settings,
    save_receipt_settings,
)
from stationdesk.ui.dialogs import button_row
from stationdesk.ui.errors import message_for, show_error
from stationdesk.ui.form_fields import hinted_field
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op, QueryOp


class ReceiptSettingsDialog(QDialog):
    """Edit what every slip shows; saved in one audited transaction."""

    saved = Signal()

    def __init__(
        self, ctx: ServiceContext, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signals = signals
        self.setObjectName("receiptSettings")
        self.setWindowTitle(self.tr("回执设置"))
        self.resize(560, 480)
        self.phone_edit = QLineEdit()
        self.hours_edit = QLineEdit()
        self.hours_edit.setPlaceholderText(self.tr("例：工作日 9:00-17:00"))
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://")
        self.notice_edit = QPlainTextEdit()
        self.notice_edit.setPlaceholderText(DEFAULT_NOTICE)
        self.notice_edit.setTabChangesFocus(True)
        self.notice_edit.setFixedHeight(110)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        rows = (
            ("station_phone", self.tr("联络站电话"), self.phone_edit, None),
            ("office_hours", self.tr("接待时间（印在回执上）"), self.hours_edit, None),
            (
                "query_url",
                self.tr("查询网址（可不填）"),
                self.url_edit,
                self.tr("填写后，回执上的二维码带有这个网址和受理编号、查询码。"),
            ),
            (
                "notice",
                self.tr("个人信息告知（不超过 200 字，不填则用默认文字）"),
                self.notice_edit,
                None,
            ),
        )
        for key, label, editor, hint in rows:
            box, error = hinted_field(editor, hint)
            self.errors[key] = error
            form.addRow(label, box)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        buttons = button_row(cancel, self.save_button)
        self.form_box = QWidget()
        self.form_box.setLayout(form)
        self.form_box.setEnabled(False)  # until the saved values are in: nothing typed is lost
        self.save_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.addWidget(self.form_box)
        layout.addStretch(1)
        layout.addLayout(buttons)
        QueryOp(self, lambda: print_settings(ctx)).success(self._loaded).run_in_background()

    def _loaded(self, settings: PrintSettings) -> None:
        self.phone_edit.setText(settings.station_phone or "")
        self.hours_edit.setText(settings.office_hours or "")
        self.url_edit.setText(settings.query_url or "")
        if settings.notice != DEFAULT_NOTICE:
            self.notice_edit.setPlainText(settings.notice)
        self.form_box.setEnabled(True)
        self.save_button.setEnabled(True)
        self.phone_edit.setFocus()

    @Slot()
    def save(self) -> None:
        """Check and save in the service; errors appear under their fields, nothing is lost."""
        for error in self.errors.values():
            error.hide()
        ctx = self.ctx
        values = {
            "station_phone": self.phone_edit.text(),
            "office_hours": self.hours_edit.text(),
            "query_url": self.url_edit.text(),
            "notice": self.notice_edit.toPlainText(),
        }
        Op(self, lambda: save_receipt_settings(ctx, **values), self.signals).success(
            self._saved
        ).failure(self._field_error).run_in_background()

    def _field_error(self, exc: BaseException) -> None:
        field = exc.field if isinstance(exc, ValidationError) else None
        label = self.errors.get(field or "")
        if label is None:
            show_error(self, exc)
            return
        label.setText(message_for(exc))
        label.show()

    def _saved(self, _result: object) -> None:
        emit(self.saved)
        self.accept()
