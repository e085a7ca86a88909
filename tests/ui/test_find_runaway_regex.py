"""A regular expression that backtracks catastrophically stops at its time budget: the find bar says so,
the text and its undo stack stay as they were, and ordinary expressions work as before."""

from __future__ import annotations

import re

import pytest
import regex
from PySide6.QtGui import QTextCursor

from viewer.ui.find_bar import TOO_SLOW, FindOptions, MatchCounter, compile_pattern

# about 1 MB; on each line of a's these expressions try exponentially many ways before failing
BIG = "== Runaway ==\n" + ("a" * 99 + "\n") * 10_000
RUNAWAY = [r"(a|aa)+$", r"(a|aa)+b"]


@pytest.fixture
def big(window):
    tab = window.new_tab()
    tab.set_text(BIG, modified=False)
    bar = tab.find_bar
    bar.regex_box.setChecked(True)
    return tab


def state(tab) -> tuple[str, int, int, int]:
    cursor = tab.editor.textCursor()
    return tab.text(), tab.editor.document().availableUndoSteps(), cursor.selectionStart(), cursor.selectionEnd()


@pytest.mark.parametrize("needle", RUNAWAY)
@pytest.mark.parametrize("action", ["find_next", "find_previous", "replace_one", "replace_all"])
def test_a_runaway_expression_gives_control_back_and_says_so(big, needle, action):
    bar = big.find_bar
    bar.find_edit.setText(needle)
    bar.replace_edit.setText("X")
    before = state(big)
    assert not getattr(bar, action)()
    assert bar.status.text() == TOO_SLOW
    assert state(big) == before  # nothing replaced, nothing on the undo stack, the selection kept


def test_replace_one_on_a_selected_runaway_match_changes_nothing(big):
    bar = big.find_bar
    cursor = big.editor.textCursor()
    cursor.setPosition(BIG.index("a"))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    big.editor.setTextCursor(cursor)
    bar.find_edit.setText(r"(a|aa)+b")  # the selection is a's only: checking that it is a match runs away
    bar.replace_edit.setText("X")
    before = state(big)
    assert not bar.replace_one()
    assert bar.status.text() == TOO_SLOW and state(big) == before


def test_the_count_and_marks_stop_with_the_message_then_recover(big, qtbot):
    bar = big.find_bar
    bar.open_bar()
    bar.find_edit.setText(RUNAWAY[0])
    qtbot.waitUntil(lambda: bar.count_label.text() == "Too slow", timeout=10_000)
    assert bar.status.text() == TOO_SLOW
    assert big.editor._extra_find == []
    assert big.text() == BIG
    bar.find_edit.setText(r"^=+ (\w+)")
    qtbot.waitUntil(lambda: bar.count_label.text() == "1 match", timeout=10_000)
    assert bar.status.text() == ""  # the message went with the expression it was about
    assert [s.cursor.selectedText() for s in big.editor._extra_find] == ["== Runaway"]


def test_the_counter_alone_gives_up_on_a_runaway_expression():
    text = ("a" * 99 + "\n") * 1000
    counter = MatchCounter(text, compile_pattern(RUNAWAY[1], FindOptions(regex=True)), 0, len(text))
    while not counter.step():
        pass
    assert counter.too_slow and counter.label(None) == "Too slow"
    assert counter.starts == [] and counter.ends == []


def test_expressions_use_regex_and_plain_text_keeps_re():
    assert isinstance(compile_pattern(r"a+", FindOptions(regex=True)), regex.Pattern)
    assert isinstance(compile_pattern("a+", FindOptions()), re.Pattern)
    # regex's extras come with it: Unicode properties
    assert compile_pattern(r"\p{Han}+", FindOptions(regex=True)).search("ab 漢字 c").group() == "漢字"


TEXT = "𨭎 Foo [[Link|x]] 𨭎 foo [[Other]]\nfood FOO\n"


@pytest.fixture
def small(window):
    tab = window.new_tab()
    tab.set_text(TEXT, modified=False)
    return tab


def test_ordinary_expressions_still_find_and_replace_at_the_right_places(small):
    bar = small.find_bar
    bar.regex_box.setChecked(True)
    bar.find_edit.setText(r"\[\[(\w+)(?:\|[^\]]*)?\]\]")
    assert bar.find_next() and small.editor.textCursor().selectedText() == "[[Link|x]]"
    assert bar.find_next() and small.editor.textCursor().selectedText() == "[[Other]]"
    assert bar.find_previous() and small.editor.textCursor().selectedText() == "[[Link|x]]"
    bar.replace_edit.setText(r"{{\1}}")
    assert bar.replace_one()  # replaces [[Link|x]] (astral characters before it: UTF-16 offsets differ)
    assert small.text() == TEXT.replace("[[Link|x]]", "{{Link}}")
    assert bar.replace_all() == 1
    assert small.text() == TEXT.replace("[[Link|x]]", "{{Link}}").replace("[[Other]]", "{{Other}}")
    small.editor.undo()
    small.editor.undo()
    assert small.text() == TEXT


def test_whole_word_and_case_with_an_expression(small):
    bar = small.find_bar
    bar.regex_box.setChecked(True)
    bar.word_box.setChecked(True)
    bar.find_edit.setText("fo+")
    bar.replace_edit.setText("<\\g<0>>")
    assert bar.replace_all() == 3  # Foo, foo, FOO; not food
    assert small.text() == "𨭎 <Foo> [[Link|x]] 𨭎 <foo> [[Other]]\nfood <FOO>\n"
    small.editor.undo()
    bar.case_box.setChecked(True)
    assert bar.replace_all() == 1
    assert small.text() == TEXT.replace(" foo ", " <foo> ")


def test_a_bad_replacement_template_changes_nothing(small):
    bar = small.find_bar
    bar.regex_box.setChecked(True)
    bar.find_edit.setText("(f)oo")
    bar.replace_edit.setText(r"\2")
    before = state(small)
    assert bar.replace_all() == 0
    assert bar.status.text().startswith("Invalid replacement") and state(small) == before
