"""The key/value settings table: one upsert for every writer (the caller owns the transaction)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # no SQLAlchemy at run time: start-up's first stage uses this module too
    from sqlalchemy import Connection


def put(conn: Connection | sqlite3.Connection, key: str, value: str | None, stamp: str) -> None:
    """Set one setting; None removes it, so its default applies again.

    Takes a SQLAlchemy connection (services) or a plain sqlite3 one (start-up's first stage).
    """
    execute = conn.execute if isinstance(conn, sqlite3.Connection) else conn.exec_driver_sql
    if value is None:
        execute("DELETE FROM settings WHERE key = ?", (key,))
        return
    execute(
        "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (key, value, stamp),
    )
