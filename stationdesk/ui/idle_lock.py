"""The idle lock's clock: any key, click, wheel or pointer move restarts it (reliability §4.3)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

DEFAULT_IDLE_MINUTES = 5
SESSION_HOURS = 8  # ASVS 7.3.2: an absolute session limit; then the password is asked again

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    """An application-wide event filter; emits idle() after the set time without input."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEFAULT_IDLE_MINUTES * 60_000)
        self.timer.timeout.connect(self.idle)
        self.session = QTimer(self)
        self.session.setSingleShot(True)
        self.session.setInterval(SESSION_HOURS * 3_600_000)
        self.session.timeout.connect(self.idle)
        self._installed = False

    def set_timeout_ms(self, milliseconds: int) -> None:
        """Change the idle time (the admin's setting; tests use a short one)."""
        self.timer.setInterval(milliseconds)
        if self.timer.isActive():
            self.timer.start()

    def start_session(self) -> None:
        """A password was just given: the idle clock and the 8-hour clock start again."""
        self.session.start()
        self.start()

    def start(self) -> None:
        """Watch input from now on (after sign-in)."""
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self.timer.start()

    def stop(self) -> None:
        """Stop watching (locked or signed out)."""
        self.timer.stop()
        self.session.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False
