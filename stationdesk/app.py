"""Composition root and the `stationdesk` entry point: a CLI subcommand, or the GUI.

Start-up is kept fast: this module imports nothing heavy at the top; the window is shown
before the database is touched, and the services (SQLAlchemy) are imported on the DB thread.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stationdesk.ui.main_window import MainWindow

ENV_BENCH_EXIT = "STATIONDESK_BENCH_EXIT"
BENCH_MARKER = "STATIONDESK_FIGURES_SHOWN"

NO_DISPLAY_MESSAGE = """\
没有可用的图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开联络站工作台的窗口。
在没有显示器的机器上，可以这样运行：
  xvfb-run -a stationdesk               （虚拟显示；在源码目录中：xvfb-run -a make run）
  QT_QPA_PLATFORM=offscreen stationdesk （不显示窗口）
管理命令不需要显示，见 stationdesk --help。

No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so StationDesk cannot open
its window. On a machine without a screen run it under Xvfb: `xvfb-run -a stationdesk`
(in the source folder: `xvfb-run -a make run`), or set QT_QPA_PLATFORM=offscreen.
Admin commands need no display: see `stationdesk --help`."""


def has_display() -> bool:
    """False on Linux without DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM (Qt would abort)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line; run a subcommand, or the GUI when there is none."""
    from stationdesk import cli

    args = cli.build_parser().parse_args(None if argv is None else list(argv))
    if args.command is not None:
        return cli.run(args)
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    return run_gui(args.data_dir)


def run_gui(data_dir: str | None) -> int:
    """Build the Qt application and the main window, show it, then open the data folder."""
    from PySide6.QtWidgets import QApplication

    from stationdesk.paths import resolve_data_dir
    from stationdesk.ui.fonts import install_app_font
    from stationdesk.ui.i18n import install_translations
    from stationdesk.ui.main_window import MainWindow
    from stationdesk.ui.signals import AppSignals
    from stationdesk.ui.theme import STYLESHEET

    paths = resolve_data_dir(data_dir)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StationDesk")
    app.setOrganizationName("StationDesk")
    install_app_font(app)
    install_translations(app)
    app.setStyleSheet(STYLESHEET)

    signals = AppSignals(app)
    window = MainWindow(paths, signals)
    if os.environ.get(ENV_BENCH_EXIT):
        _exit_when_figures_shown(window)
    screen = app.primaryScreen().availableGeometry()
    if screen.width() < 1440 or screen.height() < 860:
        window.setGeometry(screen)  # also fills the screen where no window manager maximizes
        window.showMaximized()  # old 1366×768 and 1024×768 screens: use every pixel
    else:
        window.show()
    window.open_data()
    return app.exec()


def _exit_when_figures_shown(window: MainWindow) -> None:
    """Benchmark hook: print a marker once today's figures are painted, then quit."""
    from PySide6.QtWidgets import QApplication

    def done() -> None:
        window.repaint()  # paint the figures now, synchronously
        print(BENCH_MARKER, flush=True)
        window.close()
        QApplication.quit()

    window.home_page.figures_shown.connect(done)


if __name__ == "__main__":
    sys.exit(main())
