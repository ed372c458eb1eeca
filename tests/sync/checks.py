"""End-of-run checks shared by the sync tests: what the station holds against what the county holds."""

from __future__ import annotations

from sqlalchemy import text

from stationdesk.sync.outbox import synced_tables
from tests.sync.conftest import STATION_CODE


def local_rows(ctx) -> dict[tuple[str, str], int | None]:
    """Every synced row the station wrote itself: (entity, id) → row_version (None for events)."""
    out: dict[tuple[str, str], int | None] = {}
    with ctx.db.read_core() as conn:
        for table in sorted(synced_tables(conn)):
            cols = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
            version = "row_version" if "row_version" in cols else "NULL"
            origin = "AND origin = 'station'" if "origin" in cols else ""
            for row_id, v in conn.exec_driver_sql(
                f"SELECT id, {version} FROM {table} WHERE 1 {origin}"
            ):
                out[(table, row_id)] = v
    return out


def server_rows(county) -> dict[tuple[str, str], int | None]:
    """The station's own rows on the county server: (entity, id) → row_version."""
    with county.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT entity, id, row_version FROM record "
                "WHERE station_code = :s AND origin = 'station'"
            ),
            {"s": STATION_CODE},
        ).all()
    return {(r[0], r[1]): r[2] for r in rows}


def receipt_count(county) -> int:
    with county.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM change_receipt")).scalar_one()


def outbox_count(ctx) -> int:
    with ctx.db.read_core() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one()


def state_of(ctx) -> dict[str, str]:
    with ctx.db.read_core() as conn:
        return dict(conn.exec_driver_sql("SELECT key, value FROM sync_state").all())


def assert_converged(ctx, county) -> None:
    """Outbox empty; every local row on the server exactly once at its final row_version."""
    assert outbox_count(ctx) == 0
    assert local_rows(ctx) == server_rows(county)
