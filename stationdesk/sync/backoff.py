"""Full-jitter backoff (base 2 s, ×2, cap 300 s, Retry-After wins), persisted in sync_state."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection

from stationdesk.sync import state

RETRY_AFTER_MAX = 3600.0  # a server asking for more than an hour is clamped to it


@dataclass(frozen=True, slots=True)
class BackoffPolicy:
    """Delays for the n-th consecutive failure; tests shrink base and cap."""

    base: float = 2.0
    factor: float = 2.0
    cap: float = 300.0

    def ceiling(self, failures: int) -> float:
        """The upper bound of the jittered delay after `failures` consecutive failures."""
        exponent = max(0, failures - 1)
        if exponent > 64:  # retry forever: the count grows, the delay stays at the cap
            return self.cap
        return float(min(self.cap, self.base * self.factor**exponent))

    def delay(self, failures: int, rng: random.Random, retry_after: float | None = None) -> float:
        """Seconds to wait: uniform in [0, ceiling] (full jitter), or the server's Retry-After."""
        if retry_after is not None:
            return min(max(0.0, retry_after), RETRY_AFTER_MAX)
        return rng.uniform(0.0, self.ceiling(failures))


def record_failure(
    conn: Connection,
    now: datetime,
    code: str,
    *,
    policy: BackoffPolicy,
    rng: random.Random,
    retry_after: float | None = None,
    stop: bool = False,
) -> datetime:
    """Count one more failure and persist when the next attempt is due (caller's transaction)."""
    values = state.read_all(conn)
    failures = state.as_int(values, state.FAILURES) + 1
    due = now + timedelta(seconds=policy.delay(failures, rng, retry_after))
    state.write(
        conn,
        {
            state.FAILURES: failures,
            state.NEXT_ATTEMPT: due.isoformat(timespec="milliseconds"),
            state.LAST_ERROR: code,
            state.LAST_ATTEMPT: now.isoformat(timespec="milliseconds"),
            state.STOPPED: code if stop else None,
        },
    )
    return due


def reset(conn: Connection, now: datetime) -> None:
    """A whole cycle succeeded: no failures, no wait, no stop."""
    state.write(
        conn,
        {
            state.FAILURES: 0,
            state.NEXT_ATTEMPT: None,
            state.LAST_ERROR: None,
            state.STOPPED: None,
            state.LAST_ATTEMPT: now.isoformat(timespec="milliseconds"),
        },
    )


def seconds_until_due(values: dict[str, str], now: datetime) -> float:
    """How long the persisted backoff still asks to wait (0 when an attempt is due)."""
    raw = values.get(state.NEXT_ATTEMPT)
    if not raw:
        return 0.0
    try:
        due = datetime.fromisoformat(raw)
    except ValueError:
        return 0.0
    return max(0.0, (due - now).total_seconds())
