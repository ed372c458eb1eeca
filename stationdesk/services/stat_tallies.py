"""The breakdowns' daily tallies (stat_day): recounted from the cases for the days marked dirty."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from stationdesk.domain.errors import StorageError
from stationdesk.store.database import Database

log = logging.getLogger(__name__)

# Every case registered or first closed on one of the days of {dirty}, counted per day,
# measure ('c' registered, merged duplicates left out; 'r' first closed), dimension and key
# ('' = not filled in). A deputy's cases: those of the visits the deputy received and those
# the deputy leads, each case once; a case with neither counts under deputy ''.
_COUNT_DAYS = """
    WITH dirty AS ({dirty}),
    p AS MATERIALIZED (
      SELECT c.id, c.category_id, c.department_id, c.track, c.deputy_id, c.visit_id,
        CASE WHEN c.status != 'merged' AND c.registered_on IN dirty
             THEN c.registered_on END AS cday,
        CASE WHEN substr(c.first_closed_at, 1, 10) IN dirty
             THEN substr(c.first_closed_at, 1, 10) END AS rday
      FROM case_record c
      WHERE c.deleted_at IS NULL AND c.rowid IN (
        SELECT rowid FROM case_record WHERE registered_on IN dirty
        UNION SELECT c2.rowid FROM dirty JOIN case_record c2
          ON c2.first_closed_at >= dirty.day AND c2.first_closed_at < date(dirty.day, '+1 day'))),
    m AS MATERIALIZED (
      SELECT cday AS day, 'c' AS measure, id, category_id, department_id, track, deputy_id,
             visit_id FROM p WHERE cday IS NOT NULL
      UNION ALL
      SELECT rday, 'r', id, category_id, department_id, track, deputy_id, visit_id
      FROM p WHERE rday IS NOT NULL),
    mv AS MATERIALIZED (
      SELECT m.day, m.measure, v.grid_id, v.channel FROM m JOIN visit v ON v.id = m.visit_id),
    md AS MATERIALIZED (
      SELECT m.day, m.measure, vd.deputy_id, m.id FROM m
      JOIN visit_deputy vd ON vd.visit_id = m.visit_id AND vd.deleted_at IS NULL
      UNION SELECT m.day, m.measure, m.deputy_id, m.id FROM m WHERE m.deputy_id IS NOT NULL)
    SELECT day, measure, 'category', coalesce(category_id, ''), count(*) FROM m GROUP BY 1, 2, 4
    UNION ALL SELECT day, measure, 'department', coalesce(department_id, ''), count(*)
      FROM m GROUP BY 1, 2, 4
    UNION ALL SELECT day, measure, 'track', coalesce(track, ''), count(*) FROM m GROUP BY 1, 2, 4
    UNION ALL SELECT day, measure, 'grid', coalesce(grid_id, ''), count(*) FROM mv GROUP BY 1, 2, 4
    UNION ALL SELECT day, measure, 'channel', coalesce(channel, ''), count(*)
      FROM mv GROUP BY 1, 2, 4
    UNION ALL SELECT day, measure, 'deputy', deputy_id, count(*) FROM md GROUP BY 1, 2, 4
    UNION ALL SELECT m.day, m.measure, 'deputy', '', count(*) FROM m
      WHERE m.deputy_id IS NULL AND NOT EXISTS (SELECT 1 FROM visit_deputy vd
        WHERE vd.visit_id = m.visit_id AND vd.deleted_at IS NULL)
      GROUP BY 1, 2"""
_DIRTY_IN_PERIOD = "SELECT day FROM stat_day_dirty WHERE day BETWEEN :start AND :stop"
_DIRTY_CHUNK = "SELECT day FROM stat_day_dirty ORDER BY day LIMIT :limit"
_CLEAN_IN_PERIOD = """
    SELECT dim, key, measure, sum(n) FROM stat_day
    WHERE day BETWEEN :start AND :stop
      AND day NOT IN (SELECT day FROM stat_day_dirty WHERE day BETWEEN :start AND :stop)
    GROUP BY dim, key, measure"""
CHUNK_DAYS = 31  # days recounted per write transaction: the write lock stays short


def period_tallies(conn: Connection, params: dict[str, str]) -> dict[tuple[str, str], list[int]]:
    """(dimension, key) → [registered, first closed] over the period, in one read snapshot.

    Clean days come from stat_day; the period's dirty days are counted from the cases here,
    so the result never depends on whether the tallies could be written back.
    """
    out: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    clean: Any = conn.exec_driver_sql(_CLEAN_IN_PERIOD, params)
    for dim, key, measure, n in clean:
        out[(dim, key)][measure == "r"] += int(n)
    fresh: Any = conn.exec_driver_sql(_COUNT_DAYS.format(dirty=_DIRTY_IN_PERIOD), params)
    for _day, measure, dim, key, n in fresh:
        out[(dim, key)][measure == "r"] += int(n)
    return out


def recount(conn: Connection, limit: int = CHUNK_DAYS) -> int:
    """Recount up to `limit` dirty days into stat_day (the caller's write transaction)."""
    params = {"limit": limit}
    days = [r[0] for r in conn.exec_driver_sql(_DIRTY_CHUNK, params)]
    if not days:
        return 0
    conn.exec_driver_sql(f"DELETE FROM stat_day WHERE day IN ({_DIRTY_CHUNK})", params)
    conn.exec_driver_sql(
        "INSERT INTO stat_day (day, measure, dim, key, n) "
        + _COUNT_DAYS.format(dirty=_DIRTY_CHUNK),
        params,
    )
    conn.exec_driver_sql(f"DELETE FROM stat_day_dirty WHERE day IN ({_DIRTY_CHUNK})", params)
    return len(days)


def write_back(db: Database, max_days: int = 10 * CHUNK_DAYS) -> int:
    """Store the recount of dirty days, a chunk per short transaction; how many were stored.

    Best effort: the figures never depend on it (period_tallies counts dirty days itself), so
    a locked database or a full disk only leaves the work for the next time.
    """
    done = 0
    try:
        while done < max_days:
            with db.write_core() as conn:
                n = recount(conn)
            if not n:
                break
            done += n
    except (OperationalError, StorageError) as err:
        log.info("statistics tallies not written back now: %s", err)
    return done
