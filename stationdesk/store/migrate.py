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


def split_statements(sql: str) -> list[str]:
    """Split a migration script into complete statements (trigger bodies stay whole)."""
    statements: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip() and not _only_comments(pending):
                statements.append(pending.strip())
            pending = ""
    if pending.strip() and not _only_comments(pending):
        raise StorageError("migration_incomplete_statement", text=pending.strip()[:80])
    return statements


def _only_comments(text: str) -> bool:
    return all(not ln.strip() or ln.strip().startswith("--") for ln in text.splitlines())


def _apply(con: sqlite3.Connection, mig: Migration) -> None:
    """One step in one BEGIN IMMEDIATE transaction, foreign keys checked before COMMIT.

    The version is re-read under the write lock, so two instances starting together never
    apply a step twice. Foreign-key enforcement is off during the step (it cannot change
    inside a transaction, and table rebuilds need it off) and foreign_key_check must come
    back empty before the step commits.
    """
    statements = split_statements(mig.path.read_text(encoding="utf-8"))
    con.execute("PRAGMA foreign_keys=OFF")
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            if current_version(con) != mig.version - 1:
                con.execute("ROLLBACK")  # another process applied it meanwhile
                return
            for statement in statements:
                con.execute(statement)
            violations = con.execute("PRAGMA foreign_key_check").fetchall()
            if violations:
                raise StorageError(
                    "migration_foreign_keys", version=mig.version, rows=len(violations)
                )
            con.execute(f"PRAGMA user_version = {mig.version}")
            con.execute("COMMIT")
        except sqlite3.Error as exc:
            con.execute("ROLLBACK")
            raise StorageError("migration_failed", version=mig.version, error=str(exc)) from exc
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
    finally:
        con.execute("PRAGMA foreign_keys=ON")
