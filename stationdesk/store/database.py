"""The Database handle: one engine per file, write transactions with BEGIN IMMEDIATE."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import QueuePool

from stationdesk.domain.errors import StorageError
from stationdesk.store.pragmas import prepare_connection

SQLITE_FULL = 13
SQLITE_IOERR = 10


def _is_disk_full(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    return code == SQLITE_FULL or "database or disk is full" in str(orig)


@contextmanager
def _disk_full_as_storage_error() -> Iterator[None]:
    """Turn SQLITE_FULL (raised after SQLite rolled the transaction back) into a domain error."""
    try:
        yield
    except (OperationalError, sqlite3.OperationalError) as exc:
        if _is_disk_full(exc):
            raise StorageError("disk_full") from exc
        raise


class Database:
    """Owns the engine of one station database file; sessions never cross threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = self._make_engine(path)

    @staticmethod
    def _make_engine(path: Path) -> Engine:
        # A creator, not a URL: folder names with '?' or '#' must not become URL syntax.
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=lambda: sqlite3.connect(
                str(path), check_same_thread=False, timeout=5.0, isolation_level=None
            ),
            poolclass=QueuePool,  # the URL names no file, so say which pool a file uses
            hide_parameters=True,  # errors and logs must never carry phones or ID numbers
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_con: sqlite3.Connection, _record: Any) -> None:
            dbapi_con.isolation_level = None  # we issue BEGIN ourselves
            prepare_connection(dbapi_con)

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            mode = "IMMEDIATE" if conn.get_execution_options().get("sd_write") else "DEFERRED"
            conn.exec_driver_sql(f"BEGIN {mode}")

        return engine

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one BEGIN IMMEDIATE transaction, committed when the block ends.

        The caller learns of success only when the block exits without error: that is COMMIT.
        SQLITE_FULL becomes StorageError("disk_full") after the rollback.
        """
        conn = self.engine.connect().execution_options(sd_write=True)
        try:
            with (
                Session(bind=conn, expire_on_commit=False) as session,
                _disk_full_as_storage_error(),
                conn.begin(),
            ):
                yield session
                session.flush()
        finally:
            conn.close()

    @contextmanager
    def write_core(self) -> Iterator[Connection]:
        """Like write(), but a bare Core connection for hot paths that need no ORM session."""
        conn = self.engine.connect().execution_options(sd_write=True)
        try:
            with _disk_full_as_storage_error(), conn.begin():
                yield conn
        finally:
            conn.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session in one deferred (snapshot) read transaction."""
        conn = self.engine.connect()
        try:
            with Session(bind=conn) as session, conn.begin():
                yield session
        finally:
            conn.close()

    @contextmanager
    def read_core(self) -> Iterator[Connection]:
        """A bare connection for hot read paths (search, list windows); one snapshot."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def query(self, sql: str, params: dict[str, Any] | tuple[Any, ...] = ()) -> list[Any]:
        """Every row of one SELECT, straight through the DB-API (hot paths: search, lists).

        One statement in autocommit mode reads one snapshot by itself, so no BEGIN and
        COMMIT are sent; rows come back as plain tuples, not Row objects.
        """
        dbapi = self.engine.raw_connection()
        try:
            driver = dbapi.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            return driver.execute(sql, params).fetchall()
        finally:
            dbapi.close()

    def checkpoint(self) -> bool:
        """Fold the WAL back into the database file and truncate it (idle time, exit).

        False when a reader elsewhere kept it from finishing (the WAL then still holds pages).
        """
        with self.engine.connect() as conn:
            busy, _log, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        return not busy

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
