"""Apply one pulled page and its cursor in ONE transaction; county case events re-fold the case."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from stationdesk.domain.errors import WorkflowError
from stationdesk.domain.workflow import CaseEvent
from stationdesk.services.case_actions import refold_received
from stationdesk.services.context import ServiceContext
from stationdesk.services.event_rows import event_row
from stationdesk.store.bulk import insert_rows
from stationdesk.store.models import CaseEventRow
from stationdesk.sync import state
from stationdesk.sync.crashpoints import crashpoint
from stationdesk.sync.errors import SyncError

COUNTY_DEVICE = "county"  # created_by_device of rows written by county staff

# Reference tables: (table, natural key, columns the county sends and their kinds).
_REFERENCE: Mapping[str, tuple[str, dict[str, type]]] = {
    "category": (
        "code",
        {"code": str, "name": str, "limit_days": int, "sort_order": int, "active": bool},
    ),
    "department": ("name", {"name": str, "kind": str, "phone": str, "active": bool}),
}


@dataclass(slots=True)
class PullSummary:
    """What one page did."""

    rows: int = 0
    events_added: int = 0
    reference: int = 0
    ignored: int = 0  # entities this client does not keep (payload fields beyond ours, too)
    malformed: int = 0  # rows it could not read: skipped, counted, left on the server
    cases: list[str] = field(default_factory=list)  # re-folded cases
    needs_review: list[str] = field(default_factory=list)


def _event_of(change: Mapping[str, Any]) -> CaseEvent | None:
    """The county event a pulled row describes, or None when it is unreadable."""
    p = change.get("payload")
    if not isinstance(p, Mapping):
        return None
    body = p.get("payload", {})
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError:
            return None
    try:
        occurred = datetime.fromisoformat(str(p["occurred_at"]).replace("Z", "+00:00"))
        return CaseEvent(
            str(p.get("id") or change["entity_id"]),
            p["kind"],
            occurred.astimezone(),  # the station's calendar day, like its own events
            body if isinstance(body, Mapping) else {},
            str(p.get("origin") or "county"),
        )
    except (KeyError, TypeError, ValueError, WorkflowError):
        return None


def _created_at(payload: Mapping[str, Any], now: datetime) -> datetime:
    """The row's own created_at, offset kept (reconcile buckets by its month), else now.

    A station event coming back to a PC restored from an older backup must land in the same
    bucket as on the county, or reconcile would take it for missing every day.
    """
    try:
        value = datetime.fromisoformat(str(payload.get("created_at")))
    except ValueError:
        return now
    return value if value.tzinfo is not None else now


def _case_event(
    conn: Connection, change: Mapping[str, Any], seq: int, station_id: str, now: datetime
) -> str | None:
    """Insert a county event (or note the server_seq of one we have); its case id if new."""
    event = _event_of(change)
    payload = change.get("payload")
    case_id = payload.get("case_id") if isinstance(payload, Mapping) else None
    if event is None or not isinstance(case_id, str):
        raise ValueError("malformed case_event")
    known = conn.exec_driver_sql(
        "SELECT server_seq FROM case_event WHERE id = ?", (event.id,)
    ).first()
    if known is not None:  # ours coming back, or a page applied before
        conn.exec_driver_sql(
            "UPDATE case_event SET server_seq = ? WHERE id = ? AND server_seq IS NOT ?",
            (seq, event.id, seq),
        )
        return None
    if conn.exec_driver_sql("SELECT 1 FROM case_record WHERE id = ?", (case_id,)).first() is None:
        raise LookupError(case_id)  # purged here, or never ours: nothing to attach it to
    assert isinstance(payload, Mapping)
    row = event_row(
        event,
        case_id=case_id,
        station_id=station_id,
        device_id=str(payload.get("created_by_device") or COUNTY_DEVICE),
        actor_id=None,  # a county account means nothing in this station's user table
        created_at=_created_at(payload, now),
    )
    row["server_seq"] = seq  # set: the outbox trigger leaves rows from the county alone
    insert_rows(conn, CaseEventRow, [row])
    return case_id


def _reference(conn: Connection, table: str, change: Mapping[str, Any], seq: int, now: str) -> None:
    """Upsert a county reference row by id, else by its natural key (replacing the seeds)."""
    natural, kinds = _REFERENCE[table]
    p = change.get("payload")
    if not isinstance(p, Mapping):
        raise ValueError("malformed reference row")
    row_id = str(p.get("id") or change.get("entity_id"))
    values: dict[str, object] = {}
    for name, kind in kinds.items():
        if name in p and p[name] is not None:
            value = p[name]
            if kind is bool:
                value = bool(value)
            elif not isinstance(value, kind) or isinstance(value, bool):
                raise ValueError(f"malformed {table}.{name}")
            values[name] = value
    if change.get("op") == "delete" or p.get("deleted_at"):
        values["active"] = False
    local = conn.exec_driver_sql(f"SELECT id FROM {table} WHERE id = ?", (row_id,)).first()
    if local is None and natural in values:
        local = conn.exec_driver_sql(
            f"SELECT id FROM {table} WHERE {natural} = ?", (values[natural],)
        ).first()
    values.update(server_seq=seq, updated_at=now)
    if local is not None:
        sets = ", ".join(f"{name} = ?" for name in values)
        conn.exec_driver_sql(
            f"UPDATE {table} SET {sets} WHERE id = ?", (*values.values(), str(local[0]))
        )
        return
    if natural not in values or "name" not in values:
        raise ValueError(f"new {table} without {natural}")
    values["id"] = row_id
    conn.exec_driver_sql(
        f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)})",
        tuple(values.values()),
    )


def apply_page(
    ctx: ServiceContext, page: Mapping[str, Any], cursor: int, epoch: str | None
) -> tuple[int, PullSummary]:
    """Apply the page's rows and move pull_cursor to next_cursor in ONE transaction.

    A crash leaves both done or neither (design/sync.md §3.6). Returns the new cursor.
    """
    changes = page.get("changes")
    next_cursor = page.get("next_cursor", cursor)
    if next_cursor is None:
        next_cursor = cursor
    if not isinstance(changes, list) or not isinstance(next_cursor, int) or next_cursor < cursor:
        raise SyncError("sync_bad_response", stage="pull")
    now = ctx.clock()
    stamp = now.isoformat(timespec="milliseconds")
    summary = PullSummary()
    received: dict[str, list[str]] = {}
    seqs: dict[str, int] = {}
    with ctx.db.write_core() as conn:
        station_id = str(conn.exec_driver_sql("SELECT id FROM station").scalar_one())
        for i, change in enumerate(changes):
            if i == len(changes) // 2:
                crashpoint("pull.mid_apply")
            seq = change.get("server_seq") if isinstance(change, Mapping) else None
            if not isinstance(seq, int):
                raise SyncError("sync_bad_response", stage="pull")
            entity = change.get("entity")
            summary.rows += 1
            try:
                if entity == "case_event":
                    case_id = _case_event(conn, change, seq, station_id, now)
                    if case_id is not None:
                        event_id = str(change["payload"].get("id") or change["entity_id"])
                        received.setdefault(case_id, []).append(event_id)
                        seqs[case_id] = max(seqs.get(case_id, 0), seq)
                        summary.events_added += 1
                elif isinstance(entity, str) and entity in _REFERENCE:
                    _reference(conn, entity, change, seq, stamp)
                    summary.reference += 1
                else:
                    summary.ignored += 1
            except (ValueError, LookupError, TypeError):
                summary.malformed += 1
        for case_id, event_ids in received.items():
            _state, skipped = refold_received(ctx, conn, case_id, event_ids, seqs[case_id])
            summary.cases.append(case_id)
            if skipped:
                summary.needs_review.append(case_id)
        state.write(
            conn,
            {
                state.PULL_CURSOR: next_cursor,
                state.LAST_PULL_OK: stamp,
                **({state.SERVER_EPOCH: epoch} if epoch else {}),
            },
        )
        crashpoint("pull.before_commit")
    return next_cursor, summary
