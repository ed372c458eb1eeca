"""统计报表 drill-down, months, the 满意率 rule and the issue's edge cases, against references."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from fractions import Fraction

import pytest

from stationdesk.domain.enums import EventKind, Rating
from stationdesk.domain.errors import AccessError, ValidationError
from stationdesk.domain.figures import Period, is_overdue
from stationdesk.domain.permissions import Role
from stationdesk.services import accounts
from stationdesk.services.case_actions import callback, close_case, reopen
from stationdesk.services.reception import register_visit
from stationdesk.services.statistics import (
    BREAKDOWNS,
    attendance_rows,
    breakdowns,
    definitions,
    drill,
    figures,
    monthly,
    set_satisfaction_rule,
    store_tallies,
)
from tests.factories import sample_visit
from tests.services.test_statistics import _histories, _reference, demo  # noqa: F401

COUNTS = ("issues_collected", "issues_resolved", "suggestions_formed", "reopened", "overdue")


def _periods(ctx) -> list[Period]:
    today = ctx.clock().date()
    return [Period(today - timedelta(days=400), today), Period(today - timedelta(days=45), today),
            Period.day(today - timedelta(days=2))]  # fmt: skip


def test_every_count_drills_down_to_exactly_its_cases(demo):  # noqa: F811
    """Each figure lists exactly the cases (or sign-ins) it counts."""
    for period in _periods(demo):
        result = figures(demo, period.start, period.end)
        for key in COUNTS:
            ids = drill(demo, key, period.start, period.end)
            assert len(ids) == result[key], (key, period)
        expected_overdue = {h.case_id for h in _histories(demo) if is_overdue(h, period)}
        assert set(drill(demo, "overdue", period.start, period.end)) == expected_overdue
        # 办结率 and 满意率 list their denominators
        registered = drill(demo, "resolution_rate", period.start, period.end)
        assert len(registered) == result["issues_collected"]
        rated = drill(demo, "satisfaction_rate", period.start, period.end)
        expected_rated = {
            h.case_id
            for h in _histories(demo)
            if any(
                e.kind == EventKind.CALLBACK and period.contains(e.occurred_at.date())
                and e.payload.get("rating") for e in h.events
            )
        }  # fmt: skip
        assert len(rated) == len(set(rated)) and set(rated) == expected_rated
        received = drill(demo, "residents_received", period.start, period.end)
        visits_of = {
            r[0]
            for r in demo.db.query(
                "SELECT c.id FROM case_record c JOIN visit v ON v.id = c.visit_id "
                "WHERE v.received_on BETWEEN ? AND ? AND v.deleted_at IS NULL "
                "AND c.deleted_at IS NULL AND c.status != 'merged'",
                (period.start.isoformat(), period.end.isoformat()),
            )
        }
        assert set(received) == visits_of
        assert drill(demo, "deputy_attendances", period.start, period.end) == []
        rows = attendance_rows(demo, period.start, period.end)
        assert len(rows) == result["deputy_attendances"]


def test_every_breakdown_cell_drills_down_to_its_count(demo):  # noqa: F811
    """Each breakdown cell lists exactly as many cases as it shows."""
    period = _periods(demo)[1]
    groups = breakdowns(demo, period.start, period.end)
    for key in BREAKDOWNS:
        for row in groups[key]:
            for metric in ("issues_collected", "issues_resolved"):
                ids = drill(demo, metric, period.start, period.end, group=(key, row.key))
                assert len(ids) == getattr(row, metric), (key, row, metric)


def test_the_months_are_the_figures_of_each_month(demo):  # noqa: F811
    """monthly() gives each month's own figures, and they add up where they should."""
    today = demo.clock().date()
    start = (today.replace(day=1) - timedelta(days=70)).replace(day=1)
    months = monthly(demo, start, today)
    assert months[0][0] == start and months[-1][0] == today.replace(day=1)
    assert len(months) in (3, 4)
    for first, values in months:
        last = min(today, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1))
        assert values == figures(demo, first, last)
    whole = figures(demo, start, today)
    assert sum(v["issues_collected"] for _, v in months) == whole["issues_collected"]


def test_the_station_can_count_only_satisfied(demo, tmp_path):  # noqa: F811
    """The 满意率 setting changes the rate and its definition, audited, and back again."""
    period = _periods(demo)[0]
    before = figures(demo, period.start, period.end)["satisfaction_rate"]
    set_satisfaction_rule(demo, "satisfied_only")
    try:
        narrow = figures(demo, period.start, period.end)["satisfaction_rate"]
        ref = _reference(demo, period, counted=frozenset({Rating.SATISFIED}))
        assert narrow == ref["satisfaction_rate"]
        assert narrow is not None and before is not None and narrow < before
        assert "基本满意不计入" in definitions(demo)["satisfaction_rate"][1]
        logged = demo.db.query("SELECT count(*) FROM audit_log WHERE action = 'satisfaction_rule'")[
            0
        ][0]
        assert logged >= 1
    finally:
        set_satisfaction_rule(demo, "satisfied_or_basically")
    assert figures(demo, period.start, period.end)["satisfaction_rate"] == before
    assert definitions(demo)["satisfaction_rate"][1].startswith("期内有回访评价")
    with pytest.raises(ValidationError):
        set_satisfaction_rule(demo, "everyone_happy")


def test_only_an_admin_chooses_the_rule(ctx):
    """A clerk may not choose how 满意率 is counted."""
    accounts.create_user(
        ctx, username="clerk1", display_name="某某", role=Role.CLERK, password="clerk1-口令-9x8y"
    )
    clerk = ctx.as_actor(accounts.sign_in(ctx, "clerk1", "clerk1-口令-9x8y")[0])
    with pytest.raises(AccessError):
        set_satisfaction_rule(clerk, "satisfied_only")


def _at(ctx, day: date, hour: int = 10):
    return replace(ctx, clock=lambda: datetime.combine(day, time(hour)).astimezone())


def test_the_issue_edge_cases(ctx):
    """Closed in the next month counts there; a case rated twice counts its latest rating."""
    jan, feb, mar = date(2026, 1, 20), date(2026, 2, 3), date(2026, 3, 9)
    visit, _ = register_visit(_at(ctx, jan), sample_visit(7))
    supervised = visit.cases[1].id
    close_case(_at(ctx, feb), supervised, "已增设停车位")
    callback(_at(ctx, feb, 15), supervised, Rating.UNSATISFIED, "phone")
    reopen(_at(ctx, feb, 16), supervised, "群众不满意")
    close_case(_at(ctx, mar), supervised, "再次协调")
    callback(_at(ctx, mar, 15), supervised, Rating.SATISFIED, "phone")
    january = figures(ctx, date(2026, 1, 1), date(2026, 1, 31))
    february = figures(ctx, date(2026, 2, 1), date(2026, 2, 28))
    quarter = figures(ctx, date(2026, 1, 1), date(2026, 3, 31))
    # the on-the-spot issue closed in January; the supervised one first closed in February
    assert january["issues_collected"] == 2 and january["issues_resolved"] == 1
    assert february["issues_collected"] == 0 and february["issues_resolved"] == 1
    assert february["satisfaction_rate"] == Fraction(0, 1)  # 不满意, the only rating then
    assert february["reopened"] == 1
    assert quarter["issues_resolved"] == 2  # first close only: the second does not count
    assert quarter["satisfaction_rate"] == Fraction(1, 1)  # the latest rating in the period
    assert drill(ctx, "satisfaction_rate", date(2026, 1, 1), date(2026, 3, 31)) == [supervised]


def _reference_groups(ctx, start: date, end: date) -> dict[str, dict[str | None, tuple[int, int]]]:
    """The breakdowns counted in Python over the raw rows (no tallies, no service SQL)."""
    q = ctx.db.query
    visits = {r[0]: (r[1], r[2]) for r in q("SELECT id, grid_id, channel FROM visit")}
    received: dict[str, set[str]] = {}
    for visit_id, deputy_id in q(
        "SELECT visit_id, deputy_id FROM visit_deputy WHERE deleted_at IS NULL"
    ):
        received.setdefault(visit_id, set()).add(deputy_id)
    deputies = {r[0] for r in q("SELECT id FROM deputy")}
    out: dict[str, dict[str | None, list[int]]] = {key: {} for key in BREAKDOWNS}
    for _id, visit_id, cat, dept, track, deputy, reg, closed, status in q(
        "SELECT id, visit_id, category_id, department_id, track, deputy_id, registered_on, "
        "first_closed_at, status FROM case_record WHERE deleted_at IS NULL"
    ):
        col = start.isoformat() <= reg <= end.isoformat() and status != "merged"
        res = closed is not None and start.isoformat() <= closed[:10] <= end.isoformat()
        if not (col or res):
            continue
        grid, channel = visits[visit_id]
        people = (received.get(visit_id, set()) | {deputy}) - {None}
        keys = {"category": [cat], "department": [dept], "track": [track], "grid": [grid],
                "channel": [channel],
                "deputy": [d for d in people if d in deputies] if people else [None]}  # fmt: skip
        for dim, values in keys.items():
            for value in values:
                cell = out[dim].setdefault(value, [0, 0])
                cell[0] += col
                cell[1] += res
    return {dim: {k: (v[0], v[1]) for k, v in cells.items()} for dim, cells in out.items()}


def _service_groups(
    ctx, start: date, end: date, *, store: bool = True
) -> dict[str, dict[str | None, tuple[int, int]]]:
    """The service's breakdowns; first the changed days' recount is stored (as the page does),
    so the read takes every clean day from the stored tallies."""
    if store:
        store_tallies(ctx)
    groups = breakdowns(ctx, start, end)
    return {
        dim: {g.key: (g.issues_collected, g.issues_resolved) for g in rows}
        for dim, rows in groups.items()
    }


def test_the_tallies_follow_every_kind_of_change(ctx):
    """Corrections, grid and channel, deputies, merges, deletions, closing, the purge."""
    from stationdesk.services.case_actions import correct, merge_duplicate
    from stationdesk.services.demo import generate
    from stationdesk.services.retention import purge

    generate(ctx, visits=400, seed=3)
    today = ctx.clock().date()
    start = today - timedelta(days=60)
    assert _service_groups(ctx, start, today) == _reference_groups(ctx, start, today)
    q = ctx.db.query
    # one case per registration day, so each change below is the only one touching its day
    cases = q(
        "SELECT id, visit_id FROM case_record WHERE status IN ('pending', 'in_progress') "
        "AND registered_on >= ? GROUP BY registered_on ORDER BY registered_on LIMIT 6",
        (start.isoformat(),),
    )
    assert len(cases) == 6
    supervised = next(
        row
        for row in q(
            "SELECT c.id, c.visit_id FROM case_record c WHERE c.status = 'in_progress' "
            "AND c.registered_on >= ? AND EXISTS (SELECT 1 FROM visit_deputy vd "
            "WHERE vd.visit_id = c.visit_id) ORDER BY c.registered_on",
            (start.isoformat(),),
        )
        if row[1] not in {visit for _, visit in cases}
    )
    categories = [r[0] for r in q("SELECT id FROM category ORDER BY name")]
    grid = q("SELECT id FROM grid ORDER BY name DESC LIMIT 1")[0][0]
    deputy = q("SELECT id FROM deputy ORDER BY name DESC LIMIT 1")[0][0]
    stamp = "'2026-01-01T00:00:00+08:00', row_version = row_version + 1"

    def raw(sql: str, *params: object) -> None:  # as a sync pull or a correction would write
        with ctx.db.write_core() as conn:
            conn.exec_driver_sql(sql, params)

    def hard_delete(sql: str, *params: object) -> None:  # only the purge deletes rows
        with ctx.db.write_core() as conn:
            conn.exec_driver_sql("INSERT INTO purge_session (id, started_at) VALUES (1, 'now')")
            conn.exec_driver_sql(sql, params)
            conn.exec_driver_sql("DELETE FROM purge_session")

    changes = [
        lambda: correct(ctx, cases[0][0], "category_id", categories[-1], "类别选错"),
        lambda: merge_duplicate(ctx, cases[1][0], cases[2][0]),
        lambda: raw(
            "UPDATE visit SET grid_id = ?, channel = 'letter', row_version = row_version + 1 "
            "WHERE id = ?", grid, cases[3][1],
        ),
        lambda: raw(f"UPDATE visit_deputy SET deleted_at = {stamp} WHERE visit_id = ?", cases[4][1]),
        lambda: raw(
            "INSERT INTO visit_deputy (id, station_id, created_by_device, created_at, updated_at,"
            " visit_id, deputy_id) SELECT 'vd-test', station_id, created_by_device, created_at,"
            " updated_at, id, ? FROM visit WHERE id = ?", deputy, cases[5][1],
        ),
        lambda: raw(f"UPDATE case_record SET deleted_at = {stamp} WHERE id = ?", cases[5][0]),
        lambda: close_case(ctx, supervised[0], "已办结"),  # first_closed_at set today
        lambda: hard_delete("DELETE FROM visit_deputy WHERE visit_id = ?", supervised[1]),
        # the retention purge (hard deletes) of everything closed, five years and more from now
        lambda: purge(ctx, today + timedelta(days=6 * 366)),
    ]  # fmt: skip
    for n, change in enumerate(changes):
        before = _service_groups(ctx, start, today)
        change()
        after = _service_groups(ctx, start, today)
        assert after == _reference_groups(ctx, start, today), n
        assert after != before, n  # the change did move a tally
    assert q("SELECT count(*) FROM stat_day_dirty")[0][0] == 0  # all recounted


def test_a_suggestion_registered_so_counts_when_registered_and_when_given_to_a_deputy(ctx):
    """形成代表建议件数: registered on the suggestion track, converted to a deputy later."""
    from stationdesk.domain.enums import Track
    from stationdesk.services.case_actions import to_suggestion
    from stationdesk.services.dto import IssueInput

    visit = replace(
        sample_visit(8), issues=(IssueInput(content="修建村道需要立项", track=Track.SUGGESTION),)
    )
    registered, _ = register_visit(_at(ctx, date(2026, 3, 10)), visit)
    case_id = registered.cases[0].id
    deputy = ctx.db.query("SELECT id FROM deputy LIMIT 1")
    if not deputy:
        from stationdesk.services.roster import save_deputy
        from tests.services.roster_factories import deputy_input

        save_deputy(ctx, deputy_input("王代表"))
        deputy = ctx.db.query("SELECT id FROM deputy LIMIT 1")
    to_suggestion(_at(ctx, date(2026, 4, 3)), case_id, deputy_id=deputy[0][0],
                  title="关于修建村道的建议", content="建议立项修建村道")  # fmt: skip
    march = (date(2026, 3, 1), date(2026, 3, 31))
    april = (date(2026, 4, 1), date(2026, 4, 30))
    assert figures(ctx, *march)["suggestions_formed"] == 1
    assert figures(ctx, *april)["suggestions_formed"] == 1
    assert drill(ctx, "suggestions_formed", *march) == [case_id]
    assert figures(ctx, date(2026, 3, 1), date(2026, 4, 30))["suggestions_formed"] == 1


def test_a_due_date_set_by_a_correction_makes_the_case_overdue_in_its_period(ctx):
    """超期 follows a 更正 of the due date even when the date was changed again later."""
    from stationdesk.services.case_actions import assign, correct

    registered, _ = register_visit(_at(ctx, date(2026, 2, 20)), sample_visit(9))
    case_id = registered.cases[1].id  # the supervised issue
    department = ctx.db.query("SELECT id FROM department LIMIT 1")[0][0]
    assign(_at(ctx, date(2026, 2, 20)), case_id, department, date(2026, 2, 28))
    correct(_at(ctx, date(2026, 3, 1)), case_id, "due_date", "2026-03-25", "期限填错")
    assign(_at(ctx, date(2026, 4, 2)), case_id, department, date(2026, 4, 30))
    march = (date(2026, 3, 1), date(2026, 3, 31))
    assert case_id in drill(ctx, "overdue", *march)
    assert figures(ctx, *march)["overdue"] == len(drill(ctx, "overdue", *march))


def test_a_merged_duplicate_counts_once(ctx):
    """Merging one issue into another takes one off 征集意见建议条数; the primary stays."""
    from stationdesk.services.case_actions import merge_duplicate

    today = ctx.clock().date()
    first, _ = register_visit(ctx, sample_visit(10))
    second, _ = register_visit(ctx, sample_visit(11))
    before = figures(ctx, today, today)["issues_collected"]
    merge_duplicate(ctx, second.cases[1].id, first.cases[1].id)
    assert figures(ctx, today, today)["issues_collected"] == before - 1
    ids = drill(ctx, "issues_collected", today, today)
    assert first.cases[1].id in ids and second.cases[1].id not in ids


def test_reports_are_read_while_another_program_holds_the_write_lock(ctx):
    """The breakdowns never wait for a writer: dirty days are counted in the read snapshot."""
    import sqlite3

    register_visit(ctx, sample_visit(12))
    today = ctx.clock().date()
    expected = _reference_groups(ctx, today, today)
    other = sqlite3.connect(ctx.paths.db, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert ctx.db.query("SELECT count(*) FROM stat_day_dirty")[0][0] > 0
        assert _service_groups(ctx, today, today, store=False) == expected
        assert store_tallies(ctx) == 0  # cannot write now: nothing stored, nothing lost
    finally:
        other.rollback()
        other.close()
    assert store_tallies(ctx) > 0
    assert ctx.db.query("SELECT count(*) FROM stat_day_dirty")[0][0] == 0  # written back
    assert _service_groups(ctx, today, today, store=False) == expected
