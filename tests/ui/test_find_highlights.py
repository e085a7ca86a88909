"""Find highlights every match: marks in the visible text, "3 of 17", updated as the search or text changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from tests.ui.gui_helpers import open_text
from viewer.ui.find_bar import _CHUNK, MATCH_CAP, FindOptions, MatchCounter, compile_pattern

TEXT = "Foo foo food\n{{cite|a=[[Link]]}} <!-- note -->\nfoo 𨭎 FOO\n"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "zh-nagorno-karabakh-war.wiki"


def counted(text: str, needle: str, lo: int = 0, hi: int | None = None, **options) -> list[tuple[int, int]]:
    counter = MatchCounter(text, compile_pattern(needle, FindOptions(**options)), lo, len(text) if hi is None else hi)
    while not counter.step(0.0):  # the smallest slices: one chunk a step
        pass
    return list(zip(counter.starts, counter.ends))


@pytest.mark.parametrize(
    ("needle", "options"),
    [("ab", {}), ("ab", {"case": True}), ("ab", {"whole_word": True}), (r"a+b?", {"regex": True}), (r"x*", {"regex": True})],
)
def test_the_count_in_slices_equals_one_search_across_chunk_seams(needle, options):
    # matches placed across every seam between the counter's chunks
    text = ("x" * (_CHUNK - 1) + "ab Ab aab ") * 3 + "AB"
    expected = [m.span() for m in compile_pattern(needle, FindOptions(**options)).finditer(text) if m.end() > m.start()]
    assert counted(text, needle, **options) == expected


def test_the_count_stops_at_the_cap_and_says_so():
    counter = MatchCounter("a" * (MATCH_CAP + 50), re.compile("a"), 0, MATCH_CAP + 50)
    assert counter.step(1.0) and counter.capped
    assert len(counter.starts) == MATCH_CAP
    assert counter.label(None) == f"{MATCH_CAP}+ matches"
    assert counter.label((2, 3)) == f"3 of {MATCH_CAP}+"


def test_labels():
    counter = MatchCounter("foo bar foo", re.compile("foo"), 0, 11)
    assert counter.label(None) == "Searching…"
    counter.step()
    assert counter.label((8, 11)) == "2 of 2"
    assert counter.label((9, 9)) == "2 matches"
    assert counted("foo", "zz") == []
    lone = MatchCounter("foo", re.compile("o+"), 0, 3)
    lone.step()
    assert lone.label(None) == "1 match"
    none = MatchCounter("foo", re.compile("z"), 0, 3)
    none.step()
    assert none.label(None) == "No matches"


@pytest.fixture
def tab(window, qtbot, tmp_path):
    return open_text(window, qtbot, tmp_path, TEXT)


def marked(tab) -> list[str]:
    return [s.cursor.selectedText() for s in tab.editor._extra_find]


def test_every_match_is_marked_and_counted_as_you_type(tab, qtbot):
    bar = tab.find_bar
    bar.open_bar()
    qtbot.keyClicks(bar.find_edit, "fo")
    qtbot.waitUntil(lambda: marked(tab) == ["Fo", "fo", "fo", "fo", "FO"])
    qtbot.keyClicks(bar.find_edit, "o")
    qtbot.waitUntil(lambda: marked(tab) == ["Foo", "foo", "foo", "foo", "FOO"])  # "food" too
    assert bar.count_label.text() == "5 matches"
    bar.find_next()
    bar.find_next()
    assert bar.count_label.text() == "2 of 5"
    bar.case_box.setChecked(True)
    qtbot.waitUntil(lambda: marked(tab) == ["foo", "foo", "foo"])
    assert bar.count_label.text() == "1 of 3"  # the selected "foo" is the first lower-case one
    bar.word_box.setChecked(True)
    qtbot.waitUntil(lambda: marked(tab) == ["foo", "foo"])
    bar.regex_box.setChecked(True)
    bar.find_edit.setText(r"\[\[\w+")
    qtbot.waitUntil(lambda: marked(tab) == ["[[Link"])
    bar.find_edit.setText("(")
    qtbot.waitUntil(lambda: bar.count_label.text() == "Invalid pattern")
    assert marked(tab) == []


def test_marks_follow_the_text_and_clear_when_the_bar_closes(tab, qtbot):
    bar = tab.find_bar
    bar.open_bar()
    bar.find_edit.setText("FOO")
    qtbot.waitUntil(lambda: bar.count_label.text() == "5 matches")
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(tab.editor, "foo")
    qtbot.waitUntil(lambda: bar.count_label.text() == "6 matches" and len(marked(tab)) == 6)
    tab.editor.undo()
    qtbot.waitUntil(lambda: bar.count_label.text() == "5 matches")
    bar.close_bar()
    assert marked(tab) == [] and bar.count_label.text() == ""
    assert len(tab.editor.extraSelections()) >= 1  # the current line is still shown
    tab.editor.insertPlainText("foo")  # nothing is searched while the bar is closed
    qtbot.wait(150)
    assert marked(tab) == []


def test_in_selection_marks_and_counts_only_the_selection(tab, qtbot):
    cursor = tab.editor.textCursor()
    line3 = TEXT.index("foo 𨭎")
    cursor.setPosition(tab.offsets().to_utf16(line3))
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    tab.editor.setTextCursor(cursor)
    bar = tab.find_bar
    bar.open_bar()  # a multi-line selection: searched in
    assert bar.selection_box.isChecked()
    bar.find_edit.setText("foo")
    qtbot.waitUntil(lambda: bar.count_label.text() == "2 matches")
    assert marked(tab) == ["foo", "FOO"]


def test_only_the_visible_part_of_a_long_text_is_marked_and_the_count_is_capped(window, qtbot):
    tab = window.new_tab()
    text = SAMPLE.read_text(encoding="utf-8") * 15  # the 1 MB text
    tab.set_text(text, modified=False)
    bar = tab.find_bar
    bar.open_bar()
    bar.find_edit.setText("|")
    qtbot.waitUntil(lambda: bar.count_label.text() == f"{MATCH_CAP}+ matches", timeout=10_000)
    shown = len(marked(tab))
    assert 0 < shown < 200
    first, last = bar.visible_range()
    assert all(first <= s.cursor.selectionStart() <= last for s in tab.editor._extra_find)
    # scrolling marks what comes into view
    tab.editor.verticalScrollBar().setValue(tab.editor.verticalScrollBar().maximum() // 2)
    qtbot.waitUntil(lambda: bar.visible_range()[0] > last and marked(tab) and tab.editor._extra_find[0].cursor.selectionStart() >= bar.visible_range()[0])
    # a rare pattern is counted to the end of the text, in slices
    bar.find_edit.setText("納戈爾諾-卡拉巴赫戰爭|纳戈尔诺-卡拉巴赫战争")
    bar.regex_box.setChecked(True)
    expected = len(re.findall("納戈爾諾-卡拉巴赫戰爭|纳戈尔诺-卡拉巴赫战争", text, re.IGNORECASE))
    qtbot.waitUntil(lambda: bar.count_label.text() == f"{expected} matches", timeout=10_000)
