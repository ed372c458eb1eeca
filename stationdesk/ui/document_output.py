"""Preview, print and save the roster's PDFs: the board, the duty notice, the 履职档案."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationdesk.ui.dialogs import button_row
from stationdesk.ui.errors import message_for
from stationdesk.ui.print_job import PrintError, load_pdf, print_pdf, printer_named
from stationdesk.ui.tasks import QueryOp
from stationdesk.ui.theme import show_message

if TYPE_CHECKING:
    from PySide6.QtCore import QBuffer
    from PySide6.QtPdf import QPdfDocument

    from stationdesk.services.context import ServiceContext

# A choice offered above the preview: (key, label, [(text, value), …]).
Choice = tuple[str, str, list[tuple[str, str]]]
Maker = Callable[[dict[str, str]], bytes]


class DocumentDialog(QDialog):
    """A PDF made on the DB thread from the choices, shown, then printed or saved."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        file_name: str,
        make: Maker,
        choices: list[Choice] | None = None,
        job_tag: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 760)
        self._make = make
        self._file_name = file_name
        self._job_tag = job_tag  # ASCII in the job title: spoolers and cups-pdf keep it
        self.pdf: bytes | None = None
        self._document: tuple[QPdfDocument, QBuffer] | None = None
        self.combos: dict[str, QComboBox] = {}
        bar = QHBoxLayout()
        for key, label, options in choices or []:
            combo = QComboBox()
            for text, value in options:
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(lambda _i: self.render())
            self.combos[key] = combo
            bar.addWidget(QLabel(label))
            bar.addWidget(combo)
        bar.addStretch(1)
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setObjectName("primary")
        self.print_button.clicked.connect(self.print_document)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(button_row(close, self.save_button, self.print_button))
        self.render()

    def values(self) -> dict[str, str]:
        """The choices as picked."""
        return {key: str(combo.currentData()) for key, combo in self.combos.items()}

    @Slot()
    def render(self) -> None:
        """Make the PDF again (DB thread) and show it."""
        values = self.values()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        QueryOp(self, lambda: self._make(values)).success(self._show).failure(
            self._failed
        ).run_in_background()

    def _show(self, pdf: bytes) -> None:
        self.pdf = pdf
        document, buffer = load_pdf(pdf, self)
        old = self._document
        self._document = (document, buffer)
        self.view.setDocument(document)
        if old is not None:
            old[0].deleteLater()
        self.message.clear()
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        show_message(self.message, message_for(exc), error=True)

    @Slot()
    def print_document(self) -> None:
        """The system print dialog, then one job with every page."""
        if self.pdf is None:
            return
        try:
            printer = printer_named(None)
        except PrintError:
            show_message(
                self.message, self.tr("这台电脑没有可用的打印机。可以先另存为 PDF。"), error=True
            )
            return
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        self.send_to(printer.printerName())

    def send_to(self, printer_name: str) -> None:
        """Print the PDF on the named printer (tests call this with the CUPS queue)."""
        assert self.pdf is not None
        try:
            tag = "-".join(x for x in (self._job_tag, *self.values().values()) if x)
            print_pdf(self.pdf, printer_named(printer_name), f"{tag} {self.windowTitle()}".strip())
        except PrintError as exc:
            text = self.tr("没有打印成功（{code}），请检查打印机。").format(code=exc)
            show_message(self.message, text, error=True)
            return
        show_message(self.message, self.tr("已发送到打印机 {name}。").format(name=printer_name))

    @Slot()
    def save_pdf(self) -> None:
        """另存为 PDF."""
        if self.pdf is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("另存为 PDF"),
            str(Path.home() / self._file_name),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> None:
        """Write the PDF on screen to path, atomically."""
        assert self.pdf is not None
        part = path.with_name(path.name + ".part")
        try:
            part.write_bytes(self.pdf)
            part.replace(path)
        except OSError as exc:
            why = exc.strerror or str(exc)
            show_message(
                self.message,
                self.tr("无法写入 {path}：{why}").format(path=path, why=why),
                error=True,
            )
            return
        show_message(self.message, self.tr("已另存为 {path}").format(path=path))


def board_dialog(parent: QWidget, ctx: ServiceContext) -> DocumentDialog:
    """打印公示牌: A4 or A3, portrait or landscape."""
    from stationdesk.services.roster_documents import board_pdf

    def make(v: dict[str, str]) -> bytes:
        return board_pdf(ctx, v["paper"], landscape=v["orientation"] == "landscape")

    title = QCoreApplication.translate("DocumentDialog", "亮身份公示牌")
    choices: list[Choice] = [
        (
            "paper",
            QCoreApplication.translate("DocumentDialog", "纸张"),
            [("A4", "a4"), ("A3", "a3")],
        ),
        (
            "orientation",
            QCoreApplication.translate("DocumentDialog", "方向"),
            [
                (QCoreApplication.translate("DocumentDialog", "纵向"), "portrait"),
                (QCoreApplication.translate("DocumentDialog", "横向"), "landscape"),
            ],
        ),
    ]
    dialog = DocumentDialog(parent, title, "代表公示牌.pdf", make, choices, job_tag="board")
    dialog.open()
    return dialog


def offer_pdf(parent: QWidget, ctx: ServiceContext, kind: str, **params: object) -> DocumentDialog:
    """Open the preview of a roster document: duty_notice, performance_sheet or _summary."""
    from stationdesk.services import roster_documents as docs

    start = params.get("start")
    end = params.get("end")
    if kind == "duty_notice":
        assert isinstance(start, date)
        title, name = (
            QCoreApplication.translate("DocumentDialog", "值班公示"),
            f"值班公示-{start:%Y%m%d}.pdf",
        )
        make: Maker = lambda _v: docs.duty_notice_pdf(ctx, start)  # noqa: E731
    elif kind == "performance_sheet":
        assert isinstance(start, date) and isinstance(end, date)
        deputy_id = str(params["deputy_id"])
        title, name = (
            QCoreApplication.translate("DocumentDialog", "代表履职档案"),
            f"履职档案-{start:%Y%m%d}-{end:%Y%m%d}.pdf",
        )
        make = lambda _v: docs.performance_sheet_pdf(ctx, start, end, deputy_id)  # noqa: E731
    else:
        assert isinstance(start, date) and isinstance(end, date)
        title, name = (
            QCoreApplication.translate("DocumentDialog", "履职情况汇总表"),
            f"履职汇总-{start:%Y%m%d}-{end:%Y%m%d}.pdf",
        )
        make = lambda _v: docs.performance_summary_pdf(ctx, start, end)  # noqa: E731
    dialog = DocumentDialog(parent, title, name, make, job_tag=kind.replace("_", "-"))
    dialog.open()
    return dialog
