"""The per-connection SQLite settings of architecture decision 1, and the SQL functions we add."""

from __future__ import annotations

import hashlib
import sqlite3

BUSY_TIMEOUT_MS = 5000
JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024

# Read back by tests on live connections; journal_mode is persistent in the file.
CONNECTION_PRAGMAS: tuple[tuple[str, str], ...] = (
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("foreign_keys", "ON"),
    ("busy_timeout", str(BUSY_TIMEOUT_MS)),
    ("secure_delete", "ON"),
    ("temp_store", "MEMORY"),
    ("journal_size_limit", str(JOURNAL_SIZE_LIMIT)),
)


def sha256_text(value: str | None) -> str | None:
    """SHA-256 hex of UTF-8 text; the outbox triggers call it as sd_sha256()."""
    if value is None:
        return None
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def prepare_connection(con: sqlite3.Connection) -> None:
    """Apply every pragma and register sd_sha256 on a fresh DB-API connection."""
    con.create_function("sd_sha256", 1, sha256_text, deterministic=True)
    for name, value in CONNECTION_PRAGMAS:
        con.execute(f"PRAGMA {name}={value}").fetchall()


def connect_raw(path: str, *, readonly: bool = False) -> sqlite3.Connection:
    """A stdlib connection in autocommit mode with the production pragmas (migrations, backup)."""
    if readonly:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, timeout=5.0)
        con.create_function("sd_sha256", 1, sha256_text, deterministic=True)
        con.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        return con
    con = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    prepare_connection(con)
    return con
