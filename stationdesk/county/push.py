"""Push: apply one batch of a station's changes in one transaction (§3.4)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from stationdesk.county.auth import Caller
from stationdesk.county.db import current_epoch, lock_station, utc_now
from stationdesk.county.entities import COUNTY_ROWS, STATION_EVENTS, STATION_ROWS
from stationdesk.county.errors import CountyError
from stationdesk.county.feed import next_seq
from stationdesk.county.models import ChangeReceipt, Device, Record, SecurityEvent, Station
from stationdesk.domain.sync_buckets import bucket_month

log = logging.getLogger("stationdesk.county")

_MAX_ID = 64


@dataclass(frozen=True, slots=True)
class Change:
    """One change of a push body, checked for shape (not yet for meaning)."""

    change_id: str
    seq: int | None
    entity: str
    entity_id: str
    op: str
    row_version: object
    payload: object
    payload_sha256: str


def _text(value: object, limit: int = _MAX_ID) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= limit else None


def parse_batch(body: object, max_batch: int) -> tuple[dict[str, Any], list[Change]]:
    """The envelope and its changes; a malformed envelope is a 422, an oversized one a 413."""
    if not isinstance(body, dict) or not isinstance(body.get("changes"), list):
        raise CountyError("invalid_batch", 422)
    raw = body["changes"]
    if len(raw) > max_batch:
        raise CountyError("too_large", 413, max_batch=max_batch)
    changes = []
    for item in raw:
        if not isinstance(item, dict):
            raise CountyError("invalid_batch", 422)
        change_id = _text(item.get("change_id"))
        digest = _text(item.get("payload_sha256"), 128)
        if change_id is None or digest is None:
            raise CountyError("invalid_batch", 422)
        payload = item.get("payload")
        if isinstance(payload, str):  # a client may send the outbox text as it is
            try:
                payload = json.loads(payload)
            except ValueError:
                payload = None
        seq = item.get("seq")
        changes.append(
            Change(
                change_id=change_id,
                seq=seq if isinstance(seq, int) and not isinstance(seq, bool) else None,
                entity=str(item.get("entity") or ""),
                entity_id=str(item.get("entity_id") or ""),
                op=str(item.get("op") or ""),
                row_version=item.get("row_version"),
                payload=payload,
                payload_sha256=digest,
            )
        )
    return body, changes


def check_station(
    engine: Engine, caller: Caller, body: dict[str, Any], changes: list[Change]
) -> None:
    """Every station id in the batch must be the token's station; learn its own id once.

    A mismatch is logged (never with the token) and refused with 422 before anything is written.
    """
    claimed = set()
    if body.get("station_id") is not None:
        claimed.add(str(body["station_id"]))
    for change in changes:
        if isinstance(change.payload, dict) and change.payload.get("station_id") is not None:
            claimed.add(str(change.payload["station_id"]))
    claimed.discard(caller.station_code)
    with Session(engine) as s, s.begin():
        station = s.get(Station, caller.station_code)
        uid = station.uid if station is not None else None
        if not claimed or claimed == {uid}:
            return
        if uid is None and len(claimed) == 1 and station is not None:
            (new_uid,) = claimed
            taken = s.query(Station).filter(Station.uid == new_uid).first()
            if taken is None:
                station.uid = new_uid
                return
    _security_event(engine, caller, "station_mismatch", sorted(claimed)[:5])
    raise CountyError("station_mismatch", 422)


def _security_event(engine: Engine, caller: Caller, kind: str, detail: object) -> None:
    log.warning("refused %s: station %s device %s", kind, caller.station_code, caller.device_id)
    with Session(engine) as s, s.begin():
        s.add(
            SecurityEvent(
                at=utc_now(),
                station_code=caller.station_code,
                device_id=caller.device_id,
                kind=kind,
                detail=json.dumps(detail, ensure_ascii=False)[:2000],
            )
        )


def _rejected(change: Change, code: str) -> dict[str, Any]:
    return {"change_id": change.change_id, "status": "rejected", "error": {"code": code}}


def _validate(change: Change) -> str | None:
    """The rejection code of a change, or None when it may be applied."""
    if change.op not in {"put", "delete", "event"}:
        return "invalid_op"
    if change.entity in COUNTY_ROWS:
        return "county_owned"
    if change.entity not in STATION_ROWS and change.entity not in STATION_EVENTS:
        return "unknown_entity"
    if _text(change.entity_id) is None:
        return "invalid_entity_id"
    if not isinstance(change.payload, dict):
        return "invalid_payload"
    if change.payload.get("id", change.entity_id) != change.entity_id:
        return "id_mismatch"
    if (change.entity in STATION_EVENTS) != (change.op == "event"):
        return "invalid_op"
    if change.entity == "case_event" and change.payload.get("origin", "station") != "station":
        return "county_owned"
    if change.op != "event":
        version = change.row_version
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            return "invalid_row_version"
    return None


def _apply(s: Session, caller: Caller, change: Change, now: str) -> dict[str, Any]:
    code = _validate(change)
    if code is not None:
        return _rejected(change, code)
    assert isinstance(change.payload, dict)
    payload = change.payload
    key = (caller.station_code, change.entity, change.entity_id)
    existing = s.get(Record, key)
    if change.op == "event":
        if existing is not None:
            return {
                "change_id": change.change_id,
                "status": "duplicate",
                "duplicate": True,
                "server_seq": existing.server_seq,
            }
        version = None
    else:
        assert isinstance(change.row_version, int)
        version = change.row_version
        if existing is not None and (existing.row_version or 0) >= version:
            return {
                "change_id": change.change_id,
                "status": "stale",
                "server_seq": existing.server_seq,
                "current": {"row_version": existing.row_version},
            }
    seq = next_seq(s)
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    deleted_at = payload.get("deleted_at")
    case_no = payload.get("case_no") if change.entity == "case_record" else None
    fields = {
        "op": change.op,
        "origin": "station",
        "row_version": version,
        "server_seq": seq,
        "deleted_at": str(deleted_at) if deleted_at else None,
        "month": bucket_month(payload.get("created_at")),
        "case_no": str(case_no)[:40] if case_no else None,
        "device_id": caller.device_id,
        "payload": text,
        "received_at": now,
    }
    if existing is None:
        s.add(Record(station_code=key[0], entity=key[1], id=key[2], **fields))
    else:
        for name, value in fields.items():
            setattr(existing, name, value)
    s.flush()
    return {"change_id": change.change_id, "status": "applied", "server_seq": seq}


def _replay(receipt: ChangeReceipt, change: Change) -> dict[str, Any]:
    if receipt.payload_sha256 != change.payload_sha256:
        return {
            "change_id": change.change_id,
            "status": "key_reuse",
            "error": {"code": "key_reuse"},
        }
    result: dict[str, Any] = json.loads(receipt.result_json)
    if result.get("status") == "applied":
        result["status"] = "duplicate"
    result["duplicate"] = True
    return result


def apply_batch(
    engine: Engine, caller: Caller, body: dict[str, Any], changes: list[Change]
) -> dict[str, Any]:
    """Apply the changes and COMMIT; only then is the response (per-item results) returned."""
    now = utc_now()
    results = []
    with Session(engine) as s, s.begin():
        lock_station(s, caller.station_code)
        for change in changes:
            receipt = s.get(ChangeReceipt, (caller.station_code, change.change_id))
            if receipt is not None:
                results.append(_replay(receipt, change))
                continue
            with s.begin_nested():
                result = _apply(s, caller, change, now)
                s.add(
                    ChangeReceipt(
                        station_code=caller.station_code,
                        change_id=change.change_id,
                        payload_sha256=change.payload_sha256,
                        status=result["status"],
                        server_seq=result.get("server_seq"),
                        result_json=json.dumps(result, ensure_ascii=False),
                        device_id=caller.device_id,
                        received_at=now,
                    )
                )
            results.append(result)
        device = s.get(Device, caller.device_id)
        if device is not None:
            client_device = _text(body.get("device_id"))
            if client_device is not None:
                device.client_device_id = client_device
            seqs = [c.seq for c in changes if c.seq is not None]
            if seqs:
                device.last_acked_local_seq = max(device.last_acked_local_seq or 0, max(seqs))
            device.last_seen = now
            device.first_seen = device.first_seen or now
        epoch = current_epoch(s)
    return {
        "batch_id": body.get("batch_id"),
        "server_time": utc_now(),
        "epoch": epoch,
        "results": results,
    }
