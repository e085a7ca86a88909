"""Dock panels: one sub-package each, registered in :data:`PANELS`, built on first show.

A panel is a QDockWidget whose real widget is imported and created only when the dock is first
shown (Frescobaldi's pattern). It follows the current document tab: ``set_tab(new)``
disconnects from the old tab, and the widget reads the tab's last analysis and cursor offset.
A panel widget implements ``set_tab(tab)``; the tab offers ``analysis``, ``analysis_changed``,
``cursor_moved``, ``select_span(start, end)`` and ``apply_fix(fix)``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QWidget

__all__ = ["PANELS", "PanelSpec", "Panel", "create_panels"]


@dataclass(frozen=True)
class PanelSpec:
    name: str  # objectName, the key of the saved window state
    title: str
    widget: str  # "module:Class", imported on first show
    area: Qt.DockWidgetArea
    shortcut: str


PANELS: tuple[PanelSpec, ...] = (
    PanelSpec("outline", "Outline", "viewer.ui.panels.outline.widget:OutlineWidget", Qt.DockWidgetArea.LeftDockWidgetArea, "Ctrl+Shift+O"),
    PanelSpec(
        "references", "References", "viewer.ui.panels.references.widget:ReferencesWidget",
        Qt.DockWidgetArea.BottomDockWidgetArea, "Ctrl+Shift+R",
    ),
)


class Panel(QDockWidget):
    """A lazily built dock; ``widget_created`` fires once, when the real widget exists."""

    widget_created = Signal(QWidget)

    def __init__(self, spec: PanelSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec.title, parent)
        self.spec = spec
        self.setObjectName(spec.name)
        self._tab = None
        self._widget = None
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.toggleViewAction().setShortcut(spec.shortcut)
        self.visibilityChanged.connect(self._on_visible)

    def _on_visible(self, visible: bool) -> None:
        if visible:
            self.panel_widget()

    def panel_widget(self) -> QWidget:
        """The real widget, created on first use."""
        if self._widget is None:
            module, _, name = self.spec.widget.partition(":")
            cls = getattr(importlib.import_module(module), name)
            self._widget = cls(self)
            self.setWidget(self._widget)
            self._widget.set_tab(self._tab)
            self.widget_created.emit(self._widget)
        return self._widget

    def set_tab(self, tab) -> None:
        self._tab = tab
        if self._widget is not None:
            self._widget.set_tab(tab)


def create_panels(parent: QWidget) -> list[Panel]:
    return [Panel(spec, parent) for spec in PANELS]
