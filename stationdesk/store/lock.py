"""The data-folder lock: one app instance per folder, and no restore under a running app."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from stationdesk.domain.errors import StorageError

LOCK_NAME = "stationdesk.lock"

# Folders locked by this process (an OS lock is per process; this lets the holder restore).
_HELD: dict[Path, DataDirLock] = {}


class DataDirLock:
    """An exclusive, non-blocking OS lock on <data dir>/stationdesk.lock.

    The OS drops it when the process dies (also after kill -9), so a crash never leaves
    a stale lock behind.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._fh: IO[bytes] | None = None

    def acquire(self) -> DataDirLock:
        """Take the lock or raise StorageError("db_in_use")."""
        if self._fh is not None:
            return self
        if self.root in _HELD:
            raise StorageError("db_in_use")
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / LOCK_NAME, "a+b")  # noqa: SIM115 (held until release)
        try:
            _lock(fh)
        except OSError as exc:
            fh.close()
            raise StorageError("db_in_use") from exc
        self._fh = fh
        _HELD[self.root] = self
        return self

    def release(self) -> None:
        """Let go of the lock (idempotent)."""
        if self._fh is None:
            return
        try:
            _unlock(self._fh)
        finally:
            self._fh.close()
            self._fh = None
            _HELD.pop(self.root, None)

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fh is not None


def held_here(root: Path) -> bool:
    """True when this process holds the lock of root."""
    return root.resolve() in _HELD


@contextmanager
def exclusive(root: Path) -> Iterator[None]:
    """Run a block that needs the folder to itself (restore).

    Inside the process that holds the lock (the app restoring from its data page) the block
    just runs; otherwise the lock is taken for the block, and a running app elsewhere makes
    it fail with StorageError("db_in_use").
    """
    if held_here(root):
        yield
        return
    lock = DataDirLock(root).acquire()
    try:
        yield
    finally:
        lock.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fh: IO[bytes]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh: IO[bytes]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


__all__ = ["LOCK_NAME", "DataDirLock", "exclusive", "held_here"]
