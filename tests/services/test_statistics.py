"""统计报表 figures in SQL equal domain.figures run over every case history loaded in Python."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from stationdesk.domain.enums import EventKind, Rating
from stationdesk.domain.figures import (
    CaseHistory,
    Period,
    ShiftAttendanceRow,
    VisitRow,
    compute_all,
    satisfaction_rate,
)
from stationdesk.domain.workflow import CaseEvent
from stationdesk.services.case_actions import merge_duplicate
from stationdesk.services.demo import generate
from stationdesk.services.duty import add_shift, sign_in, undo_last_mark
from stationdesk.services.reception import register_visit
from stationdesk.services.roster import list_deputies
from stationdesk.services.statistics import REPORT_KEYS, breakdowns, figures
from tests.factories import sample_visit


def _histories(ctx) -> list[CaseHistory]:
    """Every live case's history, loaded without the service's SQL."""
    events: dict[str, list[CaseEvent]] = {}
    for cid, eid, kind, at, payload, origin in ctx.db.query(
        "SELECT case_id, id, kind, occurred_at, payload, origin FROM case_event ORDER BY rowid"
    ):
        events.setdefault(cid, []).append(
            CaseEvent(eid, EventKind(kind), datetime.fromisoformat(at), json.loads(payload), origin)
        )
    return [
        CaseHistory(r[0], date.fromisoformat(r[1]), tuple(events.get(r[0], ())))
        for r in ctx.db.query("SELECT id, registered_on FROM case_record WHERE deleted_at IS NULL")
    ]


def _reference(
    ctx,
    period: Period,
    counted: frozenset[Rating] = frozenset({Rating.SATISFIED, Rating.BASICALLY}),
) -> dict[str, object]:
    """compute_all over every row of the database, loaded without the service's SQL."""
    q = ctx.db.query
    voided = {r[0] for r in q("SELECT voids_id FROM attendance WHERE voids_id IS NOT NULL")}
    attendances = [
        ShiftAttendanceRow(r[1], r[2], date.fromisoformat(r[3]))
        for r in q("SELECT id, shift_id, deputy_id, occurred_on, kind FROM attendance")
        if r[4] == "sign_in" and r[0] not in voided
    ]
    visits = [
        VisitRow(r[0], date.fromisoformat(r[1]), r[2])
        for r in q("SELECT id, received_on, people FROM visit WHERE deleted_at IS NULL")
    ]
    cases = _histories(ctx)
    ref = dict(compute_all(visits, attendances, cases, period))
    ref["satisfaction_rate"] = satisfaction_rate(cases, period, counted)
    return {key: ref[domain_key] for key, domain_key in REPORT_KEYS.items()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Demo data with merged duplicates and a voided sign-in added (built once)."""
    from stationdesk.paths import DataPaths
    from stationdesk.services.station import create_station

    paths = DataPaths(tmp_path_factory.mktemp("stats") / "data").ensure()
    ctx, _ = create_station(paths, code="410205-01", name="测试联络站", county="测试县")
    generate(ctx, visits=2500, seed=11)
    rows = ctx.db.query(
        "SELECT id FROM case_record WHERE status IN ('pending', 'in_progress', 'done') "
        "ORDER BY registered_at DESC LIMIT 8"
    )
    for (dup,), (primary,) in zip(rows[0::2], rows[1::2], strict=True):
        merge_duplicate(ctx, dup, primary)
    deputy = list_deputies(ctx)[0].id
    shift, _ = add_shift(ctx, deputy, ctx.clock().date(), "pm")
    sign_in(ctx, shift, note="测试")
    undo_last_mark(ctx, shift, "签错")
    yield ctx
    ctx.db.dispose()


def test_every_figure_equals_the_reference_for_many_periods(demo):
    """The nine figures equal domain.figures over every history, for five periods."""
    today = demo.clock().date()
    periods = [
        Period(today.replace(day=1), today),
        Period.month((today.replace(day=1) - timedelta(days=1)).year,
                     (today.replace(day=1) - timedelta(days=1)).month),
        Period(today - timedelta(days=89), today),
        Period(today - timedelta(days=400), today),
        Period.day(today - timedelta(days=3)),
    ]  # fmt: skip
    for period in periods:
        assert figures(demo, period.start, period.end) == _reference(demo, period), period
    year = figures(demo, today - timedelta(days=364), today)
    assert all(value for value in year.values()), year  # every figure has something to count


def test_breakdowns_add_up_to_the_figures(demo):
    """Each breakdown adds up to the totals; by deputy, every case is on one line or more."""
    today = demo.clock().date()
    start = today - timedelta(days=180)
    totals = figures(demo, start, today)
    groups = breakdowns(demo, start, today)
    for key in ("category", "channel", "track", "grid", "department"):
        assert sum(g.issues_collected for g in groups[key]) == totals["issues_collected"], key
        assert sum(g.issues_resolved for g in groups[key]) == totals["issues_resolved"], key
    assert {g.name for g in groups["track"]} <= {"现场办结", "联络站督办", "形成建议交办"}
    deputies = groups["deputy"]
    assert sum(g.issues_collected for g in deputies) >= totals["issues_collected"]
    assert sum(g.issues_resolved for g in deputies) >= totals["issues_resolved"]


def test_a_collective_visit_counts_its_people(ctx):
    """A visit of 3 people counts 3 in 接待群众人次."""
    today = ctx.clock().date()
    register_visit(ctx, replace(sample_visit(1), people=3))
    register_visit(ctx, sample_visit(2))
    result = figures(ctx, today, today)
    assert result["residents_received"] == 4
    assert result["issues_collected"] == ctx.db.query("SELECT count(*) FROM case_record")[0][0]
