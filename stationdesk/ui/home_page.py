"""The home page (今日): today's figures as large tiles, refreshed when a ChangeSet touches them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from stationdesk.ui.formatting import long_date
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import QueryOp
from stationdesk.ui.theme import set_alert

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.dto import TodayOverview

# Tables whose changes can move a figure on this page.
FIGURE_ENTITIES = ("visit", "case_record", "case_event", "station")


def load_overview(ctx: ServiceContext) -> TodayOverview:
    """Today's figures; runs on the DB thread (the service import stays off the GUI thread)."""
    from stationdesk.services.overview import today_overview

    return today_overview(ctx)


class FigureTile(QFrame):
    """One figure: its caption, the big number, and a hint saying what is counted."""

    def __init__(self, caption: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setMinimumSize(150, 128)  # four in a row fit a 1024×768 screen
        self.caption_label = QLabel(caption)
        self.caption_label.setObjectName("tileCaption")
        self.value_label = QLabel("—")
        self.value_label.setObjectName("tileValue")
        self.value_label.setIndent(0)  # a styled QLabel would indent by half an "x"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 14, 22, 14)
        layout.setSpacing(0)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.value_label)
        hint_label = QLabel(hint)
        hint_label.setObjectName("tileHint")
        hint_label.setWordWrap(True)
        layout.addWidget(hint_label)
        layout.addStretch(1)

    def set_value(self, value: int, *, alert: bool = False) -> None:
        """Show value; alert turns the number red."""
        self.value_label.setText(str(value))
        set_alert(self.value_label, alert)


class HomePage(QWidget):
    """Today's work at a glance; call attach(ctx) once the station is open."""

    # Emitted on the GUI thread each time new figures have been put on screen.
    figures_shown = Signal()

    def __init__(self, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx: ServiceContext | None = None
        self.overview: TodayOverview | None = None

        title = QLabel(self.tr("今日概况"))
        title.setObjectName("pageTitle")
        self.date_label = QLabel("")
        self.date_label.setObjectName("pageSubtitle")

        self.tiles = {
            "visits": FigureTile(self.tr("今日接待"), self.tr("批次来访")),
            "residents": FigureTile(self.tr("接待群众人次"), self.tr("来访群众人数合计")),
            "issues": FigureTile(self.tr("今日登记问题"), self.tr("含当场答复的问题")),
            "closed": FigureTile(self.tr("今日办结"), self.tr("今天办结的问题")),
            "open_cases": FigureTile(self.tr("办理中"), self.tr("已交办，尚未办结")),
            "overdue": FigureTile(self.tr("超期"), self.tr("超过办理期限仍未办结")),
            "awaiting_callback": FigureTile(self.tr("待回访"), self.tr("已办结，尚未回访群众")),
        }

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(self.date_label)
        layout.addSpacing(18)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        rows = (
            (self.tr("今日工作"), ["visits", "residents", "issues", "closed"]),
            (self.tr("办理情况"), ["open_cases", "overdue", "awaiting_callback"]),
        )
        for index, (section, keys) in enumerate(rows):
            label = QLabel(section)
            label.setObjectName("sectionTitle")
            if index:
                label.setContentsMargins(0, 14, 0, 0)
            grid.addWidget(label, 2 * index, 0, 1, 4)
            for column, key in enumerate(keys):
                grid.addWidget(self.tiles[key], 2 * index + 1, column)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)
        layout.addStretch(1)

        signals.changes.connect(self._on_changes)
        # "今日" must follow the calendar when the app stays open past midnight.
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(60_000)
        self._day_timer.timeout.connect(self._check_day)

    def attach(self, ctx: ServiceContext, overview: TodayOverview | None = None) -> None:
        """Bind to an open station; show overview at once when start-up already loaded it."""
        self._ctx = ctx
        self._day_timer.start()
        if overview is not None:
            self.show_overview(overview)
        else:
            self.refresh()

    def refresh(self) -> None:
        """Reload today's figures on the DB thread."""
        ctx = self._ctx
        if ctx is None:
            return
        QueryOp(self, lambda: load_overview(ctx)).success(self.show_overview).run_in_background()

    def show_overview(self, overview: TodayOverview) -> None:
        """Put the figures on the tiles (GUI thread)."""
        self.overview = overview
        self.date_label.setText(long_date(overview.day))
        for key, tile in self.tiles.items():
            value = getattr(overview, key)
            tile.set_value(value, alert=key == "overdue" and value > 0)
        emit(self.figures_shown)

    @Slot(object)
    def _on_changes(self, changes: ChangeSet) -> None:
        if changes.touches(*FIGURE_ENTITIES):
            self.refresh()

    @Slot()
    def _check_day(self) -> None:
        if self.overview is not None and self.overview.day != date.today():
            self.refresh()

    def tile_text(self, key: str) -> str:
        """The number shown on a tile (for tests and accessibility)."""
        return self.tiles[key].value_label.text()
