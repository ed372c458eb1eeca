"""One sync at a time per database: a lease row in sync_state with a holder and an expiry."""

from __future__ import annotations

import json
import os
import socket
import sys
from datetime import datetime, timedelta

from stationdesk.store.database import Database
from stationdesk.sync import state
from stationdesk.sync.errors import SyncError

LEASE_SECONDS = 300.0  # longer than one request may take (120 s); renewed at every batch
_HOST = socket.gethostname()


def _dead_here(data: dict[str, object]) -> bool:
    """The holder ran on this PC and its process is gone (a crash): the lease is free at once.

    POSIX only; elsewhere a crashed holder's lease simply runs out.
    """
    pid = data.get("pid")
    if data.get("host") != _HOST or not isinstance(pid, int) or sys.platform == "win32":
        return False
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # exists, not ours to signal
        return False
    return False


def holder_of(raw: str | None, now: datetime) -> str | None:
    """The holder of a lease that is still in force, else None."""
    if not raw:
        return None
    try:
        data = json.loads(raw)
        expires = datetime.fromisoformat(str(data["expires_at"]))
    except (ValueError, KeyError, TypeError):
        return None
    if expires <= now or _dead_here(data):
        return None
    return str(data.get("holder"))


def take(db: Database, holder: str, now: datetime, seconds: float = LEASE_SECONDS) -> None:
    """Take (or renew) the lease for `holder`, or SyncError("sync_busy") while another holds it.

    One BEGIN IMMEDIATE transaction: two processes cannot both see the lease free.
    """
    with db.write_core() as conn:
        raw = conn.exec_driver_sql(
            "SELECT value FROM sync_state WHERE key = ?", (state.LEASE,)
        ).scalar_one_or_none()
        current = holder_of(raw, now)
        if current is not None and current != holder:
            raise SyncError("sync_busy")
        expires = (now + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")
        lease = {"holder": holder, "expires_at": expires, "host": _HOST, "pid": os.getpid()}
        state.write(conn, {state.LEASE: json.dumps(lease)})


def release(db: Database, holder: str) -> None:
    """Give the lease back if `holder` still has it."""
    with db.write_core() as conn:
        raw = conn.exec_driver_sql(
            "SELECT value FROM sync_state WHERE key = ?", (state.LEASE,)
        ).scalar_one_or_none()
        try:
            mine = raw is not None and json.loads(raw).get("holder") == holder
        except (ValueError, AttributeError):
            mine = True  # a garbled lease is nobody's: clear it
        if mine:
            state.write(conn, {state.LEASE: None})
