"""The deputy form (新增/编辑代表): identity, levels with 届次 and 选区, grids, 联选民, 承诺."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.enums import LEVEL_NAMES, DeputyLevel
from stationdesk.domain.errors import ValidationError
from stationdesk.ui.dialogs import button_row
from stationdesk.ui.errors import message_for
from stationdesk.ui.form_fields import hinted_field
from stationdesk.ui.signals import AppSignals
from stationdesk.ui.tasks import Op

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.reference import Choice
    from stationdesk.services.roster import DeputyDetail, DeputyInput


def _save(
    ctx: ServiceContext, data: DeputyInput, deputy_id: str | None, version: int | None
) -> tuple[str, ChangeSet]:
    from stationdesk.services.roster import save_deputy

    return save_deputy(ctx, data, deputy_id, version)


class LevelRow:
    """One level's line: tick it, then its congress, 届次 and 选区."""

    def __init__(self, level: DeputyLevel) -> None:
        self.level = level
        self.check = QCheckBox(
            QCoreApplication.translate("DeputyDialog", "{level}人大代表").format(
                level=LEVEL_NAMES[level]
            )
        )
        self.congress = QLineEdit()
        examples = {
            DeputyLevel.NATIONAL: QCoreApplication.translate(
                "DeputyDialog", "如：第十四届全国人民代表大会"
            ),
            DeputyLevel.PROVINCE: QCoreApplication.translate(
                "DeputyDialog", "如：河南省第十四届人民代表大会"
            ),
            DeputyLevel.CITY: QCoreApplication.translate(
                "DeputyDialog", "如：洛阳市第十六届人民代表大会"
            ),
            DeputyLevel.COUNTY: QCoreApplication.translate(
                "DeputyDialog", "如：县第十七届人民代表大会"
            ),
            DeputyLevel.TOWNSHIP: QCoreApplication.translate(
                "DeputyDialog", "如：镇第十七届人民代表大会"
            ),
        }
        self.congress.setPlaceholderText(examples[level])
        self.term = QLineEdit()
        self.term.setPlaceholderText(QCoreApplication.translate("DeputyDialog", "届次"))
        self.term.setMaximumWidth(110)
        self.constituency = QLineEdit()
        self.constituency.setPlaceholderText(QCoreApplication.translate("DeputyDialog", "选区"))
        self.check.toggled.connect(self._enable)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for edit in (self.congress, self.term, self.constituency):
            edit.setEnabled(on)


class DeputyDialog(QDialog):
    """Add a deputy (deputy None) or edit one; saves through the roster service."""

    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        grids: tuple[Choice, ...],
        deputy: DeputyDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._signals = signals
        self.deputy = deputy
        self.saved_id: str | None = None
        self.setWindowTitle(self.tr("编辑代表信息") if deputy else self.tr("新增代表"))
        self.resize(860, 700)
        self.errors: dict[str, QLabel] = {}

        self.name = QLineEdit()
        self.gender = QComboBox()
        for label, value in (
            (self.tr("未填"), None),
            (self.tr("男"), "male"),
            (self.tr("女"), "female"),
        ):
            self.gender.addItem(label, value)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(self.tr("如：红旗村党支部书记"))
        self.occupation = QLineEdit()
        self.group = QLineEdit()
        self.group.setPlaceholderText(self.tr("如：农业农村组"))
        self.public_contact = QLineEdit()
        self.public_contact.setPlaceholderText(self.tr("印在公示牌上，如：0379-65123456"))
        self.phone = QLineEdit()
        self.clear_phone = QCheckBox(self.tr("删除已存的手机号码"))
        self.clear_phone.toggled.connect(lambda on: self.phone.setEnabled(not on))
        self.clear_phone.hide()
        self.commitment = QPlainTextEdit()
        self.commitment.setPlaceholderText(self.tr("本年度履职承诺，印在公示牌上（最多 1000 字）"))
        self.commitment.setMinimumHeight(80)
        identity = QFormLayout()
        for key, label, editor, hint in (
            ("name", self.tr("姓名"), self.name, None),
            ("gender", self.tr("性别"), self.gender, None),
            ("unit", self.tr("单位及职务"), self.unit, None),
            ("occupation", self.tr("职业"), self.occupation, None),
            ("professional_group", self.tr("专业小组"), self.group, None),
            ("public_contact", self.tr("公开联系方式"), self.public_contact, None),
            ("phone", self.tr("手机号码"), self.phone, self.tr("仅站内联系用，不公开")),
        ):
            box, error = hinted_field(editor, hint)
            self.errors[key] = error
            identity.addRow(label, box)
        identity.addRow("", self.clear_phone)

        self.levels = [LevelRow(level) for level in DeputyLevel]
        level_grid = QGridLayout()
        level_grid.setHorizontalSpacing(8)
        for row, line in enumerate(self.levels):
            level_grid.addWidget(line.check, row, 0)
            level_grid.addWidget(line.congress, row, 1)
            level_grid.addWidget(line.term, row, 2)
            level_grid.addWidget(line.constituency, row, 3)
        level_grid.setColumnStretch(1, 3)
        level_grid.setColumnStretch(3, 2)
        levels_box, self.errors["terms"] = hinted_field(QWidget())
        levels_box.layout().itemAt(0).widget().setLayout(level_grid)

        self.grid_list = QListWidget()
        self.grid_list.setMaximumHeight(130)
        for choice in grids:
            item = QListWidgetItem(
                f"{choice.name}（{choice.detail}）" if choice.detail else choice.name
            )
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.grid_list.addItem(item)
        grids_box, self.errors["grid_ids"] = hinted_field(
            self.grid_list, self.tr("勾选代表联系的网格（联网格）")
        )

        self.contacts = QTableWidget(0, 4)
        self.contacts.setHorizontalHeaderLabels(
            [self.tr("联系对象"), self.tr("村/社区"), self.tr("户数"), self.tr("备注")]
        )
        self.contacts.verticalHeader().hide()
        self.contacts.setMaximumHeight(140)
        self.contacts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contacts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        add_contact = QPushButton(self.tr("添加一行"))
        add_contact.clicked.connect(lambda: self.add_contact_row())
        remove_contact = QPushButton(self.tr("删除所选行"))
        remove_contact.clicked.connect(self._remove_contact)
        contact_buttons = QHBoxLayout()
        contact_buttons.addWidget(add_contact)
        contact_buttons.addWidget(remove_contact)
        contact_buttons.addStretch(1)
        contacts_box, self.errors["contacts"] = hinted_field(
            self.contacts, self.tr("代表固定联系的选民或农户（联选民），如：红旗村三组，12 户")
        )
        commitment_box, self.errors["commitment"] = hinted_field(self.commitment)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setSpacing(8)
        column.addWidget(self._section(self.tr("基本信息")))
        column.addLayout(identity)
        column.addWidget(self._section(self.tr("代表层级、届次与选区")))
        column.addWidget(levels_box)
        column.addWidget(self._section(self.tr("联网格")))
        column.addWidget(grids_box)
        column.addWidget(self._section(self.tr("联选民")))
        column.addWidget(contacts_box)
        column.addLayout(contact_buttons)
        column.addWidget(self._section(self.tr("亮承诺")))
        column.addWidget(commitment_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.message = QLabel("")
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(button_row(cancel, self.save_button))
        if deputy is not None:
            self._fill(deputy)
        else:
            self.phone.setPlaceholderText(self.tr("选填"))

    def _section(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionTitle")
        return label

    def _fill(self, d: DeputyDetail) -> None:
        s = d.summary
        self.name.setText(s.name)
        self.gender.setCurrentIndex(max(0, self.gender.findData(s.gender)))
        self.unit.setText(s.unit or "")
        self.occupation.setText(s.occupation or "")
        self.group.setText(s.professional_group or "")
        self.public_contact.setText(s.public_contact or "")
        self.phone.setPlaceholderText(
            self.tr("现为 {masked}，不修改请留空").format(masked=s.phone_masked)
            if s.phone_masked
            else self.tr("选填")
        )
        self.clear_phone.setVisible(bool(s.phone_masked))
        self.commitment.setPlainText(s.commitment or "")
        by_level = {t.level: t for t in d.terms}
        for line in self.levels:
            term = by_level.get(line.level)
            line.check.setChecked(term is not None)
            if term is not None:
                line.congress.setText(term.congress)
                line.term.setText(term.term)
                line.constituency.setText(term.constituency or "")
        chosen = set(d.grid_ids)
        for i in range(self.grid_list.count()):
            item = self.grid_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in chosen:
                item.setCheckState(Qt.CheckState.Checked)
        for c in d.contacts:
            self.add_contact_row(c.name, c.village or "", c.households, c.note or "")

    def add_contact_row(
        self, name: str = "", village: str = "", households: int = 1, note: str = ""
    ) -> None:
        """One more 联选民 line."""
        row = self.contacts.rowCount()
        self.contacts.insertRow(row)
        self.contacts.setItem(row, 0, QTableWidgetItem(name))
        self.contacts.setItem(row, 1, QTableWidgetItem(village))
        spin = QSpinBox()
        spin.setRange(1, 10000)
        spin.setValue(households)
        self.contacts.setCellWidget(row, 2, spin)
        self.contacts.setItem(row, 3, QTableWidgetItem(note))

    @Slot()
    def _remove_contact(self) -> None:
        for index in sorted((i.row() for i in self.contacts.selectedIndexes()), reverse=True):
            self.contacts.removeRow(index)

    def value(self) -> DeputyInput:
        """What the form holds, as the service takes it (validation is the service's)."""
        from stationdesk.services.roster import ContactInput, DeputyInput, TermInput

        def cell(row: int, col: int) -> str:
            item = self.contacts.item(row, col)
            return item.text() if item is not None else ""

        contacts = []
        for row in range(self.contacts.rowCount()):
            if not any(cell(row, c).strip() for c in (0, 1, 3)):
                continue  # an empty line left over
            spin = self.contacts.cellWidget(row, 2)
            households = spin.value() if isinstance(spin, QSpinBox) else 1
            contacts.append(ContactInput(cell(row, 0), cell(row, 1), households, cell(row, 3)))
        grid_ids = tuple(
            str(self.grid_list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.grid_list.count())
            if self.grid_list.item(i).checkState() == Qt.CheckState.Checked
        )
        phone = self.phone.text().strip()
        return DeputyInput(
            name=self.name.text(),
            terms=tuple(
                TermInput(
                    line.level, line.congress.text(), line.term.text(), line.constituency.text()
                )
                for line in self.levels
                if line.check.isChecked()
            ),
            gender=self.gender.currentData(),
            unit=self.unit.text(),
            occupation=self.occupation.text(),
            professional_group=self.group.text(),
            public_contact=self.public_contact.text(),
            # Editing: an empty box keeps the stored number (the form never shows it in full).
            phone=""
            if self.clear_phone.isChecked()
            else (phone if phone or not self.deputy else None),
            commitment=self.commitment.toPlainText(),
            grid_ids=grid_ids,
            contacts=tuple(contacts),
        )

    @Slot()
    def save(self) -> None:
        """Save; a refused field gets its message under it and everything typed stays."""
        for label in self.errors.values():
            label.hide()
        self.message.clear()
        data = self.value()
        ctx, deputy_id = self._ctx, self.deputy.summary.id if self.deputy else None
        version = self.deputy.summary.row_version if self.deputy else None

        def saved(new_id: str) -> None:
            self.saved_id = new_id
            self.accept()

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            field = exc.field if isinstance(exc, ValidationError) else None
            key = (field or "").split(".")[0]
            if key in self.errors:
                self.errors[key].setText(message_for(exc))
                self.errors[key].show()
            else:
                self.message.setText(message_for(exc))

        self.save_button.setEnabled(False)
        Op(self, lambda: _save(ctx, data, deputy_id, version), self._signals).success(
            saved
        ).failure(failed).run_in_background()
