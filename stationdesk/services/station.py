"""Creating, opening and describing the station database (first run, start-up, identity)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from stationdesk.domain.errors import StorageError, ValidationError
from stationdesk.domain.ids import new_id
from stationdesk.domain.permissions import Action
from stationdesk.domain.validators import clean_text
from stationdesk.paths import DataPaths
from stationdesk.services import reference_seed
from stationdesk.services.authz import require
from stationdesk.services.changes import ChangeSet
from stationdesk.services.context import (
    SYSTEM_ACTOR,
    SYSTEM_USER_ID,
    SYSTEM_USERNAME,
    ServiceContext,
)
from stationdesk.services.dto import StationInfo
from stationdesk.services.startup import prepare_data_dir
from stationdesk.store import audit
from stationdesk.store.database import Database
from stationdesk.store.models import AppUser, Category, Department, Station

_STATION_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{1,30}[0-9A-Za-z]$")


@dataclass(frozen=True, slots=True)
class OpenResult:
    """The state of the data folder at start-up."""

    status: str  # "new" | "ok" | "corrupt"
    ctx: ServiceContext | None = None
    station: StationInfo | None = None
    quarantined: Path | None = None
    problems: tuple[str, ...] = ()


def _station_info(row: Station) -> StationInfo:
    return StationInfo(row.id, row.code, row.name, row.county, row.device_id, row.device_no)


def open_data_dir(paths: DataPaths) -> OpenResult:
    """Start-up: quick_check the file, migrate (after a backup), and open it.

    A file that fails quick_check is copied untouched to quarantine/ and not opened
    ("corrupt"); a folder without a database or without a station is "new".
    """
    prepared = prepare_data_dir(paths, with_figures=False)
    if prepared.status == "corrupt":
        return OpenResult("corrupt", quarantined=prepared.quarantined, problems=prepared.problems)
    return OpenResult(prepared.status, ctx=open_context(paths), station=prepared.station)


def open_context(paths: DataPaths) -> ServiceContext:
    """The ServiceContext over a database that prepare_data_dir has checked and migrated."""
    return ServiceContext(paths, Database(paths.db))


def load_station(ctx: ServiceContext) -> StationInfo | None:
    """This PC's station identity, or None before first-run setup."""
    with ctx.db.read() as s:
        row = s.execute(select(Station)).scalars().first()
        return _station_info(row) if row else None


def init_station(
    ctx: ServiceContext,
    *,
    code: str,
    name: str,
    county: str | None = None,
    device_no: int = 1,
) -> tuple[StationInfo, ChangeSet]:
    """First-run setup: record the station identity and seed reference data, in one transaction."""
    require(ctx, Action.CONFIGURE)
    code = clean_text(code, "station_code", 32, required=True)
    if not _STATION_CODE.match(code):
        raise ValidationError("station_code_format", "station_code")
    name = clean_text(name, "station_name", 60, required=True)
    county_clean = clean_text(county or "", "county", 60) or None
    if not 1 <= device_no <= 99:
        raise ValidationError("device_no_range", "device_no")
    now = ctx.clock()
    with ctx.db.write() as s:
        if s.execute(select(Station.id)).first() is not None:
            raise StorageError("station_exists")
        station = Station(
            id=new_id(),
            code=code,
            name=name,
            county=county_clean,
            device_id=new_id(),
            device_no=device_no,
            created_at=now,
            updated_at=now,
        )
        s.add(station)
        if s.get(AppUser, SYSTEM_USER_ID) is None:
            s.add(
                AppUser(
                    id=SYSTEM_USER_ID,
                    username=SYSTEM_USERNAME,
                    display_name="系统",
                    role="system",
                    created_at=now,
                    updated_at=now,
                )
            )
        for order, (cat_code, cat_name, limit) in enumerate(reference_seed.CATEGORIES):
            s.add(
                Category(
                    id=new_id(),
                    code=cat_code,
                    name=cat_name,
                    limit_days=limit,
                    sort_order=order,
                    updated_at=now,
                )
            )
        for dep_name, kind in reference_seed.DEPARTMENTS:
            s.add(Department(id=new_id(), name=dep_name, kind=kind, updated_at=now))
        s.flush()
        detail = {"code": code, "name": name, "device_no": device_no}
        audit.append(s, ctx.audit_entry(now, "station.init", "station", station.id, detail))
        info = _station_info(station)
    return info, ChangeSet.of("station", "category", "department", ids=[info.id])


def create_station(
    paths: DataPaths, *, code: str, name: str, county: str | None = None, device_no: int = 1
) -> tuple[ServiceContext, StationInfo]:
    """Open (creating) the database in paths and run init_station; for the CLI and tests."""
    opened = open_data_dir(paths)
    if opened.status == "corrupt" or opened.ctx is None:
        raise StorageError("db_corrupt", problems="; ".join(opened.problems))
    if opened.status == "ok":
        raise StorageError("station_exists")
    ctx = opened.ctx.as_actor(SYSTEM_ACTOR)
    info, _ = init_station(ctx, code=code, name=name, county=county, device_no=device_no)
    return ctx, info
