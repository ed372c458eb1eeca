"""The key/value settings table: one upsert for every writer (the caller owns the transaction)."""

from __future__ import annotations

from sqlalchemy import Connection


def put(conn: Connection, key: str, value: str | None, stamp: str) -> None:
    """Set one setting; None removes it, so its default applies again."""
    if value is None:
        conn.exec_driver_sql("DELETE FROM settings WHERE key = ?", (key,))
        return
    conn.exec_driver_sql(
        "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (key, value, stamp),
    )
