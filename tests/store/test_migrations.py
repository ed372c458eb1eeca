import hashlib
import sqlite3
from pathlib import Path

import pytest

from stationdesk.domain.errors import StorageError
from stationdesk.paths import migrations_dir
from stationdesk.store.backup import make_backup
from stationdesk.store.migrate import available_migrations, latest_version, migrate


def _version(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def _tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_migrate_from_empty_reaches_latest(tmp_path):
    """A new file is migrated to the latest version with the whole first data model."""
    db = tmp_path / "s.db"
    result = migrate(db)
    assert (result.from_version, result.to_version) == (0, latest_version())
    assert _version(db) == latest_version()
    expected = {
        "station",
        "settings",
        "app_user",
        "category",
        "department",
        "grid",
        "deputy",
        "deputy_term",
        "deputy_grid",
        "deputy_photo",
        "visit",
        "visit_deputy",
        "suggestion",
        "case_record",
        "case_event",
        "duty_shift",
        "attendance",
        "deputy_activity",
        "audit_log",
        "draft",
        "sync_outbox",
        "sync_rejects",
        "sync_state",
        "case_search",
    }
    assert expected <= _tables(db)


def test_migrate_twice_is_a_no_op(tmp_path):
    """Running the migrations again changes nothing and takes no backup."""
    db = tmp_path / "s.db"
    migrate(db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = migrate(db, backup=lambda p: pytest.fail("no backup expected"))
    assert result.from_version == result.to_version == latest_version()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_newer_database_is_refused_untouched(tmp_path):
    """A database from a newer app is refused with a clear code and left byte-identical."""
    db = tmp_path / "s.db"
    migrate(db)
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(StorageError) as err:
        migrate(db)
    assert err.value.code == "db_newer_than_app"
    assert err.value.params == {"found": 99, "supported": latest_version()}
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def _folder_with(tmp_path: Path, extra: dict[str, str]) -> Path:
    folder = tmp_path / "migs"
    folder.mkdir()
    for mig in available_migrations():
        (folder / mig.path.name).write_text(mig.path.read_text(encoding="utf-8"), encoding="utf-8")
    for name, sql in extra.items():
        (folder / name).write_text(sql, encoding="utf-8")
    return folder


def test_failed_step_rolls_back_whole_step(tmp_path):
    """A step that fails half-way leaves the previous version and none of its changes."""
    n = latest_version() + 1
    folder = _folder_with(
        tmp_path,
        {
            f"{n:04d}_broken.sql": "CREATE TABLE half_done (x INTEGER);\nINSERT INTO nope VALUES (1);"
        },
    )
    db = tmp_path / "s.db"
    migrate(db)
    with pytest.raises(StorageError) as err:
        migrate(db, folder=folder)
    assert err.value.code == "migration_failed"
    assert _version(db) == n - 1
    assert "half_done" not in _tables(db)


def test_upgrade_takes_a_verified_backup_first(tmp_path):
    """Upgrading a non-empty database backs it up (at the old version) before the first step."""
    n = latest_version() + 1
    folder = _folder_with(tmp_path, {f"{n:04d}_more.sql": "CREATE TABLE extra (x INTEGER);"})
    db = tmp_path / "s.db"
    migrate(db)
    backups = tmp_path / "backups"
    result = migrate(db, folder=folder, backup=lambda p: make_backup(p, backups))
    assert result.backup is not None and result.backup.exists()
    assert _version(result.backup) == n - 1
    assert _version(db) == n
    assert "extra" in _tables(db) and "extra" not in _tables(result.backup)


def test_numbering_gap_is_refused(tmp_path):
    """Migration files must be numbered 1..N without gaps."""
    late = latest_version() + 2  # one number skipped
    folder = _folder_with(tmp_path, {f"{late:04d}_late.sql": "SELECT 1;"})
    with pytest.raises(StorageError) as err:
        available_migrations(folder)
    assert err.value.code == "migration_gap"


def test_shipped_migrations_are_well_named():
    """Every shipped file matches NNNN_name.sql and the runner accepts the folder."""
    migs = available_migrations(migrations_dir())
    assert [m.version for m in migs] == list(range(1, len(migs) + 1))
