"""The sync engine against the REAL county server over HTTPS on loopback (uvicorn, SQLite file)."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from sqlalchemy import text

from stationdesk.county import admin, county_events
from stationdesk.county.config import ServerConfig
from stationdesk.county.db import new_epoch
from stationdesk.domain.enums import CaseStatus, EventKind
from stationdesk.services import case_actions
from stationdesk.services.cases import case_detail
from stationdesk.services.context import ServiceContext
from stationdesk.services.reception import register_visit
from stationdesk.store.record_hash import changed_outside
from stationdesk.sync import lease, outbox, state
from stationdesk.sync.backoff import BackoffPolicy
from stationdesk.sync.engine import SyncEngine
from stationdesk.sync.errors import SyncError
from stationdesk.sync.setup import sync_status
from tests.factories import sample_visit
from tests.sync.checks import (
    assert_converged,
    local_rows,
    outbox_count,
    receipt_count,
    server_rows,
    state_of,
)


def _visits(ctx, n: int) -> list:
    return [register_visit(ctx, sample_visit(i))[0] for i in range(n)]


def _case_nos(ctx) -> list[tuple[str, str]]:
    with ctx.db.read_core() as conn:
        return [tuple(r) for r in conn.exec_driver_sql("SELECT id, case_no FROM case_record")]


def _status(ctx, case_id: str) -> str:
    with ctx.db.read_core() as conn:
        return conn.exec_driver_sql(
            "SELECT status FROM case_record WHERE id = ?", (case_id,)
        ).scalar_one()


def test_push_drains_outbox_and_server_has_each_change_once(station, county):
    """Everything in the outbox reaches the county once; outbox empty; rows carry server_seq."""
    ctx = station.ctx
    _visits(ctx, 12)
    queued = outbox_count(ctx)
    assert queued > 50
    report = SyncEngine(ctx).run_cycle()
    assert report.pushed == queued and report.applied == queued
    assert report.rejected == report.stale == report.duplicates == 0
    assert_converged(ctx, county)
    assert receipt_count(county) == queued  # one receipt per change_id
    with ctx.db.read_core() as conn:
        for table in ("visit", "case_record", "case_event"):
            nulls = conn.exec_driver_sql(
                f"SELECT count(*) FROM {table} WHERE server_seq IS NULL"
            ).scalar_one()
            assert nulls == 0, table
    # Nothing new to send: a second cycle pushes nothing and the server is unchanged.
    again = SyncEngine(ctx).run_cycle()
    assert again.pushed == 0 and receipt_count(county) == queued
    assert changed_outside(ctx.db.engine.connect()) == []


def test_resent_batch_is_duplicate_and_nothing_doubles(station, county):
    """The server committed but the answer was lost: the resend is 'duplicate', nothing doubled."""
    ctx = station.ctx
    _visits(ctx, 3)
    engine = SyncEngine(ctx)
    with ctx.db.read_core() as conn:
        batch = outbox.select_batch(conn, 500, 10**9)
    from stationdesk.sync.setup import open_transport

    with open_transport(ctx, state_of(ctx)) as transport:
        station_id = ctx.db.query("SELECT id FROM station")[0][0]
        body = {"station_id": station_id, "device_id": "d", "batch_id": "b1",
                "client_time": "2026-01-01T00:00:00Z", "clock_offset_s": 0,
                "changes": [c.wire() for c in batch]}  # fmt: skip
        first = transport.push(body)  # …and the response "lost": nothing acknowledged locally
    assert {r["status"] for r in first["results"]} == {"applied"}
    assert outbox_count(ctx) == len(batch)
    before = server_rows(county)
    report = engine.run_cycle()
    assert report.duplicates == len(batch) and report.applied == 0
    assert server_rows(county) == before  # not one row more
    assert receipt_count(county) == len(batch)
    assert_converged(ctx, county)


def test_stale_case_is_flagged_for_review_and_audited(station, county):
    """Another device's newer version won: the outbox drains, the case needs review (audited)."""
    ctx = station.ctx
    _visits(ctx, 1)
    SyncEngine(ctx).run_cycle()
    case_id = _case_nos(ctx)[1][0]
    with county.engine.begin() as conn:  # another PC of the station pushed version 9
        conn.execute(
            text("UPDATE record SET row_version = 9 WHERE entity = 'case_record' AND id = :i"),
            {"i": case_id},
        )
    case_actions.record_progress(ctx, case_id, "已电话联系承办单位")
    report = SyncEngine(ctx).run_cycle()
    assert report.stale == 1 and report.needs_review == [case_id]
    assert outbox_count(ctx) == 0
    with ctx.db.read_core() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT needs_review FROM case_record WHERE id = ?", (case_id,)
            ).scalar_one()
            == 1
        )
        action = conn.exec_driver_sql(
            "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1"
        ).scalar_one()
        assert action == "case.sync_conflict"
        assert changed_outside(conn) == []  # the flag is an audited write, not tampering


def test_rejected_change_lands_in_sync_rejects_and_the_queue_moves_on(station, county):
    """One invalid change: the rest applied, the invalid one kept in sync_rejects and shown."""
    ctx = station.ctx
    _visits(ctx, 2)
    with ctx.db.write_core() as conn:  # a change the county refuses (county-owned entity)
        conn.exec_driver_sql(
            "INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, "
            "payload_sha256, created_at) VALUES ('bad-1', 'category', 'c-1', 'put', 1, "
            '\'{"id":"c-1","name":"x"}\', \'h\', \'2026-01-01T00:00:00Z\')'
        )
        conn.exec_driver_sql(
            "UPDATE sync_outbox SET seq = (SELECT min(seq) - 1 FROM sync_outbox) "
            "WHERE change_id = 'bad-1'"
        )  # first in line, so it would block the queue if rejects did
    report = SyncEngine(ctx).run_cycle()
    assert report.rejected == 1 and report.rejects_open == 1
    assert outbox_count(ctx) == 0
    with ctx.db.read_core() as conn:
        row = conn.exec_driver_sql(
            "SELECT entity, entity_id, code, resolved_at FROM sync_rejects"
        ).one()
    assert tuple(row) == ("category", "c-1", "county_owned", None)
    status = sync_status(ctx)
    assert [r.code for r in status.rejects] == ["county_owned"]
    assert local_rows(ctx) == server_rows(county)
    assert SyncEngine(ctx).run_cycle().pushed == 0  # never sent again, never dropped
    assert len(sync_status(ctx).rejects) == 1


def test_county_reply_shows_in_the_case_timeline_as_county(station, county):
    """A department's reply written at the county is pulled into the case's timeline (县级)."""
    ctx = station.ctx
    _visits(ctx, 1)
    SyncEngine(ctx).run_cycle()
    case_id, case_no = _case_nos(ctx)[1]
    event_id, _seq = county_events.reply(
        county.engine, case_no, "县住建局", "已安排施工队，月底前完成"
    )
    report = SyncEngine(ctx).run_cycle()
    assert report.events_added == 1 and report.cases == [case_id]
    detail = case_detail(ctx, case_id)
    last = detail.timeline[-1]
    assert last.id == event_id and last.kind is EventKind.COUNTY_REPLY and last.county
    assert last.details["reply"] == "已安排施工队，月底前完成"
    with ctx.db.read_core() as conn:
        origin, seq = conn.exec_driver_sql(
            "SELECT origin, server_seq FROM case_event WHERE id = ?", (event_id,)
        ).one()
        assert origin == "county" and seq is not None
        assert (
            conn.exec_driver_sql(
                "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1"
            ).scalar_one()
            == "case.synced_events"
        )
        assert changed_outside(conn) == []
    assert outbox_count(ctx) == 0  # the county's event and the re-folded cache are not pushed
    # Pulling again adds nothing (the cursor moved with the page).
    assert SyncEngine(ctx).run_cycle().events_added == 0
    assert len(case_detail(ctx, case_id).timeline) == len(detail.timeline)


def test_county_referral_refolds_the_case_and_a_crossing_event_needs_review(station, county):
    """交办 from the county moves the case; one the state no longer allows is kept, flagged."""
    ctx = station.ctx
    _visits(ctx, 1)
    county_events.put_department(county.engine, "410205-01", "县住建局")
    SyncEngine(ctx).run_cycle()
    case_id, case_no = _case_nos(ctx)[1]
    county_events.refer(county.engine, case_no, "县住建局")
    report = SyncEngine(ctx).run_cycle()
    assert report.events_added == 1 and report.needs_review == []
    detail = case_detail(ctx, case_id)
    assert _status(ctx, case_id) == CaseStatus.IN_PROGRESS
    assert detail.timeline[-1].details["department"] == "县住建局"
    # The station closes the case; meanwhile the county refers it again (crossing on the wire).
    case_actions.close_case(ctx, case_id, "已修好")
    county_events.refer(county.engine, case_no, "县住建局")
    report = SyncEngine(ctx).run_cycle()
    assert report.needs_review == [case_id]
    assert _status(ctx, case_id) == CaseStatus.CLOSED
    # The history still folds: the station can go on with the case.
    case_actions.callback(ctx, case_id, "satisfied", "phone")
    assert _status(ctx, case_id) == CaseStatus.DONE
    # A later county reply re-folds the history with the skipped referral in it: pull goes on.
    cursor = _pull_cursor(ctx)
    county_events.reply(county.engine, case_no, "县住建局", "已收到，按期办理")
    report = SyncEngine(ctx).run_cycle()
    assert report.events_added == 1 and report.needs_review == []
    assert _pull_cursor(ctx) > cursor
    assert case_detail(ctx, case_id).timeline[-1].kind == "county_reply"
    assert _status(ctx, case_id) == CaseStatus.DONE


def _pull_cursor(ctx) -> int:
    rows = ctx.db.query("SELECT value FROM sync_state WHERE key = 'pull_cursor'")
    return int(rows[0][0]) if rows else 0


def test_reference_data_from_the_county_replaces_the_seeds(station, county):
    """Categories and departments pulled: matched by code/name, new ones added, not pushed."""
    ctx = station.ctx
    county_events.put_category(county.engine, "410205-01", "03", "环境卫生整治", 7)
    county_events.put_department(county.engine, "410205-01", "县生态环境分局", kind="县直")
    report = SyncEngine(ctx).run_cycle()
    assert report.reference == 2
    with ctx.db.read_core() as conn:
        assert conn.exec_driver_sql(
            "SELECT name, limit_days FROM category WHERE code = '03'"
        ).one() == ("环境卫生整治", 7)
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM department WHERE name = '县生态环境分局'"
            ).scalar_one()
            == 1
        )
    assert outbox_count(ctx) == 0


def test_backoff_is_persisted_across_a_new_engine(ctx, memory_keyring, county, tls):
    """Offline: failures counted, next_attempt_at persisted; a new engine waits; jitter capped."""
    from stationdesk.sync.setup import configure

    _id, token = county.add_station()
    configure(ctx, "https://127.0.0.1:9", token, tls.ca)  # nothing listens on port 9
    _visits(ctx, 1)
    policy = BackoffPolicy(base=2.0, cap=300.0)
    engine = SyncEngine(ctx, policy=policy, rng=random.Random(7))
    with pytest.raises(SyncError) as err:
        engine.run_cycle()
    assert err.value.code == "sync_offline" and err.value.retryable
    values = state_of(ctx)
    assert values["consecutive_failures"] == "1" and values["last_error"] == "sync_offline"
    fresh = SyncEngine(ctx, policy=policy)  # "after a restart"
    wait = fresh.seconds_until_due()
    assert 0 < wait <= 2.0
    with pytest.raises(SyncError) as err:
        fresh.run_cycle()
    assert err.value.code == "sync_not_due"
    ceilings = []
    for _ in range(11):  # manual "sync now" attempts still count failures
        with pytest.raises(SyncError):
            fresh.run_cycle(force=True)
        ceilings.append(fresh.seconds_until_due())
    assert state_of(ctx)["consecutive_failures"] == "12"
    assert all(w <= 300.0 for w in ceilings) and max(ceilings) > 2.0
    assert outbox_count(ctx) > 0  # the data waits, untouched


def test_a_success_resets_the_backoff(station, county):
    """After failures, one good cycle clears the count and the wait."""
    ctx = station.ctx
    with ctx.db.write_core() as conn:
        state.write(conn, {state.FAILURES: 5, state.LAST_ERROR: "sync_offline"})
    SyncEngine(ctx).run_cycle()
    values = state_of(ctx)
    assert values["consecutive_failures"] == "0" and "next_attempt_at" not in values


def test_the_lease_prevents_a_second_concurrent_sync(station, county):
    """While another holds the lease, a cycle is refused before any request; expired → taken."""
    ctx = station.ctx
    _visits(ctx, 1)
    now = ctx.clock()
    lease.take(ctx.db, "another-process", now)
    with pytest.raises(SyncError) as err:
        SyncEngine(ctx).run_cycle(force=True)
    assert err.value.code == "sync_busy"
    assert receipt_count(county) == 0 and sync_status(ctx).busy
    assert state_of(ctx).get("consecutive_failures") in (None, "0")  # not a failure
    # The other process died: its lease expires and the next sync takes it over.
    lease.take(ctx.db, "another-process", now - timedelta(seconds=lease.LEASE_SECONDS + 1))
    SyncEngine(ctx).run_cycle()
    assert outbox_count(ctx) == 0 and "sync_lease" not in state_of(ctx)


def test_two_engines_at_once_one_syncs_the_other_is_busy(station, county):
    """Two engines started together on the same database: exactly one pushes, the other is busy."""
    import threading

    ctx = station.ctx
    _visits(ctx, 20)
    barrier = threading.Barrier(2)
    results: list[object] = []

    def run() -> None:
        other = ServiceContext(ctx.paths, type(ctx.db)(ctx.db.path), ctx.actor, ctx.clock)
        barrier.wait()
        try:
            results.append(SyncEngine(other).run_cycle(force=True).pushed)
        except SyncError as exc:
            results.append(exc.code)
        finally:
            other.db.dispose()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert "sync_busy" in results or results.count(0) == 1, results
    assert_converged(ctx, county)
    assert receipt_count(county) == len(local_rows(ctx))


def test_epoch_change_refetches_without_duplicates(station, county):
    """The county was restored (new epoch): the cursor resets, everything is pulled once more."""
    ctx = station.ctx
    _visits(ctx, 1)
    SyncEngine(ctx).run_cycle()
    _id, case_no = _case_nos(ctx)[1]
    county_events.reply(county.engine, case_no, "县住建局", "收到")
    SyncEngine(ctx).run_cycle()
    new_epoch(county.engine)
    report = SyncEngine(ctx).run_cycle()
    assert "epoch_changed" in report.warnings
    assert report.events_added == 0  # already here: applied once, not twice
    with ctx.db.read_core() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM case_event WHERE origin = 'county'"
            ).scalar_one()
            == 1
        )


def test_clock_skew_warns_but_syncs(station, county):
    """A PC clock an hour off: the cycle completes, with the clock warning and the offset."""
    ctx = station.ctx
    _visits(ctx, 1)
    skewed = ServiceContext(ctx.paths, ctx.db, ctx.actor, lambda: ctx.clock() - timedelta(hours=1))
    report = SyncEngine(skewed).run_cycle()
    assert "clock_skew" in report.warnings
    assert 3500 <= report.clock_offset_s <= 3700
    assert_converged(ctx, county)
    assert sync_status(ctx).clock_warning


def test_revoked_token_stops_sync_and_keeps_the_data(station, county):
    """401: automatic sync stops (a manual try is still allowed); the outbox is kept."""
    ctx = station.ctx
    _visits(ctx, 1)
    admin.revoke_device(county.engine, station.device_id)
    queued = outbox_count(ctx)
    with pytest.raises(SyncError) as err:
        SyncEngine(ctx).run_cycle()
    assert err.value.code == "sync_auth_failed" and not err.value.retryable
    assert outbox_count(ctx) == queued
    assert state_of(ctx)["stopped"] == "sync_auth_failed"
    with ctx.db.write_core() as conn:
        state.write(conn, {state.NEXT_ATTEMPT: None})
    with pytest.raises(SyncError) as err:
        SyncEngine(ctx).run_cycle()
    assert err.value.code == "sync_stopped"


def test_server_busy_retry_after_sets_the_next_attempt(ctx, memory_keyring, tls, tmp_path):
    """429 with Retry-After: the next attempt is due when the server asked, not sooner."""
    from stationdesk.sync.setup import configure
    from tests.sync.conftest import CountyServer

    server = CountyServer(tmp_path / "c.db", tls, ServerConfig(rate_per_s=0.1, burst=1))
    try:
        _id, token = server.add_station()
        configure(ctx, server.url, token, tls.ca)
        _visits(ctx, 1)
        with pytest.raises(SyncError) as err:
            SyncEngine(ctx).run_cycle()  # hello takes the only token of the bucket; push is 429
        asked = err.value.retry_after
        assert err.value.code == "sync_server_busy" and asked and asked > 1
        assert asked - 1.0 <= SyncEngine(ctx).seconds_until_due() <= asked
    finally:
        server.close()


def test_queued_puts_of_one_row_are_coalesced_events_never(station, county):
    """Five offline progress notes on one case: five events go, and one put of the case (the
    newest); the county ends at the station's final version."""
    ctx = station.ctx
    _visits(ctx, 6)
    with ctx.db.read_core() as conn:
        case_id = conn.exec_driver_sql(
            "SELECT id FROM case_record WHERE status = 'pending' ORDER BY id LIMIT 1"
        ).scalar_one()
    SyncEngine(ctx).run_cycle(force=True)
    for i in range(5):
        case_actions.record_progress(ctx, case_id, f"第{i + 1}次电话联系承办单位")
    with ctx.db.read_core() as conn:
        queued = dict(
            conn.exec_driver_sql("SELECT entity, count(*) FROM sync_outbox GROUP BY entity").all()
        )
    assert queued["case_event"] == 5 and queued["case_record"] == 5
    report = SyncEngine(ctx).run_cycle(force=True)
    assert report.coalesced == 4
    assert report.pushed == report.applied == 6
    assert_converged(ctx, county)


def test_a_too_large_newer_put_does_not_coalesce_away_the_older_one(station, county):
    """v1 of a visit fits, v2 is too large to send: v1 still reaches the county, v2 is refused
    and kept in sync_rejects."""
    ctx = station.ctx
    register_visit(ctx, sample_visit(1))
    with ctx.db.write_core() as conn:
        visit_id = conn.exec_driver_sql("SELECT id FROM visit").scalar_one()
        conn.exec_driver_sql(
            "UPDATE visit SET row_version = row_version + 1, visitor_address = ? WHERE id = ?",
            ("很长的地址" * 120_000, visit_id),
        )
    report = SyncEngine(ctx).run_cycle(force=True)
    assert report.coalesced == 0 and report.rejected == 1
    assert server_rows(county)[("visit", visit_id)] == 1
    with ctx.db.read_core() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT code FROM sync_rejects WHERE entity_id = ?", (visit_id,)
            ).scalar_one()
            == "too_large"
        )
