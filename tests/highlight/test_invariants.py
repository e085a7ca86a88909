"""Property tests: random edits of the sample never break the highlighting's invariants.

- lexing line by line reconstructs every line exactly, whatever the markup (broken or not);
- a line's tokens depend only on the line and its start state, so re-lexing from an edited line
  until the states meet the old ones again gives what lexing the new text from the top gives;
- the Qt highlighter, edited in place, ends with the formats a fresh highlighter gives.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.highlight.conftest import load_cases
from tests.highlight.test_highlighter import _all_formats, _document, _fresh_formats
from viewer.resources import SAMPLE_ARTICLE
from viewer.wikitext.highlight import LineLexer, iter_lines

SAMPLE = SAMPLE_ARTICLE.read_text(encoding="utf-8")
PIECES = [
    "{{", "}}", "[[", "]]", "|", "=", "''", "'''", "<!--", "-->", "<ref>", "</ref>", "<ref name=a/>",
    "<nowiki>", "</nowiki>", "{|", "|}", "|-", "!", "\n", "\n|", "== ", " ==", "*", "#", ":", "-{", "}-",
    "<gallery>", "</gallery>", "<syntaxhighlight lang=python>", "</syntaxhighlight>", "{{{", "}}}",
    "http://x.org", "[", "]", "<", ">", "/", "&nbsp;", " ", "a", "中文", "𨭎", "\t",
]
edits = st.tuples(
    st.floats(0, 1),  # where, as a fraction of the text
    st.integers(0, 40),  # how many characters to remove
    st.lists(st.sampled_from(PIECES), max_size=8).map("".join),  # what to insert
)


def _apply(text: str, edit) -> tuple[str, int, int, str]:
    where, removed, inserted = edit
    start = int(where * len(text))
    end = min(len(text), start + removed)
    return text[:start] + inserted + text[end:], start, end, inserted


def _lex_all(lexer: LineLexer, text: str):
    return [tokens for _, tokens in iter_lines(lexer, text)]


@settings(max_examples=20, deadline=None)
@given(edit=edits)
def test_edited_sample_lines_are_reconstructed_exactly(edit):
    text = _apply(SAMPLE, edit)[0]
    for (_, tokens), line in zip(iter_lines(LineLexer(), text), text.split("\n"), strict=True):
        assert "".join(line[start : start + length] for start, length, _ in tokens.spans) == line


@settings(max_examples=20, deadline=None)
@given(edit=edits)
def test_relexing_from_the_edit_until_states_meet_equals_lexing_from_the_top(edit):
    """What an editor does after an edit: re-lex from the edited line while end states differ
    from the stored ones, keep the old tokens of the lines after."""
    lexer = LineLexer()
    old = _lex_all(lexer, SAMPLE)
    text, start, end, inserted = _apply(SAMPLE, edit)
    lines = text.split("\n")
    first = SAMPLE.count("\n", 0, start)  # the first line the edit touched
    shift = inserted.count("\n") - SAMPLE.count("\n", start, end)  # lines added
    result = old[:first]
    state = result[-1].end_state if result else lexer.start_state
    index = first
    while index < len(lines):
        tokens = lexer.lex_line(lines[index], state)
        result.append(tokens)
        state, index = tokens.end_state, index + 1
        old_index = index - 1 - shift
        last_edited_line = first + inserted.count("\n")
        if index - 1 >= last_edited_line and 0 <= old_index < len(old) and old[old_index].end_state == state:
            result.extend(old[old_index + 1 :])  # the states met: the rest is as it was
            break
    assert result == _lex_all(lexer, text)


CASES_TEXT = "\n".join(load_cases().values())


@pytest.mark.gui
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit=edits, during_pass=st.booleans(), budget=st.sampled_from([0.0, 0.008]))
def test_highlighter_edited_in_place_ends_like_a_fresh_one(qapp, edit, during_pass, budget):
    """Also with the edit made while the first pass is under way, and with an edit budget so
    small that every edit's cascade is handed over to the chunked pass."""
    from PySide6.QtGui import QTextCursor

    from viewer.ui.highlighter import WikitextHighlighter

    document = _document(CASES_TEXT)
    highlighter = WikitextHighlighter(document)
    highlighter.EDIT_BUDGET_SECONDS = budget
    if during_pass:
        highlighter.CHUNK_SECONDS = 0.0  # a tick lexes one block
        for _ in range(5):
            highlighter._highlight_chunk()
        assert not highlighter.pass_finished
    else:
        highlighter.finish_pass()
    text, start, end, inserted = _apply(CASES_TEXT, edit)
    cursor = QTextCursor(document)
    # the snippets hold characters outside the BMP: Qt positions count UTF-16 units
    cursor.setPosition(len(CASES_TEXT[:start].encode("utf-16-le")) // 2)
    cursor.setPosition(len(CASES_TEXT[:end].encode("utf-16-le")) // 2, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(inserted)
    highlighter.finish_pass()
    assert document.toRawText().replace("\u2029", "\n") == text
    assert _all_formats(document) == _fresh_formats(text)
