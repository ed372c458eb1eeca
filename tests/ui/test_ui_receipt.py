"""Receipts in the GUI: save a visit → 打印回执 preview → print to a real CUPS-PDF queue."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from ui_helpers import a_visit, type_text

from stationdesk.domain.enums import EventKind
from stationdesk.printing.receipt import ReceiptFormat
from stationdesk.services.cases import case_detail
from stationdesk.services.receipts import print_settings
from stationdesk.services.reception import register_visit
from stationdesk.ui.case_detail import CaseDetailDialog
from stationdesk.ui.receipt_preview import ReceiptPreviewDialog
from stationdesk.ui.reception_page import ReceptionPage
from tests.cups_queue import QUEUE, cups_pdf_queue, job_files, wait_for_job_file

RET = Qt.Key.Key_Return
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(scope="module")
def cups_out() -> Iterator[Path]:
    """cupsd running with the StationPDF queue; the folder its jobs land in."""
    with cups_pdf_queue() as folder:
        yield folder


def _key(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifiers)


def _pdf_page_size(path: Path) -> tuple[float, float]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out.stdout)
    assert match, out.stdout
    return float(match.group(1)), float(match.group(2))


def _ink_share(pdf: Path) -> float:
    """Share of dark pixels on the job's first page (a blank page would be 0)."""
    gray = subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", "-f", "1", "-l", "1", str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    header_end = 0
    for _ in range(3):  # PGM header: magic, size, maxval — three lines
        header_end = gray.index(b"\n", header_end) + 1
    pixels = gray[header_end:]
    return sum(1 for p in pixels if p < 128) / len(pixels)


def _register_by_keyboard(qtbot, page: ReceptionPage) -> None:
    type_text(page.name_edit, "李四")
    _key(qtbot, RET)
    type_text(QApplication.focusWidget(), "13912345678")
    _key(qtbot, Qt.Key.Key_Down, CTRL)
    _key(qtbot, RET)
    type_text(QApplication.focusWidget(), "路口红绿灯时间太短，老人过马路来不及")
    _key(qtbot, RET, CTRL)
    _key(qtbot, RET, CTRL)
    _key(qtbot, RET)
    type_text(QApplication.focusWidget(), "已向交警队反映")
    _key(qtbot, Qt.Key.Key_S, CTRL)
    assert len(page.saved_case_ids) == 1, page.status_label.text()


def _reception(qtbot, signals, ctx) -> ReceptionPage:
    page = ReceptionPage(signals)
    qtbot.addWidget(page)
    page.resize(1176, 708)
    page.show()
    page.activateWindow()
    assert QTest.qWaitForWindowActive(page)
    page.attach(ctx)
    page.focus_first()
    return page


def _choose(dialog: ReceiptPreviewDialog, fmt: ReceiptFormat) -> None:
    dialog.format_combo.setCurrentIndex(list(ReceiptFormat).index(fmt))
    dialog.printer_combo.setCurrentText(QUEUE)
    assert dialog.printer_combo.currentText() == QUEUE, "Qt does not list the CUPS queue"


def test_save_a_visit_preview_and_print_to_the_cups_pdf_queue(
    qtbot, signals, station_ctx, cups_out
):
    """Ctrl+S, then Ctrl+P: the preview shows the slip; 打印 sends an A4 job to CUPS."""
    page = _reception(qtbot, signals, station_ctx)
    assert page.notice_label.text().startswith("个人信息告知：您提供的个人信息仅用于")  # as printed
    _register_by_keyboard(qtbot, page)
    assert page.print_button.isVisible()
    case = case_detail(station_ctx, page.saved_case_ids[0])

    _key(qtbot, Qt.Key.Key_P, CTRL)
    dialog = page.receipt_dialog
    assert isinstance(dialog, ReceiptPreviewDialog)
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled())
    assert dialog.view.document().pageCount() == 1
    assert dialog.summary_edit.text() == "路口红绿灯时间太短，老人过马路来不及"
    assert dialog.windowTitle() == "打印回执"
    _choose(dialog, ReceiptFormat.A4)
    dialog.resize(1020, 760)
    before = job_files(cups_out)
    with qtbot.waitSignal(dialog.printed, timeout=30_000) as printed:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert QUEUE in printed.args[0]
    assert page.receipt_dialog is None  # closed after printing
    assert QUEUE in page.status_label.text()
    assert not page.print_button.isVisible() and not page.saved_case_ids  # printed once

    job = wait_for_job_file(cups_out, case.row.case_no, before)
    width, height = _pdf_page_size(job)
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4 as laid out
    assert _ink_share(job) > 0.002  # the slip is on the page, not a blank sheet
    settings = print_settings(station_ctx)
    assert (settings.printer, settings.fmt) == (QUEUE, ReceiptFormat.A4)  # remembered
    # The first print after saving is not a reprint: the timeline has no 补打回执.
    kinds = [t.kind for t in case_detail(station_ctx, case.row.id).timeline]
    assert EventKind.REPRINTED not in kinds


def test_reprint_from_the_case_detail_adds_a_timeline_event(qtbot, signals, station_ctx, cups_out):
    """补打回执 on an 80 mm roll: the job reaches CUPS at roll width, the timeline says so."""
    result, _ = register_visit(station_ctx, a_visit("王五"))
    case = result.cases[0]
    detail = CaseDetailDialog(station_ctx, case.id, signals)
    qtbot.addWidget(detail)
    detail.show()
    qtbot.mouseClick(detail.reprint_button, Qt.MouseButton.LeftButton)
    dialog = detail.receipt_dialog
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled())
    assert dialog.windowTitle() == "补打回执"
    _choose(dialog, ReceiptFormat.ROLL_80)
    before = job_files(cups_out)
    with qtbot.waitSignal(dialog.printed, timeout=30_000):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    job = wait_for_job_file(cups_out, case.case_no, before)
    width, _height = _pdf_page_size(job)
    assert abs(width - 226.8) < 1.5  # 80 mm (CUPS rounds to whole points)
    assert _ink_share(job) > 0.002
    timeline = case_detail(station_ctx, case.id).timeline
    assert timeline[-1].kind is EventKind.REPRINTED
    assert timeline[-1].details["format"] == "80mm"
    qtbot.waitUntil(
        lambda: any("补打回执" in w.text() for w in detail.findChildren(type(detail.message)))
    )


def test_an_over_long_summary_is_refused_at_the_field(qtbot, signals, station_ctx, tmp_path):
    """61 characters: a Chinese message under the field and no printing; fixed, it previews."""
    result, _ = register_visit(station_ctx, a_visit("赵六"))
    dialog = ReceiptPreviewDialog(station_ctx, signals, [result.cases[0].id])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.data))
    dialog.summary_edit.clear()
    type_text(dialog.summary_edit, "长" * 61)
    assert dialog.summary_error.isVisible()
    assert "最多 60 个字" in dialog.summary_error.text()
    assert not dialog.print_button.isEnabled()
    assert dialog.summary_count.text() == "61/60"
    qtbot.keyClick(dialog.summary_edit, Qt.Key.Key_Backspace)
    assert not dialog.summary_error.isVisible()
    assert dialog.print_button.isEnabled() == bool(dialog.printer_combo.count())
    out = tmp_path / "slip.pdf"
    dialog.write_pdf(out)
    words = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "长" * 20 in re.sub(r"\s+", "", words)


def test_receipt_settings_are_checked_at_the_field_and_the_preview_follows(
    qtbot, signals, station_ctx, tmp_path
):
    """回执设置: a bad query address is refused under its field; saved phone shows on the slip."""
    result, _ = register_visit(station_ctx, a_visit("钱七"))
    dialog = ReceiptPreviewDialog(station_ctx, signals, [result.cases[0].id])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.data))
    qtbot.mouseClick(dialog.settings_button, Qt.MouseButton.LeftButton)
    settings = dialog.settings_dialog
    assert settings is not None
    type_text(settings.phone_edit, "0379-64321234")
    type_text(settings.hours_edit, "工作日 9:00-17:00")
    type_text(settings.url_edit, "rd.example.gov.cn/q")
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert settings.errors["query_url"].isVisible()
    assert "http://" in settings.errors["query_url"].text()
    assert settings.phone_edit.text() == "0379-64321234"  # nothing typed is lost
    settings.url_edit.setText("https://rd.example.gov.cn/q")
    with qtbot.waitSignal(settings.saved):
        qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "slip.pdf"
    dialog.write_pdf(out)
    words = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "0379-64321234" in words and "扫描二维码" in words
    assert print_settings(station_ctx).query_url == "https://rd.example.gov.cn/q"


def test_typing_the_next_visit_withdraws_the_last_receipt_offer(qtbot, signals, station_ctx):
    """After a save 打印回执 is offered; once the next visitor is typed, Ctrl+P does nothing."""
    page = _reception(qtbot, signals, station_ctx)
    _register_by_keyboard(qtbot, page)
    assert page.print_button.isVisible()
    page.focus_first()
    type_text(page.name_edit, "王")
    assert not page.print_button.isVisible() and not page.saved_case_ids
    _key(qtbot, Qt.Key.Key_P, CTRL)
    assert page.receipt_dialog is None


def test_a_printer_that_went_away_is_reported_and_nothing_is_recorded(qtbot, signals, station_ctx):
    """The chosen queue no longer exists: a Chinese message, the dialog stays, no 补打 event."""
    result, _ = register_visit(station_ctx, a_visit("孙八"))
    case_id = result.cases[0].id
    dialog = ReceiptPreviewDialog(station_ctx, signals, [case_id], reprint=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.data))
    dialog.printer_combo.addItem("已拆除的打印机")
    dialog.printer_combo.setCurrentText("已拆除的打印机")
    dialog.print_button.setEnabled(True)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "找不到这台打印机" in dialog.message.text()
    kinds = [t.kind for t in case_detail(station_ctx, case_id).timeline]
    assert EventKind.REPRINTED not in kinds
    assert print_settings(station_ctx).printer is None
