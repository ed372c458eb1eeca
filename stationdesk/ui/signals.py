"""App-wide signals (AppSignals carries each committed ChangeSet) and the one way to emit a signal.

Emit our signals only through `emit(signal, *args)`: PySide6 6.12.0's `SignalInstance.emit()`
returns `True` without taking a new reference, so every Python-side emit lowers True's reference
count by one, and after a few hundred emits CPython aborts with "Fatal Python error:
bool_dealloc: deallocating True or False". A probe at import detects the bug and `emit` then
restores the reference; on a PySide6 without the bug the probe finds nothing and `emit` is a
plain emit. Signals emitted by Qt itself (clicked, timeout, …) are not affected.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class AppSignals(QObject):
    """Created once by the composition root and handed to the windows that need it."""

    # Emitted on the GUI thread with the ChangeSet of every successful mutating Op.
    changes = Signal(object)


class _Probe(QObject):
    ping = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    result = probe.ping.emit()
    del result  # on a buggy PySide6 this drops a reference that was never taken
    dropped = sys.getrefcount(True) < before
    if dropped:
        _incref(True)  # give back the one the probe cost
    return dropped


EMIT_DROPS_A_REFERENCE = _emit_drops_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """signal.emit(*args), minus PySide6 6.12.0's reference-count bug (see the module doc)."""
    result = signal.emit(*args)
    if EMIT_DROPS_A_REFERENCE and isinstance(result, bool):
        _incref(result)
