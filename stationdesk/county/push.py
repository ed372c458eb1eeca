"""Push: apply one batch of a station's changes in one transaction (§3.4)."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.orm import Session

from stationdesk.county.auth import Caller
from stationdesk.county.db import current_epoch, lock_station, utc_now
from stationdesk.county.entities import COUNTY_ROWS, STATION_EVENTS, STATION_ROWS
from stationdesk.county.errors import CountyError
from stationdesk.county.feed import next_seq
from stationdesk.county.models import Base, Device, SecurityEvent, Station
from stationdesk.domain.sync_buckets import bucket_month

log = logging.getLogger("stationdesk.county")

_MAX_ID = 64
_MAX_INT = 2**31 - 1  # record.row_version is a 32-bit INTEGER on PostgreSQL
_MAX_BIGINT = 2**63 - 1
_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)
RECORDS = Base.metadata.tables["record"]
RECEIPTS = Base.metadata.tables["change_receipt"]


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


def _storable(text: str) -> bool:
    """Text both databases can store: no NUL (PostgreSQL refuses it) and valid UTF-8."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a \ud800 escape in the JSON
        return False
    return True


def _has_nul(value: object) -> bool:
    """A NUL anywhere in a JSON value, keys included (json.dumps would hide it as an escape)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _text(value: object, limit: int = _MAX_ID) -> str | None:
    ok = isinstance(value, str) and 0 < len(value) <= limit and _storable(value)
    return value if ok and isinstance(value, str) else None


def _digest_key(change: Change) -> str:
    """What the receipt keeps of the payload hash (64 hex; a malformed one hashed to fit)."""
    digest = change.payload_sha256
    if _SHA256.fullmatch(digest):
        return digest
    return hashlib.sha256(digest.encode("utf-8", "replace")).hexdigest()


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
        digest = item.get("payload_sha256")
        if change_id is None or not isinstance(digest, str):
            raise CountyError("invalid_batch", 422)
        payload = item.get("payload")
        if isinstance(payload, str):  # a client may send the outbox text as it is
            try:
                payload = json.loads(payload)
            except ValueError:
                payload = None
        seq = item.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq <= _MAX_BIGINT:
            seq = None
        changes.append(
            Change(
                change_id=change_id,
                seq=seq,
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
        # the row lock makes two devices binding the same station at once agree
        station = s.get(Station, caller.station_code, with_for_update=True)
        uid = station.uid if station is not None else None
        if not claimed or claimed == {uid}:
            return
        if uid is None and len(claimed) == 1 and station is not None:
            (new_uid,) = claimed
            taken = s.execute(select(Station.code).where(Station.uid == new_uid)).first()
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
    if not _SHA256.fullmatch(change.payload_sha256):
        return "invalid_payload_sha256"
    if not isinstance(change.payload, dict):
        return "invalid_payload"
    if change.payload.get("id", change.entity_id) != change.entity_id:
        return "id_mismatch"
    if (change.entity in STATION_EVENTS) != (change.op == "event"):
        return "invalid_op"
    if change.entity == "case_event" and change.payload.get("origin", "station") != "station":
        return "county_owned"
    deleted_at = change.payload.get("deleted_at")
    if deleted_at and (not isinstance(deleted_at, str) or len(deleted_at) > 40):
        return "invalid_payload"
    if change.op != "event":
        version = change.row_version
        if not isinstance(version, int) or isinstance(version, bool):
            return "invalid_row_version"
        if not 1 <= version <= _MAX_INT:
            return "invalid_row_version"
    return None


_Key = tuple[str, str]  # (entity, id) within the caller's station


@dataclass(slots=True)
class _Known:
    """What the batch knows of one record: its version and where its server_seq comes from."""

    row_version: int | None
    seq: int | None  # the stored server_seq; None while an apply of this batch owns it
    apply_no: int | None  # the ordinal of this batch's latest apply of the record
    stored: bool  # the row is in the database already (UPDATE) or not yet (INSERT)


@dataclass(slots=True)
class _Decision:
    """One change's outcome, decided before the batch's server_seqs are allocated."""

    change: Change
    status: str  # applied | duplicate | stale | rejected | replay | repeat
    code: str | None = None
    seq: int | None = None  # a stored server_seq the result names …
    apply_no: int | None = None  # … or the apply of this batch whose seq it names
    row_version: int | None = None
    receipt: tuple[str, str] | None = None  # (payload_sha256, result_json) answered before
    first: int | None = None  # a change_id repeated inside the batch: its first decision
    text: str = ""  # an applied change's payload as stored


def _load_records(s: Session, station: str, changes: list[Change]) -> dict[_Key, _Known]:
    """The batch's records as stored, in a few queries (not one per change)."""
    known: dict[_Key, _Known] = {}
    ids = list({c.entity_id for c in changes if _text(c.entity_id) is not None})
    table = RECORDS
    for i in range(0, len(ids), 500):
        rows = s.execute(
            select(table.c.entity, table.c.id, table.c.row_version, table.c.server_seq).where(
                table.c.station_code == station, table.c.id.in_(ids[i : i + 500])
            )
        )
        for entity, row_id, version, seq in rows:
            known[(str(entity), str(row_id))] = _Known(
                cast(int | None, version), cast(int, seq), None, True
            )
    return known


def _load_receipts(s: Session, station: str, changes: list[Change]) -> dict[str, tuple[str, str]]:
    """change_id → (payload_sha256, result_json) of the batch's changes answered before."""
    found: dict[str, tuple[str, str]] = {}
    ids = [c.change_id for c in changes]
    table = RECEIPTS
    for i in range(0, len(ids), 500):
        rows = s.execute(
            select(table.c.change_id, table.c.payload_sha256, table.c.result_json).where(
                table.c.station_code == station, table.c.change_id.in_(ids[i : i + 500])
            )
        )
        for change_id, digest, result in rows:
            found[str(change_id)] = (str(digest), str(result))
    return found


def _decide(
    changes: list[Change], known: dict[_Key, _Known], receipts: dict[str, tuple[str, str]]
) -> tuple[list[_Decision], list[_Decision]]:
    """Every change's outcome in batch order, and the applies among them (in seq order)."""
    decisions: list[_Decision] = []
    applies: list[_Decision] = []
    first_of: dict[str, int] = {}
    for change in changes:
        if change.change_id in receipts:
            decisions.append(_Decision(change, "replay", receipt=receipts[change.change_id]))
            continue
        if change.change_id in first_of:
            decisions.append(_Decision(change, "repeat", first=first_of[change.change_id]))
            continue
        first_of[change.change_id] = len(decisions)
        decisions.append(_judge(change, known, applies))
    return decisions, applies


def _judge(change: Change, known: dict[_Key, _Known], applies: list[_Decision]) -> _Decision:
    """A new change's outcome against the records as the batch has left them so far."""
    code = _validate(change)
    if code is not None:
        return _Decision(change, "rejected", code=code)
    text = json.dumps(change.payload, ensure_ascii=False, separators=(",", ":"))
    if _has_nul(change.payload) or not _storable(text):  # PostgreSQL stores neither
        return _Decision(change, "rejected", code="invalid_payload")
    key = (change.entity, change.entity_id)
    existing = known.get(key)
    if existing is not None and change.op == "event":
        return _Decision(change, "duplicate", seq=existing.seq, apply_no=existing.apply_no)
    version = change.row_version if change.op != "event" else None
    assert version is None or isinstance(version, int)
    if existing is not None and (existing.row_version or 0) >= (version or 0):
        return _Decision(
            change,
            "stale",
            seq=existing.seq,
            apply_no=existing.apply_no,
            row_version=existing.row_version,
        )
    decision = _Decision(change, "applied", apply_no=len(applies), row_version=version, text=text)
    applies.append(decision)
    known[key] = _Known(version, None, decision.apply_no, existing is not None and existing.stored)
    return decision


def _result(decision: _Decision, first_seq: int, decisions: list[_Decision]) -> dict[str, Any]:
    """The per-item result of one decision (the wire shapes of §3.4)."""
    change = decision.change
    seq = first_seq + decision.apply_no if decision.apply_no is not None else decision.seq
    if decision.status == "rejected":
        return _rejected(change, decision.code or "invalid_payload")
    if decision.status == "applied":
        return {"change_id": change.change_id, "status": "applied", "server_seq": seq}
    if decision.status == "duplicate":
        return {
            "change_id": change.change_id,
            "status": "duplicate",
            "duplicate": True,
            "server_seq": seq,
        }
    if decision.status == "stale":
        return {
            "change_id": change.change_id,
            "status": "stale",
            "server_seq": seq,
            "current": {"row_version": decision.row_version},
        }
    if decision.status == "repeat":
        assert decision.first is not None
        first = decisions[decision.first]
        answered = json.dumps(_result(first, first_seq, decisions), ensure_ascii=False)
        return _replay((_digest_key(first.change), answered), change)
    assert decision.receipt is not None
    return _replay(decision.receipt, change)


def _replay(receipt: tuple[str, str], change: Change) -> dict[str, Any]:
    digest, result_json = receipt
    if digest != _digest_key(change):
        return {
            "change_id": change.change_id,
            "status": "key_reuse",
            "error": {"code": "key_reuse"},
        }
    result: dict[str, Any] = json.loads(result_json)
    if result.get("status") == "applied":
        result["status"] = "duplicate"
    result["duplicate"] = True
    return result


def _allocate(s: Session, count: int) -> int:
    """The first of `count` consecutive server_seqs (0 when none are needed)."""
    return next_seq(s, count) - count + 1 if count else 0


def _record_row(caller: Caller, decision: _Decision, seq: int, now: str) -> dict[str, Any]:
    change = decision.change
    assert isinstance(change.payload, dict)
    payload = change.payload
    deleted_at = payload.get("deleted_at")
    case_no = payload.get("case_no") if change.entity == "case_record" else None
    return {
        "station_code": caller.station_code,
        "entity": change.entity,
        "id": change.entity_id,
        "op": change.op,
        "origin": "station",
        "row_version": decision.row_version,
        "server_seq": seq,
        "deleted_at": deleted_at or None,
        "month": bucket_month(payload.get("created_at")),
        "case_no": str(case_no)[:40] if case_no else None,
        "device_id": caller.device_id,
        "payload": decision.text,
        "received_at": now,
    }


def _write_records(
    s: Session,
    caller: Caller,
    known: dict[_Key, _Known],
    applies: list[_Decision],
    first: int,
    now: str,
) -> None:
    """Each applied record's final row: one executemany INSERT and one UPDATE per batch."""
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for state in known.values():
        if state.apply_no is None:
            continue
        row = _record_row(caller, applies[state.apply_no], first + state.apply_no, now)
        if state.stored:
            row.update(
                k_station=row.pop("station_code"), k_entity=row.pop("entity"), k_id=row.pop("id")
            )
            updates.append(row)
        else:
            inserts.append(row)
    table = RECORDS
    if inserts:
        s.execute(insert(table), inserts)
    if updates:
        s.execute(
            update(table).where(
                table.c.station_code == bindparam("k_station"),
                table.c.entity == bindparam("k_entity"),
                table.c.id == bindparam("k_id"),
            ),
            updates,
        )


def _store_receipts(s: Session, rows: list[dict[str, Any]]) -> None:
    """Keep what was answered for each new change_id (replays answer the same)."""
    if rows:
        s.execute(insert(RECEIPTS), rows)


def apply_changes(
    s: Session, caller: Caller, changes: list[Change], now: str, receipts: bool = True
) -> list[dict[str, Any]]:
    """Judge and write a batch inside the caller's transaction; the per-item results.

    Everything is decided in memory first, so the batch costs a handful of statements however
    long it is: the loads, one allocation of consecutive server_seqs for the applies (the
    counter row stays locked until COMMIT, which keeps the feed commit-ordered), one INSERT and
    one UPDATE of records, one INSERT of receipts. `receipts=False` is the benchmark's bare
    baseline only.
    """
    known = _load_records(s, caller.station_code, changes)
    answered = _load_receipts(s, caller.station_code, changes) if receipts else {}
    decisions, applies = _decide(changes, known, answered)
    first = _allocate(s, len(applies))
    _write_records(s, caller, known, applies, first, now)
    results = [_result(d, first, decisions) for d in decisions]
    if receipts:
        _store_receipts(
            s,
            [
                {
                    "station_code": caller.station_code,
                    "change_id": d.change.change_id,
                    "payload_sha256": _digest_key(d.change),
                    "status": result["status"],
                    "server_seq": result.get("server_seq"),
                    "result_json": json.dumps(result, ensure_ascii=False),
                    "device_id": caller.device_id,
                    "received_at": now,
                }
                for d, result in zip(decisions, results, strict=True)
                if d.status not in ("replay", "repeat")
            ],
        )
    return results


def apply_batch(
    engine: Engine, caller: Caller, body: dict[str, Any], changes: list[Change]
) -> dict[str, Any]:
    """Apply the changes and COMMIT; only then is the response (per-item results) returned."""
    now = utc_now()
    with Session(engine) as s, s.begin():
        lock_station(s, caller.station_code)
        results = apply_changes(s, caller, changes, now)
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
