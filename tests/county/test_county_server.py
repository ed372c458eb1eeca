"""A real `stationdesk-county serve` on a loopback port: push 1,000 changes, TLS, token hygiene."""

import json
import os
import re
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import MetaData, create_engine, select

from stationdesk.county.db import normalise_url
from tests.county.conftest import headers
from tests.county.payloads import batch, change, visit
from tests.county.pg_cluster import free_port, wait_port

ROOT = Path(__file__).resolve().parents[2]
UID = "0190aaaa-0000-7000-8000-00000000000a"


def cli(db_url, *args):
    done = subprocess.run(
        [sys.executable, "-m", "stationdesk.county.cli", *args, "--db", db_url],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    return done


def _provision(db_url):
    assert cli(db_url, "add-station", "st-01", "城关联络站").returncode == 0
    done = cli(db_url, "add-device", "st-01")
    assert done.returncode == 0, done.stderr
    token = re.search(r"：([A-Za-z0-9_-]{43})$", done.stdout, re.M).group(1)
    device_id = re.search(r"设备编号：(\S+)", done.stdout).group(1)
    return token, device_id


class Server:
    def __init__(self, db_url, log_path, *extra):
        self.port = free_port()
        self.log = open(log_path, "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "stationdesk.county.cli",
                "serve",
                "--db",
                db_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                *extra,
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        wait_port(self.port)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=20)
        self.log.close()


def _database_text(db_url, tmp_path):
    """Every byte of the county database: the SQLite files, or every row of every table."""
    url = normalise_url(db_url)
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    engine = create_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    out = []
    with engine.connect() as con:
        for table in meta.sorted_tables:
            out += [repr(tuple(row)) for row in con.execute(select(table))]
    engine.dispose()
    return "\n".join(out).encode()


def test_push_1000_changes_over_loopback(db_url, tmp_path, capsys):
    """1,000 changes in batches of 200 to a real server, all applied, pulled back, timed."""
    token, _device = _provision(db_url)
    server = Server(db_url, tmp_path / "server.log")
    try:
        base = f"http://127.0.0.1:{server.port}/api/sync/v1"
        rows = [visit(UID, name=f"访客{i}") for i in range(1000)]
        changes = [change("visit", v["id"], v, seq=i + 1) for i, v in enumerate(rows)]
        with httpx.Client(base_url=base, headers=headers(token), timeout=60) as client:
            assert client.get("/hello").status_code == 200
            started = time.perf_counter()
            statuses = []
            for i in range(0, 1000, 200):
                r = client.post("/push", json=batch(changes[i : i + 200], station_id=UID))
                assert r.status_code == 200, r.text
                statuses += [x["status"] for x in r.json()["results"]]
            elapsed = time.perf_counter() - started
            assert statuses == ["applied"] * 1000
            pulled, cursor = [], 0
            while True:
                body = client.get("/pull", params={"cursor": cursor, "limit": 500}).json()
                pulled += body["changes"]
                cursor = body["next_cursor"]
                if not body["has_more"]:
                    break
            assert [c["entity_id"] for c in pulled] == [v["id"] for v in rows]
            assert client.get("/hello").json()["device"]["last_acked_local_seq"] == 1000
    finally:
        server.stop()
    backend = "postgresql" if db_url.startswith("postgresql") else "sqlite"
    with capsys.disabled():
        print(
            f"\n[county] push 1000 changes / 5 batches over loopback ({backend}): {elapsed:.2f} s"
        )
    assert elapsed < 60


def test_token_never_stored_or_logged(db_url, tmp_path):
    """The token is in no database byte, server log line, stats output or pulled data (a grep)."""
    token, device_id = _provision(db_url)
    log_path = tmp_path / "server.log"
    server = Server(db_url, log_path)
    responses = []
    try:
        base = f"http://127.0.0.1:{server.port}/api/sync/v1"
        v = visit(UID)
        with httpx.Client(base_url=base, headers=headers(token), timeout=30) as client:
            responses.append(client.get("/hello"))
            responses.append(client.post("/push", json=batch([change("visit", v["id"], v)])))
            responses.append(client.get("/pull"))
            responses.append(client.get("/hello", headers={"Authorization": f"Bearer {token}x"}))
    finally:
        server.stop()
    assert [r.status_code for r in responses] == [200, 200, 200, 401]
    stats = cli(db_url, "stats")
    assert stats.returncode == 0
    assert json.loads(stats.stdout)["stations"][0]["records"] == {"visit": 1}
    revoked = cli(db_url, "revoke-device", device_id)
    assert revoked.returncode == 0
    haystacks = {
        "database": _database_text(db_url, tmp_path),
        "log": log_path.read_bytes(),
        "stats": stats.stdout.encode() + stats.stderr.encode(),
        "responses": b"".join(r.content for r in responses),
    }
    assert len(haystacks["log"]) > 0 and len(haystacks["database"]) > 0
    for name, data in haystacks.items():
        assert token.encode() not in data, name
        assert token[:16].encode() not in data, name


def test_tls_serve(tmp_path):
    """`serve --tls-cert --tls-key` speaks HTTPS; a client pinned to that certificate gets hello."""
    db_url = str(tmp_path / "county.db")
    token, _ = _provision(db_url)
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    server = Server(db_url, tmp_path / "server.log", "--tls-cert", str(cert), "--tls-key", str(key))
    try:
        ctx = ssl.create_default_context(cafile=str(cert))
        url = f"https://127.0.0.1:{server.port}/api/sync/v1/hello"
        r = httpx.get(url, headers=headers(token), verify=ctx, timeout=30)
        assert r.status_code == 200 and r.json()["protocols"] == [1]
        with pytest.raises(httpx.ConnectError):
            httpx.get(url, headers=headers(token), timeout=30)  # the system CAs do not know it
    finally:
        server.stop()
