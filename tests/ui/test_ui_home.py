from __future__ import annotations

from dataclasses import replace

from ui_helpers import STATION_NAME, a_visit

from stationdesk.services.changes import ChangeSet
from stationdesk.services.reception import register_visit
from stationdesk.ui.signals import emit


def test_existing_station_opens_on_home_page_with_todays_counts(open_window, paths, station_ctx):
    """Visits registered through the service show up as today's counts at start-up."""
    register_visit(station_ctx, a_visit("张三", people=3))
    register_visit(station_ctx, a_visit("李四"))

    window = open_window(paths)

    assert window.stack.currentWidget() is window.workspace
    assert window.windowTitle() == f"联络站工作台 — {STATION_NAME}"
    home = window.home_page
    assert home.tile_text("visits") == "2"
    assert home.tile_text("residents") == "4"
    assert home.tile_text("issues") == "2"
    assert home.tile_text("closed") == "2"
    assert home.tile_text("open_cases") == "0"
    assert home.tile_text("overdue") == "0"
    assert home.tile_text("awaiting_callback") == "2"


def test_home_page_refreshes_when_a_changeset_touches_visits(
    open_window, paths, station_ctx, signals
):
    """After a ChangeSet signal for visits the tiles show the new counts."""
    window = open_window(paths)
    assert window.home_page.tile_text("visits") == "0"

    _, changes = register_visit(station_ctx, a_visit())
    assert window.home_page.tile_text("visits") == "0"  # nobody told the page yet
    emit(signals.changes, changes)

    assert window.home_page.tile_text("visits") == "1"
    assert window.home_page.tile_text("awaiting_callback") == "1"


def test_home_page_ignores_changesets_that_touch_nothing_it_shows(
    open_window, paths, station_ctx, signals
):
    """A ChangeSet about unrelated tables does not reload the figures."""
    window = open_window(paths)
    register_visit(station_ctx, a_visit())
    emit(signals.changes, ChangeSet.of("department"))
    assert window.home_page.tile_text("visits") == "0"


def test_overdue_tile_turns_red_only_when_above_zero(open_window, paths, station_ctx):
    """The 超期 number carries the alert style when it is greater than zero."""
    window = open_window(paths)
    home = window.home_page
    assert home.tiles["overdue"].value_label.property("alert") is False
    home.show_overview(replace(home.overview, overdue=3))
    assert home.tile_text("overdue") == "3"
    assert home.tiles["overdue"].value_label.property("alert") is True
