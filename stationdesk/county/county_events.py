"""County-side writes: a department's reply or referral on a station's case, and reference data."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from stationdesk.county.db import lock_station, utc_now
from stationdesk.county.errors import CountyError
from stationdesk.county.feed import next_seq
from stationdesk.county.models import Record, Station
from stationdesk.domain.sync_buckets import bucket_month

_MAX_TEXT = 2000


def _find_case(s: Session, case_no: str, station_code: str | None) -> Record:
    query = select(Record).where(Record.entity == "case_record", Record.case_no == case_no)
    if station_code is not None:
        query = query.where(Record.station_code == station_code)
    found = s.execute(query).scalars().all()
    if not found or found[0].deleted_at is not None:
        raise CountyError("unknown_case", case_no=case_no)
    if len(found) > 1:
        raise CountyError("ambiguous_case", case_no=case_no)
    return found[0]


def _department(s: Session, station_code: str, name: str) -> Record | None:
    for record in s.execute(
        select(Record).where(
            Record.station_code == station_code,
            Record.entity == "department",
            Record.deleted_at.is_(None),
        )
    ).scalars():
        if json.loads(record.payload).get("name") == name:
            return record
    return None


def _put_county_record(
    s: Session, station_code: str, entity: str, op: str, row_id: str, payload: dict[str, Any]
) -> int:
    seq = next_seq(s)
    if "server_seq" in payload:
        payload["server_seq"] = seq
    fields = {
        "op": op,
        "origin": "county",
        "row_version": None,
        "server_seq": seq,
        "deleted_at": None,
        "month": bucket_month(payload.get("created_at") or payload.get("updated_at")),
        "case_no": None,
        "device_id": None,
        "payload": json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
        "received_at": utc_now(),
    }
    existing = s.get(Record, (station_code, entity, row_id))
    if existing is None:
        s.add(Record(station_code=station_code, entity=entity, id=row_id, **fields))
    else:
        for name, value in fields.items():
            setattr(existing, name, value)
    s.flush()
    return seq


def _case_event(
    engine: Engine, case_no: str, station_code: str | None, kind: str, build: Any
) -> tuple[str, int]:
    now_local = datetime.now().astimezone()
    with Session(engine) as s, s.begin():
        case = _find_case(s, case_no, station_code)
        lock_station(s, case.station_code)
        station = s.get(Station, case.station_code)
        assert station is not None
        inner: dict[str, Any] = build(s, case.station_code)
        event_id = str(uuid.uuid4())
        payload = {
            "id": event_id,
            "station_id": station.uid or station.code,
            "created_by_device": "county",
            "server_seq": None,
            "created_at": utc_now(),
            "case_id": case.id,
            "kind": kind,
            "occurred_at": now_local.isoformat(timespec="seconds"),
            "occurred_on": now_local.date().isoformat(),
            "origin": "county",
            "actor_id": None,
            "payload": json.dumps(inner, ensure_ascii=False),
        }
        seq = _put_county_record(s, case.station_code, "case_event", "event", event_id, payload)
    return event_id, seq


def _clean(text: str, code: str) -> str:
    text = text.strip()
    if not text or len(text) > _MAX_TEXT:
        raise CountyError(code)
    return text


def reply(
    engine: Engine, case_no: str, department: str, text: str, station_code: str | None = None
) -> tuple[str, int]:
    """A department's reply (county_reply event, origin county); returns (event id, server_seq)."""
    department = _clean(department, "invalid_department")
    text = _clean(text, "invalid_reply_text")

    def build(s: Session, code: str) -> dict[str, Any]:
        known = _department(s, code, department)
        return {
            "department_id": known.id if known else None,
            "department": department,
            "reply": text,
        }

    return _case_event(engine, case_no, station_code, "county_reply", build)


def refer(
    engine: Engine,
    case_no: str,
    department: str,
    due_date: date | None = None,
    station_code: str | None = None,
) -> tuple[str, int]:
    """A county referral (assigned event, origin county) to a department known to the station."""
    department = _clean(department, "invalid_department")

    def build(s: Session, code: str) -> dict[str, Any]:
        known = _department(s, code, department)
        if known is None:
            raise CountyError("unknown_department", department=department)
        return {
            "department_id": known.id,
            "department": department,
            "due_date": due_date.isoformat() if due_date else None,
        }

    return _case_event(engine, case_no, station_code, "assigned", build)


def put_department(
    engine: Engine, station_code: str, name: str, kind: str | None = None, phone: str | None = None
) -> str:
    """Add or change a department in a station's reference data; returns its id."""
    name = _clean(name, "invalid_department")
    with Session(engine) as s, s.begin():
        if s.get(Station, station_code) is None:
            raise CountyError("unknown_station", station=station_code)
        lock_station(s, station_code)
        known = _department(s, station_code, name)
        row_id = known.id if known else str(uuid.uuid4())
        payload = {
            "id": row_id,
            "name": name,
            "kind": kind,
            "phone": phone,
            "active": True,
            "server_seq": None,
            "updated_at": utc_now(),
        }
        _put_county_record(s, station_code, "department", "put", row_id, payload)
    return row_id


def put_category(
    engine: Engine, station_code: str, code: str, name: str, limit_days: int, sort_order: int = 0
) -> str:
    """Add or change a case category (with its working-day limit) for a station; returns its id."""
    name = _clean(name, "invalid_category")
    code = _clean(code, "invalid_category")
    if not 1 <= limit_days <= 365:
        raise CountyError("invalid_limit_days")
    with Session(engine) as s, s.begin():
        if s.get(Station, station_code) is None:
            raise CountyError("unknown_station", station=station_code)
        lock_station(s, station_code)
        row_id = None
        for record in s.execute(
            select(Record).where(Record.station_code == station_code, Record.entity == "category")
        ).scalars():
            if json.loads(record.payload).get("code") == code:
                row_id = record.id
        row_id = row_id or str(uuid.uuid4())
        payload = {
            "id": row_id,
            "code": code,
            "name": name,
            "limit_days": limit_days,
            "sort_order": sort_order,
            "active": True,
            "server_seq": None,
            "updated_at": utc_now(),
        }
        _put_county_record(s, station_code, "category", "put", row_id, payload)
    return row_id
