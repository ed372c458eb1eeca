"""The data folder's start-up check in plain sqlite3, so the window fills before SQLAlchemy loads.

`prepare_data_dir` runs quick_check (a failure copies the files to quarantine and stops),
applies the migrations (after a backup when upgrading), and reads the station identity and
today's figures. It imports nothing heavier than the standard library; the GUI shows its
result at once and builds the full ServiceContext afterwards (services.station.open_context).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from stationdesk.paths import DataPaths
from stationdesk.services.dto import StationInfo, TodayOverview
from stationdesk.services.today import read_today
from stationdesk.store import audit_chain as audit
from stationdesk.store import settings
from stationdesk.store.backup import finish_restore, make_backup, quarantine
from stationdesk.store.integrity import check_file
from stationdesk.store.lock import DataDirLock
from stationdesk.store.migrate import migrate
from stationdesk.store.pragmas import connect_raw


@dataclass(frozen=True, slots=True)
class Prepared:
    """The data folder after its start-up check: "new", "ok" or "corrupt"."""

    status: str
    station: StationInfo | None = None
    overview: TodayOverview | None = None
    quarantined: Path | None = None
    problems: tuple[str, ...] = ()
    audit_broken_at: int | None = None  # the first audit row that fails its check


def prepare_data_dir(paths: DataPaths, *, with_figures: bool = True) -> Prepared:
    """Check and migrate the database; read the station and, optionally, today's figures."""
    paths.ensure()
    finish_restore(paths.db, paths.quarantine)  # a restore interrupted by a crash
    if paths.db.exists():
        problems = check_file(paths.db, full=False)
        if problems:
            kept = quarantine(paths.db, paths.quarantine, "failed-check")
            return Prepared("corrupt", quarantined=kept, problems=tuple(problems[:5]))
    migrate(paths.db, backup=lambda db: make_backup(db, paths.backups))
    con = connect_raw(str(paths.db))
    try:
        station = _read_station(con)
        if station is None:
            return Prepared("new")
        today = datetime.now().astimezone().date()
        overview = read_today(con, today) if with_figures else None
        broken = _verify_new_audit_rows(con)
        return Prepared("ok", station=station, overview=overview, audit_broken_at=broken)
    finally:
        con.close()


AUDIT_ANCHOR_KEY = "audit.verified_upto"


def _verify_new_audit_rows(con: sqlite3.Connection) -> int | None:
    """Check the audit rows written since the last start (the whole chain the first time).

    Returns the first bad row's id, else None and the anchor moves to the newest row. A
    change to older rows is found by the full check (`check`, 数据与备份 → 运行完整检查).
    """
    row = con.execute("SELECT value FROM settings WHERE key = ?", (AUDIT_ANCHOR_KEY,)).fetchone()
    anchor = None
    if row is not None:
        text_id, _, digest = str(row[0]).partition(":")
        anchor = (int(text_id), digest) if text_id.isdigit() and digest else None
    report = audit.verify_since(con, anchor)
    if report.first_bad_id is not None:
        return report.first_bad_id
    head = con.execute("SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    if head is not None and (anchor is None or head[0] != anchor[0]):
        stamp = datetime.now().astimezone().isoformat()
        settings.put(con, AUDIT_ANCHOR_KEY, f"{head[0]}:{head[1]}", stamp)
    return None


def _read_station(con: sqlite3.Connection) -> StationInfo | None:
    row = con.execute(
        "SELECT id, code, name, county, device_id, device_no FROM station LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    return StationInfo(row[0], row[1], row[2], row[3], row[4], int(row[5]))


__all__ = ["DataDirLock", "Prepared", "lock_data_dir", "prepare_data_dir"]


def lock_data_dir(paths: DataPaths) -> DataDirLock:
    """Hold the data folder for this app instance; StorageError("db_in_use") if another has it."""
    return DataDirLock(paths.root).acquire()
