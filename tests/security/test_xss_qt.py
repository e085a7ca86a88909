"""The same hostile corpus in the app's own preview: Qt WebEngine, through PreviewView's page
(its request interceptor, settings and navigation rules), with the pages as the app builds them.
"""

from __future__ import annotations

import time

import pytest

from hostile import frame_document, harness_page, load_corpus, verdicts_from_json
from test_csp import loopback, network_loads  # noqa: F401 (loopback is a fixture)
from test_xss_chromium import all_cases, describe, render

pytestmark = pytest.mark.gui

BATCH = 200  # frames per page: Qt's setHtml refuses pages over 2 MB
REPORT = (
    "(function(){var r=document.getElementById('results');"
    "return r && r.getAttribute('data-done')==='1' ? r.textContent : '';})()"
)


def _run_in_preview(qtbot, documents: list[str]):
    from viewer.ui.preview import PreviewView, base_url, run_js

    view = PreviewView()
    qtbot.addWidget(view)
    verdicts = []
    for first in range(0, len(documents), BATCH):
        chunk = documents[first : first + BATCH]
        with qtbot.waitSignal(view.loadFinished, timeout=60_000):
            view.setHtml(harness_page(chunk), base_url("Hostile"))
        answer: dict[str, str] = {}
        deadline = time.monotonic() + 60
        while not answer.get("report"):
            assert time.monotonic() < deadline, "the harness page did not report in the preview"
            answer.clear()
            run_js(view.page(), REPORT, lambda value: answer.__setitem__("report", value or ""))
            qtbot.waitUntil(lambda: "report" in answer, timeout=10_000)
            if not answer["report"]:
                qtbot.wait(100)
        verdicts += verdicts_from_json(answer["report"], len(chunk))
    return verdicts


def test_no_payload_runs_in_the_app_preview(qtbot):
    cases = all_cases()
    bodies = [render(case) for case in cases]
    documents = [frame_document(b, csp=True, css=False) for b in bodies] + [
        frame_document(b, csp=False, css=False) for b in bodies
    ]
    verdicts = _run_in_preview(qtbot, documents)
    with_csp, without = verdicts[: len(bodies)], verdicts[len(bodies) :]
    assert not any(v.caught for v in with_csp), describe(cases, with_csp)
    assert not any(v.caught for v in without), describe(cases, without)
    assert all(v.page_script for v in with_csp)


@pytest.mark.parametrize("csp", [True, False])
def test_preview_loads_nothing_from_the_network(qtbot, loopback, csp):
    """Raw loads of every kind, in the preview: with the CSP, and without it (the request
    interceptor alone must hold), a loopback server sees no request."""
    base, paths = loopback
    _run_in_preview(qtbot, [frame_document(network_loads(base), csp=csp, css=False)])
    qtbot.wait(500)  # let late requests (fonts, media) arrive if they were going to
    assert paths == [], f"the preview fetched {paths}"


def test_control_preview_sees_raw_payloads(qtbot):
    """Raw, unsanitized snippets without the CSP: Qt's engine runs them, and the harness sees it."""
    raw = [frame_document(case.wikitext, csp=False, css=False) for case in load_corpus()]
    verdicts = _run_in_preview(qtbot, raw)
    assert sum(v.fired for v in verdicts) >= 100
