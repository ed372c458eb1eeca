"""SQLite integrity checks on closed or open files, without writing to them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from stationdesk.store.pragmas import connect_raw


def check_file(path: Path, *, full: bool) -> list[str]:
    """Problems found by quick_check (or integrity_check when full); [] means ok.

    Opens the file read-only so a damaged database is never written to.
    """
    try:
        con = connect_raw(str(path), readonly=True)
    except sqlite3.Error as exc:
        return [f"open failed: {exc}"]
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = [str(r[0]) for r in con.execute(f"PRAGMA {pragma}").fetchall()]
        return [] if rows == ["ok"] else rows
    except sqlite3.Error as exc:
        return [f"{type(exc).__name__}: {exc}"]
    finally:
        con.close()
