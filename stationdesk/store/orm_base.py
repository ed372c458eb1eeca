"""The declarative base, column types and the columns every synced table shares."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Dialect, Integer, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator


class IsoDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as ISO-8601 text with its offset (millisecond precision)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        """Refuse naive datetimes; write ISO text."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to an IsoDateTime column")
        return value.isoformat(timespec="milliseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Parse ISO text back to an aware datetime."""
        if value is None:
            return None
        return datetime.fromisoformat(str(value))


class Base(DeclarativeBase):
    """Every ORM model of the station database."""


class SyncedColumns:
    """Columns of a station-owned, synced table (design/sync.md §3.2); row_version is optimistic."""

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    station_id: Mapped[str] = mapped_column(Text)
    created_by_device: Mapped[str] = mapped_column(Text)
    row_version: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    server_seq: Mapped[int | None] = mapped_column(Integer)
    deleted_at: Mapped[datetime | None] = mapped_column(IsoDateTime)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
    updated_at: Mapped[datetime] = mapped_column(IsoDateTime)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        """Every ORM UPDATE bumps row_version and checks the old one (no lost updates)."""
        return {"version_id_col": cls.row_version}


class EventColumns:
    """Columns of an append-only, synced table: it only ever gains its server_seq."""

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    station_id: Mapped[str] = mapped_column(Text)
    created_by_device: Mapped[str] = mapped_column(Text)
    server_seq: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(IsoDateTime)
