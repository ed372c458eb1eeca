"""打印公示牌 through the preview to the real cups-pdf queue: A3 landscape arrives as A3."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from stationdesk.services.roster import set_photo
from stationdesk.ui.document_output import DocumentDialog
from stationdesk.ui.main_window import Nav
from tests.cups_queue import QUEUE, cups_pdf_queue, job_files, wait_for_job_file
from tests.services.roster_factories import add_deputy, jpeg


@pytest.fixture(scope="module")
def cups_out() -> Iterator[Path]:
    """cupsd running with the StationPDF queue; the folder its jobs land in."""
    with cups_pdf_queue() as folder:
        yield folder


def test_board_a3_landscape_prints_on_a3(open_window, paths, station_ctx, cups_out, qtbot):
    did = add_deputy(station_ctx, "张建国")
    set_photo(station_ctx, did, jpeg())
    add_deputy(station_ctx, "李秀英")
    window = open_window(paths)
    window.nav.setCurrentRow(Nav.ROSTER)
    page = window.pages.currentWidget()
    page.board_button.click()
    dialog = page.dialog
    assert isinstance(dialog, DocumentDialog)
    dialog.combos["paper"].setCurrentIndex(dialog.combos["paper"].findData("a3"))
    dialog.combos["orientation"].setCurrentIndex(dialog.combos["orientation"].findData("landscape"))
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled())
    assert dialog.view.document().pageCount() == 1
    before = job_files(cups_out)
    dialog.send_to(QUEUE)
    assert QUEUE in dialog.message.text()
    job = wait_for_job_file(cups_out, "board-a3-landscape", before)
    info = subprocess.run(["pdfinfo", str(job)], capture_output=True, text=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (float(v) for v in size.split(":")[1].split("pts")[0].split(" x "))
    assert abs(width - 1190.55) < 2 and abs(height - 841.89) < 2
