"""Benchmark: the 问题清单 .xlsx export of every case, its time and peak memory, against openpyxl.

Runs on a demo database (`--data-dir` of an existing one, e.g. a copy of a 200,000-visit demo
folder; the export writes one audit row into it), or a new one of `--visits` visits. Each
phase runs in its own child process, so each peak RSS (ru_maxrss) is that phase's alone:
  ours      export_ledger_xlsx over the whole period (keys, chunked reads, masking, streaming);
  baseline  openpyxl write_only writing as many rows from a plain list (real rows, repeated),
            with no query: the cost of the file format itself.
Prints rows, seconds, rows per second, peak RSS and the RSS the process had before writing.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _context(data_dir: str):
    from stationdesk.paths import DataPaths
    from stationdesk.services.station import open_context

    return open_context(DataPaths(Path(data_dir)))


def _period(ctx) -> tuple[date, date]:
    first = ctx.db.query("SELECT min(registered_on) FROM case_record")[0][0]
    return date.fromisoformat(first), ctx.clock().date()


def phase_ours(data_dir: str, out: Path) -> dict[str, float]:
    """Our export of every case (the whole period)."""
    from stationdesk.services.ledgers import export_ledger_xlsx
    from stationdesk.services.progress import Job

    ctx = _context(data_dir)
    start, end = _period(ctx)
    before = _rss_mb()
    t0 = time.perf_counter()
    rows = export_ledger_xlsx(ctx, "issues", start, end, out, job=Job())
    seconds = time.perf_counter() - t0
    ctx.db.dispose()
    return {"rows": rows, "seconds": seconds, "peak_mb": _peak_mb(), "before_mb": before}


def phase_baseline(data_dir: str, out: Path, rows: int) -> dict[str, float]:
    """openpyxl write_only, the same number of rows from a plain list, no queries."""
    from openpyxl import Workbook

    from stationdesk.services.ledgers import LEDGERS, ledger_keys, ledger_rows

    ctx = _context(data_dir)
    start, end = _period(ctx)
    sample = ledger_rows(ctx, "issues", start, end, ledger_keys(ctx, "issues", start, end)[:1000])
    ctx.db.dispose()
    header = [c.title for c in LEDGERS["issues"].columns]
    before = _rss_mb()
    t0 = time.perf_counter()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("问题清单")
    ws.append(["问题清单"])
    ws.append(header)
    for i in range(rows):
        ws.append(sample[i % len(sample)])
    wb.save(str(out))
    seconds = time.perf_counter() - t0
    return {"rows": rows, "seconds": seconds, "peak_mb": _peak_mb(), "before_mb": before}


def _child(args: list[str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="an existing demo data folder (else one is built)")
    parser.add_argument("--visits", type=int, default=20_000)
    parser.add_argument("--phase", choices=["ours", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "ours":
        print(json.dumps(phase_ours(args.data_dir, Path(args.out))))
        return 0
    if args.phase == "baseline":
        print(json.dumps(phase_baseline(args.data_dir, Path(args.out), args.rows)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir
        if not data_dir:
            from stationdesk.paths import DataPaths
            from stationdesk.services.demo import generate
            from stationdesk.services.station import create_station

            paths = DataPaths(Path(tmp) / "data").ensure()
            ctx, _ = create_station(paths, code="410205-01", name="基准测试站")
            t0 = time.perf_counter()
            generate(ctx, visits=args.visits, seed=1)
            ctx.db.dispose()
            print(f"built a {args.visits}-visit demo database in {time.perf_counter() - t0:.0f} s")
            data_dir = str(paths.root)
        ours_file, base_file = Path(tmp) / "ours.xlsx", Path(tmp) / "base.xlsx"
        ours = _child(["--phase", "ours", "--data-dir", data_dir, "--out", str(ours_file)])
        rows = int(ours["rows"])
        base = _child(
            ["--phase", "baseline", "--data-dir", data_dir, "--out", str(base_file),
             "--rows", str(rows)]
        )  # fmt: skip
        for label, r, f in (("ours", ours, ours_file), ("openpyxl only", base, base_file)):
            print(
                f"问题清单 .xlsx, {label:13}: {rows} rows in {r['seconds']:6.1f} s "
                f"({rows / r['seconds']:7.0f} rows/s), peak RSS {r['peak_mb']:5.0f} MB "
                f"(before writing {r['before_mb']:4.0f} MB), file {f.stat().st_size / 2**20:5.1f} MB"
            )
        print(f"ratio ours / openpyxl only: {ours['seconds'] / base['seconds']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
