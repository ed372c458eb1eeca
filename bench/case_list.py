"""Benchmark: the case list's first screen after a filter change, and the app's memory.

Opens the 办理跟踪 page offscreen on a demo database (`--data-dir`, e.g. one made with
`stationdesk --data-dir D demo-data --visits 200000`), with the real background DB thread,
then times "filter chosen → filtered list shown with its first screen painted" per status.
Prints the medians and the process's resident memory (goals: ≤ 150 ms; ≤ 300 MB).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _rss_mb() -> tuple[float, float]:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from stationdesk.domain.enums import CaseStatus
    from stationdesk.paths import DataPaths
    from stationdesk.services.station import open_data_dir
    from stationdesk.ui.case_list_page import CaseListPage
    from stationdesk.ui.fonts import install_app_font
    from stationdesk.ui.signals import AppSignals

    app = QApplication([])
    install_app_font(app)
    ctx = open_data_dir(DataPaths(Path(args.data_dir))).ctx
    assert ctx is not None
    page = CaseListPage(AppSignals())
    page.resize(1176, 700)
    page.show()

    def wait_shown() -> None:
        loop = QEventLoop()
        page.list_shown.connect(loop.quit)
        QTimer.singleShot(20_000, loop.quit)
        loop.exec()
        page.list_shown.disconnect(loop.quit)

    page.attach(ctx)
    wait_shown()
    print(f"cases in the list: {page.model.rowCount()}")
    timings: dict[str, list[float]] = {}
    for _ in range(args.runs):
        for status in (CaseStatus.IN_PROGRESS, CaseStatus.CLOSED, CaseStatus.UNSATISFIED):
            started = time.perf_counter()
            page.status_combo.setCurrentIndex(page.status_combo.findData(status.value))
            wait_shown()
            page.table.viewport().repaint()
            timings.setdefault(status.value, []).append(time.perf_counter() - started)
    for key, values in timings.items():
        print(
            f"case list first screen, status {key:12}: median {statistics.median(values) * 1000:6.1f} ms"
        )
    rss, peak = _rss_mb()
    print(f"memory with the case list open: RSS {rss:.0f} MB (peak {peak:.0f} MB); goal <= 300 MB")
    ctx.db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
