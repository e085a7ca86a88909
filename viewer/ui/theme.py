"""Light, dark, or whatever the system uses: the application palette, chosen in one place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

__all__ = ["effective_theme", "apply_theme"]


def effective_theme(setting: str) -> str:
    """``light`` or ``dark``; ``system`` asks the platform (light when it does not say)."""
    if setting in ("light", "dark"):
        return setting
    app = QGuiApplication.instance()
    if app is not None and app.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def _dark_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: QColor(45, 46, 50),
        QPalette.ColorRole.WindowText: QColor(220, 221, 224),
        QPalette.ColorRole.Base: QColor(30, 31, 34),
        QPalette.ColorRole.AlternateBase: QColor(38, 40, 44),
        QPalette.ColorRole.ToolTipBase: QColor(50, 52, 56),
        QPalette.ColorRole.ToolTipText: QColor(230, 230, 230),
        QPalette.ColorRole.PlaceholderText: QColor(130, 133, 140),
        QPalette.ColorRole.Text: QColor(220, 221, 224),
        QPalette.ColorRole.Button: QColor(52, 54, 58),
        QPalette.ColorRole.ButtonText: QColor(220, 221, 224),
        QPalette.ColorRole.BrightText: QColor(255, 110, 110),
        QPalette.ColorRole.Link: QColor(138, 180, 248),
        QPalette.ColorRole.Highlight: QColor(66, 110, 180),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 122, 128))
    return p


def _light_palette() -> QPalette:
    p = QApplication.style().standardPalette()
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(246, 247, 249))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(150, 152, 158))
    return p


def apply_theme(app: QApplication, setting: str) -> str:
    """Set the application's palette for ``setting``; the effective theme name."""
    name = effective_theme(setting)
    app.setPalette(_dark_palette() if name == "dark" else _light_palette())
    return name
