"""The migration runner: sqlite_schema/migrations/NNNN_*.sql applied in order by user_version."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stationdesk.domain.errors import StorageError
from stationdesk.paths import migrations_dir
from stationdesk.store.pragmas import connect_raw

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    """One forward-only schema step."""

    version: int
    path: Path


@dataclass(frozen=True, slots=True)
class MigrationResult:
    """What migrate() did: the versions before and after and the backup it took first."""

    from_version: int
    to_version: int
    backup: Path | None


def available_migrations(folder: Path | None = None) -> list[Migration]:
    """The migration files, checked to be numbered 1..N without gaps."""
    folder = folder or migrations_dir()
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if not match:
            raise StorageError("migration_bad_name", name=path.name)
        found.append(Migration(int(match.group(1)), path))
    for expected, mig in enumerate(found, start=1):
        if mig.version != expected:
            raise StorageError("migration_gap", expected=expected, found=mig.version)
    return found


def latest_version(folder: Path | None = None) -> int:
    """The schema version this build of the app knows."""
    migs = available_migrations(folder)
    return migs[-1].version if migs else 0


def current_version(con: sqlite3.Connection) -> int:
    """PRAGMA user_version of an open database."""
    return int(con.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    db_path: Path,
    *,
    backup: Callable[[Path], Path] | None = None,
    folder: Path | None = None,
) -> MigrationResult:
    """Bring the database at db_path to the latest schema.

    A database newer than the app is refused (StorageError "db_newer_than_app") and left
    untouched. Before upgrading a non-empty database, `backup(db_path)` is called and must
    return the verified backup file. Each step runs in its own BEGIN IMMEDIATE transaction
    together with its user_version bump, so a failed step leaves the previous version intact.
    """
    migrations = available_migrations(folder)
    latest = migrations[-1].version if migrations else 0
    con = connect_raw(str(db_path))
    try:
        start = current_version(con)
        if start > latest:
            raise StorageError("db_newer_than_app", found=start, supported=latest)
        pending = [m for m in migrations if m.version > start]
        if not pending:
            return MigrationResult(start, start, None)
        taken: Path | None = None
        if start > 0 and backup is not None:
            con.close()
            taken = backup(db_path)
            con = connect_raw(str(db_path))
        for mig in pending:
            _apply(con, mig)
        return MigrationResult(start, current_version(con), taken)
    finally:
        con.close()


def _apply(con: sqlite3.Connection, mig: Migration) -> None:
    sql = mig.path.read_text(encoding="utf-8")
    script = f"BEGIN IMMEDIATE;\n{sql}\n;PRAGMA user_version = {mig.version};\nCOMMIT;"
    try:
        con.executescript(script)
    except sqlite3.Error as exc:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise StorageError("migration_failed", version=mig.version, error=str(exc)) from exc
