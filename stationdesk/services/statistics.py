"""统计报表: the figures of domain.figures for a period, counted in SQL, with their breakdowns."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from typing import Any

from sqlalchemy import Connection

from stationdesk.domain.enums import CHANNEL_NAMES, TRACK_NAMES, Channel, EventKind, Track
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.figures import CaseHistory, Period, overdue
from stationdesk.domain.permissions import Action
from stationdesk.domain.workflow import CaseEvent
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext

# The report's keys (the CLI's JSON and the county's form) → domain.figures' keys.
REPORT_KEYS = {
    "deputy_attendances": "duty_attendances",
    "residents_received": "residents_received",
    "issues_collected": "issues_collected",
    "issues_resolved": "cases_closed",
    "resolution_rate": "close_rate",
    "satisfaction_rate": "satisfaction_rate",
    "suggestions_formed": "suggestions_formed",
    "reopened": "reopened",
    "overdue": "overdue",
}
BREAKDOWNS = ("category", "grid", "channel", "track", "deputy", "department")
UNSET = "（未填）"


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One line of a breakdown: the issues registered and resolved in the period."""

    key: str | None
    name: str
    issues_collected: int
    issues_resolved: int


@dataclass(frozen=True, slots=True)
class Report:
    """A period's figures (rates as exact fractions, None when nothing to divide) and groups."""

    start: date
    end: date
    figures: dict[str, int | Fraction | None]
    breakdowns: dict[str, list[GroupRow]] = field(default_factory=dict)


_P = "BETWEEN :start AND :stop"
_LIVE = "c.deleted_at IS NULL AND c.status != 'merged'"
_FIGURES_SQL = {
    "deputy_attendances": f"""
        SELECT count(*) FROM (SELECT DISTINCT shift_id, deputy_id FROM attendance
          WHERE kind = 'sign_in' AND occurred_on {_P}
            AND id NOT IN (SELECT voids_id FROM attendance WHERE voids_id IS NOT NULL))""",
    "residents_received": f"""
        SELECT coalesce(sum(people), 0) FROM visit
        WHERE deleted_at IS NULL AND received_on {_P}""",
    "issues_collected": f"""
        SELECT count(*) FROM case_record c WHERE {_LIVE} AND c.registered_on {_P}""",
    "issues_resolved": f"""
        SELECT count(*) FROM case_record c
        WHERE c.deleted_at IS NULL AND substr(c.first_closed_at, 1, 10) {_P}""",
    "closed_of_registered": f"""
        SELECT count(*) FROM case_record c WHERE {_LIVE} AND c.registered_on {_P}
          AND substr(c.first_closed_at, 1, 10) <= :stop""",
    # Turned into a suggestion in the period, or registered on that track in it (the track is
    # never corrected, so a suggestion-track case without a to_suggestion event was registered so).
    "suggestions_formed": f"""
        SELECT count(*) FROM (
          SELECT e.case_id FROM case_event e
          JOIN case_record c ON c.id = e.case_id AND c.deleted_at IS NULL
          WHERE e.kind = 'to_suggestion' AND e.occurred_on {_P}
          UNION
          SELECT c.id FROM case_record c
          WHERE c.deleted_at IS NULL AND c.track = 'suggestion' AND c.registered_on {_P}
            AND NOT EXISTS (SELECT 1 FROM case_event t
                            WHERE t.case_id = c.id AND t.kind = 'to_suggestion'))""",
    "reopened": f"""
        SELECT count(DISTINCT e.case_id) FROM case_event e
        JOIN case_record c ON c.id = e.case_id AND c.deleted_at IS NULL
        WHERE e.kind = 'reopened' AND e.occurred_on {_P}""",
}
# Per case the last rating given in the period. When the case's latest rating (case_record,
# the fold's cache) falls in the period, that is it; a case rated again after the period's end
# needs its call-back events (append order) to find the last one inside.
_SATISFACTION_SQL = f"""
    SELECT c.rating FROM case_record c
    WHERE c.deleted_at IS NULL AND c.rating IS NOT NULL AND substr(c.rated_at, 1, 10) {_P}
    UNION ALL
    SELECT json_extract(e.payload, '$.rating') FROM case_event e
    JOIN (SELECT e2.case_id, max(e2.rowid) AS last
          FROM case_record c CROSS JOIN case_event e2 ON e2.case_id = c.id
          WHERE c.deleted_at IS NULL AND substr(c.rated_at, 1, 10) > :stop
            -- "+": reach each case's events by its case index, not every call-back of the period
            AND +e2.kind = 'callback' AND +e2.occurred_on {_P}
            AND json_extract(e2.payload, '$.rating')
                IN ('satisfied', 'basically_satisfied', 'unsatisfied')
          GROUP BY e2.case_id) AS r ON r.last = e.rowid"""
# Cases that may have been open at the period's end with a due date in the period: open now,
# or closed (last) after the end, or merged after it. A case closed for the last time on or
# before the end stayed closed (a later 不满意 or 重新督办 would have to be closed again).
# Their histories are folded in Python (domain.figures.overdue), as the rule asks.
_OVERDUE_CANDIDATES_SQL = f"""
    SELECT c.id, c.registered_on FROM case_record c
    WHERE c.deleted_at IS NULL AND c.registered_on <= :stop
      AND (c.status NOT IN ('closed', 'done', 'merged')
           OR (c.status IN ('closed', 'done') AND substr(c.closed_at, 1, 10) > :stop)
           OR (c.status = 'merged' AND substr(c.last_event_at, 1, 10) > :stop))
      AND (c.due_date {_P} OR EXISTS (
            SELECT 1 FROM case_event e WHERE e.case_id = c.id
              AND json_extract(e.payload, '$.due_date') {_P}))"""


def _fraction(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


def _scalar(conn: Connection, sql: str, params: dict[str, str]) -> int:
    value: Any = conn.exec_driver_sql(sql, params).scalar()
    return int(value or 0)


def _satisfaction(conn: Connection, params: dict[str, str]) -> Fraction | None:
    ratings = [str(r[0]) for r in conn.exec_driver_sql(_SATISFACTION_SQL, params)]
    satisfied = sum(r != "unsatisfied" for r in ratings)
    return _fraction(satisfied, len(ratings))


def _overdue(conn: Connection, params: dict[str, str], period: Period) -> int:
    candidates: dict[str, date] = {
        str(r[0]): date.fromisoformat(str(r[1]))
        for r in conn.exec_driver_sql(_OVERDUE_CANDIDATES_SQL, params)
    }
    if not candidates:
        return 0
    events: dict[str, list[CaseEvent]] = defaultdict(list)
    ids = list(candidates)
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ", ".join("?" for _ in part)
        rows: Any = conn.exec_driver_sql(
            f"SELECT case_id, id, kind, occurred_at, payload, origin FROM case_event "
            f"WHERE case_id IN ({marks}) ORDER BY rowid",
            tuple(part),
        )
        for case_id, eid, kind, at, payload, origin in rows:
            events[str(case_id)].append(
                CaseEvent(str(eid), EventKind(kind), datetime.fromisoformat(at),
                          json.loads(payload), str(origin))
            )  # fmt: skip
    histories = [CaseHistory(cid, on, tuple(events[cid])) for cid, on in candidates.items()]
    return overdue(histories, period)


def figures(ctx: ServiceContext, start: date, end: date) -> dict[str, int | Fraction | None]:
    """The nine figures of a period under the report's keys (definitions: domain.figures)."""
    require(ctx, Action.VIEW_CASES)
    if end < start:
        raise ValidationError("period_reversed", "end")
    params = {"start": start.isoformat(), "stop": end.isoformat()}
    with ctx.db.read_core() as conn:
        counts = {key: _scalar(conn, sql, params) for key, sql in _FIGURES_SQL.items()}
        out: dict[str, int | Fraction | None] = {
            "deputy_attendances": counts["deputy_attendances"],
            "residents_received": counts["residents_received"],
            "issues_collected": counts["issues_collected"],
            "issues_resolved": counts["issues_resolved"],
            "resolution_rate": _fraction(
                counts["closed_of_registered"], counts["issues_collected"]
            ),
            "satisfaction_rate": _satisfaction(conn, params),
            "suggestions_formed": counts["suggestions_formed"],
            "reopened": counts["reopened"],
            "overdue": _overdue(conn, params, Period(start, end)),
        }
    return out


_GROUPS = {
    "category": ("c.category_id", "LEFT JOIN category g ON g.id = c.category_id", "g.name"),
    "grid": ("v.grid_id", "LEFT JOIN grid g ON g.id = v.grid_id", "g.name"),
    "channel": ("v.channel", "", "NULL"),
    "track": ("c.track", "", "NULL"),
    "department": ("c.department_id", "LEFT JOIN department g ON g.id = c.department_id", "g.name"),
}


def _group_sql(key: str) -> str:
    column, join, name = _GROUPS[key]
    return f"""
        SELECT {column}, {name},
          sum(c.registered_on {_P} AND c.status != 'merged'),
          sum(substr(c.first_closed_at, 1, 10) {_P})
        FROM case_record c JOIN visit v ON v.id = c.visit_id {join}
        WHERE c.deleted_at IS NULL AND (c.registered_on {_P}
          OR substr(c.first_closed_at, 1, 10) {_P})
        GROUP BY {column}"""


_DEPUTY_SQL = f"""
    SELECT d.id, d.name,
      sum(x.registered_on {_P} AND x.status != 'merged'),
      sum(substr(x.first_closed_at, 1, 10) {_P})
    FROM (SELECT vd.deputy_id AS deputy_id, c.id, c.registered_on, c.status, c.first_closed_at
          FROM case_record c JOIN visit_deputy vd ON vd.visit_id = c.visit_id
            AND vd.deleted_at IS NULL
          WHERE c.deleted_at IS NULL
          UNION
          SELECT c.deputy_id, c.id, c.registered_on, c.status, c.first_closed_at
          FROM case_record c WHERE c.deputy_id IS NOT NULL AND c.deleted_at IS NULL) AS x
    JOIN deputy d ON d.id = x.deputy_id
    WHERE x.registered_on {_P} OR substr(x.first_closed_at, 1, 10) {_P}
    GROUP BY d.id"""


def _label(key: str, value: str | None, name: str | None) -> str:
    if value is None:
        return UNSET
    if key == "channel":
        return CHANNEL_NAMES.get(Channel(value), value)
    if key == "track":
        return TRACK_NAMES.get(Track(value), value)
    return name or value


def breakdowns(ctx: ServiceContext, start: date, end: date) -> dict[str, list[GroupRow]]:
    """Issues registered and resolved in the period, per group, largest first.

    Groups: category, grid, channel, track, deputy (visits received or cases led) and
    department; a case without the group's value counts under （未填）.
    """
    require(ctx, Action.VIEW_CASES)
    params = {"start": start.isoformat(), "stop": end.isoformat()}
    out: dict[str, list[GroupRow]] = {}
    with ctx.db.read_core() as conn:
        for key in BREAKDOWNS:
            sql = _DEPUTY_SQL if key == "deputy" else _group_sql(key)
            rows: Any = conn.exec_driver_sql(sql, params)
            groups = [
                GroupRow(r[0], _label(key, r[0], r[1]), int(r[2] or 0), int(r[3] or 0))
                for r in rows
            ]
            out[key] = sorted(
                groups, key=lambda g: (-g.issues_collected, -g.issues_resolved, g.name)
            )
    return out


def report(ctx: ServiceContext, start: date, end: date) -> Report:
    """The figures and every breakdown of a period."""
    return Report(start, end, figures(ctx, start, end), breakdowns(ctx, start, end))
