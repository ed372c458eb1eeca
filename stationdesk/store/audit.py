"""The audit trail: append-only rows chained by SHA-256 (row_hash = H(prev_hash ‖ row))."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from stationdesk.store.bulk import insert_rows
from stationdesk.store.models import AuditLog

GENESIS = "0" * 64


def canonical(
    ts: str,
    user_id: str | None,
    role: str | None,
    action: str,
    entity: str | None,
    record_id: str | None,
    detail: str,
    reason: str | None,
) -> str:
    """The canonical JSON of an audit row's content, the input of its hash."""
    body = {
        "action": action,
        "detail": detail,
        "entity": entity,
        "reason": reason,
        "record_id": record_id,
        "role": role,
        "ts": ts,
        "user_id": user_id,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def chain_hash(prev_hash: str, canonical_row: str) -> str:
    """SHA-256 hex of prev_hash followed by the canonical row."""
    return hashlib.sha256((prev_hash + canonical_row).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit row to write; `detail` must already be masked (no plaintext phones or IDs)."""

    ts: datetime
    user_id: str | None
    role: str | None
    action: str
    entity: str | None = None
    record_id: str | None = None
    detail: Mapping[str, object] | None = None
    reason: str | None = None


def append_many(session: Session | Connection, entries: Sequence[AuditEntry]) -> str:
    """Append entries in order, each chained to the one before; return the new chain head.

    Caller owns the write transaction (BEGIN IMMEDIATE serialises writers, so the head read
    here is still the head at commit).
    """
    conn = session.connection() if isinstance(session, Session) else session
    prev = conn.exec_driver_sql(
        "SELECT row_hash FROM audit_log ORDER BY id DESC LIMIT 1"
    ).scalar_one_or_none()
    head = prev or GENESIS
    rows = []
    for e in entries:
        detail_json = json.dumps(dict(e.detail or {}), ensure_ascii=False, sort_keys=True)
        ts_text = e.ts.isoformat(timespec="milliseconds")
        body = canonical(
            ts_text, e.user_id, e.role, e.action, e.entity, e.record_id, detail_json, e.reason
        )
        row_hash = chain_hash(head, body)
        rows.append(
            {
                "ts": e.ts,
                "user_id": e.user_id,
                "role": e.role,
                "action": e.action,
                "entity": e.entity,
                "record_id": e.record_id,
                "detail": detail_json,
                "reason": e.reason,
                "prev_hash": head,
                "row_hash": row_hash,
            }
        )
        head = row_hash
    if rows:
        insert_rows(conn, AuditLog, rows)
    return head


def append(session: Session | Connection, entry: AuditEntry) -> str:
    """Append one entry; see append_many."""
    return append_many(session, [entry])


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of verifying the audit chain."""

    rows: int
    first_bad_id: int | None
    problem: str | None

    @property
    def ok(self) -> bool:
        """True when every row links to its predecessor and hashes to its row_hash."""
        return self.first_bad_id is None


def verify_chain(session: Session) -> ChainReport:
    """Walk the chain from the first row; report the first row that breaks it."""
    result = session.execute(
        text(
            "SELECT id, ts, user_id, role, action, entity, record_id, detail, reason, "
            "prev_hash, row_hash FROM audit_log ORDER BY id"
        )
    )
    prev = GENESIS
    count = 0
    for row in result:
        count += 1
        rid = int(row[0])
        fields = [None if v is None else str(v) for v in row[1:]]
        ts, user_id, role, action, entity, record_id, detail, reason, prev_hash, row_hash = fields
        if prev_hash != prev:
            return ChainReport(count, rid, "prev_hash_mismatch")
        body = canonical(
            ts or "", user_id, role, action or "", entity, record_id, detail or "", reason
        )
        if chain_hash(prev, body) != row_hash:
            return ChainReport(count, rid, "row_hash_mismatch")
        prev = row_hash
    return ChainReport(count, None, None)
