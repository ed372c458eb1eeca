"""The 统计报表 figure cards, their written definitions (统计口径) and how numbers are shown."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.figures import FIGURE_BY_KEY
from stationdesk.services.statistics_documents import format_figure
from stationdesk.ui.dialogs import button_row
from stationdesk.ui.signals import emit

# The report's nine figures in the order of the county's form (services.statistics.REPORT_KEYS).
FIGURE_KEYS = (
    "deputy_attendances",
    "residents_received",
    "issues_collected",
    "issues_resolved",
    "resolution_rate",
    "satisfaction_rate",
    "suggestions_formed",
    "reopened",
    "overdue",
)
RATE_KEYS = ("resolution_rate", "satisfaction_rate")
NOTHING = "—"
INFO = "ⓘ"
# A report key's Chinese name and written definition, as statistics.definitions(ctx) gives them.
Definitions = dict[str, tuple[str, str]]


def default_definitions() -> Definitions:
    """domain.figures' names and definitions: the default rules.

    Shown until the station's own have been read (statistics.definitions: a station may count
    满意率 otherwise).
    """
    from stationdesk.services.statistics import REPORT_KEYS

    return {
        key: (
            FIGURE_BY_KEY[REPORT_KEYS[key]].name_zh,
            FIGURE_BY_KEY[REPORT_KEYS[key]].definition_zh,
        )
        for key in FIGURE_KEYS
    }


def figure_text(value: int | Fraction | None) -> str:
    """1234, a rate as 85.37%, or — when there was nothing to divide."""
    if value is None:
        return NOTHING
    if isinstance(value, Fraction):
        return format_figure(value)  # the paper's rounding: exact, halves up
    return f"{value:,}"


def unit_text(key: str) -> str:
    """What a figure counts: 人次, 条, 件 (rates show their parts in the tooltip instead)."""
    units = {
        "deputy_attendances": QCoreApplication.translate("StatisticsPage", "人次"),
        "residents_received": QCoreApplication.translate("StatisticsPage", "人次"),
        "issues_collected": QCoreApplication.translate("StatisticsPage", "条"),
        "issues_resolved": QCoreApplication.translate("StatisticsPage", "件"),
        "suggestions_formed": QCoreApplication.translate("StatisticsPage", "件"),
        "reopened": QCoreApplication.translate("StatisticsPage", "件"),
        "overdue": QCoreApplication.translate("StatisticsPage", "件"),
    }
    return units.get(key, "")


class FigureCard(QFrame):
    """One figure: its name with ⓘ (the definition as tooltip), the number, click to drill."""

    clicked = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("figureCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.caption = QLabel("")
        self.caption.setObjectName("figureCaption")
        self.info = QLabel(INFO)
        self.info.setObjectName("figureInfo")
        self.info.setCursor(Qt.CursorShape.WhatsThisCursor)
        self.value = QLabel(NOTHING)
        self.value.setObjectName("figureValue")
        self.unit = QLabel(unit_text(key))
        self.unit.setObjectName("figureUnit")
        self.set_definition(*default_definitions()[key])
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.caption)
        top.addWidget(self.info)
        top.addStretch(1)
        number = QHBoxLayout()
        number.setSpacing(4)
        number.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBottom)
        number.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBottom)
        number.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 12, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(number)

    def set_definition(self, name: str, text: str) -> None:
        """The figure's name, and its definition behind ⓘ and on the whole card."""
        self.caption.setText(name)
        self.info.setToolTip(text)
        self.setToolTip(self.tr("{definition}\n点击查看明细").format(definition=text))

    def show_value(self, value: int | Fraction | None) -> None:
        """The number as the clerk reads it."""
        self.value.setText(figure_text(value))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click opens the list behind the number."""
        if event.button() == Qt.MouseButton.LeftButton:
            emit(self.clicked, self.key)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or space opens it too."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            emit(self.clicked, self.key)
            return
        super().keyPressEvent(event)


class DefinitionsDialog(QDialog):
    """统计口径: every figure's written definition, as this station counts it."""

    def __init__(
        self,
        definitions: Definitions,
        parent: QWidget | None = None,
        *,
        rule: str | None = None,
        on_rule: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_rule = on_rule
        self.rule_combo: QComboBox | None = None
        self.setObjectName("definitionsDialog")
        self.setWindowTitle(self.tr("统计口径"))
        self.resize(640, 620)
        body = QWidget()
        rows = QVBoxLayout(body)
        rows.setContentsMargins(4, 4, 12, 4)
        rows.setSpacing(10)
        intro = QLabel(
            self.tr(
                "各项数字按发生日期计入统计期间：以后再有重新督办或更正，不会改动已经报出的"
                "期间的数字。合并的重复问题只计主件。"
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        rows.addWidget(intro)
        self.texts: dict[str, str] = {}
        for key in FIGURE_KEYS:
            figure_name, definition = definitions[key]
            name = QLabel(figure_name)
            name.setObjectName("sectionTitle")
            text = QLabel(definition)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.texts[key] = definition
            rows.addWidget(name)
            rows.addWidget(text)
        groups = QLabel(
            self.tr(
                "分类统计：每组的征集件数是期内登记的问题（被合并件不计），办结件数是首次办结"
                "在期内的问题；没有填写该项的问题计入“（未填）”。按代表统计时，计代表参与接待"
                "的来访登记的问题和代表领办的问题，同一问题可计入多位代表。"
            )
        )
        groups.setWordWrap(True)
        groups.setObjectName("hint")
        rows.addWidget(groups)
        rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        if on_rule is not None:  # the admin's choice stays in view below the definitions
            layout.addLayout(self._rule_row(rule))
        layout.addLayout(button_row(close))

    def _rule_row(self, rule: str | None) -> QHBoxLayout:
        """满意率口径 for the station's admin: what counts as satisfied."""
        combo = QComboBox()
        combo.addItem(self.tr("满意 + 基本满意（默认）"), "satisfied_or_basically")
        combo.addItem(self.tr("仅满意（基本满意不计入）"), "satisfied_only")
        combo.setCurrentIndex(max(0, combo.findData(rule or "satisfied_or_basically")))
        self.rule_combo = combo
        save = QPushButton(self.tr("保存口径"))
        save.clicked.connect(self.save_rule)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("本站满意率计入：")))
        row.addWidget(combo, 1)
        row.addWidget(save)
        return row

    @Slot()
    def save_rule(self) -> None:
        """Hand the chosen 满意率 rule to the page (it saves, audits and recounts)."""
        if self._on_rule is not None and self.rule_combo is not None:
            self._on_rule(str(self.rule_combo.currentData()))
            self.accept()
