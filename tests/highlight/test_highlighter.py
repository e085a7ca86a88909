"""The Qt highlighter on a bare QTextDocument (as Spyder tests its highlighters): formats at the
right UTF-16 positions, incremental re-highlighting equal to a fresh one, the chunked first pass,
the edit budget, themes."""

from __future__ import annotations

import pytest
from pygments.token import Comment

import viewer.ui  # noqa: F401  (PySide6 work-arounds first)
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from viewer.ui.highlighter import THEMES, WikitextHighlighter
from viewer.wikitext.highlight import LINK_TARGET, TEMPLATE_NAME, TEMPLATE_PUNCTUATION

pytestmark = pytest.mark.gui


def _document(text: str) -> QTextDocument:
    document = QTextDocument()
    # the layout a QPlainTextEdit gives its document: without one, edits emit no contentsChange
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    document.setPlainText(text)
    return document


def _formats(block) -> list[tuple[int, int, str, bool, bool]]:
    """(UTF-16 start, length, colour, bold, italic) of each format range of a block."""
    return [
        (r.start, r.length, r.format.foreground().color().name(), r.format.fontWeight() == QFont.Weight.Bold,
         r.format.fontItalic())
        for r in block.layout().formats()
    ]


def _all_formats(document: QTextDocument) -> list[list]:
    out, block = [], document.firstBlock()
    while block.isValid():
        out.append(_formats(block))
        block = block.next()
    return out


def _fresh_formats(text: str, theme: str = "light") -> list[list]:
    document = _document(text)
    highlighter = WikitextHighlighter(document, theme)
    highlighter.rehighlight()
    return _all_formats(document)


def _color(theme: str, token) -> str:
    return THEMES[theme].styles[token].color


def test_formats_at_utf16_positions(qapp):
    """A line with characters outside the BMP: Qt counts 𨭎 as two positions."""
    document = _document("{{a|[[b]]}}\n𨭎𨭎 {{x}}")
    WikitextHighlighter(document).rehighlight()
    template, link = _color("light", TEMPLATE_PUNCTUATION), _color("light", LINK_TARGET)
    first, second = document.firstBlock(), document.firstBlock().next()
    assert _formats(first) == [
        (0, 2, template, False, False),  # {{
        (2, 1, template, True, False),  # a
        (3, 1, template, False, False),  # |
        (4, 5, link, False, False),  # [[b]]
        (9, 2, template, False, False),  # }}
    ]
    assert _formats(second) == [(5, 2, template, False, False), (7, 1, template, True, False), (8, 2, template, False, False)]


def test_highlighting_never_changes_the_text(qapp, sample_text):
    document = _document(sample_text)
    WikitextHighlighter(document).rehighlight()
    assert document.toRawText().replace("\u2029", "\n") == sample_text


def test_an_edit_rehighlights_the_lines_after_it_as_a_fresh_pass_would(qapp):
    text = "a ''b''\n{{c\n|d=e}}\nf [[g]]"
    document = _document(text)
    highlighter = WikitextHighlighter(document)
    highlighter.rehighlight()
    cursor = QTextCursor(document)
    cursor.setPosition(2)
    cursor.insertText("<!--")  # opens a comment down to the end
    qapp.processEvents()
    highlighter.finish_pass()
    comment = _color("light", Comment)
    assert {colour for f in _all_formats(document)[1:] for _, _, colour, _, _ in f} == {comment}
    assert _all_formats(document) == _fresh_formats(text[:2] + "<!--" + text[2:])
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText("-->h")  # closes it
    qapp.processEvents()
    highlighter.finish_pass()
    assert _all_formats(document) == _fresh_formats(text[:2] + "<!--" + text[2:] + "-->h")


def test_first_pass_runs_in_chunks_and_ends_like_a_full_pass(qapp, qtbot, sample_text):
    text = "\n".join([sample_text] * 3)
    document = _document(text)
    highlighter = WikitextHighlighter(document)
    qapp.processEvents()  # one chunk: the top is highlighted, the end not yet
    assert _formats(document.firstBlock())
    assert not highlighter.pass_finished and _formats(document.lastBlock()) == []
    with qtbot.waitSignal(highlighter.sig_pass_finished, timeout=30_000):
        pass
    assert highlighter.pass_finished
    assert _all_formats(document) == _fresh_formats(text)


def test_an_edit_that_changes_everything_below_is_finished_in_chunks(qapp, qtbot, sample_text):
    text = "\n".join([sample_text] * 2)
    document = _document(text)
    highlighter = WikitextHighlighter(document)
    highlighter.finish_pass()
    highlighter.EDIT_BUDGET_SECONDS = 0.0  # any cascade beyond one line is deferred
    before_last = _formats(document.lastBlock())
    qapp.processEvents()
    cursor = QTextCursor(document.findBlockByNumber(2))
    cursor.insertText("{{")  # an unclosed template changes the state of every line below
    assert not highlighter.pass_finished
    assert _formats(document.lastBlock()) == before_last  # not reached yet
    with qtbot.waitSignal(highlighter.sig_pass_finished, timeout=30_000):
        pass
    edited = text.split("\n")
    edited[2] = "{{" + edited[2]
    assert _all_formats(document) == _fresh_formats("\n".join(edited))


def test_edits_above_the_mark_are_highlighted_during_the_first_pass(qapp, sample_text):
    document = _document("\n".join([sample_text] * 3))
    highlighter = WikitextHighlighter(document)
    qapp.processEvents()
    assert not highlighter.pass_finished
    cursor = QTextCursor(document)
    cursor.insertText("{{x}} ")
    assert _formats(document.firstBlock())[:1] == [(0, 2, _color("light", TEMPLATE_PUNCTUATION), False, False)]


def test_set_theme_repaints_with_the_theme_colours(qapp):
    document = _document("{{a}}")
    highlighter = WikitextHighlighter(document, "light")
    highlighter.rehighlight()
    assert _formats(document.firstBlock())[0][2] == _color("light", TEMPLATE_PUNCTUATION)
    highlighter.set_theme("dark")
    highlighter.finish_pass()
    assert _formats(document.firstBlock())[0][2] == _color("dark", TEMPLATE_PUNCTUATION)
    assert highlighter.format_for(TEMPLATE_NAME).fontWeight() == QFont.Weight.Bold
    with pytest.raises(KeyError):
        highlighter.set_theme("sepia")


def test_a_theme_change_repaints_the_visible_lines_first(qapp, sample_text):
    document = _document("\n".join([sample_text] * 3))
    highlighter = WikitextHighlighter(document, "light")
    highlighter.finish_pass()
    middle = document.findBlockByNumber(document.blockCount() // 2)
    while "{{" not in middle.text():
        middle = middle.next()
    highlighter.first_visible_block = lambda: middle
    highlighter.set_theme("dark")
    dark, light = _color("dark", TEMPLATE_PUNCTUATION), _color("light", TEMPLATE_PUNCTUATION)
    colours = {colour for _, _, colour, _, _ in _formats(middle)}
    assert dark in colours and light not in colours  # at once, before the pass gets there
    assert not highlighter.pass_finished
    highlighter.finish_pass()
    assert _all_formats(document) == _fresh_formats(document.toRawText().replace("\u2029", "\n"), "dark")


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_theme_colours_are_readable_on_their_background(theme):
    """WCAG AA: every coloured token has a contrast of at least 4.5 with what is behind it, also
    inside a ref (whose content has its own background)."""
    for token, style in THEMES[theme].styles.items():
        if style.color:
            for behind in {style.background or THEMES[theme].background, style.background or THEMES[theme].ref_background}:
                assert _contrast(style.color, behind) >= 4.5, (theme, token, style.color, behind)


def test_ref_content_has_the_ref_background(qapp):
    document = _document("a<ref>b [[c]]</ref>d")
    highlighter = WikitextHighlighter(document)
    highlighter.rehighlight()
    tint = THEMES["light"].ref_background
    tinted = set()
    for r in document.firstBlock().layout().formats():
        if r.format.background().style() != Qt.BrushStyle.NoBrush:
            assert r.format.background().color().name() == tint
            tinted.update(range(r.start, r.start + r.length))
    assert tinted == set(range(6, 13))  # "b [[c]]", not the tags nor "a"/"d"
