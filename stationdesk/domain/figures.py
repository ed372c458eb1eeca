"""Report figures: their official definitions and pure functions counting them over a period."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from itertools import takewhile
from types import MappingProxyType

from stationdesk.domain.enums import CaseStatus, EventKind, Rating, Track
from stationdesk.domain.workflow import CaseEvent, fold

__all__ = [
    "CLOSED_BY_END",
    "FIGURES",
    "FIGURE_BY_KEY",
    "SATISFACTION_RULES",
    "CaseHistory",
    "FigureDefinition",
    "Period",
    "ShiftAttendanceRow",
    "VisitRow",
    "cases_closed",
    "close_rate",
    "compute_all",
    "duty_attendances",
    "is_overdue",
    "issues_collected",
    "overdue",
    "reopened",
    "residents_received",
    "satisfaction_rate",
    "suggestions_formed",
]


@dataclass(frozen=True, slots=True)
class FigureDefinition:
    """A report figure: its stable key, official Chinese name and the rule it is counted by."""

    key: str
    name_zh: str
    definition_zh: str


FIGURES: tuple[FigureDefinition, ...] = (
    FigureDefinition(
        "duty_attendances",
        "代表进站履职人次",
        "期内代表在值班班次中签到的人次：每名代表在每个班次只计一次",
    ),
    FigureDefinition(
        "residents_received",
        "接待群众人次",
        "期内接待的各次来访的群众人数之和（按人计，集体来访按实际人数计，不按来访次数计）",
    ),
    FigureDefinition(
        "issues_collected",
        "征集意见建议条数",
        "期内登记的问题件数；重复问题合并后只计一次（计主件，被合并件不计）",
    ),
    FigureDefinition(
        "cases_closed",
        "办结件数",
        "首次办结日期在期内的件数（含现场办结）；重新督办后再次办结不重复计算",
    ),
    FigureDefinition(
        "close_rate",
        "办结率",
        "期内登记的问题中（被合并件不计），截至期末已办结的件数所占比例："
        "截至期末已办结件数/期内登记件数",
    ),
    FigureDefinition(
        "satisfaction_rate",
        "满意率",
        "期内有回访评价的件数中（每件取期内最后一次评价），满意与基本满意所占比例："
        "(满意+基本满意)/已评价件数",
    ),
    FigureDefinition(
        "suggestions_formed",
        "形成代表建议件数",
        "期内形成代表建议的件数：期内转为代表建议的问题，以及期内登记时即按形成建议交办的问题，"
        "每件只计一次",
    ),
    FigureDefinition(
        "reopened",
        "重新督办件数",
        "期内被重新督办（二次督办）的件数，每件只计一次",
    ),
    FigureDefinition(
        "overdue",
        "超期件数",
        "办理期限（以期末时的期限为准）在期内、且截至期末仍未办结的件数",
    ),
)

FIGURE_BY_KEY: Mapping[str, FigureDefinition] = MappingProxyType({f.key: f for f in FIGURES})

# 满意率's numerator, as a station setting may choose it: rule → (ratings counted, definition).
SATISFACTION_RULES: Mapping[str, tuple[frozenset[Rating], str]] = MappingProxyType(
    {
        "satisfied_or_basically": (
            frozenset({Rating.SATISFIED, Rating.BASICALLY}),
            FIGURE_BY_KEY["satisfaction_rate"].definition_zh,
        ),
        "satisfied_only": (
            frozenset({Rating.SATISFIED}),
            "期内有回访评价的件数中（每件取期内最后一次评价），满意所占比例（本站设置：基本满意不计入）："
            "满意/已评价件数",
        ),
    }
)


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period; both `start` and `end` are included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("period end is before its start")

    def contains(self, d: date) -> bool:
        """True if `d` lies within the period (inclusive at both ends)."""
        return self.start <= d <= self.end

    @classmethod
    def day(cls, d: date) -> Period:
        """The single day `d`."""
        return cls(d, d)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The calendar month."""
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last))

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        """Calendar quarter `q` (1–4) of `year`."""
        if not 1 <= q <= 4:
            raise ValueError("quarter must be in 1..4")
        first_month = 3 * (q - 1) + 1
        last = calendar.monthrange(year, first_month + 2)[1]
        return cls(date(year, first_month, 1), date(year, first_month + 2, last))

    @classmethod
    def year(cls, y: int) -> Period:
        """The calendar year `y`."""
        return cls(date(y, 1, 1), date(y, 12, 31))


@dataclass(frozen=True, slots=True)
class VisitRow:
    """One reception visit and how many people came (a collective visit brings several)."""

    visit_id: str
    received_on: date
    people: int


@dataclass(frozen=True, slots=True)
class ShiftAttendanceRow:
    """A deputy's sign-in on a duty shift."""

    shift_id: str
    deputy_id: str
    signed_in_on: date


@dataclass(frozen=True, slots=True)
class CaseHistory:
    """A case's registration date and its events in append order."""

    case_id: str
    registered_on: date
    events: Sequence[CaseEvent]


def _day(event: CaseEvent) -> date:
    """The local date an event happened (occurred_at is stored in the station's time zone)."""
    return event.occurred_at.date()


def _in(event: CaseEvent, kind: EventKind, period: Period) -> bool:
    return event.kind == kind and period.contains(_day(event))


def _is_merged(case: CaseHistory) -> bool:
    return any(e.kind == EventKind.MERGED for e in case.events)


def _registered_in(cases: Iterable[CaseHistory], period: Period) -> list[CaseHistory]:
    """Cases registered in the period, merged duplicates left out (the primary counts)."""
    return [c for c in cases if period.contains(c.registered_on) and not _is_merged(c)]


def duty_attendances(rows: Iterable[ShiftAttendanceRow], period: Period) -> int:
    """Distinct (shift, deputy) pairs with a sign-in in the period."""
    return len({(r.shift_id, r.deputy_id) for r in rows if period.contains(r.signed_in_on)})


def residents_received(visits: Iterable[VisitRow], period: Period) -> int:
    """Sum of the people of every visit received in the period."""
    return sum(v.people for v in visits if period.contains(v.received_on))


def issues_collected(cases: Iterable[CaseHistory], period: Period) -> int:
    """Cases registered in the period, excluding cases merged into another (duplicates)."""
    return len(_registered_in(cases, period))


def cases_closed(cases: Iterable[CaseHistory], period: Period) -> int:
    """Cases whose first CLOSED event falls in the period."""
    count = 0
    for case in cases:
        first = next((e for e in case.events if e.kind == EventKind.CLOSED), None)
        if first is not None and period.contains(_day(first)):
            count += 1
    return count


def close_rate(cases: Iterable[CaseHistory], period: Period) -> Fraction | None:
    """Of the cases counted by issues_collected, the share closed on or before the period's end."""
    registered = _registered_in(cases, period)
    if not registered:
        return None
    closed = sum(
        1
        for case in registered
        if any(e.kind == EventKind.CLOSED and _day(e) <= period.end for e in case.events)
    )
    return Fraction(closed, len(registered))


def _rating(event: CaseEvent) -> Rating | None:
    raw = event.payload.get("rating")
    if not isinstance(raw, str):
        return None
    try:
        return Rating(raw)
    except ValueError:
        return None


def satisfaction_rate(
    cases: Iterable[CaseHistory],
    period: Period,
    counted: frozenset[Rating] = SATISFACTION_RULES["satisfied_or_basically"][0],
) -> Fraction | None:
    """Per case the last call-back rating given in the period; counted ratings / rated."""
    rated = 0
    satisfied = 0
    for case in cases:
        latest: Rating | None = None
        for event in case.events:
            if _in(event, EventKind.CALLBACK, period):
                rating = _rating(event)
                if rating is not None:
                    latest = rating
        if latest is not None:
            rated += 1
            if latest in counted:
                satisfied += 1
    if rated == 0:
        return None
    return Fraction(satisfied, rated)


def _registered_as_suggestion(event: CaseEvent, period: Period) -> bool:
    if not _in(event, EventKind.REGISTERED, period):
        return False
    return event.payload.get("track") == Track.SUGGESTION


def suggestions_formed(cases: Iterable[CaseHistory], period: Period) -> int:
    """Cases turned into a deputy suggestion in the period (TO_SUGGESTION, or registered so)."""
    return sum(
        1
        for case in cases
        if any(
            _in(e, EventKind.TO_SUGGESTION, period) or _registered_as_suggestion(e, period)
            for e in case.events
        )
    )


def reopened(cases: Iterable[CaseHistory], period: Period) -> int:
    """Cases with at least one REOPENED event in the period."""
    return sum(1 for case in cases if any(_in(e, EventKind.REOPENED, period) for e in case.events))


# Statuses that count as closed for 超期 (a merged duplicate is no longer pursued).
CLOSED_BY_END = frozenset({CaseStatus.CLOSED, CaseStatus.DONE, CaseStatus.MERGED})


def is_overdue(case: CaseHistory, period: Period) -> bool:
    """Whether the case's due date (as of period end) is in the period and it was open then.

    The state is folded from the events up to the end of the period only, so a later extension,
    closure or reopening does not change the figure of an earlier period.
    """
    history = list(takewhile(lambda e: _day(e) <= period.end, case.events))
    if not history:
        return False
    state = fold(history)
    return (
        state.due_date is not None
        and period.contains(state.due_date)
        and state.status not in CLOSED_BY_END
    )


def overdue(cases: Iterable[CaseHistory], period: Period) -> int:
    """Cases overdue in the period (is_overdue)."""
    return sum(1 for case in cases if is_overdue(case, period))


def compute_all(
    visits: Iterable[VisitRow],
    attendances: Iterable[ShiftAttendanceRow],
    cases: Iterable[CaseHistory],
    period: Period,
) -> Mapping[str, int | Fraction | None]:
    """Every figure of FIGURES for the period, keyed by FigureDefinition.key, in FIGURES order."""
    case_list = tuple(cases)
    return {
        "duty_attendances": duty_attendances(attendances, period),
        "residents_received": residents_received(visits, period),
        "issues_collected": issues_collected(case_list, period),
        "cases_closed": cases_closed(case_list, period),
        "close_rate": close_rate(case_list, period),
        "satisfaction_rate": satisfaction_rate(case_list, period),
        "suggestions_formed": suggestions_formed(case_list, period),
        "reopened": reopened(case_list, period),
        "overdue": overdue(case_list, period),
    }
