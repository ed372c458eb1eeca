"""Today's figures for the main window: one SQL query, run through SQLAlchemy or plain sqlite3."""

from __future__ import annotations

import sqlite3
from datetime import date

from stationdesk.services.dto import TodayOverview

OVERVIEW_SQL = """
    SELECT
      (SELECT count(*) FROM visit WHERE received_on = :d AND deleted_at IS NULL),
      (SELECT coalesce(sum(people), 0) FROM visit WHERE received_on = :d AND deleted_at IS NULL),
      (SELECT count(*) FROM case_record
         WHERE registered_on = :d AND deleted_at IS NULL AND status != 'merged'),
      (SELECT count(*) FROM case_record
         WHERE deleted_at IS NULL AND substr(first_closed_at, 1, 10) = :d),
      (SELECT count(*) FROM case_record
         WHERE deleted_at IS NULL AND status IN ('pending', 'in_progress', 'unsatisfied')),
      (SELECT count(*) FROM case_record
         WHERE deleted_at IS NULL AND status IN ('pending', 'in_progress', 'unsatisfied')
           AND due_date < :d),
      (SELECT count(*) FROM case_record WHERE deleted_at IS NULL AND status = 'closed')
"""


def overview_from_row(day: date, row: tuple[object, ...]) -> TodayOverview:
    """Build the DTO from the query's single row."""
    return TodayOverview(day, *(int(str(v)) for v in row))


def read_today(con: sqlite3.Connection, day: date) -> TodayOverview:
    """Run the overview query on a plain sqlite3 connection (the fast start-up path)."""
    return overview_from_row(
        day, tuple(con.execute(OVERVIEW_SQL, {"d": day.isoformat()}).fetchone())
    )
