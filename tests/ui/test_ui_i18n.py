from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator

from stationdesk.paths import resources_dir
from stationdesk.ui.fonts import BODY_POINT_SIZE, install_app_font
from stationdesk.ui.home_page import HomePage
from stationdesk.ui.i18n import install_translations, ui_language

ROOT = Path(__file__).resolve().parents[2]
TS = resources_dir() / "translations" / "stationdesk_en.ts"
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}")


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (ctx.findtext("name"), msg.findtext("source")): msg
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    }


def test_english_ts_translates_every_string_with_the_same_placeholders():
    """Each source string in stationdesk_en.ts has a finished English text keeping its {fields}."""
    messages = _messages(TS)
    assert len(messages) > 100
    for (context, source), msg in messages.items():
        translation = msg.find("translation")
        assert translation.get("type") is None, (context, source)
        text = translation.text or ""
        assert text.strip(), (context, source)
        assert not re.search(r"[\u4e00-\u9fff]", text), (context, source)
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source))


def test_ts_file_is_up_to_date_with_the_ui_sources(tmp_path):
    """pyside6-lupdate over stationdesk/ui finds exactly the strings the committed .ts holds."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "stationdesk" / "ui").glob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert set(_messages(fresh)) == set(_messages(TS))


def test_english_is_used_when_its_qm_is_built(qapp, tmp_path, monkeypatch, signals):
    """With STATIONDESK_LANG=en and a .qm built by lrelease, pages speak English."""
    qm = tmp_path / "stationdesk_en.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(qm)], check=True, capture_output=True
    )
    monkeypatch.setenv("STATIONDESK_LANG", "en")
    monkeypatch.setattr("stationdesk.ui.i18n.translations_dir", lambda: str(tmp_path))
    assert ui_language() == "en"
    installed: list[QTranslator] = []
    try:
        installed = install_translations(qapp)
        assert len(installed) == 2  # Qt's own, then ours
        page = HomePage(signals)
        assert page.tiles["visits"].caption_label.text() == "Visits today"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale("zh_CN"))


@pytest.mark.parametrize(("value", "expected"), [("", "zh_CN"), ("en", "en"), ("en_US", "en")])
def test_ui_language_defaults_to_simplified_chinese(monkeypatch, value, expected):
    """STATIONDESK_LANG picks English; anything else (or nothing) means zh_CN."""
    monkeypatch.setenv("STATIONDESK_LANG", value)
    assert ui_language() == expected


def test_bundled_font_is_the_app_font_at_a_readable_size(qapp):
    """The bundled WenQuanYi Micro Hei becomes the application font at ≥ 10.5 pt."""
    family = install_app_font(qapp)
    assert family == "WenQuanYi Micro Hei"
    assert qapp.font().families()[0] == family
    assert qapp.font().pointSizeF() == BODY_POINT_SIZE >= 10.5
