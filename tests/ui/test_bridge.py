"""The str-offset <-> UTF-16 helper, with a character outside the BMP (𨭎, U+28B4E)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from viewer.ui.bridge import OffsetMap, cursor_span, document_text, select_span

TEXT = "ab𨭎c\n𨭎𨭎 d\u00a0e"


def test_to_utf16_counts_surrogates():
    m = OffsetMap(TEXT)
    assert [m.to_utf16(i) for i in range(len(TEXT) + 1)] == [0, 1, 2, 4, 5, 6, 8, 10, 11, 12, 13, 14]
    assert m.utf16_length == len(TEXT.encode("utf-16-le")) // 2


def test_round_trip_every_offset():
    m = OffsetMap(TEXT)
    for i in range(len(TEXT) + 1):
        assert m.from_utf16(m.to_utf16(i)) == i


def test_position_inside_a_surrogate_pair_rounds_down():
    m = OffsetMap(TEXT)
    assert m.from_utf16(3) == 2  # between the two halves of the first 𨭎


def test_clamped_and_identity():
    m = OffsetMap(TEXT)
    assert m.to_utf16(-5) == 0 and m.to_utf16(999) == m.utf16_length
    plain = OffsetMap.identity(10)
    assert plain.to_utf16(7) == 7 and plain.from_utf16(7) == 7


@pytest.mark.parametrize("start,end", [(0, 3), (2, 3), (3, 8), (6, len(TEXT))])
def test_select_span_selects_the_str_slice(start, end):
    doc = QTextDocument()
    doc.setPlainText(TEXT)
    text = document_text(doc)
    assert text == TEXT  # the no-break space survives (toPlainText would turn it into a space)
    m = OffsetMap(text)
    cursor = select_span(QTextCursor(doc), m, start, end)
    assert cursor.selectedText().replace("\u2029", "\n") == TEXT[start:end]
    assert cursor_span(cursor, m) == (start, end)
