from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from ui_helpers import a_visit

from stationdesk.services.maintenance import backups
from stationdesk.services.reception import register_visit


def test_navigation_lists_only_the_pages_that_work(open_window, paths, station_ctx):
    """The navigation has exactly the working pages, each switching to its own page."""
    from stationdesk.ui.duty_page import DutyPage
    from stationdesk.ui.ledger_page import LedgerPage
    from stationdesk.ui.main_window import Nav
    from stationdesk.ui.performance_page import PerformancePage
    from stationdesk.ui.roster_page import RosterPage
    from stationdesk.ui.statistics_page import StatisticsPage

    window = open_window(paths)
    assert window.nav_titles() == [
        "今日",
        "接待登记",
        "办理跟踪",
        "统计报表",
        "代表名册",
        "值班安排",
        "履职档案",
        "台账",
        "数据与备份",
        "审计日志",
        "账号与安全",
    ]
    assert window.pages.count() == len(Nav) == 11
    expected = {
        Nav.HOME: window.home_page,
        Nav.RECEPTION: window.reception_page,
        Nav.CASES: window.case_list_page,
        Nav.DATA: window.data_page,
        Nav.AUDIT: window.audit_page,
        Nav.ACCOUNTS: window.accounts_page,
    }
    built = {
        Nav.STATISTICS: StatisticsPage,
        Nav.ROSTER: RosterPage,
        Nav.DUTY: DutyPage,
        Nav.PERFORMANCE: PerformancePage,
        Nav.LEDGERS: LedgerPage,
    }
    for row in reversed(Nav):
        window.nav.setCurrentRow(row)
        page = window.pages.currentWidget()
        if row in built:  # built the first time they are opened
            assert isinstance(page, built[row]) and window.roster_pages[row] is page
        else:
            assert page is expected[row]


def test_every_button_on_the_workspace_is_connected(open_window, paths, station_ctx):
    """No dead buttons: each push button in the workspace has a clicked handler."""
    window = open_window(paths)
    from stationdesk.ui.main_window import Nav

    window.nav.setCurrentRow(Nav.STATISTICS)  # built when first opened
    buttons = window.workspace.findChildren(QPushButton)
    assert buttons
    for button in buttons:
        assert button.receivers("2clicked()") + button.receivers("2clicked(bool)") > 0, (
            button.text()
        )


def test_status_bar_shows_station_database_backup_and_sync_state(open_window, paths, station_ctx):
    """The status bar names the station and says 数据库正常, the backup state and 未配置同步."""
    window = open_window(paths)
    status = window.status
    assert "410205-01" in status.station_label.text()
    assert status.database_label.text() == "数据库正常"
    assert status.backup_label.text() in ("尚无备份",) or status.backup_label.text().startswith(
        "最近备份："
    )
    assert status.sync_label.text() == "未配置同步"


def test_closing_the_window_backs_up_changed_data_and_closes_the_database(
    open_window, paths, station_ctx
):
    """On exit a backup is taken when the data changed, the WAL is folded back and emptied."""
    window = open_window(paths)
    before = len(backups(paths))
    register_visit(station_ctx, a_visit())
    station_ctx.db.dispose()

    window.close()

    assert len(backups(paths)) == before + 1
    wal = paths.db.with_name(paths.db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert window.ctx is None


def test_auto_backup_timer_runs_every_thirty_minutes_and_skips_unchanged_data(
    open_window, paths, station_ctx
):
    """The backup timer is 30 minutes, and a tick with no changes adds no backup."""
    window = open_window(paths)
    assert window._backup_timer.isActive()
    assert window._backup_timer.interval() == 30 * 60 * 1000
    window.auto_backup()
    count = len(backups(paths))
    window.auto_backup()
    assert len(backups(paths)) == count
    register_visit(station_ctx, a_visit())
    window.auto_backup()
    assert len(backups(paths)) == count + 1
    assert window.status.backup_label.text().startswith("最近备份：")
