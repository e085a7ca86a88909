"""Parsing part by part (parse.parse_parts) gives the tree of the whole text, before and after edits."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mwparserfromhell.nodes import Heading, Tag, Template

from viewer.wikitext.outline import build_outline
from viewer.wikitext.parse import PartCache, chunk_cuts, parse, parse_parts, parse_shared, walk


def structure(code) -> list[tuple]:
    """What the outline and the checks see of a tree: each node's kind, span and key fields."""
    found = []
    for node, start, end in walk(code):
        key = ""
        if isinstance(node, Heading):
            key = node.level
        elif isinstance(node, Template):
            key = str(node.name)
        elif isinstance(node, Tag):
            key = str(node.tag)
        found.append((type(node).__name__, start, end, key))
    return found


def assert_same_as_whole(text: str, cache: PartCache) -> None:
    shared = parse_shared(text, cache)
    whole = parse(text)
    assert str(shared) == text
    assert structure(shared) == structure(whole)
    assert build_outline(text, cache=cache) == build_outline(text, whole)


def test_the_sample_is_cut_into_parts_before_headings(sample_text):
    parts = parse_parts(sample_text, PartCache())
    assert len(parts) >= 5
    for start, part in parts[1:]:
        assert sample_text[start:].startswith("=")
        assert isinstance(part.code.nodes[0], Heading)
    assert "".join(part.text for _, part in parts) == sample_text


def test_parts_give_the_whole_tree(sample_text):
    cache = PartCache()
    assert_same_as_whole(sample_text, cache)
    assert_same_as_whole("\n".join([sample_text] * 3), cache)


def test_an_edit_reuses_the_other_parts(sample_text):
    cache = PartCache()
    before = parse_parts(sample_text, cache)
    at = sample_text.index("在几小时内")
    after = parse_parts(sample_text[:at] + "x" + sample_text[at:], cache)
    assert len(before) == len(after)
    changed = [i for i, ((_, a), (_, b)) in enumerate(zip(before, after)) if a is not b]
    assert len(changed) == 1


def test_nothing_open_is_cut():
    filler = "文字" * 1200 + "\n"
    for opener, closer in [("{{t|", "}}"), ("<div>", "</div>"), ("<!--", "-->"), ("[[a|", "]]"),
                           ("{|\n|", "\n|}"), ("<nowiki>", "</nowiki>"), ("<ref>", "</ref>")]:
        text = filler + opener + filler + "== H ==\n" + filler + closer + "\n== K ==\n" + filler
        cuts = chunk_cuts(text)
        assert text.index("== H ==") not in cuts, opener
        assert text.index("== K ==") in cuts, opener
        assert_same_as_whole(text, PartCache())


def test_a_brace_nothing_closes_stops_the_cutting():
    filler = "文字" * 1200 + "\n"
    text = filler + "{{" + filler + "== H ==\n" + filler + "== K ==\n" + filler
    assert chunk_cuts(text) == [0]


_PIECES = ["{{", "}}", "[[", "]]", "{{t|a=", "<ref>", "</ref>", "<ref name=a/>", "<!--", "-->",
           "\n== H ==\n", "\n=== K ===\n", "\n{|\n|a\n", "\n|}\n", "<div>", "</div>", "<nowiki>",
           "</nowiki>", "<br/>", "x", "\n", "|", "=", "<", ">", "[http://e.org a]", "{{{", "}}}",
           "<ref", "/>", '"', "<div class=a>", "[[File:a.jpg|b [[c]]", "{{{1|", "-{", "}-"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40), st.sampled_from(_PIECES)), min_size=1, max_size=4))
def test_random_edits_parse_as_the_whole(sample_text, edits):
    text = sample_text
    cache = _CACHE
    for where, cut, piece in edits:
        at = int(where * len(text))
        text = text[:at] + piece + text[at + cut:]  # an insertion (cut 0) or a replacement
    assert_same_as_whole(text, cache)


_CACHE = PartCache()  # shared across examples, as the GUI's worker shares one across keystrokes
