"""The status bar: cursor line and column, encoding, newline style, and passing messages."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

__all__ = ["StatusBar"]


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.position = QLabel()
        self.encoding = QLabel()
        self.newline = QLabel()
        for label, tip in ((self.position, "Line and column"), (self.encoding, "Encoding"), (self.newline, "Newline style")):
            label.setToolTip(tip)
            label.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(label)

    def show_tab(self, tab) -> None:
        if tab is None:
            for label in (self.position, self.encoding, self.newline):
                label.clear()
            return
        line, column = tab.cursor_line_column()
        self.position.setText(f"Ln {line}, Col {column}")
        fmt = tab.document.format
        self.encoding.setText(fmt.label)
        self.newline.setText(fmt.newline_label)
