"""Translations: Qt's own catalogue, then StationDesk's built .qm (zh_CN default, en second)."""

from __future__ import annotations

import os

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from stationdesk.paths import resources_dir

ENV_LANG = "STATIONDESK_LANG"
DEFAULT_LANG = "zh_CN"
LANGUAGES = ("zh_CN", "en")


def ui_language() -> str:
    """zh_CN unless $STATIONDESK_LANG names another language we ship (en)."""
    wanted = os.environ.get(ENV_LANG, "").strip().replace("-", "_")
    for lang in LANGUAGES:
        if wanted.lower() == lang.lower() or wanted.lower().startswith(lang.lower() + "_"):
            return lang
    return DEFAULT_LANG


def translations_dir() -> str:
    """Where stationdesk_<lang>.ts lives and the built .qm files go."""
    return str(resources_dir() / "translations")


def install_translations(app: QApplication, lang: str | None = None) -> list[QTranslator]:
    """Install Qt's own translations, then ours when built; set the default locale to match.

    Source strings are Simplified Chinese, so zh_CN works without any .qm of ours.
    """
    lang = lang or ui_language()
    locale = QLocale(lang)
    QLocale.setDefault(locale)
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue, folder in (("qtbase", qt_dir), ("stationdesk", translations_dir())):
        translator = QTranslator(app)
        if translator.load(locale, catalogue, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
    return installed
