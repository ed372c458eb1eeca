"""The free-space guard: warn below 1 GB, refuse new records below max(200 MB, 2 × (db + wal))."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from stationdesk.domain.errors import StorageError

WARN_BELOW = 1_000_000_000
REFUSE_FLOOR = 200_000_000


@dataclass(frozen=True, slots=True)
class DiskState:
    """Free bytes where the database lives, and what the guard makes of them."""

    free_bytes: int
    refuse_below: int

    @property
    def warn(self) -> bool:
        """Show a warning: less than 1 GB free."""
        return self.free_bytes < WARN_BELOW

    @property
    def refuse(self) -> bool:
        """Refuse new records: below max(200 MB, 2 × (db + wal))."""
        return self.free_bytes < self.refuse_below


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def disk_state(db_path: Path) -> DiskState:
    """Measure the free space of the database's file system."""
    folder = db_path.parent if db_path.parent.exists() else Path.cwd()
    free = shutil.disk_usage(folder).free
    used = _size(db_path) + _size(db_path.with_name(db_path.name + "-wal"))
    return DiskState(free_bytes=free, refuse_below=max(REFUSE_FLOOR, 2 * used))


def ensure_room_for_new_record(db_path: Path) -> DiskState:
    """Raise StorageError("low_disk_space") when the guard refuses; else return the state."""
    state = disk_state(db_path)
    if state.refuse:
        raise StorageError(
            "low_disk_space", free_bytes=state.free_bytes, needed_bytes=state.refuse_below
        )
    return state
