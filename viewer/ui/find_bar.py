"""The find/replace bar under the editor: plain, case, whole word, regular expression, in selection.

Searching runs on the document's text as a Python string, and the spans found go to the editor
through the offset bridge. Replace All is one undo step. Plain text is searched with ``re``; a regular
expression with the ``regex`` module (re's syntax: its default VERSION0), because ``re`` cannot be
interrupted and ``(a|aa)+$`` on a big text would freeze the window for good. Every call on an
expression has a time budget; past it the bar says so (``TOO_SLOW``) and leaves the text untouched.

While the bar is open every match in the visible part of the editor is marked (as Kate does), and
the bar counts the matches ("3 of 17"): the count runs in slices of a few milliseconds on the GUI
thread and stops at ``MATCH_CAP``, so a 1 MB text or a pattern matching everywhere never stalls typing.
"""

from __future__ import annotations

import bisect
import re
import time

import regex
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.ui.bridge import OffsetMap, cursor_span, document_text, select_span

__all__ = ["FindBar", "FindOptions", "MatchCounter", "compile_pattern", "MATCH_CAP", "TOO_SLOW"]

Pattern = re.Pattern | regex.Pattern
Match = re.Match | regex.Match
PATTERN_ERRORS = (re.error, regex.error)  # regex.error is not a re.error
TOO_SLOW = "The expression takes too long on this text; simplify it"

MATCH_CAP = 1000  # matches counted at most; more shows as "1000+" (VS Code caps likewise)
_SLICE_S = 0.008  # the longest the count runs on the GUI thread before letting events in
_CHUNK = 65_536  # characters searched per step of the count
_OVERLAP = 4_096  # characters a step may look past its chunk, so matches across the seam are whole
# Time budgets of an expression's calls on the GUI thread (a catastrophic one is stopped at these):
_COUNT_BUDGET_S = 0.05  # one chunk of the count, or the marks on screen
_FIND_BUDGET_S = 0.4  # Find Next/Previous, Replace (one match): what a keypress may cost at worst
_REPLACE_ALL_BUDGET_S = 2.0  # finding every match for Replace All, a deliberate edit of the whole text


class FindOptions:
    def __init__(self, *, case: bool = False, whole_word: bool = False, regex: bool = False, in_selection: bool = False) -> None:
        self.case, self.whole_word, self.regex, self.in_selection = case, whole_word, regex, in_selection


def compile_pattern(needle: str, options: FindOptions) -> Pattern:
    """The search as a compiled pattern; raises one of ``PATTERN_ERRORS`` for a bad regular expression.

    Plain text stays with ``re``: an escaped literal cannot backtrack, and its whole words keep re's
    idea of a word character. An expression is a ``regex`` pattern, so its calls can take a timeout
    (there ``\\w``, in the whole-word guard too, is Unicode's: combining marks and ² are word characters).
    """
    engine = regex if options.regex else re
    pattern = needle if options.regex else re.escape(needle)
    if options.whole_word:
        pattern = rf"(?<!\w)(?:{pattern})(?!\w)"
    return engine.compile(pattern, 0 if options.case else engine.IGNORECASE)


def _budget(pattern: Pattern, deadline: float) -> dict:
    """The keywords giving a regex call what is left of its budget; re's (plain text) take none.

    ``concurrent=False`` keeps the GIL while matching, as re does: regex would let the workers'
    threads in, and the GUI thread waiting to get it back would both lag and spend its budget.
    """
    if not isinstance(pattern, regex.Pattern):
        return {}
    return {"timeout": max(0.001, deadline - time.perf_counter()), "concurrent": False}  # 0: at once


class MatchCounter:
    """The non-empty matches of ``pattern`` in ``text[lo:hi]``, found a slice at a time.

    ``step(budget_s)`` searches until the budget is spent; ``done`` once the range is searched or
    ``cap`` matches are found (then ``capped``), or a chunk took the expression longer than
    ``_COUNT_BUDGET_S`` (then ``too_slow``). ``starts``/``ends`` are str offsets, in order.
    """

    def __init__(self, text: str, pattern: Pattern, lo: int, hi: int, cap: int = MATCH_CAP) -> None:
        self.text, self.pattern, self.hi, self.cap = text, pattern, hi, cap
        self.pos = lo  # everything before ``pos`` is searched
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.capped = False
        self.too_slow = False
        self._retried = -1  # the chunk that ran out of time once

    @property
    def done(self) -> bool:
        return self.capped or self.too_slow or self.pos >= self.hi

    def step(self, budget_s: float = _SLICE_S) -> bool:
        """Search on for at most about ``budget_s``; whether the count is complete."""
        deadline = time.perf_counter() + budget_s
        while not self.done:
            found = len(self.starts)
            try:
                self.pos = self._chunk(time.perf_counter() + _COUNT_BUDGET_S)
            except TimeoutError:
                del self.starts[found:], self.ends[found:]
                # once more before giving up: a busy machine may have spent the budget, not the expression
                self.too_slow = self._retried == self.pos
                self._retried = self.pos
            if time.perf_counter() >= deadline:
                break
        return self.done

    def _chunk(self, chunk_deadline: float) -> int:
        """Count the matches starting in the next chunk; where the next chunk starts."""
        text, pattern, hi = self.text, self.pattern, self.hi
        chunk_end = min(hi, self.pos + _CHUNK)
        window_end = min(hi, chunk_end + _OVERLAP)
        resume = chunk_end
        for match in pattern.finditer(text, self.pos, window_end, **_budget(pattern, chunk_deadline)):
            start, end = match.span()
            if start >= chunk_end:
                break
            if end == window_end and window_end < hi:
                # the window's end may have cut it short: match it again on the whole range
                match = pattern.match(text, start, hi, **_budget(pattern, chunk_deadline))
                if match is None:
                    continue
                end = match.end()
            if end > start:
                self.starts.append(start)
                self.ends.append(end)
                resume = max(resume, end)
                if len(self.starts) >= self.cap:
                    self.capped = True
                    break
        return resume

    def label(self, selection: tuple[int, int] | None) -> str:
        """"3 of 17", "17 matches", "1000+ matches", "No matches" (the count so far while not done)."""
        if self.too_slow:
            return "Too slow"
        total = len(self.starts)
        if not total:
            return "No matches" if self.done else "Searching…"
        more = "+" if self.capped or not self.done else ""
        if selection is not None:
            i = bisect.bisect_left(self.starts, selection[0])
            if i < total and self.starts[i] == selection[0] and self.ends[i] == selection[1]:
                return f"{i + 1} of {total}{more}"
        return f"{total}{more} match" + ("" if total == 1 and not more else "es")


def _toggle(text: str, tip: str) -> QToolButton:
    button = QToolButton(text=text, toolTip=tip, checkable=True, autoRaise=True)
    button.setAccessibleName(tip)
    return button


class FindBar(QWidget):
    """Attached to one editor; ``message(str)`` reports "not found", counts and regex errors."""

    message = Signal(str)

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._scope: tuple[int, int] | None = None  # the selection searched "in selection"
        self.find_edit = QLineEdit(placeholderText="Find")
        self.replace_edit = QLineEdit(placeholderText="Replace with")
        # compact toggles, as in Kate's and VS Code's find bars: the search field keeps its width
        self.case_box = _toggle("Aa", "Match case")
        self.word_box = _toggle("W", "Whole words")
        self.regex_box = _toggle(".*", "Regular expression (Python's syntax)")
        self.selection_box = _toggle("Sel", "In selection")
        self.find_edit.setMinimumWidth(160)
        self.replace_edit.setMinimumWidth(160)
        self.status = QLabel()
        self.count_label = QLabel(toolTip="Matches in the text (in the selection when searching in it)")
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("1000+ matches") + 8)
        self._counter: MatchCounter | None = None
        self._too_slow = False  # the expression ran out of time on this text: no more marks until it changes
        self._text_cache: tuple[int, str, OffsetMap] | None = None  # (document revision, text, offsets)
        self._active = False
        # the count restarts a moment after the last keystroke in either field or the text
        self._restart_timer = QTimer(self, singleShot=True, interval=80)
        self._restart_timer.timeout.connect(self._restart_count)
        self._count_timer = QTimer(self, singleShot=True, interval=0)
        self._count_timer.timeout.connect(self._count_step)
        self._visible_timer = QTimer(self, singleShot=True, interval=15)
        self._visible_timer.timeout.connect(self._mark_visible)

        def button(text: str, slot, tip: str = "") -> QToolButton:
            b = QToolButton(text=text, toolTip=tip, autoRaise=True)
            b.clicked.connect(lambda *_: None if slot() else None)  # slots must return None (PySide)
            return b

        top = QHBoxLayout()
        top.addWidget(self.find_edit, 1)
        top.addWidget(self.count_label)
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
        self.find_edit.textChanged.connect(self._restart_soon)
        for box in (self.case_box, self.word_box, self.regex_box, self.selection_box):
            box.toggled.connect(self._restart_soon)
        editor.document().contentsChange.connect(self._text_changed)
        editor.verticalScrollBar().valueChanged.connect(self._visible_soon)
        editor.horizontalScrollBar().valueChanged.connect(self._visible_soon)
        editor.cursorPositionChanged.connect(self._show_count)
        editor.viewport().installEventFilter(self)
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
        self._active = True
        self.show()
        self._restart_count()
        (self.replace_edit if replace and self.find_edit.text() else self.find_edit).setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self._editor.setFocus()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        if not self.isHidden():
            return  # the window or the tab went away, not the bar: the marks stay for its return
        self._active = False
        for timer in (self._restart_timer, self._count_timer, self._visible_timer):
            timer.stop()
        self._counter = None
        self._text_cache = None
        self.count_label.clear()
        self._editor.set_find_highlights([])

    # -- marking and counting every match -------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and watched is self._editor.viewport():
            self._visible_soon()
        return False

    def _text(self) -> tuple[str, OffsetMap]:
        doc = self._editor.document()
        if self._text_cache is None or self._text_cache[0] != doc.revision():
            text = document_text(doc)
            self._text_cache = (doc.revision(), text, OffsetMap(text))
        return self._text_cache[1], self._text_cache[2]

    def _restart_soon(self, *_args) -> None:
        if self._active:
            self._restart_timer.start()

    def _text_changed(self, *_args) -> None:
        if self._active:
            self._visible_soon()  # marks follow the text at once; the count a moment later
            self._restart_timer.start()

    def _visible_soon(self, *_args) -> None:
        if self._active:
            self._visible_timer.start()

    def _pattern(self) -> Pattern | None:
        needle = self.find_edit.text()
        if not needle:
            return None
        try:
            return compile_pattern(needle, self.options())
        except PATTERN_ERRORS:
            return None

    def _range(self, text: str) -> tuple[int, int]:
        if self.selection_box.isChecked() and self._scope:
            return self._scope[0], min(self._scope[1], len(text))
        return 0, len(text)

    def _restart_count(self) -> None:
        self._restart_timer.stop()
        self._count_timer.stop()
        self._counter = None
        self._too_slow = False
        if self.status.text() == TOO_SLOW:
            self.status.clear()  # said of the previous expression or text
        pattern = self._pattern() if self._active else None
        if pattern is None:
            invalid = self._active and self.find_edit.text() and self.regex_box.isChecked()
            self.count_label.setText("Invalid pattern" if invalid else "")
            self._editor.set_find_highlights([])
            return
        text, _offsets = self._text()
        lo, hi = self._range(text)
        self._counter = MatchCounter(text, pattern, lo, hi)
        self._mark_visible()
        self._count_step()

    def _count_step(self) -> None:
        counter = self._counter
        if counter is None:
            return
        if self._too_slow:
            counter.too_slow = True  # the marks on screen already ran out of time: don't count
        if not counter.step():
            self._count_timer.start()  # let the events in, then search on
        elif counter.too_slow:
            self._ran_out_of_time()
        self._show_count()

    def _ran_out_of_time(self) -> None:
        if not self._too_slow:  # said once, whether the marks or the count ran out first
            self._too_slow = True
            self._editor.set_find_highlights([])
            self._say(TOO_SLOW)

    def _show_count(self) -> None:
        counter = self._counter
        if counter is None:
            return
        doc = self._editor.document()
        if self._text_cache is None or self._text_cache[0] != doc.revision():
            return  # the text changed: a fresh count is on its way
        self.count_label.setText(counter.label(cursor_span(self._editor.textCursor(), self._text_cache[2])))

    def visible_range(self) -> tuple[int, int]:
        """UTF-16 positions of the first and past the last block shown in the editor."""
        editor = self._editor
        block = editor.firstVisibleBlock()
        first = block.position()
        offset = editor.contentOffset()
        height = editor.viewport().height()
        last = block
        while block.isValid():
            last = block
            if editor.blockBoundingGeometry(block).translated(offset).bottom() >= height:
                break
            block = block.next()
        return first, last.position() + last.length() - 1

    def _mark_visible(self) -> None:
        """Mark the matches in the blocks on screen: a few kilobytes searched, whatever the text's size."""
        pattern = self._pattern() if self._active and not self._too_slow else None
        if pattern is None:
            self._editor.set_find_highlights([])
            return
        text, offsets = self._text()
        lo, hi = self._range(text)
        first, last = self.visible_range()
        start, end = max(lo, offsets.from_utf16(first)), min(hi, offsets.from_utf16(last))
        base = self._editor.palette().color(QPalette.ColorRole.Base)
        colour = QColor(150, 120, 30, 150) if base.lightness() < 128 else QColor(255, 226, 120)
        selections = []
        if start <= end:
            budget = _budget(pattern, time.perf_counter() + _COUNT_BUDGET_S)
            try:
                for match in pattern.finditer(text, start, min(hi, end + _OVERLAP), **budget):
                    if match.start() >= end or len(selections) >= MATCH_CAP:
                        break
                    if match.end() == match.start():
                        continue
                    selection = QTextEdit.ExtraSelection()
                    selection.format.setBackground(colour)
                    selection.cursor = select_span(QTextCursor(self._editor.document()), offsets, match.start(), match.end())
                    selections.append(selection)
            except TimeoutError:
                self._ran_out_of_time()
                return
        self._editor.set_find_highlights(selections)

    def _scope_toggled(self, on: bool) -> None:
        if on:
            text = document_text(self._editor.document())
            start, end = cursor_span(self._editor.textCursor(), OffsetMap(text))
            self._scope = (start, end) if end > start else None
        else:
            self._scope = None

    def _setup(self) -> tuple[str, OffsetMap, Pattern, int, int] | None:
        needle = self.find_edit.text()
        if not needle:
            return None
        try:
            pattern = compile_pattern(needle, self.options())
        except PATTERN_ERRORS as error:
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
        try:
            return self._find_next(time.perf_counter() + _FIND_BUDGET_S)
        except TimeoutError:
            self._say(TOO_SLOW)
            return False

    def _find_next(self, deadline: float) -> bool:
        setup = self._setup()
        if setup is None:
            return False
        text, offsets, pattern, lo, hi = setup

        def search(start: int) -> Match | None:
            return pattern.search(text, start, hi, **_budget(pattern, deadline))

        _, here = cursor_span(self._editor.textCursor(), offsets)
        here = max(lo, min(here, hi))
        match = search(here)
        if match is not None and match.end() == match.start() == here:  # an empty match: step on
            match = search(here + 1) if here < hi else None
        wrapped = False
        if match is None:
            match, wrapped = search(lo), True
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
        deadline = time.perf_counter() + _FIND_BUDGET_S

        def last_before(stop: int) -> Match | None:
            """The last non-empty match ending at or before ``stop`` (the matches Find Next steps through)."""
            last = None
            for m in pattern.finditer(text, lo, hi, **_budget(pattern, deadline)):
                if m.start() >= stop:  # it and all after it end past ``stop``, or are empty
                    break
                if m.end() <= stop and m.end() > m.start():
                    last = m
            return last

        try:
            match = last_before(here)
            wrapped = match is None
            if wrapped:
                match = last_before(hi)
        except TimeoutError:
            self._say(TOO_SLOW)
            return False
        if match is None:
            self._say("Not found")
            return False
        self._select(offsets, match.start(), match.end())
        self._say("Wrapped around" if wrapped else "")
        return True

    def _replacement(self, match: Match) -> str:
        return match.expand(self.replace_edit.text()) if self.regex_box.isChecked() else self.replace_edit.text()

    def replace_one(self) -> bool:
        """Replace the current match (if the selection is one) and find the next."""
        setup = self._setup()
        if setup is None:
            return False
        text, offsets, pattern, lo, hi = setup
        start, end = cursor_span(self._editor.textCursor(), offsets)
        try:
            budget = _budget(pattern, time.perf_counter() + _FIND_BUDGET_S)
            match = pattern.fullmatch(text, start, end, **budget) if end > start else None
        except TimeoutError:
            self._say(TOO_SLOW)
            return False
        if match is not None and lo <= start and end <= hi:
            try:
                replacement = self._replacement(match)
            except (*PATTERN_ERRORS, IndexError) as error:
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
        try:  # every match is found before the text is touched: all or nothing
            budget = _budget(pattern, time.perf_counter() + _REPLACE_ALL_BUDGET_S)
            matches = [m for m in pattern.finditer(text, lo, hi, **budget) if m.end() > m.start() or self.regex_box.isChecked()]
        except TimeoutError:
            self._say(TOO_SLOW)
            return 0
        try:
            replacements = [(m.start(), m.end(), self._replacement(m)) for m in matches]
        except (*PATTERN_ERRORS, IndexError) as error:
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
