"""A seeded HTTP/1.1 fault proxy on loopback (design/sync.md §5.2): TLS to the station, HTTP upstream."""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
import threading
from collections import Counter
from dataclasses import dataclass

log = logging.getLogger("stationdesk.faultproxy")

# refuse is drawn when a connection arrives; the others when a request has been read.
REQUEST_MODES = (
    "reset_before",
    "reset_after_upload",
    "drop_response",
    "truncate",
    "duplicate",
    "delay",
    "http503",
)
MODES = ("refuse", *REQUEST_MODES)

_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: application/json\r\n"
    b'Content-Length: 17\r\nConnection: close\r\n\r\n{"error":"busy"}\n'
)


@dataclass(frozen=True, slots=True)
class Fault:
    """One injected fault: its number, mode and the request line it hit."""

    n: int
    mode: str
    request: str


class ClosedError(Exception):
    """The peer closed the connection between messages."""


async def _read_message(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    """One HTTP/1.1 message: the head (with its blank line) and a Content-Length or chunked body."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError) as exc:
        raise ClosedError from exc
    length, chunked = 0, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if not chunked:
        return head, await reader.readexactly(length)
    body = b""
    while True:
        size_line = await reader.readuntil(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        chunk = await reader.readexactly(size + 2)
        body += size_line + chunk
        if size == 0:
            return head, body


class FaultProxy:
    """Reverse proxy 127.0.0.1:port → 127.0.0.1:upstream_port, faulting `rate` of exchanges.

    Decisions come from random.Random(seed); each injected fault is logged and kept in `faults`
    so a failing test can print its fault trace. Set `enabled = False` to heal the link.
    """

    def __init__(
        self,
        upstream_port: int,
        server_ssl: ssl.SSLContext,
        *,
        seed: int,
        rate: float = 0.25,
        modes: tuple[str, ...] = MODES,
    ) -> None:
        self.upstream_port = upstream_port
        self.server_ssl = server_ssl
        self.seed = seed
        self.rate = rate
        self.modes = modes
        self.enabled = True
        self.rng = random.Random(seed)
        self.exchanges = 0  # requests plus refused connections
        self.faults: list[Fault] = []
        self.counts: Counter[str] = Counter()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"faultproxy-{seed}", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("fault proxy did not start")
        assert self._server is not None
        self.port = self._server.sockets[0].getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def start() -> None:
            self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
            self._ready.set()

        self._loop.run_until_complete(start())
        self._loop.run_forever()

    def close(self) -> None:
        """Stop listening and end the loop thread."""

        async def stop() -> None:
            assert self._server is not None
            self._server.close()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def trace(self, last: int = 40) -> str:
        """The last injected faults, one a line (for assertion messages)."""
        lines = [f"seed={self.seed} faults={dict(self.counts)} exchanges={self.exchanges}"]
        lines += [f"  #{f.n} {f.mode}: {f.request}" for f in self.faults[-last:]]
        return "\n".join(lines)

    def _draw(self, modes: tuple[str, ...], share: float) -> str | None:
        if not self.enabled:
            return None
        if self.rng.random() >= self.rate * share:
            return None
        return self.rng.choice(modes)

    def _note(self, mode: str, head: bytes) -> None:
        request = head.split(b"\r\n", 1)[0].decode("latin-1")
        fault = Fault(self.exchanges, mode, request)
        self.faults.append(fault)
        self.counts[mode] += 1
        log.info("fault #%d %s on %s (seed %d)", fault.n, mode, request, self.seed)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        try:
            self.exchanges += 1
            # refuse is decided per new connection (half the rate: connections are few, as the
            # client keeps one alive); request faults share the rate like the other 7 modes
            refuse = self._draw(("refuse",), 0.5) if "refuse" in self.modes else None
            if refuse:
                self._note("refuse", b"(connection)")
                writer.transport.abort()
                return
            self.exchanges -= 1  # the connection was not an exchange; its requests are
            await writer.start_tls(self.server_ssl)
            request_modes = tuple(m for m in self.modes if m != "refuse")
            share = len(request_modes) / len(self.modes)
            while True:
                try:
                    head, body = await _read_message(reader)
                except ClosedError:
                    return
                self.exchanges += 1
                mode = self._draw(request_modes, share) if request_modes else None
                if mode is not None:
                    self._note(mode, head)
                if upstream is None:
                    upstream = await asyncio.open_connection("127.0.0.1", self.upstream_port)
                if not await self._exchange(mode, head + body, writer, *upstream):
                    return
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError, ClosedError) as exc:
            log.debug("proxy connection ended: %r", exc)
        finally:
            if upstream is not None:
                upstream[1].transport.abort()
            writer.transport.abort()

    async def _exchange(
        self,
        mode: str | None,
        request: bytes,
        client: asyncio.StreamWriter,
        up_reader: asyncio.StreamReader,
        up_writer: asyncio.StreamWriter,
    ) -> bool:
        """Forward one request under `mode`; False when the connection must be dropped."""
        if mode == "reset_before":
            return False
        if mode == "http503":
            client.write(_BUSY)
            await client.drain()
            return False
        if mode == "reset_after_upload":
            up_writer.write(request[: max(1, len(request) // 2)])
            await up_writer.drain()
            return False
        if mode == "delay":
            await asyncio.sleep(self.rng.uniform(0.02, 0.2))
        up_writer.write(request)
        await up_writer.drain()
        head, body = await _read_message(up_reader)
        if mode == "duplicate":  # the same bytes again; the client gets the second answer
            up_writer.write(request)
            await up_writer.drain()
            head, body = await _read_message(up_reader)
        if mode == "drop_response":  # the server has committed; the answer never arrives
            return False
        if mode == "truncate":
            client.write((head + body)[: len(head) + len(body) - max(1, len(body) // 2)])
            await client.drain()
            return False
        client.write(head + body)
        await client.drain()
        return b"connection: close" not in head.lower()
