"""The app's look: one stylesheet for navigation, headings, tiles, forms and buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

ALERT_RED = "#c62828"

STYLESHEET = """
QMainWindow, #workspace, #setupPage, #messagePage { background: #f3f5f8; }
QStatusBar { background: #ffffff; border-top: 1px solid #dde3ea; color: #3e4c59; }
QStatusBar QLabel { padding: 2px 10px; }
QStatusBar::item { border: none; }
#nav {
    background: #ffffff; border: none; border-right: 1px solid #dde3ea;
    font-size: 12pt; outline: 0; padding-top: 10px;
}
#nav::item { padding: 12px 22px; color: #323f4b; border-left: 4px solid transparent; }
#nav::item:hover { background: #f0f4fa; }
#nav::item:selected { background: #e6eefb; color: #174ea6; border-left: 4px solid #1a66c9; }
#pageTitle { font-size: 17pt; font-weight: bold; color: #1f2933; }
#pageSubtitle, #hint { color: #616e7c; }
#sectionTitle { font-size: 12.5pt; font-weight: bold; color: #323f4b; }
#card, #tile { background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px; }
#tileValue { font-size: 30pt; font-weight: bold; color: #1f2933; padding: 2px 0px 4px 0px; }
#tileValue[alert="true"] { color: #c62828; }
#tileCaption { font-size: 12pt; color: #3e4c59; }
#tileHint { color: #7b8794; }
#fieldError, #formError { color: #c62828; }
#checkOk { color: #2e7d32; }
#checkBad { color: #c62828; }
QLineEdit { padding: 5px 6px; min-height: 24px; }
QSpinBox { min-height: 30px; }
QPushButton { padding: 6px 18px; min-height: 24px; }
QPushButton#primary {
    background: #1a66c9; color: #ffffff; border: 1px solid #1659b0; border-radius: 4px;
    padding: 8px 26px; font-weight: bold;
}
QPushButton#primary:hover { background: #1659b0; }
QPushButton#primary:disabled { background: #9bb8e0; border-color: #9bb8e0; }
QTableWidget { background: #ffffff; border: 1px solid #dde3ea; }
QTableWidget::item { padding: 4px 10px; }
QPushButton:flat { border: none; color: #1a66c9; padding: 2px 0px; text-align: left; }
QHeaderView::section {
    background: #f5f7fa; border: none; border-bottom: 1px solid #dde3ea; padding: 6px 10px;
}
"""


def set_alert(widget: QWidget, alert: bool) -> None:
    """Toggle the stylesheet's [alert="true"] state (red text) on widget."""
    if widget.property("alert") == alert:
        return
    widget.setProperty("alert", alert)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def restyle(widget: QWidget, object_name: str) -> None:
    """Give widget another stylesheet role (objectName) and apply it at once."""
    widget.setObjectName(object_name)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def show_message(label: QLabel, text: str, *, error: bool = False) -> None:
    """A page's message line: red for a failure, green for what was done."""
    restyle(label, "formError" if error else "savedMessage")
    label.setText(text)
