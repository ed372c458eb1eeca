"""The 统计报表 period bar: 月 / 季 / 年 / 自定义 with their pickers, and the period arithmetic."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from stationdesk.ui.signals import emit

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"
KINDS = (MONTH, QUARTER, YEAR, CUSTOM)


def month_span(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a calendar month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    """The first and last day of quarter 1–4."""
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_span(year, first + 2)[1]


def default_month(today: date) -> tuple[int, int]:
    """The last complete month: the one a clerk reports at the start of the next."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.year, last.month


def trend_span(start: date, end: date, today: date) -> tuple[date, date]:
    """The months the trend chart covers.

    A period within one month shows its year up to today's month (the whole year for a past
    year); a longer period shows itself.
    """
    if (end.year, end.month) != (start.year, start.month):
        return start, end
    year_end = date(start.year, 12, 31)
    if start.year == today.year:
        year_end = month_span(today.year, today.month)[1]
    return date(start.year, 1, 1), max(year_end, end)


def months_in(start: date, end: date) -> list[date]:
    """The first day of every month from start's month to end's."""
    out: list[date] = []
    day = start.replace(day=1)
    while day <= end:
        out.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return out


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PeriodBar(QWidget):
    """Pick a month, a quarter, a year or two dates; `changed` fires with the new period."""

    changed = Signal(object, object)  # start: date, end: date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_buttons = QButtonGroup(self)
        self.kind_buttons.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for n, (kind, text) in enumerate(
            ((MONTH, self.tr("月")), (QUARTER, self.tr("季")), (YEAR, self.tr("年")),
             (CUSTOM, self.tr("自定义")))
        ):  # fmt: skip
            button = QPushButton(text)
            button.setObjectName("periodKind")
            button.setCheckable(True)
            button.setProperty("kind", kind)
            self.kind_buttons.addButton(button, n)
            button.clicked.connect(lambda _c=False, n=n: self._on_kind(n))
            layout.addWidget(button)
        layout.addSpacing(10)
        self.previous_button = QPushButton("‹")
        self.previous_button.setObjectName("periodStep")
        self.previous_button.setToolTip(self.tr("上一期"))
        self.next_button = QPushButton("›")
        self.next_button.setObjectName("periodStep")
        self.next_button.setToolTip(self.tr("下一期"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setSuffix(self.tr(" 年"))
        self.month = QComboBox()
        for m in range(1, 13):
            self.month.addItem(self.tr("{m} 月").format(m=m), m)
        self.quarter = QComboBox()
        for q, text in enumerate(
            (self.tr("第一季度"), self.tr("第二季度"), self.tr("第三季度"), self.tr("第四季度")),
            start=1,
        ):
            self.quarter.addItem(text, q)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.custom = QWidget()
        custom_row = QHBoxLayout(self.custom)
        custom_row.setContentsMargins(0, 0, 0, 0)
        custom_row.setSpacing(4)
        custom_row.addWidget(self.date_from)
        custom_row.addWidget(QLabel(self.tr("至")))
        custom_row.addWidget(self.date_to)
        # One picker shows at a time: month, quarter, none (a year) or the two dates.
        self.pickers: tuple[QWidget | None, ...] = (self.month, self.quarter, None, self.custom)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.year)
        for picker in (self.month, self.quarter, self.custom):
            layout.addWidget(picker)
        layout.addWidget(self.next_button)
        self.span_label = QLabel("")
        self.span_label.setObjectName("hint")
        layout.addSpacing(8)
        layout.addWidget(self.span_label)
        layout.addStretch(1)
        self._quiet = False
        self._kind = MONTH
        self.today = date.today()  # the station clock (set by the page): kind switches stop here
        self.year.valueChanged.connect(self._emit)
        self.month.currentIndexChanged.connect(self._emit)
        self.quarter.currentIndexChanged.connect(self._emit)
        self.date_from.dateChanged.connect(self._emit)
        self.date_to.dateChanged.connect(self._emit)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.set_month(2000, 1)

    # --- setting --------------------------------------------------------------------------

    def kind(self) -> str:
        """month, quarter, year or custom."""
        return self._kind

    def set_month(self, year: int, month: int) -> None:
        """Show a calendar month (quietly: no `changed`)."""
        self._set(MONTH, year, month=month)

    def set_quarter(self, year: int, quarter: int) -> None:
        """Show a quarter (quietly)."""
        self._set(QUARTER, year, quarter=quarter)

    def set_year(self, year: int) -> None:
        """Show a calendar year (quietly)."""
        self._set(YEAR, year)

    def set_custom(self, start: date, end: date) -> None:
        """Show two dates (quietly)."""
        self._set(CUSTOM, start.year, custom=(start, end))

    def _set(
        self,
        kind: str,
        year: int,
        *,
        month: int | None = None,
        quarter: int | None = None,
        custom: tuple[date, date] | None = None,
    ) -> None:
        self._quiet = True
        self._kind = kind
        try:
            self.kind_buttons.button(KINDS.index(kind)).setChecked(True)
            for n, picker in enumerate(self.pickers):
                if picker is not None:
                    picker.setVisible(n == KINDS.index(kind))
            self.year.setVisible(kind != CUSTOM)
            self.year.setValue(year)
            if month is not None:
                self.month.setCurrentIndex(month - 1)
            if quarter is not None:
                self.quarter.setCurrentIndex(quarter - 1)
            if custom is not None:
                self.date_from.setDate(_qdate(custom[0]))
                self.date_to.setDate(_qdate(custom[1]))
        finally:
            self._quiet = False
        self._show_span()

    # --- reading --------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        """The chosen period, both days included."""
        kind, year = self.kind(), self.year.value()
        if kind == MONTH:
            return month_span(year, int(self.month.currentData()))
        if kind == QUARTER:
            return quarter_span(year, int(self.quarter.currentData()))
        if kind == YEAR:
            return date(year, 1, 1), date(year, 12, 31)
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def step(self, delta: int) -> None:
        """Move to the previous (-1) or next (+1) month, quarter, year or equal custom span."""
        kind, year = self.kind(), self.year.value()
        if kind == MONTH:
            n = year * 12 + int(self.month.currentData()) - 1 + delta
            self._set(MONTH, n // 12, month=n % 12 + 1)
        elif kind == QUARTER:
            n = year * 4 + int(self.quarter.currentData()) - 1 + delta
            self._set(QUARTER, n // 4, quarter=n % 4 + 1)
        elif kind == YEAR:
            self._set(YEAR, year + delta)
        else:
            start, end = self.period()
            days = timedelta(days=((end - start).days + 1) * delta)
            self._set(CUSTOM, (start + days).year, custom=(start + days, end + days))
        self._emit()

    # --- reacting -------------------------------------------------------------------------

    @Slot(int)
    def _on_kind(self, index: int) -> None:
        """A new kind keeps the period in view: its last month, quarter or year, or its dates."""
        start, end = self.period()  # still the period of the kind shown so far
        end = max(start, min(end, self.today))
        kind = KINDS[index]
        if kind == MONTH:
            self._set(MONTH, end.year, month=end.month)
        elif kind == QUARTER:
            self._set(QUARTER, end.year, quarter=(end.month - 1) // 3 + 1)
        elif kind == YEAR:
            self._set(YEAR, end.year)
        else:
            self._set(CUSTOM, start.year, custom=(start, end))
        self._emit()

    def _show_span(self) -> None:
        start, end = self.period()
        if end < start:
            self.span_label.setText(self.tr("结束日期早于开始日期"))
            return
        self.span_label.setText(
            self.tr("{start} 至 {end}，共 {days} 天").format(
                start=start.isoformat(), end=end.isoformat(), days=(end - start).days + 1
            )
        )

    @Slot()
    def _emit(self) -> None:
        if self._quiet:
            return
        self._show_span()
        start, end = self.period()
        emit(self.changed, start, end)
