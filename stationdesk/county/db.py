"""The county database: an engine for SQLite (default) or PostgreSQL, schema and first rows."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from stationdesk.county.models import Base, FeedCounter, ServerMeta

FEED = "main"


def utc_now() -> str:
    """Now in UTC as ISO 8601 with milliseconds and a Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def normalise_url(url: str) -> str:
    """A bare path means a SQLite file; a URL is used as given (postgresql+psycopg://…)."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def open_engine(url: str) -> Engine:
    """An engine for the county database; SQLite writes take the lock at BEGIN (IMMEDIATE)."""
    url = normalise_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def is_postgres(engine: Engine) -> bool:
    """Whether the engine talks to PostgreSQL (advisory locks) rather than SQLite."""
    return engine.dialect.name == "postgresql"


def init_schema(engine: Engine) -> None:
    """Create the tables if missing, the feed counter at 0 and a first epoch."""
    Base.metadata.create_all(engine)
    with Session(engine) as s, s.begin():
        if s.get(FeedCounter, FEED) is None:
            s.add(FeedCounter(feed=FEED, value=0))
        if s.get(ServerMeta, "epoch") is None:
            s.add(ServerMeta(key="epoch", value=secrets.token_hex(8)))


def current_epoch(s: Session) -> str:
    """The server's epoch: clients re-pull from 0 when it changes."""
    return s.execute(select(ServerMeta.value).where(ServerMeta.key == "epoch")).scalar_one()


def new_epoch(engine: Engine) -> str:
    """Start a new epoch (after restoring the county database from a backup); returns it."""
    value = secrets.token_hex(8)
    with Session(engine) as s, s.begin():
        meta = s.get(ServerMeta, "epoch")
        if meta is None:
            s.add(ServerMeta(key="epoch", value=value))
        else:
            meta.value = value
    return value


def lock_station(s: Session, station_code: str) -> None:
    """Serialise writers of one station for this transaction (SQLite: BEGIN IMMEDIATE does)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": station_code}
        )
