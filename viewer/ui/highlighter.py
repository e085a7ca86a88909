"""Wikitext syntax highlighting for the editor: Pygments' wikitext lexer, one block at a time.

``highlightBlock`` thaws the previous block's state, lexes the block's line with the core's
:class:`~viewer.wikitext.highlight.LineLexer`, paints its tokens through a token type -> format
table made from the theme (a ``<ref>``'s content on a tinted background), converting str offsets
to UTF-16 positions, and stores the frozen end state in the block (Frescobaldi's highlighter).
Qt re-highlights the blocks after an edited one only while their state changes, so a keystroke
costs about one line of lexing.

Two budgets keep the GUI responsive. The first pass over a text, and the repaint after a theme
change, run in chunks of about ``CHUNK_SECONDS`` per event-loop turn (:meth:`rehighlight_in_chunks`):
blocks from a mark on are left as they are (plain at first) until the pass reaches them; the
mark is a QTextCursor, so it moves with the text when an edit comes meanwhile. An edit whose
effect runs far down the text (typing ``<!--`` opens a comment to the end) lexes for at most
``EDIT_BUDGET_SECONDS`` and hands the rest to the same pass.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from pygments.token import Comment, Error, Generic, Keyword, Name, Operator, Punctuation, String, Token
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from viewer.ui.bridge import OffsetMap, has_astral
from viewer.wikitext.highlight import (
    LINK_PUNCTUATION,
    LINK_TARGET,
    LINK_TEXT,
    NOWIKI_TEXT,
    REF_PUNCTUATION,
    REF_TAG,
    TABLE_PUNCTUATION,
    TAG_PUNCTUATION,
    TEMPLATE_NAME,
    TEMPLATE_PUNCTUATION,
    LineLexer,
    TokenType,
)

__all__ = ["THEMES", "Style", "Theme", "WikitextHighlighter"]


@dataclass(frozen=True)
class Style:
    color: str | None = None
    bold: bool = False
    italic: bool = False
    background: str | None = None


@dataclass(frozen=True)
class Theme:
    """Colours for token types; a type not listed takes its nearest listed parent's style."""

    background: str  # the editor background the colours are chosen for
    ref_background: str  # behind a <ref>'s content
    styles: dict[TokenType, Style]


def _theme(background: str, c: dict[str, str]) -> Theme:
    """One theme from a palette: the same roles in light and dark, different colours."""
    return Theme(
        background,
        c["ref_background"],
        {
            Comment: Style(c["comment"], italic=True),
            TEMPLATE_PUNCTUATION: Style(c["template"]),
            TEMPLATE_NAME: Style(c["template"], bold=True),
            Name.Label: Style(c["label"]),  # template parameter names, link anchors, URLs
            Name.Variable: Style(c["label"]),  # {{{parameters}}}
            Operator: Style(c["template"]),
            Name.Function: Style(c["magic"]),  # parser functions, magic words and links
            LINK_PUNCTUATION: Style(c["link"]),
            LINK_TARGET: Style(c["link"]),
            LINK_TEXT: Style(c["link_text"]),
            Name.Namespace: Style(c["link"]),
            TAG_PUNCTUATION: Style(c["tag"]),
            Name.Tag: Style(c["tag"]),
            Name.Attribute: Style(c["attribute"]),
            String: Style(c["string"]),
            REF_PUNCTUATION: Style(c["ref"]),
            REF_TAG: Style(c["ref"], bold=True),
            Generic.Heading: Style(c["heading"], bold=True),
            Generic.Subheading: Style(c["heading"], bold=True),
            Generic.Strong: Style(bold=True),
            Generic.Emph: Style(italic=True),
            Generic.EmphStrong: Style(bold=True, italic=True),
            TABLE_PUNCTUATION: Style(c["table"], bold=True),
            Keyword: Style(c["table"]),  # list bullets, signatures, rules, #REDIRECT
            Name.Entity: Style(c["magic"]),
            NOWIKI_TEXT: Style(c["nowiki"], background=c["nowiki_background"]),
            Error: Style(c["error"]),
        },
    )


THEMES: dict[str, Theme] = {
    "light": _theme(
        "#ffffff",
        {
            "comment": "#5f6670", "template": "#7b2a9e", "label": "#8a4600", "magic": "#a3238e",
            "link": "#0645ad", "link_text": "#2a4b8d", "tag": "#1b6e3a", "attribute": "#3f6212", "string": "#a31515",
            "ref": "#b04a00", "heading": "#1f3b73", "table": "#7a5b00", "nowiki": "#4b5563",
            "nowiki_background": "#f1f3f5", "error": "#c62828", "ref_background": "#f7f4ec",
        },
    ),
    "dark": _theme(
        "#1e1e1e",
        {
            "comment": "#8b949e", "template": "#d2a8ff", "label": "#f0b070", "magic": "#f78cc6",
            "link": "#79b8ff", "link_text": "#a8cdfa", "tag": "#7ee2a8", "attribute": "#b5e08a", "string": "#ff9e8a",
            "ref": "#ffab70", "heading": "#9ecbff", "table": "#e3c26b", "nowiki": "#c9d1d9",
            "nowiki_background": "#2b2f36", "error": "#ff6b6b", "ref_background": "#2e2b23",
        },
    ),
}


def _char_format(style: Style) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if style.color:
        fmt.setForeground(QColor(style.color))
    if style.background:
        fmt.setBackground(QColor(style.background))
    if style.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if style.italic:
        fmt.setFontItalic(True)
    return fmt


class _Budget:
    """Time for lexing, counted from the first block lexed after :meth:`restart`."""

    def __init__(self) -> None:
        self.started: float | None = None

    def restart(self, *_signal_args) -> None:
        self.started = None

    def spent(self, seconds: float) -> bool:
        now = time.perf_counter()
        if self.started is None:
            self.started = now
        return now - self.started > seconds


class WikitextHighlighter(QSyntaxHighlighter):
    """Highlights a QTextDocument of wikitext; ``set_theme("light" | "dark")``.

    Made for the document it is constructed with (the edit budget listens to that document);
    give another document its own highlighter.

    Lexing is budgeted so that the GUI never waits long: an edit whose effect runs far down the
    text (typing ``<!--`` opens a comment to the end) lexes for at most ``EDIT_BUDGET_SECONDS``
    in one event-loop turn and leaves the rest to the chunked pass, which lexes for
    ``CHUNK_SECONDS`` per timer tick from a mark (see :meth:`rehighlight_in_chunks`).
    """

    sig_pass_finished = Signal()  # the chunked pass reached the end of the document

    # set by the editor (``editor.firstVisibleBlock``) so that a theme change repaints what is
    # on screen first
    first_visible_block: Callable[[], QTextBlock] | None = None

    CHUNK_SECONDS = 0.010  # one timer tick of the chunked pass lexes for about this long
    EDIT_BUDGET_SECONDS = 0.008  # the most one event-loop turn of edits may spend lexing

    def __init__(self, document: QTextDocument, theme: str = "light") -> None:
        # connected before Qt's own slot (which super() connects), so that the re-highlighting
        # of every edit starts with a fresh budget
        self._edit_budget = _Budget()
        document.contentsChange.connect(self._edit_budget.restart)
        super().__init__(document)
        self._lexer = LineLexer()
        self._theme = THEMES[theme]
        self._formats: dict[tuple[TokenType, bool], QTextCharFormat | None] = {}
        # the chunked pass: blocks from this mark on are not highlighted yet; None: all are
        self._mark: QTextCursor | None = None
        self._last_block = None  # the block highlightBlock saw last
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._highlight_chunk)
        self._pass_budget: _Budget | None = None  # while a tick of the pass runs
        self._unlimited = False  # while a full rehighlight() runs
        self.rehighlight_in_chunks()
        if not document.isEmpty():
            # Qt queued a full synchronous rehighlight when it was given a non-empty document;
            # doing it now, with every block left to the chunked pass, is quick and cancels it
            QSyntaxHighlighter.rehighlight(self)

    # -- theme -----------------------------------------------------------------------------------

    @property
    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, name: str) -> None:
        """Switch to the "light" or "dark" colours and repaint: the visible lines at once (when
        :attr:`first_visible_block` is set and every block's state is known), the rest in chunks."""
        theme = THEMES[name]
        if theme is self._theme:
            return
        self._theme = theme
        self._formats.clear()  # built again from the new theme on demand
        if self.pass_finished and self.first_visible_block is not None:
            self._repaint_from(self.first_visible_block())
        self.rehighlight_in_chunks()

    def _repaint_from(self, block) -> None:
        """Lexes again, within one chunk's time, the blocks from ``block`` on; their start states
        are all known, and do not change, so each is repainted alone."""
        self._pass_budget = _Budget()
        try:
            while block.isValid() and not self._pass_budget.spent(self.CHUNK_SECONDS):
                self.rehighlightBlock(block)
                block = block.next()
        finally:
            self._pass_budget = None

    def format_for(self, token: TokenType, in_ref: bool = False) -> QTextCharFormat | None:
        """The format of a token type: its own style or its nearest parent's, on the ref tint if
        ``in_ref`` (a ``<ref>``'s content); None for plain text."""
        key = (token, in_ref)
        try:
            return self._formats[key]
        except KeyError:
            pass
        styles, kind = self._theme.styles, token
        while kind not in styles and kind is not Token:
            kind = kind.parent
        fmt = _char_format(styles[kind]) if kind in styles else None
        if in_ref and (fmt is None or fmt.background().style() == Qt.BrushStyle.NoBrush):
            fmt = fmt or QTextCharFormat()
            fmt.setBackground(QColor(self._theme.ref_background))
        self._formats[key] = fmt
        return fmt

    # -- highlighting ----------------------------------------------------------------------------

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        block = self._last_block = self.currentBlock()
        if self._mark is not None and block.position() >= self._mark.position():
            self._leave_pending()
            return
        if self._over_budget():
            self._defer_from(block.position())
            self._leave_pending()
            return
        previous = self.previousBlockState()
        if not block.previous().isValid():
            state = self._lexer.start_state
        else:
            state = previous if previous >= 0 else self._lexer.root_state
        tokens = self._lexer.lex_line(text, state)
        self._paint(text, tokens.spans, tokens.ref_ranges)
        self.setCurrentBlockState(tokens.end_state)

    def _leave_pending(self) -> None:
        # plain until the chunked pass comes; the stored state is left as it is, so that Qt's
        # cascade stops here (the pass lexes every block from the mark on, whatever its state)
        pass

    def _over_budget(self) -> bool:
        if self._unlimited:
            return False
        if self._pass_budget is not None:
            return self._pass_budget.spent(self.CHUNK_SECONDS)
        return self._edit_budget.spent(self.EDIT_BUDGET_SECONDS)

    def _paint(self, text: str, spans, ref_ranges) -> None:
        """Applies the spans' formats, merging neighbours with the same format; str offsets are
        converted to Qt's UTF-16 positions when the line holds characters outside the BMP."""
        offsets = OffsetMap(text) if has_astral(text) else None
        format_for, set_format = self.format_for, self.setFormat
        refs = iter(ref_ranges)  # each is a run of whole spans
        ref_start, ref_end = next(refs, (len(text), 0))
        ref_end += ref_start
        run_start, run_end, run_format = 0, 0, None
        for start, length, token in spans:
            if start >= ref_end:
                ref_start, ref_end = next(refs, (len(text), 0))
                ref_end += ref_start
            fmt = format_for(token, ref_start <= start < ref_end)
            if fmt is run_format and start == run_end:
                run_end = start + length
                continue
            if run_format is not None:
                self._set(set_format, offsets, run_start, run_end, run_format)
            run_start, run_end, run_format = start, start + length, fmt
        if run_format is not None:
            self._set(set_format, offsets, run_start, run_end, run_format)

    @staticmethod
    def _set(set_format, offsets: OffsetMap | None, start: int, end: int, fmt: QTextCharFormat) -> None:
        if offsets is not None:
            start, end = offsets.to_utf16(start), offsets.to_utf16(end)
        set_format(start, end - start, fmt)

    # -- the chunked pass ------------------------------------------------------------------------

    def rehighlight(self) -> None:
        """Highlights the whole document now (blocking; the chunked pass is kinder to the GUI)."""
        self._timer.stop()
        self._mark = None
        self._unlimited = True
        try:
            super().rehighlight()
        finally:
            self._unlimited = False

    def rehighlight_in_chunks(self) -> None:
        """Highlights the document again from the top, over several event-loop turns.

        Each timer tick lexes the blocks from the mark on for about ``CHUNK_SECONDS`` and moves
        the mark past them; the blocks below it keep what they had (or stay plain) until reached.
        The mark is a QTextCursor, so it moves with the text when an edit comes meanwhile;
        edits above it are highlighted at once.
        """
        if self.document() is None:
            return
        self._mark = None
        self._defer_from(0)

    def _defer_from(self, position: int) -> None:
        """Leaves the blocks from ``position`` on to the chunked pass."""
        if self._mark is None:
            self._mark = QTextCursor(self.document())
            self._mark.setPosition(position)
        elif position < self._mark.position():
            self._mark.setPosition(position)
        self._timer.start()

    @property
    def pass_finished(self) -> bool:
        return self._mark is None

    def finish_pass(self) -> None:
        """Runs the chunked pass to its end now (for tests and benchmarks)."""
        while self._mark is not None:
            self._highlight_chunk()

    def _highlight_chunk(self) -> None:
        if self._mark is None:
            return
        if self.document() is None:  # detached: nothing left to highlight
            self._mark = None
            return
        block = self.document().findBlock(self._mark.position())
        if block.isValid() and block.position() < self._mark.position():
            block = block.next()  # an edit moved the mark into a block that is highlighted
        # lex every block from the mark on, in order, until the deadline (then highlightBlock
        # sets the mark again): each is suspect (plain, or painted from a stale state), so Qt's
        # cascade, which stops where a block's state does not change, is not enough
        self._mark = None
        self._pass_budget = _Budget()
        try:
            while block.isValid() and self._mark is None:
                self.rehighlightBlock(block)  # lexes it, and the next ones while states change
                block = self._last_block.next()
        finally:
            self._pass_budget = None
        if self._mark is None:
            self._finish()
        else:
            self._timer.start()

    def _finish(self) -> None:
        self._mark = None
        self._timer.stop()
        self.sig_pass_finished.emit()
