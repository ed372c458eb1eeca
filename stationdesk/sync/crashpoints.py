"""Named crashpoints of the sync engine (design/sync.md §5.4) for the kill tests."""

from __future__ import annotations

import os

ENV = "STATIONDESK_CRASHPOINT"  # "name" (first hit) or "name:N" (the N-th hit)
EXIT_CODE = 137

NAMES = (
    "push.selected",
    "push.before_send",
    "push.after_send",
    "push.after_response_before_ack_commit",
    "ack.commit",
    "pull.after_fetch",
    "pull.mid_apply",
    "pull.before_commit",
)

_hits: dict[str, int] = {}


def crashpoint(name: str) -> None:
    """Kill the process at once (no cleanup, like a power cut) when the environment names it."""
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    target, _, nth = wanted.partition(":")
    if target != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= (int(nth) if nth else 1):
        os._exit(EXIT_CODE)
