"""Reconcile (R12) and photo upload against the REAL county server over HTTPS on loopback."""

from __future__ import annotations

import hashlib
import random
from datetime import timedelta

from sqlalchemy import text

from stationdesk.county.db import new_epoch
from stationdesk.services.context import ServiceContext
from stationdesk.services.reception import register_visit
from stationdesk.services.roster import get_deputy, photo_bytes, set_photo
from stationdesk.sync import state
from stationdesk.sync.engine import SyncEngine
from tests.factories import sample_visit
from tests.services.roster_factories import add_deputy, jpeg
from tests.sync.checks import STATION_CODE, assert_converged, outbox_count, server_rows, state_of


def _synced(ctx, county, visits: int = 30) -> None:
    for i in range(visits):
        register_visit(ctx, sample_visit(i))
    report = SyncEngine(ctx).run_cycle(force=True)
    assert report.reconciled and report.requeued == 0  # first cycle: nothing to find
    assert_converged(ctx, county)


def _pending_case(ctx) -> str:
    with ctx.db.read_core() as conn:
        return conn.exec_driver_sql(
            "SELECT id FROM case_record WHERE status = 'pending' ORDER BY id LIMIT 1"
        ).scalar_one()


def _later(ctx, hours: float) -> ServiceContext:
    return ServiceContext(
        ctx.paths, ctx.db, ctx.actor, lambda: ctx.clock() + timedelta(hours=hours)
    )


def test_reconcile_finds_every_row_the_county_lost_or_holds_older(station, county):
    """R12: 50 station rows deleted on the county and 10 put back to an older version are all
    found and pushed again in ONE reconcile cycle; the county then equals the station."""
    ctx = station.ctx
    _synced(ctx, county)
    rng = random.Random(12)
    rows = sorted(server_rows(county))
    deleted = rng.sample(rows, 50)
    versioned = [k for k, v in server_rows(county).items() if v and k not in deleted]
    older = rng.sample(versioned, 10)
    with county.engine.begin() as conn:
        for entity, row_id in deleted:
            conn.execute(
                text("DELETE FROM record WHERE station_code = :s AND entity = :e AND id = :i"),
                {"s": STATION_CODE, "e": entity, "i": row_id},
            )
        for entity, row_id in older:
            conn.execute(
                text(
                    "UPDATE record SET row_version = 0 "
                    "WHERE station_code = :s AND entity = :e AND id = :i"
                ),
                {"s": STATION_CODE, "e": entity, "i": row_id},
            )
    assert len(server_rows(county)) == len(rows) - 50

    quiet = SyncEngine(_later(ctx, 1)).run_cycle(force=True)  # not due an hour later
    assert not quiet.reconciled and len(server_rows(county)) == len(rows) - 50

    report = SyncEngine(_later(ctx, 25)).run_cycle(force=True)  # due after a day
    assert report.reconciled
    assert report.requeued == 60
    assert report.applied == 60 and report.stale == report.duplicates == 0
    assert outbox_count(ctx) == 0
    assert_converged(ctx, county)  # every row back, each at the station's version


def _set_county_version(county, entity: str, row_id: str, version: int) -> None:
    with county.engine.begin() as conn:
        conn.execute(
            text("UPDATE record SET row_version = :v WHERE entity = :e AND id = :i"),
            {"v": version, "e": entity, "i": row_id},
        )


def test_reconcile_counts_newer_county_rows_and_never_deletes(station, county):
    """A row the county holds newer, or one this PC purged, is counted, not pushed or removed."""
    ctx = station.ctx
    _synced(ctx, county, visits=5)
    (entity, row_id), version = next((k, v) for k, v in server_rows(county).items() if v)
    _set_county_version(county, entity, row_id, version + 5)
    with ctx.db.write_core() as conn:
        state.write(conn, {state.RECONCILE_DUE: 1})
    before = server_rows(county)
    report = SyncEngine(ctx).run_cycle(force=True)
    assert report.reconciled and report.requeued == 0
    assert report.county_newer == 1 and report.county_only == 0
    assert server_rows(county) == before
    assert state.RECONCILE_DUE not in state_of(ctx)


def test_epoch_change_triggers_reconcile_and_photo_upload_again(station, county):
    """A restored county (new epoch) that lost rows and photos gets both back in one cycle."""
    ctx = station.ctx
    deputy_id = add_deputy(ctx)
    set_photo(ctx, deputy_id, jpeg(900, 1200))
    sha = get_deputy(ctx, deputy_id).summary.photo_sha256
    _synced(ctx, county, visits=3)
    with county.engine.connect() as conn:
        stored = conn.execute(text("SELECT data FROM blob WHERE sha256 = :h"), {"h": sha}).one()[0]
    assert bytes(stored) == photo_bytes(ctx, sha) and hashlib.sha256(stored).hexdigest() == sha
    again = SyncEngine(ctx).run_cycle(force=True)
    assert again.blobs_sent == 0 and not again.reconciled  # confirmed once, not re-sent

    # "restore" the county from an older backup: some rows and the photo are gone
    lost = sorted(server_rows(county))[:7]
    with county.engine.begin() as conn:
        conn.execute(text("DELETE FROM blob"))
        for entity, row_id in lost:
            conn.execute(
                text("DELETE FROM record WHERE entity = :e AND id = :i"), {"e": entity, "i": row_id}
            )
    new_epoch(county.engine)
    report = SyncEngine(ctx).run_cycle(force=True)
    assert "epoch_changed" in report.warnings
    assert report.reconciled and report.requeued == 7 and report.blobs_sent == 1
    assert_converged(ctx, county)
    with county.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM blob")).scalar_one() == 1


def test_a_photo_waits_for_its_deputy_row(station, county):
    """The photo is uploaded only after the deputy row that names it has been pushed."""
    from stationdesk.sync import blobs

    ctx = station.ctx
    deputy_id = add_deputy(ctx)
    set_photo(ctx, deputy_id, jpeg(900, 1200))
    assert blobs.pending(ctx) == []  # the deputy row is still queued
    report = SyncEngine(ctx).run_cycle(force=True)
    assert report.blobs_sent == 1 and blobs.pending(ctx) == []


def _lose_on_county(county, entity: str, row_id: str) -> None:
    with county.engine.begin() as conn:
        conn.execute(
            text("DELETE FROM record WHERE entity = :e AND id = :i"), {"e": entity, "i": row_id}
        )


def _refused(ctx, change_id: str, visit_id: str, version: int, code: str) -> None:
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sync_rejects (change_id, entity, entity_id, payload, code, message, "
            "rejected_at) VALUES (?, 'visit', ?, ?, ?, NULL, '2026-11-01T09:00:00')",
            (change_id, visit_id, f'{{"id":"{visit_id}","row_version":{version}}}', code),
        )
        state.write(conn, {state.RECONCILE_DUE: 1})


def test_an_open_refusal_blocks_only_the_version_it_refused(station, county):
    """A row whose OLDER change was refused is still repaired, and so is one whose current
    version was refused as stale or key_reuse (about the county's state, not the content); a
    current version refused for its content is not sent again every day."""
    ctx = station.ctx
    _synced(ctx, county, visits=4)
    with ctx.db.read_core() as conn:
        (a, va), (b, vb), (c, vc), (d, vd) = conn.exec_driver_sql(
            "SELECT id, row_version FROM visit ORDER BY id"
        ).all()
    _refused(ctx, "old-change", a, va - 1, "invalid_payload")  # an earlier version of a
    _refused(ctx, "this-change", b, vb, "invalid_payload")  # b's current version, for content
    _refused(ctx, "stale-change", c, vc, "stale")
    _refused(ctx, "reused-change", d, vd, "key_reuse")
    for row_id in (a, b, c, d):
        _lose_on_county(county, "visit", row_id)
    report = SyncEngine(ctx).run_cycle(force=True)
    assert report.reconciled and report.requeued == 3
    on_county = server_rows(county)
    assert all(("visit", v) in on_county for v in (a, c, d)) and ("visit", b) not in on_county


def test_a_station_event_pulled_back_keeps_its_month(station, county):
    """A PC restored from a backup older than its own event pulls the event back; it keeps the
    event's created_at, so daily reconciles after that find nothing to send."""
    from stationdesk.services.case_actions import record_progress

    ctx = station.ctx
    _synced(ctx, county, visits=1)
    case_id = _pending_case(ctx)
    with ctx.db.read_core() as conn:
        before = {r[0] for r in conn.exec_driver_sql("SELECT id FROM case_event")}
    record_progress(ctx, case_id, "已电话联系承办单位")
    SyncEngine(ctx).run_cycle(force=True)
    with ctx.db.write_core() as conn:  # "restore": the event is gone here, the cursor back at 0
        (event_id, created_at), *_ = [
            r
            for r in conn.exec_driver_sql("SELECT id, created_at FROM case_event")
            if r[0] not in before
        ]
        conn.exec_driver_sql("INSERT INTO purge_session (id, started_at) VALUES (1, 'test')")
        conn.exec_driver_sql("DELETE FROM case_event WHERE id = ?", (event_id,))
        conn.exec_driver_sql("DELETE FROM purge_session")
        state.write(conn, {state.PULL_CURSOR: 0})
    report = SyncEngine(_later(ctx, 24 * 40)).run_cycle(force=True)  # weeks later, another month
    assert report.reconciled
    with ctx.db.read_core() as conn:
        back = conn.exec_driver_sql(
            "SELECT created_at, origin FROM case_event WHERE id = ?", (event_id,)
        ).one()
    assert back == (created_at, "station")
    for day in (41, 42):
        daily = SyncEngine(_later(ctx, 24 * day + 1)).run_cycle(force=True)
        assert daily.reconciled and daily.requeued == 0 and daily.county_only == 0


def test_a_suspected_restore_asks_for_one_reconcile_not_one_per_cycle(station, county):
    """hello shows the county saw later outbox seqs than this PC has: reconcile once."""
    ctx = station.ctx
    _synced(ctx, county, visits=1)
    with county.engine.begin() as conn:
        conn.execute(text("UPDATE device SET last_acked_local_seq = 100000"))
    first = SyncEngine(ctx).run_cycle(force=True)
    assert "restore_suspected" in first.warnings and first.reconciled
    for minutes in (5, 10):
        later = SyncEngine(_later(ctx, minutes / 60)).run_cycle(force=True)
        assert "restore_suspected" in later.warnings and not later.reconciled


def test_a_clock_that_was_ahead_does_not_stop_daily_reconcile():
    """last_reconcile_at in the future (the PC clock was ahead, then fixed): due now."""
    from datetime import datetime

    from stationdesk.sync import reconcile

    now = datetime(2026, 11, 27, 9, 0).astimezone()
    ahead = {state.LAST_RECONCILE: (now + timedelta(days=3650)).isoformat()}
    recent = {state.LAST_RECONCILE: (now - timedelta(hours=2)).isoformat()}
    jitter = {state.LAST_RECONCILE: (now + timedelta(minutes=5)).isoformat()}
    assert reconcile.is_due(ahead, now)
    assert not reconcile.is_due(recent, now) and not reconcile.is_due(jitter, now)


def test_county_newer_rows_show_in_the_status_until_a_clean_reconcile(station, county):
    """The count of rows newer on the county is kept for the status line, and cleared when a
    later reconcile finds none."""
    from stationdesk.sync.setup import sync_status

    ctx = station.ctx
    _synced(ctx, county, visits=2)
    (entity, row_id), version = next((k, v) for k, v in server_rows(county).items() if v)
    _set_county_version(county, entity, row_id, version + 1)
    SyncEngine(_later(ctx, 25)).run_cycle(force=True)
    status = sync_status(ctx)
    assert status.county_newer == 1 and status.last_reconcile_at
    _set_county_version(county, entity, row_id, version)
    SyncEngine(_later(ctx, 50)).run_cycle(force=True)
    assert sync_status(ctx).county_newer == 0


def test_a_pc_rolled_back_to_an_older_copy_loses_nothing_the_county_acknowledged(
    station, county, paths
):
    """F16: the station's database goes back to an older copy (power loss with NORMAL, or an old
    backup put back by hand). The county keeps every row it acknowledged, new writes made after
    the rollback reach it as new changes (random change ids: nothing is taken for a duplicate),
    the case edited on both sides is flagged for review, and one reconcile runs."""
    import sqlite3

    from stationdesk.services import case_actions
    from stationdesk.services.station import open_data_dir

    ctx = station.ctx
    _synced(ctx, county, visits=6)
    case_id = _pending_case(ctx)
    snapshot = paths.root / "older.db"
    with sqlite3.connect(paths.db) as live, sqlite3.connect(snapshot) as copy:
        live.backup(copy)
    for i in range(6, 10):
        register_visit(ctx, sample_visit(i))
    case_actions.record_progress(ctx, case_id, "县里已经答复")  # case v2 reaches the county
    SyncEngine(ctx).run_cycle(force=True)
    acknowledged = server_rows(county)

    with sqlite3.connect(snapshot) as older, sqlite3.connect(paths.db) as live:
        older.backup(live)  # the PC comes back with the older file (pages written by SQLite)
    ctx.db.dispose()
    opened = open_data_dir(paths)
    assert opened.ctx is not None, opened
    rolled = opened.ctx
    try:
        for i in range(20, 23):
            register_visit(rolled, sample_visit(i))
        case_actions.record_progress(rolled, case_id, "本机另记一条进度")  # v2 again, other text
        report = SyncEngine(rolled).run_cycle(force=True)
        assert "restore_suspected" in report.warnings and report.reconciled
        assert report.duplicates == 0  # no false dedupe of the new changes
        assert report.needs_review == [case_id]  # the case changed on both sides
        assert outbox_count(rolled) == 0
        after = server_rows(county)
        lost = [k for k, v in acknowledged.items() if k not in after or (after[k] or 0) < (v or 0)]
        assert lost == []  # nothing the county acknowledged is gone or older
        assert report.county_only > 0  # the rows this copy lacks are counted, never deleted
        with rolled.db.read_core() as conn:
            mine = {r[0] for r in conn.exec_driver_sql("SELECT id FROM visit")}
        assert len(mine) == 6 + 3  # the four visits made after the copy are gone here
        assert all(("visit", v) in after for v in mine)
    finally:
        rolled.db.dispose()
