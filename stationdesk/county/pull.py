"""Pull: a station's feed in server_seq order from a cursor, and one record by id (§3.4)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from stationdesk.county.auth import Caller
from stationdesk.county.db import current_epoch
from stationdesk.county.errors import CountyError
from stationdesk.county.feed import high_water
from stationdesk.county.models import Record

MAX_LIMIT = 1000


def change_of(record: Record) -> dict[str, Any]:
    """The wire form of a stored record."""
    return {
        "server_seq": record.server_seq,
        "entity": record.entity,
        "entity_id": record.id,
        "op": record.op,
        "row_version": record.row_version,
        "origin": record.origin,
        "payload": json.loads(record.payload),
    }


def pull(
    engine: Engine, caller: Caller, cursor: int, limit: int, epoch: str | None
) -> dict[str, Any]:
    """Up to `limit` changes after `cursor`; 409 epoch_changed on a foreign epoch or cursor."""
    limit = max(1, min(limit, MAX_LIMIT))
    with Session(engine) as s, s.begin():
        current = current_epoch(s)
        if (epoch is not None and epoch != current) or cursor < 0 or cursor > high_water(s):
            raise CountyError("epoch_changed", 409, epoch=current)
        rows = (
            s.execute(
                select(Record)
                .where(Record.station_code == caller.station_code, Record.server_seq > cursor)
                .order_by(Record.server_seq)
                .limit(limit + 1)
            )
            .scalars()
            .all()
        )
        page = [change_of(r) for r in rows[:limit]]
    return {
        "epoch": current,
        "changes": page,
        "next_cursor": page[-1]["server_seq"] if page else cursor,
        "has_more": len(rows) > limit,
    }


def get_record(engine: Engine, caller: Caller, entity: str, entity_id: str) -> dict[str, Any]:
    """One record of the caller's station; another station's (or none) is 404 alike."""
    with Session(engine) as s, s.begin():
        record = s.get(Record, (caller.station_code, entity, entity_id))
        if record is None:
            raise CountyError("not_found", 404)
        return {"epoch": current_epoch(s), "change": change_of(record)}
