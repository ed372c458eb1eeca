"""County administration: stations, device tokens (shown once), revocation and figures."""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from stationdesk.county.auth import new_token, token_hash
from stationdesk.county.db import current_epoch, utc_now
from stationdesk.county.errors import CountyError
from stationdesk.county.feed import high_water
from stationdesk.county.models import Blob, ChangeReceipt, Device, Record, SecurityEvent, Station

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}", re.ASCII)


def add_station(engine: Engine, code: str, name: str) -> None:
    """Register a station by its code (站点编码) and name."""
    if not _CODE.fullmatch(code):
        raise CountyError("invalid_station_code")
    name = name.strip()
    if not name or len(name) > 200:
        raise CountyError("invalid_station_name")
    with Session(engine) as s, s.begin():
        if s.get(Station, code) is not None:
            raise CountyError("station_exists", station=code)
        s.add(Station(code=code, name=name, uid=None, enabled=True, created_at=utc_now()))


def add_device(engine: Engine, code: str) -> tuple[str, str]:
    """A new device of the station: (device id, token). The token is not stored, only its hash."""
    token = new_token()
    device_id = "dev-" + uuid.uuid4().hex[:12]
    with Session(engine) as s, s.begin():
        if s.get(Station, code) is None:
            raise CountyError("unknown_station", station=code)
        s.add(
            Device(
                id=device_id,
                station_code=code,
                token_hash=token_hash(token),
                created_at=utc_now(),
                last_acked_local_seq=0,
            )
        )
    return device_id, token


def revoke_device(engine: Engine, device_id: str) -> None:
    """Revoke a device's token at once (a lost PC); its data stays."""
    with Session(engine) as s, s.begin():
        device = s.get(Device, device_id)
        if device is None:
            raise CountyError("unknown_device", device_id=device_id)
        if device.revoked_at is None:
            device.revoked_at = utc_now()


def stats(engine: Engine) -> dict[str, Any]:
    """Per-station figures for `stationdesk-county stats` (no personal data, no tokens)."""
    with Session(engine) as s, s.begin():
        stations = []
        for station in s.execute(select(Station).order_by(Station.code)).scalars():
            code = station.code
            devices = s.execute(
                select(Device.revoked_at, Device.last_seen).where(Device.station_code == code)
            ).all()
            by_entity = dict(
                s.execute(
                    select(Record.entity, func.count())
                    .where(Record.station_code == code)
                    .group_by(Record.entity)
                ).all()
            )
            county_events = s.execute(
                select(func.count()).where(
                    Record.station_code == code, Record.origin == "county", Record.op == "event"
                )
            ).scalar_one()
            stations.append(
                {
                    "code": code,
                    "name": station.name,
                    "devices": sum(1 for r in devices if r.revoked_at is None),
                    "revoked_devices": sum(1 for r in devices if r.revoked_at is not None),
                    "last_seen": max((r.last_seen for r in devices if r.last_seen), default=None),
                    "records": {k: int(v) for k, v in sorted(by_entity.items())},
                    "county_events": int(county_events),
                    "blobs": int(
                        s.execute(
                            select(func.count()).where(Blob.station_code == code)
                        ).scalar_one()
                    ),
                }
            )
        return {
            "epoch": current_epoch(s),
            "server_seq": high_water(s),
            "receipts": int(
                s.execute(select(func.count()).select_from(ChangeReceipt)).scalar_one()
            ),
            "security_events": int(
                s.execute(select(func.count()).select_from(SecurityEvent)).scalar_one()
            ),
            "stations": stations,
        }
