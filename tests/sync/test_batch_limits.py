"""Batch sizing against the real county with a small body limit: 413 halves, lone giants rejected."""

from __future__ import annotations

import pytest

from stationdesk.county.config import ServerConfig
from stationdesk.services.reception import register_visit
from stationdesk.sync.engine import SyncEngine
from tests.factories import sample_visit
from tests.sync.checks import local_rows, outbox_count, server_rows


def _visits(ctx, n: int) -> None:
    for i in range(n):
        register_visit(ctx, sample_visit(i))


@pytest.fixture
def county_config() -> ServerConfig:
    """Small body limit, so batches have to shrink (overrides the conftest fixture)."""
    return ServerConfig(rate_per_s=10_000, burst=10_000, max_bytes=16 * 1024)


def test_413_halves_the_batch_and_a_lone_oversized_change_is_rejected(station, county):
    """Batches shrink on 413 until they fit; a change bigger than the limit goes to rejects."""
    ctx = station.ctx
    _visits(ctx, 40)
    with ctx.db.write_core() as conn:  # one oversized change (a long text), queued last
        conn.exec_driver_sql(
            "INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, "
            "payload_sha256, created_at) VALUES ('big-1', 'grid', 'g-1', 'put', 1, ?, 'h', "
            "'2026-01-01T00:00:00Z')",
            ('{"id":"g-1","note":"' + "很长的说明" * 4000 + '"}',),
        )
    report = SyncEngine(ctx).run_cycle()
    assert outbox_count(ctx) == 0
    assert report.rejected == 1
    with ctx.db.read_core() as conn:
        assert conn.exec_driver_sql("SELECT code FROM sync_rejects").scalar_one() == "too_large"
    assert report.batches > 1
    rows = local_rows(ctx)
    assert rows == server_rows(county)
