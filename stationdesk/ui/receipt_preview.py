"""打印回执 / 补打回执: the receipt preview (QtPdf) with paper, summary and printer choice."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stationdesk.domain.errors import ValidationError
from stationdesk.domain.permissions import Action, allowed
from stationdesk.domain.validators import clean_text
from stationdesk.services.context import ServiceContext
from stationdesk.services.receipts import (
    SUMMARY_MAX,
    PrintSettings,
    ReceiptData,
    ReceiptFormat,
    print_settings,
    receipt_data,
    record_print,
    render_receipt,
)
from stationdesk.ui.errors import message_for
from stationdesk.ui.form_fields import hinted_field
from stationdesk.ui.print_job import (
    PrintError,
    available_printers,
    load_pdf,
    print_pdf,
    printer_named,
)
from stationdesk.ui.receipt_settings import ReceiptSettingsDialog
from stationdesk.ui.signals import AppSignals, emit
from stationdesk.ui.tasks import Op, QueryOp


def format_label(fmt: ReceiptFormat) -> str:
    """How a paper format is offered to the clerk."""
    labels = {
        ReceiptFormat.A4: QCoreApplication.translate("ReceiptPreview", "A4 两联（存根联＋回执联）"),
        ReceiptFormat.A5: QCoreApplication.translate("ReceiptPreview", "A5 单联"),
        ReceiptFormat.ROLL_80: QCoreApplication.translate("ReceiptPreview", "80 毫米热敏纸"),
    }
    return labels[fmt]


def print_error_text(code: str) -> str:
    """The clerk's wording of a printing failure."""
    texts = {
        "printer_not_found": QCoreApplication.translate(
            "ReceiptPreview", "找不到这台打印机，请重新选择。"
        ),
        "printer_not_ready": QCoreApplication.translate(
            "ReceiptPreview", "打印机没有准备好，请检查电源、纸张和连接后再试。"
        ),
        "pdf_unreadable": QCoreApplication.translate("ReceiptPreview", "回执生成失败，请重试。"),
        "paper_refused": QCoreApplication.translate(
            "ReceiptPreview", "这台打印机不支持这种纸张，请换一种纸张或打印机。"
        ),
    }
    return texts.get(code, code)


def _load(ctx: ServiceContext, case_ids: list[str]) -> tuple[list[ReceiptData], PrintSettings]:
    """DB thread: the slips' data and the print settings."""
    return [receipt_data(ctx, case_id) for case_id in case_ids], print_settings(ctx)


class ReceiptPreviewDialog(QDialog):
    """Preview the receipts of one or more cases and print them (one job per receipt)."""

    printed = Signal(str)  # the message for the page that opened the dialog

    def __init__(
        self,
        ctx: ServiceContext,
        signals: AppSignals,
        case_ids: list[str],
        *,
        reprint: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signals = signals
        self.case_ids = list(case_ids)
        self.reprint = reprint
        self.data: list[ReceiptData] = []
        self.summaries: dict[int, str] = {}
        self.pdf: bytes | None = None
        self._document: object | None = None
        self._chosen_printer: QPrinter | None = None
        self._reloading = False
        self.settings_dialog: ReceiptSettingsDialog | None = None
        self.setObjectName("receiptPreview")
        self.setWindowTitle(self.tr("补打回执") if reprint else self.tr("打印回执"))
        self.resize(1020, 760)

        self.view = QPdfView()
        self.view.setObjectName("receiptView")
        self.view.setPageMode(QPdfView.PageMode.SinglePage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

        self.case_combo = QComboBox()
        self.case_combo.currentIndexChanged.connect(self._case_changed)
        self.format_combo = QComboBox()
        for fmt in ReceiptFormat:
            self.format_combo.addItem(format_label(fmt), fmt.value)
        self.format_combo.currentIndexChanged.connect(self.render)
        self.summary_edit = QLineEdit()
        self.summary_edit.setPlaceholderText(self.tr("默认取反映内容的开头"))
        self.summary_edit.textEdited.connect(self._summary_edited)
        self.summary_count = QLabel("")
        self.summary_count.setObjectName("hint")
        self.summary_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        summary_box, self.summary_error = hinted_field(self.summary_edit)
        summary_row = QVBoxLayout()
        summary_row.setSpacing(2)
        summary_row.addWidget(summary_box)
        summary_row.addWidget(self.summary_count)
        self.printer_combo = QComboBox()
        self.printer_setup = QPushButton(self.tr("打印机设置…"))
        self.printer_setup.clicked.connect(self.choose_printer)
        printer_row = QHBoxLayout()
        printer_row.addWidget(self.printer_combo, 1)
        printer_row.addWidget(self.printer_setup)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.setVerticalSpacing(6)
        form.addRow(self.tr("案件编号"), self.case_combo)
        form.addRow(self.tr("纸张"), self.format_combo)
        form.addRow(self.tr("回执上的事项摘要（不超过 60 字）"), summary_row)
        form.addRow(self.tr("打印机"), printer_row)

        self.note = QLabel(self.tr("回执不显示身份证号和完整手机号；反映内容只印摘要。"))
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.settings_button = QPushButton(self.tr("回执设置…"))
        self.settings_button.clicked.connect(self.edit_settings)
        self.settings_button.setVisible(allowed(ctx.actor.role, Action.CONFIGURE))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.hide()

        self.print_button = QPushButton(self.tr("打印（Ctrl+P）"))
        self.print_button.setObjectName("primary")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_all)
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        secondary = QHBoxLayout()
        secondary.addWidget(self.save_button, 1)
        secondary.addWidget(self.close_button, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(8)
        buttons.addLayout(secondary)
        buttons.addWidget(self.print_button)

        side = QVBoxLayout()
        side.setSpacing(10)
        side.addLayout(form)
        side.addWidget(self.note)
        side.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.message)
        side.addStretch(1)
        side.addLayout(buttons)
        side_box = QWidget()
        side_box.setLayout(side)
        side_box.setFixedWidth(360)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(16)
        layout.addWidget(self.view, 1)
        layout.addWidget(side_box)

        shortcut = QShortcut(QKeySequence("Ctrl+P"), self)
        shortcut.activated.connect(self.print_all)
        self._set_busy(True)
        self.reload()

    def reload(self) -> None:
        """Read the slips' data and the print settings again (DB thread)."""
        ctx, ids = self.ctx, self.case_ids
        QueryOp(self, lambda: _load(ctx, ids)).success(self._loaded).failure(
            self._failed
        ).run_in_background()

    @Slot()
    def edit_settings(self) -> None:
        """回执设置: station phone, hours, query address, notice; the preview follows."""
        dialog = ReceiptSettingsDialog(self.ctx, self.signals, self)
        dialog.saved.connect(self._settings_saved)
        self.settings_dialog = dialog
        dialog.open()

    def _settings_saved(self) -> None:
        self._reloading = True
        self.reload()

    # --- state ------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        ready = not busy and bool(self.data)
        self.print_button.setEnabled(ready and self.printer_combo.count() > 0)
        self.save_button.setEnabled(ready)

    def _show_message(self, text: str, error: bool = False) -> None:
        self.message.setObjectName("formError" if error else "savedMessage")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _loaded(self, result: tuple[list[ReceiptData], PrintSettings]) -> None:
        self.data, settings = result
        if self._reloading:  # after 回执设置: same choices, new station texts
            self._reloading = False
            self.render()
            return
        self.case_combo.blockSignals(True)
        for data in self.data:
            self.case_combo.addItem(data.case_no)
        self.case_combo.blockSignals(False)
        self.case_combo.setEnabled(len(self.data) > 1)
        self.format_combo.blockSignals(True)
        self.format_combo.setCurrentIndex(list(ReceiptFormat).index(settings.fmt))
        self.format_combo.blockSignals(False)
        printers = available_printers()
        self.printer_combo.addItems(printers)
        if settings.printer in printers:
            self.printer_combo.setCurrentText(settings.printer)
        if not printers:
            self.printer_combo.setPlaceholderText(self.tr("本机没有可用的打印机"))
            self.printer_setup.setEnabled(False)
            self._show_message(self.tr("本机没有可用的打印机，可以先另存为 PDF。"), error=True)
        if len(self.data) > 1:
            self.print_button.setText(self.tr("打印全部 {n} 张（Ctrl+P）").format(n=len(self.data)))
        self._case_changed(0)
        self._set_busy(False)
        self.print_button.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._show_message(message_for(exc), error=True)

    def current_format(self) -> ReceiptFormat:
        # Qt hands a str subclass back as plain str: store the value, convert here.
        return ReceiptFormat(str(self.format_combo.currentData()))

    def _receipt(self, index: int) -> ReceiptData:
        """The slip of one case with the clerk's summary (already checked)."""
        data = self.data[index]
        summary = self.summaries.get(index)
        return dataclasses.replace(data, summary=summary) if summary else data

    @Slot(int)
    def _case_changed(self, index: int) -> None:
        if not self.data or index < 0:
            return
        self.summary_edit.setText(self.summaries.get(index) or self.data[index].summary)
        self._update_count()
        self.render()

    def _update_count(self) -> None:
        n = len(self.summary_edit.text())
        self.summary_count.setText(f"{n}/{SUMMARY_MAX}")

    @Slot(str)
    def _summary_edited(self, text: str) -> None:
        self._update_count()
        try:
            cleaned = " ".join(clean_text(text, "summary", SUMMARY_MAX).split())
        except ValidationError as exc:
            self.summary_error.setText(message_for(exc))
            self.summary_error.show()
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        self.summary_error.hide()
        index = self.case_combo.currentIndex()
        if cleaned:
            self.summaries[index] = cleaned
        else:
            self.summaries.pop(index, None)
        self._set_busy(False)
        self.render()

    @Slot()
    def render(self) -> None:
        """Lay the current slip out again and show it (ReportLab is pure; this is quick)."""
        index = self.case_combo.currentIndex()
        if not self.data or index < 0:
            return
        self.pdf = render_receipt(self._receipt(index), self.current_format())
        document, buffer = load_pdf(self.pdf, self)
        old = self._document
        self._document = (document, buffer)
        self.view.setDocument(document)
        if isinstance(old, tuple):
            old[0].deleteLater()

    # --- printing ---------------------------------------------------------------------

    @Slot()
    def choose_printer(self) -> None:
        """The system print dialog, for a printer's own options (copies, tray …)."""
        try:
            printer = printer_named(self.printer_combo.currentText() or None)
        except PrintError as exc:
            self._show_message(print_error_text(str(exc)), error=True)
            return
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._chosen_printer = printer
            if self.printer_combo.findText(printer.printerName()) < 0:
                self.printer_combo.addItem(printer.printerName())
            self.printer_combo.setCurrentText(printer.printerName())

    def _printer(self) -> QPrinter:
        name = self.printer_combo.currentText()
        chosen = self._chosen_printer
        if chosen is not None and chosen.printerName() == name:
            return chosen
        return printer_named(name or None)

    @Slot()
    def print_all(self) -> None:
        """Print every case's slip, one job each; remember the printer; log a reprint."""
        if not self.print_button.isEnabled():
            return
        fmt = self.current_format()
        name = self.printer_combo.currentText()
        sent = 0
        problem: str | None = None
        try:
            for index, data in enumerate(self.data):
                pdf = render_receipt(self._receipt(index), fmt)
                print_pdf(pdf, self._printer(), f"回执单 {data.case_no}")
                sent += 1
        except PrintError as exc:
            problem = print_error_text(str(exc))
        if not sent:
            self._show_message(problem or "", error=True)
            return
        ctx, ids, reprint = self.ctx, self.case_ids[:sent], self.reprint
        if problem is None:
            done = self.tr("已发送到打印机 {printer}：{n} 张回执。").format(printer=name, n=sent)
            after = lambda _r: self._after_print(done)  # noqa: E731
        else:  # some went out: say which, and stay open for the rest
            partly = self.tr("只打印了 {sent}/{total} 张：{problem}").format(
                sent=sent, total=len(self.data), problem=problem
            )
            after = lambda _r: self._show_message(partly, error=True)  # noqa: E731
        Op(self, lambda: record_print(ctx, ids, name, fmt, reprint=reprint), self.signals).success(
            after
        ).failure(self._failed).run_in_background()

    def _after_print(self, text: str) -> None:
        emit(self.printed, text)
        self.accept()

    @Slot()
    def save_pdf(self) -> None:
        """Save the slip on screen as a PDF file (e.g. to print on another PC)."""
        if self.pdf is None:
            return
        index = self.case_combo.currentIndex()
        suggested = str(Path.home() / f"回执单-{self.data[index].case_no}.pdf")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存为 PDF"), suggested, self.tr("PDF 文件 (*.pdf)")
        )
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> None:
        """Write the slip on screen to `path` (atomically: a half-written file never shows)."""
        assert self.pdf is not None
        part = path.with_name(path.name + ".part")
        part.write_bytes(self.pdf)
        part.replace(path)
        self._show_message(self.tr("已另存为 {path}").format(path=path))
