"""从 Excel 导入代表名册: the template, a dry run listing each row's problems, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationdesk.ui.dialogs import ask_save_path, button_row
from stationdesk.ui.errors import message_for
from stationdesk.ui.signals import AppSignals
from stationdesk.ui.tasks import Op, QueryOp
from stationdesk.ui.theme import show_message

if TYPE_CHECKING:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.context import ServiceContext
    from stationdesk.services.roster_import import ImportReport


def _dry_run(ctx: ServiceContext, path: Path) -> ImportReport:
    from stationdesk.services.roster_import import import_roster

    return import_roster(ctx, path, dry_run=True)


def _import(ctx: ServiceContext, path: Path) -> tuple[ImportReport, ChangeSet]:
    from stationdesk.services.changes import ChangeSet
    from stationdesk.services.roster_import import import_roster

    report = import_roster(ctx, path, dry_run=False)
    return report, ChangeSet.of("deputy") if report.created else ChangeSet()


def _template(path: Path) -> None:
    from stationdesk.services.roster_import import write_template

    write_template(path)


class RosterImportDialog(QDialog):
    """Pick a sheet, see what would come in (or what is wrong, row by row), then import."""

    def __init__(self, ctx: ServiceContext, signals: AppSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._signals = signals
        self.path: Path | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle(self.tr("从 Excel 导入代表名册"))
        self.resize(760, 520)
        intro = QLabel(
            self.tr(
                "请按模板整理名册（每位代表一行），先检查，没有问题后再导入。"
                "有任何一行不对，整份都不会导入，请改好后重新检查。"
            )
        )
        intro.setWordWrap(True)
        self.template_button = QPushButton(self.tr("下载导入模板…"))
        self.template_button.clicked.connect(self.save_template)
        self.choose_button = QPushButton(self.tr("选择 Excel 文件并检查…"))
        self.choose_button.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.template_button)
        top.addWidget(self.choose_button)
        top.addStretch(1)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.errors = QTableWidget(0, 3)
        self.errors.setHorizontalHeaderLabels([self.tr("行"), self.tr("列"), self.tr("问题")])
        self.errors.verticalHeader().hide()
        self.errors.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.errors.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        self.import_button = QPushButton(self.tr("导入"))
        self.import_button.setObjectName("primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_now)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors, 1)
        layout.addLayout(button_row(close, self.import_button))

    @Slot()
    def save_template(self) -> None:
        """Write the template where the clerk chooses."""
        path = ask_save_path(
            self, self.tr("保存导入模板"), "代表名册导入模板.xlsx", self.tr("Excel 文件 (*.xlsx)")
        )
        if path is not None:
            self.write_template(path)

    def write_template(self, path: Path) -> None:
        """Write the template to path."""
        QueryOp(self, lambda: _template(path)).success(
            lambda _r: self._say(self.tr("模板已保存到 {path}").format(path=path))
        ).failure(self._failed).run_in_background()

    @Slot()
    def choose_file(self) -> None:
        """Pick the sheet and check it."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择代表名册"), str(Path.home()), self.tr("Excel 文件 (*.xlsx)")
        )
        if path:
            self.check(Path(path))

    def check(self, path: Path) -> None:
        """The dry run: nothing is written; every problem is listed."""
        self.path = path
        self.import_button.setEnabled(False)
        ctx = self._ctx
        QueryOp(self, lambda: _dry_run(ctx, path)).success(self._show).failure(
            self._failed
        ).run_in_background()

    def _show(self, report: ImportReport) -> None:
        self.report = report
        self.errors.setRowCount(len(report.errors))
        for row, e in enumerate(report.errors):
            cells = (str(e.row) if e.row else self.tr("整个文件"), e.column or "", e.message)
            for col, text in enumerate(cells):
                self.errors.setItem(row, col, QTableWidgetItem(text))
        if report.errors:
            self._say(
                self.tr("读取 {rows} 行，发现 {n} 处问题，请改好后重新检查。").format(
                    rows=report.rows_read, n=len(report.errors)
                ),
                error=True,
            )
        else:
            self._say(
                self.tr("读取 {rows} 行，没有发现问题，可以导入 {n} 名代表。").format(
                    rows=report.rows_read, n=report.ready
                )
            )
        self.import_button.setEnabled(not report.errors and report.ready > 0)

    @Slot()
    def import_now(self) -> None:
        """All or nothing, in one transaction."""
        ctx, path = self._ctx, self.path
        if path is None:
            return
        self.import_button.setEnabled(False)

        def done(report: ImportReport) -> None:
            if report.errors:  # the file changed since the check
                self._show(report)
                return
            self._say(self.tr("已导入 {n} 名代表。").format(n=report.created))

        Op(self, lambda: _import(ctx, path), self._signals).success(done).failure(
            self._failed
        ).run_in_background()

    def _say(self, text: str, *, error: bool = False) -> None:
        show_message(self.summary, text, error=error)

    def _failed(self, exc: BaseException) -> None:
        self._say(message_for(exc), error=True)
