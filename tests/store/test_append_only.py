import sqlite3

import pytest
from sqlalchemy import text

from stationdesk.services.reception import register_visit
from tests.factories import sample_visit


def _raw(ctx):
    con = sqlite3.connect(ctx.paths.db, isolation_level=None)
    return con


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE case_event SET payload = '{}'",
        "UPDATE case_event SET kind = 'closed'",
        "DELETE FROM case_event",
        "UPDATE audit_log SET action = 'x'",
        "UPDATE audit_log SET server_seq = 1" if False else "UPDATE audit_log SET reason = 'r'",
        "DELETE FROM audit_log",
    ],
)
def test_history_tables_refuse_edits(ctx, sql):
    """Case events and the audit log abort UPDATE and DELETE inside the database itself."""
    register_visit(ctx, sample_visit())
    con = _raw(ctx)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute(sql)
        assert con.execute("SELECT count(*) FROM case_event").fetchone()[0] == 3
    finally:
        con.close()


def test_attendance_refuses_edits(ctx):
    """Attendance rows are append-only too (corrections are 'void' rows)."""
    with ctx.db.write() as s:
        s.execute(
            text(
                "INSERT INTO deputy (id, station_id, created_by_device, created_at, updated_at, name)"
                " VALUES ('d1', 's', 'dev', 't', 't', '王代表')"
            )
        )
        s.execute(
            text(
                "INSERT INTO duty_shift (id, station_id, created_by_device, created_at, updated_at,"
                " shift_on, half, deputy_id) VALUES ('s1', 's', 'dev', 't', 't', '2026-11-26', 'am', 'd1')"
            )
        )
        s.execute(
            text(
                "INSERT INTO attendance (id, station_id, created_by_device, created_at, shift_id,"
                " deputy_id, kind, occurred_at, occurred_on) VALUES ('a1', 's', 'dev', 't', 's1', 'd1',"
                " 'sign_in', 't', '2026-11-26')"
            )
        )
    con = _raw(ctx)
    try:
        for sql in ("UPDATE attendance SET kind = 'absent'", "DELETE FROM attendance"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                con.execute(sql)
    finally:
        con.close()


def test_events_may_gain_their_server_seq(ctx):
    """The one permitted change: the sync acknowledgement sets server_seq."""
    register_visit(ctx, sample_visit())
    with ctx.db.write() as s:
        s.execute(text("UPDATE case_event SET server_seq = 42"))
        assert (
            s.execute(text("SELECT count(*) FROM case_event WHERE server_seq = 42")).scalar() == 3
        )
