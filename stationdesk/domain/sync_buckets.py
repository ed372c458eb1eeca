"""Reconcile buckets of station and county: per entity and month, a count and a XOR."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Bucket", "bucket_month", "buckets", "row_digest"]

_EMPTY = "0" * 64


@dataclass(frozen=True, slots=True)
class Bucket:
    """One bucket: rows of an entity created in a month, their count and XOR of row digests."""

    entity: str
    month: str
    count: int
    xor: str


def bucket_month(created_at: object) -> str:
    """The bucket month `YYYY-MM` of a row's created_at (a month stays itself); else `0000-00`."""
    text = str(created_at or "")
    return text[:7] if len(text) >= 7 else "0000-00"


def row_digest(row_id: str, row_version: int | None) -> int:
    """sha256 of `id|row_version` (events: version 0) as an integer, for XOR-ing."""
    data = f"{row_id}|{row_version or 0}".encode()
    return int.from_bytes(hashlib.sha256(data).digest(), "big")


def buckets(rows: Iterable[tuple[str, str, int | None, object]]) -> dict[tuple[str, str], Bucket]:
    """Buckets of (entity, id, row_version, created_at) rows, keyed by (entity, month)."""
    acc: dict[tuple[str, str], tuple[int, int]] = {}
    for entity, row_id, version, created_at in rows:
        key = (entity, bucket_month(created_at))
        count, xor = acc.get(key, (0, 0))
        acc[key] = (count + 1, xor ^ row_digest(row_id, version))
    return {
        key: Bucket(key[0], key[1], count, f"{xor:064x}" if count else _EMPTY)
        for key, (count, xor) in acc.items()
    }
