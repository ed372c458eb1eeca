"""Attachments after the records (§3.1): upload each deputy photo the county has not confirmed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import Connection

from stationdesk.services.context import ServiceContext
from stationdesk.sync.errors import SyncError

log = logging.getLogger(__name__)


class BlobTransport(Protocol):
    """What the upload needs of the transport."""

    def put_blob(self, sha256: str, data: bytes) -> bool: ...


def pending(ctx: ServiceContext) -> list[str]:
    """Hashes of photos referenced by a pushed deputy row and not yet confirmed by the county.

    A deputy row still in the outbox waits: its photo follows the record, never precedes it.
    """
    with ctx.db.read_core() as conn:
        rows = conn.exec_driver_sql(
            "SELECT DISTINCT d.photo_sha256 FROM deputy d "
            "JOIN deputy_photo p ON p.sha256 = d.photo_sha256 "
            "WHERE d.photo_sha256 IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM sync_blob_sent s WHERE s.sha256 = d.photo_sha256) "
            "AND NOT EXISTS (SELECT 1 FROM sync_outbox o "
            "WHERE o.entity = 'deputy' AND o.entity_id = d.id) ORDER BY d.photo_sha256"
        )
        return [str(r[0]) for r in rows]


def upload(
    ctx: ServiceContext, transport: BlobTransport, renew: Callable[[], None] = lambda: None
) -> int:
    """Upload the pending photos one at a time; each confirmation is committed as it comes.

    The county's PUT is idempotent (200 when it has the bytes already), so a crash between the
    upload and the local commit costs one repeated PUT, never a lost photo.
    """
    sent = 0
    for sha256 in pending(ctx):
        renew()  # keep the sync lease across a slow link
        with ctx.db.read_core() as conn:
            data = conn.exec_driver_sql(
                "SELECT data FROM deputy_photo WHERE sha256 = ?", (sha256,)
            ).scalar_one_or_none()
        if data is None:
            continue
        try:
            transport.put_blob(sha256, bytes(data))
        except SyncError as err:
            if err.code != "sync_request_refused":
                raise
            log.warning("county refused photo %s: %s", sha256[:12], err.params)
            continue  # a damaged local copy: the others still go, this one is tried next cycle
        with ctx.db.write_core() as conn:
            conn.exec_driver_sql(
                "INSERT INTO sync_blob_sent (sha256, sent_at) VALUES (?, ?) "
                "ON CONFLICT (sha256) DO NOTHING",
                (sha256, ctx.clock().isoformat(timespec="milliseconds")),
            )
        sent += 1
    return sent


def forget_all(conn: Connection) -> None:
    """A new county epoch (restored from a backup): offer every photo again (caller's txn)."""
    conn.exec_driver_sql("DELETE FROM sync_blob_sent")
