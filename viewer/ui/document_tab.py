"""One open document: its editor, find bar and preview, its file, its revisions and its analysis.

The tab turns edits into revisions, asks the render scheduler for analyses, applies a result
only when it is for the current text, and offers panels what they need (``analysis``,
``cursor_moved``, ``select_span``, ``apply_fix``). File dialogs and questions to the user are the
window's business; the tab raises DocumentError with a message for people and keeps the text.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QToolButton, QVBoxLayout, QWidget

from viewer.document import Document, DocumentError, TextFormat, read_document
from viewer.recovery import RecoveryStore
from viewer.ui.bridge import OffsetMap, document_text, has_astral, select_span
from viewer.ui.editor import CodeEditor
from viewer.ui.find_bar import FindBar
from viewer.ui.preview import PreviewView
from viewer.ui.render_job import PanelResult, PreviewResult, Snapshot
from viewer.ui.render_worker import RenderScheduler
from viewer.ui.settings import RENDER_SETTINGS
from viewer.wikitext.analysis import Analysis
from viewer.wikitext.render.result import RenderResult

try:  # written by another engineer; the editor works without colours until it lands
    from viewer.ui.highlighter import WikitextHighlighter
except ImportError:  # pragma: no cover - depends on the checkout
    WikitextHighlighter = None

__all__ = ["DocumentTab", "variant_choices"]

_tab_ids = itertools.count(1)


def variant_choices() -> list[tuple[str | None, str]]:
    """(code, label) for the preview's variant menu; only "as written" if variants are not available."""
    choices: list[tuple[str | None, str]] = [(None, "As written")]
    try:
        from viewer.wikitext.variants import VARIANT_NAMES, VARIANTS
    except ImportError:
        return choices
    for code in VARIANTS:
        choices.append((code, f"{VARIANT_NAMES.get(code, code)} ({code})"))
    return choices


class DocumentTab(QWidget):
    analysis_changed = Signal(object)  # Analysis, for the current text
    cursor_moved = Signal(int)  # str offset of the cursor
    state_changed = Signal()  # title, modified flag, format or cursor position for the status bar
    message = Signal(str)  # for the status bar
    changed_on_disk = Signal()
    preview_loaded = Signal()

    def __init__(self, settings, *, scheduler_factory=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.document = Document(path=None, text="", format=TextFormat())
        self.recovery_key = RecoveryStore.new_key()
        self.revision = 0
        self.analysis = None
        self.last_result: PreviewResult | None = None
        self.doc_id = f"{os.getpid()}-{next(_tab_ids)}"  # the worker keeps this document's bodies under it
        self._render: tuple[int, RenderResult] | None = None  # the last preview's title, categories...
        self.variant: str | None = None
        self._text_cache: tuple[int, str, OffsetMap | None] | None = None
        self._astral = False  # whether the text may hold characters outside the BMP
        self._loading_text = False

        self.editor = CodeEditor()
        self.find_bar = FindBar(self.editor)
        self.preview = PreviewView()
        self.highlighter = None
        self._highlighter_error: str | None = None
        if WikitextHighlighter is not None:
            try:
                self.highlighter = WikitextHighlighter(self.editor.document(), self._theme_name())
            except Exception as error:  # colours are a comfort: never lose the editor over them
                self._highlighter_error = f"Highlighting is off: {type(error).__name__}: {error}"
        if self.highlighter is not None:  # so that it repaints what is on screen first
            self.highlighter.first_visible_block = self.editor.firstVisibleBlock

        # the preview's toolbar: variant and scroll sync
        self.variant_box = QComboBox(toolTip="Show the article in this Chinese variant")
        for code, label in variant_choices():
            self.variant_box.addItem(label, code)
        self.variant_box.setEnabled(self.variant_box.count() > 1)
        self.sync_button = QToolButton(text="Sync scroll", checkable=True, autoRaise=True, toolTip="The editor and the preview scroll together")
        self.sync_button.setChecked(settings.get("sync_scroll"))
        self.preview_status = QLabel()
        self.preview_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(4, 2, 4, 2)
        toolbar.addWidget(QLabel("Variant:"))
        toolbar.addWidget(self.variant_box)
        toolbar.addWidget(self.sync_button)
        toolbar.addWidget(self.preview_status, 1)
        preview_side = QWidget()
        side = QVBoxLayout(preview_side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addLayout(toolbar)
        side.addWidget(self.preview, 1)
        editor_side = QWidget()
        left = QVBoxLayout(editor_side)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(0)
        left.addWidget(self.editor, 1)
        left.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(editor_side)
        self.splitter.addWidget(preview_side)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        factory = scheduler_factory or (lambda snap: RenderScheduler(snap, delay_ms=settings.get("preview_delay_ms")))
        self.scheduler: RenderScheduler = factory(self.snapshot)
        self.scheduler.setParent(self)
        self.scheduler.preview_ready.connect(self._on_preview)
        self.scheduler.finished.connect(self._on_panels)
        self.preview.needs_full_body.connect(self.scheduler.request_now)

        self._cursor_timer = QTimer(self, singleShot=True, interval=40)
        self._cursor_timer.timeout.connect(self._emit_cursor)
        self._scroll_timer = QTimer(self, singleShot=True, interval=30)
        self._scroll_timer.timeout.connect(self._sync_scroll)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)

        doc = self.editor.document()
        doc.contentsChange.connect(self._contents_change)
        # (no lambdas returning emit()'s bool: PySide 6.12 then mis-counts references to True)
        doc.modificationChanged.connect(self.state_changed)
        self.editor.cursorPositionChanged.connect(self._cursor_timer.start)
        self.editor.cursorPositionChanged.connect(self.state_changed)
        self.editor.verticalScrollBar().valueChanged.connect(lambda _v: self._scroll_timer.start())
        self.preview.source_clicked.connect(self._preview_clicked)
        self.preview.source_scrolled.connect(self._preview_scrolled)
        self.preview.loaded.connect(self.preview_loaded)
        self.variant_box.currentIndexChanged.connect(self._variant_changed)
        self.find_bar.message.connect(self.message)
        self.apply_settings()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not getattr(self, "_sized", False):
            # the article needs more room than its source: 45 % editor, 55 % preview
            self._sized = True
            width = max(self.splitter.width(), 400)
            self.splitter.setSizes([int(width * 0.45), width - int(width * 0.45)])

    # -- identity ------------------------------------------------------------------------------------

    @property
    def path(self) -> Path | None:
        return self.document.path

    def title(self) -> str:
        return self.document.path.name if self.document.path else "Untitled"

    def is_modified(self) -> bool:
        return self.editor.document().isModified()

    def _theme_name(self) -> str:
        from viewer.ui.theme import effective_theme

        return effective_theme(self.settings.get("theme"))

    def apply_settings(self, key: str | None = None) -> None:
        s = self.settings
        self.editor.set_font(s.get("font_family"), s.get("font_size"))
        self.editor.set_zoom(s.get("zoom"))
        self.editor.set_soft_wrap(s.get("soft_wrap"))
        self.editor.set_line_numbers(s.get("line_numbers"))
        self.editor.auto_close = s.get("auto_close_brackets")
        self.scheduler.delay_ms = s.get("preview_delay_ms")
        theme = self._theme_name()
        self.preview.set_dark(theme == "dark")
        if self.highlighter is not None and key in (None, "theme"):
            self.highlighter.set_theme(theme)
        if key in RENDER_SETTINGS:  # the same text renders differently now
            self.scheduler.request_now()

    # -- text and offsets ----------------------------------------------------------------------------

    def text(self) -> str:
        return self._cached()[1]

    def offsets(self) -> OffsetMap:
        if not self._astral:
            return OffsetMap.identity(self.editor.document().characterCount() - 1)
        revision, text, offsets = self._cached()
        if offsets is None:
            offsets = OffsetMap(text)
            self._text_cache = (revision, text, offsets)
        return offsets

    def _cached(self) -> tuple[int, str, OffsetMap | None]:
        # the map is made when first asked for: a text without astral characters never needs
        # it, and scanning 1 MB for them costs 3 ms a keystroke
        if self._text_cache is None or self._text_cache[0] != self.revision:
            self._text_cache = (self.revision, document_text(self.editor.document()), None)
        return self._text_cache

    def cursor_offset(self) -> int:
        return self.offsets().from_utf16(self.editor.textCursor().position())

    def cursor_line_column(self) -> tuple[int, int]:
        cursor = self.editor.textCursor()
        block = cursor.block()
        in_block = cursor.positionInBlock()
        text = block.text()
        column = OffsetMap(text).from_utf16(in_block) if self._astral else in_block
        return block.blockNumber() + 1, column + 1

    def line_of(self, offset: int) -> int:
        """The 1-based line of a str offset, from the editor's blocks (no scan of the text)."""
        return self.editor.document().findBlock(self.offsets().to_utf16(offset)).blockNumber() + 1

    def lines_of(self, offsets: list[int]) -> list[int]:
        """The 1-based lines of many str offsets at once: one count of newlines along the text
        (a millisecond for 1 MB) instead of a block lookup each (1,700 findings: 25 ms)."""
        text = self.text()
        lines: dict[int, int] = {}
        line, at = 1, 0
        for offset in sorted(set(offsets)):
            line += text.count("\n", at, offset)
            at = offset
            lines[offset] = line
        return [lines[o] for o in offsets]

    def snapshot(self) -> Snapshot:
        s = self.settings
        return Snapshot(
            self.revision,
            self.text(),
            title=self.snapshot_title(),
            variant=self.variant,
            templates_dir=s.get("templates_dir"),
            time_limit_s=s.get("render_time_limit_s"),
            max_chars=s.get("render_max_chars"),
            doc=self.doc_id,
            base=self.preview.base(),
        )

    def _contents_change(self, position: int, removed: int, added: int) -> None:
        self.revision += 1
        if not self._astral and added:
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(position)
            cursor.setPosition(min(position + added, self.editor.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
            self._astral = has_astral(cursor.selectedText())
        self.scheduler.text_changed(self.revision, max(added, removed))

    # -- loading and saving --------------------------------------------------------------------------

    def _before_new_text(self) -> None:
        # let the highlighter colour a whole new text in chunks, not in one long stall
        if self.highlighter is not None and hasattr(self.highlighter, "rehighlight_in_chunks"):
            self.highlighter.rehighlight_in_chunks()

    def load(self, document: Document) -> None:
        self.document = document
        self._astral = has_astral(document.text)
        self._before_new_text()
        self.editor.setPlainText(document.text)
        self.editor.document().setModified(False)
        self.editor.moveCursor(QTextCursor.MoveOperation.Start)
        self.variant = self.settings.initial_variant(str(document.path) if document.path else None)
        index = self.variant_box.findData(self.variant)
        with_signals = self.variant_box.blockSignals(True)
        self.variant_box.setCurrentIndex(max(0, index))
        self.variant_box.blockSignals(with_signals)
        self._watch()
        self.state_changed.emit()

    def set_text(self, text: str, *, modified: bool) -> None:
        """Replace the whole text (a recovered copy) as one undoable edit."""
        self._before_new_text()
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self._astral = self._astral or has_astral(text)
        self.editor.document().setModified(modified)

    def save(self, path: Path | None = None, fmt: TextFormat | None = None) -> None:
        """Write the text atomically (keeping encoding, BOM and newlines); DocumentError on failure."""
        target = Path(path) if path is not None else self.document.path
        if target is None:
            raise DocumentError("The document has no file name yet: use Save As.")
        old_watch = self.watcher.files()
        if old_watch:
            self.watcher.removePaths(old_watch)  # our own write is not an outside change
        try:
            self.document = self.document.save(self.text(), target, fmt)
        finally:
            self._watch()
        self.editor.document().setModified(False)
        self.state_changed.emit()

    def reload_from_disk(self) -> None:
        """Read the file again, replacing the text (undoable); DocumentError if it cannot be read."""
        if self.document.path is None:
            return
        fresh = read_document(self.document.path, self.document.format.encoding)
        line = self.editor.textCursor().blockNumber() + 1
        scroll = self.editor.verticalScrollBar().value()
        self.document = fresh
        self.set_text(fresh.text, modified=False)
        self.editor.go_to_line(line)
        self.editor.verticalScrollBar().setValue(scroll)
        self._watch()
        self.state_changed.emit()

    def keep_mine(self) -> None:
        """Keep the editor's text after an outside change: it now differs from the file."""
        self.editor.document().setModified(True)
        self._watch()

    def _watch(self) -> None:
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if self.document.path is not None and self.document.path.exists():
            self.watcher.addPath(str(self.document.path))

    def _file_changed(self, _path: str) -> None:
        path = self.document.path
        if path is None:
            return
        try:
            on_disk = path.read_bytes()
        except OSError:
            on_disk = None  # deleted or being replaced
        if on_disk is not None and on_disk == self.document.original:
            self._watch()  # touched, or replaced by identical bytes
            return
        self._watch()
        self.changed_on_disk.emit()

    # -- results ---------------------------------------------------------------------------------------

    def _on_preview(self, result: PreviewResult) -> None:
        """The first stage of a result: the preview (the panels follow with ``_on_panels``)."""
        self.last_result = result
        if result.error:
            self.preview_status.setText(result.error)
            self.preview_status.setToolTip(result.details)
            self.message.emit(result.error)
        else:
            self.preview_status.setText(f"Rendered in {result.seconds * 1000:.0f} ms")
            self.preview_status.setToolTip("")
        if result.render is not None:
            self._render = (result.revision, result.render)
        self.preview.show_result(result, title=self.snapshot_title(), lang="zh")

    def _on_panels(self, result: PanelResult) -> None:
        """The second stage: the outline and the diagnostics, for the panels."""
        if result.error:
            self.message.emit(result.error)
        if result.outline is None or result.revision != self.revision:
            return
        render = self._render[1] if self._render is not None and self._render[0] == result.revision else RenderResult(html="")
        self.analysis = Analysis(result.revision, self.text(), result.outline, result.diagnostics, render)
        self.analysis_changed.emit(self.analysis)

    def snapshot_title(self) -> str:
        return self.document.path.stem if self.document.path else "Untitled"

    def _variant_changed(self, _index: int) -> None:
        self.variant = self.variant_box.currentData()
        if self.document.path is not None:
            self.settings.remember_variant(str(self.document.path), self.variant)
        self.scheduler.request_now()

    # -- the editor and the panels ---------------------------------------------------------------------

    def _emit_cursor(self) -> None:
        offset = self.cursor_offset()
        self.preview.mark_source(offset)
        self.cursor_moved.emit(offset)

    def _sync_scroll(self) -> None:
        if not self.sync_button.isChecked():
            return
        block = self.editor.firstVisibleBlock()
        if self._preview_top is not None and block.contains(self.offsets().to_utf16(self._preview_top)):
            return  # the editor shows where the preview scrolled it: syncing back would move the preview
        self._preview_top = None  # the user scrolled the editor away: from now on the preview follows it
        self.preview.scroll_to_source(self.offsets().from_utf16(block.position()))

    _preview_top: int | None = None  # the source offset the preview last brought to the editor's top

    def _preview_scrolled(self, offset: int) -> None:
        """The user scrolled the preview: the source at its top comes to the editor's top."""
        if not self.sync_button.isChecked():
            return
        self._preview_top = offset
        self.editor.scroll_to_top(self.offsets().to_utf16(offset))

    def select_span(self, start: int, end: int) -> None:
        """Select the str span [start, end) in the editor and show it."""
        cursor = select_span(self.editor.textCursor(), self.offsets(), start, end)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.editor.setFocus()

    def _preview_clicked(self, start: int, end: int) -> None:
        if self.preview.revision is not None and self.preview.revision != self.revision:
            self.message.emit("The preview is being updated; click again in a moment.")
            return
        self.select_span(start, end)

    def apply_fix(self, fix) -> bool:
        """Apply a quick fix's edits as one undoable edit, if the text is still the analysed one."""
        if self.analysis is None or self.analysis.revision != self.revision:
            self.message.emit("The text changed since it was checked; try the fix again in a moment.")
            return False
        offsets = self.offsets()
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
            select_span(cursor, offsets, edit.start, edit.end)
            cursor.insertText(edit.replacement)
        cursor.endEditBlock()
        self.message.emit(f"Applied: {fix.label}")
        return True

    def shutdown(self) -> None:
        self.scheduler.shutdown()
