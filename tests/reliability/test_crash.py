import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from stationdesk.paths import DataPaths
from stationdesk.services.maintenance import check
from stationdesk.services.station import create_station, open_data_dir

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = int(os.environ.get("STATIONDESK_CRASH_KILLS", "60"))


def _run_and_kill(data_dir: Path, rng: random.Random) -> list[tuple[str, list[str]]]:
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    ready = proc.stdout.readline()
    assert ready.strip() == "READY", ready + proc.stderr.read()
    acked: list[tuple[str, list[str]]] = []

    def reader():
        for line in proc.stdout:
            if line.startswith("ACK ") and line.endswith("\n"):
                _, visit_id, cases = line.split()
                acked.append((visit_id, cases.split(",")))

    t = threading.Thread(target=reader)
    t.start()
    time.sleep(rng.uniform(0.020, 0.250))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    t.join()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    return acked


def test_sigkill_during_saves_loses_no_acknowledged_visit(tmp_path):
    """Repeated SIGKILLs mid-save: 0 acked visits lost, integrity ok, audit and outbox complete."""
    paths = DataPaths(tmp_path / "data")
    ctx, _ = create_station(paths, code="410205-01", name="测试联络站")
    ctx.db.dispose()
    rng = random.Random(20261126)
    acked_visits: dict[str, list[str]] = {}
    for _ in range(KILLS):
        for visit_id, cases in _run_and_kill(paths.root, rng):
            acked_visits[visit_id] = cases
    assert len(acked_visits) > KILLS  # the kills really landed among saves
    con = sqlite3.connect(paths.db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        visits = {r[0] for r in con.execute("SELECT id FROM visit")}
        lost = set(acked_visits) - visits
        assert not lost, f"{len(lost)} acknowledged visits lost"
        audited = {r[0] for r in con.execute("SELECT record_id FROM audit_log")}
        queued = {r[0] for r in con.execute("SELECT entity_id FROM sync_outbox")}
        cases = {r[0] for r in con.execute("SELECT id FROM case_record")}
        with_events = {r[0] for r in con.execute("SELECT DISTINCT case_id FROM case_event")}
        assert visits <= audited and visits <= queued
        assert cases <= audited and cases <= queued and cases <= with_events
        for case_ids in acked_visits.values():
            assert set(case_ids) <= cases
        # every saved visit is whole: exactly the two cases of sample_visit
        per_visit = con.execute(
            "SELECT count(*) FROM visit v WHERE (SELECT count(*) FROM case_record c "
            "WHERE c.visit_id = v.id) != 2"
        ).fetchone()[0]
        assert per_visit == 0
        events = {r[0] for r in con.execute("SELECT id FROM case_event")}
        assert events <= queued  # every event reached the outbox too
    finally:
        con.close()
    opened = open_data_dir(paths)  # the app's own start-up path and full check agree
    try:
        report = check(opened.ctx)
        assert report.ok, report
        assert report.audit_rows == 1 + 3 * len(visits)
    finally:
        opened.ctx.db.dispose()
    print(f"\ncrash test: {KILLS} kills, {len(acked_visits)} acknowledged visits, 0 lost")
