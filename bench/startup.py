"""Start-up benchmark: process start → today's figures on screen, StationDesk vs a bare Qt window.

Run: .venv/bin/python bench/startup.py [--runs 7] [--visits 200]

(a) `stationdesk --data-dir D` with STATIONDESK_BENCH_EXIT=1: the home page signals when the
    figures are painted, the app prints a marker and quits.
(b) baseline: a bare PySide6 QMainWindow whose one QLabel shows a raw sqlite3 count(*) from the
    same file, painted, then the same marker.
Both run offscreen as fresh subprocesses, alternately, after one unmeasured warm-up run each;
the clock stops when the marker line arrives on stdout. Prints the medians and their ratio
(goal ≤ 3.0, aim 1.6) and exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

MARKER = "STATIONDESK_FIGURES_SHOWN"
GOAL, AIM = 3.0, 1.6

BASELINE = textwrap.dedent(
    """
    import sqlite3, sys
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    label = QLabel("…")
    window.setCentralWidget(label)
    window.show()
    con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    n = con.execute("SELECT count(*) FROM visit").fetchone()[0]
    con.close()
    label.setText(f"今日接待 {n}")
    window.repaint()
    print(MARKER, flush=True)
    """
).replace("MARKER", repr(MARKER))


def prepare(root: Path, visits: int) -> Path:
    """A data folder with a station and `visits` visits registered today; returns the db path."""
    from stationdesk.domain.enums import Track
    from stationdesk.paths import DataPaths
    from stationdesk.services.dto import IssueInput, VisitInput
    from stationdesk.services.reception import register_visit
    from stationdesk.services.station import create_station

    paths = DataPaths(root)
    ctx, _ = create_station(paths, code="410205-01", name="东关街道人大代表联络站")
    issue = IssueInput(content="路灯坏了", track=Track.ON_SPOT, on_spot_answer="已联系电工")
    for i in range(visits):
        name = "张王李赵刘陈杨黄"[i % 8] + "伟芳娜敏静丽强磊军洋"[i // 8 % 10]
        register_visit(ctx, VisitInput(visitor_name=name, people=1 + i % 3, issues=(issue,)))
    ctx.db.checkpoint()
    ctx.db.dispose()
    return paths.db


def app_command(root: Path) -> list[str]:
    """The installed `stationdesk` entry point (what a clerk starts), else python -m."""
    script = Path(sys.executable).with_name("stationdesk")
    if script.exists():
        return [str(script), "--data-dir", str(root)]
    return [sys.executable, "-m", "stationdesk.app", "--data-dir", str(root)]


def time_to_marker(command: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from spawning command until it prints MARKER; waits for the process to end."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == MARKER:
                elapsed = time.perf_counter() - start
                break
        else:
            raise RuntimeError(f"no marker from {command[0]} (exit {proc.wait()})")
        proc.wait(timeout=timeout)
        return elapsed
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each (median)")
    parser.add_argument("--visits", type=int, default=200, help="visits in the test database")
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith("STATIONDESK_")}
    env.update(QT_QPA_PLATFORM="offscreen", STATIONDESK_BENCH_EXIT="1")
    with tempfile.TemporaryDirectory(prefix="sd-bench-") as tmp:
        root = Path(tmp) / "data"
        db = prepare(root, args.visits)
        baseline_script = Path(tmp) / "baseline.py"
        baseline_script.write_text(BASELINE, encoding="utf-8")
        commands = {
            "stationdesk": app_command(root),
            "baseline": [sys.executable, str(baseline_script), str(db)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # warm-up: file cache, first backup on exit
            time_to_marker(command, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(time_to_marker(command, env))

    app = statistics.median(times["stationdesk"])
    base = statistics.median(times["baseline"])
    ratio = app / base
    print(f"runs: {args.runs} each, {args.visits} visits, offscreen")
    for name, values in times.items():
        shown = " ".join(f"{v:.3f}" for v in values)
        print(f"{name:12s} median {statistics.median(values):.3f} s   ({shown})")
    verdict = "meets the aim" if ratio <= AIM else "meets the goal" if ratio <= GOAL else "MISSES"
    print(f"ratio stationdesk/baseline: {ratio:.2f} (goal ≤ {GOAL}, aim {AIM}): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
