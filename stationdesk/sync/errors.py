"""Sync errors with stable codes and their class: retried with backoff, or sync stopped."""

from __future__ import annotations

from stationdesk.domain.errors import DomainError

# Codes after which automatic sync stops until someone acts (new token, newer app).
STOPPING = frozenset({"sync_auth_failed", "sync_protocol_unsupported"})


class SyncError(DomainError):
    """A sync attempt failed; params may carry `retry_after` (seconds) from the server."""

    @property
    def retryable(self) -> bool:
        """Backoff retries it (everything but a revoked token or an unsupported protocol)."""
        return self.code not in STOPPING

    @property
    def retry_after(self) -> float | None:
        """The server's Retry-After in seconds, when it sent one."""
        value = self.params.get("retry_after")
        return float(value) if isinstance(value, int | float) else None
