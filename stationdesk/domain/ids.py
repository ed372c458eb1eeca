"""Identifier generation: time-ordered UUIDv7 record ids and random change ids."""

from __future__ import annotations

import os
import threading
import time
import uuid

__all__ = ["new_change_id", "new_id"]

_COUNTER_BITS = 12
_COUNTER_MAX = (1 << _COUNTER_BITS) - 1
_lock = threading.Lock()
_last_ms = -1
_counter = 0


def _seed_counter() -> int:
    """Random start for the rand_a counter, top bit clear to leave room (RFC 9562 §6.2)."""
    return int.from_bytes(os.urandom(2), "big") & (_COUNTER_MAX >> 1)


def new_id() -> str:
    """Return a new UUIDv7 as canonical lowercase text; strictly increasing within this process.

    Layout (RFC 9562 §5.7): 48-bit Unix time in ms, version 7, 12-bit rand_a used as a counter
    when several ids fall in the same millisecond, variant 0b10, 62 random bits. If the clock
    steps back, or the counter runs out, the previous timestamp is reused or advanced by one ms,
    so ids stay ordered.
    """
    global _last_ms, _counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms > _last_ms:
            _last_ms = now_ms
            _counter = _seed_counter()
        else:
            _counter += 1
            if _counter > _COUNTER_MAX:
                _last_ms += 1
                _counter = _seed_counter()
        ms, counter = _last_ms, _counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand_b
    return str(uuid.UUID(int=value))


def new_change_id() -> str:
    """Return a random UUIDv4 as 32 lowercase hex characters (idempotency key for one change)."""
    return uuid.uuid4().hex
