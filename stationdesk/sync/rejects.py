"""Changes the county refused or found stale: listed, sent again or dismissed by an admin."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from stationdesk.domain.masking import mask_in_text, mask_name
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import clean_text
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.store import audit
from stationdesk.store.record_hash import HASHED_TABLES, row_hashes
from stationdesk.sync import requeue
from stationdesk.sync.errors import SyncError
from stationdesk.sync.outbox import STALE, synced_tables

NOTE_MAX = 200  # a dismissal's note, as long as the other notes and reasons

# The payload's date of a record, first found wins (visit, case, shift, activity, …).
_DATE_KEYS = ("received_on", "registered_on", "shift_on", "occurred_on", "changed_on",
              "formed_on", "started_on")  # fmt: skip


@dataclass(frozen=True, slots=True)
class RejectInfo:
    """A change the county refused: kept, shown, resolved by a person (message masked).

    `record` names the record from its own data (date, case number, masked visitor name,
    deputy); `county_version` is the county's row_version of a stale change and
    `local_version` the refused one; `can_resend` says whether the station still has the
    row in a table it syncs.
    """

    change_id: str
    entity: str
    entity_id: str
    code: str
    message: str | None
    rejected_at: str
    record: str = ""
    county_version: int | None = None
    local_version: int | None = None
    can_resend: bool = False


def county_version(code: str, message: str | None) -> int | None:
    """The county's row_version kept with a stale reject (None for other codes)."""
    if code != STALE or not message:
        return None
    try:
        value = json.loads(message).get("row_version")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _payload(raw: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _lookup(conn: Connection, sql: str, key: object) -> str:
    if not isinstance(key, str) or not key:
        return ""
    value = conn.exec_driver_sql(sql, (key,)).scalar_one_or_none()
    return str(value) if value else ""


def _describe(conn: Connection, entity: str, payload: Mapping[str, Any]) -> str:
    """Date, case number and person of the refused record, from its data only (masked)."""
    parts: list[str] = []
    day = next((payload[k] for k in _DATE_KEYS if isinstance(payload.get(k), str)), "")
    parts.append(str(day)[:10])
    case_no = payload.get("case_no")
    if not isinstance(case_no, str):
        case_no = _lookup(conn, "SELECT case_no FROM case_record WHERE id = ?",
                          payload.get("case_id"))  # fmt: skip
    parts.append(case_no)
    if entity == "visit":
        parts.append(mask_name(str(payload.get("visitor_name") or "")))
    elif entity in ("deputy", "grid"):
        parts.append(str(payload.get("name") or ""))  # public: the roster board shows them
    elif entity == "deputy_contact":
        parts.append(mask_name(str(payload.get("name") or "")))  # a voter, not a deputy
    deputy = _lookup(conn, "SELECT name FROM deputy WHERE id = ?", payload.get("deputy_id"))
    parts.append(deputy)
    return mask_in_text(" ".join(p for p in parts if p))


def _row_exists(conn: Connection, tables: frozenset[str], entity: str, entity_id: str) -> bool:
    if entity not in tables:
        return False
    found = conn.exec_driver_sql(f"SELECT 1 FROM {entity} WHERE id = ?", (entity_id,)).first()
    return found is not None


def _info(conn: Connection, tables: frozenset[str] | None, row: Sequence[Any]) -> RejectInfo:
    """One reject; with `tables` None the lookups (record, can_resend) are left out."""
    change_id, entity, entity_id, code, message, rejected_at, raw = (str(v or "") for v in row)
    payload = _payload(raw)
    version = payload.get("row_version")
    return RejectInfo(
        change_id=change_id,
        entity=entity,
        entity_id=entity_id,
        code=code,
        message=mask_in_text(message) if message else None,
        rejected_at=rejected_at,
        record="" if tables is None else _describe(conn, entity, payload),
        county_version=county_version(code, message or None),
        local_version=version if isinstance(version, int) else None,
        can_resend=tables is not None and _row_exists(conn, tables, entity, entity_id),
    )


def open_rejects(conn: Connection, *, described: bool = True) -> tuple[RejectInfo, ...]:
    """The unresolved rejects, oldest first (in the caller's transaction; no permission check).

    `described=False` skips the per-reject lookups (record, can_resend): the status line, read
    after every cycle, needs only the rows.
    """
    tables = synced_tables(conn) if described else None
    rows = conn.exec_driver_sql(
        "SELECT change_id, entity, entity_id, code, message, rejected_at, payload "
        "FROM sync_rejects WHERE resolved_at IS NULL ORDER BY rejected_at, rowid"
    ).all()
    return tuple(_info(conn, tables, r) for r in rows)


def list_open(ctx: ServiceContext) -> list[RejectInfo]:
    """The changes the county refused that nobody has resolved yet (every role may look)."""
    require(ctx, Action.VIEW_CASES)
    with ctx.db.read_core() as conn:
        return list(open_rejects(conn))


def _open_reject(conn: Connection, change_id: str) -> tuple[str, str, str, str | None, str]:
    """(entity, entity_id, code, message, payload) of an unresolved reject, or a refusal."""
    row = conn.exec_driver_sql(
        "SELECT entity, entity_id, code, message, payload, resolved_at FROM sync_rejects "
        "WHERE change_id = ?",
        (change_id,),
    ).first()
    if row is None:
        raise SyncError("sync_reject_not_found", "change_id", change_id=change_id)
    if row[5] is not None:
        raise SyncError("sync_reject_resolved", "change_id", change_id=change_id, at=row[5])
    return str(row[0]), str(row[1]), str(row[2]), row[3], str(row[4])


def _bump(conn: Connection, table: str, row_id: str, county: int | None) -> dict[str, object]:
    """Raise the row's row_version above the county's; the capture trigger queues a put.

    Only row_version moves: the content stays the station's.
    """
    local = conn.exec_driver_sql(
        f"SELECT row_version FROM {table} WHERE id = ?", (row_id,)
    ).scalar_one_or_none()
    if local is None:
        raise SyncError("sync_reject_row_gone", "change_id", entity=table)
    version = max(int(local), county or 0) + 1
    conn.exec_driver_sql(f"UPDATE {table} SET row_version = ? WHERE id = ?", (version, row_id))
    return {"row_version": version, "county_version": county}


def _highest_county_version(conn: Connection, entity: str, entity_id: str) -> int | None:
    """The newest county version any open stale reject of the record names."""
    versions = [
        county_version(str(code), None if message is None else str(message))
        for code, message in conn.exec_driver_sql(
            "SELECT code, message FROM sync_rejects WHERE entity = ? AND entity_id = ? "
            "AND resolved_at IS NULL",
            (entity, entity_id),
        )
    ]
    known = [v for v in versions if v is not None]
    return max(known) if known else None


def _resolve(conn: Connection, where: str, params: tuple[str, ...], how: str, at: str) -> list[str]:
    """Mark open rejects resolved (`how`: resent | dismissed); their change ids."""
    return [
        str(r[0])
        for r in conn.exec_driver_sql(
            f"UPDATE sync_rejects SET resolved_at = ?, resolution = ? WHERE {where} "
            "AND resolved_at IS NULL RETURNING change_id",
            (at, how, *params),
        )
    ]


def _clear_review(conn: Connection, entity: str, entity_id: str) -> None:
    """A case whose last open reject is resolved no longer needs review (a local flag)."""
    if entity != "case_record":
        return
    still_open = conn.exec_driver_sql(
        "SELECT 1 FROM sync_rejects WHERE entity = 'case_record' AND entity_id = ? "
        "AND resolved_at IS NULL",
        (entity_id,),
    ).first()
    if still_open is None:
        conn.exec_driver_sql(
            "UPDATE case_record SET needs_review = 0 WHERE id = ? AND needs_review != 0",
            (entity_id,),
        )


def _hash_of(conn: Connection, table: str, row_id: str) -> str | None:
    if table not in HASHED_TABLES:
        return None
    return row_hashes(conn, table, [row_id]).get(row_id)


def _hashes(before: str | None, after: str | None) -> dict[str, object]:
    """Before/after hashes for the audit row of a hashed table (`check` then sees no tampering)."""
    return {} if before is None else {"before_hash": before, "after_hash": after}


def resend(ctx: ServiceContext, change_id: str) -> int:
    """Queue the station's CURRENT version of a refused record again; how many changes queued.

    A row table's row_version is raised above the newest county version any open reject of
    the record names, so the new put wins there; an event (case_event, attendance, …) is
    queued again from its capture trigger. The reject, and every other open reject of the same
    record (older versions the new one supersedes), is resolved `resent` in the same
    transaction; a case's review flag is cleared; audited `sync.reject_resent` (with before and
    after hashes for visit and case rows). Refused: sync_reject_not_found,
    sync_reject_resolved, sync_reject_not_resendable (a table the station does not sync),
    sync_reject_row_gone (the row was purged).
    """
    require(ctx, Action.CONFIGURE)
    now = ctx.clock()
    at = now.isoformat(timespec="milliseconds")
    with ctx.db.write_core() as conn:
        entity, entity_id, code, _message, _raw = _open_reject(conn, change_id)
        tables = synced_tables(conn)
        if entity not in tables:
            raise SyncError("sync_reject_not_resendable", "change_id", entity=entity)
        if not _row_exists(conn, tables, entity, entity_id):
            raise SyncError("sync_reject_row_gone", "change_id", entity=entity)
        county = _highest_county_version(conn, entity, entity_id)
        before = _hash_of(conn, entity, entity_id)
        resolved = _resolve(conn, "entity = ? AND entity_id = ?", (entity, entity_id), "resent", at)
        _clear_review(conn, entity, entity_id)
        detail: dict[str, object] = {"change_id": change_id, "entity": entity, "code": code}
        if requeue.is_event_table(conn, entity):
            queued = requeue.requeue(conn, entity, [entity_id], asked_by_person=True)
        else:
            detail |= _bump(conn, entity, entity_id, county)
            queued = 1
        detail |= _hashes(before, _hash_of(conn, entity, entity_id))
        detail |= {"resolved": sorted(resolved), "queued": queued}
        audit.append(conn, ctx.audit_entry(now, "sync.reject_resent", entity, entity_id, detail))
    return queued


def dismiss(ctx: ServiceContext, change_id: str, note: str) -> None:
    """Resolve a reject without sending anything (e.g. the county's version is the right one).

    The note is required (ValidationError required/too_long on field `note`); audited
    `sync.reject_dismissed` with the note as its reason. Refused like resend for an unknown or
    already resolved change id.
    """
    require(ctx, Action.CONFIGURE)
    why = clean_text(note, "note", NOTE_MAX, required=True)
    now = ctx.clock()
    with ctx.db.write_core() as conn:
        entity, entity_id, code, _message, _raw = _open_reject(conn, change_id)
        before = _hash_of(conn, entity, entity_id)
        at = now.isoformat(timespec="milliseconds")
        _resolve(conn, "change_id = ?", (change_id,), "dismissed", at)
        _clear_review(conn, entity, entity_id)
        detail: dict[str, object] = {"change_id": change_id, "entity": entity, "code": code}
        detail |= _hashes(before, _hash_of(conn, entity, entity_id))
        entry = ctx.audit_entry(now, "sync.reject_dismissed", entity, entity_id, detail, why)
        audit.append(conn, entry)
