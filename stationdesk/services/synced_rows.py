"""The columns every new synced row carries (station, device, times), shared by the writers."""

from __future__ import annotations

from sqlalchemy import Connection

from stationdesk.services.context import ServiceContext


def common_columns(conn: Connection, ctx: ServiceContext) -> dict[str, object]:
    """station_id, created_by_device, created_at and updated_at for rows written now."""
    station_id, device_id = conn.exec_driver_sql("SELECT id, device_id FROM station LIMIT 1").one()
    now = ctx.clock()
    return {
        "station_id": station_id,
        "created_by_device": device_id,
        "created_at": now,
        "updated_at": now,
    }


def stamp(ctx: ServiceContext) -> str:
    """Now as the ISO text the store keeps (raw SQL gets text, never a datetime)."""
    return ctx.clock().isoformat(timespec="milliseconds")
