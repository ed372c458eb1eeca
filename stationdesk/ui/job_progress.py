"""JobProgress: a long job's services.progress.Job and its modal progress dialog with 取消."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from stationdesk.ui.signals import emit


class JobProgress(QObject):
    """The Job handed to a service on the DB thread, and the dialog that follows it.

    The worker's step(done, total) is relayed to the GUI thread by the queued signal `moved`;
    the dialog then shows done of total (and `step_text(done, total)` as its label when given),
    and its 取消 button cancels the job. Call close() once the job has ended, either way.
    """

    # (done, total), emitted on the worker's thread; receivers on the GUI thread get it queued.
    moved = Signal(int, int)

    def __init__(
        self,
        parent: QWidget,
        title: str,
        text: str,
        *,
        step_text: Callable[[int, int], str] | None = None,
        total: int = 0,
        minimum_duration: int = 300,
    ) -> None:
        from stationdesk.services.progress import Job

        super().__init__(parent)
        self._step_text = step_text
        self.job = Job(lambda done, total: emit(self.moved, done, total))
        dialog = QProgressDialog(text, self.tr("取消"), 0, total, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(minimum_duration)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.job.cancel)
        self.dialog = dialog
        self.moved.connect(self._on_moved)

    @Slot(int, int)
    def _on_moved(self, done: int, total: int) -> None:
        dialog = self.dialog
        top = max(total, 1)
        if dialog.maximum() != top:
            dialog.setMaximum(top)
        dialog.setValue(min(done, top))
        if self._step_text is not None:
            dialog.setLabelText(self._step_text(done, total))

    def close(self) -> None:
        """The job has ended: nothing more reaches the dialog; it is closed and disposed of."""
        self.moved.disconnect()
        self.dialog.canceled.disconnect()  # closing a QProgressDialog emits canceled
        self.dialog.close()
        self.dialog.deleteLater()
        self.deleteLater()
