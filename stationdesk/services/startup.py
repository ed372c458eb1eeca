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
    con = connect_raw(str(paths.db), readonly=True)
    try:
        station = _read_station(con)
        if station is None:
            return Prepared("new")
        today = datetime.now().astimezone().date()
        overview = read_today(con, today) if with_figures else None
        return Prepared("ok", station=station, overview=overview)
    finally:
        con.close()


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
