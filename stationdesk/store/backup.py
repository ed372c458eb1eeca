"""Backups via the online backup API (temp → integrity_check → rename), thinning, restore."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from stationdesk.domain.errors import StorageError
from stationdesk.store.integrity import check_file
from stationdesk.store.pragmas import connect_raw

_NAME = re.compile(r"^stationdesk-(\d{8}-\d{6})(?:-(\d+))?\.db$")
_STAMP = "%Y%m%d-%H%M%S"

# reliability.md §4.5: purged personal data must leave every backup within a stated window;
# with 7 daily, 4 weekly and 3 monthly places the oldest backup is under 4 months old.
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 3
WINDOW_DAYS = 100  # and none is kept longer than this, however rarely the PC is used


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file in the backups folder."""

    path: Path
    taken_at: datetime
    size: int


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_database(source: Path, dest: Path) -> Path:
    """Copy a live database consistently to dest via a verified temp file; return dest."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    tmp.unlink(missing_ok=True)
    src = connect_raw(str(source), readonly=True)
    try:
        out = connect_raw(str(tmp))
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            out.close()
    finally:
        src.close()
    problems = check_file(tmp, full=True)
    if problems:
        tmp.unlink(missing_ok=True)
        raise StorageError("backup_verify_failed", problems="; ".join(problems[:3]))
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)
    _fsync_dir(dest.parent)
    return dest


def backup_name(now: datetime, folder: Path) -> Path:
    """A fresh stationdesk-YYYYmmdd-HHMMSS.db name in folder (suffixed if taken)."""
    base = f"stationdesk-{now.strftime(_STAMP)}"
    candidate = folder / f"{base}.db"
    n = 1
    while candidate.exists():
        candidate = folder / f"{base}-{n}.db"
        n += 1
    return candidate


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups in folder, newest first."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match:
                taken = datetime.strptime(match.group(1), _STAMP)
                same_second = int(match.group(2) or 0)  # -1, -2 … within one second
                found.append((taken, same_second, BackupInfo(path, taken, path.stat().st_size)))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [info for _, _, info in found]


def thin(stamps: list[datetime], now: datetime) -> set[datetime]:
    """Which backups to keep: all of today and yesterday, then 7 daily, 4 weekly, 3 monthly.

    Newest first, an older backup is kept when it is the first of its day while daily places
    remain, else the first of its ISO week while weekly places remain, else the first of its
    month while monthly places remain (Anki's scheme). Nothing older than WINDOW_DAYS is
    kept, except the newest backup of all when every one is that old.
    """
    keep: set[datetime] = set()
    yesterday: date = now.date() - timedelta(days=1)
    days: set[date] = set()
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    daily, weekly, monthly = KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY
    for ts in sorted(stamps, reverse=True):
        day = ts.date()
        iso = day.isocalendar()
        week = (iso.year, iso.week)
        month = (day.year, day.month)
        if day >= yesterday:
            keep.add(ts)
        elif daily and day not in days:
            daily -= 1
            keep.add(ts)
        elif weekly and week not in weeks:
            weekly -= 1
            keep.add(ts)
        elif monthly and month not in months:
            monthly -= 1
            keep.add(ts)
        else:
            continue
        days.add(day)
        weeks.add(week)
        months.add(month)
    oldest_allowed = now - timedelta(days=WINDOW_DAYS)
    newest = max(stamps, default=None)
    return {ts for ts in keep if ts >= oldest_allowed or ts == newest}


def prune(folder: Path, now: datetime) -> list[Path]:
    """Delete backups that thinning does not keep; return what was removed."""
    backups = list_backups(folder)
    keep = thin([b.taken_at for b in backups], now)
    removed = []
    for b in backups:
        if b.taken_at not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def make_backup(db_path: Path, folder: Path, now: datetime | None = None) -> Path:
    """Take a verified backup of db_path into folder and thin the set; return the new file.

    Leftover temp files of interrupted backups are removed first (they hold personal data
    outside the thinning window).
    """
    now = now or datetime.now()
    if folder.is_dir():
        for stale in folder.glob("*.tmp"):
            stale.unlink(missing_ok=True)
    dest = copy_database(db_path, backup_name(now, folder))
    prune(folder, now)
    return dest


def change_fingerprint(path: Path) -> str:
    """A value that changes whenever the database's content changes in a way worth a backup.

    Every service action appends an audit row and every synced change an outbox row (both
    AUTOINCREMENT, so sqlite_sequence moves); settings, drafts, sync bookkeeping and the
    case-number counters are covered by their own markers.
    """
    con = connect_raw(str(path), readonly=True)
    try:
        parts = [f"v{con.execute('PRAGMA user_version').fetchone()[0]}"]
        for sql in _FINGERPRINT_SQL:
            try:
                rows = con.execute(sql).fetchall()
            except sqlite3.OperationalError:  # a table this schema version does not have
                rows = []
            parts.append(repr(rows))
        return ";".join(parts)
    finally:
        con.close()


_FINGERPRINT_SQL = (
    "SELECT name, seq FROM sqlite_sequence ORDER BY name",
    "SELECT count(*), max(updated_at) FROM settings",
    "SELECT count(*), max(updated_at) FROM draft",
    "SELECT group_concat(key || '=' || value) FROM (SELECT * FROM sync_state ORDER BY key)",
    "SELECT group_concat(name || '=' || value) FROM (SELECT * FROM device_counter ORDER BY name)",
)


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest backup that passes integrity_check."""
    for info in list_backups(folder):
        if not check_file(info.path, full=True):
            return info
    return None


def companion_files(db_path: Path) -> list[Path]:
    """The database file and its -wal and -shm files, those that exist."""
    names = [db_path.name, db_path.name + "-wal", db_path.name + "-shm"]
    return [db_path.with_name(n) for n in names if db_path.with_name(n).exists()]


def quarantine(db_path: Path, folder: Path, label: str, now: datetime | None = None) -> Path:
    """Copy the database and its -wal/-shm byte for byte into folder/<ts>-<label>/."""
    now = now or datetime.now()
    dest = folder / f"{now.strftime(_STAMP)}-{label}"
    n = 1
    while dest.exists():
        dest = folder / f"{now.strftime(_STAMP)}-{label}-{n}"
        n += 1
    dest.mkdir(parents=True)
    for path in companion_files(db_path):
        shutil.copy2(path, dest / path.name)
    return dest


def staged_restore_path(db_path: Path) -> Path:
    """Where a verified copy waits until it replaces the database."""
    return db_path.with_name(db_path.name + ".restore")


def restore(
    backup: Path,
    db_path: Path,
    quarantine_dir: Path,
    prepare: Callable[[Path], None] | None = None,
) -> Path:
    """Replace the database with a verified copy of backup; the old files go to quarantine.

    The caller must have closed every connection to db_path and hold the folder to itself
    (store.lock.exclusive). `prepare(work_file)` may check or adjust the copy before it is
    staged. The staged file appears only complete (rename), and finish_restore() completes
    an interrupted restore at the next start. Returns the quarantine folder with the old
    files.
    """
    problems = check_file(backup, full=True)
    if problems:
        raise StorageError("backup_corrupt", path=str(backup), problems="; ".join(problems[:3]))
    work = db_path.with_name(db_path.name + ".restore-work")
    copy_database(backup, work)
    try:
        if prepare is not None:
            prepare(work)
        os.replace(work, staged_restore_path(db_path))
    finally:
        work.unlink(missing_ok=True)
    _fsync_dir(db_path.parent)
    kept = finish_restore(db_path, quarantine_dir)
    assert kept is not None
    return kept


def finish_restore(db_path: Path, quarantine_dir: Path) -> Path | None:
    """Swap a staged restore copy in, if one is waiting; return the quarantine folder.

    Safe to repeat after a crash at any point: the current files are copied to quarantine
    first, then the stale -wal/-shm (which belong to the old file) are removed, then the
    staged copy is renamed over the database.
    """
    staged = staged_restore_path(db_path)
    if not staged.exists():
        return None
    kept = quarantine(db_path, quarantine_dir, "before-restore")
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    os.replace(staged, db_path)
    _fsync_dir(db_path.parent)
    return kept
