"""履职档案: each deputy's figures against the quotas, their 履职活动, the rules, and the PDFs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.permissions import Action, allowed
from stationdesk.ui.dialogs import NoteDialog, button_row
from stationdesk.ui.errors import message_for
from stationdesk.ui.form_fields import hinted_field
from stationdesk.ui.formatting import deputy_status_name
from stationdesk.ui.signals import AppSignals
from stationdesk.ui.tasks import Op, QueryOp
from stationdesk.ui.theme import show_message

if TYPE_CHECKING:
    from stationdesk.services.activities import ActivityInput, ActivityView
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.performance import DeputyRecord, Rule

MET = QColor("#2e7d32")
SHORT = QColor("#b26a00")


@dataclass(frozen=True, slots=True)
class PerformanceView:
    """The period's records and the activities shown under them."""

    start: date
    end: date
    records: list[DeputyRecord]
    activities: list[ActivityView]


def _load(ctx: ServiceContext, start: date, end: date, deputy_id: str | None) -> PerformanceView:
    from stationdesk.services.performance import performance

    records = performance(ctx, start, end)
    return PerformanceView(start, end, records, _activities(ctx, start, end, deputy_id))


def _activities(
    ctx: ServiceContext, start: date, end: date, deputy_id: str | None
) -> list[ActivityView]:
    from stationdesk.services.activities import list_activities

    return list_activities(ctx, start, end, deputy_id) if deputy_id else []


def _add_activity(ctx: ServiceContext, data: ActivityInput) -> tuple[str, ChangeSet]:
    from stationdesk.services.activities import add_activity

    return add_activity(ctx, data)


def _remove_activity(ctx: ServiceContext, activity_id: str, reason: str) -> ChangeSet:
    from stationdesk.services.activities import remove_activity

    return remove_activity(ctx, activity_id, reason)


def _rules(ctx: ServiceContext) -> tuple[Rule, ...]:
    from stationdesk.services.performance import rules

    return rules(ctx)


def _save_rules(ctx: ServiceContext, new: list[Rule] | None) -> None:
    from stationdesk.services.performance import save_rules

    save_rules(ctx, new)


def period_of(year: int, part: str) -> tuple[date, date]:
    """全年, 上半年, 下半年 or a quarter of `year` as dates."""
    spans = {
        "year": ((1, 1), (12, 31)),
        "h1": ((1, 1), (6, 30)),
        "h2": ((7, 1), (12, 31)),
        "q1": ((1, 1), (3, 31)),
        "q2": ((4, 1), (6, 30)),
        "q3": ((7, 1), (9, 30)),
        "q4": ((10, 1), (12, 31)),
    }
    (m1, d1), (m2, d2) = spans[part]
    return date(year, m1, d1), date(year, m2, d2)


def short_label(item: str) -> str:
    """A column header short enough for twelve columns on a 1024-pixel screen."""
    labels = {
        "duty_attendances": QCoreApplication.translate("PerformancePage", "进站履职"),
        "residents_received": QCoreApplication.translate("PerformancePage", "接待群众"),
        "issues_taken_up": QCoreApplication.translate("PerformancePage", "收集问题"),
        "suggestions_formed": QCoreApplication.translate("PerformancePage", "形成建议"),
        "inspection": QCoreApplication.translate("PerformancePage", "监督检查"),
    }
    return labels.get(item) or activity_kind_name(item)


def activity_kind_name(kind: str) -> str:
    """走访企业 … for an activity kind (the UI's words, translated)."""
    names = {
        "enterprise_visit": QCoreApplication.translate("PerformancePage", "走访企业"),
        "resident_visit": QCoreApplication.translate("PerformancePage", "走访群众"),
        "research": QCoreApplication.translate("PerformancePage", "调研"),
        "publicity": QCoreApplication.translate("PerformancePage", "宣讲"),
        "inspection": QCoreApplication.translate("PerformancePage", "监督/执法检查"),
        "other": QCoreApplication.translate("PerformancePage", "其他"),
    }
    return names.get(kind, kind)


def item_name(item: str) -> str:
    """The full name of a scored item, with its unit, e.g. 接待群众（人次）."""
    units = {
        "duty_attendances": QCoreApplication.translate("PerformancePage", "{item}（次）"),
        "residents_received": QCoreApplication.translate("PerformancePage", "{item}（人次）"),
        "issues_taken_up": QCoreApplication.translate("PerformancePage", "{item}（件）"),
        "suggestions_formed": QCoreApplication.translate("PerformancePage", "{item}（件）"),
    }
    full = {
        "issues_taken_up": QCoreApplication.translate("PerformancePage", "收集反映问题"),
        "suggestions_formed": QCoreApplication.translate("PerformancePage", "形成代表建议"),
        "inspection": activity_kind_name("inspection"),
    }
    name = full.get(item, short_label(item))
    unit = units.get(item, QCoreApplication.translate("PerformancePage", "{item}（次）"))
    return unit.format(item=name)


def points_text(value: float) -> str:
    """2.0 → 2, 1.5 → 1.5."""
    return f"{value:g}"


class ActivityDialog(QDialog):
    """登记履职活动 for a deputy."""

    def __init__(
        self, deputies: list[tuple[str, str]], chosen: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记履职活动"))
        self.deputy = QComboBox()
        for deputy_id, name in deputies:
            self.deputy.addItem(name, deputy_id)
        if chosen:
            self.deputy.setCurrentIndex(max(0, self.deputy.findData(chosen)))
        self.kind = QComboBox()
        for key in ("enterprise_visit", "resident_visit", "research", "publicity",
                    "inspection", "other"):  # fmt: skip
            self.kind.addItem(activity_kind_name(key), key)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate.currentDate())
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("如：红旗机械厂"))
        self.people = QSpinBox()
        self.people.setRange(0, 100000)
        self.people.setSuffix(self.tr(" 人"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("了解到的情况、解决的问题（选填）"))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label, editor in (
            ("deputy_id", self.tr("代表"), self.deputy),
            ("kind", self.tr("类别"), self.kind),
            ("occurred_on", self.tr("日期"), self.day),
            ("place", self.tr("地点"), self.place),
            ("people_reached", self.tr("联系群众"), self.people),
            ("note", self.tr("说明"), self.note),
        ):
            box, error = hinted_field(editor)
            self.errors[key] = error
            form.addRow(label, box)
        self.message = QLabel("")
        self.message.setObjectName("formError")
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("primary")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(button_row(cancel, self.save_button))
        self.resize(460, 0)

    def value(self) -> ActivityInput:
        """The form as the service takes it."""
        from stationdesk.services.activities import ActivityInput

        return ActivityInput(
            deputy_id=str(self.deputy.currentData() or ""),
            kind=str(self.kind.currentData()),
            occurred_on=self.day.date().toPython(),
            place=self.place.text(),
            note=self.note.text(),
            people_reached=self.people.value(),
        )

    def show_error(self, exc: BaseException) -> None:
        """Under the field when the service named one, else below the form."""
        for label in self.errors.values():
            label.hide()
        field = exc.field if isinstance(exc, ValidationError) else None
        if field in self.errors:
            self.errors[field].setText(message_for(exc))
            self.errors[field].show()
        else:
            self.message.setText(message_for(exc))


class RulesDialog(QDialog):
    """积分规则: each item's annual quota (0 = none) and points, kept as data."""

    def __init__(self, rules: tuple[Rule, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("履职积分规则"))
        self.reset_to_defaults = False
        self.table = QTableWidget(len(rules), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("项目"), self.tr("年度任务（0 为不设）"), self.tr("每项积分")]
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)  # room for the spin boxes
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.items = [r.item for r in rules]
        for row, rule in enumerate(rules):
            label = QTableWidgetItem(item_name(rule.item))
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, label)
            quota = QSpinBox()
            quota.setRange(0, 10000)
            quota.setValue(rule.quota or 0)
            self.table.setCellWidget(row, 1, quota)
            points = QDoubleSpinBox()
            points.setRange(0, 1000)
            points.setDecimals(1)
            points.setSingleStep(0.5)
            points.setValue(rule.points)
            self.table.setCellWidget(row, 2, points)
        hint = QLabel(
            self.tr(
                "默认值按洛阳市要求：每年走访企业不少于 5 次、接待群众不少于 10 人次、"
                "形成建议不少于 6 件。年度任务按所选期间的长短折算。"
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        defaults = QPushButton(self.tr("恢复默认"))
        defaults.clicked.connect(self._defaults)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.reject)
        save = QPushButton(self.tr("保存"))
        save.setObjectName("primary")
        save.clicked.connect(self.accept)
        buttons = button_row(cancel, save)
        buttons.insertWidget(0, defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        self.resize(580, 560)

    def _defaults(self) -> None:
        self.reset_to_defaults = True
        self.accept()

    def value(self) -> list[Rule] | None:
        """The rules as typed, or None for 恢复默认."""
        from stationdesk.services.performance import Rule

        if self.reset_to_defaults:
            return None
        out = []
        for row, item in enumerate(self.items):
            quota = self.table.cellWidget(row, 1)
            points = self.table.cellWidget(row, 2)
            assert isinstance(quota, QSpinBox) and isinstance(points, QDoubleSpinBox)
            out.append(Rule(item, quota.value() or None, points.value()))
        return out


class PerformancePage(QWidget):
    """The station's 履职档案 for a period; clerks record activities, admins set the rules."""

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("performancePage")
        self._signals = signals
        self._ctx: ServiceContext | None = None
        self.view: PerformanceView | None = None
        self.dialog: QDialog | None = None
        title = QLabel(self.tr("履职档案"))
        title.setObjectName("pageTitle")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setSuffix(self.tr(" 年"))
        self.part = QComboBox()
        for key, text in (
            ("year", self.tr("全年")), ("h1", self.tr("上半年")), ("h2", self.tr("下半年")),
            ("q1", self.tr("第一季度")), ("q2", self.tr("第二季度")),
            ("q3", self.tr("第三季度")), ("q4", self.tr("第四季度")),
        ):  # fmt: skip
            self.part.addItem(text, key)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.part.currentIndexChanged.connect(lambda _i: self.refresh())
        self.sheet_button = QPushButton(self.tr("打印履职档案…"))
        self.sheet_button.clicked.connect(self.print_sheet)
        self.summary_button = QPushButton(self.tr("打印汇总表…"))
        self.summary_button.clicked.connect(self.print_summary)
        self.rules_button = QPushButton(self.tr("积分规则…"))
        self.rules_button.clicked.connect(self.edit_rules)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.year)
        top.addWidget(self.part)
        top.addStretch(1)
        top.addWidget(self.rules_button)
        top.addWidget(self.summary_button)
        top.addWidget(self.sheet_button)

        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self.refresh_activities)
        self.hint = QLabel(
            self.tr(
                "进站履职：值班签到的班次；接待群众：代表参与接待的来访人数合计；收集反映问题："
                "这些来访登记的问题及代表领办的问题；形成代表建议：建议的形成日期在期间内。"
                "“完成/任务”达到任务数显示为绿色。"
            )
        )
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)

        self.activities_title = QLabel(self.tr("履职活动"))
        self.activities_title.setObjectName("sectionTitle")
        self.add_activity_button = QPushButton(self.tr("登记履职活动…"))
        self.add_activity_button.setObjectName("primary")
        self.add_activity_button.clicked.connect(self.add_activity)
        self.remove_activity_button = QPushButton(self.tr("删除所选活动…"))
        self.remove_activity_button.clicked.connect(self.remove_activity)
        activity_bar = QHBoxLayout()
        activity_bar.addWidget(self.activities_title)
        activity_bar.addStretch(1)
        activity_bar.addWidget(self.remove_activity_button)
        activity_bar.addWidget(self.add_activity_button)
        self.activities = QTableWidget(0, 5)
        self.activities.setHorizontalHeaderLabels(
            [
                self.tr("日期"),
                self.tr("类别"),
                self.tr("地点"),
                self.tr("联系群众"),
                self.tr("说明"),
            ]
        )
        self.activities.verticalHeader().hide()
        self.activities.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activities.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.activities.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.activities.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.message = QLabel("")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.hint)
        layout.addLayout(activity_bar)
        layout.addWidget(self.activities, 2)
        layout.addWidget(self.message)
        signals.changes.connect(self._on_changes)

    def attach(self, ctx: ServiceContext) -> None:
        """Bind to the signed-in user; rules are the admin's, activities clerks' and admins'."""
        self._ctx = ctx
        self.year.setValue(ctx.clock().year)
        self.rules_button.setVisible(allowed(ctx.actor.role, Action.CONFIGURE))
        can_edit = allowed(ctx.actor.role, Action.EDIT_ROSTER)
        self.add_activity_button.setVisible(can_edit)
        self.remove_activity_button.setVisible(can_edit)
        self.refresh()

    def detach(self) -> None:
        """Signed out."""
        self._ctx = None
        self.view = None
        self.table.setRowCount(0)
        self.activities.setRowCount(0)

    def _on_changes(self, changes: ChangeSet) -> None:
        touched = ("deputy", "deputy_activity", "attendance", "visit", "case_record", "settings")
        if self._ctx is not None and changes.touches(*touched):
            self.refresh()

    def period(self) -> tuple[date, date]:
        """The chosen period."""
        return period_of(self.year.value(), str(self.part.currentData()))

    def selected_id(self) -> str | None:
        """The selected deputy."""
        rows = self.table.selectionModel().selectedRows()
        if self.view is None or not rows or rows[0].row() >= len(self.view.records):
            return None
        return self.view.records[rows[0].row()].deputy_id

    def refresh(self) -> None:
        """Reload figures (and the selected deputy's activities) on the DB thread."""
        ctx = self._ctx
        if ctx is None:
            return
        start, end = self.period()
        chosen = self.selected_id()
        QueryOp(self, lambda: _load(ctx, start, end, chosen)).success(self._show).failure(
            self._failed
        ).run_in_background()

    def refresh_activities(self) -> None:
        """The chosen deputy's activities only (a row click does not recount the station)."""
        ctx, view = self._ctx, self.view
        if ctx is None or view is None:
            return
        chosen = self.selected_id()

        def show(activities: list[ActivityView]) -> None:
            if self.view is view:
                self.view = PerformanceView(view.start, view.end, view.records, activities)
                self._fill_activities(self.view)

        QueryOp(self, lambda: _activities(ctx, view.start, view.end, chosen)).success(show).failure(
            self._failed
        ).run_in_background()

    def _show(self, view: PerformanceView) -> None:
        same_rows = self.view is not None and [r.deputy_id for r in self.view.records] == [
            r.deputy_id for r in view.records
        ]
        self.view = view
        if not same_rows or self.table.columnCount() == 0:
            self._fill_table(view)
        else:
            self._fill_cells(view)
        self._fill_activities(view)

    def _fill_table(self, view: PerformanceView) -> None:
        chosen = self.selected_id()
        self.table.blockSignals(True)
        items = [i.item for i in view.records[0].items] if view.records else []
        headers = [self.tr("代表"), self.tr("积分"), *(short_label(i) for i in items)]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        for col, item in enumerate(items, start=2):
            self.table.horizontalHeaderItem(col).setToolTip(item_name(item))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setRowCount(len(view.records))
        self._fill_cells(view)
        for row, rec in enumerate(view.records):
            if rec.deputy_id == chosen:
                self.table.selectRow(row)
        self.table.blockSignals(False)

    def _fill_cells(self, view: PerformanceView) -> None:
        for row, rec in enumerate(view.records):
            name = rec.name
            if rec.status != "serving":
                name = f"{name}（{deputy_status_name(rec.status)}）"
            cells: list[tuple[str, QColor | None]] = [
                (name, None),
                (points_text(rec.total_points), None),
            ]
            for score in rec.items:
                if score.quota:
                    cells.append((f"{score.count}/{score.quota}", MET if score.met else SHORT))
                else:
                    cells.append((str(score.count), None))
            for col, (text, colour) in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col == 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if colour is not None:
                    item.setForeground(QBrush(colour))
                self.table.setItem(row, col, item)

    def _fill_activities(self, view: PerformanceView) -> None:
        chosen = next((r for r in view.records if r.deputy_id == self.selected_id()), None)
        self.activities_title.setText(
            self.tr("{name} 的履职活动（{n}）").format(name=chosen.name, n=len(view.activities))
            if chosen
            else self.tr("履职活动（请在上表选择一位代表）")
        )
        self.activities.setRowCount(len(view.activities))
        for row, a in enumerate(view.activities):
            cells = (a.occurred_on.isoformat(), activity_kind_name(a.kind), a.place or "",
                     str(a.people_reached), a.note or "")  # fmt: skip
            for col, text in enumerate(cells):
                self.activities.setItem(row, col, QTableWidgetItem(text))

    def _failed(self, exc: BaseException) -> None:
        show_message(self.message, message_for(exc), error=True)

    def _done(self, text: str) -> None:
        show_message(self.message, text)

    # --- actions ------------------------------------------------------------------------------

    @Slot()
    def add_activity(self) -> None:
        """登记履职活动 (the selected deputy preselected)."""
        ctx, view = self._ctx, self.view
        if ctx is None or view is None:
            return
        serving = [(r.deputy_id, r.name) for r in view.records if r.status == "serving"]
        dialog = ActivityDialog(serving, self.selected_id(), self)
        self.dialog = dialog

        def save() -> None:
            data = dialog.value()
            dialog.save_button.setEnabled(False)  # a double click records one activity

            def saved(_r: object) -> None:
                dialog.accept()
                self._done(self.tr("已登记履职活动。"))

            def failed(exc: BaseException) -> None:
                dialog.save_button.setEnabled(True)
                dialog.show_error(exc)

            Op(self, lambda: _add_activity(ctx, data), self._signals).success(saved).failure(
                failed
            ).run_in_background()

        dialog.save_button.clicked.connect(save)
        dialog.open()

    @Slot()
    def remove_activity(self) -> None:
        """删除 the selected activity, with a reason (refused without one; the dialog stays)."""
        ctx, view = self._ctx, self.view
        rows = self.activities.selectionModel().selectedRows()
        if ctx is None or view is None or not rows:
            return
        activity = view.activities[rows[0].row()]
        dialog = NoteDialog(
            self.tr("删除履职活动"),
            self.tr("删除这条履职活动记录（原记录保留备查）。"),
            self.tr("删除原因"),
            self.tr("删除"),
            placeholder=self.tr("必填，例如：重复录入"),
            parent=self,
        )

        def removed(_r: object) -> None:
            dialog.accept()
            self._done(self.tr("已删除这条活动记录。"))

        def remove() -> None:
            reason = dialog.text()
            Op(self, lambda: _remove_activity(ctx, activity.id, reason), self._signals).success(
                removed
            ).failure(lambda exc: dialog.show_error(message_for(exc))).run_in_background()

        dialog.submitted.connect(remove)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def edit_rules(self) -> None:
        """积分规则 (admins)."""
        ctx = self._ctx
        if ctx is None:
            return

        def show(result: tuple[Rule, ...]) -> None:
            dialog = RulesDialog(result, parent=self)
            self.dialog = dialog

            def save() -> None:
                new = dialog.value()
                Op(self, lambda: _save_rules(ctx, new), self._signals).success(
                    lambda _r: (self._done(self.tr("积分规则已保存。")), self.refresh())
                ).failure(self._failed).run_in_background()

            dialog.accepted.connect(save)
            dialog.open()

        QueryOp(self, lambda: _rules(ctx)).success(show).failure(self._failed).run_in_background()

    @Slot()
    def print_sheet(self) -> None:
        """打印履职档案 of the selected deputy (a PDF per deputy)."""
        from stationdesk.ui.document_output import offer_pdf

        ctx, deputy_id = self._ctx, self.selected_id()
        if ctx is None:
            return
        if deputy_id is None:
            show_message(self.message, error=True, text=self.tr("请先在上表选择一位代表。"))
            return
        start, end = self.period()
        offer_pdf(self, ctx, "performance_sheet", start=start, end=end, deputy_id=deputy_id)

    @Slot()
    def print_summary(self) -> None:
        """打印汇总表 of every deputy for the period."""
        from stationdesk.ui.document_output import offer_pdf

        ctx = self._ctx
        if ctx is None:
            return
        start, end = self.period()
        offer_pdf(self, ctx, "performance_summary", start=start, end=end)
