from __future__ import annotations

import threading

import pytest

from stationdesk.domain.errors import ValidationError
from stationdesk.services.changes import ChangeSet
from stationdesk.ui.tasks import BackgroundRunner, Op, QueryOp, use_runner


def test_background_runner_uses_one_worker_thread_and_delivers_on_the_gui_thread(qtbot):
    """Tasks run in order on a single worker thread; callbacks come back on the GUI thread."""
    runner = BackgroundRunner()
    previous = use_runner(runner)
    try:
        ran_on: list[int] = []
        delivered: list[tuple[int, int]] = []
        for n in range(3):

            def work(n: int = n) -> int:
                ran_on.append(threading.get_ident())
                return n

            QueryOp(None, work).success(
                lambda n: delivered.append((n, threading.get_ident()))
            ).run_in_background()
        qtbot.waitUntil(lambda: len(delivered) == 3, timeout=5000)
    finally:
        use_runner(previous)

    gui = threading.get_ident()
    assert [n for n, _ in delivered] == [0, 1, 2]
    assert {t for _, t in delivered} == {gui}
    assert len(set(ran_on)) == 1 and ran_on[0] != gui
    assert runner.run_blocking(threading.get_ident) == ran_on[0]


def test_op_emits_the_changeset_after_success(signals):
    """A mutating Op hands its result to success and its ChangeSet to AppSignals.changes."""
    seen: list[object] = []
    signals.changes.connect(seen.append)
    results: list[object] = []
    changes = ChangeSet.of("visit", ids=["v1"])
    Op(None, lambda: ("done", changes), signals).success(results.append).run_in_background()
    assert results == ["done"]
    assert seen == [changes]


def test_failed_op_calls_failure_and_emits_no_changeset(signals):
    """A DomainError goes to the failure callback and nothing is announced."""
    seen: list[object] = []
    signals.changes.connect(seen.append)
    errors: list[BaseException] = []

    def fail() -> ChangeSet:
        raise ValidationError("required", "station_name")

    Op(None, fail, signals).success(seen.append).failure(errors.append).run_in_background()
    assert [e.code for e in errors] == ["required"]
    assert seen == []


def test_inline_runner_raises_unexpected_errors_so_tests_fail_loudly(signals):
    """A bug (not a DomainError) in an Op is raised by the test runner, not hidden in a box."""
    with pytest.raises(ZeroDivisionError):
        QueryOp(None, lambda: 1 / 0).run_in_background()
