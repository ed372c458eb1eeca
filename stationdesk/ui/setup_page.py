"""First-run setup: record this station's identity (code, name, county, device number)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from stationdesk.domain.errors import ValidationError
from stationdesk.ui.errors import message_for, message_with_field
from stationdesk.ui.form_fields import card_page, hinted_field
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.dto import StationInfo


def save_station(
    ctx: ServiceContext, code: str, name: str, county: str, device_no: int
) -> tuple[StationInfo, ChangeSet]:
    """init_station on the DB thread."""
    from stationdesk.services.station import init_station

    return init_station(ctx, code=code, name=name, county=county or None, device_no=device_no)


class SetupPage(QWidget):
    """Shown on a new database; emits completed(StationInfo) once the station is saved."""

    completed = Signal(object)

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupPage")
        self._signals = signals
        self._ctx: ServiceContext | None = None

        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("例如 410205-01"))
        self.code_edit.setMaxLength(32)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("例如 东关街道人大代表联络站"))
        self.name_edit.setMaxLength(60)
        self.county_edit = QLineEdit()
        self.county_edit.setPlaceholderText(self.tr("选填，例如 瀍河回族区"))
        self.county_edit.setMaxLength(60)
        self.device_spin = QSpinBox()
        self.device_spin.setRange(1, 99)
        self.device_spin.setFixedWidth(110)
        self.submit_button = QPushButton(self.tr("保存并开始使用"))
        self.submit_button.setObjectName("primary")
        self.submit_button.clicked.connect(self.submit)
        self.form_error = QLabel("")
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.hide()

        self.field_errors: dict[str, QLabel] = {}
        self._editors: dict[str, QWidget] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        self._add_row(
            form,
            "station_code",
            self.tr("联络站编码"),
            self.code_edit,
            self.tr("县（区）行政区划代码加站点序号，只用数字、字母和“-”"),
        )
        self._add_row(form, "station_name", self.tr("联络站名称"), self.name_edit)
        self._add_row(form, "county", self.tr("所属县（区）"), self.county_edit)
        self._add_row(
            form,
            "device_no",
            self.tr("本机编号"),
            self.device_spin,
            self.tr("本站有几台电脑都用本程序时，每台填不同的编号"),
        )

        title = QLabel(self.tr("欢迎使用联络站工作台"))
        title.setObjectName("pageTitle")
        intro = QLabel(self.tr("第一次使用，请先填写本联络站的基本信息。保存后即可开始工作。"))
        intro.setObjectName("pageSubtitle")
        intro.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)

        inner = card_page(self, 680)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(16)
        inner.addLayout(form)
        inner.addWidget(self.form_error)
        inner.addSpacing(10)
        inner.addLayout(buttons)

        for edit in (self.code_edit, self.name_edit, self.county_edit):
            edit.returnPressed.connect(self.submit)

    def _add_row(
        self, form: QFormLayout, field: str, label: str, editor: QWidget, hint: str = ""
    ) -> None:
        box, error = hinted_field(editor, hint, bottom=6)
        self.field_errors[field] = error
        self._editors[field] = editor
        form.addRow(label, box)

    def attach(self, ctx: ServiceContext) -> None:
        """Bind to the freshly opened (empty) database."""
        self._ctx = ctx
        self.code_edit.setFocus()

    def field_error(self, field: str) -> str:
        """The error text shown under a field ("" when none)."""
        label = self.field_errors[field]
        return label.text() if label.isVisibleTo(self) else ""

    def _clear_errors(self) -> None:
        for label in self.field_errors.values():
            label.clear()
            label.hide()
        self.form_error.clear()
        self.form_error.hide()

    @Slot()
    def submit(self) -> None:
        """Validate and save in the background; errors come back to the fields."""
        ctx = self._ctx
        if ctx is None or not self.submit_button.isEnabled():
            return
        self._clear_errors()
        self.submit_button.setEnabled(False)
        self.submit_button.setText(self.tr("正在保存…"))
        code, name = self.code_edit.text(), self.name_edit.text()
        county, device_no = self.county_edit.text(), self.device_spin.value()
        Op(self, lambda: save_station(ctx, code, name, county, device_no), self._signals).success(
            self._on_saved
        ).failure(self._on_failed).run_in_background()

    def _restore_button(self) -> None:
        self.submit_button.setEnabled(True)
        self.submit_button.setText(self.tr("保存并开始使用"))

    def _on_saved(self, station: StationInfo) -> None:
        self._restore_button()
        emit(self.completed, station)

    def _on_failed(self, exc: BaseException) -> None:
        self._restore_button()
        field = exc.field if isinstance(exc, ValidationError) else None
        if field in self.field_errors:
            label = self.field_errors[field]
            label.setText(message_for(exc))
            label.show()
            self._editors[field].setFocus()
        else:
            self.form_error.setText(message_with_field(exc))
            self.form_error.show()
