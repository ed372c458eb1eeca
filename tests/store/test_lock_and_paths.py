import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from stationdesk.domain.errors import StorageError
from stationdesk.paths import DataPaths
from stationdesk.services.maintenance import backup_now, restore_backup
from stationdesk.services.reception import register_visit
from stationdesk.services.startup import lock_data_dir, prepare_data_dir
from stationdesk.services.station import create_station, open_data_dir
from stationdesk.store.pragmas import connect_raw
from tests.factories import sample_visit

EXPECTED = {
    "synchronous": 2,
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "secure_delete": 1,
    "temp_store": 2,
}


@pytest.mark.parametrize("readonly", [False, True], ids=["read-write", "read-only"])
def test_raw_connections_have_the_pragmas(ctx, readonly):
    """connect_raw (migrations, backups, start-up) applies the same pragmas, read-only too."""
    con = connect_raw(str(ctx.paths.db), readonly=readonly)
    try:
        read = {name: con.execute(f"PRAGMA {name}").fetchone()[0] for name in EXPECTED}
        assert read == EXPECTED
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()


@pytest.mark.parametrize("name", ["x#y", "p?q", "r%20s", "联络站 数据"])
def test_data_folders_with_uri_characters_work(tmp_path, name):
    """Folder names with '#', '?', '%' or CJK and spaces open the right file, create no strays."""
    paths = DataPaths(tmp_path / name)
    ctx, _ = create_station(paths, code="410205-01", name="测试站")
    register_visit(ctx, sample_visit())
    ctx.db.dispose()
    prepared = prepare_data_dir(paths)
    assert prepared.status == "ok" and prepared.overview.visits == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_restore_is_refused_while_another_process_holds_the_folder(ctx, tmp_path):
    """A running app (another process holding the lock) makes restore fail with db_in_use."""
    backup = backup_now(ctx, tmp_path / "copy.db")
    ctx.db.dispose()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from stationdesk.store.lock import DataDirLock;"
            "DataDirLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)",
            str(ctx.paths.root),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StorageError) as err:
            restore_backup(ctx.paths, backup)
        assert err.value.code == "db_in_use"
        holder.send_signal(signal.SIGKILL)  # the OS drops the lock with the process
        holder.wait()
        restore_backup(ctx.paths, backup)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()


def test_the_app_can_restore_its_own_folder_and_a_second_instance_is_refused(ctx, tmp_path):
    """The lock holder may restore; a second lock on the same folder is refused."""
    backup = backup_now(ctx, tmp_path / "copy.db")
    ctx.db.dispose()
    lock = lock_data_dir(ctx.paths)
    try:
        with pytest.raises(StorageError) as err:
            lock_data_dir(ctx.paths)
        assert err.value.code == "db_in_use"
        restore_backup(ctx.paths, backup)
    finally:
        lock.release()
    lock_data_dir(ctx.paths).release()


def test_interrupted_restore_completes_at_next_start(ctx, tmp_path):
    """A crash after staging leaves stationdesk.db.restore; the next start swaps it in."""
    for n in range(3):
        register_visit(ctx, sample_visit(n))
    backup = backup_now(ctx, tmp_path / "copy.db")
    register_visit(ctx, sample_visit(99))
    ctx.db.dispose()
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; from pathlib import Path;"
            "import stationdesk.store.backup as b;"
            "b.finish_restore = lambda *a: os._exit(137);"  # die right after staging
            "from stationdesk.paths import DataPaths;"
            "from stationdesk.services.maintenance import restore_backup;"
            "restore_backup(DataPaths(Path(sys.argv[1])), Path(sys.argv[2]))",
            str(ctx.paths.root),
            str(backup),
        ],
        capture_output=True,
        text=True,
    )
    assert child.returncode == 137, child.stderr
    assert (ctx.paths.root / "stationdesk.db.restore").exists()
    opened = open_data_dir(ctx.paths)
    assert opened.status == "ok"
    assert not (ctx.paths.root / "stationdesk.db.restore").exists()
    with opened.ctx.db.read() as s:
        from sqlalchemy import text

        assert s.execute(text("SELECT count(*) FROM visit")).scalar() == 3
        assert (
            s.execute(
                text("SELECT value FROM sync_state WHERE key = 'sync_blocked_after_restore'")
            ).scalar()
            == "1"
        )
    opened.ctx.db.dispose()
    assert list(ctx.paths.quarantine.glob("*-before-restore/stationdesk.db"))


def test_restore_refuses_foreign_files_and_other_stations(ctx, tmp_path):
    """A non-StationDesk SQLite file, or another station's backup, never replaces the database."""
    foreign = tmp_path / "foreign.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.close()
    other_paths = DataPaths(tmp_path / "other")
    other, _ = create_station(other_paths, code="410205-99", name="别的站")
    other_backup = backup_now(other, tmp_path / "other.db")
    other.db.dispose()
    register_visit(ctx, sample_visit())
    ctx.db.dispose()
    digest = ctx.paths.db.read_bytes()
    for file, code in ((foreign, "backup_not_stationdesk"), (other_backup, "backup_other_station")):
        with pytest.raises(StorageError) as err:
            restore_backup(ctx.paths, file)
        assert err.value.code == code
    assert ctx.paths.db.read_bytes() == digest
    assert not list(ctx.paths.root.glob("*.restore*"))


def test_stale_backup_temp_files_are_cleaned(ctx):
    """A .tmp left by a killed backup is removed by the next backup."""
    stale = ctx.paths.backups / "stationdesk-20260101-000000.db.tmp"
    stale.write_bytes(b"partial")
    backup_now(ctx)
    assert not stale.exists()


def test_lock_survives_nothing_after_kill(tmp_path):
    """kill -9 of the holder frees the lock at once (no stale lock file problem)."""
    root = tmp_path / "d"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from stationdesk.store.lock import DataDirLock;"
            "DataDirLock(Path(sys.argv[1])).acquire(); print('held', flush=True); time.sleep(60)",
            str(root),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "held"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    time.sleep(0.05)
    lock_data_dir(DataPaths(root)).release()
