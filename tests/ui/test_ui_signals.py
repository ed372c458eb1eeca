from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from stationdesk.ui.signals import emit
from stationdesk.ui.tasks import BackgroundRunner, QueryOp, use_runner


class _Source(QObject):
    value = Signal(object)


def test_emit_keeps_reference_counts_balanced(qapp):
    """Thousands of emits through signals.emit leave True's reference count where it was."""
    source = _Source()
    seen: list[int] = []
    source.value.connect(seen.append)
    gc.collect()
    gc.disable()  # other tests' garbage must not move the count meanwhile
    try:
        before = sys.getrefcount(True)
        for n in range(3000):
            emit(source.value, n)
        assert abs(sys.getrefcount(True) - before) < 100  # the bug would make it -3000
    finally:
        gc.enable()
    assert len(seen) == 3000


def test_thousands_of_background_ops_run_without_unbalancing_references(qtbot):
    """2,000 ops through the worker thread deliver every result and leak no reference to True."""
    runner = BackgroundRunner()
    previous = use_runner(runner)
    results: list[int] = []
    gc.collect()
    gc.disable()  # other tests' garbage must not move the count meanwhile
    try:
        before = sys.getrefcount(True)
        for n in range(2000):
            QueryOp(None, lambda n=n: n).success(results.append).run_in_background()
        qtbot.waitUntil(lambda: len(results) == 2000, timeout=20_000)
        assert abs(sys.getrefcount(True) - before) < 200  # the bug would make it -4000
    finally:
        gc.enable()
        use_runner(previous)
    assert results == list(range(2000))


def test_ui_code_emits_only_through_the_helper():
    """No module in stationdesk/ui calls SignalInstance.emit() directly (signals.py excepted)."""
    ui = Path(__file__).resolve().parents[2] / "stationdesk" / "ui"
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(ui.glob("*.py"))
        if path.name != "signals.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".emit(" in line or ".emit)" in line
    ]
    assert offenders == []
