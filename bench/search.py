"""Benchmark: case search through the service vs the equivalent raw SQL on the same indexes.

Runs on a demo database (`--data-dir` of an existing one, or a new one of `--visits` visits,
200,000 by default: about 4 minutes to build). Queries: a 2-character and a 4-character
Chinese text, a phone's last 4 digits and a case number. "Raw" runs the very statement the
service builds (case_ids_query) on a plain sqlite3 connection with the same pragmas, so the
ratio is the cost of our layer; an independent hand-written query checks that ours finds at
least the same cases. Prints per-query medians and the ratio ours / raw (goals: median ≤ 30 ms,
ratio ≤ 1.5).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stationdesk.paths import DataPaths
from stationdesk.services.cases import CaseFilter, case_ids_query, list_case_ids
from stationdesk.services.demo import generate
from stationdesk.services.station import create_station, open_data_dir
from stationdesk.store.pragmas import connect_raw
from stationdesk.store.textindex import match_expression

ORDER = " ORDER BY c.registered_at DESC, c.case_no DESC"
BASE = "SELECT c.id FROM case_record c WHERE c.deleted_at IS NULL AND "
BASE_VISIT = "SELECT c.id FROM case_record c JOIN visit v ON v.id = c.visit_id WHERE c.deleted_at IS NULL AND "


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="an existing demo data folder (else one is built)")
    parser.add_argument("--visits", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    tmp = None
    if args.data_dir:
        paths = DataPaths(Path(args.data_dir))
        ctx = open_data_dir(paths).ctx
        assert ctx is not None
    else:
        tmp = tempfile.TemporaryDirectory()
        paths = DataPaths(Path(tmp.name))
        ctx, _ = create_station(paths, code="410205-01", name="基准测试站")
        t0 = time.perf_counter()
        generate(ctx, visits=args.visits, seed=1)
        print(f"built a {args.visits}-visit demo database in {time.perf_counter() - t0:.0f} s")
    raw = connect_raw(str(paths.db), readonly=True)
    cases = raw.execute("SELECT count(*) FROM case_record").fetchone()[0]
    phone, case_no = raw.execute(
        "SELECT v.visitor_phone, c.case_no FROM case_record c JOIN visit v ON v.id = c.visit_id "
        "WHERE v.visitor_phone IS NOT NULL ORDER BY c.rowid DESC LIMIT 1"
    ).fetchone()
    queries = [
        (
            "2-character",
            "路灯",
            BASE + "c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)" + ORDER,
            (match_expression("路灯"),),
        ),
        (
            "4-character",
            "医保缴费",
            BASE + "c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)" + ORDER,
            (match_expression("医保缴费"),),
        ),
        (
            "phone last 4",
            phone[-4:],
            BASE_VISIT + "v.visitor_phone_last4 = ?" + ORDER,
            (phone[-4:],),
        ),
        ("case number", case_no, BASE + "c.case_no = ?" + ORDER, (case_no,)),
    ]
    print(f"database: {cases} cases")
    worst = 0.0
    today = ctx.clock().date()
    for label, query, check_sql, check_params in queries:
        ours_ids = list_case_ids(ctx, CaseFilter(search=query))
        check_ids = [r[0] for r in raw.execute(check_sql, check_params)]
        assert set(check_ids) <= set(ours_ids), label  # ours finds at least what raw finds
        sql, params = case_ids_query(CaseFilter(search=query), today)
        assert [r[0] for r in raw.execute(sql, params)] == ours_ids, label
        ours = _median_ms(lambda q=query: list_case_ids(ctx, CaseFilter(search=q)), args.runs)
        base = _median_ms(lambda s=sql, p=params: raw.execute(s, p).fetchall(), args.runs)
        worst = max(worst, ours / base)
        print(
            f"search {label:13} {query!r:28} hits {len(ours_ids):6}  ours {ours:7.3f} ms  "
            f"raw {base:7.3f} ms  ratio {ours / base:.2f}"
        )
    print(f"search: worst ratio {worst:.2f} (goal <= 1.5); goal median <= 30 ms each")
    raw.close()
    ctx.db.dispose()
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
