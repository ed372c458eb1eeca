"""Today's figures for the main window (flows of the day and open work)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from stationdesk.domain.permissions import Action
from stationdesk.services.authz import require
from stationdesk.services.context import ServiceContext
from stationdesk.services.dto import TodayOverview
from stationdesk.services.today import OVERVIEW_SQL, overview_from_row

_QUERY = text(OVERVIEW_SQL)


def today_overview(ctx: ServiceContext, day: date | None = None) -> TodayOverview:
    """Counts for the day: visits, people received, issues registered and closed; open work."""
    require(ctx, Action.VIEW_CASES)
    day = day or ctx.clock().date()
    with ctx.db.read() as s:
        row = s.execute(_QUERY, {"d": day.isoformat()}).one()
    return overview_from_row(day, tuple(row))
