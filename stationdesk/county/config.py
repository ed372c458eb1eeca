"""The county server's tunables: batch and body limits, the rate limit, protocol versions."""

from __future__ import annotations

from dataclasses import dataclass

PROTOCOLS = (1,)


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Limits announced by hello and enforced by the server."""

    max_batch: int = 200
    max_bytes: int = 512 * 1024
    blob_max_bytes: int = 4 * 1024 * 1024
    rate_per_s: float = 20.0
    burst: int = 60
    message: str | None = None
