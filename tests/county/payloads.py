"""Station-shaped changes for the county tests (the outbox rows' shape: full-row JSON payloads)."""

from __future__ import annotations

import hashlib
import json
import uuid


def change(entity, entity_id, payload, op="put", row_version=1, seq=None):
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return {
        "change_id": uuid.uuid4().hex,
        "seq": seq,
        "entity": entity,
        "entity_id": entity_id,
        "op": op,
        "row_version": None if op == "event" else row_version,
        "payload": payload,
        "payload_sha256": hashlib.sha256(text.encode()).hexdigest(),
    }


def visit(station_uid, name="李明", phone="13812345678", row_version=1, visit_id=None):
    vid = visit_id or str(uuid.uuid4())
    return {
        "id": vid,
        "station_id": station_uid,
        "created_by_device": "dev-local",
        "row_version": row_version,
        "server_seq": None,
        "deleted_at": None,
        "created_at": "2026-03-02T09:00:00.000Z",
        "updated_at": "2026-03-02T09:00:00.000Z",
        "visitor_name": name,
        "visitor_phone": phone,
    }


def case(station_uid, case_no, case_id=None, content="路灯坏了"):
    cid = case_id or str(uuid.uuid4())
    return {
        "id": cid,
        "station_id": station_uid,
        "created_by_device": "dev-local",
        "row_version": 1,
        "server_seq": None,
        "deleted_at": None,
        "created_at": "2026-03-02T09:00:00.000Z",
        "updated_at": "2026-03-02T09:00:00.000Z",
        "case_no": case_no,
        "content": content,
    }


def case_event(station_uid, case_id, kind="progress", origin="station", note="已联系"):
    eid = str(uuid.uuid4())
    return {
        "id": eid,
        "station_id": station_uid,
        "created_by_device": "dev-local",
        "server_seq": None,
        "created_at": "2026-03-03T09:00:00.000Z",
        "case_id": case_id,
        "kind": kind,
        "occurred_at": "2026-03-03T17:00:00+08:00",
        "occurred_on": "2026-03-03",
        "origin": origin,
        "actor_id": None,
        "payload": json.dumps({"note": note}, ensure_ascii=False),
    }


def batch(changes, station_id=None, device_id="d-local"):
    return {
        "station_id": station_id,
        "device_id": device_id,
        "batch_id": str(uuid.uuid4()),
        "client_time": "2026-03-03T09:00:00Z",
        "clock_offset_s": 0,
        "changes": changes,
    }
