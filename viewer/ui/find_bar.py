"""The find/replace bar under the editor: plain, case, whole word, regular expression, in selection.

Searching runs on the document's text as a Python string (so a regular expression means Python's
``re``), and the spans found go to the editor through the offset bridge. Replace All is one undo step.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from viewer.ui.bridge import OffsetMap, cursor_span, document_text, select_span

__all__ = ["FindBar", "FindOptions", "compile_pattern"]


class FindOptions:
    def __init__(self, *, case: bool = False, whole_word: bool = False, regex: bool = False, in_selection: bool = False) -> None:
        self.case, self.whole_word, self.regex, self.in_selection = case, whole_word, regex, in_selection


def compile_pattern(needle: str, options: FindOptions) -> re.Pattern:
    """The search as a compiled pattern; raises re.error for a bad regular expression."""
    pattern = needle if options.regex else re.escape(needle)
    if options.whole_word:
        pattern = rf"(?<!\w)(?:{pattern})(?!\w)"
    return re.compile(pattern, 0 if options.case else re.IGNORECASE)


class FindBar(QWidget):
    """Attached to one editor; ``message(str)`` reports "not found", counts and regex errors."""

    message = Signal(str)

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._scope: tuple[int, int] | None = None  # the selection searched "in selection"
        self.find_edit = QLineEdit(placeholderText="Find")
        self.replace_edit = QLineEdit(placeholderText="Replace with")
        self.case_box = QCheckBox("Match case")
        self.word_box = QCheckBox("Whole words")
        self.regex_box = QCheckBox("Regular expression")
        self.selection_box = QCheckBox("In selection")
        self.status = QLabel()

        def button(text: str, slot, tip: str = "") -> QToolButton:
            b = QToolButton(text=text, toolTip=tip, autoRaise=True)
            b.clicked.connect(lambda *_: None if slot() else None)  # slots must return None (PySide)
            return b

        top = QHBoxLayout()
        top.addWidget(self.find_edit, 1)
        top.addWidget(button("Previous", self.find_previous, "Shift+F3"))
        top.addWidget(button("Next", self.find_next, "F3"))
        for box in (self.case_box, self.word_box, self.regex_box, self.selection_box):
            top.addWidget(box)
        top.addWidget(button("✕", self.close_bar, "Close (Esc)"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.replace_edit, 1)
        bottom.addWidget(button("Replace", self.replace_one))
        bottom.addWidget(button("Replace All", self.replace_all))
        bottom.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self.find_edit.returnPressed.connect(lambda: None if self.find_next() else None)
        self.replace_edit.returnPressed.connect(lambda: None if self.replace_one() else None)
        self.selection_box.toggled.connect(self._scope_toggled)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide()

    def options(self) -> FindOptions:
        return FindOptions(
            case=self.case_box.isChecked(),
            whole_word=self.word_box.isChecked(),
            regex=self.regex_box.isChecked(),
            in_selection=self.selection_box.isChecked(),
        )

    def open_bar(self, replace: bool = False) -> None:
        cursor = self._editor.textCursor()
        selected = cursor.selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
            self.selection_box.setChecked(False)
        elif selected:  # a multi-line selection: search inside it
            self.selection_box.setChecked(True)
        self.show()
        (self.replace_edit if replace and self.find_edit.text() else self.find_edit).setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._editor.setFocus()

    def _scope_toggled(self, on: bool) -> None:
        if on:
            text = document_text(self._editor.document())
            start, end = cursor_span(self._editor.textCursor(), OffsetMap(text))
            self._scope = (start, end) if end > start else None
        else:
            self._scope = None

    def _setup(self) -> tuple[str, OffsetMap, re.Pattern, int, int] | None:
        needle = self.find_edit.text()
        if not needle:
            return None
        try:
            pattern = compile_pattern(needle, self.options())
        except re.error as error:
            self._say(f"Invalid regular expression: {error}")
            return None
        text = document_text(self._editor.document())
        lo, hi = self._scope if self.selection_box.isChecked() and self._scope else (0, len(text))
        return text, OffsetMap(text), pattern, lo, min(hi, len(text))

    def _say(self, message: str) -> None:
        self.status.setText(message)
        self.message.emit(message)

    def _select(self, offsets: OffsetMap, start: int, end: int) -> None:
        cursor = select_span(self._editor.textCursor(), offsets, start, end)
        self._editor.setTextCursor(cursor)
        self._editor.ensureCursorVisible()

    def find_next(self) -> bool:
        setup = self._setup()
        if setup is None:
            return False
        text, offsets, pattern, lo, hi = setup
        _, here = cursor_span(self._editor.textCursor(), offsets)
        here = max(lo, min(here, hi))
        match = pattern.search(text, here, hi)
        if match is not None and match.end() == match.start() == here:  # an empty match: step on
            match = pattern.search(text, here + 1, hi) if here < hi else None
        wrapped = False
        if match is None:
            match, wrapped = pattern.search(text, lo, hi), True
        if match is None:
            self._say("Not found")
            return False
        self._select(offsets, match.start(), match.end())
        self._say("Wrapped around" if wrapped else "")
        return True

    def find_previous(self) -> bool:
        setup = self._setup()
        if setup is None:
            return False
        text, offsets, pattern, lo, hi = setup
        here, _ = cursor_span(self._editor.textCursor(), offsets)
        here = max(lo, min(here, hi))
        matches = [m for m in pattern.finditer(text, lo, hi) if m.end() <= here and m.end() > m.start()]
        wrapped = False
        if not matches:
            matches, wrapped = [m for m in pattern.finditer(text, lo, hi) if m.end() > m.start()], True
        if not matches:
            self._say("Not found")
            return False
        self._select(offsets, matches[-1].start(), matches[-1].end())
        self._say("Wrapped around" if wrapped else "")
        return True

    def _replacement(self, match: re.Match) -> str:
        return match.expand(self.replace_edit.text()) if self.regex_box.isChecked() else self.replace_edit.text()

    def replace_one(self) -> bool:
        """Replace the current match (if the selection is one) and find the next."""
        setup = self._setup()
        if setup is None:
            return False
        text, offsets, pattern, lo, hi = setup
        start, end = cursor_span(self._editor.textCursor(), offsets)
        match = pattern.fullmatch(text, start, end) if end > start else None
        if match is not None and lo <= start and end <= hi:
            try:
                replacement = self._replacement(match)
            except (re.error, IndexError) as error:
                self._say(f"Invalid replacement: {error}")
                return False
            cursor = self._editor.textCursor()
            cursor.insertText(replacement)
            if self._scope:
                self._scope = (self._scope[0], self._scope[1] + len(replacement) - (end - start))
        return self.find_next()

    def replace_all(self) -> int:
        """Replace every match (in the selection if asked) as one undoable edit; the count."""
        setup = self._setup()
        if setup is None:
            return 0
        text, offsets, pattern, lo, hi = setup
        matches = [m for m in pattern.finditer(text, lo, hi) if m.end() > m.start() or self.regex_box.isChecked()]
        try:
            replacements = [(m.start(), m.end(), self._replacement(m)) for m in matches]
        except (re.error, IndexError) as error:
            self._say(f"Invalid replacement: {error}")
            return 0
        if not replacements:
            self._say("Not found")
            return 0
        cursor = QTextCursor(self._editor.document())
        cursor.beginEditBlock()
        for start, end, new in reversed(replacements):  # from the end, so earlier offsets stay valid
            select_span(cursor, offsets, start, end)
            cursor.insertText(new)
        cursor.endEditBlock()
        if self._scope:
            grow = sum(len(new) - (end - start) for start, end, new in replacements)
            self._scope = (self._scope[0], self._scope[1] + grow)
        self._say(f"Replaced {len(replacements)}")
        return len(replacements)
