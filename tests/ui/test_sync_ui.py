"""The station's sync UI against the REAL county server over HTTPS on loopback (pytest-qt).

The settings dialog, the status bar's states, 立即同步, the background worker's timer and
after-commit paths, stopping it idle and mid-cycle, and county replies in the case timeline.
Set STATIONDESK_SHOTS=<folder> to keep offscreen screenshots of what is tested.
"""

from __future__ import annotations

import os
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QWidget

from stationdesk.county import admin, county_events
from stationdesk.county.config import ServerConfig
from stationdesk.services.changes import ChangeSet
from stationdesk.services.reception import register_visit
from stationdesk.sync.setup import configure, sync_status
from stationdesk.ui.case_detail import CaseDetailDialog, TimelineItem
from stationdesk.ui.main_window import Nav
from stationdesk.ui.sync_indicator import describe
from stationdesk.ui.sync_rejects import SyncRejectsDialog
from stationdesk.ui.sync_settings import SyncSettingsDialog
from stationdesk.ui.sync_worker import SyncWorker
from tests.factories import sample_visit
from tests.sync import conftest as sync_fixtures
from tests.sync.checks import assert_converged, outbox_count, server_rows

# The sync tests' fixtures: the real county under uvicorn with a test CA, a memory keyring.
county = sync_fixtures.county
county_config = sync_fixtures.county_config
memory_keyring = sync_fixtures.memory_keyring
tls = sync_fixtures.tls

CYCLE_MS = 30_000


def _shot(qtbot, widget: QWidget, name: str) -> None:
    """Keep a screenshot when STATIONDESK_SHOTS names a folder (to look at)."""
    folder = os.environ.get("STATIONDESK_SHOTS")
    if folder:
        qtbot.wait(150)  # layouts settle, replaced widgets go
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _visits(ctx, n: int) -> None:
    for i in range(n):
        register_visit(ctx, sample_visit(i))


def _idle(qtbot, worker: SyncWorker) -> None:
    qtbot.waitUntil(
        lambda: worker.busy is None and worker.last_status is not None, timeout=CYCLE_MS
    )


def _timeline(dialog: CaseDetailDialog) -> list[TimelineItem]:
    """The entries on screen now (replaced ones may await deleteLater)."""
    layout = dialog.timeline_layout
    widgets = (layout.itemAt(i).widget() for i in range(layout.count()))
    return [w for w in widgets if isinstance(w, TimelineItem)]


@pytest.fixture
def worker(qtbot, paths, signals):
    """A SyncWorker on the test's data folder with a fast tick and after-commit pause."""
    made: list[SyncWorker] = []

    def _make(**kwargs) -> SyncWorker:
        w = SyncWorker(paths, signals, **{"tick_ms": 60_000, "after_commit_ms": 100, **kwargs})
        made.append(w)
        return w

    yield _make
    for w in made:
        w.stop()


def test_admin_sets_up_sync_in_the_page_then_sync_now_reaches_the_county(
    qtbot, station_ctx, open_window, paths, county, tls, memory_keyring
):
    """同步设置 saves and tests; the bar says 待同步 N 条; 立即同步 → 已同步, county has all."""
    _visits(station_ctx, 3)
    queued = outbox_count(station_ctx)
    _device, token = county.add_station()
    window = open_window(paths)
    worker = window.sync_worker
    assert worker is not None and worker.running
    _idle(qtbot, worker)
    bar = window.status.sync
    assert bar.label.text() == "未配置同步"
    window.nav.setCurrentRow(Nav.DATA)
    assert window.data_page.sync_settings_button.isVisible()
    window.data_page.sync_settings_button.click()
    dialog = window.sync_dialog
    assert isinstance(dialog, SyncSettingsDialog)
    assert dialog.save_button.isEnabled() and not dialog.keyring_label.isVisible()
    dialog.url_edit.setText("http://" + county.url.removeprefix("https://"))
    dialog.token_edit.setText(token)
    dialog.save()
    assert dialog.url_error.isVisible() and "https://" in dialog.url_error.text()
    dialog.url_edit.setText(county.url + "/")
    dialog.ca_edit.setText(str(tls.ca))
    with qtbot.waitSignal(worker.test_finished, timeout=CYCLE_MS) as tested:
        dialog.save()
    assert tested.args == [None]
    assert dialog.token_edit.text() == ""  # never shown again
    assert "连接成功" in dialog.message.text()
    assert dialog.token_edit.echoMode() == dialog.token_edit.EchoMode.Password
    assert memory_keyring.secrets and token in memory_keyring.secrets.values()
    for file in paths.root.rglob("*"):  # the token is in the keyring only, in no file
        if file.is_file():
            assert token.encode() not in file.read_bytes(), file
    _idle(qtbot, worker)
    qtbot.waitUntil(lambda: bar.label.text() == f"待同步 {queued} 条")
    qtbot.waitUntil(lambda: dialog.state_label.text() == f"当前状态：待同步 {queued} 条")
    _shot(qtbot, dialog, "sync_settings")
    _shot(qtbot, window.status, "status_pending")
    assert bar.now_button.isVisible()
    with qtbot.waitSignal(worker.cycle_finished, timeout=CYCLE_MS) as finished:
        bar.now_button.click()
    assert finished.args[0] == "force" and finished.args[1].pushed == queued
    _idle(qtbot, worker)
    assert bar.label.text() == "已同步"
    assert "上次同步成功" in bar.label.toolTip()
    _shot(qtbot, window.status, "status_synced")
    assert_converged(station_ctx, county)
    assert len(server_rows(county)) > 0
    window.sign_out()  # stops the worker
    assert not worker.running


def test_without_a_keyring_the_page_says_so_and_will_not_save(qtbot, station_ctx, signals):
    """No keyring backend: the refusal in Chinese, token field and 保存并测试 disabled."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = SyncSettingsDialog(station_ctx, signals, None)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.keyring_label.isVisible()
        assert "钥匙串" in dialog.keyring_label.text()
        assert "不能保存同步设置" in dialog.keyring_label.text()
        assert not dialog.save_button.isEnabled() and not dialog.token_edit.isEnabled()
        _shot(qtbot, dialog, "sync_settings_no_keyring")
    finally:
        keyring.set_keyring(previous)


def test_county_reply_appears_in_the_open_case_timeline_marked_county(
    qtbot, station_ctx, signals, worker, county, tls, memory_keyring
):
    """A department's reply pulled by the worker reloads the open case: the entry says 县级."""
    ctx = station_ctx
    _visits(ctx, 1)
    _device, token = county.add_station()
    configure(ctx, county.url, token, tls.ca)
    w = worker()
    w.start()
    _idle(qtbot, w)
    with qtbot.waitSignal(w.cycle_finished, timeout=CYCLE_MS):
        w.sync_now()
    case_id, case_no = ctx.db.query(
        "SELECT id, case_no FROM case_record ORDER BY case_no DESC LIMIT 1"
    )[0]
    dialog = CaseDetailDialog(ctx, case_id, signals)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 640)
    dialog.show()
    before = len(_timeline(dialog))
    county_events.reply(county.engine, case_no, "县住建局", "已安排施工队，月底前完成")
    with qtbot.waitSignal(w.cycle_finished, timeout=CYCLE_MS) as finished:
        w.sync_now()
    assert finished.args[1].events_added == 1
    items = _timeline(dialog)
    assert len(items) == before + 1  # reloaded through AppSignals.changes
    county_items = [i for i in items if i.entry.county]
    assert len(county_items) == 1
    text = county_items[0].text()
    assert "县级" in text and "已安排施工队" in text
    _shot(qtbot, dialog, "timeline_county")


def test_the_timer_runs_a_cycle_and_a_local_commit_is_pushed(
    qtbot, station_ctx, signals, worker, county, tls, memory_keyring
):
    """The tick runs a due cycle; 2 s (here 0.1 s) after a commit the new rows go up."""
    ctx = station_ctx
    w = worker(tick_ms=200)
    w.start()
    _idle(qtbot, w)
    assert describe(w.last_status)[0] == "unconfigured"
    _device, token = county.add_station()
    configure(ctx, county.url, token, tls.ca)
    _visits(ctx, 2)
    with qtbot.waitSignal(w.cycle_finished, timeout=CYCLE_MS) as finished:
        pass  # no click: the 200 ms tick starts it
    assert finished.args[0] == "due"
    assert_converged(ctx, county)
    w.timer.stop()  # from here only the after-commit path
    _idle(qtbot, w)
    register_visit(ctx, sample_visit(7))
    assert outbox_count(ctx) > 0
    with qtbot.waitSignal(w.cycle_finished, timeout=CYCLE_MS) as finished:
        signals.changes.emit(ChangeSet.of("visit", "case_record"))
    assert finished.args[0] == "pending"
    assert_converged(ctx, county)


SMALL_BATCHES = ServerConfig(rate_per_s=10_000, burst=10_000, max_batch=5)


@pytest.mark.parametrize("county_config", [SMALL_BATCHES])
def test_stop_idle_and_mid_cycle_leaves_a_consistent_station(
    qtbot, station_ctx, signals, worker, county, tls, memory_keyring, county_config
):
    """Stopped while idle: at once. Mid-drain: ends between batches; a restart finishes it."""
    ctx = station_ctx
    idle = worker()
    idle.start()
    _idle(qtbot, idle)
    idle.stop()
    assert not idle.running and idle.busy is None
    idle.stop()  # twice is harmless
    _visits(ctx, 40)
    queued = outbox_count(ctx)
    w = worker()
    w.start()
    _idle(qtbot, w)  # not configured yet: nothing sent
    _device, token = county.add_station()
    configure(ctx, county.url, token, tls.ca)
    moved: list[tuple[str, int, int]] = []
    w.progress.connect(lambda *a: moved.append(a))
    w.sync_now()
    qtbot.waitUntil(lambda: bool(moved), timeout=CYCLE_MS)
    w.stop()
    assert not w.running
    left = outbox_count(ctx)
    assert 0 < left < queued, (left, queued)  # stopped between batches, not after the drain
    status = sync_status(ctx)
    assert not status.busy and status.consecutive_failures == 0  # lease freed, no failure
    again = worker()
    again.start()
    _idle(qtbot, again)
    if outbox_count(ctx):
        with qtbot.waitSignal(again.cycle_finished, timeout=CYCLE_MS):
            again.sync_now()
    assert_converged(ctx, county)


@pytest.mark.parametrize("county_config", [SMALL_BATCHES])
def test_progress_reports_each_batch(
    qtbot, station_ctx, signals, worker, county, tls, memory_keyring, county_config
):
    """Small county batches: 正在上传 n/N climbs batch by batch to N."""
    ctx = station_ctx
    _visits(ctx, 3)
    queued = outbox_count(ctx)
    w = worker()
    w.start()
    _idle(qtbot, w)  # not configured yet: nothing sent
    _device, token = county.add_station()
    configure(ctx, county.url, token, tls.ca)
    moved: list[tuple[str, int, int]] = []
    w.progress.connect(lambda *a: moved.append(a))
    with qtbot.waitSignal(w.cycle_finished, timeout=CYCLE_MS):
        w.sync_now()
    pushes = [m for m in moved if m[0] == "push"]
    assert len(pushes) >= queued // 5
    assert [d for _s, d, _t in pushes] == sorted(d for _s, d, _t in pushes)
    assert pushes[-1][1] == queued and pushes[-1][2] == queued


def test_status_bar_offline_stopped_and_rejects(
    qtbot, station_ctx, open_window, paths, county, tls, memory_keyring
):
    """离线 when the county is unreachable; 同步已停止 once the token is refused; rejects list."""
    ctx = station_ctx
    _visits(ctx, 1)
    device_id, token = county.add_station()
    configure(ctx, county.url, token, tls.ca)
    with ctx.db.write_core() as conn:  # a change the county refuses (county-owned entity)
        conn.exec_driver_sql(
            "INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, "
            "payload_sha256, created_at) VALUES ('bad-1', 'category', 'c-1', 'put', 1, "
            '\'{"id":"c-1","name":"x"}\', \'h\', \'2026-01-01T00:00:00Z\')'
        )
    window = open_window(paths)
    worker = window.sync_worker
    bar = window.status.sync
    _idle(qtbot, worker)
    if outbox_count(ctx):
        with qtbot.waitSignal(worker.cycle_ended, timeout=CYCLE_MS):
            bar.now_button.click()
        _idle(qtbot, worker)
    assert bar.label.text() == "已同步"
    assert bar.rejects_button.isVisible() and bar.rejects_button.text() == "被拒绝 1 条"
    bar.rejects_button.click()
    rejects = window.sync_dialog
    assert isinstance(rejects, SyncRejectsDialog)
    assert rejects.rows()[0][:4] == ["问题类别", "", "这类记录只能由县级填写", ""]
    _shot(qtbot, rejects, "rejects")
    _shot(qtbot, window.status, "status_rejects")

    admin.revoke_device(county.engine, device_id)
    register_visit(ctx, sample_visit(3))
    with qtbot.waitSignal(worker.cycle_failed, timeout=CYCLE_MS) as failed:
        bar.now_button.click()
    assert failed.args[1].code == "sync_auth_failed"
    _idle(qtbot, worker)
    assert bar.label.text() == "同步已停止"
    assert "令牌" in bar.label.toolTip()
    assert "令牌" in window.status.currentMessage()
    _shot(qtbot, window.status, "status_stopped")

    configure(ctx, county.url, token, tls.ca)  # setup again clears the stop …
    county.close()  # … and the county is gone
    with qtbot.waitSignal(worker.cycle_failed, timeout=CYCLE_MS) as failed:
        bar.now_button.click()
    assert failed.args[1].code in ("sync_offline", "sync_timeout")
    _idle(qtbot, worker)
    assert bar.label.text().startswith("离线")
    assert "秒后自动重试" in bar.label.toolTip()
    _shot(qtbot, window.status, "status_offline")


def test_status_bar_words_for_each_state(qtbot, station_ctx, memory_keyring):
    """Each state's words and colour; 正在上传 n/N with a bar while a cycle runs."""
    from dataclasses import replace

    from stationdesk.ui.status_bar import StationStatusBar

    bar = StationStatusBar()
    qtbot.addWidget(bar)
    bar.resize(900, 30)
    bar.show()
    base = sync_status(station_ctx)
    assert base.blocked == "sync_not_configured"
    ready = replace(base, blocked=None, token_stored=True, pending=0)
    cases = [
        (base, "未配置同步"),
        (replace(ready, keyring=False), "不能同步"),
        (replace(ready, blocked="sync_demo_database"), "同步已暂停"),
        (replace(ready, stopped="sync_auth_failed"), "同步已停止"),
        (replace(ready, consecutive_failures=2, last_error="sync_offline", pending=4),
         "离线 · 待同步 4 条"),
        (replace(ready, pending=12), "待同步 12 条"),
        (ready, "已同步"),
    ]  # fmt: skip
    for status, words in cases:
        bar.sync.show_status(status)
        assert bar.sync_label.text() == words
    bar.sync.show_status(replace(ready, pending=40))
    bar.sync.cycle_started("force")
    bar.sync.cycle_progress("push", 15, 40)
    assert bar.sync_label.text() == "正在上传 15/40 条"
    assert bar.sync.progress.isVisible() and bar.sync.progress.value() == 15
    assert not bar.sync.now_button.isEnabled()
    _shot(qtbot, bar, "status_syncing")
    bar.sync.cycle_progress("reconcile", 0, 0)
    assert bar.sync_label.text() == "正在与县级核对数据"
    bar.sync.cycle_progress("photos", 2, 0)
    assert bar.sync_label.text() == "正在上传代表照片 2 张"
    bar.sync.cycle_ended()
    assert bar.sync_label.text() == "待同步 40 条" and not bar.sync.progress.isVisible()
    assert "县级有 3 条记录比本机新" in describe(replace(ready, county_newer=3))[2]
    assert "比本机新" not in describe(ready)[2]
