"""Case actions (交办 进度 办结 回访 重新督办 转建议 合并 更正): one audited event each."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from stationdesk.domain.enums import CaseStatus, EventKind, Rating
from stationdesk.domain.errors import ValidationError, WorkflowError
from stationdesk.domain.ids import new_id
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import clean_text
from stationdesk.domain.workflow import CaseEvent, CaseState, apply, fold, fold_noting_skips
from stationdesk.services.authz import require
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import ServiceContext
from stationdesk.services.event_rows import event_row
from stationdesk.store import audit
from stationdesk.store.bulk import insert_rows
from stationdesk.store.models import CaseEventRow, Suggestion
from stationdesk.store.record_hash import row_hashes

NOTE_MAX = 2000
CALLBACK_METHODS = ("phone", "visit", "in_station", "other")


@contextmanager
def _references_checked() -> Iterator[None]:
    """A department, deputy or suggestion id that does not exist is the caller's mistake."""
    try:
        yield
    except IntegrityError as exc:
        if "FOREIGN KEY" in str(exc.orig):
            raise ValidationError("unknown_reference", None) from None
        raise


def _load(conn: Connection, case_id: str) -> tuple[str, list[CaseEvent], dict[str, Any]]:
    row = conn.exec_driver_sql(
        "SELECT c.id, c.station_id, c.created_by_device, c.case_no FROM case_record c "
        "WHERE c.id = ? AND c.deleted_at IS NULL",
        (case_id,),
    ).first()
    if row is None:
        raise ValidationError("case_not_found", "case", case=case_id)
    events = [
        CaseEvent(
            str(e[0]),
            EventKind(e[1]),
            datetime.fromisoformat(e[2]),
            json.loads(e[3]),
            str(e[4]),
        )
        for e in conn.exec_driver_sql(
            "SELECT id, kind, occurred_at, payload, origin FROM case_event WHERE case_id = ? "
            "ORDER BY rowid",  # append order: the order the workflow checked them in
            (case_id,),
        )
    ]
    meta = {"station_id": row[1], "device": row[2], "case_no": row[3]}
    return str(row[0]), events, meta


def _state_update(
    conn: Connection, case_id: str, state: CaseState, now: datetime, server_seq: int | None = None
) -> None:
    """Cache the fold on the case row (a county fold sets server_seq, not row_version).

    A local action raises row_version, so the row is pushed; after county events the cache
    is derived data the county folds itself, so it is recorded with their server_seq instead.
    """
    version = "row_version = row_version + 1" if server_seq is None else "server_seq = ?"
    conn.exec_driver_sql(
        "UPDATE case_record SET status = ?, track = ?, category_id = ?, department_id = ?, "
        "deputy_id = ?, due_date = ?, round = ?, first_closed_at = ?, closed_at = ?, "
        "rating = ?, rated_at = ?, last_event_at = ?, updated_at = ?, "
        f"{version} WHERE id = ?",
        (
            state.status.value,
            state.track.value,
            state.category_id,
            state.department_id,
            state.deputy_id,
            state.due_date.isoformat() if state.due_date else None,
            state.round,
            _iso(state.first_closed_at),
            _iso(state.closed_at),
            state.rating.value if state.rating else None,
            _iso(state.rated_at),
            _iso(state.last_event_at),
            _iso(now),
            *(() if server_seq is None else (server_seq,)),
            case_id,
        ),
    )


# Case fields whose old and new values the audit row shows (none of them personal data).
_DIFFED = ("status", "track", "category_id", "department_id", "deputy_id", "due_date", "round")


def _plain(value: object) -> object:
    """A JSON-ready form of a case state field."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return getattr(value, "value", value)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="milliseconds") if value else None


def _append(
    ctx: ServiceContext,
    case_id: str,
    kind: EventKind,
    payload: Mapping[str, object],
    *,
    audit_detail: Mapping[str, object] | None = None,
    conn: Connection | None = None,
) -> tuple[CaseState, ChangeSet]:
    """Append one event in its own transaction (or the caller's `conn`)."""
    require(ctx, Action.PRINT_RECEIPT if kind is EventKind.REPRINTED else Action.ACT_ON_CASE)
    if conn is None:
        with _references_checked(), ctx.db.write_core() as own:
            return _append(ctx, case_id, kind, payload, audit_detail=audit_detail, conn=own)
    now = ctx.clock()
    cid, events, meta = _load(conn, case_id)
    event = CaseEvent(new_id(), kind, now, dict(payload))
    before = fold(events)
    state = apply(before, event)  # WorkflowError when the state does not allow it
    before_hash = row_hashes(conn, "case_record", [cid])[cid]
    insert_rows(
        conn,
        CaseEventRow,
        [
            event_row(
                event,
                case_id=cid,
                station_id=meta["station_id"],
                device_id=meta["device"],
                actor_id=ctx.actor.user_id,
                created_at=now,
            )
        ],
    )
    _state_update(conn, cid, state, now)
    # Before and after: the non-personal fields that changed, and hashes of the whole row
    # (design/reliability.md §4.4: hashes, never plaintext personal data).
    changed = {
        name: [_plain(getattr(before, name)), _plain(getattr(state, name))]
        for name in _DIFFED
        if getattr(before, name) != getattr(state, name)
    }
    detail = {
        "case_no": meta["case_no"],
        "status": state.status.value,
        **(audit_detail or {}),
        "changes": changed,
        "before_hash": before_hash,
        "after_hash": row_hashes(conn, "case_record", [cid])[cid],
    }
    audit.append(conn, ctx.audit_entry(now, f"case.{kind.value}", "case_record", cid, detail))
    return state, ChangeSet.of("case_record", "case_event", ids=[cid])


def _require_status(ctx: ServiceContext, case_id: str, status: CaseStatus, kind: EventKind) -> None:
    with ctx.db.read_core() as conn:
        row = conn.exec_driver_sql(
            "SELECT status FROM case_record WHERE id = ?", (case_id,)
        ).first()
    if row is None:
        raise ValidationError("case_not_found", "case", case=case_id)
    if row[0] != status.value:
        raise WorkflowError("illegal_transition", kind=kind.value, status=row[0])


def _text(value: str, field: str, max_len: int = NOTE_MAX, required: bool = True) -> str:
    return clean_text(value, field, max_len, required=required)


def assign(
    ctx: ServiceContext, case_id: str, department_id: str, due_date: date | None = None
) -> tuple[CaseState, ChangeSet]:
    """交办: hand the case to a department with a due date."""
    if not department_id:
        raise ValidationError("required", "department_id")
    payload: dict[str, object] = {"department_id": department_id}
    if due_date:
        payload["due_date"] = due_date.isoformat()
    return _append(ctx, case_id, EventKind.ASSIGNED, payload)


def record_progress(ctx: ServiceContext, case_id: str, note: str) -> tuple[CaseState, ChangeSet]:
    """记录进度: a note on how handling goes."""
    return _append(ctx, case_id, EventKind.PROGRESS, {"note": _text(note, "note")})


def close_case(ctx: ServiceContext, case_id: str, result: str) -> tuple[CaseState, ChangeSet]:
    """办结: the handling result."""
    return _append(ctx, case_id, EventKind.CLOSED, {"result": _text(result, "result")})


def callback(
    ctx: ServiceContext, case_id: str, rating: Rating, method: str, words: str = ""
) -> tuple[CaseState, ChangeSet]:
    """回访: how the resident was reached, their rating and their own words."""
    if method not in CALLBACK_METHODS:
        raise ValidationError("invalid_choice", "method")
    payload = {
        "rating": Rating(rating).value,
        "method": method,
        "note": _text(words, "words", required=False),
    }
    return _append(
        ctx, case_id, EventKind.CALLBACK, payload, audit_detail={"rating": payload["rating"]}
    )


def reopen(
    ctx: ServiceContext,
    case_id: str,
    reason: str,
    due_date: date | None = None,
    department_id: str | None = None,
) -> tuple[CaseState, ChangeSet]:
    """重新督办: a second round after 不满意 (the rating stays in the figures)."""
    _require_status(ctx, case_id, CaseStatus.UNSATISFIED, EventKind.REOPENED)
    payload: dict[str, object] = {"reason": _text(reason, "reason")}
    if due_date:
        payload["due_date"] = due_date.isoformat()
    if department_id:
        payload["department_id"] = department_id
    return _append(ctx, case_id, EventKind.REOPENED, payload)


def to_suggestion(
    ctx: ServiceContext,
    case_id: str,
    *,
    deputy_id: str,
    title: str = "",
    content: str = "",
    submitted_to: str = "",
    suggestion_id: str | None = None,
) -> tuple[CaseState, ChangeSet]:
    """转为代表建议: create a suggestion (or link an existing one) and move the case to it."""
    if not deputy_id:
        raise ValidationError("required", "deputy_id")
    with _references_checked(), ctx.db.write_core() as conn:
        if suggestion_id is None:
            clean_title = _text(title, "title", 200)
            clean_content = _text(content, "content", 5000)
            now = ctx.clock()
            meta = conn.exec_driver_sql(
                "SELECT station_id, created_by_device FROM case_record WHERE id = ?", (case_id,)
            ).first()
            if meta is None:
                raise ValidationError("case_not_found", "case", case=case_id)
            suggestion_id = new_id()
            insert_rows(
                conn,
                Suggestion,
                [
                    {
                        "id": suggestion_id,
                        "station_id": meta[0],
                        "created_by_device": meta[1],
                        "created_at": now,
                        "updated_at": now,
                        "title": clean_title,
                        "content": clean_content,
                        "deputy_id": deputy_id,
                        "formed_on": now.date(),
                        "county_ref": _text(submitted_to, "submitted_to", 200, required=False)
                        or None,
                    }
                ],
            )
        # Linked before the event is appended, so the audit row's after_hash is the row as
        # this action leaves it (store/record_hash).
        conn.exec_driver_sql(
            "UPDATE case_record SET suggestion_id = ?, row_version = row_version + 1 WHERE id = ?",
            (suggestion_id, case_id),
        )
        state, changes = _append(
            ctx,
            case_id,
            EventKind.TO_SUGGESTION,
            {"deputy_id": deputy_id, "suggestion_id": suggestion_id},
            conn=conn,
        )
    return state, changes | ChangeSet.of("suggestion", ids=[suggestion_id])


def merge_duplicate(
    ctx: ServiceContext, case_id: str, primary_case_id: str
) -> tuple[CaseState, ChangeSet]:
    """合并重复: this case duplicates the primary; figures count the primary only."""
    if case_id == primary_case_id:
        raise ValidationError("merge_into_itself", "primary_case_id")
    with ctx.db.write_core() as conn:
        primary = conn.exec_driver_sql(
            "SELECT status FROM case_record WHERE id = ?", (primary_case_id,)
        ).first()
        if primary is None:
            raise ValidationError("case_not_found", "primary_case_id", case=primary_case_id)
        if primary[0] == "merged":
            raise ValidationError("merge_into_merged", "primary_case_id")
        return _append(
            ctx, case_id, EventKind.MERGED, {"primary_case_id": primary_case_id}, conn=conn
        )


def correct(
    ctx: ServiceContext, case_id: str, field: str, value: str | None, reason: str
) -> tuple[CaseState, ChangeSet]:
    """更正: a correction event for category, department, deputy or due date; history kept."""
    payload = {"field": field, "value": value, "reason": _text(reason, "reason")}
    return _append(ctx, case_id, EventKind.CORRECTION, payload, audit_detail={"field": field})


def reprint_receipt(
    ctx: ServiceContext, case_id: str, fmt: str, *, conn: Connection | None = None
) -> tuple[CaseState, ChangeSet]:
    """补打回执: a reprinted receipt is an event on the case's timeline (state unchanged)."""
    return _append(ctx, case_id, EventKind.REPRINTED, {"format": fmt}, conn=conn)


def refold_received(
    ctx: ServiceContext, conn: Connection, case_id: str, received: Collection[str], server_seq: int
) -> tuple[CaseState, list[str]]:
    """Re-fold a case after events pulled from the county were appended (caller's transaction).

    Sync use, no role check: the case row's cache is updated without raising row_version (it
    is derived, so it is not pushed back), audited with hashes like every case write. Returns
    the state and the received events the workflow did not allow (the case then needs review).
    """
    now = ctx.clock()
    cid, events, meta = _load(conn, case_id)
    before = fold(e for e in events if e.id not in received)
    # fold's rule: a county event the state does not allow changes nothing, whether it arrived
    # in this page or an earlier one; only this page's count for review
    state, left_out = fold_noting_skips(events)
    skipped = [event_id for event_id in left_out if event_id in received]
    before_hash = row_hashes(conn, "case_record", [cid])[cid]
    _state_update(conn, cid, state, now, server_seq=server_seq)
    if skipped:
        conn.exec_driver_sql("UPDATE case_record SET needs_review = 1 WHERE id = ?", (cid,))
    detail = {
        "case_no": meta["case_no"],
        "status": state.status.value,
        "kinds": sorted({e.kind.value for e in events if e.id in received}),
        "not_applied": len(skipped),
        "changes": {
            name: [_plain(getattr(before, name)), _plain(getattr(state, name))]
            for name in _DIFFED
            if getattr(before, name) != getattr(state, name)
        },
        "before_hash": before_hash,
        "after_hash": row_hashes(conn, "case_record", [cid])[cid],
    }
    audit.append(conn, ctx.audit_entry(now, "case.synced_events", "case_record", cid, detail))
    return state, skipped
