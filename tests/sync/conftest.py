"""Sync fixtures: an in-memory keyring, a TLS CA, the REAL county server under uvicorn on loopback."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
import uvicorn
from keyring.backend import KeyringBackend

from stationdesk.county import admin
from stationdesk.county.app import create_app
from stationdesk.county.config import ServerConfig
from stationdesk.services.station import create_station
from stationdesk.sync.setup import configure
from tests.store.conftest import paths  # noqa: F401

x509 = pytest.importorskip("cryptography.x509")
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

STATION_CODE = "410205-01"


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process only (tests; never shipped)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture
def memory_keyring():
    """Install the in-memory keyring for one test, then put the real (failing) one back."""
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


@dataclass(frozen=True)
class Tls:
    ca: Path
    cert: Path
    key: Path
    other_ca: Path  # a CA that did not sign the server's certificate
    expired_cert: Path


def _issue(ca_key, ca_cert, key, start, end, path: Path) -> None:
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _ca(folder: Path, name: str):
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(name))
        .issuer_name(_name(name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    path = folder / f"{name}.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert, path


@pytest.fixture(scope="session")
def tls(tmp_path_factory) -> Tls:
    """A county CA, the server's certificate for 127.0.0.1, a stranger CA, an expired cert."""
    folder = tmp_path_factory.mktemp("tls")
    ca_key, ca_cert, ca_path = _ca(folder, "county-ca")
    _k, _c, other = _ca(folder, "other-ca")
    key = ec.generate_private_key(ec.SECP256R1())
    (folder / "server.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    now = dt.datetime.now(dt.UTC)
    _issue(ca_key, ca_cert, key, now - dt.timedelta(days=1), now + dt.timedelta(days=30),
           folder / "server.pem")  # fmt: skip
    _issue(ca_key, ca_cert, key, now - dt.timedelta(days=60), now - dt.timedelta(days=30),
           folder / "expired.pem")  # fmt: skip
    return Tls(ca_path, folder / "server.pem", folder / "server.key", other, folder / "expired.pem")


class CountyServer:
    """The real county app (SQLite file) served over HTTPS by uvicorn in a thread on loopback."""

    def __init__(self, db_path: Path, tls: Tls, config: ServerConfig, cert: Path | None = None):
        self.app = create_app(str(db_path), config)
        self.engine = self.app.state.engine
        # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY on accepted sockets only then
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(
                self.app,
                log_level="warning",
                lifespan="off",
                ssl_certfile=str(cert or tls.cert),
                ssl_keyfile=str(tls.key),
            )
        )
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.01)

    def add_station(self, code: str = STATION_CODE) -> tuple[str, str]:
        admin.add_station(self.engine, code, "测试联络站")
        return admin.add_device(self.engine, code)

    def close(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.engine.dispose()


@pytest.fixture
def county_config() -> ServerConfig:
    """Limits of the county under test (tests override this fixture to shrink them)."""
    return ServerConfig(rate_per_s=10_000, burst=10_000)


@pytest.fixture
def county(tmp_path, tls, county_config):
    """The county server for one test."""
    server = CountyServer(tmp_path / "county.db", tls, county_config)
    yield server
    server.close()


@pytest.fixture
def ctx(paths):  # noqa: F811
    """A fresh station database (real SQLite file)."""
    context, _ = create_station(paths, code=STATION_CODE, name="测试联络站", county="测试县")
    yield context
    context.db.dispose()


@dataclass(frozen=True)
class Station:
    ctx: object
    token: str
    device_id: str


@pytest.fixture
def station(ctx, county, tls, memory_keyring) -> Station:
    """A station set up against the county: device token in the (memory) keyring, CA pinned."""
    device_id, token = county.add_station()
    configure(ctx, county.url, token, tls.ca)
    return Station(ctx, token, device_id)
