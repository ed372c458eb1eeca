"""Fast multi-row INSERTs for hot paths: one prepared statement per column set, typed binds."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, cast

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import sqlite

from stationdesk.store.orm_base import Base

_DIALECT = sqlite.dialect()
_Processor = Callable[[Any], Any] | None


@lru_cache(maxsize=256)
def _plan(model: type[Base], columns: tuple[str, ...]) -> tuple[str, tuple[_Processor, ...]]:
    table = cast(Table, model.__table__)
    placeholders = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})"
    procs = tuple(table.c[name].type.bind_processor(_DIALECT) for name in columns)
    return sql, procs


def insert_rows(conn: Connection, model: type[Base], rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT rows (all with the same keys) into model's table with the columns' own binds.

    Same result as `conn.execute(insert(model), rows)` at a fraction of the Python cost;
    the caller owns the transaction.
    """
    if not rows:
        return
    columns = tuple(rows[0])
    sql, procs = _plan(model, columns)
    params = [
        tuple(p(row[c]) if p else row[c] for c, p in zip(columns, procs, strict=True))
        for row in rows
    ]
    conn.exec_driver_sql(sql, params if len(params) > 1 else params[0])
