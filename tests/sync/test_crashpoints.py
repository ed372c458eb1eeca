"""Kill a station process at every named crashpoint, restart, sync: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stationdesk.county import county_events
from stationdesk.services.reception import register_visit
from stationdesk.sync.crashpoints import EXIT_CODE, NAMES
from stationdesk.sync.engine import SyncEngine
from tests.factories import sample_visit
from tests.sync.checks import assert_k, receipt_count, state_of

ROOT = Path(__file__).resolve().parents[2]


def _county_events(ctx) -> list[str]:
    with ctx.db.read_core() as conn:
        return [
            r[0] for r in conn.exec_driver_sql("SELECT id FROM case_event WHERE origin = 'county'")
        ]


@pytest.mark.parametrize("hit", ["1", "2"])
@pytest.mark.parametrize("point", NAMES)
def test_crash_at_every_point_then_recover(station, county, point, hit):
    """SIGKILL-like exit at the point (first or second hit); the next sync converges exactly once."""
    ctx = station.ctx
    for i in range(3):
        register_visit(ctx, sample_visit(i))
    SyncEngine(ctx).run_cycle()
    case_no = ctx.db.query("SELECT case_no FROM case_record ORDER BY rowid LIMIT 1 OFFSET 1")[0][0]
    county_events.reply(county.engine, case_no, "县住建局", "已处理")
    for i in range(3, 25):  # enough for several batches, so second hits exist
        register_visit(ctx, sample_visit(i))
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sync_state (key, value) VALUES ('batch_size_current', '20') "
            "ON CONFLICT (key) DO UPDATE SET value = '20'"
        )
    cursor_before = state_of(ctx).get("pull_cursor")
    ctx.db.dispose()
    env = {**os.environ, "STATIONDESK_CRASHPOINT": f"{point}:{hit}", "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, str(ROOT / "tests/sync/crash_child.py"), str(ctx.paths.root)],
        input=station.token + "\n", capture_output=True, text=True, env=env, timeout=120,
        cwd=ROOT,
    )  # fmt: skip
    if point.startswith("pull.") and hit == "2":
        # A single pull page here: the second hit never comes, the cycle ends normally.
        assert child.returncode in (0, EXIT_CODE), child.stderr
    else:
        assert child.returncode == EXIT_CODE, child.stderr
    if child.returncode == EXIT_CODE and point.startswith("pull."):
        assert state_of(ctx).get("pull_cursor") == cursor_before  # page and cursor: neither
        assert _county_events(ctx) == []
    report = SyncEngine(ctx).run_cycle()  # the restarted app; the dead holder's lease is free
    assert_k(county, ctx)  # the full checker K
    assert len(_county_events(ctx)) == 1
    assert report.pending == 0
    assert receipt_count(county) >= 1
