"""Hashes of record rows kept in the audit chain, so an edit made outside the app is found.

Each audited write of a visit or case stores the SHA-256 of the row as it left that write
("after_hash" in the audit row's detail, which the chain itself protects). A row whose
current hash differs from its last audited one was changed by something other than the
app: `check` names it. Sync bookkeeping (server_seq) is left out of the hash.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Connection

# The hashed columns, fixed: a later migration that adds a column does not change the hash
# of every row written before it (which would look like tampering with all of them).
HASHED_COLUMNS: dict[str, tuple[str, ...]] = {
    "visit": (
        "id", "station_id", "created_by_device", "row_version", "deleted_at", "created_at",
        "updated_at", "received_at", "received_on", "channel", "hotline_no", "visitor_name",
        "visitor_phone", "visitor_phone_last4", "visitor_id_number", "visitor_address",
        "village", "grid_id", "people", "confidential", "clerk_id",
    ),
    "case_record": (
        "id", "station_id", "created_by_device", "row_version", "deleted_at", "created_at",
        "updated_at", "case_no", "visit_id", "position", "category_id", "content", "demand",
        "track", "on_spot_answer", "referred_to", "registered_at", "registered_on", "status",
        "department_id", "deputy_id", "suggestion_id", "due_date", "round", "first_closed_at",
        "closed_at", "rating", "rated_at", "last_event_at", "needs_review",
    ),
}  # fmt: skip
HASHED_TABLES = tuple(HASHED_COLUMNS)


@cache
def _expression(columns: tuple[str, ...]) -> str:
    return "sd_sha256(json_array(" + ", ".join(columns) + "))"


def _columns(table: str) -> tuple[str, ...]:
    return HASHED_COLUMNS[table]


def row_hashes(conn: Connection, table: str, ids: Iterable[str]) -> dict[str, str]:
    """The current hash of each given row (in the caller's transaction)."""
    if table not in HASHED_TABLES:
        raise ValueError(f"{table} is not a hashed table")
    wanted = list(ids)
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    sql = f"SELECT id, {_expression(_columns(table))} FROM {table} WHERE id IN ({marks})"
    return {str(r[0]): str(r[1]) for r in conn.exec_driver_sql(sql, tuple(wanted))}


@dataclass(frozen=True, slots=True)
class OutsideChange:
    """A visit or case row changed (or deleted) by something other than the app."""

    table: str
    record_id: str
    audit_id: int  # the last audit row that vouched for the row
    deleted: bool


def changed_outside(conn: Connection) -> list[OutsideChange]:
    """Rows changed or deleted outside the app.

    Changed: the row differs from its last audited hash. Deleted: an audited row is gone
    although no purge listed it.
    """
    found: list[OutsideChange] = []
    for table in HASHED_TABLES:
        expression = _expression(_columns(table))
        sql = (
            "SELECT t.id, a.audit_id FROM ("
            "  SELECT record_id, json_extract(detail, '$.after_hash') AS h, max(id) AS audit_id"
            "  FROM audit_log WHERE entity = ? AND json_extract(detail, '$.after_hash') IS NOT NULL"
            "  GROUP BY record_id"
            f") AS a JOIN {table} AS t ON t.id = a.record_id WHERE {expression} != a.h"
        )
        found.extend(
            OutsideChange(table, str(r[0]), int(r[1]), False)
            for r in conn.exec_driver_sql(sql, (table,))
        )
        key = "$.visit_ids" if table == "visit" else "$.case_ids"
        gone = (
            "SELECT a.record_id, max(a.id) FROM audit_log AS a"
            " WHERE a.entity = ? AND json_extract(a.detail, '$.after_hash') IS NOT NULL"
            f" AND NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t.id = a.record_id)"
            " AND a.record_id NOT IN (SELECT j.value FROM audit_log AS p, json_each(p.detail, ?)"
            "   AS j WHERE p.action = 'purge.apply')"
            " GROUP BY a.record_id"
        )
        found.extend(
            OutsideChange(table, str(r[0]), int(r[1]), True)
            for r in conn.exec_driver_sql(gone, (table, key))
        )
    return found
