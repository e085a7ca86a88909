"""Syntax highlighting: the first pass over the sample and the 1 MB text, and one keystroke.

The document has the layout a QPlainTextEdit gives it (offscreen, no window): a keystroke is one
``QTextCursor.insertText`` of one character, timed with the re-highlighting Qt runs inside it.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import viewer.ui  # noqa: E402,F401  (PySide6 work-arounds first)
from PySide6.QtGui import QTextCursor, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextDocumentLayout  # noqa: E402

from run import best_of  # noqa: E402

from viewer.ui.highlighter import WikitextHighlighter  # noqa: E402
from viewer.wikitext.highlight import LineLexer, iter_lines  # noqa: E402


def _document(text: str) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    document.setPlainText(text)
    return document


def _full_pass(text: str) -> float:
    document = _document(text)
    highlighter = WikitextHighlighter(document)
    started = time.perf_counter()
    highlighter.rehighlight()
    return time.perf_counter() - started


def _first_chunk_s(app: QApplication, text: str) -> float:
    """Opening the text: the highlighter's constructor and its first chunk (the top lines)."""
    document = _document(text)
    started = time.perf_counter()
    highlighter = WikitextHighlighter(document)
    app.processEvents()
    elapsed = time.perf_counter() - started
    highlighter.finish_pass()
    return elapsed


def _pass_ticks_ms(app: QApplication, text: str) -> list[float]:
    """The event-loop turns of the chunked first pass over the text: how long each one blocks."""
    document = _document(text)
    highlighter = WikitextHighlighter(document)
    ticks = []
    while not highlighter.pass_finished:
        started = time.perf_counter()
        app.processEvents()
        ticks.append((time.perf_counter() - started) * 1000)
    return ticks


def _keystrokes_ms(app: QApplication, text: str, places: int = 10, chars: int = 5) -> list[float]:
    """Typing ``chars`` characters at each of ``places`` places spread over the middle of the text."""
    document = _document(text)
    highlighter = WikitextHighlighter(document)
    highlighter.finish_pass()
    times = []
    blocks = document.blockCount()
    for place in range(places):
        block = document.findBlockByNumber(blocks // 4 + place * blocks // (2 * places))
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=(block.length() - 1) // 2)
        for _ in range(chars):
            app.processEvents()  # a new event-loop turn per keystroke, as when typing
            started = time.perf_counter()
            cursor.insertText("x")
            times.append((time.perf_counter() - started) * 1000)
            highlighter.finish_pass()  # anything deferred, outside the timing
    return times


def _longest_line_keystrokes_ms(app: QApplication, text: str, chars: int = 5) -> list[float]:
    """Typing in the middle of the longest line of the text (the worst line to re-lex)."""
    document = _document(text)
    highlighter = WikitextHighlighter(document)
    highlighter.finish_pass()
    block = longest = document.findBlockByNumber(document.blockCount() // 2)
    while block.isValid():
        longest = block if block.length() > longest.length() else longest
        block = block.next()
    cursor = QTextCursor(longest)
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=(longest.length() - 1) // 2)
    times = []
    for _ in range(chars):
        app.processEvents()
        started = time.perf_counter()
        cursor.insertText("x")
        times.append((time.perf_counter() - started) * 1000)
        highlighter.finish_pass()
    return times


def run(inputs) -> dict[str, float]:
    app = QApplication.instance() or QApplication([])
    keystrokes = _keystrokes_ms(app, inputs.mb)
    longest_line = _longest_line_keystrokes_ms(app, inputs.mb)
    ticks = _pass_ticks_ms(app, inputs.mb)
    lexer = LineLexer()
    return {
        "highlight_seed_s": best_of(lambda: _full_pass(inputs.seed)),
        "highlight_full_mb_s": min(_full_pass(inputs.mb) for _ in range(2)),
        "lex_lines_mb_s": best_of(lambda: sum(1 for _ in iter_lines(lexer, inputs.mb)), repeat=2),
        "highlight_open_mb_first_chunk_ms": 1000 * min(_first_chunk_s(app, inputs.mb) for _ in range(2)),
        "highlight_pass_total_s": sum(ticks) / 1000,
        "highlight_pass_tick_median_ms": statistics.median(ticks),
        "highlight_pass_tick_max_ms": max(ticks),
        "keystroke_highlight_ms": statistics.median(keystrokes),
        "keystroke_highlight_max_ms": max(keystrokes),
        "keystroke_highlight_longest_line_ms": statistics.median(longest_line),
    }
