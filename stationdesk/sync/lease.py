"""One sync at a time per database: a lease row in sync_state with a holder and an expiry."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from stationdesk.store.database import Database
from stationdesk.sync import state
from stationdesk.sync.errors import SyncError

LEASE_SECONDS = 300.0  # longer than one request may take (120 s); renewed at every batch


def holder_of(raw: str | None, now: datetime) -> str | None:
    """The holder of a lease that has not expired, else None."""
    if not raw:
        return None
    try:
        data = json.loads(raw)
        expires = datetime.fromisoformat(str(data["expires_at"]))
    except (ValueError, KeyError, TypeError):
        return None
    return str(data.get("holder")) if expires > now else None


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
        state.write(conn, {state.LEASE: json.dumps({"holder": holder, "expires_at": expires})})


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
