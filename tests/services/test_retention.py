"""Retention purge: only expired, finished visits go; afterwards not one byte of them is left."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from stationdesk.domain.enums import Rating, Track
from stationdesk.domain.errors import AccessError
from stationdesk.domain.permissions import Role
from stationdesk.services import accounts
from stationdesk.services import case_actions as act
from stationdesk.services.context import ServiceContext
from stationdesk.services.dto import IssueInput, VisitInput
from stationdesk.services.maintenance import check
from stationdesk.services.reception import register_visit
from stationdesk.services.retention import purge, purge_plan, retention_settings, set_retention

OLD_PHONE = "13712349876"
OLD_ID = "440106198507230414"  # a valid ID number, only in the purged visit
OLD_NAME = "司马懿然"
KEPT_PHONE = "13611112222"


def _at(ctx: ServiceContext, when: datetime) -> ServiceContext:
    return ServiceContext(ctx.paths, ctx.db, ctx.actor, lambda: when, ctx.origin)


def _visit(ctx, when: datetime, name: str, phone: str, id_number: str | None = None) -> str:
    past = _at(ctx, when)
    result, _ = register_visit(
        past,
        VisitInput(
            visitor_name=name,
            phone=phone,
            id_number=id_number,
            received_at=when,
            issues=(
                IssueInput(
                    content=f"{name}反映楼道灯不亮，电话{phone}",
                    track=Track.ON_SPOT,
                    on_spot_answer="已联系物业",
                ),
            ),
        ),
    )
    return result.cases[0].id


def _raw_hits(ctx, *needles: str) -> int:
    found = 0
    for path in (ctx.paths.db, ctx.paths.db.with_name(ctx.paths.db.name + "-wal")):
        if path.exists():
            data = path.read_bytes()
            found += sum(data.count(n.encode("utf-8")) for n in needles)
    return found


def test_purge_removes_only_expired_finished_visits_and_leaves_no_bytes(ctx):
    """Six-year-old closed-loop visit: gone from rows, index, outbox and the file's bytes."""
    now = ctx.clock()
    old = now - timedelta(days=6 * 365)
    expired_case = _visit(ctx, old, OLD_NAME, OLD_PHONE, OLD_ID)
    act.callback(_at(ctx, old + timedelta(days=3)), expired_case, Rating.SATISFIED, "phone")
    _visit(ctx, old, "欧阳修", "13522223333")  # as old, but still awaiting its call-back
    recent = _visit(ctx, now - timedelta(days=30), "李清照", KEPT_PHONE)
    act.callback(ctx, recent, Rating.SATISFIED, "phone")
    ctx.db.checkpoint()
    assert _raw_hits(ctx, OLD_PHONE, OLD_ID, OLD_NAME, " ".join(OLD_NAME)) > 0  # there before

    plan = purge_plan(ctx)
    assert (len(plan.visit_ids), len(plan.case_ids), plan.events) == (1, 1, 3)
    done, _ = purge(ctx)
    assert done.applied and done.visit_ids == plan.visit_ids and done.wal_cleared
    wal = ctx.paths.db.with_name(ctx.paths.db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # truncated while the app is open
    spaced = " ".join(OLD_NAME)  # the search index's form of the name
    assert _raw_hits(ctx, OLD_PHONE, OLD_ID, OLD_NAME, spaced) == 0

    con = sqlite3.connect(ctx.paths.db)
    names = [r[0] for r in con.execute("SELECT visitor_name FROM visit ORDER BY visitor_name")]
    purge_rows = con.execute("SELECT detail FROM audit_log WHERE action = 'purge.apply'").fetchall()
    con.close()
    assert names == sorted(["欧阳修", "李清照"])
    assert len(purge_rows) == 1 and OLD_NAME not in purge_rows[0][0]
    assert check(ctx).ok
    ctx.db.dispose()
    assert _raw_hits(ctx, OLD_PHONE, OLD_ID, OLD_NAME) == 0
    assert _raw_hits(ctx, KEPT_PHONE) > 0  # the kept visit is untouched
    assert purge_plan(ctx).visit_ids == ()  # nothing left to purge


def test_only_admins_purge_and_set_retention(ctx):
    """A clerk may neither purge nor change the periods; the admin may (1–30 years)."""
    accounts.create_user(
        ctx, username="admin", display_name="王站长", role=Role.ADMIN, password="站长的口令-A1b2"
    )
    admin = ctx.as_actor(accounts.sign_in(ctx, "admin", "站长的口令-A1b2")[0])
    accounts.create_user(
        admin, username="lina", display_name="李娜", role=Role.CLERK, password="李娜的接待口令-77"
    )
    clerk = ctx.as_actor(accounts.sign_in(ctx, "lina", "李娜的接待口令-77")[0])
    for call in (lambda: purge(clerk), lambda: purge_plan(clerk)):
        with pytest.raises(AccessError):
            call()
    with pytest.raises(AccessError):
        set_retention(clerk, visit_years=3, draft_days=10)
    set_retention(admin, visit_years=3, draft_days=10)
    assert (retention_settings(ctx).visit_years, retention_settings(ctx).draft_days) == (3, 10)
    assert purge(admin)[0].applied
