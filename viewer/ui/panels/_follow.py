"""What every panel widget does to follow the current document tab, and to update fast."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QHeaderView, QTreeWidget


class TabFollower:
    """Mixin: connects ``show_analysis`` and ``show_cursor`` to the current tab, and only to it."""

    _tab = None

    def set_tab(self, tab) -> None:
        old = self._tab
        if old is not None:
            old.analysis_changed.disconnect(self.show_analysis)
            old.cursor_moved.disconnect(self.show_cursor)
        self._tab = tab
        if tab is not None:
            tab.analysis_changed.connect(self.show_analysis)
            tab.cursor_moved.connect(self.show_cursor)
        self.show_analysis(tab.analysis if tab is not None else None)
        if tab is not None:
            self.show_cursor(tab.cursor_offset())

    def show_analysis(self, analysis) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def show_cursor(self, offset: int) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


@contextmanager
def many_changes(tree: QTreeWidget):
    """Change many rows of ``tree`` at once, fast: a column sized to its contents measures all its
    rows again for each changed row (1,700 line numbers set one by one: 4 s); it is measured
    once, after the changes. Signals of the tree are blocked meanwhile."""
    header = tree.header()
    fitted = [c for c in range(header.count()) if header.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents]
    for column in fitted:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    try:
        with QSignalBlocker(tree):
            yield
    finally:
        for column in fitted:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
