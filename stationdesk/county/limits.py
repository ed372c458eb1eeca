"""Request limits as ASGI middleware: body size (413) and a per-token rate (429 + Retry-After)."""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from stationdesk.county.auth import bearer_token

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

BLOB_PREFIX = "/api/sync/v1/blobs/"


class RateLimiter:
    """A token bucket per key: `rate` requests a second on average, bursts up to `burst`."""

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """0 if a request may go now (and count it), else the seconds until it may."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > 10_000:
                    self._forget_full(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        full = [
            k
            for k, (t, last) in self._buckets.items()
            if t + (now - last) * self.rate >= self.burst
        ]
        for key in full:
            del self._buckets[key]


class _BodyTooLargeError(Exception):
    pass


async def _refuse(send: Send, status: int, code: str, headers: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps({"error": code}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


PER_ADDRESS = 10  # a client address may send this many tokens' worth (a NAT of stations)


def _rate_keys(scope: Scope) -> tuple[str, str]:
    """The presented token's hash as auth reads it (never the token), and the client address.

    Both are limited: the token so one device cannot flood, the address so that made-up or
    re-spelt tokens ("bearer  x") do not each get a fresh allowance.
    """
    client = scope.get("client") or ("?", 0)
    address = f"a:{client[0]}"
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            token = bearer_token(value.decode("latin-1"))
            if token:
                return "t:" + hashlib.sha256(token.encode()).hexdigest(), address
    return address + ":no-token", address


class LimitsMiddleware:
    """Refuse bodies over the limit (413, also when streamed) and callers over the rate (429)."""

    def __init__(
        self, app: ASGIApp, *, max_bytes: int, blob_max_bytes: int, limiter: RateLimiter
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.blob_max_bytes = blob_max_bytes
        self.limiter = limiter
        self.address_limiter = RateLimiter(
            limiter.rate * PER_ADDRESS, limiter.burst * PER_ADDRESS, limiter.clock
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the rate and the declared length, then count the streamed body."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token_key, address_key = _rate_keys(scope)
        wait = max(self.limiter.take(token_key), self.address_limiter.take(address_key))
        if wait > 0:
            retry = str(max(1, math.ceil(wait))).encode()
            await _refuse(send, 429, "rate_limited", [(b"retry-after", retry)])
            return
        path = str(scope.get("path", ""))
        limit = self.blob_max_bytes if path.startswith(BLOB_PREFIX) else self.max_bytes
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > limit:
                await _refuse(send, 413, "too_large", [])
                return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _BodyTooLargeError
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except _BodyTooLargeError:
            if not started:
                await _refuse(send, 413, "too_large", [])
