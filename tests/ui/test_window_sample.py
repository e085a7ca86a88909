"""The window on the bundled sample: outline, references panel and the preview's DOM."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.gui_helpers import run_js, wait_analysis, wait_preview
from viewer.ui.preview import run_js as page_js
from viewer.resources import SAMPLE_ARTICLE


@pytest.fixture
def sample_tab(window, qtbot):
    (tab,) = window.open_files([SAMPLE_ARTICLE])
    wait_preview(qtbot, tab)
    return tab


def _outline(window):
    return window.panels[0].panel_widget()


def _references(window):
    return window.panels[1].panel_widget()


def test_outline_shows_19_sections_and_the_infobox_with_21_fields(window, sample_tab):
    tree = _outline(window).tree
    items = []

    def walk(item):
        for i in range(item.childCount()):
            items.append(item.child(i))
            walk(item.child(i))

    walk(tree.invisibleRootItem())
    box = tree.topLevelItem(0)
    assert box.text(0) == "{{Infobox Military Conflict}}"
    assert box.childCount() == 21
    assert box.child(0).text(0).startswith("conflict = 纳戈尔诺-卡拉巴赫战争")
    sections = [i for i in items if i is not box and i.parent() is not box]
    assert len(sections) == 19
    assert sections[0].text(0) == "背景"


def test_clicking_an_outline_row_selects_its_source(window, sample_tab, qtbot):
    tree = _outline(window).tree
    item = tree.findItems("背景", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)[0]
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sample_tab.editor.textCursor().selectedText() == "== 背景 =="
    assert sample_tab.editor.textCursor().blockNumber() + 1 == int(item.text(1))


def test_outline_marks_the_section_and_field_under_the_cursor(window, sample_tab, qtbot):
    widget = _outline(window)
    sample_tab.editor.go_to_line(4, 5)  # inside |conflict=...
    qtbot.waitUntil(lambda: bool(widget.marked_titles()), timeout=3000)
    assert widget.marked_titles()[0].startswith("conflict =")
    line = sample_tab.text().splitlines().index("=== 苏姆盖特 ===") + 2
    sample_tab.editor.go_to_line(line)
    qtbot.waitUntil(lambda: widget.marked_titles() == ["苏姆盖特"], timeout=3000)


def test_references_panel_lists_the_undefined_named_refs(window, sample_tab, qtbot):
    refs = _references(window)
    messages = [d.message for d in refs.visible_diagnostics()]
    assert any("melkonian" in m for m in messages)
    assert any("OhanyanVelikhanova" in m for m in messages)
    assert window.panels[1].windowTitle() == f"References ({len(refs.diagnostics)})"
    # double-click a finding: the editor selects its source
    group = refs.tree.topLevelItem(0)
    item = next(group.child(i) for i in range(group.childCount()) if "melkonian" in group.child(i).text(0))
    refs.tree.scrollToItem(item)
    rect = refs.tree.visualItemRect(item)
    sample_tab.editor.moveCursor(sample_tab.editor.textCursor().MoveOperation.Start)
    qtbot.mouseClick(refs.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click's first press
    qtbot.mouseDClick(refs.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    diagnostic = refs.diagnostic_of(item)
    selected = sample_tab.editor.textCursor().selectedText()
    assert selected == sample_tab.text()[diagnostic.start : diagnostic.end] and "melkonian" in selected
    # filtering by severity hides the group
    refs.severity_boxes[diagnostic.severity].setChecked(False)
    assert all(d.severity != diagnostic.severity for d in refs.visible_diagnostics())


def test_preview_dom_shows_the_article(window, sample_tab, qtbot):
    view = sample_tab.preview
    headings = run_js(qtbot, view, "Array.from(document.querySelectorAll('.mw-parser-output h2 .mw-headline')).map(h => h.textContent.trim())")
    outline = sample_tab.analysis.outline
    assert headings == [s.title for s in outline.sections if s.level == 2]
    assert run_js(qtbot, view, "document.querySelectorAll('.mw-parser-output [data-wv-src]').length") > 100
    assert run_js(qtbot, view, "document.querySelectorAll('table.infobox').length") >= 1
    assert run_js(qtbot, view, "typeof window.wikiview.patch") == "function"


def test_a_click_in_the_preview_selects_the_source(window, sample_tab, qtbot):
    view = sample_tab.preview
    with qtbot.waitSignal(view.source_clicked, timeout=5000):
        page_js(view.page(), "document.getElementById('背景').click()")
    assert sample_tab.editor.textCursor().selectedText().strip() == "== 背景 =="


def test_the_cursor_section_is_marked_in_the_preview(window, sample_tab, qtbot):
    view = sample_tab.preview
    line = sample_tab.text().splitlines().index("== 背景 ==") + 1
    sample_tab.editor.go_to_line(line)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "(document.querySelector('.wv-cursor')||{}).tagName || ''") == "H2", timeout=5000)
    assert run_js(qtbot, view, "document.querySelector('.wv-cursor .mw-headline').textContent.trim()") == "背景"


def test_panels_follow_edits_keeping_selection(window, sample_tab, qtbot):
    refs = _references(window)
    group = refs.tree.topLevelItem(0)
    item = next(group.child(i) for i in range(group.childCount()) if "melkonian" in group.child(i).text(0))
    refs.tree.setCurrentItem(item)
    line = int(item.text(1))
    start = refs.diagnostic_of(item).start
    outline_tree = _outline(window).tree
    outline_tree.setCurrentItem(outline_tree.topLevelItem(0))
    sample_tab.editor.go_to_line(1)
    sample_tab.editor.insertPlainText("新的一行\n")  # everything moves down one line
    wait_analysis(qtbot, sample_tab)
    current = refs.tree.currentItem()
    assert "melkonian" in current.text(0) and int(current.text(1)) == line + 1
    assert refs.diagnostic_of(current).start == start + len("新的一行\n")
    assert outline_tree.currentItem() is outline_tree.topLevelItem(0)
    assert outline_tree.topLevelItem(0).text(1) == "4"  # the infobox's line followed
