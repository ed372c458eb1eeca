"""The county server in its own process for the fault tests: plain HTTP on loopback, test-only hooks.

Usage: python -m tests.sync.county_runner DB_PATH PORT_FILE
It binds 127.0.0.1:0 and writes the port to PORT_FILE once listening. TLS is terminated by the
fault proxy in front of it (tests/sync/fault_proxy.py), so the station still verifies the test CA.

Test-only environment flags, read here and nowhere in the product:
- COUNTY_CRASHPOINT=push.before_commit[:N] — os._exit(137) inside the N-th push transaction,
  after every change is written and before COMMIT (the database rolls it back);
- COUNTY_CRASHPOINT=push.after_commit[:N] — os._exit(137) after the N-th push COMMIT, before
  the response is sent;
- COUNTY_TEST_NO_RECEIPTS=1 — the negative control: receipts are never found (each one is stored
  under a fresh key), so a replayed change is judged again instead of answered from its receipt.
"""

from __future__ import annotations

import os
import socket
import sys
import uuid
from pathlib import Path
from typing import Any

import uvicorn

from stationdesk.county import push
from stationdesk.county.app import create_app
from stationdesk.county.config import ServerConfig

EXIT_CODE = 137
CRASH_ENV = "COUNTY_CRASHPOINT"
NO_RECEIPTS_ENV = "COUNTY_TEST_NO_RECEIPTS"
CRASHPOINTS = ("push.before_commit", "push.after_commit")

_hits: dict[str, int] = {}


def _crash(name: str) -> None:
    target, _, nth = os.environ.get(CRASH_ENV, "").partition(":")
    if target != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= (int(nth) if nth else 1):
        sys.stderr.write(f"county crashpoint {name}\n")
        sys.stderr.flush()
        os._exit(EXIT_CODE)


def _install_hooks() -> None:
    apply_batch = push.apply_batch
    current_epoch = push.current_epoch  # apply_batch's last call inside its transaction

    def epoch_then_maybe_crash(s: Any) -> str:
        value = current_epoch(s)
        _crash("push.before_commit")
        return value

    def apply_then_maybe_crash(*args: Any, **kwargs: Any) -> dict[str, Any]:
        result = apply_batch(*args, **kwargs)  # committed when it returns
        _crash("push.after_commit")
        return result

    push.current_epoch = epoch_then_maybe_crash  # type: ignore[assignment]
    push.apply_batch = apply_then_maybe_crash  # type: ignore[assignment]
    if os.environ.get(NO_RECEIPTS_ENV) == "1":
        # the bug class the checker must catch: receipts written but never looked up, so a
        # re-sent change is judged again (as stale, or applied twice) instead of replayed
        store = push._store_receipts

        def no_lookup(s: Any, station: str, changes: Any) -> dict[str, Any]:
            return {}

        def fresh_ids(s: Any, rows: list[dict[str, Any]]) -> None:
            for row in rows:
                row["change_id"] = f"{row['change_id'][:24]}-{uuid.uuid4().hex}"
            store(s, rows)

        push._load_receipts = no_lookup  # type: ignore[assignment]
        push._store_receipts = fresh_ids  # type: ignore[assignment]


def main(db_path: str, port_file: str) -> None:
    _install_hooks()
    app = create_app(db_path, ServerConfig(rate_per_s=100_000, burst=100_000))
    # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY on accepted sockets only then
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    )
    target = Path(port_file)
    part = target.with_name(target.name + ".part")
    part.write_text(str(sock.getsockname()[1]))

    original_startup = server.startup

    async def startup(sockets: Any = None) -> None:
        await original_startup(sockets=sockets)
        os.replace(part, target)  # the port is announced once connections are accepted

    server.startup = startup  # type: ignore[method-assign]
    server.run(sockets=[sock])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
