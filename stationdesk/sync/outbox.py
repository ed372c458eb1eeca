"""The outbox side of push: batches in seq order, and the acknowledgement in one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from stationdesk.services.context import ServiceContext
from stationdesk.store import audit
from stationdesk.store.record_hash import row_hashes
from stationdesk.sync import state
from stationdesk.sync.crashpoints import crashpoint

DONE = frozenset({"applied", "duplicate", "stale"})  # duplicate: an earlier send's result
REJECTED = frozenset({"rejected", "key_reuse"})
STALE = "stale"  # the code of a stale row kept in sync_rejects (the county holds a newer one)


@dataclass(frozen=True, slots=True)
class OutboxChange:
    """One queued change as the triggers wrote it."""

    seq: int
    change_id: str
    entity: str
    entity_id: str
    op: str
    row_version: int | None
    payload: str
    payload_sha256: str

    @property
    def size(self) -> int:
        """Bytes of the payload as JSON text (what the batch byte limit counts)."""
        return len(self.payload.encode("utf-8"))

    def wire(self) -> dict[str, Any]:
        """The change as §3.4 sends it (payload as an object, its hash as stored)."""
        return {
            "change_id": self.change_id,
            "seq": self.seq,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "op": self.op,
            "row_version": self.row_version,
            "payload": json.loads(self.payload),
            "payload_sha256": self.payload_sha256,
        }


@dataclass(slots=True)
class AckSummary:
    """What one acknowledgement did."""

    applied: int = 0
    duplicates: int = 0
    stale: int = 0
    rejected: int = 0
    left_queued: int = 0  # changes the response did not mention: sent again later
    needs_review: list[str] = field(default_factory=list)  # case ids flagged by a stale result


def synced_tables(conn: Connection) -> frozenset[str]:
    """Tables whose changes the outbox captures (each has an `<table>_outbox_insert` trigger)."""
    rows = conn.exec_driver_sql(
        "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = tbl_name || "
        "'_outbox_insert'"
    )
    return frozenset(str(r[0]) for r in rows)


def pending_count(conn: Connection) -> int:
    """Changes still waiting to be pushed."""
    return int(conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one())


def max_seq(conn: Connection) -> int:
    """The highest outbox seq ever handed out (sqlite_sequence survives the deletes)."""
    value = conn.exec_driver_sql(
        "SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'"
    ).scalar_one_or_none()
    return int(value or 0)


def coalesce(conn: Connection, max_bytes: int) -> int:
    """Drop queued puts (and tombstones) a newer queued one of the same row supersedes.

    Payloads are full-row snapshots, so only the newest matters (§3.3 "optional coalescing").
    Events are never coalesced. Safe when an older one was already sent without an answer: the
    county holds at most that version, and the newer one follows. Runs in the caller's write
    transaction, before a push, while the lease keeps any other push out. A newer change too
    large to send (it will be refused `too_large`) supersedes nothing: the older one still goes.
    """
    result = conn.exec_driver_sql(
        "DELETE FROM sync_outbox AS o WHERE o.op != 'event' AND EXISTS ("
        "SELECT 1 FROM sync_outbox AS n WHERE n.entity = o.entity "
        "AND n.entity_id = o.entity_id AND n.seq > o.seq AND n.op != 'event' "
        "AND length(CAST(n.payload AS BLOB)) <= ?)",
        (max_bytes,),
    )
    return max(0, result.rowcount)


def select_batch(conn: Connection, max_changes: int, max_bytes: int) -> list[OutboxChange]:
    """The oldest changes in seq order, at most `max_changes` and `max_bytes` (at least one)."""
    rows = conn.exec_driver_sql(
        "SELECT seq, change_id, entity, entity_id, op, row_version, payload, payload_sha256 "
        "FROM sync_outbox ORDER BY seq LIMIT ?",
        (max(1, max_changes),),
    )
    batch: list[OutboxChange] = []
    total = 0
    for row in rows:
        change = OutboxChange(
            int(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]),
            None if row[5] is None else int(row[5]), str(row[6]), str(row[7]),
        )  # fmt: skip
        if batch and total + change.size > max_bytes:
            break
        batch.append(change)
        total += change.size
    return batch


def note_attempt(conn: Connection, batch: Sequence[OutboxChange], error: str) -> None:
    """Count a failed send on each change of the batch (they stay queued)."""
    conn.exec_driver_sql(
        "UPDATE sync_outbox SET attempts = attempts + 1, last_error = ? WHERE change_id = ?",
        [(error, c.change_id) for c in batch],
    )


def reject(
    conn: Connection, change: OutboxChange, code: str, message: str | None, now: datetime
) -> None:
    """Move a change from the outbox to sync_rejects (kept and shown, never dropped)."""
    conn.exec_driver_sql(
        "INSERT INTO sync_rejects (change_id, entity, entity_id, payload, code, message, "
        "rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (change_id) DO UPDATE SET "
        "code = excluded.code, message = excluded.message, rejected_at = excluded.rejected_at, "
        "resolved_at = NULL",
        (
            change.change_id, change.entity, change.entity_id, change.payload, code, message,
            now.isoformat(timespec="milliseconds"),
        ),
    )  # fmt: skip
    conn.exec_driver_sql("DELETE FROM sync_outbox WHERE change_id = ?", (change.change_id,))


def _set_server_seq(
    conn: Connection, tables: frozenset[str], change: OutboxChange, seq: int
) -> None:
    """Remember the server_seq on the row (not captured: the triggers ignore sync bookkeeping)."""
    if change.entity not in tables:
        return
    conn.exec_driver_sql(
        f"UPDATE {change.entity} SET server_seq = ? "
        "WHERE id = ? AND (server_seq IS NULL OR server_seq < ?)",
        (seq, change.entity_id, seq),
    )


def _flag_review(
    ctx: ServiceContext, conn: Connection, case_id: str, current: object, now: datetime
) -> bool:
    """A stale case row: another device's version won; the clerk reviews it (audited)."""
    row = conn.exec_driver_sql(
        "SELECT case_no, needs_review FROM case_record WHERE id = ?", (case_id,)
    ).first()
    if row is None or row[1]:
        return False
    before = row_hashes(conn, "case_record", [case_id])[case_id]
    conn.exec_driver_sql("UPDATE case_record SET needs_review = 1 WHERE id = ?", (case_id,))
    detail = {
        "case_no": row[0],
        "server_current": current,
        "before_hash": before,
        "after_hash": row_hashes(conn, "case_record", [case_id])[case_id],
    }
    audit.append(conn, ctx.audit_entry(now, "case.sync_conflict", "case_record", case_id, detail))
    return True


def stale_message(current: object) -> str:
    """What a stale reject keeps of the county's hint: its JSON, e.g. {"row_version": 9}."""
    hint = current if isinstance(current, Mapping) else {"row_version": current}
    return json.dumps(dict(hint), sort_keys=True)


def _overtaken(
    conn: Connection, tables: frozenset[str], change: OutboxChange, current: object
) -> bool:
    """Whether the station's row is already past the county's version.

    Then a newer change of it is queued (or was sent) and wins there: this stale one needs
    nobody's attention.
    """
    version = current.get("row_version") if isinstance(current, Mapping) else None
    if change.entity not in tables or not isinstance(version, int):
        return False
    columns = {str(r[1]) for r in conn.exec_driver_sql(f"PRAGMA table_info({change.entity})")}
    if "row_version" not in columns:
        return False
    local = conn.exec_driver_sql(
        f"SELECT row_version FROM {change.entity} WHERE id = ?", (change.entity_id,)
    ).scalar_one_or_none()
    return isinstance(local, int) and local > version


def _error_of(result: Mapping[str, Any]) -> tuple[str, str | None]:
    error = result.get("error")
    if isinstance(error, Mapping):
        code, message = error.get("code"), error.get("message")
    else:
        code, message = error, None
    status = str(result.get("status"))
    code = code if isinstance(code, str) and code else status
    return code, message if isinstance(message, str) else None


def acknowledge(
    ctx: ServiceContext,
    batch: Sequence[OutboxChange],
    results: Iterable[Mapping[str, Any]],
    now: datetime,
    extra_state: Mapping[str, object | None],
) -> AckSummary:
    """Apply a push response in ONE local transaction (design/sync.md §3.6).

    Applied, duplicate and stale changes leave the outbox and their rows get server_seq;
    rejected ones move to sync_rejects; a stale row goes to sync_rejects too (code stale, the
    county's version in its message) unless a newer change of it is already on its way, and a
    stale case is also flagged for review. Changes the response does not mention stay queued.
    `extra_state` (last_push_ok_at, the batch size…) is written in the same transaction.
    """
    by_id = {c.change_id: c for c in batch}
    summary = AckSummary()
    with ctx.db.write_core() as conn:
        tables = synced_tables(conn)
        seen: set[str] = set()
        handled = 0
        for result in results:
            change = by_id.get(str(result.get("change_id")))
            if change is None or change.change_id in seen:
                continue
            seen.add(change.change_id)
            status = str(result.get("status"))
            if status in REJECTED:
                code, message = _error_of(result)
                reject(conn, change, code, message, now)
                summary.rejected += 1
                handled += 1
                continue
            if status not in DONE:
                continue  # unknown status: keep it queued
            conn.exec_driver_sql("DELETE FROM sync_outbox WHERE change_id = ?", (change.change_id,))
            handled += 1
            seq = result.get("server_seq")
            if isinstance(seq, int):
                _set_server_seq(conn, tables, change, seq)
            duplicate = status == "duplicate" or bool(result.get("duplicate"))
            if duplicate:
                summary.duplicates += 1
            if status == "stale":
                summary.stale += 1
                current = result.get("current")
                if _overtaken(conn, tables, change, current):
                    continue  # a newer change of the row is queued or sent: it wins there
                reject(conn, change, STALE, stale_message(current), now)
                if change.entity == "case_record" and _flag_review(
                    ctx, conn, change.entity_id, current, now
                ):
                    summary.needs_review.append(change.entity_id)
            elif not duplicate:
                summary.applied += 1
        summary.left_queued = len(batch) - handled
        state.write(conn, extra_state)
        crashpoint("push.after_response_before_ack_commit")
    crashpoint("ack.commit")
    return summary
