"""Editing comforts: typing, undo, find/replace, brackets, comments, auto-close, zoom, wrap, quick fix."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.ui.gui_helpers import open_text, wait_analysis
from viewer.wikitext.diagnostics import Edit, Fix

TEXT = "Foo foo food\n{{cite|a=[[Link]]}} <!-- note -->\nfoo 𨭎 FOO\n"


@pytest.fixture
def tab(window, qtbot, tmp_path):
    return open_text(window, qtbot, tmp_path, TEXT)


def test_typing_updates_the_analysis_and_undo_restores(tab, qtbot):
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(tab.editor, "== New ==")
    assert tab.text() == TEXT + "== New =="
    assert tab.is_modified()
    wait_analysis(qtbot, tab)
    assert [s.title for s in tab.analysis.outline.sections] == ["New"]
    tab.editor.undo()
    assert tab.text() == TEXT
    wait_analysis(qtbot, tab)
    assert tab.analysis.outline.sections == ()


def test_find_plain_whole_word_and_regex(tab):
    bar = tab.find_bar
    bar.open_bar()
    bar.find_edit.setText("foo")
    found = []
    for _ in range(5):
        bar.find_next()
        found.append(tab.editor.textCursor().selectionStart())
    assert found == [0, 4, 8, 47, 54]  # case-insensitive, UTF-16 positions (𨭎 takes two)
    bar.case_box.setChecked(True)
    bar.word_box.setChecked(True)
    tab.editor.moveCursor(QTextCursor.MoveOperation.Start)
    assert bar.find_next() and tab.editor.textCursor().selectedText() == "foo"
    start = tab.editor.textCursor().selectionStart()
    assert tab.text()[start : start + 4] == "foo "  # not "food"
    bar.word_box.setChecked(False)
    bar.regex_box.setChecked(True)
    bar.find_edit.setText(r"\[\[(\w+)\]\]")
    assert bar.find_next() and tab.editor.textCursor().selectedText() == "[[Link]]"
    bar.find_edit.setText("(")
    assert not bar.find_next() and "Invalid regular expression" in bar.status.text()


def test_replace_all_is_one_undo_step_and_respects_the_selection(tab):
    bar = tab.find_bar
    bar.find_edit.setText("foo")
    bar.replace_edit.setText("bar")
    assert bar.replace_all() == 5
    assert tab.text() == TEXT.replace("Foo", "bar").replace("foo", "bar").replace("FOO", "bar")
    tab.editor.undo()
    assert tab.text() == TEXT
    # in selection: only the last line
    cursor = tab.editor.textCursor()
    line3 = TEXT.index("foo 𨭎")
    cursor.setPosition(tab.offsets().to_utf16(line3))
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    tab.editor.setTextCursor(cursor)
    bar.selection_box.setChecked(True)
    bar.regex_box.setChecked(True)
    bar.find_edit.setText(r"(f)oo")
    bar.replace_edit.setText(r"<\1>")
    assert bar.replace_all() == 2
    assert tab.text() == TEXT.replace("foo 𨭎 FOO", "<f> 𨭎 <F>")


def test_replace_one_then_next(tab):
    bar = tab.find_bar
    bar.word_box.setChecked(True)
    bar.find_edit.setText("foo")
    bar.replace_edit.setText("X")
    bar.find_next()
    bar.replace_one()  # replaces "Foo", selects the next "foo"
    assert tab.text().startswith("X foo food")
    assert tab.editor.textCursor().selectedText() == "foo"


def test_matching_brackets_are_highlighted_and_jumpable(tab):
    editor = tab.editor
    start = TEXT.index("{{cite")
    editor.textCursor()
    cursor = editor.textCursor()
    cursor.setPosition(start)
    editor.setTextCursor(cursor)
    pair = editor.matching_pair()
    assert pair is not None and tab.text()[pair[2] : pair[3]] == "}}"
    assert len(editor.extraSelections()) == 3  # current line + both tokens
    assert editor.jump_to_matching()
    assert editor.textCursor().position() == TEXT.index("}} <!--")
    assert editor.jump_to_matching() and editor.textCursor().position() == start
    cursor.setPosition(TEXT.index("<!--"))
    editor.setTextCursor(cursor)
    assert editor.select_to_matching() and editor.textCursor().selectedText() == "<!-- note -->"


def test_toggle_comment_wraps_and_unwraps_as_one_undo_step(tab):
    editor = tab.editor
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(3, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.toggle_comment()
    assert tab.text().startswith("<!-- Foo --> foo")
    editor.toggle_comment()  # the selection is the comment now
    assert tab.text() == TEXT
    editor.undo()
    assert tab.text().startswith("<!-- Foo -->")


def test_auto_close_brackets_and_the_setting(tab, qtbot, settings):
    editor = tab.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, "{{x")
    assert tab.text().endswith("{{x}}")
    qtbot.keyClicks(editor, "}}")  # typed over the closers
    assert tab.text().endswith("{{x}}")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "[")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # removes the pair
    assert tab.text().endswith("{{x}}\n")
    settings.set("auto_close_brackets", False)
    qtbot.keyClicks(editor, "[[")
    assert tab.text().endswith("{{x}}\n[[")


def test_go_to_line_zoom_wrap_and_line_numbers(window, tab, dialogs, settings):
    dialogs.line = 3
    window.go_to_line()
    assert tab.editor.textCursor().blockNumber() == 2
    line, column = tab.cursor_line_column()
    assert (line, column) == (3, 1)
    assert window.status.position.text() == "Ln 3, Col 1"
    assert window.status.encoding.text() == "UTF-8" and window.status.newline.text() == "LF"
    size = tab.editor.font().pointSizeF()
    window.actions["zoom_in"].trigger()
    assert tab.editor.font().pointSizeF() == size + 1
    window.actions["zoom_reset"].trigger()
    assert tab.editor.font().pointSizeF() == size
    window.actions["soft_wrap"].setChecked(not settings.get("soft_wrap"))
    assert tab.editor.soft_wrap() == settings.get("soft_wrap")
    window.actions["line_numbers"].setChecked(False)
    assert tab.editor.line_number_width() == 0
    window.actions["line_numbers"].setChecked(True)
    assert tab.editor.line_number_width() > 0


def test_the_editor_font_is_chosen_and_remembered(window, tab, dialogs, settings):
    dialogs.font = ("DejaVu Sans Mono", 15)
    window.actions["font"].trigger()
    assert settings.get("font_family") == "DejaVu Sans Mono" and settings.get("font_size") == 15
    assert tab.editor.font().family() == "DejaVu Sans Mono" and tab.editor.font().pointSizeF() == 15


def test_status_column_counts_code_points(tab):
    cursor = tab.editor.textCursor()
    line3 = TEXT.index("foo 𨭎")
    cursor.setPosition(tab.offsets().to_utf16(line3 + 6))  # after "foo 𨭎 "
    tab.editor.setTextCursor(cursor)
    assert tab.cursor_line_column() == (3, 7)
    assert tab.cursor_offset() == line3 + 6


def test_quick_fix_is_one_undoable_edit(tab, qtbot):
    wait_analysis(qtbot, tab)
    a, b = TEXT.index("[[Link]]"), TEXT.index("<!--")
    fix = Fix("demo", (Edit(a, a + 2, ""), Edit(b, b + 4, "<!--!")))
    assert tab.apply_fix(fix)
    assert tab.text() == TEXT[:a] + TEXT[a + 2 : b] + "<!--!" + TEXT[b + 4 :]
    tab.editor.undo()
    assert tab.text() == TEXT
    # a fix for a text that changed since it was checked is refused, not misapplied
    tab.editor.moveCursor(QTextCursor.MoveOperation.End)
    tab.editor.insertPlainText("x")
    assert not tab.apply_fix(fix)
