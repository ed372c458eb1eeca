"""Frozen data passed between the services and their callers (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from stationdesk.domain.enums import CaseStatus, Channel, Track


@dataclass(frozen=True, slots=True)
class StationInfo:
    """This PC's station identity."""

    id: str
    code: str
    name: str
    county: str | None
    device_id: str
    device_no: int


@dataclass(frozen=True, slots=True)
class IssueInput:
    """One issue raised in a visit, as typed by the clerk."""

    content: str
    track: Track
    category_id: str | None = None
    demand: str | None = None
    on_spot_answer: str | None = None
    referred_to: str | None = None
    department_id: str | None = None
    due_date: date | None = None
    deputy_id: str | None = None


@dataclass(frozen=True, slots=True)
class VisitInput:
    """A reception as typed by the clerk: the visitor and one or more issues."""

    visitor_name: str
    issues: tuple[IssueInput, ...]
    channel: Channel = Channel.WALK_IN
    phone: str | None = None
    id_number: str | None = None
    address: str | None = None
    village: str | None = None
    grid_id: str | None = None
    people: int = 1
    hotline_no: str | None = None
    confidential: bool = False
    deputy_ids: tuple[str, ...] = ()
    received_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RegisteredCase:
    """A case created by register_visit."""

    id: str
    case_no: str
    track: Track
    status: CaseStatus
    due_date: date | None


@dataclass(frozen=True, slots=True)
class RegisteredVisit:
    """The committed result of register_visit (visitor data masked)."""

    visit_id: str
    received_at: datetime
    visitor_name_masked: str
    phone_masked: str | None
    cases: tuple[RegisteredCase, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class TodayOverview:
    """The station's figures for today, shown on the main window."""

    day: date
    visits: int
    residents: int
    issues: int
    closed: int
    open_cases: int
    overdue: int
    awaiting_callback: int
