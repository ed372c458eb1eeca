"""The case_event row of a domain CaseEvent, one shape for every writer."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from stationdesk.domain.workflow import CaseEvent


def event_row(
    event: CaseEvent,
    *,
    case_id: str,
    station_id: str,
    device_id: str,
    actor_id: str | None,
    created_at: datetime,
) -> dict[str, Any]:
    """Columns for store.bulk.insert_rows(conn, CaseEventRow, …)."""
    return {
        "id": event.id,
        "station_id": station_id,
        "created_by_device": device_id,
        "created_at": created_at,
        "case_id": case_id,
        "kind": event.kind.value,
        "occurred_at": event.occurred_at,
        "occurred_on": event.occurred_at.date(),
        "origin": event.origin,
        "actor_id": actor_id,
        "payload": json.dumps(dict(event.payload), ensure_ascii=False, sort_keys=True),
    }
