"""No hostile snippet runs script in a real browser engine (headless Chromium).

Every snippet of the corpus (ours and MediaWiki's hostile parser tests) is rendered with
``viewer.api.render`` into the standalone preview page and loaded twice: without the page's CSP,
so that the sanitizer alone must hold, and with it, as the app shows it. A control run with the
sanitizer switched off proves that the harness sees payloads when they do get through.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hostile import (
    Case,
    Verdict,
    corpus_pages,
    frame_document,
    load_corpus,
    parser_test_cases,
    run_in_chromium,
)
from viewer import api
from viewer.wikitext.render import sanitize

PARSER_TESTS = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "parsertests" / "parserTests.txt"
OWN = load_corpus()


def all_cases() -> list[Case]:
    if not PARSER_TESTS.is_file():
        pytest.fail(f"MediaWiki's parser tests are expected at {PARSER_TESTS}")
    return OWN + parser_test_cases(PARSER_TESTS)


def render(case: Case) -> str:
    return api.render(case.wikitext, title="Hostile", pages=corpus_pages())


def describe(cases: list[Case], verdicts: list[Verdict]) -> str:
    lines = [
        f"{case.name}: {'FIRED ' if v.fired else ''}{', '.join(v.findings)}\n    {case.wikitext[:120]!r}"
        for case, v in zip(cases, verdicts)
        if v.caught
    ]
    return f"{len(lines)} of {len(cases)} got through:\n" + "\n".join(lines)


@pytest.fixture(scope="module")
def rendered() -> tuple[list[Case], list[str]]:
    cases = all_cases()
    return cases, [render(case) for case in cases]


@pytest.fixture(scope="module")
def verdicts(rendered) -> tuple[list[Verdict], list[Verdict]]:
    """One Chromium run: every case without the CSP, then every case with it."""
    _, bodies = rendered
    documents = [frame_document(b, csp=False) for b in bodies] + [frame_document(b, csp=True) for b in bodies]
    results = run_in_chromium(documents)
    return results[: len(bodies)], results[len(bodies) :]


def test_corpus_is_large_and_named_once():
    assert len(OWN) >= 150
    names = [c.name for c in OWN]
    assert len(set(names)) == len(names)
    assert all(c.wikitext.strip() for c in OWN)


def test_parser_tests_add_hostile_cases():
    found = parser_test_cases(PARSER_TESTS)
    assert len(found) >= 40
    assert any("MSIE CSS safety test" in c.name for c in found)


def test_sanitizer_alone_stops_every_payload(rendered, verdicts):
    cases, _ = rendered
    without_csp, _ = verdicts
    assert not any(v.caught for v in without_csp), describe(cases, without_csp)


def test_preview_page_runs_no_payload_but_its_own_script(rendered, verdicts):
    cases, _ = rendered
    _, with_csp = verdicts
    assert not any(v.caught for v in with_csp), describe(cases, with_csp)
    assert all(v.page_script for v in with_csp)


# --- the control: switch the sanitizer off, and the same harness must see payloads run

_PERMISSIVE = {
    "is_allowed_tag": lambda name: True,
    "sanitize_attributes": lambda tag, attrs: attrs if not attrs or attrs[0].isspace() else " " + attrs,
    "check_css": lambda style: style,
    "clean_url": lambda url: url,
    "final_pass": lambda body: body,
}


@pytest.fixture
def sanitizer_off(monkeypatch):
    """Every reference to the sanitizer's functions, in every loaded WikiView module, replaced
    by one that lets everything through."""
    originals = {name: getattr(sanitize, name) for name in _PERMISSIVE}
    for module in [m for n, m in sys.modules.items() if n.startswith("viewer.") and m is not None]:
        for name, original in originals.items():
            if getattr(module, name, None) is original:
                monkeypatch.setattr(module, name, _PERMISSIVE[name])


def test_control_harness_catches_payloads_without_sanitizer(sanitizer_off):
    cases = [c for c in OWN if not c.name.startswith("urls:cite")]
    bodies = [render(c) for c in cases]
    verdicts = run_in_chromium([frame_document(b, csp=False) for b in bodies])
    by_name = {c.name: v for c, v in zip(cases, verdicts)}
    # the plainest payloads are seen running, not only seen lying in the DOM
    for name in ("script:script-plain", "events:onmouseover-span", "events:onclick-div", "events:onerror-img-in-wikitext"):
        assert by_name[name].fired, (name, by_name[name])
    assert by_name["css:css-url-javascript"].caught
    assert sum(v.caught for v in verdicts) >= len(cases) // 2, describe(cases, verdicts)
    print(f"control: {sum(v.fired for v in verdicts)} fired, {sum(v.caught for v in verdicts)} caught of {len(cases)}")
