"""The status bar: cursor line and column, encoding, newline style, and passing messages.

The encoding and the newline style are buttons, as in Kate and VS Code: the encoding's menu reopens
the file in another encoding or saves it in one, the newline menu sets the style the next save writes.
The bar only asks (signals); the window does it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMenu, QStatusBar, QToolButton, QWidget

from viewer.ui.dialogs import BOM_ENCODINGS, NEWLINES, encoding_choices

__all__ = ["StatusBar"]


class StatusBar(QStatusBar):
    """``reopen_requested(encoding)``, ``save_requested(encoding, bom)``, ``newline_requested(newline)``."""

    reopen_requested = Signal(str)
    save_requested = Signal(str, bool)
    newline_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.position = QLabel()
        self.position.setToolTip("Line and column")
        self.position.setContentsMargins(6, 0, 6, 0)
        self.addPermanentWidget(self.position)
        self.encoding = self._menu_button("Encoding: click to reopen or save the file in another one")
        self.newline = self._menu_button("Newline style: click to choose the one saving writes")
        self.encoding_menu = QMenu(self.encoding)
        self.encoding_menu.addSection("Reopen with Encoding")
        for name, label in encoding_choices():
            # UTF-8 read as utf-8-sig: a BOM, if there is one, is recognised
            action = self.encoding_menu.addAction(label)
            action.setData(("reopen", "utf-8-sig" if name == "utf-8" else name, False))
        self.encoding_menu.addSection("Save with Encoding")
        for name, label in encoding_choices():
            for bom in (False, True) if name in BOM_ENCODINGS else (False,):
                action = self.encoding_menu.addAction(label + (" with BOM" if bom else ""))
                action.setData(("save", name, bom))
        self.encoding_menu.triggered.connect(self._encoding_chosen)
        self.encoding.setMenu(self.encoding_menu)
        self.newline_menu = QMenu(self.newline)
        for value, label in NEWLINES:
            self.newline_menu.addAction(label).setData(value)
        self.newline_menu.triggered.connect(lambda action: self.newline_requested.emit(action.data()))
        self.newline.setMenu(self.newline_menu)

    def _menu_button(self, tip: str) -> QToolButton:
        button = QToolButton(toolTip=tip, autoRaise=True)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.addPermanentWidget(button)
        return button

    def _encoding_chosen(self, action) -> None:
        kind, name, bom = action.data()
        if kind == "reopen":
            self.reopen_requested.emit(name)
        else:
            self.save_requested.emit(name, bom)

    def show_tab(self, tab) -> None:
        for button in (self.encoding, self.newline):
            button.setEnabled(tab is not None)
        if tab is None:
            self.position.clear()
            self.encoding.setText("")
            self.newline.setText("")
            return
        line, column = tab.cursor_line_column()
        self.position.setText(f"Ln {line}, Col {column}")
        fmt = tab.document.format
        self.encoding.setText(fmt.label)
        self.newline.setText(fmt.newline_label)
