"""What every panel widget does to follow the current document tab."""

from __future__ import annotations


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
