"""Anti-entropy (§3.4 reconcile): compare buckets with the county, queue again what it lacks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol, cast

from sqlalchemy import Connection

from stationdesk.domain.sync_buckets import Bucket, bucket_month, buckets
from stationdesk.services.context import ServiceContext
from stationdesk.sync import outbox, state
from stationdesk.sync.errors import SyncError
from stationdesk.sync.requeue import columns, requeue

EVERY = timedelta(hours=24)  # §3.4: daily, and after an epoch change or a restore
ID_BUCKETS = 50  # the server lists ids for at most this many buckets per request


class ReconcileTransport(Protocol):
    """What reconcile needs of the transport."""

    def reconcile(self, body: dict[str, Any]) -> dict[str, Any]: ...


@dataclass(slots=True)
class ReconcileSummary:
    """What one reconcile found; `requeued` rows are pushed in the same cycle."""

    buckets: int = 0
    differing: int = 0
    requeued: int = 0  # missing on the county, or older there
    server_only: int = 0  # on the county, not here (purged by retention, or a restored PC)
    server_newer: int = 0  # the county holds a newer version than this PC
    by_entity: dict[str, int] = field(default_factory=dict)  # requeued per entity


def is_due(values: dict[str, str], now: datetime) -> bool:
    """Due when asked for (epoch change, restore) or a day after the last one."""
    if values.get(state.RECONCILE_DUE):
        return True
    last = values.get(state.LAST_RECONCILE)
    if not last:
        return True
    try:
        since = now - datetime.fromisoformat(last)
    except (ValueError, TypeError):
        return True
    return abs(since) >= EVERY  # a clock that was days ahead, then fixed, must not stop it


def _rows(conn: Connection, table: str) -> Iterator[tuple[str, str, int | None, object]]:
    """(entity, id, row_version, created_at) of the rows this station owns in one table."""
    names = columns(conn, table)
    version = "row_version" if "row_version" in names else "NULL"  # events have none
    where = " WHERE origin = 'station'" if "origin" in names else ""  # not county events
    rows = conn.exec_driver_sql(f"SELECT id, {version}, created_at FROM {table}{where}")
    for row in rows:
        yield table, str(row[0]), cast(int | None, row[1]), row[2]


def local_buckets(conn: Connection) -> dict[tuple[str, str], Bucket]:
    """Every synced table's buckets, as `domain.sync_buckets` counts them on both sides."""
    found: dict[tuple[str, str], Bucket] = {}
    for table in sorted(outbox.synced_tables(conn)):
        found.update(buckets(_rows(conn, table)))
    return found


def _bucket_rows(conn: Connection, table: str, months: set[str]) -> dict[str, dict[str, int]]:
    """The asked buckets of one table as month → {id → row_version (events 0)}, in one scan."""
    found: dict[str, dict[str, int]] = {m: {} for m in months}
    for _, row_id, version, created_at in _rows(conn, table):
        month = bucket_month(created_at)
        if month in found:
            found[month][row_id] = version or 0
    return found


def _known_conflicts(conn: Connection, table: str) -> set[str]:
    """Rows whose newer county version a person already sees (open stale) or accepted (忽略)."""
    return {
        str(r[0])
        for r in conn.exec_driver_sql(
            "SELECT entity_id FROM sync_rejects WHERE entity = ? AND code = 'stale' "
            "AND (resolved_at IS NULL OR resolution = 'dismissed')",
            (table,),
        )
    }


def _differing(
    transport: ReconcileTransport, local: dict[tuple[str, str], Bucket]
) -> list[tuple[str, str]]:
    body = {
        "buckets": [
            {"entity": b.entity, "month": b.month, "count": b.count, "xor": b.xor}
            for b in local.values()
        ],
        "ids": [],
    }
    answer = transport.reconcile(body)
    differ = answer.get("differ")
    if not isinstance(differ, list):
        raise SyncError("sync_bad_response", stage="reconcile")
    keys = []
    for item in differ:
        if isinstance(item, dict):
            keys.append((str(item.get("entity")), str(item.get("month"))))
    return keys


def _server_ids(
    transport: ReconcileTransport, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, int]]:
    """The county's id → row_version for each asked bucket, ID_BUCKETS at a time."""
    found: dict[tuple[str, str], dict[str, int]] = {}
    for i in range(0, len(keys), ID_BUCKETS):
        chunk = keys[i : i + ID_BUCKETS]
        answer = transport.reconcile({"ids": [{"entity": e, "month": m} for e, m in chunk]})
        listed = answer.get("ids")
        if not isinstance(listed, list):
            raise SyncError("sync_bad_response", stage="reconcile")
        for item in listed:
            if not isinstance(item, dict) or not isinstance(item.get("items"), list):
                raise SyncError("sync_bad_response", stage="reconcile")
            key = (str(item.get("entity")), str(item.get("month")))
            found[key] = {
                str(x.get("id")): int(x.get("row_version") or 0)
                for x in item["items"]
                if isinstance(x, dict)
            }
    return found


def run(ctx: ServiceContext, transport: ReconcileTransport) -> ReconcileSummary:
    """One reconcile: buckets, then ids of the differing ones, then requeue in ONE transaction.

    Station rows are the source of truth for station-owned data (§3.4), so a row the county
    lacks, or holds at an older version, is queued again from its table. What the county holds
    beyond this PC is counted, never deleted here: retention purges rows locally on purpose,
    and a PC restored from an old backup must not erase the county's copy.
    """
    summary = ReconcileSummary()
    with ctx.db.read_core() as conn:
        tables = outbox.synced_tables(conn)
        local = local_buckets(conn)
    summary.buckets = len(local)
    keys = [k for k in _differing(transport, local) if k[0] in tables]
    summary.differing = len(keys)
    server = _server_ids(transport, keys) if keys else {}
    months: dict[str, set[str]] = {}
    for entity, month in keys:
        months.setdefault(entity, set()).add(month)
    missing: dict[str, list[str]] = {}
    with ctx.db.read_core() as conn:  # the scan holds no write lock; requeue reads rows anew
        for entity in sorted(months):
            mine: dict[str, int] = {}
            for rows in _bucket_rows(conn, entity, months[entity]).values():
                mine.update(rows)
            theirs: dict[str, int] = {}  # an id counts wherever the county files it
            for month in months[entity]:
                theirs.update(server.get((entity, month), {}))
            missing[entity] = [i for i, v in mine.items() if theirs.get(i, -1) < v]
            summary.server_only += sum(1 for i in theirs if i not in mine)
            known = _known_conflicts(conn, entity)  # listed for a person, or accepted
            summary.server_newer += sum(
                1 for i, v in mine.items() if theirs.get(i, -1) > v and i not in known
            )
    with ctx.db.write_core() as conn:
        for entity, ids in missing.items():
            queued = requeue(conn, entity, ids) if ids else 0
            if queued:
                summary.requeued += queued
                summary.by_entity[entity] = queued
        state.write(
            conn,
            {
                state.LAST_RECONCILE: ctx.clock().isoformat(),
                state.RECONCILE_DUE: None,
                state.COUNTY_NEWER: summary.server_newer or None,
            },
        )
    return summary
