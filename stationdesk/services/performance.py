"""履职档案: each deputy's figures for a period, scored by the station's quota and points rules."""

from __future__ import annotations

import calendar
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.permissions import Action
from stationdesk.services.activities import ACTIVITY_KINDS
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.services.synced_rows import stamp
from stationdesk.store import audit, settings

RULES_KEY = "performance.rules"
STATION_ITEMS = {
    "duty_attendances": "进站履职（次）",
    "residents_received": "接待群众（人次）",
    "issues_taken_up": "收集反映问题（件）",
    "suggestions_formed": "形成代表建议（件）",
}
ITEM_LABELS = {**STATION_ITEMS, **{k: f"{v}（次）" for k, v in ACTIVITY_KINDS.items()}}


@dataclass(frozen=True, slots=True)
class Rule:
    """One scored item: its annual quota (None = none) and the points each one earns."""

    item: str
    quota: int | None
    points: float


# The Luoyang quotas (domain.md): 5 enterprise visits, 10 residents, 6 suggestions a year.
DEFAULT_RULES = (
    Rule("duty_attendances", None, 2),
    Rule("residents_received", 10, 1),
    Rule("issues_taken_up", None, 1),
    Rule("suggestions_formed", 6, 3),
    Rule("enterprise_visit", 5, 2),
    Rule("resident_visit", None, 1),
    Rule("research", None, 2),
    Rule("publicity", None, 1),
    Rule("inspection", None, 2),
    Rule("other", None, 1),
)


@dataclass(frozen=True, slots=True)
class ItemScore:
    """One item of a deputy's record for the period."""

    item: str
    count: int
    quota: int | None  # for the period: the annual quota scaled to its length, rounded up
    points: float

    @property
    def label(self) -> str:
        """The item in Chinese, e.g. 进站履职（次）."""
        return ITEM_LABELS[self.item]

    @property
    def met(self) -> bool:
        """Whether the quota is reached (True when there is none)."""
        return self.quota is None or self.count >= self.quota


@dataclass(frozen=True, slots=True)
class DeputyRecord:
    """A deputy's 履职档案 for a period."""

    deputy_id: str
    name: str
    status: str
    items: tuple[ItemScore, ...]
    people_reached: int  # by the activities away from the station

    @property
    def total_points(self) -> float:
        """The sum of the items' points."""
        return sum(i.points for i in self.items)

    def count(self, item: str) -> int:
        """The count of one item."""
        return next(i.count for i in self.items if i.item == item)


# --- rules ------------------------------------------------------------------------------------


def _check_rules(rules: Sequence[Rule]) -> tuple[Rule, ...]:
    by_item = {r.item: r for r in rules}
    if set(by_item) != set(ITEM_LABELS) or len(rules) != len(ITEM_LABELS):
        raise ValidationError("rules_incomplete", "rules")
    for r in rules:
        if r.quota is not None and not 0 <= r.quota <= 10_000:
            raise ValidationError("out_of_range", f"rules.{r.item}.quota", low=0, high=10000)
        if not 0 <= r.points <= 1000 or math.isnan(r.points):
            raise ValidationError("out_of_range", f"rules.{r.item}.points", low=0, high=1000)
    return tuple(by_item[k] for k in ITEM_LABELS)


def _load_rules(conn: Connection) -> tuple[Rule, ...]:
    raw = conn.exec_driver_sql("SELECT value FROM settings WHERE key = ?", (RULES_KEY,)).scalar()
    if raw is None:
        return DEFAULT_RULES
    try:
        return _check_rules([Rule(**r) for r in json.loads(raw)])
    except (TypeError, ValueError, ValidationError):
        return DEFAULT_RULES  # a damaged setting falls back to the defaults, never fails a report


def rules(ctx: ServiceContext) -> tuple[Rule, ...]:
    """The station's rules (the defaults until an admin changes them)."""
    require(ctx, Action.VIEW_ROSTER)
    with ctx.db.read_core() as conn:
        return _load_rules(conn)


def save_rules(ctx: ServiceContext, new: Sequence[Rule] | None) -> tuple[Rule, ...]:
    """Replace the rules (None = back to the defaults); audited with the old and new values."""
    require(ctx, Action.CONFIGURE)
    checked = _check_rules(new) if new is not None else None
    with ctx.db.write_core() as conn:
        old = _load_rules(conn)
        value = json.dumps([asdict(r) for r in checked], ensure_ascii=False) if checked else None
        settings.put(conn, RULES_KEY, value, stamp(ctx))
        audit.append(
            conn,
            ctx.audit_entry(
                ctx.clock(), "performance_rules", "settings", RULES_KEY,
                {"before": [asdict(r) for r in old],
                 "after": [asdict(r) for r in (checked or DEFAULT_RULES)]},
            ),
        )  # fmt: skip
    return checked or DEFAULT_RULES


def period_quota(annual: int | None, start: date, end: date) -> int | None:
    """An annual quota for a period: per whole year, or pro rata (rounded up) when shorter."""
    if annual is None:
        return None
    days = (end - start).days + 1
    year_days = 366 if calendar.isleap(start.year) else 365
    if days >= year_days:
        return annual * round(days / year_days)
    return math.ceil(annual * days / year_days)


# --- figures ----------------------------------------------------------------------------------

# One pass over the period per figure, grouped by deputy (never a subquery per deputy: a
# 200,000-visit station answers in well under a second). Voided marks are listed once.
_FIGURES_SQL = {
    "duty_attendances": """
        SELECT deputy_id, count(DISTINCT shift_id) FROM attendance
        WHERE kind = 'sign_in' AND occurred_on BETWEEN :start AND :stop
          AND id NOT IN (SELECT voids_id FROM attendance WHERE voids_id IS NOT NULL)
        GROUP BY deputy_id""",
    "residents_received": """
        SELECT deputy_id, sum(people) FROM (
          SELECT DISTINCT vd.deputy_id, v.id, v.people FROM visit v
          JOIN visit_deputy vd ON vd.visit_id = v.id AND vd.deleted_at IS NULL
          WHERE v.deleted_at IS NULL AND v.received_on BETWEEN :start AND :stop)
        GROUP BY deputy_id""",
    "issues_taken_up": """
        SELECT deputy_id, count(*) FROM (
          SELECT vd.deputy_id, c.id FROM case_record c
          JOIN visit_deputy vd ON vd.visit_id = c.visit_id AND vd.deleted_at IS NULL
          WHERE c.deleted_at IS NULL AND c.status != 'merged'
            AND c.registered_on BETWEEN :start AND :stop
          UNION
          SELECT c.deputy_id, c.id FROM case_record c
          WHERE c.deputy_id IS NOT NULL AND c.deleted_at IS NULL AND c.status != 'merged'
            AND c.registered_on BETWEEN :start AND :stop)
        GROUP BY deputy_id""",
    "suggestions_formed": """
        SELECT deputy_id, count(*) FROM suggestion
        WHERE deleted_at IS NULL AND formed_on BETWEEN :start AND :stop
        GROUP BY deputy_id""",
}
_ACTIVITIES_SQL = """
    SELECT deputy_id, kind, count(*), sum(people_reached) FROM deputy_activity
    WHERE deleted_at IS NULL AND occurred_on BETWEEN :start AND :stop
    GROUP BY deputy_id, kind"""
_DEPUTIES_SQL = (
    "SELECT id, name, status FROM deputy WHERE deleted_at IS NULL {where} "
    "ORDER BY status = 'serving' DESC, name, id"
)


def performance(
    ctx: ServiceContext, start: date, end: date, deputy_id: str | None = None
) -> list[DeputyRecord]:
    """Every deputy's record (or one's) for `start`..`end`, serving deputies first.

    Counted (docs/decisions.md): 进站履职 = shifts with a standing sign-in that day; 接待群众 =
    people of the visits the deputy received; 收集反映问题 = cases (merged ones excepted)
    registered from those visits or led by the deputy; 形成代表建议 = suggestions formed;
    activities by kind. Points = count × the item's points.
    """
    require(ctx, Action.VIEW_ROSTER)
    if end < start:
        raise ValidationError("period_reversed", "end")
    params = {"start": start.isoformat(), "stop": end.isoformat()}
    where, args = ("AND id = ?", (deputy_id,)) if deputy_id else ("", ())
    counts: dict[tuple[str, str], int] = {}
    reached: dict[str, int] = {}
    with ctx.db.read_core() as conn:
        rule_list = _load_rules(conn)
        deputies: list[Any] = list(conn.exec_driver_sql(_DEPUTIES_SQL.format(where=where), args))
        for item, sql in _FIGURES_SQL.items():
            rows: list[Any] = list(conn.exec_driver_sql(sql, params))
            for dep, n in rows:
                counts[(str(dep), item)] = int(n)
        activity_rows: list[Any] = list(conn.exec_driver_sql(_ACTIVITIES_SQL, params))
        for dep, kind, n, people in activity_rows:
            counts[(str(dep), str(kind))] = int(n)
            reached[str(dep)] = reached.get(str(dep), 0) + int(people or 0)
    records = []
    for dep_id, name, status in deputies:
        items = tuple(
            ItemScore(
                rule.item,
                counts.get((dep_id, rule.item), 0),
                period_quota(rule.quota, start, end),
                counts.get((dep_id, rule.item), 0) * rule.points,
            )
            for rule in rule_list
        )
        records.append(DeputyRecord(dep_id, name, status, items, reached.get(dep_id, 0)))
    return records
