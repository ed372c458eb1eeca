"""Queue a synced row again as a fresh change built from its table, by its own capture trigger."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from stationdesk.sync.errors import SyncError

_CHUNK = 400  # ids per statement (SQLite's parameter limit is far above)


def _payload_expression(conn: Connection, table: str) -> str:
    """The `json_object(...)` of `<table>_outbox_insert` with NEW. read as the row alias t.

    The capture trigger stays the one definition of a payload: a requeued row is sent in
    exactly the shape a local write would have sent it.
    """
    sql = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        (f"{table}_outbox_insert",),
    ).scalar_one_or_none()
    if sql is None:
        raise SyncError("sync_unknown_entity", entity=table)
    start = str(sql).index("json_object(")
    depth = 0
    for end in range(start + len("json_object"), len(sql)):
        depth += {"(": 1, ")": -1}.get(sql[end], 0)
        if depth == 0:
            return str(sql)[start : end + 1].replace("NEW.", "t.")
    raise SyncError("sync_unknown_entity", entity=table)


def columns(conn: Connection, table: str) -> set[str]:
    """The column names of a synced table (the name comes from sqlite_master, never a user)."""
    return {str(r[1]) for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}


def is_event_table(conn: Connection, table: str) -> bool:
    """Append-only synced tables (case_event, attendance, …) have no row_version."""
    return "row_version" not in columns(conn, table)


def requeue(
    conn: Connection, table: str, ids: Sequence[str], *, asked_by_person: bool = False
) -> int:
    """Queue the rows' current state as new changes (new change ids); how many were queued.

    Rows that already wait in the outbox are left alone (the queued change carries them). So is
    a row whose CURRENT version (an event: the event itself) the county refused for its
    content — open, or dismissed (忽略) by a person: sent again by a machine it would only be
    refused again, or undo that decision. Not blocking: a refusal of an older version, one
    resolved by 重新上传, and `stale` / `key_reuse` (about the county's state or a change id,
    not the content; reconcile queues only what the county lacks or holds older).
    `asked_by_person` (重新上传 itself) sends regardless. Runs in the caller's transaction.
    """
    payload = _payload_expression(conn, table)
    event = is_event_table(conn, table)
    op = "'event'" if event else "CASE WHEN t.deleted_at IS NULL THEN 'put' ELSE 'delete' END"
    version = "NULL" if event else "t.row_version"
    queued = 0
    for i in range(0, len(ids), _CHUNK):
        chunk = list(ids[i : i + _CHUNK])
        marks = ", ".join("?" * len(chunk))
        result = conn.exec_driver_sql(
            "INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, "
            "payload_sha256, created_at) "
            f"SELECT lower(hex(randomblob(16))), '{table}', p.id, p.op, p.row_version, p.j, "
            "sd_sha256(p.j), strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
            f"FROM (SELECT t.id AS id, {op} AS op, {version} AS row_version, {payload} AS j "
            f"FROM {table} AS t WHERE t.id IN ({marks}) "
            "AND NOT EXISTS (SELECT 1 FROM sync_outbox o "
            "WHERE o.entity = ? AND o.entity_id = t.id) "
            "AND (? OR NOT EXISTS (SELECT 1 FROM sync_rejects r WHERE r.entity = ? "
            "AND r.entity_id = t.id AND r.code NOT IN ('stale', 'key_reuse') "
            "AND (r.resolved_at IS NULL OR r.resolution = 'dismissed') "
            f"AND json_extract(r.payload, '$.row_version') IS {version})) "
            "ORDER BY t.rowid) AS p",
            (*chunk, table, int(asked_by_person), table),
        )
        queued += max(0, result.rowcount)
    return queued
