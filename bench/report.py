"""Benchmark: a year's 统计报表 (figures and every breakdown) over a large demo database.

Run on a copy of a demo data folder (`stationdesk --data-dir D demo-data --visits 200000`);
the bench writes to it (migrations, the tallies, one new visit per "after a change" run).
Times services.statistics.report() for the last calendar year and for the 12 months to
today, as it stands and after one new visit each time (so the day's tallies are recounted
inside the timing), against a baseline in the same run: one plain sqlite3 read of the
year's case rows. Prints medians; the goal is ≤ 500 ms for a year's report.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stationdesk.paths import DataPaths
from stationdesk.services.reception import register_visit
from stationdesk.services.stat_tallies import write_back
from stationdesk.services.station import open_data_dir
from stationdesk.services.statistics import report
from stationdesk.store.pragmas import connect_raw
from tests.factories import sample_visit


def _median_ms(
    fn: Callable[[], object], runs: int, before: Callable[[], object] | None = None
) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ctx = open_data_dir(DataPaths(Path(args.data_dir))).ctx
    assert ctx is not None
    visits, cases = ctx.db.query("SELECT (SELECT count(*) FROM visit), count(*) FROM case_record")[
        0
    ]
    print(f"database: {visits} visits, {cases} cases")
    started = time.perf_counter()
    days = write_back(ctx.db, max_days=10**6)
    print(f"first count of the daily tallies ({days} days, once after the upgrade): "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    today = ctx.clock().date()
    periods = {
        f"calendar year {today.year - 1}": (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
        "12 months to today": (today - timedelta(days=364), today),
    }  # fmt: skip
    counter = iter(range(10**6))
    raw = connect_raw(str(Path(args.data_dir) / "stationdesk.db"))
    for label, (start, end) in periods.items():
        in_year = ctx.db.query(
            "SELECT count(*) FROM case_record WHERE registered_on BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat()),
        )[0][0]
        baseline = _median_ms(
            lambda s=start, e=end: raw.execute(
                "SELECT * FROM case_record WHERE registered_on BETWEEN ? AND ?",
                (s.isoformat(), e.isoformat()),
            ).fetchall(),
            args.runs,
        )
        report(ctx, start, end)  # warm the page cache like the baseline's first run
        steady = _median_ms(lambda s=start, e=end: report(ctx, s, e), args.runs)
        changed = _median_ms(
            lambda s=start, e=end: report(ctx, s, e), args.runs,
            before=lambda: register_visit(ctx, sample_visit(next(counter))),
        )  # fmt: skip
        print(f"{label} ({start} – {end}, {in_year} cases registered):")
        print(f"  baseline, one plain read of those case rows: median {baseline:6.0f} ms")
        print(f"  report as it stands:                         median {steady:6.0f} ms "
              f"({steady / baseline:.1f}× the baseline)")  # fmt: skip
        print(f"  report after one new visit each time:        median {changed:6.0f} ms "
              f"({changed / baseline:.1f}× the baseline); goal <= 500 ms")  # fmt: skip
    raw.close()
    ctx.db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
