"""Per-connection SQLite settings (architecture decision 1) and our SQL functions.

sd_sha256 hashes outbox payloads; sd_cjk_split gives the search index's form of Chinese text.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

BUSY_TIMEOUT_MS = 5000
JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024
CACHE_KIB = 32 * 1024  # page cache per connection (SQLite's default is 2 MiB)

# Read back by tests on live connections; journal_mode is persistent in the file.
CONNECTION_PRAGMAS: tuple[tuple[str, str], ...] = (
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("foreign_keys", "ON"),
    ("busy_timeout", str(BUSY_TIMEOUT_MS)),
    ("secure_delete", "ON"),
    ("temp_store", "MEMORY"),
    ("journal_size_limit", str(JOURNAL_SIZE_LIMIT)),
    ("cache_size", str(-CACHE_KIB)),
)


from stationdesk.store.textindex import cjk_split  # noqa: E402


def sha256_text(value: str | None) -> str | None:
    """SHA-256 hex of UTF-8 text; the outbox triggers call it as sd_sha256()."""
    if value is None:
        return None
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def prepare_connection(con: sqlite3.Connection, *, set_journal_mode: bool = True) -> None:
    """Apply every pragma and register sd_sha256 on a fresh DB-API connection.

    journal_mode is persistent in the file; a read-only connection cannot set it and skips it.
    """
    con.create_function("sd_sha256", 1, sha256_text, deterministic=True)
    con.create_function("sd_cjk_split", 1, cjk_split, deterministic=True)
    for name, value in CONNECTION_PRAGMAS:
        if name == "journal_mode" and not set_journal_mode:
            continue
        con.execute(f"PRAGMA {name}={value}").fetchall()


def connect_raw(path: str, *, readonly: bool = False) -> sqlite3.Connection:
    """A stdlib connection in autocommit mode with the production pragmas (migrations, backup).

    Read-only connections open through a file: URI built by pathlib, so folder names with
    '#', '?' or '%' cannot turn into URI syntax and open a different file.
    """
    if readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        con = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        prepare_connection(con, set_journal_mode=False)
        return con
    con = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    prepare_connection(con)
    return con
