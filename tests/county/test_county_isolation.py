"""Two stations: A's token cannot read or write B's records through any endpoint."""

import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from stationdesk.county.models import SecurityEvent
from tests.county.conftest import headers
from tests.county.payloads import batch, case, case_event, change, visit

UID_A = "0190aaaa-0000-7000-8000-00000000000a"
UID_B = "0190bbbb-0000-7000-8000-00000000000b"
SENTINELS = ["乙站哨兵访客", "13900009999", "SENTINEL-B-CASE", "乙站哨兵照片"]


def _pull_all(county, token):
    out, cursor = [], 0
    while True:
        r = county.client.get(
            "/api/sync/v1/pull", params={"cursor": cursor, "limit": 2}, headers=headers(token)
        )
        assert r.status_code == 200
        out += r.json()["changes"]
        cursor = r.json()["next_cursor"]
        if not r.json()["has_more"]:
            return out


def test_station_a_cannot_touch_station_b(county):
    """Every endpoint, tried with A's token on B's ids: 0 successes, 0 bytes of B's sentinels."""
    token_a = county.station("st-a", "甲站")
    token_b = county.station("st-b", "乙站")
    b_visit = visit(UID_B, name=SENTINELS[0], phone=SENTINELS[1])
    b_case = case(UID_B, SENTINELS[2], content=SENTINELS[2])
    b_photo = SENTINELS[3].encode() * 50
    b_sha = hashlib.sha256(b_photo).hexdigest()
    r = county.client.post(
        "/api/sync/v1/push",
        json=batch(
            [change("visit", b_visit["id"], b_visit), change("case_record", b_case["id"], b_case)],
            station_id=UID_B,
        ),
        headers=headers(token_b),
    )
    assert [x["status"] for x in r.json()["results"]] == ["applied", "applied"]
    assert (
        county.client.put(
            f"/api/sync/v1/blobs/{b_sha}", content=b_photo, headers=headers(token_b)
        ).status_code
        == 201
    )
    a_visit = visit(UID_A)
    county.client.post(
        "/api/sync/v1/push",
        json=batch([change("visit", a_visit["id"], a_visit)], station_id=UID_A),
        headers=headers(token_a),
    )
    b_before = _pull_all(county, token_b)

    h = headers(token_a)
    responses = []
    successes = []

    def attempt(label, response, ok):
        responses.append(response)
        if ok(response):
            successes.append(label)

    # reads
    for cursor in (0, 1):
        r = county.client.get("/api/sync/v1/pull", params={"cursor": cursor}, headers=h)
        attempt(
            "pull",
            r,
            lambda r: any(
                c["entity_id"] in {b_visit["id"], b_case["id"]} for c in r.json()["changes"]
            ),
        )
    for entity, rid in (("visit", b_visit["id"]), ("case_record", b_case["id"])):
        r = county.client.get(f"/api/sync/v1/records/{entity}/{rid}", headers=h)
        attempt("record", r, lambda r: r.status_code != 404)
    r = county.client.get(f"/api/sync/v1/blobs/{b_sha}", headers=h)
    attempt("blob", r, lambda r: r.status_code != 404)
    r = county.client.post(
        "/api/sync/v1/reconcile",
        json={"buckets": [], "ids": [{"entity": "visit", "month": "2026-03"}]},
        headers=h,
    )
    attempt(
        "reconcile",
        r,
        lambda r: any(i["id"] == b_visit["id"] for b in r.json()["ids"] for i in b["items"]),
    )
    # writes that name B: its station id at the top, in a payload, or both
    overwrite = dict(b_visit, row_version=9, visitor_name="甲站篡改")
    for body in (
        batch([change("visit", b_visit["id"], overwrite, row_version=9)], station_id=UID_B),
        batch([change("visit", b_visit["id"], overwrite, row_version=9)], station_id=UID_A),
        batch([change("visit", b_visit["id"], overwrite, row_version=9)], station_id="st-b"),
    ):
        r = county.client.post("/api/sync/v1/push", json=body, headers=h)
        attempt("push-foreign-station", r, lambda r: r.status_code != 422)
    # writes in A's own scope that reuse B's ids must not reach B
    mine = dict(b_visit, station_id=UID_A, row_version=9, visitor_name="甲站篡改")
    ev = case_event(UID_A, b_case["id"], note="甲站事件")
    r = county.client.post(
        "/api/sync/v1/push",
        json=batch(
            [
                change("visit", b_visit["id"], mine, row_version=9),
                change("case_event", ev["id"], ev, op="event"),
            ],
            station_id=UID_A,
        ),
        headers=h,
    )
    responses.append(r)
    assert r.status_code == 200
    r = county.client.put(f"/api/sync/v1/blobs/{b_sha}", content=b"x", headers=h)
    attempt("blob-overwrite", r, lambda r: r.status_code < 400)

    b_after = _pull_all(county, token_b)
    if [c["payload"] for c in b_after] != [c["payload"] for c in b_before]:
        successes.append("b-feed-changed")
    if (
        county.client.get(f"/api/sync/v1/blobs/{b_sha}", headers=headers(token_b)).content
        != b_photo
    ):
        successes.append("b-blob-changed")

    assert successes == []
    leaked = b"".join(r.content + b"".join(k + v for k, v in r.headers.raw) for r in responses)
    for sentinel in SENTINELS:
        assert sentinel.encode() not in leaked, sentinel
    assert b_photo[:30] not in leaked

    # the three foreign-station pushes were logged (device and station, never the token)
    with Session(county.engine) as s:
        events = s.execute(select(SecurityEvent)).scalars().all()
    assert [e.kind for e in events] == ["station_mismatch"] * 3
    assert {e.station_code for e in events} == {"st-a"}


def test_the_first_station_id_binds_and_others_are_refused(county):
    """A station's own id is learned once; a second id for it is 422 station_mismatch."""
    token = county.station("st-a")
    v = visit(UID_A)
    r = county.client.post(
        "/api/sync/v1/push", json=batch([change("visit", v["id"], v)]), headers=headers(token)
    )
    assert r.status_code == 200
    other = visit(str(uuid.uuid4()))
    r = county.client.post(
        "/api/sync/v1/push",
        json=batch([change("visit", other["id"], other)]),
        headers=headers(token),
    )
    assert r.status_code == 422 and r.json() == {"error": "station_mismatch"}
    # and a second station cannot claim an id already bound to the first
    token_b = county.station("st-b")
    r = county.client.post(
        "/api/sync/v1/push", json=batch([change("visit", v["id"], v)]), headers=headers(token_b)
    )
    assert r.status_code == 422
