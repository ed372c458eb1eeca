"""Retention (PIPL 19/47): expired visits purged so that no byte of them stays in the file.

A visit expires when every one of its cases is finished (闭环 or 已合并) and the last thing
that happened to any of them is older than the retention period; open cases never expire.
The purge deletes the visit, its cases, their events and deputies, its outbox and reject
rows, and old drafts, in one transaction (secure_delete zeroes the freed bytes); then the
search index is merged and the WAL truncated, so neither keeps a copy. The audit row holds
counts and record ids only. Backups age out by thinning (docs/decisions.md).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.permissions import Action
from stationdesk.services.authz import require
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import ServiceContext
from stationdesk.store import audit
from stationdesk.store import settings as settings_store

VISIT_YEARS_KEY = "retention.visit_years"
DRAFT_DAYS_KEY = "retention.draft_days"
DEFAULT_VISIT_YEARS = 5
DEFAULT_DRAFT_DAYS = 30


@dataclass(frozen=True, slots=True)
class RetentionSettings:
    """How long records are kept (the county's policy, entered by the admin)."""

    visit_years: int
    draft_days: int


@dataclass(frozen=True, slots=True)
class PurgePlan:
    """What a purge removes (dry run) or removed (applied): counts and record ids only."""

    cutoff: date
    visit_ids: tuple[str, ...]
    case_ids: tuple[str, ...]
    events: int
    drafts: int
    applied: bool = False
    # False when another program kept the WAL from being truncated: the purged pages may
    # still be in the -wal file until the next checkpoint (run the purge again).
    wal_cleared: bool = True


def retention_settings(ctx: ServiceContext) -> RetentionSettings:
    """The retention periods (default: visits 5 years after their last event, drafts 30 days)."""
    values = dict(
        ctx.db.query(
            "SELECT key, value FROM settings WHERE key IN (?, ?)", (VISIT_YEARS_KEY, DRAFT_DAYS_KEY)
        )
    )

    def number(key: str, default: int) -> int:
        try:
            return int(values[key]) if key in values else default
        except ValueError:
            return default

    return RetentionSettings(
        number(VISIT_YEARS_KEY, DEFAULT_VISIT_YEARS), number(DRAFT_DAYS_KEY, DEFAULT_DRAFT_DAYS)
    )


def set_retention(ctx: ServiceContext, *, visit_years: int, draft_days: int) -> ChangeSet:
    """Admin: visits 1–30 years, drafts 1–365 days; audited."""
    require(ctx, Action.CONFIGURE)
    if not 1 <= visit_years <= 30:
        raise ValidationError("out_of_range", "visit_years", low=1, high=30)
    if not 1 <= draft_days <= 365:
        raise ValidationError("out_of_range", "draft_days", low=1, high=365)
    now = ctx.clock()
    stamp = now.isoformat(timespec="milliseconds")
    with ctx.db.write_core() as conn:
        for key, value in ((VISIT_YEARS_KEY, visit_years), (DRAFT_DAYS_KEY, draft_days)):
            settings_store.put(conn, key, str(value), stamp)
        detail = {"visit_years": visit_years, "draft_days": draft_days}
        audit.append(
            conn, ctx.audit_entry(now, "settings.retention", "settings", "retention", detail)
        )
    return ChangeSet.of("settings")


def _cutoff(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _plan(conn: Connection, today: date, settings: RetentionSettings) -> PurgePlan:
    cutoff = _cutoff(today, settings.visit_years)
    visits = tuple(
        str(r[0])
        for r in conn.exec_driver_sql(
            "SELECT v.id FROM visit AS v WHERE v.received_on < ? AND NOT EXISTS ("
            "  SELECT 1 FROM case_record AS c WHERE c.visit_id = v.id"
            "  AND (c.status NOT IN ('done', 'merged') OR substr(c.last_event_at, 1, 10) >= ?)"
            ") ORDER BY v.received_on, v.id",
            (cutoff.isoformat(), cutoff.isoformat()),
        )
    )
    marks = ", ".join("?" for _ in visits)
    cases: tuple[str, ...] = ()
    events = 0
    if visits:
        cases = tuple(
            str(r[0])
            for r in conn.exec_driver_sql(
                f"SELECT id FROM case_record WHERE visit_id IN ({marks}) ORDER BY case_no", visits
            )
        )
        events = int(
            conn.exec_driver_sql(
                "SELECT count(*) FROM case_event WHERE case_id IN "
                f"(SELECT id FROM case_record WHERE visit_id IN ({marks}))",
                visits,
            ).scalar_one()
        )
    draft_cutoff = (today - timedelta(days=settings.draft_days)).isoformat()
    drafts = int(
        conn.exec_driver_sql(
            "SELECT count(*) FROM draft WHERE substr(updated_at, 1, 10) < ?", (draft_cutoff,)
        ).scalar_one()
    )
    return PurgePlan(cutoff, visits, cases, events, drafts)


def purge_plan(ctx: ServiceContext, today: date | None = None) -> PurgePlan:
    """Dry run: what a purge would remove today."""
    require(ctx, Action.PURGE)
    settings = retention_settings(ctx)
    with ctx.db.read_core() as conn:
        return _plan(conn, today or ctx.clock().date(), settings)


def purge(ctx: ServiceContext, today: date | None = None) -> tuple[PurgePlan, ChangeSet]:
    """Remove every expired visit with its cases, events and sync rows, and old drafts."""
    require(ctx, Action.PURGE)
    settings = retention_settings(ctx)
    now = ctx.clock()
    day = today or now.date()
    with ctx.db.write_core() as conn:
        plan = _plan(conn, day, settings)
        conn.exec_driver_sql(
            "INSERT INTO purge_session (id, started_at) VALUES (1, ?)",
            (now.isoformat(timespec="milliseconds"),),
        )
        conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS purge_ids (id TEXT PRIMARY KEY)")
        conn.exec_driver_sql("DELETE FROM temp.purge_ids")
        ids = list(plan.visit_ids) + list(plan.case_ids)
        if ids:
            values = ", ".join("(?)" for _ in ids)
            conn.exec_driver_sql(f"INSERT INTO temp.purge_ids (id) VALUES {values}", tuple(ids))
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO temp.purge_ids (id) SELECT id FROM case_event "
            "WHERE case_id IN (SELECT id FROM temp.purge_ids)"
        )
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO temp.purge_ids (id) SELECT id FROM visit_deputy "
            "WHERE visit_id IN (SELECT id FROM temp.purge_ids)"
        )
        for sql in (
            "DELETE FROM case_event WHERE case_id IN (SELECT id FROM temp.purge_ids)",
            "DELETE FROM case_record WHERE id IN (SELECT id FROM temp.purge_ids)",
            "DELETE FROM visit_deputy WHERE visit_id IN (SELECT id FROM temp.purge_ids)",
            "DELETE FROM visit WHERE id IN (SELECT id FROM temp.purge_ids)",
            "DELETE FROM sync_outbox WHERE entity_id IN (SELECT id FROM temp.purge_ids)",
            "DELETE FROM sync_rejects WHERE entity_id IN (SELECT id FROM temp.purge_ids)",
        ):
            conn.exec_driver_sql(sql)
        draft_cutoff = (day - timedelta(days=settings.draft_days)).isoformat()
        conn.exec_driver_sql(
            "DELETE FROM draft WHERE substr(updated_at, 1, 10) < ?", (draft_cutoff,)
        )
        conn.exec_driver_sql("DELETE FROM purge_session")
        conn.exec_driver_sql("DELETE FROM temp.purge_ids")
        detail = {
            "cutoff": plan.cutoff.isoformat(),
            "visits": len(plan.visit_ids),
            "cases": len(plan.case_ids),
            "events": plan.events,
            "drafts": plan.drafts,
            "visit_ids": list(plan.visit_ids),
            "case_ids": list(plan.case_ids),
        }
        audit.append(conn, ctx.audit_entry(now, "purge.apply", "retention", "purge", detail))
    # The search index keeps deleted text in its segments until they are merged; the WAL
    # keeps the old pages until it is truncated. Neither may outlive the purge.
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql("INSERT INTO case_search (case_search) VALUES ('optimize')")
    cleared = False
    for _ in range(20):  # a reader elsewhere finishes its snapshot within moments
        if ctx.db.checkpoint():
            cleared = True
            break
        time.sleep(0.1)
    changes = ChangeSet.of("visit", "case_record", "case_event", "draft", ids=list(plan.visit_ids))
    done = PurgePlan(
        plan.cutoff, plan.visit_ids, plan.case_ids, plan.events, plan.drafts, True, cleared
    )
    return done, changes
