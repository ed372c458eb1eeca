"""The sync_state key/value rows: read them all, write some in the caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection

# Keys (design/sync.md §3.2, plus the client's own bookkeeping).
SERVER_URL = "server_url"
CA_FILE = "ca_file"
STATION_CODE = "station_code"
PULL_CURSOR = "pull_cursor"
SERVER_EPOCH = "server_epoch"
LAST_PUSH_OK = "last_push_ok_at"
LAST_PULL_OK = "last_pull_ok_at"
LAST_ATTEMPT = "last_attempt_at"
LAST_ERROR = "last_error"
FAILURES = "consecutive_failures"
NEXT_ATTEMPT = "next_attempt_at"
CLOCK_OFFSET = "clock_offset_s"
BATCH_SIZE = "batch_size_current"
BATCH_SUCCESSES = "batch_successes"
STOPPED = "stopped"  # a stopping error code: automatic sync waits for setup or an update
RESTORE_SUSPECTED = "restore_suspected"
LAST_RECONCILE = "last_reconcile_at"
RECONCILE_DUE = "reconcile_due"  # set on an epoch change or a suspected restore
COUNTY_NEWER = "county_newer"  # the last reconcile's count of rows newer on the county
LEASE = "sync_lease"
BLOCKED_AFTER_RESTORE = "sync_blocked_after_restore"  # written by services.maintenance.restore


def read_all(conn: Connection) -> dict[str, str]:
    """Every sync_state row as a dict."""
    return {str(k): str(v) for k, v in conn.exec_driver_sql("SELECT key, value FROM sync_state")}


def write(conn: Connection, values: Mapping[str, object | None]) -> None:
    """Set (or, for None, delete) keys in the caller's transaction."""
    for key, value in values.items():
        if value is None:
            conn.exec_driver_sql("DELETE FROM sync_state WHERE key = ?", (key,))
        else:
            conn.exec_driver_sql(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, str(value)),
            )


def as_int(values: Mapping[str, str], key: str, default: int = 0) -> int:
    """An integer key with a default for absent or garbled values."""
    try:
        return int(values[key])
    except (KeyError, ValueError):
        return default
