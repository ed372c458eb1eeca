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


def test_reconcile_counts_newer_county_rows_and_never_deletes(station, county):
    """A row the county holds newer, or one this PC purged, is counted, not pushed or removed."""
    ctx = station.ctx
    _synced(ctx, county, visits=5)
    (entity, row_id), version = next((k, v) for k, v in server_rows(county).items() if v)
    with county.engine.begin() as conn:
        conn.execute(
            text("UPDATE record SET row_version = :v WHERE entity = :e AND id = :i"),
            {"v": version + 5, "e": entity, "i": row_id},
        )
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
