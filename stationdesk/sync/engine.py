"""One sync cycle: hello → push until the outbox is empty → pull until has_more is false."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from stationdesk.services.context import ServiceContext
from stationdesk.sync import backoff, blobs, lease, outbox, reconcile, state
from stationdesk.sync.backoff import BackoffPolicy
from stationdesk.sync.batching import START_BYTES, START_CHANGES, BatchSize
from stationdesk.sync.crashpoints import crashpoint
from stationdesk.sync.errors import SyncError
from stationdesk.sync.pull_apply import apply_page
from stationdesk.sync.setup import open_transport, refuse_unsyncable
from stationdesk.sync.transport import PROTOCOL, SyncTransport

PULL_LIMIT = 500
CLOCK_WARNING_S = 300  # |offset| above this: "check the PC clock" (never blocks sync)


@dataclass(slots=True)
class SyncReport:
    """What one cycle did, for the status line, the CLI's --json and the tests."""

    batches: int = 0
    pushed: int = 0
    coalesced: int = 0  # queued puts dropped because a newer one of the same row was queued
    applied: int = 0
    duplicates: int = 0
    stale: int = 0
    rejected: int = 0
    pulled: int = 0
    events_added: int = 0
    reference: int = 0
    echoed: int = 0  # pulled rows this client does not keep (the station's own rows echoed)
    skipped: int = 0  # pulled rows it could not read or attach to a case (left on the server)
    pending: int = 0  # still queued after the cycle
    rejects_open: int = 0
    blobs_sent: int = 0  # photos uploaded after their deputy rows
    reconciled: bool = False
    requeued: int = 0  # rows reconcile found missing or older on the county, pushed again
    county_only: int = 0  # rows the county holds that this PC does not (purged, restored PC)
    county_newer: int = 0  # rows the county holds at a newer version than this PC
    clock_offset_s: int | None = None
    warnings: list[str] = field(default_factory=list)  # clock_skew, epoch_changed, …
    cases: list[str] = field(default_factory=list)  # cases changed by the county
    needs_review: list[str] = field(default_factory=list)


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds")


class SyncEngine:
    """Runs cycles for one station database; plain Python, safe on any one worker thread."""

    def __init__(
        self,
        ctx: ServiceContext,
        *,
        transport: SyncTransport | None = None,
        policy: BackoffPolicy | None = None,
        rng: random.Random | None = None,
        pull_limit: int = PULL_LIMIT,
    ) -> None:
        self.ctx = ctx
        self.policy = policy or BackoffPolicy()
        self.rng = rng or random.SystemRandom()
        self.pull_limit = pull_limit
        self.holder = uuid.uuid4().hex  # this engine's name on the lease
        self._transport = transport

    def seconds_until_due(self) -> float:
        """How long the persisted backoff asks to wait before the next automatic attempt."""
        with self.ctx.db.read_core() as conn:
            return backoff.seconds_until_due(state.read_all(conn), self.ctx.clock())

    def run_cycle(self, *, force: bool = False) -> SyncReport:
        """One full cycle; `force` (Sync now) ignores the backoff wait and a stopped state.

        Network and server failures are counted, the next attempt is persisted, and the
        SyncError is raised again; local refusals (demo data, restore, keyring) are not.
        """
        with self.ctx.db.read_core() as conn:
            values = state.read_all(conn)
            refuse_unsyncable(conn, values)
        now = self.ctx.clock()
        if not force:
            if values.get(state.STOPPED):
                raise SyncError("sync_stopped", reason=values[state.STOPPED])
            wait = backoff.seconds_until_due(values, now)
            if wait > 0:
                raise SyncError("sync_not_due", seconds=round(wait))
        transport = self._transport or open_transport(self.ctx, values)
        lease.take(self.ctx.db, self.holder, now)
        report = SyncReport()
        try:
            self._cycle(transport, values, report)
        except SyncError as err:
            with self.ctx.db.write_core() as conn:
                backoff.record_failure(
                    conn,
                    self.ctx.clock(),
                    err.code,
                    policy=self.policy,
                    rng=self.rng,
                    retry_after=err.retry_after,
                    stop=not err.retryable,
                )
            raise
        finally:
            lease.release(self.ctx.db, self.holder)
            if self._transport is None:
                transport.close()
        return report

    def _cycle(self, transport: SyncTransport, values: dict[str, str], report: SyncReport) -> None:
        limits = self._hello(transport, values, report)
        self._push(transport, values, report, limits)
        self._pull(transport, report)
        if "push_stalled" not in report.warnings:
            self._reconcile(transport, report, limits)  # rows first, then their photos
            report.blobs_sent = blobs.upload(self.ctx, transport, self._renew_lease)
        with self.ctx.db.write_core() as conn:
            backoff.reset(conn, self.ctx.clock())
            report.pending = outbox.pending_count(conn)
            report.rejects_open = int(
                conn.exec_driver_sql(
                    "SELECT count(*) FROM sync_rejects WHERE resolved_at IS NULL"
                ).scalar_one()
            )

    def _renew_lease(self) -> None:
        lease.take(self.ctx.db, self.holder, self.ctx.clock())

    def _reconcile(
        self, transport: SyncTransport, report: SyncReport, limits: tuple[int, int]
    ) -> None:
        """Anti-entropy when due; rows queued again are pushed in this same cycle."""
        with self.ctx.db.read_core() as conn:
            current = state.read_all(conn)
        if not reconcile.is_due(current, self.ctx.clock()):
            return
        self._renew_lease()
        found = reconcile.run(self.ctx, transport)
        self._renew_lease()
        report.reconciled = True
        report.requeued += found.requeued
        report.county_only = found.server_only
        report.county_newer = found.server_newer
        if found.requeued:
            self._push(transport, current, report, limits)

    def _hello(
        self, transport: SyncTransport, values: dict[str, str], report: SyncReport
    ) -> tuple[int, int]:
        """Clock offset, epoch and restore checks; the server's batch limits."""
        sent = self.ctx.clock()
        hello = transport.hello()
        received = self.ctx.clock()
        protocols = hello.get("protocols")
        if not isinstance(protocols, list) or PROTOCOL not in protocols:
            raise SyncError("sync_protocol_unsupported")
        updates: dict[str, object | None] = {}
        try:
            server_time = datetime.fromisoformat(str(hello["server_time"]).replace("Z", "+00:00"))
            midpoint = sent + (received - sent) / 2
            offset = round((server_time - midpoint).total_seconds())
        except (KeyError, ValueError, TypeError):
            offset = None
        if offset is not None:
            report.clock_offset_s = offset
            updates[state.CLOCK_OFFSET] = offset
            if abs(offset) > CLOCK_WARNING_S:
                report.warnings.append("clock_skew")
        epoch = hello.get("epoch")
        if isinstance(epoch, str) and epoch:
            known = values.get(state.SERVER_EPOCH)
            if known and known != epoch:
                report.warnings.append("epoch_changed")
                updates[state.PULL_CURSOR] = 0  # must refetch: the county was restored
                updates[state.RECONCILE_DUE] = 1  # and may lack what it acknowledged
            updates[state.SERVER_EPOCH] = epoch
        device = hello.get("device")
        acked = device.get("last_acked_local_seq") if isinstance(device, dict) else None
        with self.ctx.db.write_core() as conn:
            if isinstance(acked, int) and acked > outbox.max_seq(conn):
                report.warnings.append("restore_suspected")  # this DB is older than the server saw
                if values.get(state.RESTORE_SUSPECTED) != str(acked):
                    updates[state.RECONCILE_DUE] = 1  # once per detection, not every cycle
                updates[state.RESTORE_SUSPECTED] = acked
            state.write(conn, updates)
            if "epoch_changed" in report.warnings:
                blobs.forget_all(conn)
        limit = hello.get("limits")
        limits: dict[str, Any] = limit if isinstance(limit, dict) else {}
        max_batch = limits.get("max_batch")
        max_bytes = limits.get("max_bytes")
        return (
            max_batch if isinstance(max_batch, int) and max_batch > 0 else START_CHANGES,
            min(START_BYTES, max_bytes)
            if isinstance(max_bytes, int) and max_bytes > 0
            else START_BYTES,
        )

    def _save_size(self, size: BatchSize) -> None:
        with self.ctx.db.write_core() as conn:
            state.write(conn, {state.BATCH_SIZE: size.changes, state.BATCH_SUCCESSES: size.streak})

    def _reject_alone(self, change: outbox.OutboxChange, report: SyncReport) -> None:
        with self.ctx.db.write_core() as conn:
            outbox.reject(conn, change, "too_large", None, self.ctx.clock())
        report.rejected += 1

    def _push(
        self,
        transport: SyncTransport,
        values: dict[str, str],
        report: SyncReport,
        limits: tuple[int, int],
    ) -> None:
        ceiling, max_bytes = limits
        size = BatchSize(
            min(ceiling, max(1, state.as_int(values, state.BATCH_SIZE, START_CHANGES))),
            state.as_int(values, state.BATCH_SUCCESSES),
        )
        with self.ctx.db.write_core() as conn:
            report.coalesced += outbox.coalesce(conn, max_bytes)
            station_id, device_id = conn.exec_driver_sql("SELECT id, device_id FROM station").one()
        while True:
            with self.ctx.db.read_core() as conn:  # never a write transaction across the network
                batch = outbox.select_batch(conn, size.changes, max_bytes)
            if not batch:
                return
            crashpoint("push.selected")
            if len(batch) == 1 and batch[0].size > max_bytes:
                self._reject_alone(batch[0], report)
                continue
            now = self.ctx.clock()
            body = {
                "station_id": station_id,
                "device_id": device_id,
                "batch_id": str(uuid.uuid4()),
                "client_time": _iso(now),
                "clock_offset_s": report.clock_offset_s,
                "changes": [c.wire() for c in batch],
            }
            crashpoint("push.before_send")
            try:
                response = transport.push(body)
            except SyncError as err:
                if err.code == "sync_too_large":
                    if len(batch) == 1:
                        self._reject_alone(batch[0], report)
                    else:
                        size = size.too_large(len(batch))
                        self._save_size(size)
                    continue
                if err.code == "sync_timeout":
                    size = size.timed_out()
                with self.ctx.db.write_core() as conn:
                    outbox.note_attempt(conn, batch, err.code)
                    state.write(
                        conn, {state.BATCH_SIZE: size.changes, state.BATCH_SUCCESSES: size.streak}
                    )
                raise
            crashpoint("push.after_send")
            results = response.get("results")
            if not isinstance(results, list):
                raise SyncError("sync_bad_response", stage="push")
            size = size.succeeded(ceiling)
            done = outbox.acknowledge(
                self.ctx,
                batch,
                [r for r in results if isinstance(r, dict)],
                self.ctx.clock(),
                {
                    state.LAST_PUSH_OK: _iso(self.ctx.clock()),
                    state.BATCH_SIZE: size.changes,
                    state.BATCH_SUCCESSES: size.streak,
                },
            )
            report.batches += 1
            report.pushed += len(batch) - done.left_queued
            report.applied += done.applied
            report.duplicates += done.duplicates
            report.stale += done.stale
            report.rejected += done.rejected
            report.needs_review.extend(done.needs_review)
            if done.left_queued == len(batch):
                report.warnings.append("push_stalled")  # the server answered for none of them
                return
            self._renew_lease()

    def _pull(self, transport: SyncTransport, report: SyncReport) -> None:
        with self.ctx.db.read_core() as conn:
            values = state.read_all(conn)
        cursor = state.as_int(values, state.PULL_CURSOR)
        epoch = values.get(state.SERVER_EPOCH)
        refetched = False
        while True:
            try:
                page = transport.pull(cursor, self.pull_limit, epoch)
                page_epoch = page.get("epoch")
                if epoch and isinstance(page_epoch, str) and page_epoch != epoch:
                    raise SyncError("sync_epoch_changed")
            except SyncError as err:
                if err.code != "sync_epoch_changed" or refetched:
                    raise
                refetched = True  # the county was restored: pull everything again (must-refetch)
                report.warnings.append("epoch_changed")
                cursor, epoch = 0, None
                with self.ctx.db.write_core() as conn:
                    state.write(
                        conn,
                        {state.PULL_CURSOR: 0, state.SERVER_EPOCH: None, state.RECONCILE_DUE: 1},
                    )
                    blobs.forget_all(conn)
                continue
            crashpoint("pull.after_fetch")
            before = cursor
            cursor, done = apply_page(
                self.ctx, page, cursor, page_epoch if isinstance(page_epoch, str) else epoch
            )
            epoch = page_epoch if isinstance(page_epoch, str) else epoch
            report.pulled += done.rows
            report.events_added += done.events_added
            report.reference += done.reference
            report.echoed += done.ignored
            report.skipped += done.malformed
            report.cases.extend(done.cases)
            report.needs_review.extend(done.needs_review)
            if not page.get("has_more"):
                return
            if cursor == before:
                raise SyncError("sync_bad_response", stage="pull")  # has_more, no progress
            self._renew_lease()
