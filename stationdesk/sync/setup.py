"""Sync settings: the county server, its CA file, the token (keyring only), status, refusals."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from stationdesk.domain.permissions import Action
from stationdesk.security import credentials
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.store import audit
from stationdesk.sync import backoff, lease, outbox, state
from stationdesk.sync.errors import SyncError
from stationdesk.sync.rejects import RejectInfo as RejectInfo  # re-exported (status, UI)
from stationdesk.sync.rejects import open_rejects
from stationdesk.sync.transport import Transport, check_server_url, tls_context

CA_FILENAME = "county-ca.pem"  # the county CA, copied into the data folder at setup
DEMO_SETTING = "demo_data"  # services.demo marks a practice database with it


def _account(conn: Connection) -> str:
    """The keyring account of this installation: station code and device id."""
    code, device_id = conn.exec_driver_sql("SELECT code, device_id FROM station").one()
    return f"{code}/{device_id}"


def refuse_unsyncable(conn: Connection, values: dict[str, str]) -> None:
    """Refuse a database that must not reach the county, or sync not set up yet."""
    demo = conn.exec_driver_sql(
        "SELECT value FROM settings WHERE key = ?", (DEMO_SETTING,)
    ).scalar_one_or_none()
    if demo == "true":
        raise SyncError("sync_demo_database")
    if values.get(state.BLOCKED_AFTER_RESTORE) == "1":
        raise SyncError("sync_blocked_after_restore")
    if not values.get(state.SERVER_URL):
        raise SyncError("sync_not_configured")


def open_transport(ctx: ServiceContext, values: dict[str, str]) -> Transport:
    """The HTTPS client for the configured server, with the token from the keyring."""
    with ctx.db.read_core() as conn:
        account = _account(conn)
    token = credentials.load_token(account)  # keyring_unavailable / sync_token_missing
    ca = values.get(state.CA_FILE)
    return Transport(values[state.SERVER_URL], token, ca_file=Path(ca) if ca else None)


def _copy_ca(ctx: ServiceContext, ca_file: Path) -> Path:
    """Check the CA file loads, then keep a copy in the data folder (whole file or nothing)."""
    if not ca_file.is_file():
        raise SyncError("sync_ca_invalid", "ca", path=str(ca_file), error="not a file")
    tls_context(ca_file)
    target = ctx.paths.root / CA_FILENAME
    part = target.with_name(target.name + ".part")
    part.write_bytes(ca_file.read_bytes())
    os.replace(part, target)
    return target


def configure(ctx: ServiceContext, server_url: str, token: str, ca_file: Path | None) -> str:
    """Set the county server (https only), its CA and the device token; returns the URL.

    The token goes only to the OS keyring; without a usable backend nothing is saved
    (keyring_unavailable). Clears a stopped state and the backoff; audited without secrets.
    """
    require(ctx, Action.CONFIGURE)
    url = check_server_url(server_url)
    clean = credentials.check_token(token)
    with ctx.db.read_core() as conn:
        account = _account(conn)
    ca = _copy_ca(ctx, ca_file) if ca_file else None
    credentials.store_token(account, clean)
    now = ctx.clock()
    with ctx.db.write_core() as conn:
        state.write(
            conn,
            {
                state.SERVER_URL: url,
                state.CA_FILE: str(ca) if ca else None,
                state.STATION_CODE: account.split("/")[0],
            },
        )
        backoff.reset(conn, now)
        station_id = str(conn.exec_driver_sql("SELECT id FROM station").scalar_one())
        detail = {
            "server": url,
            "ca_sha256": hashlib.sha256(ca.read_bytes()).hexdigest() if ca else None,
        }
        audit.append(conn, ctx.audit_entry(now, "settings.sync", "station", station_id, detail))
    return url


def resume_after_restore(ctx: ServiceContext) -> bool:
    """An admin lets sync go on after a restore (audited); False when it was not blocked.

    The restored copy is older than what the county holds: the next hello reports it
    (restore_suspected) and random change ids keep old and new changes apart.
    """
    require(ctx, Action.CONFIGURE)
    now = ctx.clock()
    with ctx.db.write_core() as conn:
        values = state.read_all(conn)
        if values.get(state.BLOCKED_AFTER_RESTORE) != "1":
            return False
        state.write(conn, {state.BLOCKED_AFTER_RESTORE: None})
        station_id = str(conn.exec_driver_sql("SELECT id FROM station").scalar_one())
        entry = ctx.audit_entry(now, "settings.sync_resume", "station", station_id, {})
        audit.append(conn, entry)
    return True


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """Everything the status line and `stationdesk sync status` show."""

    server_url: str | None
    ca_file: str | None
    keyring: bool
    token_stored: bool
    pending: int
    rejects: tuple[RejectInfo, ...]
    last_push_ok_at: str | None
    last_pull_ok_at: str | None
    last_error: str | None
    consecutive_failures: int
    next_attempt_in_s: float
    clock_offset_s: int | None
    clock_warning: bool
    pull_cursor: int
    batch_size: int | None
    stopped: str | None
    blocked: str | None  # why sync is refused: demo data, restore, not configured
    busy: bool  # another process holds the sync lease
    last_reconcile_at: str | None = None
    county_newer: int = 0  # rows the last reconcile found newer on the county than here


def sync_status(ctx: ServiceContext) -> SyncStatus:
    """The sync state of this database (no network)."""
    with ctx.db.read_core() as conn:
        values = state.read_all(conn)
        account = _account(conn)
        pending = outbox.pending_count(conn)
        rejects = open_rejects(conn, described=False)
        try:
            refuse_unsyncable(conn, values)
            blocked = None
        except SyncError as err:
            blocked = err.code
    now = ctx.clock()
    keyring_ok = credentials.keyring_available()
    token_stored = False
    if keyring_ok:
        try:
            credentials.load_token(account)
            token_stored = True
        except Exception:  # any keyring trouble reads as "no token" in a status line
            token_stored = False
    offset = values.get(state.CLOCK_OFFSET)
    offset_s = int(offset) if offset and offset.lstrip("-").isdigit() else None
    return SyncStatus(
        server_url=values.get(state.SERVER_URL),
        ca_file=values.get(state.CA_FILE),
        keyring=keyring_ok,
        token_stored=token_stored,
        pending=pending,
        rejects=rejects,
        last_push_ok_at=values.get(state.LAST_PUSH_OK),
        last_pull_ok_at=values.get(state.LAST_PULL_OK),
        last_error=values.get(state.LAST_ERROR),
        consecutive_failures=state.as_int(values, state.FAILURES),
        next_attempt_in_s=backoff.seconds_until_due(values, now),
        clock_offset_s=offset_s,
        clock_warning=offset_s is not None and abs(offset_s) > 300,
        pull_cursor=state.as_int(values, state.PULL_CURSOR),
        batch_size=state.as_int(values, state.BATCH_SIZE) or None,
        stopped=values.get(state.STOPPED),
        blocked=blocked,
        busy=lease.holder_of(values.get(state.LEASE), now) is not None,
        last_reconcile_at=values.get(state.LAST_RECONCILE),
        county_newer=state.as_int(values, state.COUNTY_NEWER),
    )
