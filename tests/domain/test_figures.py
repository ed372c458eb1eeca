from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction

import pytest

from stationdesk.domain.enums import EventKind
from stationdesk.domain.figures import (
    FIGURE_BY_KEY,
    FIGURES,
    CaseHistory,
    Period,
    ShiftAttendanceRow,
    VisitRow,
    cases_closed,
    close_rate,
    compute_all,
    duty_attendances,
    issues_collected,
    overdue,
    reopened,
    residents_received,
    satisfaction_rate,
    suggestions_formed,
)
from stationdesk.domain.workflow import CaseEvent, fold

CST = timezone(timedelta(hours=8))
K = EventKind
FEB = Period.month(2026, 2)
MAR = Period.month(2026, 3)
APR = Period.month(2026, 4)


def d(month: int, day: int) -> date:
    return date(2026, month, day)


def case(case_id: str, *steps: tuple[EventKind, date, dict[str, object]]) -> CaseHistory:
    """A case history; the first step must be the registration."""
    events = [
        CaseEvent(f"{case_id}-{n}", kind, datetime(on.year, on.month, on.day, 10, n, tzinfo=CST), p)
        for n, (kind, on, p) in enumerate(steps)
    ]
    fold(events)  # every hand-built history must be a legal one
    return CaseHistory(case_id, steps[0][1], events)


def up_to(history: CaseHistory, end: date) -> CaseHistory:
    """The history as it stood at the end of `end` (what a report made then would have seen)."""
    return replace(history, events=[e for e in history.events if e.occurred_at.date() <= end])


SUP: dict[str, object] = {"track": "supervise", "department_id": "dep1"}

# March 2026 is the main period. The expected figures below are worked out by hand from
# these histories; see the comments on each case.
A = case(  # on the spot, satisfied
    "A",
    (K.REGISTERED, d(3, 2), {"track": "on_spot"}),
    (K.CLOSED, d(3, 2), {"result": "当场解答"}),
    (K.CALLBACK, d(3, 5), {"rating": "satisfied"}),
)
B = case(  # unsatisfied, reopened, closed again and satisfied — all in March
    "B",
    (K.REGISTERED, d(3, 3), {**SUP, "due_date": "2026-03-20"}),
    (K.PROGRESS, d(3, 10), {}),
    (K.CLOSED, d(3, 25), {"result": "一次办结"}),
    (K.CALLBACK, d(3, 26), {"rating": "unsatisfied"}),
    (K.REOPENED, d(3, 27), {}),
    (K.CLOSED, d(3, 29), {"result": "二次办结"}),
    (K.CALLBACK, d(3, 30), {"rating": "satisfied"}),
)
C = case(  # due in March, never closed: overdue in March
    "C",
    (K.REGISTERED, d(3, 4), {**SUP, "due_date": "2026-03-15"}),
)
D = case(  # due at March end but extended into April: overdue in April, not March
    "D",
    (K.REGISTERED, d(3, 5), {**SUP, "due_date": "2026-03-31"}),
    (K.DUE_CHANGED, d(3, 28), {"due_date": "2026-04-15"}),
)
E = case(  # turned into a suggestion in March
    "E",
    (K.REGISTERED, d(3, 6), SUP),
    (K.TO_SUGGESTION, d(3, 12), {"deputy_id": "p1"}),
)
F = case(  # registered on the suggestion track in March
    "F",
    (K.REGISTERED, d(3, 7), {"track": "suggestion", "deputy_id": "p2"}),
)
G = case(  # duplicate of C, merged: not counted as an issue
    "G",
    (K.REGISTERED, d(3, 8), SUP),
    (K.MERGED, d(3, 9), {"primary_case_id": "C"}),
)
H = case(  # registered in February, first closed in March, basically satisfied in March
    "H",
    (K.REGISTERED, d(2, 20), SUP),
    (K.CLOSED, d(3, 1), {"result": "办结"}),
    (K.CALLBACK, d(3, 2), {"rating": "basically_satisfied"}),
)
I = case(  # noqa: E741 - closed and rated unsatisfied in February, reopened in March
    "I",
    (K.REGISTERED, d(2, 10), {**SUP, "due_date": "2026-02-28"}),
    (K.CLOSED, d(2, 20), {"result": "办结"}),
    (K.CALLBACK, d(2, 25), {"rating": "unsatisfied"}),
    (K.REOPENED, d(3, 3), {"due_date": "2026-03-20"}),
)
J = case(  # on the spot in March, unsatisfied, not reopened
    "J",
    (K.REGISTERED, d(3, 10), {"track": "on_spot"}),
    (K.CLOSED, d(3, 10), {"result": "当场解答"}),
    (K.CALLBACK, d(3, 11), {"rating": "unsatisfied"}),
)
CASES = [A, B, C, D, E, F, G, H, I, J]

VISITS = [
    VisitRow("v1", d(3, 2), 1),
    VisitRow("v2", d(3, 3), 5),  # collective visit
    VisitRow("v3", d(2, 27), 2),  # February
    VisitRow("v4", d(3, 31), 2),
]
ATTENDANCES = [
    ShiftAttendanceRow("s1", "p1", d(3, 2)),
    ShiftAttendanceRow("s1", "p1", d(3, 2)),  # signed in twice on one shift
    ShiftAttendanceRow("s1", "p2", d(3, 2)),
    ShiftAttendanceRow("s2", "p1", d(3, 9)),
    ShiftAttendanceRow("s3", "p1", d(2, 28)),
    ShiftAttendanceRow("s4", "p3", d(4, 1)),
]


def test_duty_attendances() -> None:
    """One per deputy per shift: s1/p1 (twice signed), s1/p2, s2/p1 → 3 in March."""
    assert duty_attendances(ATTENDANCES, MAR) == 3
    assert duty_attendances(ATTENDANCES, FEB) == 1


def test_residents_received_counts_people() -> None:
    """People are summed, not visits: 1 + 5 + 2 = 8 in March."""
    assert residents_received(VISITS, MAR) == 8
    assert residents_received(VISITS, FEB) == 2


def test_issues_collected() -> None:
    """March registrations A–G and J, minus merged G → 7; February H and I → 2."""
    assert issues_collected(CASES, MAR) == 7
    assert issues_collected(CASES, FEB) == 2


def test_merged_duplicate_counts_once() -> None:
    """Of a primary and its merged duplicate only the primary is counted."""
    assert issues_collected([C, G], MAR) == 1
    assert issues_collected([C], MAR) == 1


def test_cases_closed_counts_first_closure_only() -> None:
    """March first closures A, B (once despite two), H, J → 4; I's closure was in February."""
    assert cases_closed(CASES, MAR) == 4
    assert cases_closed(CASES, FEB) == 1
    assert cases_closed(CASES, APR) == 0


def test_close_rate() -> None:
    """Of March's 7 issues A, B and J were closed by March 31 → 3/7; February: I of H, I → 1/2."""
    assert close_rate(CASES, MAR) == Fraction(3, 7)
    assert close_rate(CASES, FEB) == Fraction(1, 2)
    assert close_rate(CASES, APR) is None


def test_close_rate_counts_closures_after_the_period_end_only_later() -> None:
    """H registered in February is closed in March: not closed by February's end."""
    assert close_rate([H], FEB) == 0
    assert close_rate([H], Period(d(2, 1), d(3, 31))) == 1


def test_satisfaction_rate_uses_latest_rating_in_period() -> None:
    """March: A satisfied, B latest satisfied, H basically, J unsatisfied → 3/4."""
    assert satisfaction_rate(CASES, MAR) == Fraction(3, 4)
    # On March 26 alone B's rating was unsatisfied.
    assert satisfaction_rate([B], Period.day(d(3, 26))) == 0
    assert satisfaction_rate(CASES, FEB) == 0
    assert satisfaction_rate(CASES, APR) is None


def test_suggestions_formed() -> None:
    """E (转建议 in March) and F (registered as a suggestion in March) → 2."""
    assert suggestions_formed(CASES, MAR) == 2
    assert suggestions_formed(CASES, FEB) == 0


def test_suggestion_counted_once_per_case() -> None:
    """A case registered as a suggestion and converted again is one suggestion."""
    twice = case(
        "T",
        (K.REGISTERED, d(3, 1), {"track": "suggestion"}),
        (K.TO_SUGGESTION, d(3, 2), {"deputy_id": "p1"}),
    )
    assert suggestions_formed([twice], MAR) == 1


def test_reopened() -> None:
    """Reopens in March: B and I → 2; none in February."""
    assert reopened(CASES, MAR) == 2
    assert reopened(CASES, FEB) == 0


def test_overdue() -> None:
    """March: C (due 3/15 open) and I (due 3/20 after reopen); D was extended, B closed → 2.

    February: I was due 2/28 and stood unsatisfied (not closed) at February's end → 1.
    April: D due 4/15 still open → 1.
    """
    assert overdue(CASES, MAR) == 2
    assert overdue(CASES, FEB) == 1
    assert overdue(CASES, APR) == 1


def test_overdue_uses_due_date_as_of_period_end() -> None:
    """An extension made after the period does not remove the case from that period's figure."""
    late_extension = case(
        "X",
        (K.REGISTERED, d(3, 2), {**SUP, "due_date": "2026-03-20"}),
        (K.DUE_CHANGED, d(4, 2), {"due_date": "2026-04-30"}),
    )
    assert overdue([late_extension], MAR) == 1
    assert overdue([late_extension], APR) == 1


def test_later_reopen_does_not_change_earlier_period() -> None:
    """February's figures are the same from the full history and from the one known in February."""
    as_then = [up_to(c, FEB.end) for c in CASES if c.registered_on <= FEB.end]
    assert compute_all(VISITS, ATTENDANCES, CASES, FEB) == compute_all(
        VISITS, ATTENDANCES, as_then, FEB
    )
    # and the reopen of I is counted in March, where it happened
    assert reopened([I], MAR) == 1


def test_compute_all() -> None:
    """compute_all returns every figure in FIGURES order with the hand-computed March values."""
    result = compute_all(VISITS, ATTENDANCES, iter(CASES), MAR)
    assert list(result) == [f.key for f in FIGURES]
    assert result == {
        "duty_attendances": 3,
        "residents_received": 8,
        "issues_collected": 7,
        "cases_closed": 4,
        "close_rate": Fraction(3, 7),
        "satisfaction_rate": Fraction(3, 4),
        "suggestions_formed": 2,
        "reopened": 2,
        "overdue": 2,
    }


def test_empty_inputs() -> None:
    """No data gives zero counts and no rates."""
    result = compute_all([], [], [], MAR)
    assert result["close_rate"] is None
    assert result["satisfaction_rate"] is None
    assert [v for k, v in result.items() if k not in ("close_rate", "satisfaction_rate")] == [0] * 7


def test_figure_definitions() -> None:
    """The nine figures are defined in the agreed order with their official names."""
    assert [(f.key, f.name_zh) for f in FIGURES] == [
        ("duty_attendances", "代表进站履职人次"),
        ("residents_received", "接待群众人次"),
        ("issues_collected", "征集意见建议条数"),
        ("cases_closed", "办结件数"),
        ("close_rate", "办结率"),
        ("satisfaction_rate", "满意率"),
        ("suggestions_formed", "形成代表建议件数"),
        ("reopened", "重新督办件数"),
        ("overdue", "超期件数"),
    ]
    assert FIGURE_BY_KEY["satisfaction_rate"].definition_zh == (
        "期内有回访评价的件数中（每件取期内最后一次评价），满意与基本满意所占比例："
        "(满意+基本满意)/已评价件数"
    )
    assert all(f.definition_zh for f in FIGURES)
    assert {k: f.key for k, f in FIGURE_BY_KEY.items()} == {f.key: f.key for f in FIGURES}


def test_periods() -> None:
    """Day, month (leap February), quarter and year periods include both ends."""
    assert Period.day(d(3, 5)) == Period(d(3, 5), d(3, 5))
    assert Period.month(2024, 2) == Period(date(2024, 2, 1), date(2024, 2, 29))
    assert Period.quarter(2026, 4) == Period(d(10, 1), d(12, 31))
    assert Period.quarter(2026, 1) == Period(d(1, 1), d(3, 31))
    assert Period.year(2026) == Period(d(1, 1), d(12, 31))
    assert MAR.contains(d(3, 1))
    assert MAR.contains(d(3, 31))
    assert not MAR.contains(d(4, 1))
    assert not MAR.contains(d(2, 28))


@pytest.mark.parametrize("bad", [lambda: Period(d(3, 2), d(3, 1)), lambda: Period.quarter(2026, 5)])
def test_bad_periods(bad: object) -> None:
    """A period that ends before it starts, or quarter 5, is rejected."""
    assert callable(bad)
    with pytest.raises(ValueError):
        bad()
