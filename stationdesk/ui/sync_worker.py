"""The sync worker: SyncEngine cycles on their own thread and database connection, driven by timers.

design/sync.md §3.7: network I/O never runs on the DB worker thread of `ui.tasks`. A SyncWorker
(GUI thread) owns a QThread with a _Runner on it; the runner opens its own ServiceContext (a
second Database on the same file, the system actor) and closes its connections after every
request, so an idle worker holds none. Cycles come from a 60 s tick (skipped while the persisted
backoff asks to wait), 2 s after a local commit (AppSignals.changes, debounced; only when the
outbox holds something) and from 立即同步 (force). One request runs at a time; results come
back as queued signals. stop() lets a running cycle end at its next request to the server
(nothing is half-written there: every batch and page is one transaction) and waits for it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from stationdesk.services.changes import ChangeSet
from stationdesk.ui.signals import AppSignals, emit

if TYPE_CHECKING:
    from stationdesk.paths import DataPaths
    from stationdesk.services.context import ServiceContext
    from stationdesk.sync.engine import SyncReport
    from stationdesk.sync.transport import Transport

log = logging.getLogger(__name__)

TICK_MS = 60_000  # the periodic check (design/sync.md §3.7)
AFTER_COMMIT_MS = 2_000  # a burst of local commits is pushed once, 2 s after the last one

# Requests the runner understands.
FORCE = "force"  # 立即同步: ignores the backoff wait and a stopped state
DUE = "due"  # the tick: a cycle when the persisted backoff allows
PENDING = "pending"  # after a local commit: a cycle when the outbox holds something and it is due
TEST = "test"  # 保存并测试: one hello with the stored settings and token
STATUS = "status"  # the status only (no network)
CLOSE = "close"
CYCLES = (FORCE, DUE, PENDING)


class CycleStoppedError(Exception):
    """Raised at a request boundary when the worker is stopping (sign-out, exit)."""


class ProgressTransport:
    """Wraps the engine's Transport: opens it on first use, reports each batch and page.

    Raises CycleStoppedError before a request once `stopping` is set, so a long drain ends between
    two transactions instead of keeping sign-out or exit waiting.
    """

    def __init__(
        self,
        open_real: Callable[[], Transport],
        stopping: threading.Event,
        report: Callable[[str, int, int], None],
        to_push: int,
    ) -> None:
        self._open_real = open_real
        self._real: Transport | None = None
        self._stopping = stopping
        self._report = report
        self.to_push = to_push
        self.pushed = 0
        self.pulled = 0
        self.photos = 0

    def _transport(self) -> Transport:
        if self._stopping.is_set():
            raise CycleStoppedError
        if self._real is None:
            self._real = self._open_real()
        return self._real

    def hello(self) -> dict[str, Any]:
        """The engine's hello, unchanged."""
        return self._transport().hello()

    def push(self, body: dict[str, Any]) -> dict[str, Any]:
        """Push one batch; then report (push, sent so far, queued at the start)."""
        response = self._transport().push(body)
        self.pushed += len(body.get("changes") or ())
        self.to_push = max(self.to_push, self.pushed)
        self._report("push", self.pushed, self.to_push)
        return response

    def pull(self, cursor: int, limit: int, epoch: str | None = None) -> dict[str, Any]:
        """Pull one page; then report (pull, rows so far, 0 = total unknown)."""
        page = self._transport().pull(cursor, limit, epoch)
        changes = page.get("changes")
        self.pulled += len(changes) if isinstance(changes, list) else 0
        self._report("pull", self.pulled, 0)
        return page

    def reconcile(self, body: dict[str, Any]) -> dict[str, Any]:
        """The daily check against the county; reported as its own stage."""
        self._report("reconcile", 0, 0)
        return self._transport().reconcile(body)

    def put_blob(self, sha256: str, data: bytes) -> bool:
        """Upload one photo; then report (photos, sent so far, 0)."""
        stored = self._transport().put_blob(sha256, data)
        self.photos += 1
        self._report("photos", self.photos, 0)
        return stored

    def close(self) -> None:
        """Close the HTTPS client if one was opened."""
        if self._real is not None:
            self._real.close()
            self._real = None


def open_sync_context(paths: DataPaths) -> ServiceContext:
    """The sync thread's own ServiceContext: a second Database on the same file (system actor)."""
    from stationdesk.services.station import open_context

    return open_context(paths)


class _Runner(QObject):
    """Lives on the sync thread; handles one request at a time. No widget is touched here."""

    # (kind, report or None, exception or None, SyncStatus or None)
    done = Signal(str, object, object, object)
    # (stage, done, total): "push" n of N, "pull" n rows (total 0 = unknown)
    moved = Signal(str, int, int)
    # the cycle is starting (after the due checks)
    began = Signal(str)

    def __init__(self, paths: DataPaths, stopping: threading.Event) -> None:
        super().__init__()
        self._paths = paths
        self._stopping = stopping
        self._ctx: ServiceContext | None = None

    @Slot(str)
    def handle(self, kind: str) -> None:
        """Run one request on this thread; always answers with `done` (except after CLOSE)."""
        if kind == CLOSE:
            self._close()
            return
        if self._stopping.is_set():
            return
        report: SyncReport | None = None
        error: BaseException | None = None
        status = None
        try:
            if kind == TEST:
                self._test()
            elif kind in CYCLES:
                report = self._cycle(kind)
        except CycleStoppedError:
            log.info("sync cycle stopped at a request boundary")
        except Exception as exc:  # delivered to the GUI thread, which decides what to show
            if not _is_domain_error(exc):
                log.exception("sync request %s failed", kind)
            error = exc
        try:
            status = self._status()
        except Exception:
            log.exception("sync status failed")
        finally:
            if self._ctx is not None:
                self._ctx.db.dispose()  # an idle worker holds no connection (restore, Windows)
        emit(self.done, kind, report, error, status)

    def _context(self) -> ServiceContext:
        if self._ctx is None:
            self._ctx = open_sync_context(self._paths)
        return self._ctx

    def _status(self) -> Any:
        from stationdesk.sync.setup import sync_status

        return sync_status(self._context())

    def _cycle(self, kind: str) -> SyncReport | None:
        from stationdesk.sync import backoff, outbox, state
        from stationdesk.sync.engine import SyncEngine
        from stationdesk.sync.setup import open_transport

        ctx = self._context()
        with ctx.db.read_core() as conn:
            pending = outbox.pending_count(conn)
            values = state.read_all(conn)
            refused = _refusal(conn, values)
        if kind != FORCE:  # automatic: quietly nothing when refused, stopped, waiting or idle
            if refused or values.get(state.STOPPED) or (kind == PENDING and pending == 0):
                return None
            if backoff.seconds_until_due(values, ctx.clock()) > 0:
                return None

        def open_real() -> Transport:
            with ctx.db.read_core() as conn:
                values = state.read_all(conn)
            return open_transport(ctx, values)

        transport = ProgressTransport(
            open_real, self._stopping, lambda *a: emit(self.moved, *a), pending
        )
        engine = SyncEngine(ctx, transport=transport)  # type: ignore[arg-type]  # duck-typed
        emit(self.began, kind)
        try:
            return engine.run_cycle(force=kind == FORCE)
        finally:
            transport.close()  # the engine leaves a transport it was given open

    def _test(self) -> None:
        """One hello with the saved settings: TLS, CA and token checked by the server."""
        from stationdesk.sync import state
        from stationdesk.sync.errors import SyncError
        from stationdesk.sync.setup import open_transport, refuse_unsyncable
        from stationdesk.sync.transport import PROTOCOL

        ctx = self._context()
        with ctx.db.read_core() as conn:
            values = state.read_all(conn)
            refuse_unsyncable(conn, values)
        with open_transport(ctx, values) as transport:
            hello = transport.hello()
        protocols = hello.get("protocols")
        if not isinstance(protocols, list) or PROTOCOL not in protocols:
            raise SyncError("sync_protocol_unsupported")

    def _close(self) -> None:
        if self._ctx is not None:
            self._ctx.db.dispose()
            self._ctx = None
        thread = self.thread()
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())  # so that deleteLater() on the GUI thread works
        thread.quit()


def _refusal(conn: Any, values: dict[str, str]) -> str | None:
    """Why this database may not sync now (demo data, restored copy, not set up), or None."""
    from stationdesk.sync.errors import SyncError
    from stationdesk.sync.setup import refuse_unsyncable

    try:
        refuse_unsyncable(conn, values)
    except SyncError as err:
        return err.code
    return None


def _is_domain_error(exc: BaseException) -> bool:
    from stationdesk.domain.errors import DomainError

    return isinstance(exc, DomainError)


class SyncWorker(QObject):
    """The GUI side of background sync: timers, one request at a time, results as signals."""

    # SyncStatus after every request (and on refresh_status)
    status_changed = Signal(object)
    # a cycle started: "force", "due" or "pending"
    cycle_started = Signal(str)
    # (stage, done, total) during a cycle
    progress = Signal(str, int, int)
    # a cycle request was handled, whatever came of it (the progress display ends)
    cycle_ended = Signal(str)
    # (kind, SyncReport) after a cycle that ran
    cycle_finished = Signal(str, object)
    # (kind, exception) after a cycle that failed or was refused
    cycle_failed = Signal(str, object)
    # None after a successful 保存并测试 hello, else the exception
    test_finished = Signal(object)
    # sent to the runner (queued onto the sync thread)
    _request = Signal(str)

    def __init__(
        self,
        paths: DataPaths,
        signals: AppSignals,
        parent: QObject | None = None,
        *,
        tick_ms: int = TICK_MS,
        after_commit_ms: int = AFTER_COMMIT_MS,
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._signals = signals
        self._thread: QThread | None = None
        self._runner: _Runner | None = None
        self._stopping = threading.Event()
        self._busy: str | None = None  # the request the runner is on
        self._queued: list[str] = []  # at most one of each kind, in order
        self._sent_changes: ChangeSet | None = None
        self.last_status: Any = None
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.tick)
        self.after_commit = QTimer(self)
        self.after_commit.setSingleShot(True)
        self.after_commit.setInterval(after_commit_ms)
        self.after_commit.timeout.connect(self._after_commit)
        signals.changes.connect(self._on_changes)

    # --- life -------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether the sync thread is up."""
        return self._thread is not None

    @property
    def busy(self) -> str | None:
        """The request being handled ("force", "due", "pending", "test", "status") or None."""
        return self._busy

    def start(self) -> None:
        """Start the thread, read the status, and start the tick (first cycle at once)."""
        if self._thread is not None:
            return
        self._stopping = threading.Event()
        thread = QThread()
        thread.setObjectName("stationdesk-sync")
        runner = _Runner(self._paths, self._stopping)
        runner.moveToThread(thread)
        self._request.connect(runner.handle)
        runner.done.connect(self._on_done)
        runner.moved.connect(self._on_moved)
        runner.began.connect(self._on_began)
        self._thread, self._runner = thread, runner
        thread.start()
        self.timer.start()
        self._send(DUE)

    def stop(self) -> None:
        """Stop timers, let a running cycle end at its next request, wait for the thread."""
        self.timer.stop()
        self.after_commit.stop()
        thread, runner = self._thread, self._runner
        if thread is None or runner is None:
            return
        self._stopping.set()
        self._queued.clear()
        emit(self._request, CLOSE)  # queued behind the request in hand: disposes, quits
        thread.wait()
        self._request.disconnect(runner.handle)
        runner.done.disconnect(self._on_done)
        runner.moved.disconnect(self._on_moved)
        runner.began.disconnect(self._on_began)
        runner.deleteLater()
        self._thread = self._runner = None
        self._busy = None

    # --- requests ---------------------------------------------------------------------------

    @Slot()
    def sync_now(self) -> None:
        """立即同步: a forced cycle (after the one in hand, if any)."""
        self._send(FORCE)

    @Slot()
    def tick(self) -> None:
        """The timer: a cycle when the persisted backoff allows."""
        self._send(DUE)

    @Slot()
    def test_connection(self) -> None:
        """One hello with the saved settings; the answer comes as test_finished."""
        self._send(TEST)

    @Slot()
    def refresh_status(self) -> None:
        """Read the status again (status_changed)."""
        self._send(STATUS)

    def _send(self, kind: str) -> None:
        if self._thread is None:
            return
        if self._busy is not None:
            if kind == FORCE and DUE in self._queued:
                self._queued.remove(DUE)
            if kind not in self._queued:
                self._queued.append(kind)
            return
        self._busy = kind
        emit(self._request, kind)

    @Slot(object)
    def _on_changes(self, changes: ChangeSet) -> None:
        if changes is self._sent_changes or self._thread is None:
            return  # our own pulled rows, or not running
        self.after_commit.start()

    @Slot()
    def _after_commit(self) -> None:
        self._send(PENDING)

    # --- answers (GUI thread) ---------------------------------------------------------------

    @Slot(str)
    def _on_began(self, kind: str) -> None:
        if self._thread is not None:
            emit(self.cycle_started, kind)

    @Slot(str, int, int)
    def _on_moved(self, stage: str, done: int, total: int) -> None:
        if self._thread is not None:
            emit(self.progress, stage, done, total)

    @Slot(str, object, object, object)
    def _on_done(self, kind: str, report: Any, error: Any, status: Any) -> None:
        if self._thread is None:
            return
        self._busy = None
        if status is not None:
            self.last_status = status
            emit(self.status_changed, status)
        if kind == TEST:
            emit(self.test_finished, error)
        elif kind in CYCLES:
            emit(self.cycle_ended, kind)
            if error is not None:
                emit(self.cycle_failed, kind, error)
            elif report is not None:
                self._announce(report)
                emit(self.cycle_finished, kind, report)
        if self._queued:
            self._send(self._queued.pop(0))

    def _announce(self, report: SyncReport) -> None:
        """Pages refresh what the county changed (not taken for a local commit)."""
        entities: list[str] = []
        if report.events_added or report.cases:
            entities += ["case_record", "case_event"]
        if report.reference:
            entities += ["category", "department"]
        if not entities:
            return
        changes = ChangeSet.of(*entities, ids=list(report.cases))
        self._sent_changes = changes
        emit(self._signals.changes, changes)
        self._sent_changes = None
