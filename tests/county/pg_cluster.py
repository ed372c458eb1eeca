"""A throwaway PostgreSQL cluster for the county tests: initdb + pg_ctl as `postgres` on loopback."""

from __future__ import annotations

import glob
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

USER = "sd"


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _install() -> None:
    """apt-get install postgresql (root only; `make test` reaches here on a fresh machine)."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"],
        check=False,
        env=env,
        capture_output=True,
    )


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(command: str) -> subprocess.CompletedProcess[str]:
    if os.geteuid() == 0:
        cmd = ["su", "postgres", "-s", "/bin/bash", "-c", command]
    else:
        cmd = ["/bin/bash", "-c", command]
    return subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=120)


@contextmanager
def pg_cluster() -> Iterator[str]:
    """Start a cluster in a temp dir on a free port; yield its base URL; stop and remove it.

    As root a missing PostgreSQL is installed from Debian, and a failure fails the run; a
    non-root run without the binaries is skipped with the reason shown.
    """
    bindir = _bin_dir()
    if bindir is None and os.geteuid() == 0:
        _install()
        bindir = _bin_dir()
    if bindir is None:
        message = "PostgreSQL 未安装（apt-get install postgresql）：以 root 运行 make test"
        if os.geteuid() == 0:
            pytest.fail(message)
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="sd-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    data, sock, log = root / "data", root, root / "log"
    q = shlex.quote
    done = _as_postgres(f"{q(str(bindir / 'initdb'))} -D {q(str(data))} -A trust -U {USER} -E UTF8")
    if done.returncode != 0:
        pytest.fail(f"initdb failed: {done.stderr[-2000:]}")
    opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    done = _as_postgres(
        f"{q(str(bindir / 'pg_ctl'))} -D {q(str(data))} -o {q(opts)} -l {q(str(log))} -w start"
    )
    if done.returncode != 0:
        pytest.fail(f"pg_ctl start failed: {done.stderr[-2000:]} {log.read_text()[-2000:]}")
    try:
        yield f"postgresql+psycopg://{USER}@127.0.0.1:{port}"
    finally:
        _as_postgres(f"{q(str(bindir / 'pg_ctl'))} -D {q(str(data))} -m fast -w stop")
        shutil.rmtree(root, ignore_errors=True)


def wait_port(port: int, timeout: float = 20.0) -> None:
    """Wait until something listens on 127.0.0.1:port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port}")
