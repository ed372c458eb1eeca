"""The bundled CJK font, registered with Qt and made the app font (no system fonts needed)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from stationdesk.paths import bundled_font

log = logging.getLogger(__name__)

BODY_POINT_SIZE = 11.0


def install_app_font(app: QApplication) -> str | None:
    """Register resources/fonts/wqy-microhei.ttc and make it the app font; return its family."""
    font_id = QFontDatabase.addApplicationFont(str(bundled_font()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("bundled font not loaded: %s", bundled_font())
    family = families[0] if families else None
    font = QFont(app.font())
    if family:
        font.setFamilies([family])
    font.setPointSizeF(BODY_POINT_SIZE)
    app.setFont(font)
    return family
