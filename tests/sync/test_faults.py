"""Fault runs (design/sync.md §4, §5): seeded proxy faults, county crashes, a negative control, K."""

from __future__ import annotations

import logging
import os
import random
import ssl
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from stationdesk.county import admin, county_events
from stationdesk.county.db import init_schema, open_engine
from stationdesk.county.errors import CountyError
from stationdesk.services import case_actions
from stationdesk.services.reception import register_visit
from stationdesk.sync import outbox
from stationdesk.sync.backoff import BackoffPolicy
from stationdesk.sync.engine import SyncEngine, SyncReport
from stationdesk.sync.errors import SyncError
from stationdesk.sync.setup import configure
from tests.factories import sample_visit
from tests.sync.checks import assert_k, check
from tests.sync.conftest import STATION_CODE
from tests.sync.county_runner import CRASH_ENV, CRASHPOINTS, EXIT_CODE, NO_RECEIPTS_ENV
from tests.sync.fault_proxy import FaultProxy

ROOT = Path(__file__).resolve().parents[2]
SEEDS = (11, 23, 47)
CHANGES = 5_000
log = logging.getLogger("stationdesk.faulttest")


class CountyProcess:
    """`tests/sync/county_runner.py` in a subprocess (plain HTTP on loopback) over one DB file."""

    def __init__(self, folder: Path, env: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.db = folder / "county.db"
        self.engine = open_engine(str(self.db))
        init_schema(self.engine)
        self.proc: subprocess.Popen[bytes] | None = None
        self.env = dict(env or {})  # the first process's test-only flags
        self.start(self.env)

    def start(self, env: dict[str, str] | None = None) -> None:
        self.stop()
        port_file = self.folder / "county.port"
        port_file.unlink(missing_ok=True)
        self.log = self.folder / "county.log"  # a file, not a pipe: a full pipe would block it
        with self.log.open("ab") as sink:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.sync.county_runner", str(self.db), str(port_file)],
                env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                cwd=ROOT,
                stdout=sink,
                stderr=sink,
            )
        deadline = time.monotonic() + 30
        while not port_file.exists():
            assert self.proc.poll() is None, self.log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "county process did not start"
            time.sleep(0.02)
        self.port = int(port_file.read_text())

    def wait_exit(self, timeout: float = 10) -> int:
        assert self.proc is not None
        return self.proc.wait(timeout)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)

    def close(self) -> None:
        self.stop()
        self.engine.dispose()


@pytest.fixture
def proxy_ssl(tls) -> ssl.SSLContext:
    """The proxy's server side: the test CA's certificate for 127.0.0.1 (the station verifies it)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(tls.cert), str(tls.key))
    return context


@pytest.fixture
def rig(request, tmp_path, ctx, tls, proxy_ssl, memory_keyring):
    """County subprocess + fault proxy + configured station; `request.param` = (seed, env)."""
    seed, env = getattr(request, "param", (0, {}))
    county = CountyProcess(tmp_path, env)
    admin.add_station(county.engine, STATION_CODE, "测试联络站")
    _device, token = admin.add_device(county.engine, STATION_CODE)
    proxy = FaultProxy(county.port, proxy_ssl, seed=seed, rate=0.0)
    configure(ctx, proxy.url, token, tls.ca)
    yield county, proxy, ctx
    proxy.close()
    county.close()


def _engine(ctx, seed: int) -> SyncEngine:
    return SyncEngine(ctx, policy=BackoffPolicy(base=0.001, cap=0.01), rng=random.Random(seed))


def _attempt(engine: SyncEngine, errors: Counter[str]) -> SyncReport | None:
    started = time.monotonic()
    try:
        return engine.run_cycle(force=True)
    except SyncError as err:
        errors[err.code] += 1
        return None
    finally:
        if time.monotonic() - started > 2:
            log.warning("slow cycle: %.1f s", time.monotonic() - started)


def _heal(engine: SyncEngine, proxy: FaultProxy, errors: Counter[str]) -> int:
    """Faults off; sync until quiescent (outbox empty, nothing new pulled); cycles used."""
    proxy.enabled = False
    for cycles in range(1, 21):
        report = _attempt(engine, errors)
        if report is not None and report.pending == 0 and report.pulled == 0:
            return cycles
    raise AssertionError(f"not quiescent after 20 healed cycles\n{proxy.trace()}")


def _inject_invalid(ctx, rng: random.Random) -> str:
    """An outbox change the county must reject (unknown entity or county-owned), its change_id."""
    change_id = f"{rng.getrandbits(128):032x}"
    entity = rng.choice(["no_such_entity", "category"])
    with ctx.db.write_core() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sync_outbox (change_id, entity, entity_id, op, row_version, payload, "
            "payload_sha256, created_at) VALUES (?, ?, ?, 'put', 1, '{}', ?, '2026-01-01')",
            (change_id, entity, f"bad-{change_id[:8]}", "0" * 64),
        )
    return change_id


def _reply_to_a_case(county: CountyProcess, ctx, rng: random.Random) -> bool:
    """A department reply to a pending case the county already holds (county-side writer)."""
    with county.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT case_no FROM record WHERE entity = 'case_record'")
        on_server = {r[0] for r in rows}
    with ctx.db.read_core() as conn:
        pending = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT case_no FROM case_record WHERE status = 'pending'"
            )
            if r[0] in on_server
        ]
    if not pending:
        return False
    try:
        county_events.reply(county.engine, rng.choice(pending), "县住建局", "已转交承办单位办理")
    except CountyError:
        return False
    return True


def _workload(
    county: CountyProcess, proxy: FaultProxy, ctx, seed: int, changes: int, invalid: int
) -> dict[str, object]:
    """Station writes (visits, case progress = new row_versions) interleaved with faulted syncs."""
    rng = random.Random(seed)
    engine = _engine(ctx, seed)
    errors: Counter[str] = Counter()
    injected: set[str] = set()
    replies = rounds = n = 0
    invalid_at = set(rng.sample(range(5, 60), invalid))
    while True:
        with ctx.db.read_core() as conn:
            written = outbox.max_seq(conn)
        if written >= changes:
            break
        rounds += 1
        for _ in range(rng.randint(2, 8)):
            register_visit(ctx, sample_visit(n))
            n += 1
        with ctx.db.read_core() as conn:
            open_cases = [
                r[0]
                for r in conn.exec_driver_sql("SELECT id FROM case_record WHERE status = 'pending'")
            ]
        for case_id in rng.sample(open_cases, min(len(open_cases), rng.randint(1, 8))):
            case_actions.record_progress(ctx, case_id, f"第{rounds}轮电话联系承办单位")
        if rounds in invalid_at:
            injected.add(_inject_invalid(ctx, rng))
        if rounds % 3 == 0 and _reply_to_a_case(county, ctx, rng):
            replies += 1
        _attempt(engine, errors)
    heal_cycles = _heal(engine, proxy, errors)
    return {
        "written": written,
        "rounds": rounds,
        "replies": replies,
        "injected": frozenset(injected),
        "errors": dict(errors),
        "heal_cycles": heal_cycles,
    }


@pytest.mark.slow
@pytest.mark.timeout(240)
@pytest.mark.parametrize("rig", [(s, {}) for s in SEEDS], ids=[f"seed{s}" for s in SEEDS],
                         indirect=True)  # fmt: skip
def test_seeded_faults_lose_and_double_nothing(rig):
    """3 seeds × 5,000 changes, 25% of exchanges faulted over 8 modes: 0 lost, 0 dup, 0 divergent."""
    county, proxy, ctx = rig
    proxy.rate = 0.25
    started = time.monotonic()
    run = _workload(county, proxy, ctx, proxy.seed, CHANGES, invalid=4)
    verdict = assert_k(county, ctx, run["injected"], proxy.trace())
    faulted = sum(proxy.counts.values())
    log.warning(
        "seed %d: %s changes in %d rounds, %d county replies, %d exchanges, %d faulted %s, "
        "errors %s, healed in %d cycles, %d rejects, counts %s, %.1f s",
        proxy.seed, run["written"], run["rounds"], run["replies"], proxy.exchanges, faulted,
        dict(proxy.counts), run["errors"], run["heal_cycles"], len(run["injected"]),
        verdict.counts, time.monotonic() - started,
    )  # fmt: skip
    assert run["written"] >= CHANGES
    assert run["replies"] > 0 and len(run["injected"]) == 4
    assert set(proxy.counts) == set(proxy.modes), proxy.trace()  # every mode was exercised
    assert 0.15 < faulted / proxy.exchanges < 0.35, proxy.trace()


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "rig", [(1, {CRASH_ENV: p}) for p in CRASHPOINTS], ids=list(CRASHPOINTS), indirect=True
)
def test_county_crash_around_commit_then_restart(rig):
    """The county dies inside the push transaction, or after COMMIT before answering: restart, K."""
    county, proxy, ctx = rig
    point = county.env[CRASH_ENV]
    for i in range(30):
        register_visit(ctx, sample_visit(i))
    with ctx.db.read_core() as conn:
        queued = outbox.pending_count(conn)
    engine = _engine(ctx, 1)
    with pytest.raises(SyncError):
        engine.run_cycle(force=True)
    assert county.wait_exit() == EXIT_CODE
    with ctx.db.read_core() as conn:
        assert outbox.pending_count(conn) == queued  # nothing acknowledged locally
    with county.engine.connect() as conn:
        committed = conn.exec_driver_sql("SELECT count(*) FROM record").scalar_one()
    county.start()  # the same database, no crashpoint
    proxy.upstream_port = county.port
    report = engine.run_cycle(force=True)
    assert_k(county, ctx)
    crashed_after_commit = committed > 0
    assert crashed_after_commit == (point == "push.after_commit")
    if crashed_after_commit:
        assert report.duplicates == committed  # answered from the receipts, applied once
    else:
        assert report.duplicates == 0 and report.applied == queued


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "rig",
    [(5, {}), (5, {NO_RECEIPTS_ENV: "1"})],
    ids=["seed5-receipts", "seed5-no-receipts"],
    indirect=True,
)
def test_negative_control_without_receipts_fails_k(rig):
    """Same seed, same faults: with receipts K holds; with receipts switched off K must FAIL."""
    county, proxy, ctx = rig
    proxy.rate, proxy.modes = 0.5, ("drop_response", "duplicate")
    run = _workload(county, proxy, ctx, proxy.seed, 800, invalid=1)
    verdict = check(county, ctx, run["injected"])
    log.warning("negative control %s: %s", county.env or "receipts on", verdict.summary())
    if county.env.get(NO_RECEIPTS_ENV) == "1":
        assert not verdict.ok, "K passed although receipts were off: the checker is blind"
        assert verdict.duplicated, verdict.summary()
    else:
        assert verdict.ok, f"{verdict.summary()}\n{proxy.trace()}"
