"""The task runner: Op and QueryOp run service calls on the one DB worker thread.

Usage (Anki's CollectionOp pattern)::

    Op(self, lambda: init_station(ctx, ...), self.signals).success(on_done).run_in_background()

The function runs on the DB worker thread and must not touch widgets; the success and failure
callbacks run on the GUI thread, and are skipped when the parent widget was deleted meanwhile.
A mutating Op's function returns a ChangeSet or a (result, ChangeSet) pair; after success the
ChangeSet goes out on AppSignals.changes. Tests install an InlineRunner with use_runner() so
every Op completes before run_in_background() returns.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

from stationdesk.domain.errors import DomainError
from stationdesk.services.changes import ChangeSet
from stationdesk.ui.errors import show_error
from stationdesk.ui.signals import AppSignals, emit

log = logging.getLogger(__name__)

T = TypeVar("T")
Deliver = Callable[[Any, BaseException | None], None]


class Runner(Protocol):
    """Where Op functions run and how their outcome returns to the GUI thread."""

    def submit(self, fn: Callable[[], Any], deliver: Deliver) -> None:
        """Run fn; later call deliver(result, None) or deliver(None, exc) on the GUI thread."""

    def run_blocking(self, fn: Callable[[], T]) -> T:
        """Run fn after every submitted task and wait for it (shutdown only)."""


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits `finished` and Qt queues the call over."""

    finished = Signal(object, object)

    def __init__(
        self, deliver: Deliver, on_done: Callable[[_Relay], None], parent: QObject
    ) -> None:
        super().__init__(parent)  # C++-owned: dropping the wrapper later does not delete it
        self._deliver = deliver
        self._on_done = on_done
        self.finished.connect(self._on_finished)

    @Slot(object, object)
    def _on_finished(self, result: Any, exc: BaseException | None) -> None:
        try:
            self._deliver(result, exc)
        finally:
            self.deleteLater()
            self._on_done(self)


class _Job(QRunnable):
    """Runs one function on the worker thread and hands the outcome to report."""

    def __init__(self, fn: Callable[[], Any], report: Callable[[Any, BaseException | None], None]):
        super().__init__()
        self._fn = fn
        self._report = report

    def run(self) -> None:
        try:
            outcome = (self._fn(), None)
        except Exception as exc:
            outcome = (None, exc)
        try:
            self._report(*outcome)
        except RuntimeError:  # the relay was deleted: the application is shutting down
            log.debug("task finished after its receiver was deleted")


class BackgroundRunner:
    """One dedicated worker thread (a QThreadPool of one thread that never expires) owns DB work.

    Create it on the GUI thread: results are delivered on the thread that created it.
    """

    def __init__(self) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)
        self._home = QObject()  # parent of the relays, on the GUI thread
        # Strong references until delivery: the worker emits through the Python wrapper.
        self._in_flight: set[_Relay] = set()

    def submit(self, fn: Callable[[], Any], deliver: Deliver) -> None:
        """Queue fn behind the tasks already submitted."""
        relay = _Relay(deliver, self._in_flight.discard, self._home)
        self._in_flight.add(relay)
        self._pool.start(_Job(fn, lambda result, exc: emit(relay.finished, result, exc)))

    def run_blocking(self, fn: Callable[[], T]) -> T:
        """Queue fn last and block the caller until it has run; re-raise its exception."""
        box: dict[str, Any] = {}
        finished = threading.Event()

        def report(result: Any, exc: BaseException | None) -> None:
            box["result"], box["exc"] = result, exc
            finished.set()

        self._pool.start(_Job(fn, report))
        finished.wait()
        if box["exc"] is not None:
            raise box["exc"]
        return box["result"]  # type: ignore[no-any-return]


class InlineRunner:
    """Runs every task at once on the calling thread: deterministic tests.

    With raise_unexpected, an exception that is not a DomainError propagates to the caller
    instead of reaching the failure callback, so a bug fails the test loudly.
    """

    def __init__(self, *, raise_unexpected: bool = True) -> None:
        self._raise_unexpected = raise_unexpected

    def submit(self, fn: Callable[[], Any], deliver: Deliver) -> None:
        """Run fn now and deliver its outcome now."""
        try:
            result = fn()
        except DomainError as exc:
            deliver(None, exc)
            return
        except Exception as exc:
            if self._raise_unexpected:
                raise
            deliver(None, exc)
            return
        deliver(result, None)

    def run_blocking(self, fn: Callable[[], T]) -> T:
        """Run fn now."""
        return fn()


_runner: Runner | None = None


def runner() -> Runner:
    """The runner in use; a BackgroundRunner is created on first use."""
    global _runner
    if _runner is None:
        _runner = BackgroundRunner()
    return _runner


def use_runner(new: Runner | None) -> Runner | None:
    """Install another runner (tests: InlineRunner()); returns the previous one."""
    global _runner
    previous, _runner = _runner, new
    return previous


class QueryOp(Generic[T]):
    """Read-only work on the DB thread; `QueryOp(parent, fn).success(cb).run_in_background()`."""

    def __init__(self, parent: QObject | None, fn: Callable[[], T]) -> None:
        self._parent = parent
        self._fn = fn
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[BaseException], object] | None = None

    def success(self, callback: Callable[[T], object]) -> QueryOp[T]:
        """Called on the GUI thread with fn's result."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], object]) -> QueryOp[T]:
        """Called on the GUI thread with fn's exception (default: a translated message box)."""
        self._on_failure = callback
        return self

    def run_in_background(self) -> None:
        """Queue fn on the DB worker thread."""
        runner().submit(self._fn, self._finish)

    def _finish(self, result: Any, exc: BaseException | None) -> None:
        if self._parent is not None and not isValid(self._parent):
            return
        if exc is not None:
            self._fail(exc)
        else:
            self._succeed(result)

    def _succeed(self, result: Any) -> None:
        if self._on_success is not None:
            self._on_success(result)

    def _fail(self, exc: BaseException) -> None:
        if not isinstance(exc, DomainError):
            log.error("background task failed", exc_info=exc)
        if self._on_failure is not None:
            self._on_failure(exc)
            return
        show_error(self._parent, exc)


class Op(QueryOp[T]):
    """A mutating use case; its ChangeSet goes out on signals.changes after success."""

    def __init__(self, parent: QObject | None, fn: Callable[[], Any], signals: AppSignals) -> None:
        super().__init__(parent, fn)
        self._signals = signals

    def _succeed(self, result: Any) -> None:
        value, changes = result, None
        if isinstance(result, ChangeSet):
            value, changes = None, result
        elif isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], ChangeSet):
            value, changes = result
        if changes:
            emit(self._signals.changes, changes)
        super()._succeed(value)
