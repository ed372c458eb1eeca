import json

from sqlalchemy import select, text

from stationdesk.services.reception import register_visit
from stationdesk.store.models import SyncOutbox, Visit
from stationdesk.store.pragmas import sha256_text
from tests.factories import sample_visit


def _outbox(ctx):
    with ctx.db.read() as s:
        return list(s.execute(select(SyncOutbox).order_by(SyncOutbox.seq)).scalars())


def test_register_visit_captures_every_row_in_the_outbox(ctx):
    """Visit, both cases and all three events each get one outbox row with a full snapshot."""
    result, _ = register_visit(ctx, sample_visit())
    rows = _outbox(ctx)
    by_entity = {}
    for r in rows:
        by_entity.setdefault(r.entity, []).append(r)
    assert {k: len(v) for k, v in by_entity.items()} == {
        "visit": 1,
        "case_record": 2,
        "case_event": 3,
    }
    visit_change = by_entity["visit"][0]
    payload = json.loads(visit_change.payload)
    assert payload["id"] == result.visit_id == visit_change.entity_id
    assert payload["visitor_name"] == "张三丰"
    assert visit_change.op == "put" and visit_change.row_version == 1
    assert all(r.op == "event" for r in by_entity["case_event"])
    assert all(r.payload_sha256 == sha256_text(r.payload) for r in rows)
    assert len({r.change_id for r in rows}) == len(rows)


def test_local_edit_bumps_version_and_is_captured(ctx):
    """An ORM update raises row_version and queues a new put with the new snapshot."""
    result, _ = register_visit(ctx, sample_visit())
    with ctx.db.write() as s:
        visit = s.get(Visit, result.visit_id)
        visit.visitor_address = "西营村建设街3号"
    with ctx.db.read() as s:
        assert s.get(Visit, result.visit_id).row_version == 2
    last = [r for r in _outbox(ctx) if r.entity == "visit"][-1]
    assert last.row_version == 2
    assert json.loads(last.payload)["visitor_address"] == "西营村建设街3号"


def test_acknowledgement_and_pulled_rows_are_not_captured(ctx):
    """Setting server_seq (an ack) or writing a row that carries one (a pull) adds no outbox row."""
    register_visit(ctx, sample_visit())
    before = len(_outbox(ctx))
    with ctx.db.write() as s:
        s.execute(text("UPDATE visit SET server_seq = 7"))
        s.execute(text("UPDATE case_record SET server_seq = 8"))
        s.execute(
            text(
                "INSERT INTO grid (id, station_id, created_by_device, created_at, updated_at, name,"
                " village, server_seq) VALUES ('g', 's', 'd', 't', 't', '一网格', '东关村', 99)"
            )
        )
    assert len(_outbox(ctx)) == before


def test_tombstone_is_captured_as_delete(ctx):
    """Soft-deleting a row queues a 'delete' change carrying the tombstone."""
    result, _ = register_visit(ctx, sample_visit())
    with ctx.db.write() as s:
        visit = s.get(Visit, result.visit_id)
        visit.deleted_at = visit.created_at
    last = _outbox(ctx)[-1]
    assert (last.entity, last.op, last.row_version) == ("visit", "delete", 2)
    assert json.loads(last.payload)["deleted_at"] is not None


def test_failed_transaction_leaves_no_outbox_rows(ctx):
    """The outbox is written in the same transaction: a rollback removes the captured rows too."""
    before = len(_outbox(ctx))
    try:
        with ctx.db.write() as s:
            s.execute(
                text(
                    "INSERT INTO grid (id, station_id, created_by_device, created_at, updated_at, name,"
                    " village) VALUES ('g2', 's', 'd', 't', 't', '二网格', '东关村')"
                )
            )
            raise RuntimeError("abort")
    except RuntimeError:
        pass
    assert len(_outbox(ctx)) == before


def test_raw_update_without_version_bump_is_refused(ctx):
    """No code path can change a synced row without raising row_version (and so its outbox row)."""

    import pytest

    result, _ = register_visit(ctx, sample_visit())
    before = len(_outbox(ctx))
    with pytest.raises(Exception, match="must raise row_version"), ctx.db.write() as s:
        s.execute(
            text("UPDATE visit SET visitor_name = '李四' WHERE id = :i"), {"i": result.visit_id}
        )
    with pytest.raises(Exception, match="must raise row_version"), ctx.db.write() as s:
        s.execute(text("UPDATE case_record SET content = '改过的内容'"))
    assert len(_outbox(ctx)) == before
    with ctx.db.write() as s:  # the honest way: bump the version, and the change is captured
        s.execute(
            text(
                "UPDATE visit SET visitor_name = '李四', row_version = row_version + 1 WHERE id = :i"
            ),
            {"i": result.visit_id},
        )
    assert len(_outbox(ctx)) == before + 1


def test_synced_rows_cannot_be_deleted(ctx):
    """Synced rows are tombstoned, never deleted: DELETE aborts on every synced table."""
    import sqlite3

    import pytest

    register_visit(ctx, sample_visit())
    con = sqlite3.connect(ctx.paths.db, isolation_level=None)
    try:
        for table in ("visit", "case_record"):
            with pytest.raises(sqlite3.IntegrityError, match="tombstoned"):
                con.execute(f"DELETE FROM {table}")
        assert con.execute("SELECT count(*) FROM visit").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM case_record").fetchone() == (2,)
    finally:
        con.close()
