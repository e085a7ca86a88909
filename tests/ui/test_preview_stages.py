"""The window's side of the two stages: the preview is patched before the panels follow, a
result for an old text is not shown, and the whole body comes back when the preview reloads
(theme) or the worker no longer knows the body shown (restarted)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QTextCursor

import viewer.ui.render_job as render_job
from tests.ui.fake_render import fake_panels, fake_preview
from tests.ui.gui_helpers import run_js, wait_preview
from viewer.ui.render_worker import RenderScheduler

TEXT = "\n\n".join(f"== Part {i} ==" if i % 10 == 0 else f"Paragraph {i} " + "words " * 30 for i in range(60))


class Jobs:
    """The fake jobs, recording what the worker was asked and able to hold the panels back."""

    def __init__(self):
        self.previews = []  # PreviewResults sent
        self.preview_gate, self.panels_gate = threading.Event(), threading.Event()
        self.preview_gate.set()
        self.panels_gate.set()

    def preview(self, snapshot):
        self.preview_gate.wait(10)
        result = fake_preview(snapshot)
        self.previews.append(result)
        return result

    def panels(self, snapshot):
        self.panels_gate.wait(10)
        return fake_panels(snapshot)


@pytest.fixture
def jobs():
    return Jobs()


@pytest.fixture
def tab(make_window, jobs, qtbot, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=2)  # the two stages may run side by side
    window = make_window()
    window._scheduler_factory = lambda snap: RenderScheduler(
        snap, delay_ms=10, preview_job=jobs.preview, panels_job=jobs.panels, executor=pool
    )
    path = tmp_path / "parts.wiki"
    path.write_text(TEXT, encoding="utf-8")
    (tab,) = window.open_files([path])
    wait_preview(qtbot, tab)
    yield tab
    jobs.preview_gate.set()
    jobs.panels_gate.set()
    pool.shutdown(wait=False)


def _type_at(tab, offset: int, text: str) -> None:
    cursor = QTextCursor(tab.editor.document())
    cursor.setPosition(tab.offsets().to_utf16(offset))
    tab.editor.setTextCursor(cursor)
    tab.editor.insertPlainText(text)


def body_text(qtbot, tab) -> str:
    return run_js(qtbot, tab.preview, "document.querySelector('.mw-parser-output').textContent")


def test_the_preview_is_patched_before_the_panels_follow(tab, jobs, qtbot):
    first = jobs.previews[-1]
    assert first.body is not None  # the first load: the whole body
    jobs.panels_gate.clear()  # the outline and the checks take their time
    old_analysis = tab.analysis
    shown = tab.preview.token
    with qtbot.waitSignal(tab.preview.patched, timeout=10_000):
        _type_at(tab, TEXT.index("Paragraph 12"), "NEW ")
    latest = jobs.previews[-1]
    assert latest.body is None and latest.base == shown and tab.preview.token == latest.token  # a patch
    qtbot.waitUntil(lambda: "NEW Paragraph 12" in body_text(qtbot, tab), timeout=5000)
    assert tab.preview.revision == tab.revision and tab.analysis is old_analysis  # panels not yet
    with qtbot.waitSignal(tab.analysis_changed, timeout=10_000):
        jobs.panels_gate.set()
    assert tab.analysis.revision == tab.revision


def test_a_result_for_an_older_text_is_not_shown(tab, jobs, qtbot):
    shown = tab.preview.token
    count = len(jobs.previews)
    jobs.preview_gate.clear()
    _type_at(tab, TEXT.index("Paragraph 3 "), "A")  # rendered while ...
    qtbot.waitUntil(lambda: tab.scheduler.in_flight == tab.revision, timeout=5000)
    _type_at(tab, TEXT.index("Paragraph 3 "), "B")  # ... this is typed: its result is outdated
    with qtbot.waitSignal(tab.preview.patched, timeout=10_000):
        jobs.preview_gate.set()
    qtbot.waitUntil(lambda: "BAParagraph 3" in body_text(qtbot, tab), timeout=5000)
    assert tab.preview.revision == tab.revision
    # the outdated result was dropped, so the one shown patched the body the preview had
    assert len(jobs.previews) == count + 2 and jobs.previews[-1].base == shown and jobs.previews[-2].base == shown


def test_a_reload_asks_for_the_whole_body_and_keeps_the_scroll(tab, jobs, qtbot):
    view = tab.preview
    tab.sync_button.setChecked(False)
    run_js(qtbot, view, "window.__same_page = 1, wikiview.setScrollTop(1200)")
    y = run_js(qtbot, view, "window.scrollY")
    qtbot.wait(300)  # the page reports where it was scrolled to after a pause (100 ms)
    count = len(jobs.previews)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.set_dark(True)  # the theme's CSS is part of the page: it is loaded again
    assert jobs.previews[count].body is not None and jobs.previews[count].base is None
    assert run_js(qtbot, view, "window.__same_page === undefined")
    qtbot.waitUntil(lambda: abs(run_js(qtbot, view, "window.scrollY") - y) <= 1, timeout=5000)
    with qtbot.waitSignal(view.patched, timeout=10_000):  # and patches follow the new page
        _type_at(tab, TEXT.index("Paragraph 45"), "LATER ")
    assert jobs.previews[-1].body is None
    qtbot.waitUntil(lambda: "LATER Paragraph 45" in body_text(qtbot, tab), timeout=5000)


def test_a_worker_that_lost_the_body_shown_sends_it_whole(tab, jobs, qtbot):
    view = tab.preview
    run_js(qtbot, view, "window.__same_page = 1")
    render_job.forget(tab.doc_id)  # as a restarted worker process: it knows no body
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        _type_at(tab, TEXT.index("Paragraph 22"), "AGAIN ")
    assert jobs.previews[-1].body is not None and jobs.previews[-1].base is None
    assert run_js(qtbot, view, "window.__same_page === undefined")  # a new page with the whole body
    qtbot.waitUntil(lambda: "AGAIN Paragraph 22" in body_text(qtbot, tab), timeout=5000)
    assert view.token == jobs.previews[-1].token and view.revision == tab.revision
