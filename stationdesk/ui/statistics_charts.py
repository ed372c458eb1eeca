"""The 统计报表 charts (QtCharts): a breakdown's horizontal bars and the monthly trend."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QResizeEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from stationdesk.ui.signals import emit

COLLECTED_COLOUR = QColor("#1a66c9")
RESOLVED_COLOUR = QColor("#43a047")
TOP_N = 8  # at most this many groups get a bar; the rest are summed into one (其余 N 项)
GROUP_PIXELS = 20  # the height a group's pair of bars needs for its name to show
CHART_FRAME = 110  # legend, value axis and margins of the breakdown chart
LABELLED_MONTHS = 8  # up to this many months the trend writes the values on its bars
NAME_CHARS = 9  # longer group names are shortened on the axis (the whole name in the tooltip)

# (name, collected, resolved)
Bar = tuple[str, int, int]


def top_with_other(rows: Sequence[Bar], top: int, other: str) -> list[Bar]:
    """The first `top` rows, and one more summing the rest when there are more.

    `other` may hold {n}, the number of groups summed (a category may itself be named 其他).
    """
    if len(rows) <= top + 1:
        return list(rows)
    rest = rows[top:]
    name = other.format(n=len(rest))
    return [*rows[:top], (name, sum(r[1] for r in rest), sum(r[2] for r in rest))]


def short_name(name: str, chars: int = NAME_CHARS) -> str:
    """A group's name cut to `chars` characters with …."""
    return name if len(name) <= chars else name[: chars - 1] + "…"


def _font(size_delta: float = 0, *, bold: bool = False) -> QFont:
    """The app font (our bundled CJK font), so chart text never shows boxes."""
    font = QFont(QApplication.font())
    if size_delta:
        font.setPointSizeF(font.pointSizeF() + size_delta)
    font.setBold(bold)
    return font


def _value_axis(top: int) -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setLabelsFont(_font(-1.5))
    axis.setRange(0, max(4, top))
    axis.applyNiceNumbers()
    axis.setMinorTickCount(0)
    axis.setGridLineColor(QColor("#e4e7eb"))
    return axis


def _bar_set(label: str, colour: QColor, values: Sequence[int]) -> QBarSet:
    bar_set = QBarSet(label)
    bar_set.setColor(colour)
    bar_set.setBorderColor(colour)
    bar_set.setLabelColor(QColor("#323f4b"))
    bar_set.setLabelFont(_font(-2))
    bar_set.append([float(v) for v in values])
    return bar_set


class _ChartView(QChartView):
    """A chart in our font, without animation, that says which bar was clicked."""

    # Emitted when a bar is clicked: (category index, "issues_collected" | "issues_resolved").
    bar_clicked = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.sets: list[QBarSet] = []
        self.categories: list[str] = []  # as on the axis
        self.full_names: list[str] = []  # the whole names, for tooltips
        self.setChart(self._new_chart())

    def _new_chart(self) -> QChart:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setTitleFont(_font(0.5, bold=True))
        legend = chart.legend()
        legend.setFont(_font(-1))
        legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        return chart

    def _fill(
        self,
        series: QAbstractBarSeries,
        names: list[str],
        collected: list[int],
        resolved: list[int],
        labels: tuple[str, str],
        *,
        values_on_bars: bool = True,
    ) -> tuple[QChart, QBarSet, QBarSet]:
        chart = self._new_chart()
        first = _bar_set(labels[0], COLLECTED_COLOUR, collected)
        second = _bar_set(labels[1], RESOLVED_COLOUR, resolved)
        series.append(first)
        series.append(second)
        series.setLabelsVisible(values_on_bars)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        first.clicked.connect(lambda i: emit(self.bar_clicked, i, "issues_collected"))
        second.clicked.connect(lambda i: emit(self.bar_clicked, i, "issues_resolved"))
        chart.addSeries(series)
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()
        self.sets = [first, second]
        self.categories = names
        self.full_names = list(names)
        for bar_set in (first, second):
            bar_set.hovered.connect(
                lambda status, index, bar_set=bar_set: self._hover(status, index, bar_set)
            )
        return chart, first, second

    def _hover(self, status: bool, index: int, bar_set: QBarSet) -> None:
        """The bar's group or month, series and value as a tooltip."""
        if status and 0 <= index < len(self.full_names):
            text = f"{self.full_names[index]}\n{bar_set.label()}：{int(bar_set.at(index))}"
            QToolTip.showText(QCursor.pos(), text, self)

    def values(self, which: int = 0) -> list[int]:
        """The values of bar set `which` (0 征集, 1 办结), in category order."""
        if not self.sets:
            return []
        bar_set = self.sets[which]
        return [int(bar_set.at(i)) for i in range(bar_set.count())]


class BreakdownChart(_ChartView):
    """Horizontal bars per group, largest at the top; after TOP_N the rest become one bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.top = TOP_N
        self._drawn: tuple[list[Bar], tuple[str, str], str] | None = None

    def fitting_top(self) -> int:
        """How many groups get their own bar at this height (3 to TOP_N)."""
        return max(3, min(TOP_N, (self.height() - CHART_FRAME) // GROUP_PIXELS - 1))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fewer bars when the chart is short, so every name on the axis stays readable."""
        super().resizeEvent(event)
        if self._drawn is not None and self.fitting_top() != self.top:
            self.show_rows(*self._drawn)

    def show_rows(self, rows: Sequence[Bar], labels: tuple[str, str], other: str) -> None:
        """Draw rows (largest first) with two bar sets named labels."""
        self._drawn = (list(rows), labels, other)
        self.top = self.fitting_top()
        shown = list(reversed(top_with_other(rows, self.top, other)))  # the axis grows upwards
        names = [short_name(r[0]) for r in shown]
        chart, _first, _second = self._fill(
            QHorizontalBarSeries(),
            names,
            [r[1] for r in shown],
            [r[2] for r in shown],
            labels,
            values_on_bars=False,  # the table beside has the numbers; labels crowd the bars
        )
        axis_y = QBarCategoryAxis()
        axis_y.append(names)
        axis_y.setLabelsFont(_font(-1))
        axis_y.setGridLineVisible(False)
        axis_y.setTruncateLabels(False)  # names are shortened above, never to "…" alone
        top = max([r[1] for r in shown] + [r[2] for r in shown] + [0])
        axis_x = _value_axis(int(top * 1.15) + 1)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        for series in chart.series():
            series.attachAxis(axis_y)
            series.attachAxis(axis_x)
        self.full_names = [r[0] for r in shown]

    def row_of(self, index: int) -> int | None:
        """The breakdown row behind bar `index` (None for the 其余 bar)."""
        count = len(self.categories)
        row = count - 1 - index
        return row if row < self.top else None


class TrendChart(_ChartView):
    """Issues collected and resolved per calendar month, side by side."""

    def show_months(
        self,
        months: Sequence[date],
        collected: Sequence[int],
        resolved: Sequence[int],
        labels: tuple[str, str],
        month_format: str,
        title: str = "",
    ) -> None:
        """Bars per month; month_format has {year} and {month} ("{month}月" within one year)."""
        names = [month_format.format(year=m.year, month=m.month) for m in months]
        chart, _first, _second = self._fill(
            QBarSeries(),
            names,
            list(collected),
            list(resolved),
            labels,
            values_on_bars=len(months) <= LABELLED_MONTHS,  # more would overlap; tooltips stay
        )
        chart.setTitle(title)
        axis_x = QBarCategoryAxis()
        axis_x.append(names)
        axis_x.setLabelsFont(_font(-1.5))
        axis_x.setGridLineVisible(False)
        axis_x.setTruncateLabels(False)
        top = max([*collected, *resolved, 0])
        axis_y = _value_axis(int(top * 1.15) + 1)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
