"""Security of sync: keyring only (refused without one), TLS always verified, token never stored."""

from __future__ import annotations

import inspect
import logging
import ssl

import keyring
import pytest
from keyring.backends import fail

from stationdesk.domain.errors import AccessError
from stationdesk.services.context import Actor
from stationdesk.services.reception import register_visit
from stationdesk.sync.engine import SyncEngine
from stationdesk.sync.errors import SyncError
from stationdesk.sync.setup import configure, sync_status
from stationdesk.sync.transport import Transport, tls_context
from tests.factories import sample_visit
from tests.sync.checks import outbox_count, receipt_count, state_of
from tests.sync.conftest import CountyServer


@pytest.fixture
def no_keyring():
    """The situation on these machines: no usable backend at all."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_setup_without_a_keyring_is_refused_and_writes_nothing(ctx, county, tls, no_keyring):
    """No keyring backend: setup refuses with keyring_unavailable; no URL, no token anywhere."""
    _id, token = county.add_station()
    with pytest.raises(AccessError) as err:
        configure(ctx, county.url, token, tls.ca)
    assert err.value.code == "keyring_unavailable"
    assert "server_url" not in state_of(ctx)
    assert token.encode() not in ctx.paths.db.read_bytes()
    status = sync_status(ctx)
    assert not status.keyring and not status.token_stored


def test_sync_without_a_keyring_is_refused_before_any_request(station, county, memory_keyring):
    """The keyring went away after setup: the cycle is refused with an explanation, nothing sent."""
    register_visit(station.ctx, sample_visit(1))
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(AccessError) as err:
        SyncEngine(station.ctx).run_cycle()
    assert err.value.code == "keyring_unavailable"
    assert receipt_count(county) == 0
    assert state_of(station.ctx).get("consecutive_failures") == "0"  # not a network failure


def test_a_plaintext_keyring_is_refused(ctx, county, tls):
    """keyrings.alt (plaintext files) is never used for the token."""
    plaintext = type("PlaintextKeyring", (fail.Keyring,), {"__module__": "keyrings.alt.file"})
    previous = keyring.get_keyring()
    keyring.set_keyring(plaintext())
    try:
        _id, token = county.add_station()
        with pytest.raises(AccessError) as err:
            configure(ctx, county.url, token, tls.ca)
        assert err.value.code == "keyring_insecure"
    finally:
        keyring.set_keyring(previous)


def test_only_admins_configure_sync(ctx, county, tls, memory_keyring):
    """A clerk may not change the server or the token (Action.CONFIGURE)."""
    _id, token = county.add_station()
    clerk = ctx.as_actor(Actor("clerk-1", "clerk"))
    with pytest.raises(AccessError) as err:
        configure(clerk, county.url, token, tls.ca)
    assert err.value.code == "forbidden"
    assert memory_keyring.secrets == {}


def test_the_token_is_never_written_to_the_database_files_or_logs(
    station, county, memory_keyring, caplog, capfd
):
    """After setup and a sync: the token is in the keyring and nowhere in the data folder or logs."""
    caplog.set_level(logging.DEBUG)  # httpx, httpcore, uvicorn, sqlalchemy: everything
    ctx = station.ctx
    for i in range(3):
        register_visit(ctx, sample_visit(i))
    SyncEngine(ctx).run_cycle()
    from stationdesk.services.maintenance import backup_now

    backup_now(ctx)
    assert list(memory_keyring.secrets.values()) == [station.token]
    needle = station.token.encode()
    files = [p for p in ctx.paths.root.rglob("*") if p.is_file()]
    assert any(p.name.endswith("-wal") or p.suffix == ".db" for p in files)
    for path in files:
        assert needle not in path.read_bytes(), path
    assert station.token not in caplog.text
    out, err = capfd.readouterr()
    assert station.token not in out + err
    assert all(station.token not in v for v in state_of(ctx).values())


def test_transport_always_verifies_tls():
    """No switch turns verification off: the context requires a valid certificate and host name."""
    assert "verify" not in inspect.signature(Transport).parameters
    context = tls_context(None)
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    assert context.minimum_version is ssl.TLSVersion.TLSv1_2
    with pytest.raises(SyncError) as err:
        Transport("http://127.0.0.1:8080", "t" * 43)
    assert err.value.code == "sync_url_invalid"


def test_a_server_signed_by_another_ca_is_refused(ctx, county, tls, memory_keyring):
    """The pinned CA did not sign the server's certificate: sync_certificate_invalid, retried."""
    _id, token = county.add_station()
    configure(ctx, county.url, token, tls.other_ca)
    with pytest.raises(SyncError) as err:
        SyncEngine(ctx).run_cycle()
    assert err.value.code == "sync_certificate_invalid"
    assert receipt_count(county) == 0


def test_without_the_county_ca_the_system_store_does_not_trust_it(ctx, county, memory_keyring):
    """No --ca: only the system's CAs, which do not include the county's private CA."""
    _id, token = county.add_station()
    configure(ctx, county.url, token, None)
    with pytest.raises(SyncError) as err:
        SyncEngine(ctx).run_cycle()
    assert err.value.code == "sync_certificate_invalid"


def test_an_expired_certificate_asks_to_check_the_clock(ctx, tls, tmp_path, memory_keyring):
    """A certificate outside its validity window: sync_certificate_time (请校准电脑时间)."""
    server = CountyServer(tmp_path / "c.db", tls, county_config_default(), cert=tls.expired_cert)
    try:
        _id, token = server.add_station()
        configure(ctx, server.url, token, tls.ca)
        register_visit(ctx, sample_visit(1))
        with pytest.raises(SyncError) as err:
            SyncEngine(ctx).run_cycle()
        assert err.value.code == "sync_certificate_time"
        assert outbox_count(ctx) > 0
    finally:
        server.close()


def test_a_bad_ca_file_is_refused_at_setup(ctx, county, tmp_path, memory_keyring):
    """A CA file that is not a certificate: sync_ca_invalid, nothing saved."""
    _id, token = county.add_station()
    junk = tmp_path / "ca.pem"
    junk.write_text("not a certificate")
    with pytest.raises(SyncError) as err:
        configure(ctx, county.url, token, junk)
    assert err.value.code == "sync_ca_invalid"
    assert memory_keyring.secrets == {} and "server_url" not in state_of(ctx)


def county_config_default():
    from stationdesk.county.config import ServerConfig

    return ServerConfig(rate_per_s=10_000, burst=10_000)
