"""Offsets, (line, column) positions and node spans on the sample and on small snippets."""

from __future__ import annotations

import pytest
from mwparserfromhell.nodes import Tag, Template, Wikilink

from viewer.wikitext.parse import LineIndex, parse, sections, walk


def test_parse_round_trips_the_sample(sample_text):
    assert str(parse(sample_text)) == sample_text


def test_every_node_span_slices_to_its_source(sample_text):
    nodes = list(walk(parse(sample_text)))
    assert len(nodes) > 3000
    for node, start, end in nodes:
        assert sample_text[start:end] == str(node)


def test_nested_spans_are_inside_their_parents():
    text = "a {{cite web|title=[[X|y]]|url=http://e.org}} <ref name=n>{{sfn|A|2001}}</ref>"
    found = {(type(n).__name__, text[s:e]) for n, s, e in walk(parse(text))}
    assert ("Wikilink", "[[X|y]]") in found
    assert ("Template", "{{sfn|A|2001}}") in found
    assert ("Tag", "<ref name=n>{{sfn|A|2001}}</ref>") in found


@pytest.mark.parametrize(
    "text,offset,position",
    [
        ("abc", 0, (1, 1)),
        ("abc", 3, (1, 4)),
        ("a\nb", 2, (2, 1)),
        ("a\r\nb", 3, (2, 1)),
        ("𨭎𨭎\nx", 2, (1, 3)),  # columns count code points, not UTF-16 units
        ("𨭎𨭎\nx", 4, (2, 2)),
        ("", 0, (1, 1)),
    ],
)
def test_line_index_positions(text, offset, position):
    index = LineIndex(text)
    assert index.position(offset) == position
    assert index.offset(*position) == offset


def test_line_index_clamps_out_of_range():
    index = LineIndex("ab\ncd")
    assert index.position(-5) == (1, 1)
    assert index.position(99) == (2, 3)
    assert index.offset(99, 1) == 3
    assert index.line_count == 2


def test_sample_line_numbers(sample_text):
    index = LineIndex(sample_text)
    start = sample_text.index('<ref name="melkonian"')
    assert index.line(start) == 424  # the catalogue's line for the undefined ref


def test_sections_of_the_sample(sample_text):
    found = sections(sample_text)
    assert len(found) == 19
    assert found[0].title == "背景" and found[0].level == 2
    assert sample_text[found[0].start :].split("\n", 1)[0].replace(" ", "") == "==背景=="
    # sections tile the text after the first heading
    for a, b in zip(found, found[1:]):
        assert a.end == b.start
    assert found[-1].end == len(sample_text)


@pytest.mark.parametrize(
    "text",
    [
        "{{x|\n" * 200,
        "a {{b}} {{ c <!-- {{ --> [[x]] {{{ y",
        "{{a|{{b}}",
        "<ref>{{cite web|title=x</ref> {{reflist}}",
        "== {{ h ==\n[[a|{{b]] {{c}}",
    ],
)
def test_unclosed_braces_are_text_and_round_trip(text):
    code = parse(text)
    assert str(code) == text
    assert "\ue018" not in str(code)
    assert all(text[s:e] == str(n) for n, s, e in walk(code))


def test_closed_templates_still_parse_beside_unclosed_ones():
    code = parse("{{open| {{closed|a=1}} tail")
    names = [str(t.name) for t in code.filter_templates()]
    assert names == ["closed"]
