"""The preview follows the editor: patched in place (scroll kept), click-to-source, cursor mark."""

from __future__ import annotations

import os

import pytest
from PySide6.QtGui import QTextCursor

from tests.ui.gui_helpers import run_js, wait_preview
from viewer.ui.preview import run_js as page_js
from tests.ui.fake_render import fake_panels, fake_preview
from viewer.ui.render_worker import RenderScheduler

PARAGRAPHS = 80
TEXT = "\n\n".join(
    (f"== Section {i // 10} ==" if i % 10 == 0 else f"Paragraph {i} 𨭎 " + "words " * 40) for i in range(PARAGRAPHS)
)


@pytest.fixture
def tab(make_window, shared_executor, qtbot, tmp_path):
    window = make_window()
    window._scheduler_factory = lambda snap: RenderScheduler(snap, delay_ms=10, preview_job=fake_preview, panels_job=fake_panels, executor=shared_executor)
    path = tmp_path / "long.wiki"
    path.write_text(TEXT, encoding="utf-8")
    (tab,) = window.open_files([path])
    wait_preview(qtbot, tab)
    return tab


def _type_at(tab, offset: int, text: str) -> None:
    cursor = QTextCursor(tab.editor.document())
    cursor.setPosition(tab.offsets().to_utf16(offset))
    tab.editor.setTextCursor(cursor)
    tab.editor.insertPlainText(text)


def test_an_edit_patches_the_page_in_place_and_keeps_the_scroll(tab, qtbot):
    view = tab.preview
    tab.sync_button.setChecked(False)  # only the patch may move the page here
    assert run_js(qtbot, view, "document.querySelectorAll('.mw-parser-output > *').length") == PARAGRAPHS + 1
    run_js(qtbot, view, "window.__same_page = 1, document.querySelector('ol.wv-index').__kept = 1, wikiview.setScrollTop(1500)")
    y = run_js(qtbot, view, "window.scrollY")
    assert y > 1000
    target = TEXT.index("Paragraph 35")
    with qtbot.waitSignal(view.patched, timeout=10_000):
        _type_at(tab, target, "EDITED ")
    qtbot.waitUntil(lambda: run_js(qtbot, view, "document.body.textContent.includes('EDITED Paragraph 35')"), timeout=5000)
    assert run_js(qtbot, view, "window.__same_page") == 1  # not reloaded
    assert abs(run_js(qtbot, view, "window.scrollY") - y) <= 1
    # the blocks after the edit moved by the inserted length: at once for the page's script,
    # in their attributes a moment later (written in slices after the patch)
    last_p = "Array.from(document.querySelectorAll('.mw-parser-output > p')).pop()"
    start = TEXT.rindex("Paragraph") + len("EDITED ")
    assert run_js(qtbot, view, f"wikiview.span({last_p})")[0] == start
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"{last_p}.getAttribute('data-wv-src')").startswith(f"{start}-"), timeout=5000)
    # the index points before and after the edit: kept in place, its offsets made exact
    assert run_js(qtbot, view, "document.querySelector('ol.wv-index').__kept") == 1
    spans = run_js(qtbot, view, "Array.from(document.querySelectorAll('ol.wv-index li')).map(li => li.getAttribute('data-wv-src'))")
    text = tab.text()
    assert [int(s.split("-")[0]) for s in spans] == [text.index(f"== Section {i} ==") for i in range(PARAGRAPHS // 10)]


def test_moves_pending_in_the_page_are_counted_by_clicks_and_marks_and_add_up(tab, qtbot):
    view = tab.preview
    tab.sync_button.setChecked(False)
    # hold back the writing of moved offsets, as on a long article between two slices
    run_js(qtbot, view, "window.setTimeout = function () { return 0; }, 1")
    for n, word in enumerate(("ONE ", "TWO ")):
        with qtbot.waitSignal(view.patched, timeout=10_000):
            _type_at(tab, TEXT.index("Paragraph 5 ") + 4 * n, word)
    text = tab.text()
    last_p = "Array.from(document.querySelectorAll('.mw-parser-output > p')).pop()"
    raw = run_js(qtbot, view, f"{last_p}.getAttribute('data-wv-src')")
    assert int(raw.split("-")[0]) == TEXT.rindex("Paragraph")  # not written yet
    assert run_js(qtbot, view, f"wikiview.span({last_p})")[0] == text.rindex("Paragraph")  # both moves
    with qtbot.waitSignal(view.source_clicked, timeout=5000) as clicked:
        page_js(view.page(), f"{last_p}.click()")
    assert clicked.args[0] == text.rindex("Paragraph")
    tab.select_span(text.rindex("Paragraph") + 3, text.rindex("Paragraph") + 3)
    qtbot.waitUntil(lambda: (run_js(qtbot, view, "(document.querySelector('.wv-cursor')||{textContent:''}).textContent") or "").startswith(f"Paragraph {PARAGRAPHS - 1}"), timeout=5000)


def test_deleting_a_block_and_undo(tab, qtbot):
    view = tab.preview
    start = TEXT.index("Paragraph 12")
    end = TEXT.index("Paragraph 13")
    cursor = QTextCursor(tab.editor.document())
    cursor.setPosition(tab.offsets().to_utf16(start))
    cursor.setPosition(tab.offsets().to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    with qtbot.waitSignal(view.patched, timeout=10_000):
        cursor.removeSelectedText()
    qtbot.waitUntil(lambda: run_js(qtbot, view, "document.querySelectorAll('.mw-parser-output > *').length") == PARAGRAPHS + 1 - 1, timeout=5000)
    with qtbot.waitSignal(view.patched, timeout=10_000):
        tab.editor.undo()
    qtbot.waitUntil(lambda: run_js(qtbot, view, "document.querySelectorAll('.mw-parser-output > *').length") == PARAGRAPHS + 1, timeout=5000)
    assert tab.text() == TEXT


def test_click_in_the_preview_selects_the_source_past_astral_characters(tab, qtbot):
    view = tab.preview
    with qtbot.waitSignal(view.source_clicked, timeout=5000):
        page_js(view.page(), "document.querySelectorAll('.mw-parser-output > p')[20].click()")
    selected = tab.editor.textCursor().selectedText()
    assert selected.startswith("Paragraph 23 𨭎")  # 21st <p>: paragraphs 0,10,20 are headings
    assert selected == tab.text()[TEXT.index("Paragraph 23") : TEXT.index("\n\n", TEXT.index("Paragraph 23"))]


def test_the_cursor_block_is_marked(tab, qtbot):
    view = tab.preview
    tab.select_span(TEXT.index("Paragraph 42") + 3, TEXT.index("Paragraph 42") + 3)
    qtbot.waitUntil(
        lambda: (run_js(qtbot, view, "(document.querySelector('.wv-cursor')||{textContent:''}).textContent") or "").startswith("Paragraph 42"),
        timeout=5000,
    )


def test_the_preview_follows_the_editor_scrolling(tab, qtbot):
    view = tab.preview
    assert tab.sync_button.isChecked()
    tab.editor.go_to_line(tab.text().count("\n") + 1)  # the end: the editor scrolls down
    qtbot.waitUntil(lambda: run_js(qtbot, view, "window.scrollY") > 1000, timeout=5000)


def test_a_clicked_link_is_shown_and_opened_only_when_confirmed(make_window, tab, dialogs, qtbot, monkeypatch):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWebEngineCore import QWebEnginePage

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window = tab.window()
    page = tab.preview.page()
    link = QUrl("https://zh.wikipedia.org/wiki/%E9%98%BF")
    with qtbot.waitSignal(tab.preview.link_activated, timeout=2000):
        assert page.acceptNavigationRequest(link, QWebEnginePage.NavigationType.NavigationTypeLinkClicked, True) is False
    assert dialogs.asked("open_url") == [("open_url", link.toString())]
    assert window.status.currentMessage() == link.toString() and opened == []
    dialogs.open_url = True
    page.acceptNavigationRequest(link, QWebEnginePage.NavigationType.NavigationTypeLinkClicked, True)
    assert opened == [link.toString()]


def test_the_variant_is_remembered_per_file(make_window, tab, settings, qtbot):
    box = tab.variant_box
    index = box.findData("zh-tw")
    assert index > 0  # the variants are offered
    box.setCurrentIndex(index)
    assert tab.variant == "zh-tw" and settings.variant_for(str(tab.path)) == "zh-tw"
    assert tab.snapshot().variant == "zh-tw"
    other = make_window()
    (again,) = other.open_files([tab.path])
    assert again.variant == "zh-tw" and again.variant_box.currentData() == "zh-tw"


def test_the_pages_renderer_process_gives_way_to_the_window(tab, qtbot):
    from viewer.ui.preview import RENDERER_NICE

    pid = tab.preview.page().renderProcessPid()
    assert pid > 0 and pid != os.getpid()
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    threads = [int(t) for t in os.listdir(f"/proc/{pid}/task")]
    assert len(threads) > 1
    # every thread, the display-critical ones Chromium favours itself included
    assert min(os.getpriority(os.PRIO_PROCESS, t) for t in threads) == min(19, ours + RENDERER_NICE)
