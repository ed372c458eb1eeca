"""Database care: the full check, backups on demand or when changed, and restore."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, text

from stationdesk.domain.errors import StorageError
from stationdesk.domain.permissions import Action
from stationdesk.paths import DataPaths
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.store import audit
from stationdesk.store.backup import (
    BackupInfo,
    change_fingerprint,
    copy_database,
    list_backups,
    make_backup,
    restore,
)
from stationdesk.store.backup import newest_good_backup as store_newest_good_backup
from stationdesk.store.integrity import check_file
from stationdesk.store.lock import exclusive
from stationdesk.store.migrate import current_version, latest_version
from stationdesk.store.pragmas import connect_raw
from stationdesk.store.record_hash import OutsideChange, changed_outside

SYNC_BLOCKED_KEY = "sync_blocked_after_restore"
RESTORED_AT_KEY = "restored_at"


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What `stationdesk check` found."""

    integrity: tuple[str, ...]
    audit_rows: int
    audit_first_bad_id: int | None
    audit_problem: str | None
    schema_version: int
    app_schema_version: int
    orphans: tuple[str, ...]
    # Visits and cases changed or deleted outside the app; label: a case number, a visit id.
    outside: tuple[tuple[OutsideChange, str], ...] = ()
    # The newest backup ended its audit log with a row this database no longer has (its id):
    # rows were deleted from the end of the log, or the log was rewritten, after that backup.
    audit_behind_backup: int | None = None

    @property
    def changed_outside(self) -> tuple[str, ...]:
        """One line per outside change ("case_record 410205-…-00123K (audit row 42)")."""
        return tuple(
            f"{c.table} {label} deleted (last audit row {c.audit_id})"
            if c.deleted
            else f"{c.table} {label} (audit row {c.audit_id})"
            for c, label in self.outside
        )

    @property
    def ok(self) -> bool:
        """True when nothing at all is wrong."""
        return (
            not self.integrity
            and self.audit_first_bad_id is None
            and self.schema_version == self.app_schema_version
            and not self.orphans
            and not self.outside
            and self.audit_behind_backup is None
        )


_ORPHAN_CHECKS = {
    "visit_without_audit": "SELECT count(*) FROM visit v WHERE NOT EXISTS "
    "(SELECT 1 FROM audit_log a WHERE a.record_id = v.id)",
    "case_without_audit": "SELECT count(*) FROM case_record c WHERE NOT EXISTS "
    "(SELECT 1 FROM audit_log a WHERE a.record_id = c.id)",
    "case_without_events": "SELECT count(*) FROM case_record c WHERE NOT EXISTS "
    "(SELECT 1 FROM case_event e WHERE e.case_id = c.id)",
    "foreign_key_violations": "SELECT count(*) FROM pragma_foreign_key_check",
}


def check(ctx: ServiceContext) -> CheckReport:
    """integrity_check, foreign keys, every record audited, the audit chain, schema version."""
    require(ctx, Action.CHECK)
    problems = tuple(check_file(ctx.paths.db, full=True))
    with ctx.db.read() as s:
        chain = audit.verify_chain(s)
        orphans = []
        for name, sql in _ORPHAN_CHECKS.items():
            n = int(s.execute(text(sql)).scalar_one())
            if n:
                orphans.append(f"{name}={n}")
        outside = tuple((c, _label(s.connection(), c)) for c in changed_outside(s.connection()))
        restored = (
            s.connection()
            .exec_driver_sql("SELECT value FROM sync_state WHERE key = ?", (RESTORED_AT_KEY,))
            .scalar_one_or_none()
        )
        since = datetime.fromisoformat(restored) if restored else None
        head = _newest_backup_head(ctx.paths, since)
        behind = head[0] if head and not audit.holds_row(s.connection(), head) else None
    con = connect_raw(str(ctx.paths.db), readonly=True)
    try:
        version = current_version(con)
    finally:
        con.close()
    return CheckReport(
        integrity=problems,
        audit_rows=chain.rows,
        audit_first_bad_id=chain.first_bad_id,
        audit_problem=chain.problem,
        schema_version=version,
        app_schema_version=latest_version(),
        orphans=tuple(orphans),
        outside=outside,
        audit_behind_backup=behind,
    )


def _newest_backup_head(paths: DataPaths, since: datetime | None) -> tuple[int, str] | None:
    """The last audit row of the newest readable backup taken after `since` (the last restore).

    The log must still contain the rows of such a copy.
    """
    for info in list_backups(paths.backups):
        if since is not None and info.taken_at <= since:
            break
        try:
            return audit.chain_head(info.path)
        except sqlite3.DatabaseError:
            continue  # a damaged backup proves nothing; try the one before
    return None


def _label(conn: Connection, change: OutsideChange) -> str:
    """A case by its number (when the row is still there), a visit by its id (never a name)."""
    if change.table == "case_record" and not change.deleted:
        row = conn.exec_driver_sql(
            "SELECT case_no FROM case_record WHERE id = ?", (change.record_id,)
        )
        return str(row.scalar_one())
    return change.record_id


def backup_now(ctx: ServiceContext, dest: Path | None = None) -> Path:
    """A verified backup: into dest when given, else into the thinned backups folder."""
    require(ctx, Action.BACKUP)
    if dest is not None:
        # A copy put anywhere is the whole unmasked database: an export, admins only.
        require(ctx, Action.EXPORT)
        return copy_database(ctx.paths.db, dest)
    return make_backup(ctx.paths.db, ctx.paths.backups, ctx.clock().replace(tzinfo=None))


def backup_if_changed(ctx: ServiceContext) -> Path | None:
    """Take a backup only when the database changed since the newest backup (timer, exit)."""
    backups = list_backups(ctx.paths.backups)
    if backups and change_fingerprint(backups[0].path) == change_fingerprint(ctx.paths.db):
        return None
    return backup_now(ctx)


def backups(paths: DataPaths) -> list[BackupInfo]:
    """The backups on disk, newest first."""
    return list_backups(paths.backups)


def newest_good_backup(paths: DataPaths) -> BackupInfo | None:
    """The newest backup that passes integrity_check (offered after a failed start-up check)."""
    return store_newest_good_backup(paths.backups)


def _check_restorable(current_db: Path) -> Callable[[Path], None]:
    """Refuse copies that are not a StationDesk database of this station; block sync in them."""

    def prepare(work: Path) -> None:
        con = connect_raw(str(work))
        try:
            version = current_version(con)
            if not 1 <= version <= latest_version():
                raise StorageError("backup_not_stationdesk", version=version)
            try:
                row = con.execute("SELECT code FROM station").fetchone()
            except sqlite3.Error as exc:
                raise StorageError("backup_not_stationdesk", version=version) from exc
            if row is None:
                raise StorageError("backup_not_stationdesk", version=version)
            mine = _station_code(current_db)
            if mine is not None and mine != row[0]:
                raise StorageError("backup_other_station", backup=row[0], current=mine)
            # Sync stays blocked until a station admin confirms (design/reliability.md §1.5).
            con.execute(
                "INSERT INTO sync_state (key, value) VALUES (?, '1') "
                "ON CONFLICT (key) DO UPDATE SET value = '1'",
                (SYNC_BLOCKED_KEY,),
            )
            # Backups taken before this moment may be newer than the copy put back: check
            # compares the audit log only with backups taken after it.
            con.execute(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (RESTORED_AT_KEY, datetime.now().isoformat(timespec="seconds")),
            )
        finally:
            con.close()

    return prepare


def _station_code(db: Path) -> str | None:
    """The station code of a readable database, or None (missing, damaged, not set up)."""
    if not db.exists() or check_file(db, full=False):
        return None
    con = connect_raw(str(db), readonly=True)
    try:
        row = con.execute("SELECT code FROM station").fetchone()
        return str(row[0]) if row else None
    except sqlite3.Error:
        return None
    finally:
        con.close()


def restore_backup(paths: DataPaths, backup: Path) -> Path:
    """Replace the database with backup; returns the folder that keeps the replaced files.

    Every connection must be closed. Refused with StorageError("db_in_use") while another
    process (a running app) holds the data folder; the app itself may restore its own
    folder. The copy must be a StationDesk database of this station; sync stays blocked in
    it until a station admin confirms.
    """
    with exclusive(paths.root):
        return restore(backup, paths.db, paths.quarantine, _check_restorable(paths.db))


def restore_as_admin(ctx: ServiceContext, backup: Path) -> Path:
    """Restore a backup as a signed-in admin (the data page, the CLI); see restore_backup.

    restore_backup itself stays open to the start-up recovery dialog, which runs before
    anyone can sign in because the database failed its check.
    """
    require(ctx, Action.RESTORE)
    ctx.db.dispose()
    return restore_backup(ctx.paths, backup)


def verify_audit(ctx: ServiceContext) -> audit.ChainReport:
    """Walk the audit chain from its first row; the first row that breaks it, if any."""
    require(ctx, Action.CHECK)
    with ctx.db.read() as s:
        return audit.verify_chain(s)
