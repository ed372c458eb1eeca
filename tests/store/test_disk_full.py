import sqlite3

import pytest
from sqlalchemy import event, text

from stationdesk.domain.errors import StorageError
from stationdesk.services.reception import register_visit
from stationdesk.store import disk
from stationdesk.store.integrity import check_file
from tests.factories import sample_visit


def test_disk_full_loses_no_committed_visit_and_recovers(ctx):
    """SQLITE_FULL (via max_page_count) rolls back only the failing save; all acked rows survive."""
    register_visit(ctx, sample_visit())
    ctx.db.checkpoint()
    con = sqlite3.connect(ctx.paths.db)
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    limit = {"pages": pages + 40}

    @event.listens_for(ctx.db.engine, "connect")
    def _cap(dbapi_con, _rec):
        dbapi_con.execute(f"PRAGMA max_page_count = {limit['pages']}")

    ctx.db.engine.dispose()
    acked = []
    with pytest.raises(StorageError) as err:
        for n in range(1, 10_000):
            result, _ = register_visit(ctx, sample_visit(n))
            acked.append(result.visit_id)
            ctx.db.checkpoint()
    assert err.value.code == "disk_full"
    assert len(acked) > 5
    limit["pages"] = 1_000_000
    ctx.db.engine.dispose()
    with ctx.db.read() as s:
        ids = set(s.execute(text("SELECT id FROM visit")).scalars())
    assert set(acked) <= ids
    assert check_file(ctx.paths.db, full=True) == []
    result, _ = register_visit(ctx, sample_visit(424242))  # writes resume, no restart
    assert result.cases


def test_guard_refuses_new_records_when_space_is_low(ctx, monkeypatch):
    """Below max(200 MB, 2 × (db + wal)) free, register_visit is refused before any write."""
    real = disk.shutil.disk_usage

    def tight(path):
        usage = real(path)
        return usage._replace(free=150_000_000)

    monkeypatch.setattr(disk.shutil, "disk_usage", tight)
    with pytest.raises(StorageError) as err:
        register_visit(ctx, sample_visit())
    assert err.value.code == "low_disk_space"
    state = disk.disk_state(ctx.paths.db)
    assert state.warn and state.refuse


def test_guard_thresholds():
    """Warn below 1 GB; refuse below max(200 MB, 2 × (db + wal))."""
    assert disk.DiskState(999_999_999, 200_000_000).warn
    assert not disk.DiskState(1_000_000_000, 200_000_000).warn
    assert disk.DiskState(199_999_999, 200_000_000).refuse
    assert not disk.DiskState(200_000_000, 200_000_000).refuse


def test_guard_on_a_real_tiny_file_system(tmp_path):
    """On a real 3 MB tmpfs the guard refuses new records (needs root to mount; skipped otherwise)."""
    import os
    import subprocess

    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; the max_page_count test covers SQLITE_FULL")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"tmpfs mount refused here: {done.stderr.strip()}")
    try:
        from stationdesk.paths import DataPaths
        from stationdesk.services.station import create_station

        ctx, _ = create_station(DataPaths(mnt / "data"), code="410205-01", name="测试联络站")
        with pytest.raises(StorageError) as err:
            register_visit(ctx, sample_visit())
        assert err.value.code == "low_disk_space"
        ctx.db.dispose()
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
