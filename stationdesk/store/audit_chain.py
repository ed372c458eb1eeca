"""The audit chain's arithmetic, standard library only (start-up checks it before SQLAlchemy)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
class ChainReport:
    """The result of verifying the audit chain."""

    rows: int
    first_bad_id: int | None
    problem: str | None

    @property
    def ok(self) -> bool:
        """True when every row links to its predecessor and hashes to its row_hash."""
        return self.first_bad_id is None


_CHAIN_SELECT = (
    "SELECT id, ts, user_id, role, action, entity, record_id, detail, reason, "
    "prev_hash, row_hash FROM audit_log"
)


_CHAIN_SELECT = (
    "SELECT id, ts, user_id, role, action, entity, record_id, detail, reason, "
    "prev_hash, row_hash FROM audit_log"
)


def verify_since(con: sqlite3.Connection, anchor: tuple[int, str] | None) -> ChainReport:
    """Walk only the rows after an anchor (id, row_hash) verified before (start-up).

    The anchor row must still be there with the same hash; None walks the whole chain.
    """
    if anchor is None:
        return _walk(con.execute(_CHAIN_SELECT + " ORDER BY id"), GENESIS)
    found = con.execute("SELECT row_hash FROM audit_log WHERE id = ?", (anchor[0],)).fetchone()
    if found is None or found[0] != anchor[1]:
        return ChainReport(0, anchor[0], "anchor_changed")
    rows = con.execute(_CHAIN_SELECT + " WHERE id > ? ORDER BY id", (anchor[0],))
    return _walk(rows, anchor[1])


def _walk(result: Iterable[Sequence[object]], prev: str) -> ChainReport:
    count = 0
    for row in result:
        count += 1
        rid = int(str(row[0]))
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
