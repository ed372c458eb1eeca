"""导入 Excel 台账: file → sheet → column mapping with a preview → 检查 → 导入 with progress."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.ui.dialogs import ask_save_path, button_row
from stationdesk.ui.errors import message_for
from stationdesk.ui.job_progress import JobProgress
from stationdesk.ui.signals import AppSignals
from stationdesk.ui.tasks import Op, QueryOp
from stationdesk.ui.theme import show_message

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.progress import Job
    from stationdesk.services.register_import import RegisterReport, SheetPreview

_PREVIEW_ROWS = 3  # sample values shown beside each column


def _preview(ctx: ServiceContext, path: Path, sheet: str | None) -> SheetPreview:
    from stationdesk.services.register_import import preview_register

    return preview_register(ctx, path, sheet=sheet)


def _check(
    ctx: ServiceContext, path: Path, sheet: str, mapping: Mapping[int, str]
) -> RegisterReport:
    from stationdesk.services.register_import import check_register

    return check_register(ctx, path, sheet=sheet, mapping=mapping)


def _import(
    ctx: ServiceContext, path: Path, sheet: str, mapping: Mapping[int, str], job: Job
) -> tuple[RegisterReport, ChangeSet]:
    from stationdesk.services.register_import import import_register

    return import_register(ctx, path, sheet=sheet, mapping=mapping, job=job)


def _fields() -> tuple[tuple[str, str], ...]:
    from stationdesk.services.register_import import field_choices

    return field_choices()


def _template(path: Path) -> None:
    from stationdesk.services.register_sheet import write_template

    write_template(path)


class RegisterImportDialog(QDialog):
    """Map an old register's columns, check it row by row, then import it all or nothing."""

    def __init__(self, ctx: ServiceContext, signals: AppSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._signals = signals
        self.path: Path | None = None
        self.preview: SheetPreview | None = None
        self.report: RegisterReport | None = None
        self._checked_mapping: dict[int, str] | None = None
        self._running: JobProgress | None = None
        self.progress: QProgressDialog | None = None
        self.setWindowTitle(self.tr("导入 Excel 台账"))
        self.resize(980, 720)

        intro = QLabel(
            self.tr(
                "选择原有的接待台账（Excel .xlsx），核对每一列对应的内容，先检查，再导入。"
                "台账不必改成模板的样子；有任何一行出错，整份都不导入；已导入过的行不会重复导入。"
            )
        )
        intro.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("选择 Excel 文件…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = QLabel(self.tr("还没有选择文件"))
        self.file_label.setObjectName("hint")
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumWidth(140)
        self.sheet_combo.setEnabled(False)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.template_button = QPushButton(self.tr("下载参考模板…"))
        self.template_button.clicked.connect(self.save_template)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        top.addWidget(QLabel(self.tr("工作表")))
        top.addWidget(self.sheet_combo)
        top.addWidget(self.template_button)

        self.layout_note = QLabel("")
        self.layout_note.setWordWrap(True)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("表格中的列"), self.tr("对应到"), self.tr("前几行的内容")]
        )
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.verticalHeader().setDefaultSectionSize(34)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 190)
        header.setStretchLastSection(True)

        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 3)
        self.problems.setHorizontalHeaderLabels([self.tr("行"), self.tr("列"), self.tr("问题")])
        self.problems.verticalHeader().hide()
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        problems_header = self.problems.horizontalHeader()
        problems_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        problems_header.setStretchLastSection(True)

        results = QWidget()
        results_box = QVBoxLayout(results)
        results_box.setContentsMargins(0, 0, 0, 0)
        results_box.addWidget(self.summary)
        results_box.addWidget(self.problems, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.mapping_table)
        split.addWidget(results)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        self.check_button = QPushButton(self.tr("检查"))
        self.check_button.setEnabled(False)
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setObjectName("primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_now)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.layout_note)
        layout.addWidget(split, 1)
        layout.addLayout(button_row(close, self.check_button, self.import_button))

    # --- file and sheet -----------------------------------------------------------------------

    @Slot()
    def choose_file(self) -> None:
        """Pick the register."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择接待台账"), str(Path.home()), self.tr("Excel 文件 (*.xlsx)")
        )
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path, sheet: str | None = None) -> None:
        """Read the sheet's header and first rows; fill the mapping table."""
        self.path = path
        self.file_label.setText(path.name)
        self._clear_results()
        ctx = self._ctx
        QueryOp(self, lambda: _preview(ctx, path, sheet)).success(self._show_preview).failure(
            self._failed
        ).run_in_background()

    @Slot(int)
    def _sheet_chosen(self, index: int) -> None:
        if self.path is not None and self.preview is not None:
            name = self.sheet_combo.itemText(index)
            if name != self.preview.sheet:
                self.open_file(self.path, name)

    def _show_preview(self, preview: SheetPreview) -> None:
        self.preview = preview
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(preview.sheets))
        self.sheet_combo.setCurrentText(preview.sheet)
        self.sheet_combo.setEnabled(len(preview.sheets) > 1)
        origin = (
            self.tr("列的对应沿用上次为同样表头保存的设置")
            if preview.saved
            else self.tr("列的对应是按列名猜的，请逐列核对")
        )
        self.layout_note.setText(
            self.tr("表头在第 {row} 行，下面共 {n} 行。{origin}。").format(
                row=preview.header_row, n=preview.row_count, origin=origin
            )
        )
        fields = _fields()
        self.mapping_table.setRowCount(len(preview.headers))
        for index, header in enumerate(preview.headers):
            name = QTableWidgetItem(header or self.tr("（第 {n} 列，无列名）").format(n=index + 1))
            self.mapping_table.setItem(index, 0, name)
            combo = QComboBox()
            combo.addItem(self.tr("（不导入）"), "")
            for key, label in fields:
                combo.addItem(label, key)
            chosen = preview.mapping.get(index, "")
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.currentIndexChanged.connect(lambda _i, row=index: self._mapping_changed(row))
            self.mapping_table.setCellWidget(index, 1, combo)
            samples = [
                r[index] for r in preview.rows[:_PREVIEW_ROWS] if index < len(r) and r[index]
            ]
            self.mapping_table.setItem(index, 2, QTableWidgetItem(" ｜ ".join(samples)))
        self.check_button.setEnabled(True)
        self._say(self.tr("请核对每一列对应的内容，然后点“检查”。"))

    def combo(self, column: int) -> QComboBox:
        """The field chooser of a sheet column."""
        widget = self.mapping_table.cellWidget(column, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def mapping(self) -> dict[int, str]:
        """Column index → field key, as chosen in the table."""
        out: dict[int, str] = {}
        for row in range(self.mapping_table.rowCount()):
            key = str(self.combo(row).currentData() or "")
            if key:
                out[row] = key
        return out

    def _mapping_changed(self, row: int) -> None:
        """A field chosen for a second column leaves the first one (one column per field)."""
        key = str(self.combo(row).currentData() or "")
        if key:
            for other in range(self.mapping_table.rowCount()):
                if other != row and self.combo(other).currentData() == key:
                    self.combo(other).setCurrentIndex(0)
        self.import_button.setEnabled(False)  # check again before importing

    # --- check and import ---------------------------------------------------------------------

    @Slot()
    def check(self) -> None:
        """The dry run under the current mapping: nothing is written."""
        if self.path is None or self.preview is None:
            return
        ctx, path, sheet, mapping = self._ctx, self.path, self.preview.sheet, self.mapping()
        self.import_button.setEnabled(False)
        self._say(self.tr("正在检查…"))

        def shown(report: RegisterReport) -> None:
            self._checked_mapping = mapping
            self._show(report)

        QueryOp(self, lambda: _check(ctx, path, sheet, mapping)).success(shown).failure(
            self._failed
        ).run_in_background()

    def _show(self, report: RegisterReport) -> None:
        self.report = report
        issues = [*report.errors, *report.warnings]
        self.problems.setRowCount(len(issues))
        grey = QBrush(QColor("#6b7280"))
        for row, issue in enumerate(issues):
            where = str(issue.row) if issue.row else self.tr("整个文件")
            text = (self.tr("提示：") + issue.message) if issue.warning else issue.message
            for col, value in enumerate((where, issue.column or "", text)):
                item = QTableWidgetItem(value)
                if issue.warning:
                    item.setForeground(grey)
                self.problems.setItem(row, col, item)
        counts = self.tr("读取 {rows} 行：新的 {new} 行，以前已导入 {old} 行").format(
            rows=report.rows_read, new=report.ready, old=report.skipped
        )
        if report.errors:
            self._say(
                counts
                + self.tr("；发现 {n} 处问题，请改好表格或列的对应后重新检查。").format(
                    n=len(report.errors)
                ),
                error=True,
            )
        elif report.ready:
            self._say(counts + self.tr("；没有发现问题，可以导入。"))
        else:
            self._say(counts + self.tr("；没有需要导入的新行。"))
        self.import_button.setEnabled(report.ok and report.ready > 0)

    @Slot()
    def import_now(self) -> None:
        """All or nothing in one transaction, with a progress bar and 取消."""
        if self.path is None or self.preview is None or self._checked_mapping is None:
            return
        ctx, path, sheet = self._ctx, self.path, self.preview.sheet
        mapping = self._checked_mapping
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(False)
        total = self.report.ready if self.report is not None else 0
        running = self._running = JobProgress(
            self,
            self.tr("导入 Excel 台账"),
            self.tr("正在导入台账…"),
            step_text=lambda done, total: self.tr("正在导入台账：{done} / {total} 行").format(
                done=done, total=total
            ),
            total=max(1, total),
            minimum_duration=0,
        )
        job = running.job
        self.progress = running.dialog
        self.progress.show()
        Op(self, lambda: _import(ctx, path, sheet, mapping, job), self._signals).success(
            self._imported
        ).failure(self._import_failed).run_in_background()

    def _finish_progress(self) -> None:
        if self._running is not None:
            self._running.close()
            self._running = None
        self.progress = None
        self.check_button.setEnabled(True)

    def _imported(self, report: RegisterReport) -> None:
        self._finish_progress()
        if report.errors:  # the file changed since the check
            self._show(report)
            return
        self.report = report
        self._say(
            self.tr(
                "已导入 {visits} 次来访、{cases} 件问题；以前已导入、这次跳过 {old} 行。"
                "导入的记录和新登记的一样，会同步到县里。"
            ).format(visits=report.visits_created, cases=report.cases_created, old=report.skipped)
        )

    def _import_failed(self, exc: BaseException) -> None:
        self._finish_progress()
        self.import_button.setEnabled(self.report is not None and self.report.ok)
        self._failed(exc)

    # --- misc ---------------------------------------------------------------------------------

    @Slot()
    def save_template(self) -> None:
        """Write the optional template where the clerk chooses."""
        path = ask_save_path(
            self, self.tr("保存参考模板"), "接待台账参考模板.xlsx", self.tr("Excel 文件 (*.xlsx)")
        )
        if path is not None:
            self.write_template(path)

    def write_template(self, path: Path) -> None:
        """Write the template to path."""
        QueryOp(self, lambda: _template(path)).success(
            lambda _r: self._say(self.tr("参考模板已保存到 {path}").format(path=path))
        ).failure(self._failed).run_in_background()

    def _clear_results(self) -> None:
        self.report = None
        self._checked_mapping = None
        self.problems.setRowCount(0)
        self.import_button.setEnabled(False)

    def _say(self, text: str, *, error: bool = False) -> None:
        show_message(self.summary, text, error=error)

    def _failed(self, exc: BaseException) -> None:
        self._say(message_for(exc), error=True)
