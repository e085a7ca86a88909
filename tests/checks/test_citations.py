"""The reference model: refs, lists, templates and CITEREF anchors, with their spans."""

from __future__ import annotations

import pytest

from viewer.wikitext.checks import model_for
from viewer.wikitext.citations import anchor_encode, citation_anchor, footnote_anchors, is_year, normalize_attr


def test_sample_inventory_matches_the_catalogue(sample_text):
    m = model_for(sample_text)
    tags = [r for r in m.refs if r.kind == "tag"]
    assert len(tags) == 115
    assert sum(1 for r in tags if r.name is None) == 44
    assert sum(1 for r in tags if r.name is not None and r.content is not None) == 25
    assert sum(1 for r in tags if r.content is None) == 46
    assert len({r.name for r in tags if r.name}) == 27
    assert len(m.citations) == 52
    assert [lst.template for lst in m.lists] == ["Reflist"]


def test_masked_regions_hold_no_refs():
    text = "a<!-- <ref>x</ref> --><nowiki><ref>y</ref></nowiki><pre><ref>z</ref></pre><math><ref>w</ref></math><ref>real</ref>"
    m = model_for(text)
    assert [r.content for r in m.refs] == ["real"]


def test_ref_body_is_opaque_to_template_pipes():
    text = "{{lang|x<ref>{{cite web|url=http://a.org|title=T}}</ref>|y}}"
    m = model_for(text)
    outer = m.templates[0]
    assert outer.key == "Lang" and [p.value for p in outer.params] == ["x<ref>{{cite web|url=http://a.org|title=T}}</ref>", "y"]
    assert m.citations[0].ref == 0


@pytest.mark.parametrize(
    ("source", "name", "group", "content"),
    [
        ('<ref name=CASE-STUDY>x</ref>', "CASE-STUDY", "", "x"),
        ("<ref name='Wiener  Zeitung' >x</ref>", "Wiener Zeitung", "", "x"),
        ('<REF NAME="a" group=注/>', "a", "注", None),
        ("{{#tag:ref|body|name=t|group=g}}", "t", "g", "body"),
        ("{{efn|a note}}", None, "lower-alpha", "a note"),
        ("{{r|n}}", "n", "", None),
        ('<ref name="[#foo] {bar} <baz>">[bar]</ref>', "[#foo] {bar} <baz", "", '">[bar]'),
    ],
)
def test_ref_occurrences(source, name, group, content):
    (r,) = model_for(source).refs
    assert (r.name, r.group, r.content) == (name, group, content)
    assert r.start == 0 and r.end == len(source)


def test_r_template_reuses_every_name():
    m = model_for("{{r|a|b}}")
    assert [(r.name, r.content) for r in m.refs] == [("a", None), ("b", None)]


def test_list_defined_refs_inherit_their_lists_group():
    m = model_for('x<ref group="g" name="a"/>\n{{reflist|group=g|refs=<ref name="a">A</ref>}}\n<references><ref name="b">B</ref></references>')
    ldrs = [r for r in m.refs if r.is_ldr]
    assert [(r.name, r.group, m.lists[r.list_index].kind) for r in ldrs] == [("a", "g", "template"), ("b", "", "tag")]


def test_attribute_values_are_trimmed_and_collapsed():
    assert normalize_attr("  a \t b  ") == "a b"


def test_names_a_b_and_a_underscore_b_and_a_u2028_b_are_three_refs():
    m = model_for('<ref name="a b">1</ref><ref name="a_b">2</ref><ref name="a\u2028b">3</ref><ref name=" a  b ">1</ref>')
    assert [r.name for r in m.refs] == ["a b", "a_b", "a\u2028b", "a b"]


@pytest.mark.parametrize(
    ("citation", "anchor"),
    [
        ("{{cite book|last=de Waal|year=2003|title=T}}", "CITEREFde_Waal2003"),
        ("{{cite book|last1=A|last2=B|date=5 May 2001|title=T}}", "CITEREFAB2001"),
        ("{{cite book|author=[[Thomas de Waal|de Waal]]|date=2003-05-01|title=T}}", "CITEREFde_Waal2003"),
        ("{{cite book|editor-last=E|year=1999a|title=T}}", "CITEREFE1999a"),
        ("{{cite book|last=A|year=2001|ref={{sfnref|Q|2002}}|title=T}}", "CITEREFQ2002"),
        ("{{cite book|last=A|year=2001|ref=none|title=T}}", None),
        ("{{cite book|last=A|year=2001|ref=harv|title=T}}", "CITEREFA2001"),  # en's old default-anchor request
        ("{{cite book|last=A|year=2001|ref=Harvard|title=T}}", "Harvard"),
        ("{{cite book|title=T|year=2001}}", None),
        ("{{cite web|last=''Z''|date=2013年5月3日|title=T}}", "CITEREFZ2013"),
    ],
)
def test_citation_anchor(citation, anchor):
    assert citation_anchor(model_for(citation).citations[0].template) == anchor


@pytest.mark.parametrize(
    ("call", "anchors"),
    [
        ("{{sfn|de Waal|2003|p=285}}", ["CITEREFde_Waal2003"]),
        ("{{sfn|A|B|C|D|2001a}}", ["CITEREFABCD2001a"]),
        ("{{harvnb|Smith|n.d.}}", ["CITEREFSmithn.d."]),
        ("{{sfn|X|ref=CITEREFQ}}", ["CITEREFQ"]),
        ("{{sfnm|1a1=A|1y=2001|2a1=B|2a2=C|2y=2002}}", ["CITEREFA2001", "CITEREFBC2002"]),
    ],
)
def test_footnote_anchors(call, anchors):
    t = model_for(call).templates[0]
    assert [a for a, _y in footnote_anchors(t, t.key == "Sfnm")] == anchors


@pytest.mark.parametrize(("value", "ok"), [("2001", True), ("2001a", True), ("n.d.", True), ("c. 1900", True), ("1990–1991", True), ("May 2001", False), ("Smith", False)])
def test_is_year(value, ok):
    assert is_year(value) is ok


def test_anchor_encode():
    assert anchor_encode("[[A b|C_d]] '''e''' &amp;") == "C_d_e_&"


def test_template_ref_content_is_the_source_text():
    m = model_for('{{#tag:ref|a <!-- c --> b|name=x}}<ref name="x">a <!-- c --> b</ref>')
    assert m.refs[0].content == m.refs[1].content == "a <!-- c --> b"
