"""Benchmark R6/R10: the full sync push vs bare batched and one-per-record POST loops; backlog RSS.

One county server process (uvicorn, HTTPS with a throw-away test CA, loopback) serves all modes.
The station's outbox is filled by real visit registrations (triggers write the rows); the payloads
are read from the outbox before the push. Modes, each on fresh records (new ids, same bytes):
(b) SyncEngine.run_cycle: outbox select → POST (gzip) → ack transaction, push timed apart from pull;
(a) bare: the same payloads POSTed in the batch sizes (b) used, with the same Transport class
    (same httpx keep-alive client, gzip, TLS); the server applies them WITHOUT receipts (bench-only
    hook in the server process: the product's per-change apply, no receipt rows, no replay lookup);
(c) one POST per record with the same client to the full server path (receipts on), on a sample.
All R6 modes share one client with TCP_NODELAY set (asyncio sets it on the server side): with
Nagle on, TLS writes headers and body as two records and a one-change POST waits ~40 ms for the
delayed ACK (--nagle shows it; the design's "Pitfall").
Goals: (b)/(a) ≥ 0.6, (b)/(c) ≥ 20. R10: a second station with a --backlog change backlog is
drained by the engine in a child process; its peak RSS (VmHWM) must stay ≤ 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stationdesk.paths import DataPaths
from stationdesk.services.reception import register_visit
from stationdesk.services.station import create_station, open_data_dir
from stationdesk.sync import outbox
from stationdesk.sync.batching import START_BYTES
from stationdesk.sync.engine import SyncEngine
from stationdesk.sync.setup import configure
from stationdesk.sync.transport import Transport

BARE = "bare"  # change_id prefix of the bare baseline's batches (the server skips receipts)
STATIONS = ("410205-01", "410205-02")


# ---------------------------------------------------------------- server process


def _serve(db: str, port_file: str, cert: str, key: str, tokens_file: str) -> None:
    """The county app over HTTPS on 127.0.0.1:0, with the bench-only bare path installed."""
    import uvicorn
    from sqlalchemy.orm import Session

    from stationdesk.county import admin, push
    from stationdesk.county.app import create_app
    from stationdesk.county.config import ServerConfig
    from stationdesk.county.db import current_epoch, lock_station, utc_now
    from stationdesk.county.models import Device

    full = push.apply_batch

    def bare(engine: Any, caller: Any, body: dict[str, Any], changes: list[Any]) -> Any:
        if not changes or not all(c.change_id.startswith(BARE) for c in changes):
            return full(engine, caller, body, changes)
        now = utc_now()
        with Session(engine) as s, s.begin():
            lock_station(s, caller.station_code)
            results = push.apply_changes(s, caller, changes, now, receipts=False)
            device = s.get(Device, caller.device_id)
            if device is not None:
                device.last_seen = now
            epoch = current_epoch(s)
        return {"batch_id": body.get("batch_id"), "epoch": epoch, "results": results}

    push.apply_batch = bare  # type: ignore[assignment]
    app = create_app(db, ServerConfig(rate_per_s=1_000_000, burst=1_000_000))
    tokens = {}
    for code in STATIONS:
        admin.add_station(app.state.engine, code, "基准联络站")
        tokens[code] = admin.add_device(app.state.engine, code)[1]
    Path(tokens_file).write_text(json.dumps(tokens))
    # proto=IPPROTO_TCP, as uvicorn's own bind makes it: asyncio sets TCP_NODELAY on accepted
    # sockets only when proto says TCP; with proto 0 each response's body waits ~40 ms (Nagle).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            log_level="warning",
            lifespan="off",
            access_log=False,
            ssl_certfile=cert,
            ssl_keyfile=key,
        )
    )
    Path(port_file).write_text(str(sock.getsockname()[1]))
    server.run(sockets=[sock])


def _tls(folder: Path) -> tuple[Path, Path, Path]:
    """A throw-away CA and a server certificate for 127.0.0.1 (the tests' helpers)."""
    import datetime as dt

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from tests.sync.conftest import _ca, _issue

    ca_key, ca_cert, ca_path = _ca(folder, "bench-ca")
    key = ec.generate_private_key(ec.SECP256R1())
    key_path = folder / "server.key"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    now = dt.datetime.now(dt.UTC)
    cert = folder / "server.pem"
    _issue(ca_key, ca_cert, key, now - dt.timedelta(days=1), now + dt.timedelta(days=2), cert)
    return ca_path, cert, key_path


# ---------------------------------------------------------------- station side


def _keyring() -> None:
    import keyring

    from tests.sync.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())


def _station(folder: Path, code: str, changes: int, url: str, token: str, ca: Path) -> int:
    """A station database with at least `changes` queued outbox rows; their count."""
    from tests.factories import sample_visit

    ctx, _ = create_station(DataPaths(folder), code=code, name="基准联络站", county="测试县")
    n = 0
    while True:
        for _ in range(50):
            register_visit(ctx, sample_visit(n))
            n += 1
        with ctx.db.read_core() as conn:
            queued = outbox.pending_count(conn)
        if queued >= changes:
            break
    configure(ctx, url, token, ca)
    ctx.db.dispose()
    return queued


def _open(folder: Path) -> Any:
    opened = open_data_dir(DataPaths(folder))
    assert opened.ctx is not None
    return opened.ctx


def _fresh(change: outbox.OutboxChange, prefix: str) -> dict[str, Any]:
    """The change's wire form under new ids of the same length (a new record, same bytes)."""
    wire = change.wire()
    entity_id = str(uuid.uuid4())[: len(change.entity_id)]
    wire["change_id"] = (prefix + uuid.uuid4().hex * 2)[: max(len(change.change_id), 36)]
    wire["entity_id"] = entity_id
    if isinstance(wire["payload"], dict) and "id" in wire["payload"]:
        wire["payload"]["id"] = entity_id
    return wire


def _check(response: dict[str, Any], expected: int) -> None:
    results = response["results"]
    applied = sum(1 for r in results if r.get("status") == "applied")
    if applied != expected:
        raise SystemExit(f"server applied {applied} of {expected}: {results[:2]}")


def _nodelay(transport: Transport, ca: Path) -> None:
    """TCP_NODELAY on the client's sockets (TLS, keep-alive and pool otherwise as built)."""
    import httpx

    from stationdesk.sync.transport import tls_context

    transport._client._transport = httpx.HTTPTransport(
        verify=tls_context(ca), socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
    )


def _r6(folder: Path, url: str, token: str, ca: Path, single: int, nagle: bool) -> None:
    from tests.county.payloads import batch as envelope  # the county tests' push envelope

    ctx = _open(folder)
    with ctx.db.write_core() as conn:  # the push coalesces first: read what it will send
        outbox.coalesce(conn, START_BYTES)
    with ctx.db.read_core() as conn:
        changes = outbox.select_batch(conn, 10**9, 10**12)
        station_id, device_id = conn.exec_driver_sql("SELECT id, device_id FROM station").one()
    sizes: list[int] = []
    transport = Transport(url, token, ca_file=ca)
    if not nagle:
        _nodelay(transport, ca)
    push = transport.push

    def recording(body: Any) -> dict[str, Any]:
        sizes.append(len(body["changes"]))
        return push(body)

    transport.push = recording  # type: ignore[method-assign]
    engine = SyncEngine(ctx, transport=transport)
    timed: dict[str, float] = {}
    run_push, run_pull = engine._push, engine._pull

    def push_timed(*args: Any) -> None:
        start = time.perf_counter()
        run_push(*args)
        timed["push"] = time.perf_counter() - start

    def pull_timed(*args: Any) -> None:
        start = time.perf_counter()
        run_pull(*args)
        timed["pull"] = time.perf_counter() - start

    engine._push = push_timed  # type: ignore[method-assign]
    engine._pull = pull_timed  # type: ignore[method-assign]
    start = time.perf_counter()
    report = engine.run_cycle(force=True)
    cycle = time.perf_counter() - start
    if report.applied != len(changes) or report.pending:
        raise SystemExit(f"push incomplete: {report}")
    transport.push = push  # type: ignore[method-assign]
    full = len(changes) / timed["push"]
    print(
        f"(b) full push   {len(changes)} changes in {len(sizes)} batches "
        f"(sizes {min(sizes)}–{max(sizes)}): {timed['push']:.2f} s → {full:,.0f} changes/s "
        f"(cycle {cycle:.2f} s incl. hello + pull {timed.get('pull', 0):.2f} s, "
        f"{report.pulled} pulled)"
    )

    at = 0
    start = time.perf_counter()
    for size in sizes:
        batch = [_fresh(c, BARE) for c in changes[at : at + size]]
        _check(transport.push(envelope(batch, station_id, device_id)), len(batch))
        at += size
    bare_s = time.perf_counter() - start
    bare = len(changes) / bare_s
    print(f"(a) bare batched {len(changes)} changes, same batch sizes, no receipts: "
          f"{bare_s:.2f} s → {bare:,.0f} changes/s")  # fmt: skip

    sample = changes[:single]
    start = time.perf_counter()
    for change in sample:
        _check(transport.push(envelope([_fresh(change, "one")], station_id, device_id)), 1)
    one_s = time.perf_counter() - start
    one = len(sample) / one_s
    print(f"(c) one POST per record, {len(sample)} records (sample), receipts on: "
          f"{one_s:.2f} s → {one:,.0f} changes/s")  # fmt: skip
    print(f"(b)/(a) = {full / bare:.2f}  (goal ≥ 0.6)")
    print(f"(b)/(c) = {full / one:.1f}  (goal ≥ 20)")
    transport.close()
    ctx.db.dispose()


def _drain(folder: str, token: str) -> None:
    """Child process of R10: drain the backlog with the engine; print time and VmHWM as JSON."""
    from stationdesk.security import credentials

    _keyring()
    ctx = _open(Path(folder))
    with ctx.db.read_core() as conn:
        code, device = conn.exec_driver_sql("SELECT code, device_id FROM station").one()
        queued = outbox.pending_count(conn)
    credentials.store_token(f"{code}/{device}", token)
    start = time.perf_counter()
    report = SyncEngine(ctx).run_cycle(force=True)
    seconds = time.perf_counter() - start
    hwm = next(
        int(line.split()[1])
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM:")
    )
    print(json.dumps({"queued": queued, "applied": report.applied, "pending": report.pending,
                      "batches": report.batches, "seconds": seconds, "hwm_kb": hwm}))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=10_000, help="outbox changes for R6")
    parser.add_argument("--single", type=int, default=2_000, help="sample for one-per-record")
    parser.add_argument("--backlog", type=int, default=50_000, help="R10 backlog (0: skip)")
    parser.add_argument(
        "--nagle", action="store_true", help="leave Nagle on (the client as shipped) in R6"
    )
    parser.add_argument("--serve", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--drain", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        _serve(*args.serve)
        return
    if args.drain:
        _drain(*args.drain)
        return
    _keyring()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ca, cert, key = _tls(root)
        port_file, tokens_file = root / "port", root / "tokens.json"
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        server = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(root / "county.db"), str(port_file),
             str(cert), str(key), str(tokens_file)], env=env)  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while not (port_file.exists() and tokens_file.exists()):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("county server did not start")
                time.sleep(0.05)
            time.sleep(0.5)
            url = f"https://127.0.0.1:{port_file.read_text()}"
            tokens = json.loads(tokens_file.read_text())
            start = time.perf_counter()
            queued = _station(root / "a", STATIONS[0], args.changes, url, tokens[STATIONS[0]], ca)
            print(f"station A: {queued} outbox changes written in "
                  f"{time.perf_counter() - start:.1f} s")  # fmt: skip
            _r6(root / "a", url, tokens[STATIONS[0]], ca, args.single, args.nagle)
            if args.backlog:
                start = time.perf_counter()
                queued = _station(root / "b", STATIONS[1], args.backlog, url,
                                  tokens[STATIONS[1]], ca)  # fmt: skip
                print(f"station B: {queued} outbox changes written in "
                      f"{time.perf_counter() - start:.1f} s")  # fmt: skip
                out = subprocess.run(
                    [sys.executable, __file__, "--drain", str(root / "b"), tokens[STATIONS[1]]],
                    env=env, check=True, capture_output=True, text=True)  # fmt: skip
                r = json.loads(out.stdout.strip().splitlines()[-1])
                print(f"R10 backlog {r['queued']} changes: drained in {r['seconds']:.1f} s "
                      f"({r['queued'] / r['seconds']:,.0f} changes/s, {r['batches']} batches, "
                      f"{r['pending']} left), client peak RSS {r['hwm_kb'] / 1024:.0f} MB "
                      f"(goal ≤ 200 MB)")  # fmt: skip
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
