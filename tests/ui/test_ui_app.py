from __future__ import annotations

import subprocess
import sys

from stationdesk import app
from stationdesk.services.station import load_station, open_data_dir


def test_main_without_a_display_returns_2_with_a_bilingual_hint(monkeypatch, capsys, tmp_path):
    """With no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM, main([]) explains and returns 2."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")

    assert app.main(["--data-dir", str(tmp_path)]) == 2
    assert app.main([]) == 2

    err = capsys.readouterr().err
    assert "没有可用的图形显示" in err
    assert "xvfb-run -a stationdesk" in err
    assert "QT_QPA_PLATFORM=offscreen" in err
    assert "No display" in err


def test_main_hands_subcommands_to_the_cli(monkeypatch, tmp_path):
    """A subcommand runs the CLI even without a display (here: init)."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    code = app.main(
        [
            "--data-dir",
            str(tmp_path),
            "init",
            "--station-code",
            "410205-01",
            "--station-name",
            "测试站",
        ]
    )
    assert code == 0
    from stationdesk.paths import resolve_data_dir

    opened = open_data_dir(resolve_data_dir(str(tmp_path)))
    try:
        assert load_station(opened.ctx).name == "测试站"
    finally:
        opened.ctx.db.dispose()


def test_app_and_ui_modules_import_neither_sqlalchemy_nor_services_at_start():
    """Importing the entry point and the UI keeps SQLAlchemy off the GUI thread's start-up path."""
    code = (
        "import sys, stationdesk.app; assert 'PySide6' not in sys.modules, 'app imports Qt';"
        "import stationdesk.ui.main_window;"
        "bad = [m for m in sys.modules if m.startswith(('sqlalchemy', 'stationdesk.store'))];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
