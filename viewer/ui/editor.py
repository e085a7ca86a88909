"""The source editor: a QPlainTextEdit with what a code editor has.

Line numbers, the current line, matching pairs (``{{ }}``, ``[[ ]]``, ``<ref>…</ref>``,
``<!-- -->``) highlighted and jumpable, comment/uncomment, auto-closing brackets, soft wrap and
zoom. It knows nothing of files, rendering or panels: the document tab wires those.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPalette, QTextCursor, QTextFormat, QWheelEvent
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from viewer.ui.bridge import OffsetMap
from viewer.ui.brackets import match_at

__all__ = ["CodeEditor"]

_WINDOW = 60_000  # UTF-16 units each side of the cursor searched for a matching pair
_AUTO_CLOSE = {"{": "}", "[": "]", "(": ")"}
_COMMENT_OPEN, _COMMENT_CLOSE = "<!-- ", " -->"


class _LineNumbers(QWidget):
    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self._editor = editor

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._editor.line_number_width(), 0)

    def paintEvent(self, event) -> None:  # noqa: N802
        self._editor.paint_line_numbers(event)


class CodeEditor(QPlainTextEdit):
    """``zoom_changed(steps)`` when zooming; everything else is plain QPlainTextEdit signals."""

    zoom_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.auto_close = True
        self._zoom = 0
        self._base_size = 11.0
        self._line_numbers = _LineNumbers(self)
        self._show_line_numbers = True
        self._pair = None  # the matching pair around the cursor, in UTF-16 positions
        self._extra_find: list[QTextEdit.ExtraSelection] = []
        self.setTabChangesFocus(False)
        self.setCenterOnScroll(False)
        self.blockCountChanged.connect(self._update_margin)
        self.updateRequest.connect(self._update_line_numbers)
        self.cursorPositionChanged.connect(self._update_extra)
        self._update_margin()
        self._update_extra()

    # -- appearance ----------------------------------------------------------------------------------

    def set_font(self, family: str, size: int) -> None:
        font = QFont(family)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self._base_size = float(size)
        font.setPointSizeF(max(4.0, size + self._zoom))
        self.setFont(font)
        self._update_margin()

    def set_soft_wrap(self, wrap: bool) -> None:
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth if wrap else QPlainTextEdit.LineWrapMode.NoWrap)

    def soft_wrap(self) -> bool:
        return self.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth

    def set_line_numbers(self, show: bool) -> None:
        self._show_line_numbers = show
        self._line_numbers.setVisible(show)
        self._update_margin()

    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        steps = max(-8, min(steps, 30))
        if steps == self._zoom:
            return
        self._zoom = steps
        font = self.font()
        font.setPointSizeF(max(4.0, self._base_size + steps))
        self.setFont(font)
        self._update_margin()
        self.zoom_changed.emit(steps)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.set_zoom(self._zoom + (1 if event.angleDelta().y() > 0 else -1))
            return
        super().wheelEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._update_extra()  # the current-line and bracket colours follow the theme

    # -- line numbers --------------------------------------------------------------------------------

    def line_number_width(self) -> int:
        if not self._show_line_numbers:
            return 0
        digits = max(3, len(str(self.blockCount())))
        return 12 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin(self, *_args) -> None:
        self.setViewportMargins(self.line_number_width(), 0, 0, 0)

    def _update_line_numbers(self, rect: QRect, dy: int) -> None:
        if dy:
            self._line_numbers.scroll(0, dy)
        else:
            self._line_numbers.update(0, rect.y(), self._line_numbers.width(), rect.height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._line_numbers.setGeometry(QRect(rect.left(), rect.top(), self.line_number_width(), rect.height()))

    def paint_line_numbers(self, event) -> None:
        painter = QPainter(self._line_numbers)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        current = self.textCursor().blockNumber()
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        bottom = top + round(self.blockBoundingRect(block).height())
        width = self._line_numbers.width() - 6
        height = self.fontMetrics().height()
        dim = palette.color(QPalette.ColorRole.PlaceholderText)
        bright = palette.color(QPalette.ColorRole.Text)
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and bottom >= event.rect().top():
                painter.setPen(bright if number == current else dim)
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight, str(number + 1))
            block = block.next()
            top = bottom
            bottom = top + round(self.blockBoundingRect(block).height())
            number += 1

    # -- current line and matching pairs -------------------------------------------------------------

    def _window(self) -> tuple[str, int]:
        """The text around the cursor and the UTF-16 position where it starts."""
        pos = self.textCursor().position()
        doc = self.document()
        start = max(0, pos - _WINDOW)
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(min(doc.characterCount() - 1, pos + _WINDOW), QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n"), start

    def matching_pair(self) -> tuple[int, int, int, int] | None:
        """UTF-16 positions (open start, open end, close start, close end) of the pair at the cursor."""
        text, start = self._window()
        offsets = OffsetMap(text)
        pair = match_at(text, offsets.from_utf16(self.textCursor().position() - start))
        if pair is None:
            return None
        return tuple(start + offsets.to_utf16(v) for v in (pair.open_start, pair.open_end, pair.close_start, pair.close_end))

    def _update_extra(self) -> None:
        selections = []
        palette = self.palette()
        line = QTextEdit.ExtraSelection()
        base = palette.color(QPalette.ColorRole.Base)
        line.format.setBackground(QColor(70, 90, 130, 60) if base.lightness() < 128 else QColor(232, 240, 254))
        line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        line.cursor = self.textCursor()
        line.cursor.clearSelection()
        selections.append(line)
        self._pair = self.matching_pair()
        if self._pair is not None:
            for a, b in ((self._pair[0], self._pair[1]), (self._pair[2], self._pair[3])):
                sel = QTextEdit.ExtraSelection()
                sel.format.setBackground(QColor(90, 140, 90, 120) if base.lightness() < 128 else QColor(190, 230, 190))
                sel.cursor = QTextCursor(self.document())
                sel.cursor.setPosition(a)
                sel.cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
                selections.append(sel)
        self.setExtraSelections(selections + self._extra_find)

    def jump_to_matching(self) -> bool:
        """Move the cursor to the other token of the pair it is on (Kate's Ctrl+6)."""
        pair = self.matching_pair()
        if pair is None:
            return False
        pos = self.textCursor().position()
        cursor = self.textCursor()
        cursor.setPosition(pair[2] if pos < pair[2] else pair[0])
        self.setTextCursor(cursor)
        return True

    def select_to_matching(self) -> bool:
        pair = self.matching_pair()
        if pair is None:
            return False
        cursor = self.textCursor()
        cursor.setPosition(pair[0])
        cursor.setPosition(pair[3], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        return True

    # -- editing -------------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        text = event.text()
        if self.auto_close and text and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier:
            cursor = self.textCursor()
            following = self.document().characterAt(cursor.position())
            if text in _AUTO_CLOSE.values() and following == text and not cursor.hasSelection():
                cursor.movePosition(QTextCursor.MoveOperation.Right)  # type over the closer we inserted
                self.setTextCursor(cursor)
                return
            if text in _AUTO_CLOSE:
                closer = _AUTO_CLOSE[text]
                cursor.beginEditBlock()
                if cursor.hasSelection():  # wrap the selection
                    selected = cursor.selectedText()
                    cursor.insertText(text + selected + closer)
                    cursor.setPosition(cursor.position() - len(closer) - len(selected.encode("utf-16-le")) // 2)
                    cursor.setPosition(cursor.position() + len(selected.encode("utf-16-le")) // 2, QTextCursor.MoveMode.KeepAnchor)
                else:
                    cursor.insertText(text + closer)
                    cursor.movePosition(QTextCursor.MoveOperation.Left)
                cursor.endEditBlock()
                self.setTextCursor(cursor)
                return
        if event.key() == Qt.Key.Key_Backspace and self.auto_close and not self.textCursor().hasSelection():
            cursor = self.textCursor()
            pos = cursor.position()
            doc = self.document()
            if pos > 0 and _AUTO_CLOSE.get(doc.characterAt(pos - 1)) == doc.characterAt(pos):
                cursor.beginEditBlock()
                cursor.setPosition(pos - 1)
                cursor.setPosition(pos + 1, QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                cursor.endEditBlock()
                return
        super().keyPressEvent(event)

    def toggle_comment(self) -> None:
        """Wrap the selection (or the current line) in ``<!-- -->``, or unwrap it: one undo step."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        selected = cursor.selectedText().replace("\u2029", "\n")
        start = cursor.selectionStart()
        stripped = selected.strip()
        if stripped.startswith("<!--") and stripped.endswith("-->") and len(stripped) >= 7:
            lead = selected[: len(selected) - len(selected.lstrip())]
            trail = selected[len(selected.rstrip()) :]
            inner = stripped[4:-3]
            if inner.startswith(" ") and inner.endswith(" ") and len(inner) >= 2:
                inner = inner[1:-1]
            replacement = lead + inner + trail
        else:
            replacement = _COMMENT_OPEN + selected + _COMMENT_CLOSE
        cursor.beginEditBlock()
        cursor.insertText(replacement)
        cursor.endEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(start + len(replacement.encode("utf-16-le")) // 2, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def go_to_line(self, line: int, column: int = 1) -> None:
        block = self.document().findBlockByNumber(max(0, min(line - 1, self.blockCount() - 1)))
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=max(0, min(column - 1, block.length() - 1)))
        self.setTextCursor(cursor)
        self.centerCursor()

    def scroll_to_top(self, position: int) -> None:
        """Scroll so that the line holding UTF-16 ``position`` is the first one shown (the cursor stays)."""
        block = self.document().findBlock(max(0, position))
        if not block.isValid():
            return
        line = 0
        layout = block.layout()
        if layout is not None and layout.lineCount() > 1:  # a wrapped paragraph: its line, not its start
            line = max(0, layout.lineForTextPosition(position - block.position()).lineNumber())
        self.verticalScrollBar().setValue(block.firstLineNumber() + line)

    def set_find_highlights(self, selections: list[QTextEdit.ExtraSelection]) -> None:
        self._extra_find = selections
        self._update_extra()
