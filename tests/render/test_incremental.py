"""IncrementalRenderer gives what render_page gives, field for field, edit after edit."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.wikitext.render import incremental
from viewer.wikitext.render.html import render_page
from viewer.wikitext.render.incremental import IncrementalRenderer
from viewer.wikitext.render.result import RenderOptions

TITLE = "纳戈尔诺-卡拉巴赫战争"
SNIPPETS = [
    "<ref>x</ref>", "<ref name=a/>", "<ref name=a>y [[链接]]</ref>", "<ref group=n>z</ref>", "== H ==\n",
    "\n=== K ===\n", "{{", "}}", "{|", "|}", "\n{|\n|a\n|}\n", "<div>", "</div>", "<blockquote>", "__NOTOC__",
    "__TOC__", "__FORCETOC__", "__NOEDITSECTION__", "-{H|zh-hans:甲;zh-hant:乙}-", "-{", "}-", "{{reflist}}",
    "<references/>", "[[", "]]", "[http://example.org]", "'''", "\n* item\n", "<!--", "-->", "<nowiki>",
    "\n", "\n\n", "{{DISPLAYTITLE:新}}", "[[Category:甲]]", "<span>", " ?", "&",
]
CHARS = "ab 中文甲乙\n=|{}[]<>'*#:;-!&?"
OPTIONS = [RenderOptions(title=TITLE, lang="zh", variant=v) for v in (None, "zh-hant", "zh-tw")]

_RENDERER = IncrementalRenderer()  # one for the whole run, as the GUI's worker keeps one


@contextmanager
def _strict():
    """A failing chunk raises instead of the page being rendered whole."""
    incremental._DEBUG = True
    try:
        yield
    finally:
        incremental._DEBUG = False


def _assert_same(text: str, options: RenderOptions, renderer: IncrementalRenderer = _RENDERER) -> None:
    with _strict():
        got = renderer.render(text, options)
    want = render_page(text, options)
    for name in ("html", "display_title", "categories", "language_links", "missing_templates"):
        assert getattr(got, name) == getattr(want, name), (name, renderer.last_stats)


edits = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(SNIPPETS)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.text(CHARS, min_size=1, max_size=3)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 40)),
)


def _apply(text: str, edit) -> str:
    kind, where, what = edit
    at = int(where * len(text))
    if kind == "insert":
        return text[:at] + what + text[at:]
    return text[:at] + text[at + what:]


def test_the_sample_is_cut_and_rendered_in_chunks(sample_text):
    renderer = IncrementalRenderer()
    _assert_same(sample_text, OPTIONS[0], renderer)
    assert renderer.last_stats["whole"] == 0 and renderer.last_stats["chunks"] >= 8
    at = sample_text.index("在几小时内")
    _assert_same(sample_text[:at] + "x" + sample_text[at:], OPTIONS[0], renderer)
    assert renderer.last_stats["rendered"] == 1  # typing in a paragraph renders its chunk only


@pytest.mark.parametrize("options", OPTIONS[1:], ids=lambda o: o.variant)
def test_the_sample_in_variants(sample_text, options):
    _assert_same(sample_text, options)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(steps=st.lists(st.tuples(edits, st.sampled_from(range(len(OPTIONS)))), min_size=1, max_size=6))
def test_edits_render_as_the_whole_page_does(sample_text, steps):
    text = sample_text
    for edit, option in steps:
        text = _apply(text, edit)
        _assert_same(text, OPTIONS[option])


def test_toc_placed_beside_the_reference_list(sample_text):
    # the TOC's lines (offsets named by their chunks) and the list's items (named by their
    # references) in one chunk
    at = sample_text.index("{{reflist|2}}")
    _assert_same(sample_text[:at] + "__TOC__\n" + sample_text[at:], OPTIONS[0], IncrementalRenderer())
