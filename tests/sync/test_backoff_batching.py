"""The pure parts: full-jitter backoff bounds, Retry-After, persistence; AIMD batch sizing."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from stationdesk.sync import backoff, state
from stationdesk.sync.backoff import BackoffPolicy
from stationdesk.sync.batching import FLOOR, START_CHANGES, BatchSize

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))


def test_ceiling_doubles_from_two_seconds_to_the_cap():
    """2, 4, 8 … seconds, never above 300, also after thousands of failures (retry forever)."""
    p = BackoffPolicy()
    assert [p.ceiling(n) for n in range(1, 10)] == [2, 4, 8, 16, 32, 64, 128, 256, 300]
    assert p.ceiling(10_000) == 300


@given(st.integers(min_value=1, max_value=500), st.integers(min_value=0, max_value=2**32))
def test_full_jitter_stays_within_zero_and_the_ceiling(failures, seed):
    """Every delay lies in [0, ceiling(n)]."""
    p = BackoffPolicy()
    assert 0 <= p.delay(failures, random.Random(seed)) <= p.ceiling(failures)


def test_jitter_spreads_the_retries():
    """Full jitter: a thousand stations after the same outage do not retry in step."""
    p = BackoffPolicy()
    rng = random.Random(1)
    delays = [p.delay(8, rng) for _ in range(1000)]
    assert min(delays) < 30 and max(delays) > 226  # spread over most of [0, 256]


def test_retry_after_overrides_and_is_clamped():
    """The server's Retry-After wins over the jitter; an absurd one is clamped to an hour."""
    p = BackoffPolicy()
    rng = random.Random(1)
    assert p.delay(1, rng, retry_after=42.0) == 42.0
    assert p.delay(1, rng, retry_after=10**9) == backoff.RETRY_AFTER_MAX


def test_failure_and_reset_are_persisted(ctx):
    """record_failure writes the count and the due time; reset clears them; both survive reopen."""
    with ctx.db.write_core() as conn:
        due = backoff.record_failure(
            conn, T0, "sync_offline", policy=BackoffPolicy(), rng=random.Random(3)
        )
        backoff.record_failure(
            conn, T0, "sync_offline", policy=BackoffPolicy(), rng=random.Random(3)
        )
    assert T0 <= due <= T0 + timedelta(seconds=2)
    ctx.db.dispose()
    with ctx.db.read_core() as conn:
        values = state.read_all(conn)
    assert values[state.FAILURES] == "2" and values[state.LAST_ERROR] == "sync_offline"
    assert 0 <= backoff.seconds_until_due(values, T0) <= 4
    with ctx.db.write_core() as conn:
        backoff.reset(conn, T0)
        values = state.read_all(conn)
    assert values[state.FAILURES] == "0" and state.NEXT_ATTEMPT not in values


def test_batch_doubles_after_five_successes_up_to_the_ceiling():
    """Additive-increase is ×2 after 5 successes in a row, never above the server's max_batch."""
    size = BatchSize(25, 0)
    for _ in range(4):
        size = size.succeeded(200)
    assert size.changes == 25
    size = size.succeeded(200)
    assert size == BatchSize(50, 0)
    for _ in range(20):
        size = size.succeeded(200)
    assert size.changes == 200
    assert BatchSize(200, 0).succeeded(50).changes == 50  # a smaller server limit applies


def test_batch_halves_on_timeout_with_a_floor_and_on_413_down_to_one():
    """Timeout: half, not below 10. 413: half of what was sent, down to a single change."""
    assert BatchSize(START_CHANGES).timed_out().changes == 100
    assert BatchSize(12).timed_out().changes == FLOOR
    size = BatchSize(200)
    sizes = []
    while size.changes > 1:
        size = size.too_large(size.changes)
        sizes.append(size.changes)
    assert sizes == [100, 50, 25, 12, 6, 3, 1]
