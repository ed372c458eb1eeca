"""Reconcile: compare a station's buckets with the server's, then list ids of differing buckets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from stationdesk.county.auth import Caller
from stationdesk.county.db import current_epoch
from stationdesk.county.errors import CountyError
from stationdesk.county.models import Record
from stationdesk.domain.sync_buckets import Bucket, buckets

MAX_ID_BUCKETS = 50


def _server_buckets(s: Session, station: str) -> dict[tuple[str, str], Bucket]:
    """The station's own records in the buckets the station counts (its month passes as is)."""
    rows = s.execute(
        select(Record.entity, Record.id, Record.row_version, Record.month).where(
            Record.station_code == station, Record.origin == "station"
        )
    )
    return buckets((str(e), str(i), v, m) for e, i, v, m in rows)


def _client_buckets(body: dict[str, Any]) -> dict[tuple[str, str], tuple[int, str]]:
    raw = body.get("buckets", [])
    if not isinstance(raw, list):
        raise CountyError("invalid_reconcile", 422)
    out = {}
    for item in raw:
        if not isinstance(item, dict):
            raise CountyError("invalid_reconcile", 422)
        entity, month = item.get("entity"), item.get("month")
        count, xor = item.get("count"), item.get("xor")
        if not (isinstance(entity, str) and isinstance(month, str) and isinstance(count, int)):
            raise CountyError("invalid_reconcile", 422)
        out[(entity, month)] = (count, str(xor or "").lower())
    return out


def reconcile(engine: Engine, caller: Caller, body: object) -> dict[str, Any]:
    """Buckets that differ (server side given), and id lists for the buckets asked in `ids`.

    Request: {"buckets": [{"entity","month","count","xor"}], "ids": [{"entity","month"}]}.
    Response: {"epoch", "differ": [{"entity","month","server":{"count","xor"}}],
    "ids": [{"entity","month","items":[{"id","row_version"}]}]}.
    """
    if not isinstance(body, dict):
        raise CountyError("invalid_reconcile", 422)
    client = _client_buckets(body)
    wanted = body.get("ids", [])
    if not isinstance(wanted, list) or len(wanted) > MAX_ID_BUCKETS:
        raise CountyError("invalid_reconcile", 422)
    with Session(engine) as s, s.begin():
        # a request for ids only (no "buckets") skips the scan of the station's records
        server = _server_buckets(s, caller.station_code) if "buckets" in body else {}
        differ = []
        for key in sorted(set(server) | set(client)):
            mine = server.get(key)
            theirs = client.get(key)
            if mine is not None and theirs == (mine.count, mine.xor):
                continue
            differ.append(
                {
                    "entity": key[0],
                    "month": key[1],
                    "server": {
                        "count": mine.count if mine else 0,
                        "xor": mine.xor if mine else "0" * 64,
                    },
                }
            )
        ids = []
        for item in wanted:
            if not isinstance(item, dict):
                raise CountyError("invalid_reconcile", 422)
            entity, month = str(item.get("entity")), str(item.get("month"))
            rows = s.execute(
                select(Record.id, Record.row_version)
                .where(
                    Record.station_code == caller.station_code,
                    Record.origin == "station",
                    Record.entity == entity,
                    Record.month == month,
                )
                .order_by(Record.id)
            )
            ids.append(
                {
                    "entity": entity,
                    "month": month,
                    "items": [{"id": r, "row_version": v} for r, v in rows],
                }
            )
        epoch = current_epoch(s)
    return {"epoch": epoch, "differ": differ, "ids": ids}
