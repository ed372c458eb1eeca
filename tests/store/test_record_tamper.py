"""An edit made outside the app (the sqlite3 command line) is named by `check` at its row."""

from __future__ import annotations

import re
import sqlite3
import subprocess

from stationdesk.services import case_actions as act
from stationdesk.services.maintenance import check
from stationdesk.services.reception import register_visit
from stationdesk.services.reveal import reveal
from tests.factories import sample_visit

# Whole numbers only: digit runs inside the row hashes and record ids are neither.
MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
ID_18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


def _sqlite3_cli(db, table: str, sql: str) -> None:
    """Edit with the sqlite3 command-line tool the way a knowing tamperer must.

    The table's triggers call the app's own SQL functions, which the command line lacks, so
    a plain UPDATE fails ("no such function"); the audit log's refuse any change
    ("append-only"). The tamperer drops them, edits, and puts the
    same triggers back in one transaction, leaving the schema as it was.
    """
    plain = subprocess.run(["sqlite3", str(db), sql], capture_output=True, text=True)
    assert plain.returncode != 0  # refused as it stands:
    assert "no such function" in plain.stderr or "append-only" in plain.stderr
    con = sqlite3.connect(db)
    triggers = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
    ).fetchall()
    con.close()
    script = "BEGIN;\n"
    script += "".join(f"DROP TRIGGER {name};\n" for name, _ in triggers)
    script += sql + ";\n"
    script += "".join(f"{body};\n" for _, body in triggers)
    script += "COMMIT;\n"
    subprocess.run(["sqlite3", str(db)], input=script, text=True, check=True, capture_output=True)


def test_a_case_edited_with_the_sqlite3_cli_is_flagged_at_that_row(ctx):
    """App writes (register, act) leave check clean; a hand edit of one case names that case."""
    first, _ = register_visit(ctx, sample_visit(1))
    second, _ = register_visit(ctx, sample_visit(2))
    target = second.cases[1]
    act.assign(ctx, target.id, department_id=_any_department(ctx))
    assert check(ctx).ok
    ctx.db.dispose()
    _sqlite3_cli(
        ctx.paths.db,
        "case_record",
        "UPDATE case_record SET content = '已被改动', row_version = row_version + 1 "
        f"WHERE id = '{target.id}'",
    )
    report = check(ctx)
    assert not report.ok
    assert len(report.changed_outside) == 1
    assert report.changed_outside[0].startswith(f"case_record {target.case_no}")
    assert first.cases[0].case_no not in " ".join(report.changed_outside)


def test_a_visitor_phone_edited_by_hand_is_flagged_and_the_log_never_holds_it(ctx):
    """A hand edit of a visit is named by its id; the audit log holds no phone or ID number."""
    result, _ = register_visit(ctx, sample_visit(3))
    reveal(ctx, result.visit_id, "phone", "回访需要，对方说另一个号码13955556666")
    reveal(ctx, result.visit_id, "id_number", "核实身份 11010519491231002X")
    ctx.db.dispose()
    _sqlite3_cli(
        ctx.paths.db,
        "visit",
        "UPDATE visit SET visitor_phone = '13900000000', row_version = row_version + 1 "
        f"WHERE id = '{result.visit_id}'",
    )
    report = check(ctx)
    assert report.changed_outside == (
        f"visit {result.visit_id} " + report.changed_outside[0].split(" ", 2)[2],
    )
    con = sqlite3.connect(ctx.paths.db)
    logged = " ".join(str(r) for r in con.execute("SELECT detail, reason FROM audit_log"))
    con.close()
    assert MOBILE.search(logged) is None and ID_18.search(logged) is None


def _any_department(ctx) -> str:
    from stationdesk.services.reference import reference_data

    return reference_data(ctx).departments[0].id


def test_deleting_the_tail_of_the_audit_log_is_caught_against_the_newest_backup(ctx):
    """A backup holds the log's last row; remove rows after it and check says which is missing."""
    from stationdesk.services.maintenance import backup_now

    register_visit(ctx, sample_visit(4))
    backup_now(ctx)
    assert check(ctx).ok
    con = sqlite3.connect(ctx.paths.db)
    last = con.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    con.close()
    ctx.db.dispose()
    _sqlite3_cli(ctx.paths.db, "audit_log", f"DELETE FROM audit_log WHERE id > {last - 3}")
    report = check(ctx)
    assert report.audit_first_bad_id is None  # the shortened chain is still a valid chain
    assert report.audit_behind_backup == last  # but the backup's last row is gone
    assert not report.ok


def test_restoring_an_older_backup_is_not_mistaken_for_a_truncated_log(ctx):
    """After a restore the newer backups are not held against the restored log."""
    import time

    from stationdesk.services.maintenance import backup_now, restore_backup

    register_visit(ctx, sample_visit(5))
    older = backup_now(ctx)
    time.sleep(1.1)  # backups are named by the second
    register_visit(ctx, sample_visit(6))
    backup_now(ctx)
    ctx.db.dispose()
    restore_backup(ctx.paths, older)
    report = check(ctx)
    assert report.audit_behind_backup is None and report.ok


def test_a_case_deleted_by_hand_is_named_but_a_purged_one_is_not(ctx):
    """Lifting the delete guard by hand and deleting a visit is found; a real purge is not."""
    result, _ = register_visit(ctx, sample_visit(9))
    assert check(ctx).ok
    ctx.db.dispose()
    script = (
        "BEGIN; INSERT INTO purge_session (id, started_at) VALUES (1, 'x');"
        f" DELETE FROM case_event WHERE case_id IN (SELECT id FROM case_record"
        f"  WHERE visit_id = '{result.visit_id}');"
        f" DELETE FROM case_record WHERE visit_id = '{result.visit_id}';"
        f" DELETE FROM visit WHERE id = '{result.visit_id}';"
        " DELETE FROM purge_session; COMMIT;"
    )
    subprocess.run(["sqlite3", str(ctx.paths.db), script], check=True, capture_output=True)
    report = check(ctx)
    assert not report.ok
    gone = [line for line in report.changed_outside if " deleted " in line]
    assert any(line.startswith(f"visit {result.visit_id} deleted") for line in gone)
    assert sum(line.startswith("case_record ") for line in gone) == len(result.cases)


def test_the_hashed_columns_exist_in_the_schema(ctx):
    """The fixed column lists name real columns (a rename would otherwise break every hash)."""
    from stationdesk.store.record_hash import HASHED_COLUMNS

    con = sqlite3.connect(ctx.paths.db)
    try:
        for table, columns in HASHED_COLUMNS.items():
            live = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
            assert set(columns) <= live, table
            assert live - set(columns) == {"server_seq"}, table
    finally:
        con.close()
