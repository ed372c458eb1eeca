"""Registering a visit (接待登记) and its issues: cases, events, audit, outbox in one commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, select

from stationdesk.domain.case_numbers import format_case_number
from stationdesk.domain.enums import EventKind, Track
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.ids import new_id
from stationdesk.domain.masking import mask_name, mask_phone
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import (
    clean_text,
    validate_citizen_id,
    validate_person_name,
    validate_phone,
)
from stationdesk.domain.workdays import add_working_days
from stationdesk.domain.workflow import CaseEvent, CaseState, fold
from stationdesk.services.authz import require
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import ServiceContext
from stationdesk.services.dto import IssueInput, RegisteredCase, RegisteredVisit, VisitInput
from stationdesk.services.event_rows import event_row
from stationdesk.store import audit
from stationdesk.store.bulk import insert_rows
from stationdesk.store.disk import ensure_room_for_new_record
from stationdesk.store.models import (
    CaseEventRow,
    CaseRecord,
    Category,
    Visit,
    VisitDeputy,
)
from stationdesk.store.record_hash import row_hashes

MAX_ISSUES = 20
CONTENT_MAX = 5000
SHORT_MAX = 2000


@dataclass(frozen=True, slots=True)
class _CleanIssue:
    source: IssueInput
    content: str
    demand: str | None
    on_spot_answer: str | None
    referred_to: str | None


@dataclass(frozen=True, slots=True)
class _CleanVisit:
    name: str
    phone: str | None
    id_number: str | None
    address: str | None
    village: str | None
    hotline_no: str | None
    issues: tuple[_CleanIssue, ...]


def _optional(value: str | None, field: str, max_len: int) -> str | None:
    cleaned = clean_text(value or "", field, max_len)
    return cleaned or None


def _clean_issue(i: int, issue: IssueInput) -> _CleanIssue:
    prefix = f"issues[{i}]"
    content = clean_text(issue.content, f"{prefix}.content", CONTENT_MAX, required=True)
    answer = _optional(issue.on_spot_answer, f"{prefix}.on_spot_answer", SHORT_MAX)
    if issue.track is Track.ON_SPOT and answer is None:
        raise ValidationError("required", f"{prefix}.on_spot_answer")
    return _CleanIssue(
        issue,
        content,
        _optional(issue.demand, f"{prefix}.demand", SHORT_MAX),
        answer,
        _optional(issue.referred_to, f"{prefix}.referred_to", 200),
    )


def validate_visit(visit: VisitInput) -> _CleanVisit:
    """Check and normalise everything the clerk typed; raises ValidationError at the field."""
    name = validate_person_name(visit.visitor_name, "visitor_name")
    phone = validate_phone(visit.phone, "phone").number if visit.phone else None
    id_number = validate_citizen_id(visit.id_number, "id_number") if visit.id_number else None
    if not 1 <= visit.people <= 10000:
        raise ValidationError("people_range", "people")
    if not visit.issues:
        raise ValidationError("no_issues", "issues")
    if len(visit.issues) > MAX_ISSUES:
        raise ValidationError("too_many_issues", "issues", max=MAX_ISSUES)
    return _CleanVisit(
        name=name,
        phone=phone,
        id_number=id_number,
        address=_optional(visit.address, "address", 200),
        village=_optional(visit.village, "village", 60),
        hotline_no=_optional(visit.hotline_no, "hotline_no", 40),
        issues=tuple(_clean_issue(i, issue) for i, issue in enumerate(visit.issues)),
    )


def reserve_case_seqs(s: Connection, year: int, count: int) -> range:
    """Take `count` consecutive case-number sequence values of this device for `year`."""
    last = int(
        s.exec_driver_sql(
            "INSERT INTO device_counter (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value",
            (f"case_seq:{year}", count),
        ).scalar_one()
    )
    return range(last - count + 1, last + 1)


def _events_for(issue: _CleanIssue, due: date | None, at: datetime) -> list[CaseEvent]:
    src = issue.source
    payload: dict[str, object] = {"track": src.track.value}
    for key, value in (
        ("category_id", src.category_id),
        ("department_id", src.department_id),
        ("deputy_id", src.deputy_id),
    ):
        if value:
            payload[key] = value
    if due is not None:
        payload["due_date"] = due.isoformat()
    events = [CaseEvent(new_id(), EventKind.REGISTERED, at, payload)]
    if src.track is Track.ON_SPOT:
        closed: dict[str, object] = {"result": issue.on_spot_answer or ""}
        if issue.referred_to:
            closed["referred_to"] = issue.referred_to
        events.append(CaseEvent(new_id(), EventKind.CLOSED, at, closed))
    return events


def _due_date(s: Connection, issue: IssueInput, received_on: date, index: int) -> date | None:
    if issue.track is Track.ON_SPOT:
        return None
    if issue.due_date is not None:
        return issue.due_date
    limit = 15
    if issue.category_id:
        found = s.execute(
            select(Category.limit_days).where(Category.id == issue.category_id)
        ).scalar_one_or_none()
        if found is None:
            raise ValidationError("unknown_category", f"issues[{index}].category_id")
        limit = found
    return add_working_days(received_on, limit)


def state_columns(state: CaseState) -> dict[str, object]:
    """The case_record columns that cache the fold over its events."""
    return {
        "status": state.status.value,
        "track": state.track.value,
        "department_id": state.department_id,
        "deputy_id": state.deputy_id,
        "due_date": state.due_date,
        "round": state.round,
        "first_closed_at": state.first_closed_at,
        "closed_at": state.closed_at,
        "rating": state.rating.value if state.rating else None,
        "rated_at": state.rated_at,
        "last_event_at": state.last_event_at,
    }


def register_visit(
    ctx: ServiceContext, visit: VisitInput, *, draft_id: str | None = None
) -> tuple[RegisteredVisit, ChangeSet]:
    """Save a visit and its issues in one transaction; the result exists only after COMMIT.

    Writes visit, visit_deputy, case_record and case_event rows plus one audit row per visit
    and per case; the outbox rows come from the triggers in the same transaction. On-the-spot
    issues are registered and closed at once. `draft_id`, the form's autosaved draft, is
    deleted in the same transaction. Raises ValidationError before touching the
    database, StorageError("low_disk_space") when the free-space guard refuses, and
    StorageError("disk_full") if the disk fills during the commit (nothing is then saved).
    """
    require(ctx, Action.REGISTER)
    clean = validate_visit(visit)
    ensure_room_for_new_record(ctx.paths.db)
    now = ctx.clock()
    received_at = visit.received_at or now
    with ctx.db.write_core() as s:
        station = s.exec_driver_sql(
            "SELECT id, code, device_id, device_no FROM station LIMIT 1"
        ).one()
        common = {
            "station_id": station.id,
            "created_by_device": station.device_id,
            "created_at": now,
            "updated_at": now,
        }
        visit_row = {
            "id": new_id(),
            "received_at": received_at,
            "received_on": received_at.date(),
            "channel": visit.channel.value,
            "hotline_no": clean.hotline_no,
            "visitor_name": clean.name,
            "visitor_phone": clean.phone,
            "visitor_phone_last4": clean.phone[-4:] if clean.phone else None,
            "visitor_id_number": clean.id_number,
            "visitor_address": clean.address,
            "village": clean.village,
            "grid_id": visit.grid_id,
            "people": visit.people,
            "confidential": visit.confidential,
            "clerk_id": ctx.actor.user_id,
            **common,
        }
        insert_rows(s, Visit, [visit_row])
        links = [
            {"id": new_id(), "visit_id": visit_row["id"], "deputy_id": deputy_id, **common}
            for deputy_id in dict.fromkeys(visit.deputy_ids)
        ]
        if links:
            insert_rows(s, VisitDeputy, links)
        cases = _add_cases(s, clean.issues, visit_row, station, received_at, common)
        _audit_visit(s, ctx, now, visit_row, cases)
        if draft_id:  # the draft goes with the save: a crash can never offer it again
            s.exec_driver_sql("DELETE FROM draft WHERE id = ?", (draft_id,))
    result = RegisteredVisit(
        visit_id=visit_row["id"],
        received_at=received_at,
        visitor_name_masked=mask_name(clean.name),
        phone_masked=mask_phone(clean.phone) if clean.phone else None,
        cases=tuple(cases),
    )
    ids = [result.visit_id, *(c.id for c in result.cases)]
    return result, ChangeSet.of("visit", "case_record", "case_event", ids=ids)


def _add_cases(
    s: Connection,
    issues: Sequence[_CleanIssue],
    visit_row: dict[str, Any],
    station: Row[str, str, str, int],
    received_at: datetime,
    common: dict[str, object],
) -> list[RegisteredCase]:
    created: list[RegisteredCase] = []
    case_rows: list[dict[str, object]] = []
    event_rows: list[dict[str, object]] = []
    seqs = reserve_case_seqs(s, received_at.year, len(issues))
    for position, (issue, seq) in enumerate(zip(issues, seqs, strict=True), start=1):
        src = issue.source
        due = _due_date(s, src, received_at.date(), position - 1)
        events = _events_for(issue, due, received_at)
        state = fold(events)
        case_id = new_id()
        case_no = format_case_number(station.code, received_at.year, station.device_no, seq)
        case_rows.append(
            {
                "id": case_id,
                "case_no": case_no,
                "visit_id": visit_row["id"],
                "position": position,
                "category_id": src.category_id,
                "content": issue.content,
                "demand": issue.demand,
                "on_spot_answer": issue.on_spot_answer,
                "referred_to": issue.referred_to,
                "registered_at": received_at,
                "registered_on": received_at.date(),
                **state_columns(state),
                **common,
            }
        )
        event_rows.extend(
            event_row(
                ev,
                case_id=case_id,
                station_id=station.id,
                device_id=station.device_id,
                actor_id=visit_row["clerk_id"],
                created_at=visit_row["created_at"],
            )
            for ev in events
        )
        created.append(RegisteredCase(case_id, case_no, state.track, state.status, state.due_date))
    insert_rows(s, CaseRecord, case_rows)
    insert_rows(s, CaseEventRow, event_rows)
    return created


def _audit_visit(
    s: Connection,
    ctx: ServiceContext,
    now: datetime,
    visit_row: dict[str, Any],
    cases: Sequence[RegisteredCase],
) -> None:
    phone = visit_row["visitor_phone"]
    visit_hash = row_hashes(s, "visit", [visit_row["id"]])[visit_row["id"]]
    case_hashes = row_hashes(s, "case_record", [c.id for c in cases])
    entries = [
        ctx.audit_entry(
            now,
            "visit.register",
            "visit",
            visit_row["id"],
            {
                "channel": visit_row["channel"],
                "people": visit_row["people"],
                "visitor": mask_name(visit_row["visitor_name"]),
                "phone": mask_phone(phone) if phone else None,
                "has_id_number": visit_row["visitor_id_number"] is not None,
                "cases": [c.case_no for c in cases],
                "after_hash": visit_hash,
            },
        )
    ]
    entries.extend(
        ctx.audit_entry(
            now,
            "case.register",
            "case_record",
            case.id,
            {
                "case_no": case.case_no,
                "track": case.track.value,
                "status": case.status.value,
                "after_hash": case_hashes[case.id],
            },
        )
        for case in cases
    )
    audit.append_many(s, entries)
