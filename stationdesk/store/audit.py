"""The audit trail: append-only rows chained by SHA-256 (row_hash = H(prev_hash ‖ row))."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from stationdesk.store.audit_chain import _CHAIN_SELECT, GENESIS, _walk, canonical, chain_hash
from stationdesk.store.audit_chain import ChainReport as ChainReport  # re-exported
from stationdesk.store.bulk import insert_rows
from stationdesk.store.models import AuditLog


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


def verify_chain(session: Session) -> ChainReport:
    """Walk the chain from the first row; report the first row that breaks it."""
    return _walk(session.execute(text(_CHAIN_SELECT + " ORDER BY id")), GENESIS)


def chain_head(db_path: Path) -> tuple[int, str] | None:
    """(id, row_hash) of the last audit row in a database file (read-only), None if empty."""
    uri = db_path.resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        row = con.execute("SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        con.close()
    return (int(row[0]), str(row[1])) if row else None


def holds_row(conn: Connection, head: tuple[int, str]) -> bool:
    """Whether this database still has the audit row (id, row_hash) another copy ended with."""
    found = conn.exec_driver_sql(
        "SELECT 1 FROM audit_log WHERE id = ? AND row_hash = ?", head
    ).first()
    return found is not None
