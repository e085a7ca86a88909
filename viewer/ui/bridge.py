"""The one place where Python string offsets meet Qt's UTF-16 positions.

The core counts code points (``str`` indices); ``QTextCursor`` counts UTF-16 code units, so a
character outside the BMP (such as 𨭎, U+28B4E) is one offset to Python and two positions to Qt.
Every conversion goes through :class:`OffsetMap`; nothing else adds or subtracts surrogates.
"""

from __future__ import annotations

import bisect
import re

from PySide6.QtGui import QTextCursor, QTextDocument

__all__ = ["OffsetMap", "document_text", "cursor_span", "select_span", "has_astral"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts offsets of one text both ways; O(log n), O(1) for text without astral characters."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # str offsets of the characters that take two UTF-16 units
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # the UTF-16 position of each of them
        self._astral_utf16 = [offset + i for i, offset in enumerate(self._astral)]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text of ``length`` known to hold no astral character (no copy of it needed)."""
        offsets = cls("")
        offsets.length = length
        return offsets

    @property
    def utf16_length(self) -> int:
        return self.length + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        """A str offset (clamped into the text) -> the QTextCursor position before that character."""
        offset = max(0, min(offset, self.length))
        return offset + bisect.bisect_left(self._astral, offset)

    def from_utf16(self, position: int) -> int:
        """A QTextCursor position -> a str offset; a position inside a surrogate pair rounds down."""
        position = max(0, min(position, self.utf16_length))
        # astral characters that start strictly before ``position``
        before = bisect.bisect_left(self._astral_utf16, position)
        if before and self._astral_utf16[before - 1] + 1 == position:
            return self._astral[before - 1]  # between the two halves: the character's own offset
        return position - before


def has_astral(text: str) -> bool:
    return _ASTRAL.search(text) is not None


def document_text(document: QTextDocument) -> str:
    """The document's exact text with ``\\n`` newlines.

    ``toPlainText()`` would turn no-break spaces into plain spaces and so change the file on save;
    the raw text keeps them and only separates blocks with U+2029.
    """
    return document.toRawText().replace("\u2029", "\n")


def cursor_span(cursor: QTextCursor, offsets: OffsetMap) -> tuple[int, int]:
    """The cursor's selection (or position) as str offsets ``(start, end)``."""
    return offsets.from_utf16(cursor.selectionStart()), offsets.from_utf16(cursor.selectionEnd())


def select_span(cursor: QTextCursor, offsets: OffsetMap, start: int, end: int) -> QTextCursor:
    """Move ``cursor`` to select the str span ``[start, end)``; returns it for chaining."""
    cursor.setPosition(offsets.to_utf16(start))
    cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    return cursor
