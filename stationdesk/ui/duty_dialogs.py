"""值班 dialogs: 换人, 调换 and 生成轮值 (the services run on the DB thread)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.errors import ValidationError
from stationdesk.ui.dialogs import NOTE_MAX, FormDialog, button_row
from stationdesk.ui.errors import message_for
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op, QueryOp

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.duty import PlannedShift

PREVIEW_LINES = 8


def weekday_names() -> tuple[str, ...]:
    """星期一 … 星期日 (Monday first, as the calendar and plan_rotation count)."""
    return (
        QCoreApplication.translate("duty", "星期一"),
        QCoreApplication.translate("duty", "星期二"),
        QCoreApplication.translate("duty", "星期三"),
        QCoreApplication.translate("duty", "星期四"),
        QCoreApplication.translate("duty", "星期五"),
        QCoreApplication.translate("duty", "星期六"),
        QCoreApplication.translate("duty", "星期日"),
    )


def half_names() -> dict[str, str]:
    """上午 / 下午 / 全天 by the services' half codes."""
    return {
        "am": QCoreApplication.translate("duty", "上午"),
        "pm": QCoreApplication.translate("duty", "下午"),
        "day": QCoreApplication.translate("duty", "全天"),
    }


def month_title(year: int, month: int) -> str:
    """2026年12月."""
    return QCoreApplication.translate("duty", "{year}年{month}月").format(year=year, month=month)


def day_title(day: date) -> str:
    """12月3日 星期三."""
    return QCoreApplication.translate("duty", "{month}月{day}日 {weekday}").format(
        month=day.month, day=day.day, weekday=weekday_names()[day.weekday()]
    )


def _plan(
    ctx: ServiceContext,
    year: int,
    month: int,
    deputy_ids: Sequence[str],
    weekdays: Sequence[int],
    halves: Sequence[str],
    per_shift: int,
) -> list[PlannedShift]:
    from stationdesk.services.duty import plan_rotation

    return plan_rotation(ctx, year, month, deputy_ids, weekdays, halves, per_shift)


def _save_plan(ctx: ServiceContext, plan: Sequence[PlannedShift]) -> tuple[int, ChangeSet]:
    from stationdesk.services.duty import save_rotation

    return save_rotation(ctx, plan)


class ReassignDialog(FormDialog):
    """换人: another serving deputy takes the shift, with an optional note."""

    def __init__(
        self, shift_text: str, deputies: Sequence[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("换人"),
            self.tr("{shift} 改由另一位代表值班。").format(shift=shift_text),
            self.tr("换人"),
            parent,
        )
        self.deputy_combo = QComboBox()
        for deputy_id, name in deputies:
            self.deputy_combo.addItem(name, deputy_id)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(NOTE_MAX)
        self.note_edit.setPlaceholderText(self.tr("选填，例如：出差，由李秀英代班"))
        self.form.addRow(self.tr("改由"), self.deputy_combo)
        self.form.addRow(self.tr("说明"), self.note_edit)

    def deputy_id(self) -> str:
        """The chosen deputy's id."""
        return str(self.deputy_combo.currentData() or "")

    def note(self) -> str | None:
        """The note, or None when left empty."""
        return self.note_edit.text().strip() or None


class SwapDialog(FormDialog):
    """调换: the shift exchanges its deputy with another shift of the month."""

    def __init__(
        self, shift_text: str, others: Sequence[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("调换值班"),
            self.tr("{shift} 与下面所选的班次互换值班代表。").format(shift=shift_text),
            self.tr("调换"),
            parent,
        )
        self.shift_combo = QComboBox()
        self.shift_combo.setMaxVisibleItems(15)
        for shift_id, text in others:
            self.shift_combo.addItem(text, shift_id)
        self.form.addRow(self.tr("与"), self.shift_combo)

    def other_id(self) -> str:
        """The chosen shift's id."""
        return str(self.shift_combo.currentData() or "")


class RotationDialog(QDialog):
    """生成轮值: deputies take turns on the chosen weekdays of the month; nothing kept on 取消."""

    saved = Signal(int)

    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        year: int,
        month: int,
        deputies: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("生成轮值"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._ctx = ctx
        self._signals = signals
        self.year, self.month = year, month
        self.plan: list[PlannedShift] | None = None
        self._names = dict(deputies)

        intro = QLabel(
            self.tr(
                "{month}：所选代表在所选的星期几轮流值班，排得少的先排。"
                "已有的安排保持不变。先预览，确认后保存。"
            ).format(month=month_title(year, month))
        )
        intro.setWordWrap(True)

        self.deputy_list = QListWidget()
        self.deputy_list.setMinimumHeight(160)
        for deputy_id, name in deputies:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, deputy_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.deputy_list.addItem(item)
        self.deputy_list.itemChanged.connect(self._options_changed)
        all_button = QPushButton(self.tr("全选"))
        all_button.setFlat(True)
        all_button.clicked.connect(lambda: self._check_all(True))
        none_button = QPushButton(self.tr("全不选"))
        none_button.setFlat(True)
        none_button.clicked.connect(lambda: self._check_all(False))
        left = QVBoxLayout()
        left.addWidget(self._section(self.tr("值班代表（按名单顺序轮流）")))
        left.addWidget(self.deputy_list, 1)
        picks = QHBoxLayout()
        picks.addWidget(all_button)
        picks.addSpacing(12)
        picks.addWidget(none_button)
        picks.addStretch(1)
        left.addLayout(picks)

        self.weekday_boxes: list[QCheckBox] = []
        weekdays = QGridLayout()
        weekdays.setHorizontalSpacing(14)
        for n, name in enumerate(weekday_names()):
            box = QCheckBox(name)
            box.setChecked(n == 2)  # 星期三
            box.toggled.connect(self._options_changed)
            self.weekday_boxes.append(box)
            weekdays.addWidget(box, n // 4, n % 4)
        self.half_boxes: dict[str, QCheckBox] = {}
        halves = QHBoxLayout()
        for code, name in half_names().items():
            box = QCheckBox(name)
            box.setChecked(code == "am")
            box.toggled.connect(self._options_changed)
            self.half_boxes[code] = box
            halves.addWidget(box)
        halves.addStretch(1)
        self.per_spin = QSpinBox()
        self.per_spin.setRange(1, 5)
        self.per_spin.setValue(1)
        self.per_spin.setSuffix(self.tr(" 人"))
        self.per_spin.valueChanged.connect(self._options_changed)
        per_row = QHBoxLayout()
        per_row.addWidget(self.per_spin)
        per_row.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._section(self.tr("星期")))
        right.addLayout(weekdays)
        right.addSpacing(6)
        right.addWidget(self._section(self.tr("时段")))
        right.addLayout(halves)
        right.addSpacing(6)
        right.addWidget(self._section(self.tr("每班人数")))
        right.addLayout(per_row)
        right.addSpacing(6)
        right.addWidget(self._section(self.tr("预览")))
        self.preview_label = QLabel(self.tr("点“预览”查看将要添加的班次。"))
        self.preview_label.setObjectName("hint")
        self.preview_label.setWordWrap(True)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview_label.setMinimumHeight(170)
        right.addWidget(self.preview_label)
        right.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(24)
        body.addLayout(left, 2)
        body.addLayout(right, 3)

        self.error_label = QLabel("")
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.preview_button = QPushButton(self.tr("预览"))
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("primary")
        self.save_button.setEnabled(False)  # only what was previewed is saved
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(button_row(self.cancel_button, self.preview_button, self.save_button))
        self.resize(660, 520)

    def _section(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionTitle")
        return label

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.deputy_list.count()):
            self.deputy_list.item(row).setCheckState(state)

    def deputy_ids(self) -> list[str]:
        """The checked deputies, in list order."""
        items = (self.deputy_list.item(row) for row in range(self.deputy_list.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def weekdays(self) -> list[int]:
        """The checked weekdays (0 = 星期一)."""
        return [n for n, box in enumerate(self.weekday_boxes) if box.isChecked()]

    def halves(self) -> list[str]:
        """The checked halves in the order 上午, 下午, 全天."""
        return [code for code, box in self.half_boxes.items() if box.isChecked()]

    def _options(self) -> tuple[int, int, list[str], list[int], list[str], int] | None:
        if not self.halves():
            self._error(self.tr("请至少选择一个时段。"))
            return None
        return (
            self.year,
            self.month,
            self.deputy_ids(),
            self.weekdays(),
            self.halves(),
            self.per_spin.value(),
        )

    @Slot()
    def _options_changed(self) -> None:
        self.save_button.setEnabled(False)
        if self.plan is not None:
            self.plan = None
            self.preview_label.setText(self.tr("设置已改动，请重新预览。"))

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _failed(self, exc: BaseException) -> None:
        field = exc.field if isinstance(exc, ValidationError) else None
        if field == "deputy_ids":
            self._error(self.tr("请至少选择一位值班代表。"))
        elif field == "weekdays":
            self._error(self.tr("请至少选择一天（星期几）。"))
        else:
            self._error(message_for(exc))

    @Slot()
    def preview(self) -> None:
        """How many shifts would be added, and the first of them (nothing saved)."""
        self.error_label.hide()
        options = self._options()
        if options is None:
            return
        ctx = self._ctx
        QueryOp(self, lambda: _plan(ctx, *options)).success(self._show_plan).failure(
            self._failed
        ).run_in_background()

    def _show_plan(self, plan: list[PlannedShift]) -> None:
        self.plan = plan
        self.save_button.setEnabled(bool(plan))
        if not plan:
            self.preview_label.setText(
                self.tr("没有需要添加的班次：所选日期已经排满，或这个月没有所选的星期几。")
            )
            return
        halves = half_names()
        lines = [
            self.tr("{day} {half} {name}").format(
                day=day_title(p.day), half=halves[p.half], name=self._names.get(p.deputy_id, "")
            )
            for p in plan[:PREVIEW_LINES]
        ]
        if len(plan) > PREVIEW_LINES:
            lines.append(self.tr("……"))
        head = self.tr("将添加 {n} 个班次：").format(n=len(plan))
        self.preview_label.setText("\n".join([head, *lines]))

    @Slot()
    def save(self) -> None:
        """Save exactly the rotation that was previewed, in one transaction."""
        self.error_label.hide()
        plan = self.plan
        if not plan:
            return
        ctx = self._ctx
        self.save_button.setEnabled(False)

        def done(count: int) -> None:
            emit(self.saved, count)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self._failed(exc)

        Op(self, lambda: _save_plan(ctx, plan), self._signals).success(done).failure(
            failed
        ).run_in_background()
