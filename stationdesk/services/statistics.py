"""统计报表: the figures of domain.figures for a period, counted in SQL, with their breakdowns."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

from sqlalchemy import Connection

from stationdesk.domain.enums import CHANNEL_NAMES, TRACK_NAMES, Channel, EventKind, Track
from stationdesk.domain.errors import ValidationError
from stationdesk.domain.figures import (
    CLOSED_BY_END,
    FIGURE_BY_KEY,
    SATISFACTION_RULES,
    CaseHistory,
    Period,
    is_overdue,
)
from stationdesk.domain.permissions import Action
from stationdesk.domain.workflow import NEUTRAL_KINDS, CaseEvent
from stationdesk.services.authz import require
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import ServiceContext
from stationdesk.services.duty import HALF_LABELS
from stationdesk.services.stat_tallies import period_tallies, write_back
from stationdesk.services.synced_rows import stamp
from stationdesk.store import audit, settings

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
SATISFACTION_KEY = "statistics.satisfaction_rule"
DEFAULT_SATISFACTION_RULE = "satisfied_or_basically"


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


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    """One sign-in behind 代表进站履职人次."""

    deputy_name: str
    shift_on: date
    half_label: str  # 上午 / 下午 / 全天
    signed_in_at: datetime


# Dates are compared as text: a timestamp is ISO text in the zone it was recorded in, so its
# first ten characters are the local date, and `at >= :start AND at < :after` (the day after
# the end) is that date in the period — and can use the column's index, unlike substr().
_P = "BETWEEN :start AND :stop"


def _at(column: str) -> str:
    return f"({column} >= :start AND {column} < :after)"


_LIVE = "c.deleted_at IS NULL AND c.status != 'merged'"
_CLOSED_IN = _at("c.first_closed_at")
_REGISTERED_IN = f"{_LIVE} AND c.registered_on {_P}"  # 征集意见建议条数's cases
# The cases behind each case figure (the count is the number of ids, so a drill-down always
# lists exactly as many cases as the figure says).
_IDS_SQL = {
    "residents_received": f"""
        SELECT c.id FROM visit v JOIN case_record c ON c.visit_id = v.id AND {_LIVE}
        WHERE v.deleted_at IS NULL AND v.received_on {_P}""",
    "issues_collected": f"SELECT c.id FROM case_record c WHERE {_REGISTERED_IN}",
    "issues_resolved": f"""
        SELECT c.id FROM case_record c WHERE c.deleted_at IS NULL AND {_CLOSED_IN}""",
    # Turned into a suggestion in the period, or registered on that track in it: the track
    # changes only by to_suggestion, so a suggestion-track case without one was registered
    # so; with one, its registered event says (registered_on is that event's day).
    "suggestions_formed": f"""
        SELECT e.case_id FROM case_event e
        JOIN case_record c ON c.id = e.case_id AND c.deleted_at IS NULL
        WHERE e.kind = 'to_suggestion' AND e.occurred_on {_P}
        UNION
        SELECT c.id FROM case_record c
        WHERE c.deleted_at IS NULL AND c.track = 'suggestion' AND c.registered_on {_P}
          AND (NOT EXISTS (SELECT 1 FROM case_event t
                           WHERE t.case_id = c.id AND t.kind = 'to_suggestion')
               OR EXISTS (SELECT 1 FROM case_event r
                          WHERE r.case_id = c.id AND +r.kind = 'registered'
                            AND json_extract(r.payload, '$.track') = 'suggestion'))""",
    "reopened": f"""
        SELECT DISTINCT e.case_id FROM case_event e
        JOIN case_record c ON c.id = e.case_id AND c.deleted_at IS NULL
        WHERE e.kind = 'reopened' AND e.occurred_on {_P}""",
}
# 办结率 drills into its denominator, the issues registered in the period.
_IDS_SQL["resolution_rate"] = _IDS_SQL["issues_collected"]
_COUNT_SQL = {
    "deputy_attendances": f"""
        SELECT count(*) FROM (SELECT DISTINCT shift_id, deputy_id FROM attendance
          WHERE kind = 'sign_in' AND occurred_on {_P}
            AND id NOT IN (SELECT voids_id FROM attendance WHERE voids_id IS NOT NULL))""",
    "residents_received": f"""
        SELECT coalesce(sum(people), 0) FROM visit
        WHERE deleted_at IS NULL AND received_on {_P}""",
    "issues_resolved": f"SELECT count(*) FROM ({_IDS_SQL['issues_resolved']})",
    "suggestions_formed": f"SELECT count(*) FROM ({_IDS_SQL['suggestions_formed']})",
    "reopened": f"SELECT count(*) FROM ({_IDS_SQL['reopened']})",
}
_ATTENDANCE_SQL = f"""
    SELECT d.name, s.shift_on, s.half, min(a.occurred_at) FROM attendance a
    JOIN duty_shift s ON s.id = a.shift_id JOIN deputy d ON d.id = a.deputy_id
    WHERE a.kind = 'sign_in' AND a.occurred_on {_P}
      AND a.id NOT IN (SELECT voids_id FROM attendance WHERE voids_id IS NOT NULL)
    GROUP BY a.shift_id, a.deputy_id ORDER BY s.shift_on, s.half, d.name"""
# Per case the last rating given in the period. When the case's latest rating (case_record,
# the fold's cache) falls in the period, that is it; a case rated again after the period's end
# needs its call-back events (append order) to find the last one inside.
_SATISFACTION_SQL = f"""
    SELECT c.id, c.rating AS rating FROM case_record c
    WHERE c.deleted_at IS NULL AND c.rating IS NOT NULL AND {_at("c.rated_at")}
    UNION ALL
    SELECT e.case_id, json_extract(e.payload, '$.rating') FROM case_event e
    JOIN (SELECT e2.case_id, max(e2.rowid) AS last
          FROM case_record c CROSS JOIN case_event e2 ON e2.case_id = c.id
          WHERE c.rated_at >= :after AND c.registered_on <= :stop AND c.deleted_at IS NULL
            -- "+": reach each case's events by its case index, not every call-back of the period
            AND +e2.kind = 'callback' AND +e2.occurred_on {_P}
            AND json_extract(e2.payload, '$.rating')
                IN ('satisfied', 'basically_satisfied', 'unsatisfied')
          GROUP BY e2.case_id) AS r ON r.last = e.rowid"""
# Cases that may have been open at the period's end with a due date in the period: open now,
# or closed (last) after the end, or merged after it. A case closed for the last time on or
# before the end stayed closed (a later 不满意 or 重新督办 would have to be closed again).
# Their histories are folded in Python (domain.figures.is_overdue), as the rule asks. The due
# date at the period's end is the case's due date now unless an event after the end could
# have changed it (交办, 重新督办, 延期 or 更正): such a case is folded whatever its due date now.
_OVERDUE_CANDIDATES_SQL = f"""
    SELECT c.id, c.registered_on, c.status, c.due_date,
      EXISTS (SELECT 1 FROM case_event l WHERE l.case_id = c.id AND l.occurred_at >= :after)
    FROM case_record c
    WHERE c.rowid IN (
        SELECT rowid FROM case_record WHERE status IN ('pending', 'in_progress', 'unsatisfied')
        UNION ALL
        SELECT rowid FROM case_record INDEXED BY ix_case_record_closed_at
        WHERE closed_at >= :after AND registered_on <= :stop AND status IN ('closed', 'done')
        UNION ALL
        SELECT rowid FROM case_record WHERE status = 'merged' AND last_event_at >= :after)
      AND c.deleted_at IS NULL AND c.registered_on <= :stop
      AND (c.due_date {_P} OR EXISTS (
            SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.occurred_at >= :after
              AND e.kind IN ('assigned', 'reopened', 'due_changed', 'correction')))"""


_CLOSED_VALUES = frozenset(s.value for s in CLOSED_BY_END)


def _params(start: date, end: date) -> dict[str, str]:
    if end < start:
        raise ValidationError("period_reversed", "end")
    after = end + timedelta(days=1)
    return {"start": start.isoformat(), "stop": end.isoformat(), "after": after.isoformat()}


def _driver(conn: Connection) -> sqlite3.Connection:
    """The DB-API connection under conn (same transaction): plain tuples for hot loops."""
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def _fraction(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


def _scalar(conn: Connection, sql: str, params: dict[str, str]) -> int:
    value: Any = conn.exec_driver_sql(sql, params).scalar()
    return int(value or 0)


def _ids(conn: Connection, sql: str, params: dict[str, Any]) -> list[str]:
    return [str(r[0]) for r in conn.exec_driver_sql(sql, params)]


def _rule(conn: Connection) -> str:
    raw = conn.exec_driver_sql(
        "SELECT value FROM settings WHERE key = ?", (SATISFACTION_KEY,)
    ).scalar()
    return str(raw) if raw in SATISFACTION_RULES else DEFAULT_SATISFACTION_RULE


def _ratings(conn: Connection, params: dict[str, str]) -> dict[str, str]:
    return {str(r[0]): str(r[1]) for r in conn.exec_driver_sql(_SATISFACTION_SQL, params)}


def _satisfaction(conn: Connection, params: dict[str, str]) -> Fraction | None:
    # The two halves of _SATISFACTION_SQL never share a case (rated in the period or after it).
    counted = sorted(SATISFACTION_RULES[_rule(conn)][0])
    named = {f"r{n}": rating.value for n, rating in enumerate(counted)}
    marks = ", ".join(f":{name}" for name in named)
    row: Any = conn.exec_driver_sql(
        f"SELECT count(*), coalesce(sum(r.rating IN ({marks})), 0) FROM ({_SATISFACTION_SQL}) AS r",
        {**params, **named},
    ).one()
    return _fraction(int(row[1]), int(row[0]))


def _overdue_ids(conn: Connection, params: dict[str, str]) -> list[str]:
    overdue_now: list[str] = []
    candidates: dict[str, date] = {}
    found = _driver(conn).execute(_OVERDUE_CANDIDATES_SQL, params)
    for cid, registered_on, status, due, later in found:
        if later:  # something happened after the period: fold the history up to its end
            candidates[str(cid)] = date.fromisoformat(str(registered_on))
        elif due and params["start"] <= due <= params["stop"] and status not in _CLOSED_VALUES:
            # nothing after the period: the state at its end is the case's state now
            overdue_now.append(str(cid))
    # is_overdue folds each history up to its first event after the period (append order):
    # only the events before that one are read (`cut`: the rowid of the first later event),
    # and not the neutral ones (progress notes, reprints, replies) that move neither status
    # nor due date.
    events: dict[str, list[CaseEvent]] = defaultdict(list)
    ids = list(candidates)
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        marks = ", ".join("?" for _ in part)
        neutral = ", ".join("?" for _ in NEUTRAL_KINDS)
        rows = _driver(conn).execute(
            f"""WITH cut AS (SELECT case_id, min(rowid) AS first_later FROM case_event
                             WHERE case_id IN ({marks}) AND occurred_at >= ? GROUP BY case_id)
                SELECT e.case_id, e.id, e.kind, e.occurred_at, e.payload, e.origin
                FROM cut JOIN case_event e ON e.case_id = cut.case_id
                  AND e.rowid < cut.first_later AND e.kind NOT IN ({neutral})
                ORDER BY e.rowid""",
            (*part, params["after"], *sorted(NEUTRAL_KINDS)),
        )
        for case_id, eid, kind, at, payload, origin in rows:
            events[str(case_id)].append(
                CaseEvent(str(eid), EventKind(kind), datetime.fromisoformat(at),
                          json.loads(payload), str(origin))
            )  # fmt: skip
    period = Period(date.fromisoformat(params["start"]), date.fromisoformat(params["stop"]))
    return overdue_now + [
        cid
        for cid, on in candidates.items()
        if is_overdue(CaseHistory(cid, on, tuple(events[cid])), period)
    ]


# The issues registered in the period (_IDS_SQL's), and how many of them were closed by its end.
_REGISTERED_SQL = f"""
    SELECT count(*), coalesce(sum(c.first_closed_at < :after), 0) FROM case_record c
    WHERE {_REGISTERED_IN}"""


def _figures(conn: Connection, params: dict[str, str]) -> dict[str, int | Fraction | None]:
    counts = {key: _scalar(conn, sql, params) for key, sql in _COUNT_SQL.items()}
    registered: Any = conn.exec_driver_sql(_REGISTERED_SQL, params).one()
    counts["issues_collected"], counts["closed_of_registered"] = (
        int(registered[0]),
        int(registered[1]),
    )
    return {
        "deputy_attendances": counts["deputy_attendances"],
        "residents_received": counts["residents_received"],
        "issues_collected": counts["issues_collected"],
        "issues_resolved": counts["issues_resolved"],
        "resolution_rate": _fraction(counts["closed_of_registered"], counts["issues_collected"]),
        "satisfaction_rate": _satisfaction(conn, params),
        "suggestions_formed": counts["suggestions_formed"],
        "reopened": counts["reopened"],
        "overdue": len(_overdue_ids(conn, params)),
    }


def figures(ctx: ServiceContext, start: date, end: date) -> dict[str, int | Fraction | None]:
    """The nine figures of a period under the report's keys (definitions: domain.figures)."""
    require(ctx, Action.VIEW_CASES)
    params = _params(start, end)
    with ctx.db.read_core() as conn:
        return _figures(conn, params)


def _months(start: date, end: date) -> list[tuple[date, date]]:
    out = []
    first = start.replace(day=1)
    while first <= end:
        following = (first + timedelta(days=32)).replace(day=1)
        out.append((max(first, start), min(following - timedelta(days=1), end)))
        first = following
    return out


def monthly(
    ctx: ServiceContext, start: date, end: date
) -> list[tuple[date, dict[str, int | Fraction | None]]]:
    """The figures of each calendar month of the period (clipped to it), by the month's 1st."""
    require(ctx, Action.VIEW_CASES)
    _params(start, end)
    with ctx.db.read_core() as conn:
        return [
            (first.replace(day=1), _figures(conn, _params(first, last)))
            for first, last in _months(start, end)
        ]


def definitions(ctx: ServiceContext) -> dict[str, tuple[str, str]]:
    """Each report key's Chinese name and definition, as this station counts it."""
    require(ctx, Action.VIEW_CASES)
    with ctx.db.read_core() as conn:
        rule = _rule(conn)
    out = {}
    for key, domain_key in REPORT_KEYS.items():
        figure = FIGURE_BY_KEY[domain_key]
        text = SATISFACTION_RULES[rule][1] if key == "satisfaction_rate" else figure.definition_zh
        out[key] = (figure.name_zh, text)
    return out


def satisfaction_rule(ctx: ServiceContext) -> str:
    """The station's 满意率 rule: satisfied_or_basically (the default) or satisfied_only."""
    require(ctx, Action.VIEW_CASES)
    with ctx.db.read_core() as conn:
        return _rule(conn)


def set_satisfaction_rule(ctx: ServiceContext, rule: str) -> ChangeSet:
    """Choose which ratings 满意率 counts (admins); audited with the old and new rule."""
    require(ctx, Action.CONFIGURE)
    if rule not in SATISFACTION_RULES:
        raise ValidationError("invalid_choice", "satisfaction_rule")
    with ctx.db.write_core() as conn:
        old = _rule(conn)
        value = None if rule == DEFAULT_SATISFACTION_RULE else rule
        settings.put(conn, SATISFACTION_KEY, value, stamp(ctx))
        audit.append(
            conn,
            ctx.audit_entry(
                ctx.clock(), "satisfaction_rule", "settings", SATISFACTION_KEY,
                {"before": old, "after": rule},
            ),
        )  # fmt: skip
    return ChangeSet.of("settings", ids=[SATISFACTION_KEY])


_COLLECTED = f"(c.registered_on {_P} AND c.status != 'merged')"
_NAMES_SQL = {
    "category": "SELECT id, name FROM category",
    "department": "SELECT id, name FROM department",
    "grid": "SELECT id, name FROM grid",
    "deputy": "SELECT id, name FROM deputy",
}


def _label(key: str, value: str | None, name: str | None) -> str:
    if value is None:
        return UNSET
    if key == "channel":
        return CHANNEL_NAMES.get(Channel(value), value)
    if key == "track":
        return TRACK_NAMES.get(Track(value), value)
    return name or value


def _breakdowns(conn: Connection, params: dict[str, str]) -> dict[str, list[GroupRow]]:
    names = {
        dim: {str(r[0]): str(r[1]) for r in conn.exec_driver_sql(sql)}
        for dim, sql in _NAMES_SQL.items()
    }
    out: dict[str, list[GroupRow]] = {key: [] for key in BREAKDOWNS}
    for (dim, raw), (collected, resolved) in period_tallies(conn, params).items():
        value = raw or None
        if dim == "deputy" and value is not None and value not in names["deputy"]:
            continue  # a deputy no longer on file has no line
        name = names.get(dim, {}).get(raw)
        out[dim].append(GroupRow(value, _label(dim, value, name), collected, resolved))
    for groups in out.values():
        groups.sort(key=lambda g: (-g.issues_collected, -g.issues_resolved, g.name))
    return out


def breakdowns(ctx: ServiceContext, start: date, end: date) -> dict[str, list[GroupRow]]:
    """Issues registered and resolved in the period, per group, largest first.

    Groups: category, grid, channel, track, deputy (visits received or cases led) and
    department; a case without the group's value counts under （未填）. Summed from the daily
    tallies; days changed since they were counted are counted from the cases (stat_tallies).
    """
    return report(ctx, start, end).breakdowns


_GROUP_COLUMNS = {
    "category": "c.category_id", "grid": "v.grid_id", "channel": "v.channel",
    "track": "c.track", "department": "c.department_id",
}  # fmt: skip
_DEPUTY_CASES = """
    SELECT vd.deputy_id AS deputy_id, c.id, c.registered_on, c.status, c.first_closed_at
    FROM case_record c JOIN visit_deputy vd ON vd.visit_id = c.visit_id AND vd.deleted_at IS NULL
    WHERE c.deleted_at IS NULL
    UNION
    SELECT c.deputy_id, c.id, c.registered_on, c.status, c.first_closed_at
    FROM case_record c WHERE c.deputy_id IS NOT NULL AND c.deleted_at IS NULL"""


def _group_ids_sql(group: str, metric: str) -> str:
    if group not in BREAKDOWNS or metric not in ("issues_collected", "issues_resolved"):
        raise ValidationError("invalid_choice", "group")
    cond = _COLLECTED if metric == "issues_collected" else _CLOSED_IN
    if group == "deputy":
        return f"""
            SELECT c.id FROM ({_DEPUTY_CASES}) AS c WHERE c.deputy_id = :value AND {cond}
            UNION SELECT c.id FROM case_record c WHERE :value IS NULL AND c.deleted_at IS NULL
              AND c.deputy_id IS NULL AND {cond} AND NOT EXISTS (SELECT 1 FROM visit_deputy vd
                WHERE vd.visit_id = c.visit_id AND vd.deleted_at IS NULL)"""
    column = _GROUP_COLUMNS[group]
    return f"""
        SELECT c.id FROM case_record c JOIN visit v ON v.id = c.visit_id
        WHERE c.deleted_at IS NULL AND {column} IS :value AND {cond}"""


def drill(
    ctx: ServiceContext,
    key: str,
    start: date,
    end: date,
    group: tuple[str, str | None] | None = None,
) -> list[str]:
    """The ids of the cases behind a figure (or a breakdown cell), oldest registration first.

    A count lists exactly its cases; 办结率 and 满意率 list their denominators (the issues
    registered, the cases rated); 接待群众人次 lists the cases of the visits received;
    代表进站履职人次 has no cases (attendance_rows lists its sign-ins).
    group=(breakdown, GroupRow.key) with key issues_collected or issues_resolved: that cell.
    """
    require(ctx, Action.VIEW_CASES)
    params: dict[str, Any] = _params(start, end)
    with ctx.db.read_core() as conn:
        if group is not None:
            params["value"] = group[1]
            ids = _ids(conn, _group_ids_sql(group[0], key), params)
        elif key == "deputy_attendances":
            ids = []
        elif key == "satisfaction_rate":
            ids = list(_ratings(conn, params))
        elif key == "overdue":
            ids = _overdue_ids(conn, params)
        elif key in _IDS_SQL:
            ids = _ids(conn, _IDS_SQL[key], params)
        else:
            raise ValidationError("invalid_choice", "key")
        if not ids:
            return []
        order = conn.exec_driver_sql(
            "SELECT id FROM case_record WHERE id IN (SELECT value FROM json_each(?)) "
            "ORDER BY registered_on, case_no",
            (json.dumps(ids),),
        )
        return [str(r[0]) for r in order]


def attendance_rows(ctx: ServiceContext, start: date, end: date) -> list[AttendanceRow]:
    """The sign-ins behind 代表进站履职人次: one per deputy per shift, by day."""
    require(ctx, Action.VIEW_CASES)
    params = _params(start, end)
    with ctx.db.read_core() as conn:
        rows: Any = conn.exec_driver_sql(_ATTENDANCE_SQL, params)
        return [
            AttendanceRow(
                str(n),
                date.fromisoformat(str(on)),
                HALF_LABELS.get(h, h),
                datetime.fromisoformat(at),
            )
            for n, on, h, at in rows
        ]


def report(ctx: ServiceContext, start: date, end: date) -> Report:
    """The figures and every breakdown of a period, read in one snapshot."""
    require(ctx, Action.VIEW_CASES)
    params = _params(start, end)
    with ctx.db.read_core() as conn:
        return Report(start, end, _figures(conn, params), _breakdowns(conn, params))


def store_tallies(ctx: ServiceContext) -> int:
    """Store the recount of the days changed since the tallies were last written.

    Called after a report is shown (the page, the CLI): the next report then reads those
    days from the tallies instead of counting them. Best effort; how many days were stored.
    """
    require(ctx, Action.VIEW_CASES)
    return write_back(ctx.db)
