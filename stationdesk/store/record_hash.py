"""Hashes of record rows kept in the audit chain, so an edit made outside the app is found.

Each audited write of a visit or case stores the SHA-256 of the row as it left that write
("after_hash" in the audit row's detail, which the chain itself protects). A row whose
current hash differs from its last audited one was changed by something other than the
app: `check` names it. Sync bookkeeping (server_seq) is left out of the hash.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from sqlalchemy import Connection

HASHED_TABLES = ("visit", "case_record")
_NOT_HASHED = {"server_seq"}


@cache
def _expression(columns: tuple[str, ...]) -> str:
    return "sd_sha256(json_array(" + ", ".join(columns) + "))"


def _columns(conn: Connection, table: str) -> tuple[str, ...]:
    rows = conn.exec_driver_sql(f"SELECT name FROM pragma_table_info('{table}') ORDER BY cid")
    return tuple(str(r[0]) for r in rows if r[0] not in _NOT_HASHED)


def row_hashes(conn: Connection, table: str, ids: Iterable[str]) -> dict[str, str]:
    """The current hash of each given row (in the caller's transaction)."""
    if table not in HASHED_TABLES:
        raise ValueError(f"{table} is not a hashed table")
    wanted = list(ids)
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    sql = f"SELECT id, {_expression(_columns(conn, table))} FROM {table} WHERE id IN ({marks})"
    return {str(r[0]): str(r[1]) for r in conn.exec_driver_sql(sql, tuple(wanted))}


def changed_outside(conn: Connection) -> list[tuple[str, str, int]]:
    """(table, record id, audit row id) of every row that differs from its last audited hash."""
    found: list[tuple[str, str, int]] = []
    for table in HASHED_TABLES:
        expression = _expression(_columns(conn, table))
        sql = (
            "SELECT t.id, a.audit_id FROM ("
            "  SELECT record_id, json_extract(detail, '$.after_hash') AS h, max(id) AS audit_id"
            "  FROM audit_log WHERE entity = ? AND json_extract(detail, '$.after_hash') IS NOT NULL"
            "  GROUP BY record_id"
            f") AS a JOIN {table} AS t ON t.id = a.record_id WHERE {expression} != a.h"
        )
        found.extend((table, str(r[0]), int(r[1])) for r in conn.exec_driver_sql(sql, (table,)))
    return found
