"""Refused and stale changes kept in sync_rejects, then resent or dismissed, against the REAL county."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.ids import new_id
from stationdesk.services import case_actions
from stationdesk.services.cases import case_detail
from stationdesk.services.reception import register_visit
from stationdesk.store import audit
from stationdesk.store.record_hash import changed_outside, row_hashes
from stationdesk.sync import rejects
from stationdesk.sync import state as sync_state
from stationdesk.sync.engine import SyncEngine
from stationdesk.sync.errors import SyncError
from stationdesk.sync.setup import open_transport, sync_status
from tests.factories import sample_visit
from tests.sync.checks import assert_converged, outbox_count, server_rows


def edit_visit(ctx, visit_id: str, address: str) -> None:
    """A local edit as the app writes one: row_version raised, the row's new hash audited."""
    now = ctx.clock()
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "UPDATE visit SET visitor_address = ?, row_version = row_version + 1, updated_at = ? "
            "WHERE id = ?",
            (address, now.isoformat(timespec="milliseconds"), visit_id),
        )
        after = row_hashes(conn, "visit", [visit_id])[visit_id]
        audit.append(
            conn, ctx.audit_entry(now, "visit.edit", "visit", visit_id, {"after_hash": after})
        )


def county_holds(county, entity: str, row_id: str, version: int) -> None:
    """Another PC of the station pushed a newer version of the row to the county."""
    with county.engine.begin() as conn:
        conn.execute(
            text("UPDATE record SET row_version = :v WHERE entity = :e AND id = :i"),
            {"v": version, "e": entity, "i": row_id},
        )


def county_record(county, entity: str, row_id: str) -> tuple[int, dict]:
    """(row_version, payload) of one record on the county."""
    with county.engine.connect() as conn:
        version, payload = conn.execute(
            text("SELECT row_version, payload FROM record WHERE entity = :e AND id = :i"),
            {"e": entity, "i": row_id},
        ).one()
    return version, json.loads(payload)


def open_rows(ctx) -> list[tuple]:
    with ctx.db.read_core() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT change_id, entity, entity_id, code, message FROM sync_rejects "
                "WHERE resolved_at IS NULL ORDER BY rejected_at, rowid"
            )
        ]


def last_audit(ctx, action: str) -> tuple:
    with ctx.db.read_core() as conn:
        return conn.exec_driver_sql(
            "SELECT record_id, detail, reason FROM audit_log WHERE action = ? "
            "ORDER BY id DESC LIMIT 1",
            (action,),
        ).one()


def test_stale_visit_is_kept_and_resend_puts_the_station_version_on_the_county(station, county):
    """Stale visit → sync_rejects (stale, county v9); resend → county holds ours at v10, audited."""
    ctx = station.ctx
    visit, _ = register_visit(ctx, sample_visit(1))
    SyncEngine(ctx).run_cycle()
    county_holds(county, "visit", visit.visit_id, 9)
    edit_visit(ctx, visit.visit_id, "东关村幸福路14号")
    first = SyncEngine(ctx).run_cycle()
    edit_visit(ctx, visit.visit_id, "东关村幸福路16号")  # two stale versions, in two cycles
    report = SyncEngine(ctx).run_cycle()  # (queued together they would be coalesced to one)
    assert first.stale == report.stale == 1 and first.rejected == report.rejected == 0
    assert report.rejects_open == 2
    assert outbox_count(ctx) == 0
    rows = open_rows(ctx)
    assert [(r[1], r[2], r[3]) for r in rows] == [("visit", visit.visit_id, "stale")] * 2
    assert all(json.loads(r[4]) == {"row_version": 9} for r in rows)
    listed = rejects.list_open(ctx)
    assert [(i.county_version, i.local_version) for i in listed] == [(9, 2), (9, 3)]
    assert all(i.can_resend and "张*" in i.record and "张三丰" not in i.record for i in listed)
    assert [r.code for r in sync_status(ctx).rejects] == ["stale", "stale"]

    assert rejects.resend(ctx, rows[0][0]) == 1
    assert open_rows(ctx) == []  # the newer refused version is superseded too
    assert outbox_count(ctx) == 1
    record_id, detail, _reason = last_audit(ctx, "sync.reject_resent")
    detail = json.loads(detail)
    assert record_id == visit.visit_id and detail["change_id"] == rows[0][0]
    assert detail["entity"] == "visit" and detail["code"] == "stale"
    assert detail["row_version"] == 10 and sorted(detail["resolved"]) == sorted(r[0] for r in rows)
    report = SyncEngine(ctx).run_cycle()
    assert report.applied == 1 and report.stale == 0 and report.rejects_open == 0
    version, payload = county_record(county, "visit", visit.visit_id)
    assert version == 10 and payload["visitor_address"] == "东关村幸福路16号"
    assert_converged(ctx, county)
    with ctx.db.read_core() as conn:
        assert changed_outside(conn) == []  # the bump is an audited write, not tampering
    assert SyncEngine(ctx).run_cycle().pushed == 0
    with pytest.raises(SyncError) as err:
        rejects.resend(ctx, rows[1][0])
    assert err.value.code == "sync_reject_resolved"


def test_a_stale_change_already_overtaken_by_a_newer_local_one_is_not_kept(station, county):
    """County at v2 from another PC; ours v2 (stale) and v3 saved meanwhile (applied): nothing
    for a person."""
    ctx = station.ctx
    visit, _ = register_visit(ctx, sample_visit(2))
    SyncEngine(ctx).run_cycle()
    county_holds(county, "visit", visit.visit_id, 2)
    edit_visit(ctx, visit.visit_id, "东关村幸福路20号")
    with ctx.db.read_core() as conn:
        real = open_transport(ctx, sync_state.read_all(conn))

    class EditWhileSending:
        """The clerk saves v3 while v2 is on the wire (queued together, v2 would be coalesced)."""

        def __getattr__(self, name):
            return getattr(real, name)

        def push(self, body):
            answer = real.push(body)
            if not getattr(self, "edited", False):
                self.edited = True
                edit_visit(ctx, visit.visit_id, "东关村幸福路22号")
            return answer

    report = SyncEngine(ctx, transport=EditWhileSending()).run_cycle()
    real.close()
    assert report.stale == 1 and report.applied == 1 and report.rejects_open == 0
    assert open_rows(ctx) == []
    assert county_record(county, "visit", visit.visit_id)[0] == 3
    assert_converged(ctx, county)


def test_a_stale_case_is_flagged_listed_every_time_and_resent_above_the_newest(station, county):
    """A stale case is flagged for review AND listed; a second stale version (the county moved
    on again) is listed too, not swallowed by the flag; 重新上传 raises the case above the
    newest county version any of its rejects names, clears the flag, and check sees no
    tampering. 忽略 of another case's conflict clears its flag as well."""
    ctx = station.ctx
    for i in (3, 7, 8):
        register_visit(ctx, sample_visit(i))
    SyncEngine(ctx).run_cycle()
    with ctx.db.read_core() as conn:
        case_id, other_id = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT id FROM case_record WHERE status = 'pending' ORDER BY id LIMIT 2"
            )
        ]
    county_holds(county, "case_record", case_id, 9)
    county_holds(county, "case_record", other_id, 9)
    case_actions.record_progress(ctx, case_id, "已电话联系承办单位")
    case_actions.record_progress(ctx, other_id, "已电话联系承办单位")
    report = SyncEngine(ctx).run_cycle()
    assert report.stale == 2 and sorted(report.needs_review) == sorted([case_id, other_id])
    county_holds(county, "case_record", case_id, 12)
    case_actions.record_progress(ctx, case_id, "承办单位已到现场查看")
    again = SyncEngine(ctx).run_cycle()
    assert again.stale == 1 and again.needs_review == []  # flagged already, but listed
    mine = [r for r in open_rows(ctx) if r[2] == case_id]
    assert [r[3] for r in mine] == ["stale", "stale"]
    assert [json.loads(r[4]) for r in mine] == [{"row_version": 9}, {"row_version": 12}]

    case_no = county_record(county, "case_record", case_id)[1]["case_no"]
    assert case_detail(ctx, case_no).needs_review  # the case view says so
    rejects.resend(ctx, mine[0][0])  # the older one: the bump must still pass 12
    assert not case_detail(ctx, case_no).needs_review
    with ctx.db.read_core() as conn:
        version, flag = conn.exec_driver_sql(
            "SELECT row_version, needs_review FROM case_record WHERE id = ?", (case_id,)
        ).one()
    assert version == 13 and flag == 0
    report = SyncEngine(ctx).run_cycle()
    assert report.applied == 1 and report.stale == 0
    assert county_record(county, "case_record", case_id)[0] == 13

    (other,) = [r for r in open_rows(ctx) if r[2] == other_id]
    rejects.dismiss(ctx, other[0], "县级的版本正确")
    with ctx.db.read_core() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT needs_review FROM case_record WHERE id = ?", (other_id,)
            ).scalar_one()
            == 0
        )
        assert changed_outside(conn) == []
    assert open_rows(ctx) == []


def test_a_stale_deputy_edited_through_the_roster_is_kept_and_resent(station, county):
    """Not only visits: a deputy saved in the roster, stale on the county, is kept and resent."""
    from stationdesk.services.roster import get_deputy, save_deputy
    from tests.services.roster_factories import deputy_input

    ctx = station.ctx
    deputy_id, _ = save_deputy(ctx, deputy_input("李建国"))
    SyncEngine(ctx).run_cycle()
    county_holds(county, "deputy", deputy_id, 5)
    version = get_deputy(ctx, deputy_id).summary.row_version
    save_deputy(ctx, deputy_input("李建国", unit="镇政府"), deputy_id, expected_version=version)
    assert SyncEngine(ctx).run_cycle().rejects_open == 1
    (row,) = open_rows(ctx)
    assert row[1:4] == ("deputy", deputy_id, "stale")
    assert "李建国" in rejects.list_open(ctx)[0].record  # a deputy's name is public
    rejects.resend(ctx, row[0])
    SyncEngine(ctx).run_cycle()
    version, payload = county_record(county, "deputy", deputy_id)
    assert version == 6 and payload["unit"] == "镇政府"
    assert_converged(ctx, county)


def _county_origin_event(ctx, case_id: str) -> str:
    """A case_event row claiming origin county, written here: the county refuses it."""
    event_id = new_id()
    with ctx.db.write_core() as conn:
        station_id, device = conn.exec_driver_sql("SELECT id, device_id FROM station").one()
        conn.exec_driver_sql(
            "INSERT INTO case_event (id, station_id, created_by_device, created_at, case_id, kind, "
            "occurred_at, occurred_on, origin, actor_id, payload) VALUES "
            "(?, ?, ?, '2026-03-05T09:00:00.000+08:00', ?, 'progress', "
            "'2026-03-05T09:00:00.000+08:00', '2026-03-05', 'county', NULL, '{\"note\":\"x\"}')",
            (event_id, station_id, device, case_id),
        )
    return event_id


def test_a_refused_event_dismissed_with_a_note_is_resolved_audited_and_not_resent(station, county):
    """county_owned event → dismiss needs a note (field error) → resolved, audited, never sent."""
    ctx = station.ctx
    visit, _ = register_visit(ctx, sample_visit(4))
    event_id = _county_origin_event(ctx, visit.cases[1].id)
    report = SyncEngine(ctx).run_cycle()
    assert report.rejected == 1
    (row,) = open_rows(ctx)
    assert row[1:4] == ("case_event", event_id, "county_owned")
    (info,) = rejects.list_open(ctx)
    assert info.record.endswith(visit.cases[1].case_no) and info.can_resend

    for blank in ("", "   "):
        with pytest.raises(ValidationError) as err:
            rejects.dismiss(ctx, row[0], blank)
        assert (err.value.code, err.value.field) == ("required", "note")
    assert len(open_rows(ctx)) == 1  # nothing changed by the refusal

    rejects.dismiss(ctx, row[0], "已与县人大代表工委核对，这条由县级填写")
    assert open_rows(ctx) == []
    record_id, detail, reason = last_audit(ctx, "sync.reject_dismissed")
    assert record_id == event_id and reason == "已与县人大代表工委核对，这条由县级填写"
    assert (
        json.loads(detail)["change_id"] == row[0] and json.loads(detail)["code"] == "county_owned"
    )
    assert SyncEngine(ctx).run_cycle().pushed == 0 and outbox_count(ctx) == 0
    assert ("case_event", event_id) not in server_rows(county)
    with pytest.raises(SyncError) as err:
        rejects.dismiss(ctx, row[0], "再点一次")
    assert err.value.code == "sync_reject_resolved"


def test_a_refused_event_resent_is_queued_again_from_its_table(station, county):
    """resend of an event: requeued from the capture trigger (the county refuses it again)."""
    ctx = station.ctx
    visit, _ = register_visit(ctx, sample_visit(5))
    event_id = _county_origin_event(ctx, visit.cases[1].id)
    SyncEngine(ctx).run_cycle()
    (row,) = open_rows(ctx)
    assert rejects.resend(ctx, row[0]) == 1
    with ctx.db.read_core() as conn:
        queued = conn.exec_driver_sql(
            "SELECT entity_id, op, change_id FROM sync_outbox WHERE entity = 'case_event'"
        ).all()
    assert [(q[0], q[1]) for q in queued] == [(event_id, "event")] and queued[0][2] != row[0]
    assert SyncEngine(ctx).run_cycle().rejected == 1  # refused again: a new reject, kept
    assert [r[2] for r in open_rows(ctx)] == [event_id]


def test_resend_and_dismiss_refuse_unknown_foreign_and_missing_rows(station, county):
    """Unknown id, a table the station does not sync, a row no longer here: each its own code."""
    ctx = station.ctx
    for call in (lambda: rejects.resend(ctx, "nope"), lambda: rejects.dismiss(ctx, "nope", "x")):
        with pytest.raises(SyncError) as err:
            call()
        assert err.value.code == "sync_reject_not_found"
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sync_rejects (change_id, entity, entity_id, payload, code, rejected_at) "
            "VALUES ('c1', 'category', 'cat-1', '{}', 'county_owned', '2026-03-05T09:00:00'), "
            "('c2', 'visit', 'gone-1', '{\"row_version\": 2}', 'stale', '2026-03-05T09:00:01')"
        )
    listed = {i.change_id: i for i in rejects.list_open(ctx)}
    assert not listed["c1"].can_resend and not listed["c2"].can_resend
    with pytest.raises(SyncError) as err:
        rejects.resend(ctx, "c1")
    assert err.value.code == "sync_reject_not_resendable"
    with pytest.raises(SyncError) as err:
        rejects.resend(ctx, "c2")
    assert err.value.code == "sync_reject_row_gone"
    assert len(open_rows(ctx)) == 2  # refused: nothing resolved
    rejects.dismiss(ctx, "c2", "本机已按保存期限清除")
    assert [r[0] for r in open_rows(ctx)] == ["c1"]


def test_reconcile_does_not_send_again_a_version_a_person_dismissed(station, county):
    """A visit whose current version is too large was refused and dismissed: the daily
    reconcile sees the county at an older version but does not queue it again (that would
    bring the same refusal back every day); 重新上传 by a person still can."""
    ctx = station.ctx
    visit, _ = register_visit(ctx, sample_visit(6))
    SyncEngine(ctx).run_cycle()
    edit_visit(ctx, visit.visit_id, "很长的地址" * 120_000)
    assert SyncEngine(ctx).run_cycle().rejected == 1
    (row,) = open_rows(ctx)
    assert row[3] == "too_large"
    rejects.dismiss(ctx, row[0], "地址录入错误，已与县级说明")
    with ctx.db.write_core() as conn:
        sync_state.write(conn, {sync_state.RECONCILE_DUE: 1})
    report = SyncEngine(ctx).run_cycle()
    assert report.reconciled and report.requeued == 0 and report.rejected == 0
    assert open_rows(ctx) == [] and outbox_count(ctx) == 0
