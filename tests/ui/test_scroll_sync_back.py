"""Preview -> editor scroll sync: the user scrolls the preview, the editor shows the source at its top;
no feedback loop with the editor -> preview direction, nothing for the page's own scrolls."""

from __future__ import annotations

import pytest

from tests.ui.gui_helpers import open_text, run_js, wait_preview

PARAGRAPHS = 80
TEXT = "\n\n".join(
    (f"== Section {i // 10} ==" if i % 10 == 0 else f"Paragraph {i} 𨭎 " + "words " * 40) for i in range(PARAGRAPHS)
)
USER_SCROLL = """(function (i) {
  window.dispatchEvent(new WheelEvent("wheel", {deltaY: 120}));
  var el = document.querySelector(".mw-parser-output").children[i];
  window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY);
  return [window.scrollY, wikiview.topSource()];
})(%d)"""


@pytest.fixture
def tab(window, qtbot, tmp_path):
    return open_text(window, qtbot, tmp_path, TEXT, "long.wiki", wait=wait_preview)


def top_block_holds(tab, offset: int) -> bool:
    block = tab.editor.firstVisibleBlock()
    position = tab.offsets().to_utf16(offset)
    return block.position() <= position < block.position() + block.length()


def test_scrolling_the_preview_scrolls_the_editor_without_bouncing_back(tab, qtbot):
    view = tab.preview
    y, offset = run_js(qtbot, view, USER_SCROLL % 40)
    assert y > 1000 and offset > len(TEXT) // 3
    assert tab.text()[offset - 1 : offset + 20].find("Paragraph") >= 0 or tab.text()[offset] != "\n"
    qtbot.waitUntil(lambda: top_block_holds(tab, offset), timeout=5000)
    qtbot.wait(300)  # the editor's scroll was the sync's: the preview is not moved back
    assert run_js(qtbot, view, "window.scrollY") == y
    assert top_block_holds(tab, offset)
    # the user scrolls the editor away and back: the preview follows both ways again
    tab.editor.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "window.scrollY") < y - 1000, timeout=5000)
    tab.editor.scroll_to_top(tab.offsets().to_utf16(offset))
    qtbot.waitUntil(lambda: abs(run_js(qtbot, view, "window.scrollY") - y) < 400, timeout=5000)


def test_the_editor_scrolling_the_preview_does_not_scroll_the_editor_back(tab, qtbot):
    view = tab.preview
    reported = []
    view.source_scrolled.connect(reported.append)
    qtbot.wait(1100)  # no recent input in the page
    bar = tab.editor.verticalScrollBar()
    bar.setValue(bar.maximum() // 2 + 3)
    top = tab.editor.firstVisibleBlock().blockNumber()
    qtbot.waitUntil(lambda: run_js(qtbot, view, "window.scrollY") > 1000, timeout=5000)
    qtbot.wait(300)
    # (the scroll bar's value may grow as the editor lays out wrapped lines above: the top block counts)
    assert reported == [] and tab.editor.firstVisibleBlock().blockNumber() == top


def test_scrolls_the_user_did_not_make_and_sync_off_leave_the_editor_alone(tab, qtbot):
    view = tab.preview
    reported = []
    view.source_scrolled.connect(reported.append)
    start = tab.editor.firstVisibleBlock().blockNumber()
    run_js(qtbot, view, "(window.scrollTo(0, 3000), window.scrollY)")  # the page's own scroll (a reload putting back its place)
    qtbot.wait(300)
    assert reported == []
    tab.sync_button.setChecked(False)
    run_js(qtbot, view, USER_SCROLL % 50)
    qtbot.wait(300)
    assert len(reported) == 1 and tab.editor.firstVisibleBlock().blockNumber() == start
    tab.sync_button.setChecked(True)
    _y, offset = run_js(qtbot, view, USER_SCROLL % 30)
    qtbot.waitUntil(lambda: top_block_holds(tab, offset), timeout=5000)


def test_the_editor_scrolls_to_a_line_inside_a_wrapped_paragraph(window, qtbot):
    tab = window.new_tab()
    tab.editor.set_soft_wrap(True)
    tab.set_text("head\n" + "word " * 4000 + "\n" + "tail\n" * 200, modified=False)
    qtbot.wait(50)
    middle = 5 + 2000 * 5
    tab.editor.scroll_to_top(middle)
    block = tab.editor.firstVisibleBlock()
    assert block.blockNumber() == 1 and tab.editor.verticalScrollBar().value() > block.firstLineNumber()
