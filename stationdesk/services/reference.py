"""Reference lists for forms: categories, departments, grids, deputies, today's duty deputies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text

from stationdesk.services.context import ServiceContext
from stationdesk.services.duty import present_deputy_ids


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of a pick list."""

    id: str
    name: str
    detail: str | None = None  # e.g. a grid's village, a category's working-day limit


@dataclass(frozen=True, slots=True)
class ReferenceData:
    """Everything the reception form and the case filters choose from."""

    categories: tuple[Choice, ...]
    departments: tuple[Choice, ...]
    grids: tuple[Choice, ...]
    deputies: tuple[Choice, ...]
    duty_deputy_ids: tuple[str, ...]
    category_limits: dict[str, int]


def reference_data(ctx: ServiceContext, day: date | None = None) -> ReferenceData:
    """Active categories and departments, grids, serving deputies, and who is on duty `day`."""
    day = day or ctx.clock().date()
    with ctx.db.read() as s:
        cats = s.execute(
            text("SELECT id, name, limit_days FROM category WHERE active ORDER BY sort_order, code")
        ).all()
        deps = s.execute(
            text("SELECT id, name, kind FROM department WHERE active ORDER BY kind, name")
        ).all()
        grids = s.execute(
            text(
                "SELECT id, name, village FROM grid WHERE deleted_at IS NULL ORDER BY village, name"
            )
        ).all()
        deputies = s.execute(
            text(
                "SELECT id, name, unit FROM deputy WHERE deleted_at IS NULL "
                "AND status = 'serving' ORDER BY name"
            )
        ).all()
        duty: Any = s.execute(
            text(
                "SELECT DISTINCT deputy_id FROM duty_shift WHERE shift_on = :d "
                "AND status = 'planned' AND deleted_at IS NULL"
            ),
            {"d": day.isoformat()},
        ).scalars()
        # Visits default to the deputies signed in and not yet signed out; a station that
        # does not use 签到 that day keeps the planned duty deputies.
        present = present_deputy_ids(s.connection(), day)
        duty_ids = present if present is not None else tuple(str(d) for d in duty)
    return ReferenceData(
        categories=tuple(Choice(r[0], r[1], str(r[2])) for r in cats),
        departments=tuple(Choice(r[0], r[1], r[2]) for r in deps),
        grids=tuple(Choice(r[0], r[1], r[2]) for r in grids),
        deputies=tuple(Choice(r[0], r[1], r[2]) for r in deputies),
        duty_deputy_ids=duty_ids,
        category_limits={r[0]: int(r[2]) for r in cats},
    )
