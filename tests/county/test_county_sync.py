"""Hello, push, pull and reconcile against SQLite and PostgreSQL (in process)."""

import json
import uuid

from stationdesk.county import county_events
from stationdesk.county.db import new_epoch
from stationdesk.domain.sync_buckets import buckets
from tests.county.conftest import headers
from tests.county.payloads import batch, case, case_event, change, visit

UID = "0190aaaa-0000-7000-8000-000000000001"


def push(county, token, changes, **kw):
    return county.client.post(
        "/api/sync/v1/push", json=batch(changes, **kw), headers=headers(token)
    )


def test_hello_shape(county):
    """hello answers time, epoch, protocols, limits and the device's last acked local seq."""
    token = county.station("st-01")
    r = county.client.get("/api/sync/v1/hello", headers=headers(token))
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"server_time", "epoch", "protocols", "limits", "device", "message"}
    assert body["protocols"] == [1]
    assert body["limits"] == {"max_batch": 200, "max_bytes": 524288}
    assert body["device"] == {"last_acked_local_seq": 0}
    assert body["server_time"].endswith("Z")


def test_unknown_and_revoked_tokens_are_401(county):
    """No token, a wrong token and a revoked token all get 401."""
    from stationdesk.county import admin

    assert county.client.get("/api/sync/v1/hello").status_code == 401
    bad = county.client.get("/api/sync/v1/hello", headers=headers("x" * 43))
    assert bad.status_code == 401 and bad.json() == {"error": "unauthorized"}
    admin.add_station(county.engine, "st-02", "二站")
    device_id, token = admin.add_device(county.engine, "st-02")
    assert county.client.get("/api/sync/v1/hello", headers=headers(token)).status_code == 200
    admin.revoke_device(county.engine, device_id)
    assert county.client.get("/api/sync/v1/hello", headers=headers(token)).status_code == 401


def test_protocol_unsupported_is_409(county):
    """A protocol version the server does not speak is 409 protocol_unsupported."""
    token = county.station("st-01")
    h = headers(token) | {"X-Stationdesk-Protocol": "7"}
    r = county.client.get("/api/sync/v1/hello", headers=h)
    assert r.status_code == 409 and r.json()["error"] == "protocol_unsupported"


def test_push_applied_duplicate_stale_key_reuse_rejected(county):
    """One batch gives each per-item status of §3.4; a replay answers duplicate with the same seq."""
    token = county.station("st-01")
    v1 = visit(UID)
    first = change("visit", v1["id"], v1, seq=1)
    r = push(county, token, [first], station_id=UID)
    assert r.status_code == 200, r.text
    (res,) = r.json()["results"]
    assert res["status"] == "applied" and res["server_seq"] >= 1
    seq1 = res["server_seq"]

    v2 = dict(v1, row_version=2, visitor_name="李明明")
    newer = change("visit", v1["id"], v2, row_version=2, seq=2)
    older = change("visit", v1["id"], dict(v1, visitor_name="旧"), row_version=1, seq=3)
    reused = dict(first, payload_sha256="0" * 64)
    county_row = change("category", "c1", {"id": "c1", "name": "类别"}, seq=4)
    station_event = case_event(UID, str(uuid.uuid4()))
    ev = change("case_event", station_event["id"], station_event, op="event", seq=5)
    forged = case_event(UID, str(uuid.uuid4()), kind="county_reply", origin="county")
    ev_forged = change("case_event", forged["id"], forged, op="event", seq=6)
    r = push(county, token, [first, newer, older, reused, county_row, ev, ev_forged])
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"batch_id", "server_time", "epoch", "results"}
    results = body["results"]
    assert [x["status"] for x in results] == [
        "duplicate",
        "applied",
        "stale",
        "key_reuse",
        "rejected",
        "applied",
        "rejected",
    ]
    assert results[0]["server_seq"] == seq1 and results[0]["duplicate"] is True
    assert results[2]["current"] == {"row_version": 2}
    assert results[4]["error"]["code"] == "county_owned"
    assert results[6]["error"]["code"] == "county_owned"
    hello = county.client.get("/api/sync/v1/hello", headers=headers(token)).json()
    assert hello["device"]["last_acked_local_seq"] == 6

    # the whole batch again: every item is a replay with the stored answer
    again = push(county, token, [newer, older, ev]).json()["results"]
    assert [x["status"] for x in again] == ["duplicate", "stale", "duplicate"]
    assert again[0]["server_seq"] == results[1]["server_seq"]


def test_pull_pages_in_server_seq_order(county):
    """Pull returns the station's changes in server_seq order, in pages, with next_cursor."""
    token = county.station("st-01")
    rows = [visit(UID) for _ in range(7)]
    push(county, token, [change("visit", v["id"], v) for v in rows], station_id=UID)
    seen, cursor, pages = [], 0, 0
    while True:
        r = county.client.get(
            "/api/sync/v1/pull", params={"cursor": cursor, "limit": 3}, headers=headers(token)
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body) == {"epoch", "changes", "next_cursor", "has_more"}
        seen += body["changes"]
        pages += 1
        if body["changes"]:
            assert body["next_cursor"] == max(c["server_seq"] for c in body["changes"])
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    assert pages == 3
    assert [c["entity_id"] for c in seen] == [v["id"] for v in rows]
    seqs = [c["server_seq"] for c in seen]
    assert seqs == sorted(seqs)
    assert seen[0]["payload"]["visitor_name"] == "李明"


def test_pull_epoch_changed(county):
    """A cursor ahead of the server, or another epoch, is 409 epoch_changed."""
    token = county.station("st-01")
    hello = county.client.get("/api/sync/v1/hello", headers=headers(token)).json()
    ahead = county.client.get("/api/sync/v1/pull", params={"cursor": 999}, headers=headers(token))
    assert ahead.status_code == 409 and ahead.json()["error"] == "epoch_changed"
    ok = county.client.get(
        "/api/sync/v1/pull", params={"cursor": 0, "epoch": hello["epoch"]}, headers=headers(token)
    )
    assert ok.status_code == 200
    fresh = new_epoch(county.engine)
    assert fresh != hello["epoch"]
    old = county.client.get(
        "/api/sync/v1/pull", params={"cursor": 0, "epoch": hello["epoch"]}, headers=headers(token)
    )
    assert old.status_code == 409 and old.json() == {"error": "epoch_changed", "epoch": fresh}


def test_county_reply_reaches_the_station(county):
    """A department's reply on a pushed case comes back by pull as an origin-county case_event."""
    token = county.station("st-01")
    c = case(UID, "ST01-2026-000001")
    push(county, token, [change("case_record", c["id"], c)], station_id=UID)
    county_events.put_department(county.engine, "st-01", "县住建局")
    event_id, seq = county_events.reply(
        county.engine, "ST01-2026-000001", "县住建局", "已安排维修，三日内完成"
    )
    county_events.refer(county.engine, "ST01-2026-000001", "县住建局")
    body = county.client.get("/api/sync/v1/pull", headers=headers(token)).json()
    by_entity = [(c["entity"], c["op"], c["origin"]) for c in body["changes"]]
    assert by_entity == [
        ("case_record", "put", "station"),
        ("department", "put", "county"),
        ("case_event", "event", "county"),
        ("case_event", "event", "county"),
    ]
    reply = body["changes"][2]
    assert reply["entity_id"] == event_id and reply["server_seq"] == seq
    p = reply["payload"]
    assert p["kind"] == "county_reply" and p["origin"] == "county" and p["case_id"] == c["id"]
    assert p["station_id"] == UID
    import json

    inner = json.loads(p["payload"])
    assert inner["reply"] == "已安排维修，三日内完成" and inner["department"] == "县住建局"
    assert inner["department_id"] == body["changes"][1]["entity_id"]
    referral = json.loads(body["changes"][3]["payload"]["payload"])
    assert body["changes"][3]["payload"]["kind"] == "assigned"
    assert referral["department_id"] == inner["department_id"]


def test_reconcile_finds_the_differing_bucket(county):
    """Reconcile names only the bucket that differs, and lists its ids and versions."""
    token = county.station("st-01")
    rows = [visit(UID) for _ in range(4)]
    push(county, token, [change("visit", v["id"], v) for v in rows], station_id=UID)
    local = [("visit", v["id"], 1, v["created_at"]) for v in rows]
    local.append(("visit", str(uuid.uuid4()), 1, "2026-03-05T00:00:00Z"))  # not yet on the server
    local.append(("grid", str(uuid.uuid4()), 1, "2026-01-05T00:00:00Z"))
    mine = buckets(local)
    same = buckets(local[:4])
    body = {
        "buckets": [
            {"entity": b.entity, "month": b.month, "count": b.count, "xor": b.xor}
            for b in same.values()
        ]
    }
    r = county.client.post("/api/sync/v1/reconcile", json=body, headers=headers(token)).json()
    assert r["differ"] == []
    body["buckets"] = [
        {"entity": b.entity, "month": b.month, "count": b.count, "xor": b.xor}
        for b in mine.values()
    ]
    body["ids"] = [{"entity": "visit", "month": "2026-03"}]
    r = county.client.post("/api/sync/v1/reconcile", json=body, headers=headers(token)).json()
    assert [(d["entity"], d["month"]) for d in r["differ"]] == [
        ("grid", "2026-01"),
        ("visit", "2026-03"),
    ]
    assert r["differ"][1]["server"]["count"] == 4
    assert sorted(i["id"] for i in r["ids"][0]["items"]) == sorted(v["id"] for v in rows)


def test_blob_upload_is_idempotent_and_checked(county):
    """A blob is stored under its sha256 once (201 then 200); a wrong hash is refused."""
    import hashlib

    token = county.station("st-01")
    data = b"\xff\xd8\xff" + b"photo" * 1000
    sha = hashlib.sha256(data).hexdigest()
    url = f"/api/sync/v1/blobs/{sha}"
    h = headers(token) | {"Content-Type": "application/octet-stream"}
    assert county.client.put(url, content=data, headers=h).status_code == 201
    assert county.client.put(url, content=data, headers=h).status_code == 200
    assert county.client.get(url, headers=headers(token)).content == data
    wrong = county.client.put(f"/api/sync/v1/blobs/{'0' * 64}", content=data, headers=h)
    assert wrong.status_code == 422 and wrong.json()["error"] == "sha256_mismatch"


def test_same_change_twice_in_one_batch(county):
    """A change repeated inside one batch is applied once and answered duplicate the second time."""
    token = county.station("st-01")
    v = visit(UID)
    c = change("visit", v["id"], v)
    results = push(county, token, [c, c], station_id=UID).json()["results"]
    assert [x["status"] for x in results] == ["applied", "duplicate"]
    assert results[0]["server_seq"] == results[1]["server_seq"]


def test_one_batch_judges_each_change_against_the_ones_before_it(county):
    """Within a batch: v2 then v3 of a new record both apply (the row ends at v3), a v2 after them
    is stale naming v3's seq, a repeated change_id with other bytes is key_reuse, an event sent
    twice under two change ids is a duplicate of the first; seqs are consecutive and the pull
    sees each record once at its final version."""
    token = county.station("st-01")
    old = visit(UID)
    push(county, token, [change("visit", old["id"], old)], station_id=UID)
    v = visit(UID)
    v2 = change("visit", v["id"], dict(v, row_version=2), row_version=2)
    v3 = change("visit", v["id"], dict(v, row_version=3, visitor_name="王芳"), row_version=3)
    late = change("visit", v["id"], dict(v, row_version=2, visitor_name="旧"), row_version=2)
    upd = change("visit", old["id"], dict(old, row_version=2, visitor_name="张伟"), row_version=2)
    reused = dict(v2, payload_sha256="f" * 64)
    e = case_event(UID, str(uuid.uuid4()))
    e1 = change("case_event", e["id"], e, op="event")
    e2 = change("case_event", e["id"], e, op="event")
    long_delete = dict(old, row_version=3, deleted_at="2026-03-04T09:00:00.000+08:00" * 3)
    bad = change("visit", old["id"], long_delete, op="delete", row_version=3)
    results = push(county, token, [v2, v3, late, upd, reused, e1, e2, bad]).json()["results"]
    assert [x["status"] for x in results] == [
        "applied", "applied", "stale", "applied", "key_reuse", "applied", "duplicate", "rejected"
    ]  # fmt: skip
    seqs = [results[i]["server_seq"] for i in (0, 1, 3, 5)]
    assert seqs == list(range(seqs[0], seqs[0] + 4))  # one allocation, in batch order
    assert results[2]["server_seq"] == results[1]["server_seq"]
    assert results[2]["current"] == {"row_version": 3}
    assert results[6]["server_seq"] == results[5]["server_seq"]
    assert results[7]["error"]["code"] == "invalid_payload"
    pulled = county.client.get("/api/sync/v1/pull", headers=headers(token)).json()["changes"]
    by_id = {(c["entity"], c["entity_id"]): c for c in pulled}
    assert len(pulled) == len(by_id) == 3
    assert by_id[("visit", v["id"])]["row_version"] == 3
    assert by_id[("visit", v["id"])]["payload"]["visitor_name"] == "王芳"
    assert by_id[("visit", v["id"])]["server_seq"] == results[1]["server_seq"]
    assert by_id[("visit", old["id"])]["payload"]["visitor_name"] == "张伟"
    assert by_id[("visit", old["id"])]["server_seq"] == results[3]["server_seq"]
    # the same batch again: every answer replayed from the receipts, nothing written
    again = push(county, token, [v2, v3, late, upd, e1, e2, bad]).json()["results"]
    assert [x["status"] for x in again] == [
        "duplicate", "duplicate", "stale", "duplicate", "duplicate", "duplicate", "rejected"
    ]  # fmt: skip
    after = county.client.get("/api/sync/v1/pull", headers=headers(token)).json()["changes"]
    assert after == pulled


def test_values_a_database_cannot_store_are_refused_per_change_not_per_batch(county):
    """Values PostgreSQL cannot store (NUL, a lone surrogate, 2**31 in INTEGER, a 100-character
    hash in VARCHAR(64)) are refused one change at a time with a code; the good change in the
    same batch is applied and the batch does not fail (a failing batch would be retried forever)."""
    token = county.station("st-01")

    def put(**fields):
        v = visit(UID)
        c = change("visit", v["id"], v)
        c["payload"].update(fields.pop("payload", {}))  # after hashing: \ud800 cannot be encoded
        c.update(fields)
        if "entity_id" in fields:
            c["payload"]["id"] = fields["entity_id"]
        return c

    good = put()
    bad = [
        put(payload_sha256="a" * 100),
        put(row_version=2**31),
        put(entity_id="v-\x00-1"),
        put(payload={"visitor_name": "李\x00明"}),
        put(payload={"visitor_name": "李\ud800明"}),
        put(payload={"deleted_at": "2026-03-04T09:00:00+08:00" * 3}),
    ]
    body = batch([good, *bad], station_id=UID)
    body["changes"][1]["seq"] = 2**63  # out of BIGINT: ignored, not stored
    raw = json.dumps(body, ensure_ascii=True).encode()  # \u0000 and \ud800 as JSON escapes
    r = county.client.post(
        "/api/sync/v1/push",
        content=raw,
        headers=headers(token) | {"Content-Type": "application/json"},
    )
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["applied"] + ["rejected"] * 6
    assert [x["error"]["code"] for x in results[1:]] == [
        "invalid_payload_sha256", "invalid_row_version", "invalid_entity_id",
        "invalid_payload", "invalid_payload", "invalid_payload",
    ]  # fmt: skip
    again = county.client.post(
        "/api/sync/v1/push",
        content=raw,
        headers=headers(token) | {"Content-Type": "application/json"},
    ).json()["results"]
    assert [x["status"] for x in again] == ["duplicate"] + ["rejected"] * 6
