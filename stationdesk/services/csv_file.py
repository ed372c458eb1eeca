"""CSV files the station's Excel opens: UTF-8 with BOM, formula-safe cells, written atomically."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path


def safe_cell(value: object) -> object:
    """A cell Excel will not run as a formula (text starting with = + - @ gets a ')."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def write_csv(dest: Path, rows: Iterable[Iterable[object]]) -> None:
    """Write the rows; a half-written file never appears under dest's name."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(safe_cell(v) for v in row)
    part = dest.with_name(dest.name + ".part")
    part.write_text(out.getvalue(), encoding="utf-8-sig")
    part.replace(dest)
