"""Adaptive batch size (AIMD): halve on a timeout or 413, double after 5 successes in a row."""

from __future__ import annotations

from dataclasses import dataclass

START_CHANGES = 200
START_BYTES = 512 * 1024
FLOOR = 10  # a timeout never shrinks a batch below this
GROW_AFTER = 5


@dataclass(frozen=True, slots=True)
class BatchSize:
    """The current number of changes per push and the successes since it last changed."""

    changes: int = START_CHANGES
    streak: int = 0

    def succeeded(self, ceiling: int) -> BatchSize:
        """One more success; the size doubles (up to the ceiling) after five in a row."""
        streak = self.streak + 1
        if streak >= GROW_AFTER and self.changes < ceiling:
            return BatchSize(min(ceiling, self.changes * 2), 0)
        return BatchSize(min(self.changes, ceiling), streak)

    def timed_out(self) -> BatchSize:
        """A timeout halves the size, not below the floor."""
        return BatchSize(max(FLOOR, self.changes // 2), 0)

    def too_large(self, sent: int) -> BatchSize:
        """413 for `sent` changes: half of that, down to one change (which is then rejected)."""
        return BatchSize(max(1, min(self.changes, sent) // 2), 0)
