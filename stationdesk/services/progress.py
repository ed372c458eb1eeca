"""Progress and cancellation of long exports and imports (进度条与取消)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from stationdesk.domain.errors import DomainError


class Cancelled(DomainError):  # noqa: N818 (a user's choice, not an error)
    """The user stopped a long job; whatever it was writing was rolled back or removed."""

    def __init__(self) -> None:
        super().__init__("cancelled")


class Job:
    """A long job's progress reporter and cancel flag, shared by the worker and the GUI.

    The worker calls step(done, total) as it goes; step raises Cancelled once cancel() was
    called (from any thread), so the job stops at its next step and cleans up.
    """

    def __init__(self, on_progress: Callable[[int, int], None] | None = None) -> None:
        self._on_progress = on_progress
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop at its next step."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        """Whether cancel() was called."""
        return self._cancelled.is_set()

    def step(self, done: int, total: int) -> None:
        """Report progress (done of total); raise Cancelled if the job was cancelled."""
        if self._cancelled.is_set():
            raise Cancelled
        if self._on_progress is not None:
            self._on_progress(done, total)


def step(job: Job | None, done: int, total: int) -> None:
    """job.step(done, total) when there is a job."""
    if job is not None:
        job.step(done, total)
