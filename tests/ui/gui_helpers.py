"""Waiting for the window in GUI tests: an analysis of the current text, the preview, a script's value."""

from __future__ import annotations

import json


def wait_analysis(qtbot, tab, timeout=30_000):
    """Until the tab shows an analysis of its current text."""
    qtbot.waitUntil(lambda: tab.analysis is not None and tab.analysis.revision == tab.revision, timeout=timeout)


def wait_preview(qtbot, tab, timeout=30_000):
    wait_analysis(qtbot, tab, timeout)
    qtbot.waitUntil(lambda: tab.preview.is_loaded, timeout=timeout)


def open_text(window, qtbot, folder, text: str, name: str = "a.wiki", wait=wait_analysis):
    """Open ``text`` as a file ``name`` in ``folder`` and wait (by default for its analysis)."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    (tab,) = window.open_files([path])
    wait(qtbot, tab)
    return tab


def run_js(qtbot, view, script: str, timeout=10_000):
    """The value of the expression ``script`` evaluated in the preview page (as JSON, so that
    arrays and objects come back whole)."""
    box = []
    from viewer.ui.preview import run_js as page_js

    page_js(view.page(), f"JSON.stringify(({script}))", box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    return None if box[0] is None else json.loads(box[0])
