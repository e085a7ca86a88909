"""Golden tests: wikitext in, the HTML the real template documents out (``golden/*.txt``).

Each case runs through a fake renderer context (see conftest), so the expected HTML shows
exactly what the template renderer itself writes around its arguments.
"""

from __future__ import annotations

import datetime as dt

import pytest

from template_harness import FakeContext, load_golden, render_call
from viewer.wikitext.render.templates import dates

CASES = load_golden()


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    # ages ("（74歲）") depend on today: the golden files are written for 2024-06-01
    monkeypatch.setattr(dates, "today", lambda: dt.date(2024, 6, 1))


def test_there_are_golden_cases_for_every_module():
    files = {case.file for case in CASES}
    assert files >= {"citation", "footnotes", "infobox", "flags", "interlanguage", "hatnotes", "messageboxes",
                     "navbox", "lang", "dates", "inline", "metadata"}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_golden(case):
    assert render_call(case.wikitext, FakeContext(lang=case.lang)) == case.expected


def test_every_renderer_has_a_golden_case():
    """Each registered renderer (and each family) renders at least one golden case; noteTA is
    the variants engineer's and tested there."""
    from template_harness import call_from_wikitext

    from viewer.wikitext.render.templates import _EXACT, _FAMILIES, lookup

    covered = {lookup(call_from_wikitext(case.wikitext).name) for case in CASES}
    renderers = set(_EXACT.values()) | {func for _, func in _FAMILIES}
    missing = sorted(f"{func.__module__}.{func.__name__}" for func in renderers - covered
                     if not func.__module__.endswith(".note_ta"))
    assert missing == []
