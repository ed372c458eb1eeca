"""Printing PDF bytes through Qt: the CUPS queue on Linux, the Windows spooler on Windows."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

MAX_DPI = 300  # receipts are text and a QR code: 300 dpi is sharp, and keeps pages small


class PrintError(RuntimeError):
    """The printer could not be opened or the PDF not read; the message says which."""


def load_pdf(pdf: bytes, parent: object | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes; keep the returned buffer alive as long as the document."""
    document = QPdfDocument(parent)  # type: ignore[arg-type]
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PrintError("pdf_unreadable")
    return document, buffer


def printer_named(name: str | None) -> QPrinter:
    """A high-resolution QPrinter on the named queue (the system default when None)."""
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        raise PrintError("printer_not_found")
    # QPrinter(printerName=...) does not exist in PySide6 (environment notes).
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def available_printers() -> list[str]:
    """The names of the printers this PC can print to, the system default first."""
    names = list(QPrinterInfo.availablePrinterNames())
    default = QPrinterInfo.defaultPrinterName()
    if default in names:
        names.remove(default)
        names.insert(0, default)
    return names


def _fitted(full: QRect, page: QSizeF) -> QRect:
    """The largest rectangle of the page's proportions in `full`, top-left aligned.

    If the driver's paper differs a little from the PDF's, the slip is scaled evenly, never
    stretched (a stretched QR code may not scan).
    """
    scale = min(full.width() / page.width(), full.height() / page.height())
    return QRect(full.x(), full.y(), round(page.width() * scale), round(page.height() * scale))


def print_pdf(pdf: bytes, printer: QPrinter, job_name: str) -> int:
    """Print every page of one PDF as one job on its own paper size; returns the pages sent.

    The paper is the PDF's first page size, set before the job starts: spoolers take one
    paper size per job, so receipts of different formats or roll lengths go as separate
    jobs. Each page is rendered at the printer's resolution (at most 300 dpi) and drawn on
    the full page, so the printer adds no margins of its own.
    """
    document, _buffer = load_pdf(pdf)
    size_pt = document.pagePointSize(0)
    printer.setDocName(job_name)
    printer.setFullPage(True)
    paper = QPageSize(
        QSizeF(size_pt), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    layout = QPageLayout(paper, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    if not printer.setPageLayout(layout):
        raise PrintError("paper_refused")
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("printer_not_ready")
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        full: QRect = printer.pageLayout().fullRectPixels(printer.resolution())
        for index in range(document.pageCount()):
            if index and not printer.newPage():
                raise PrintError("printer_not_ready")
            page = document.pagePointSize(index)
            pixels = QSize(round(page.width() / 72 * dpi), round(page.height() / 72 * dpi))
            painter.drawImage(_fitted(full, page), document.render(index, pixels))
    finally:
        painter.end()
    return document.pageCount()
