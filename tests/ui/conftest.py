"""UI test fixtures: offscreen Qt, the synchronous task runner, a temp data dir per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication
from ui_helpers import ADMIN_PASSWORD, ADMIN_USER, STATION_NAME, sign_in

from stationdesk.paths import DataPaths
from stationdesk.services.context import ServiceContext
from stationdesk.ui.fonts import install_app_font
from stationdesk.ui.main_window import MainWindow
from stationdesk.ui.signals import AppSignals
from stationdesk.ui.tasks import InlineRunner, use_runner
from stationdesk.ui.theme import STYLESHEET


@pytest.fixture(scope="session", autouse=True)
def app_look(qapp: QApplication) -> None:
    """The bundled font and the stylesheet, as the real app has them."""
    install_app_font(qapp)
    qapp.setStyleSheet(STYLESHEET)


@pytest.fixture(autouse=True)
def inline_runner() -> Iterator[InlineRunner]:
    """Every Op completes before run_in_background() returns."""
    runner = InlineRunner()
    previous = use_runner(runner)
    yield runner
    use_runner(previous)


@pytest.fixture
def paths(tmp_path) -> DataPaths:
    """A fresh data folder for this test."""
    return DataPaths(tmp_path / "数据 folder")


@pytest.fixture
def station_ctx(paths: DataPaths) -> Iterator[ServiceContext]:
    """An initialised station in paths; its connections are closed after the test."""
    from stationdesk.services.accounts import create_first_admin
    from stationdesk.services.station import create_station

    ctx, _ = create_station(paths, code="410205-01", name=STATION_NAME, county="瀍河回族区")
    create_first_admin(ctx, username=ADMIN_USER, display_name="王站长", password=ADMIN_PASSWORD)
    yield ctx
    ctx.db.dispose()


@pytest.fixture
def signals(qapp: QApplication) -> AppSignals:
    """The app-wide signals object."""
    return AppSignals()


@pytest.fixture
def open_window(qtbot, signals: AppSignals) -> Iterator[Callable[[DataPaths], MainWindow]]:
    """Show a MainWindow on a data folder, open it and sign in as the admin (unless
    signed_in=False); windows are closed after the test."""
    windows: list[MainWindow] = []

    def _open(paths: DataPaths, *, signed_in: bool = True) -> MainWindow:
        window = MainWindow(paths, signals)
        qtbot.addWidget(window)
        window.show()
        window.open_data()
        windows.append(window)
        if signed_in and window.stack.currentWidget() is window.sign_in_page:
            sign_in(window)
        return window

    yield _open
    for window in windows:
        window.close()
