"""Case workflow: a case's state as a fold over its append-only events, and the transition rules."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from stationdesk.domain.enums import CaseStatus, EventKind, Rating, Track
from stationdesk.domain.errors import WorkflowError

__all__ = [
    "CORRECTABLE_FIELDS",
    "EVENT_ORIGINS",
    "CaseEvent",
    "CaseState",
    "apply",
    "awaiting_callback",
    "fold",
    "is_overdue",
]

EVENT_ORIGINS = frozenset({"station", "county"})
CORRECTABLE_FIELDS = frozenset({"category_id", "department_id", "deputy_id", "due_date"})

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)

_S = CaseStatus
_OPEN = frozenset({_S.PENDING, _S.IN_PROGRESS})
_OPEN_OR_UNSATISFIED = frozenset({_S.PENDING, _S.IN_PROGRESS, _S.UNSATISFIED})
_NOT_MERGED = frozenset(s for s in CaseStatus if s is not _S.MERGED)
_ALL = frozenset(CaseStatus)

# Statuses in which each event kind (other than REGISTERED) may be appended.
_ALLOWED: Mapping[EventKind, frozenset[CaseStatus]] = {
    EventKind.ASSIGNED: _OPEN,
    EventKind.PROGRESS: _OPEN_OR_UNSATISFIED,
    EventKind.TO_SUGGESTION: _OPEN,
    EventKind.CLOSED: _OPEN,
    EventKind.CALLBACK: frozenset({_S.CLOSED}),
    EventKind.REOPENED: frozenset({_S.UNSATISFIED, _S.CLOSED, _S.DONE}),
    EventKind.DUE_CHANGED: _OPEN_OR_UNSATISFIED,
    EventKind.COUNTY_REPLY: _NOT_MERGED,
    EventKind.CORRECTION: _NOT_MERGED,
    EventKind.REPRINTED: _ALL,
    EventKind.MERGED: _NOT_MERGED,
}


# Events that change nothing but last_event_at (and the count of county replies): a history
# folded without them reaches the same status, track, due date, links and ratings.
NEUTRAL_KINDS = frozenset({EventKind.PROGRESS, EventKind.REPRINTED, EventKind.COUNTY_REPLY})


@dataclass(frozen=True, slots=True)
class CaseEvent:
    """One append-only event of a case; `payload` keys are strings, dates ISO `YYYY-MM-DD`."""

    id: str
    kind: EventKind
    occurred_at: datetime
    payload: Mapping[str, object] = field(default_factory=dict)
    origin: str = "station"

    def __post_init__(self) -> None:
        try:
            kind = EventKind(self.kind)
        except ValueError:
            raise WorkflowError("unknown_event_kind", "kind", kind=str(self.kind)) from None
        object.__setattr__(self, "kind", kind)
        if self.occurred_at.tzinfo is None or self.occurred_at.utcoffset() is None:
            raise WorkflowError("naive_datetime", "occurred_at")
        if self.origin not in EVENT_ORIGINS:
            raise WorkflowError("invalid_origin", "origin", origin=self.origin)
        # A private copy, so later changes to the caller's dict cannot alter a recorded event.
        object.__setattr__(self, "payload", dict(self.payload))


@dataclass(frozen=True, slots=True)
class CaseState:
    """The state of a case after folding its events in append order."""

    status: CaseStatus
    track: Track
    category_id: str | None
    department_id: str | None
    deputy_id: str | None
    due_date: date | None
    round: int
    first_closed_at: datetime | None
    closed_at: datetime | None
    rating: Rating | None
    rated_at: datetime | None
    reopened_count: int
    county_replies: int
    merged_into: str | None
    last_event_at: datetime


def _illegal(event: CaseEvent, state: CaseState | None) -> WorkflowError:
    status = None if state is None else state.status.value
    return WorkflowError("illegal_transition", kind=event.kind.value, status=status)


def _bad_payload(event: CaseEvent, key: str) -> WorkflowError:
    return WorkflowError("invalid_payload", key, kind=event.kind.value)


def _opt_id(event: CaseEvent, key: str) -> str | None:
    """An optional id: absent, None or "" mean not given; anything else must be a string."""
    value = event.payload.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _bad_payload(event, key)
    return value


def _req_id(event: CaseEvent, key: str) -> str:
    value = _opt_id(event, key)
    if value is None:
        raise _bad_payload(event, key)
    return value


def _parse_date(event: CaseEvent, key: str, value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _bad_payload(event, key)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _bad_payload(event, key) from None


def _opt_date(event: CaseEvent, key: str) -> date | None:
    return _parse_date(event, key, event.payload.get(key))


def _registered(event: CaseEvent) -> CaseState:
    raw = event.payload.get("track")
    try:
        track = Track(raw) if isinstance(raw, str) else None
    except ValueError:
        track = None
    if track is None:
        raise _bad_payload(event, "track")
    department_id = _opt_id(event, "department_id")
    deputy_id = _opt_id(event, "deputy_id")
    if track is Track.SUPERVISE:
        status = _S.IN_PROGRESS if department_id is not None else _S.PENDING
    elif track is Track.SUGGESTION:
        status = _S.IN_PROGRESS if deputy_id is not None else _S.PENDING
    else:
        status = _S.PENDING
    return CaseState(
        status=status,
        track=track,
        category_id=_opt_id(event, "category_id"),
        department_id=department_id,
        deputy_id=deputy_id,
        due_date=_opt_date(event, "due_date"),
        round=1,
        first_closed_at=None,
        closed_at=None,
        rating=None,
        rated_at=None,
        reopened_count=0,
        county_replies=0,
        merged_into=None,
        last_event_at=event.occurred_at,
    )


def _assigned(state: CaseState, event: CaseEvent) -> CaseState:
    department_id = _req_id(event, "department_id")
    due = _opt_date(event, "due_date")
    track = state.track if state.track is Track.SUGGESTION else Track.SUPERVISE
    return dataclasses.replace(
        state,
        status=_S.IN_PROGRESS,
        track=track,
        department_id=department_id,
        due_date=due if due is not None else state.due_date,
    )


def _progress(state: CaseState, event: CaseEvent) -> CaseState:
    return state


def _to_suggestion(state: CaseState, event: CaseEvent) -> CaseState:
    deputy_id = _req_id(event, "deputy_id")
    _opt_id(event, "suggestion_id")  # validated, not part of the case state
    return dataclasses.replace(
        state, status=_S.IN_PROGRESS, track=Track.SUGGESTION, deputy_id=deputy_id
    )


def _closed(state: CaseState, event: CaseEvent) -> CaseState:
    first = state.first_closed_at if state.first_closed_at is not None else event.occurred_at
    return dataclasses.replace(
        state, status=_S.CLOSED, closed_at=event.occurred_at, first_closed_at=first
    )


def _callback(state: CaseState, event: CaseEvent) -> CaseState:
    raw = event.payload.get("rating")
    try:
        rating = Rating(raw) if isinstance(raw, str) else None
    except ValueError:
        rating = None
    if rating is None:
        raise WorkflowError("invalid_rating", "rating", rating=raw)
    status = _S.UNSATISFIED if rating is Rating.UNSATISFIED else _S.DONE
    return dataclasses.replace(state, status=status, rating=rating, rated_at=event.occurred_at)


def _reopened(state: CaseState, event: CaseEvent) -> CaseState:
    due = _opt_date(event, "due_date")
    department_id = _opt_id(event, "department_id")
    return dataclasses.replace(
        state,
        status=_S.IN_PROGRESS,
        round=state.round + 1,
        reopened_count=state.reopened_count + 1,
        due_date=due if due is not None else state.due_date,
        department_id=department_id if department_id is not None else state.department_id,
    )


def _due_changed(state: CaseState, event: CaseEvent) -> CaseState:
    if "due_date" not in event.payload:
        raise _bad_payload(event, "due_date")
    return dataclasses.replace(state, due_date=_opt_date(event, "due_date"))


def _county_reply(state: CaseState, event: CaseEvent) -> CaseState:
    return dataclasses.replace(state, county_replies=state.county_replies + 1)


def _correction(state: CaseState, event: CaseEvent) -> CaseState:
    name = event.payload.get("field")
    if not isinstance(name, str) or name not in CORRECTABLE_FIELDS:
        raise WorkflowError("invalid_correction", "field", value=name)
    if name == "due_date":
        return dataclasses.replace(
            state, due_date=_parse_date(event, "value", event.payload.get("value"))
        )
    value = event.payload.get("value")
    if value == "":
        value = None
    if value is not None and not isinstance(value, str):
        raise _bad_payload(event, "value")
    if name == "category_id":
        return dataclasses.replace(state, category_id=value)
    if name == "department_id":
        return dataclasses.replace(state, department_id=value)
    return dataclasses.replace(state, deputy_id=value)


def _merged(state: CaseState, event: CaseEvent) -> CaseState:
    primary = _req_id(event, "primary_case_id")
    return dataclasses.replace(state, status=_S.MERGED, merged_into=primary)


_HANDLERS: Mapping[EventKind, Callable[[CaseState, CaseEvent], CaseState]] = {
    EventKind.ASSIGNED: _assigned,
    EventKind.PROGRESS: _progress,
    EventKind.TO_SUGGESTION: _to_suggestion,
    EventKind.CLOSED: _closed,
    EventKind.CALLBACK: _callback,
    EventKind.REOPENED: _reopened,
    EventKind.DUE_CHANGED: _due_changed,
    EventKind.COUNTY_REPLY: _county_reply,
    EventKind.CORRECTION: _correction,
    EventKind.REPRINTED: _progress,
    EventKind.MERGED: _merged,
}


def apply(state: CaseState | None, event: CaseEvent) -> CaseState:
    """Return the state after `event`, or raise WorkflowError if the event is not allowed.

    Codes: illegal_transition (kind, status), invalid_payload (field), invalid_rating,
    invalid_correction. The input state is never modified.
    """
    if event.kind is EventKind.REGISTERED:
        if state is not None:
            raise _illegal(event, state)
        return _registered(event)
    if state is None or state.status not in _ALLOWED[event.kind]:
        raise _illegal(event, state)
    new_state = _HANDLERS[event.kind](state, event)
    if new_state is state:  # nothing but the time changed (a progress note, a reprint)
        return dataclasses.replace(state, last_event_at=event.occurred_at)
    # The handler built a fresh state no one else holds: stamp it rather than copy it again.
    object.__setattr__(new_state, "last_event_at", event.occurred_at)
    return new_state


def fold(events: Iterable[CaseEvent]) -> CaseState:
    """Fold events in append order into a state; no events raises WorkflowError("no_events").

    A county event the state does not allow (it crossed a station event on its way) stays in
    the history but changes nothing here: county events are never refused (sync.md §3.1).
    """
    return fold_noting_skips(events)[0]


def fold_noting_skips(events: Iterable[CaseEvent]) -> tuple[CaseState, list[str]]:
    """fold, and the ids of the county events it left out (not allowed when they arrived)."""
    state: CaseState | None = None
    skipped: list[str] = []
    for event in events:
        try:
            state = apply(state, event)
        except WorkflowError:
            if event.origin != "county" or state is None:
                raise
            skipped.append(event.id)
    if state is None:
        raise WorkflowError("no_events")
    return state, skipped


def is_overdue(state: CaseState, today: date) -> bool:
    """True if the due date has passed and the case is pending, in progress or unsatisfied."""
    return (
        state.due_date is not None
        and state.due_date < today
        and state.status in _OPEN_OR_UNSATISFIED
    )


def awaiting_callback(state: CaseState) -> bool:
    """True if the case is closed and waits for the resident's call-back."""
    return state.status is CaseStatus.CLOSED


def allowed_kinds(state: CaseState) -> frozenset[EventKind]:
    """The event kinds the workflow accepts in this state (what the case detail may offer)."""
    return frozenset(kind for kind, statuses in _ALLOWED.items() if state.status in statuses)
