"""`stationdesk sync setup | --once | status` end to end against the real county server."""

from __future__ import annotations

import io
import json

import keyring
from keyring.backends import fail

from stationdesk import cli
from stationdesk.services.reception import register_visit
from tests.factories import sample_visit
from tests.sync.checks import assert_converged


def _run(ctx, *args: str, stdin: str = "") -> int:
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return cli.main(["--data-dir", str(ctx.paths.root), *args])
    finally:
        sys.stdin = old


def test_setup_once_and_status(ctx, county, tls, memory_keyring, capsys):
    """Token piped on stdin goes to the keyring; --once --json syncs; status shows the state."""
    _id, token = county.add_station()
    assert _run(ctx, "sync", "setup", "--server", county.url, "--ca", str(tls.ca),
                stdin=token + "\n") == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "已设置县级服务器" in out and token not in out
    assert list(memory_keyring.secrets.values()) == [token]
    register_visit(ctx, sample_visit(1))
    assert _run(ctx, "sync", "--once", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pending"] == 0 and report["pushed"] > 0
    assert_converged(ctx, county)
    assert _run(ctx, "sync", "status", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["server_url"] == county.url and status["token_stored"] and status["pending"] == 0
    assert _run(ctx, "sync", "status") == 0
    text = capsys.readouterr().out
    assert "待上传：0 条" in text and "系统钥匙串：可用" in text


def test_sync_once_prints_chinese_summary(station, capsys):
    """Without --json the summary is one Chinese line."""
    register_visit(station.ctx, sample_visit(1))
    assert _run(station.ctx, "sync", "--once") == 0
    out = capsys.readouterr().out
    assert out.startswith("已上传 ") and "待上传 0 条" in out


def test_without_keyring_setup_explains_and_fails(ctx, county, tls, capsys):
    """No keyring backend: exit 1 with the reason in Chinese; nothing stored."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        _id, token = county.add_station()
        code = _run(ctx, "sync", "setup", "--server", county.url, stdin=token + "\n")
    finally:
        keyring.set_keyring(previous)
    err = capsys.readouterr().err
    assert code == 1 and "keyring_unavailable" in err and "钥匙串" in err
    assert _run(ctx, "sync", "status") == 0
    assert "不能同步" in capsys.readouterr().out


def test_rejects_are_listed_by_status(station, capsys):
    """A refused change is shown by `sync status` (masked text), never silently dropped."""
    ctx = station.ctx
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, "
            "payload_sha256, created_at) VALUES ('bad-1', 'category', 'c-1', 'put', 1, "
            "'{\"id\":\"c-1\"}', 'h', '2026-01-01T00:00:00Z')"
        )
    assert _run(ctx, "sync", "--once") == 0
    assert "被县级服务器拒绝" in capsys.readouterr().err
    assert _run(ctx, "sync", "status") == 0
    out = capsys.readouterr().out
    assert "被拒绝未处理：1 条" in out and "county_owned" in out


def test_offline_once_fails_with_chinese_message(ctx, county, tls, memory_keyring, capsys):
    """Server unreachable: exit 1, the offline message; status shows the failure and the wait."""
    _id, token = county.add_station()
    _run(ctx, "sync", "setup", "--server", "https://127.0.0.1:9", "--ca", str(tls.ca),
         stdin=token + "\n")  # fmt: skip
    capsys.readouterr()
    assert _run(ctx, "sync", "--once") == 1
    assert "连不上县级服务器" in capsys.readouterr().err
    _run(ctx, "sync", "status")
    out = capsys.readouterr().out
    assert "连续失败 1 次" in out and "秒后自动重试" in out


def test_loop_mode_syncs_then_stops_on_ctrl_c(station, county, capsys, monkeypatch):
    """`stationdesk sync` without --once cycles until Ctrl+C (the tick's sleep is interrupted)."""
    from stationdesk import cli_sync

    def interrupted(_seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_sync.time, "sleep", interrupted)
    register_visit(station.ctx, sample_visit(1))
    assert _run(station.ctx, "sync") == 0
    captured = capsys.readouterr()
    assert "持续同步中" in captured.err and "待上传 0 条" in captured.out
    assert_converged(station.ctx, county)


def test_a_refused_cycle_waits_a_tick_instead_of_spinning(station, county, capsys, monkeypatch):
    """A local refusal (paused after a restore) records no backoff: the loop sleeps a tick."""
    from stationdesk import cli_sync
    from stationdesk.sync.engine import SyncEngine

    ctx = station.ctx
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sync_state (key, value) VALUES ('sync_blocked_after_restore', '1')"
        )
    engine = SyncEngine(ctx)
    cycles: list[int] = []
    real_cycle = engine.run_cycle

    def counted(**kwargs: object):
        cycles.append(1)
        return real_cycle(**kwargs)

    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(engine, "run_cycle", counted)
    monkeypatch.setattr(cli_sync.time, "sleep", sleep)
    assert cli_sync._loop(engine, False, lambda err: err.code) == 0
    assert len(cycles) == 2 and sleeps == [cli_sync.TICK_S, cli_sync.TICK_S]
    assert capsys.readouterr().err.count("sync_blocked_after_restore") == 2


def test_restored_database_waits_for_the_admin(station, county, capsys):
    """After a restore sync is refused until `sync resume`; then it runs (audited)."""
    from stationdesk.services.maintenance import backup_now, restore_backup
    from stationdesk.sync.engine import SyncEngine
    from stationdesk.sync.errors import SyncError

    ctx = station.ctx
    register_visit(ctx, sample_visit(1))
    SyncEngine(ctx).run_cycle()
    backup = backup_now(ctx)
    ctx.db.dispose()
    restore_backup(ctx.paths, backup)
    from stationdesk.services.station import open_context

    restored = open_context(ctx.paths)
    try:
        import pytest

        with pytest.raises(SyncError) as err:
            SyncEngine(restored).run_cycle(force=True)
        assert err.value.code == "sync_blocked_after_restore"
        assert _run(restored, "sync", "--once") == 1
        assert "sync resume" in capsys.readouterr().err
        assert _run(restored, "sync", "resume") == 0
        assert "已确认" in capsys.readouterr().out
        assert _run(restored, "sync", "--once") == 0
        assert_converged(restored, county)
    finally:
        restored.db.dispose()
