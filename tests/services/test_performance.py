"""履职档案 figures on demo data equal an independent count over the raw rows (no shared SQL)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta

import pytest

from stationdesk.domain.errors import ValidationError
from stationdesk.services.activities import ActivityInput, add_activity, remove_activity
from stationdesk.services.case_actions import merge_duplicate
from stationdesk.services.demo import generate
from stationdesk.services.duty import add_shift, mark_absent, sign_in, undo_last_mark
from stationdesk.services.performance import (
    DEFAULT_RULES,
    Rule,
    performance,
    period_quota,
    rules,
    save_rules,
)
from stationdesk.services.roster import list_deputies
from tests.services.roster_factories import add_deputy


def _independent(ctx, start: date, end: date) -> dict[str, dict[str, int]]:
    """Each deputy's counts, walked in Python over the raw rows."""
    q = ctx.db.query
    inside = lambda d: start.isoformat() <= d <= end.isoformat()  # noqa: E731
    out: dict[str, dict[str, int]] = defaultdict(Counter)
    voided = {r[0] for r in q("SELECT voids_id FROM attendance WHERE voids_id IS NOT NULL")}
    seen = set()
    for aid, shift, dep, kind, on in q(
        "SELECT id, shift_id, deputy_id, kind, occurred_on FROM attendance"
    ):
        if kind == "sign_in" and aid not in voided and inside(on) and (shift, dep) not in seen:
            seen.add((shift, dep))
            out[dep]["duty_attendances"] += 1
    visits = {
        r[0]: (r[1], r[2])
        for r in q("SELECT id, received_on, people FROM visit WHERE deleted_at IS NULL")
    }
    received = defaultdict(set)
    for visit_id, dep in q("SELECT visit_id, deputy_id FROM visit_deputy WHERE deleted_at IS NULL"):
        received[dep].add(visit_id)
    for dep, ids in received.items():
        out[dep]["residents_received"] = sum(
            visits[v][1] for v in ids if v in visits and inside(visits[v][0])
        )
    for case_visit, case_dep, on, status in q(
        "SELECT visit_id, deputy_id, registered_on, status FROM case_record "
        "WHERE deleted_at IS NULL"
    ):
        if status == "merged" or not inside(on):
            continue
        for dep in {d for d, ids in received.items() if case_visit in ids} | {case_dep} - {None}:
            out[dep]["issues_taken_up"] += 1
    for dep, on in q("SELECT deputy_id, formed_on FROM suggestion WHERE deleted_at IS NULL"):
        if inside(on):
            out[dep]["suggestions_formed"] += 1
    for dep, kind, on in q(
        "SELECT deputy_id, kind, occurred_on FROM deputy_activity WHERE deleted_at IS NULL"
    ):
        if inside(on):
            out[dep][kind] += 1
    return out


@pytest.fixture
def demo(ctx):
    """Demo data plus what it lacks: merged duplicates, voided sign-ins and absences."""
    generate(ctx, visits=1500, seed=7)
    cases = ctx.db.query(
        "SELECT DISTINCT c.id FROM case_record c JOIN visit_deputy vd ON vd.visit_id = c.visit_id "
        "WHERE c.status NOT IN ('merged') ORDER BY c.registered_at DESC LIMIT 6"
    )
    for (dup,), (primary,) in zip(cases[0::2], cases[1::2], strict=True):
        merge_duplicate(ctx, dup, primary)
    today = ctx.clock().date()
    for deputy_id in [d.id for d in list_deputies(ctx)][:3]:
        shift, _ = add_shift(ctx, deputy_id, today, "pm")
        sign_in(ctx, shift, note="测试")
        undo_last_mark(ctx, shift, "签错人")
    absent, _ = add_shift(ctx, list_deputies(ctx)[4].id, today, "day")
    mark_absent(ctx, absent, "请假")
    assert ctx.db.query("SELECT count(*) FROM case_record WHERE status = 'merged'")[0][0] >= 3
    return ctx


def test_figures_equal_an_independent_count(demo):
    end = demo.clock().date()
    for start in (end - timedelta(days=364), end - timedelta(days=30)):
        expected = _independent(demo, start, end)
        records = performance(demo, start, end)
        assert len(records) == demo.db.query("SELECT count(*) FROM deputy")[0][0]
        nonzero = 0
        for rec in records:
            for item in rec.items:
                assert item.count == expected[rec.deputy_id][item.item], (rec.name, item.item)
                nonzero += item.count > 0
        assert nonzero > len(records)  # the demo gives every kind of figure something to count
        points = {r.item: r.points for r in DEFAULT_RULES}
        for rec in records:
            assert rec.total_points == sum(points[i.item] * i.count for i in rec.items)


def test_voided_sign_in_and_removed_activity_do_not_count(ctx):
    did = add_deputy(ctx)
    today = ctx.clock().date()
    shift, _ = add_shift(ctx, did, today, "day")
    sign_in(ctx, shift, note="按时到站")
    aid, _ = add_activity(ctx, ActivityInput(did, "enterprise_visit", today, "红旗机械厂"))
    rec = performance(ctx, today, today, did)[0]
    assert (rec.count("duty_attendances"), rec.count("enterprise_visit")) == (1, 1)
    undo_last_mark(ctx, shift, "签错人")
    remove_activity(ctx, aid, "重复录入")
    rec = performance(ctx, today, today, did)[0]
    assert (rec.count("duty_attendances"), rec.count("enterprise_visit")) == (0, 0)


def test_activity_rules(ctx):
    did = add_deputy(ctx)
    today = ctx.clock().date()
    with pytest.raises(ValidationError) as err:
        add_activity(ctx, ActivityInput(did, "research", today + timedelta(days=1)))
    assert err.value.code == "date_in_future"
    with pytest.raises(ValidationError) as err:
        add_activity(ctx, ActivityInput(did, "dancing", today))
    assert err.value.code == "invalid_type"


def test_rules_are_data_and_quotas_scale_with_the_period(ctx):
    assert rules(ctx) == DEFAULT_RULES
    quotas = {r.item: r.quota for r in DEFAULT_RULES}
    assert (quotas["enterprise_visit"], quotas["residents_received"]) == (5, 10)
    assert quotas["suggestions_formed"] == 6
    changed = [replace(r, points=5) if r.item == "enterprise_visit" else r for r in DEFAULT_RULES]
    save_rules(ctx, changed)
    assert next(r for r in rules(ctx) if r.item == "enterprise_visit").points == 5
    did = add_deputy(ctx)
    today = ctx.clock().date()
    add_activity(ctx, ActivityInput(did, "enterprise_visit", today))
    assert performance(ctx, today, today, did)[0].total_points == 5
    save_rules(ctx, None)
    assert rules(ctx) == DEFAULT_RULES
    with pytest.raises(ValidationError) as err:
        save_rules(ctx, DEFAULT_RULES[:-1])
    assert err.value.code == "rules_incomplete"
    with pytest.raises(ValidationError) as err:
        save_rules(ctx, [Rule(r.item, r.quota, -1) for r in DEFAULT_RULES])
    assert err.value.code == "out_of_range"
    assert period_quota(5, date(2026, 1, 1), date(2026, 12, 31)) == 5
    assert period_quota(6, date(2026, 1, 1), date(2026, 3, 31)) == 2  # 6 × 90/365 → 1.48 → 2
    assert period_quota(None, date(2026, 1, 1), date(2026, 3, 31)) is None
