import re
import sqlite3

from stationdesk.services.reception import register_visit
from stationdesk.store import audit
from tests.factories import sample_visit


def _verify(ctx):
    with ctx.db.read() as s:
        return audit.verify_chain(s)


def _drop_guards(con):
    con.execute("DROP TRIGGER audit_log_append_only_update")
    con.execute("DROP TRIGGER audit_log_append_only_delete")


def test_chain_verifies_after_normal_use(ctx):
    """Every service action extends a valid chain (station init + 3 rows per sample visit)."""
    for n in range(5):
        register_visit(ctx, sample_visit(n))
    report = _verify(ctx)
    assert report.ok and report.rows == 1 + 5 * 3


def test_out_of_app_edit_is_found_at_its_row(ctx):
    """Editing one row with raw SQL (guards removed) is reported at exactly that row."""
    for n in range(4):
        register_visit(ctx, sample_visit(n))
    con = sqlite3.connect(ctx.paths.db, isolation_level=None)
    _drop_guards(con)
    con.execute("UPDATE audit_log SET action = 'visit.delete' WHERE id = 6")
    con.close()
    report = _verify(ctx)
    assert (report.first_bad_id, report.problem) == (6, "row_hash_mismatch")


def test_deleted_middle_row_breaks_the_chain(ctx):
    """Removing a row in the middle is reported at the row after the gap."""
    for n in range(3):
        register_visit(ctx, sample_visit(n))
    con = sqlite3.connect(ctx.paths.db, isolation_level=None)
    _drop_guards(con)
    con.execute("DELETE FROM audit_log WHERE id = 3")
    con.close()
    report = _verify(ctx)
    assert (report.first_bad_id, report.problem) == (4, "prev_hash_mismatch")


def test_audit_rows_hold_no_plaintext_phone_or_id(ctx):
    """The audit detail is masked: no 11-digit mobile and no 18-character ID number."""
    register_visit(ctx, sample_visit(12345678))
    con = sqlite3.connect(ctx.paths.db)
    blob = "\n".join(r[0] for r in con.execute("SELECT detail FROM audit_log"))
    con.close()
    assert "138****5678" in blob
    # Whole numbers only: digit runs inside hashes and ids are not phone or ID numbers.
    assert not re.search(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])", blob)
    assert not re.search(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])", blob)
