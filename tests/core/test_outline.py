"""The outline: sections and infobox fields with their lines, on the sample and snippets."""

from __future__ import annotations

import json

from viewer.wikitext.anchors import SectionAnchors, heading_text
from viewer.wikitext.outline import build_outline, is_infobox
from viewer.wikitext.parse import LineIndex


def test_sample_has_19_sections_in_order(sample_text):
    outline = build_outline(sample_text)
    titles = [s.title for s in outline.sections]
    assert len(titles) == 19
    assert titles[:3] == ["背景", "亚美尼亚-阿塞拜疆战争", "苏联行政划分"]
    assert titles[-2:] == ["参见", "注释"]
    assert [s.level for s in outline.sections[:3]] == [2, 3, 3]
    lines = LineIndex(sample_text)
    for s in outline.sections:
        assert lines.line(s.start) == s.line
        assert sample_text[s.start : s.end].strip().startswith("=")


def test_sample_infobox_has_21_fields(sample_text):
    outline = build_outline(sample_text)
    assert len(outline.infoboxes) == 1
    box = outline.infoboxes[0]
    assert box.template == "Infobox Military Conflict"
    assert box.line == 3
    assert len(box.fields) == 21
    first = box.fields[0]
    assert (first.name, first.value, first.line) == ("conflict", "纳戈尔诺-卡拉巴赫战争", 4)
    names = [f.name for f in box.fields]
    assert names[:4] == ["conflict", "image", "caption", "date"]
    assert "combatant1" in names and "commander2" in names
    for field in box.fields:
        source = sample_text[field.start : field.end]
        assert source.lstrip().startswith(field.name)


def test_outline_json_matches_the_design_contract(sample_text):
    data = build_outline(sample_text).to_json("a.wiki")
    assert set(data) == {"file", "sections", "infoboxes"}
    assert data["sections"][0] == {"level": 2, "title": "背景", "anchor": "背景", "line": 97}
    assert data["infoboxes"][0]["fields"][0] == {"name": "conflict", "value": "纳戈尔诺-卡拉巴赫战争", "line": 4}
    json.dumps(data, ensure_ascii=False)


def test_section_at_follows_the_cursor(sample_text):
    outline = build_outline(sample_text)
    soviet = outline.sections[2]
    assert soviet.title == "苏联行政划分"
    assert outline.section_at(soviet.end + 3).title == "苏联行政划分"
    assert outline.section_at(soviet.section_end - 1).title == "苏联行政划分"
    assert outline.section_at(soviet.section_end).title == outline.sections[3].title
    assert outline.section_at(0) is None  # before the first heading: the lead


def test_duplicate_and_formatted_headings_get_mediawiki_anchors():
    text = "== A b ==\n== [[Link|Shown]] ''it'' ==\n== a b ==\n== A b ==\n"
    anchors = [s.anchor for s in build_outline(text).sections]
    assert anchors == ["A_b", "Shown_it", "a_b_2", "A_b_3"]


def test_nested_and_unnamed_infoboxes():
    text = "{{Infobox person|name=X|embed={{Infobox officeholder|office=Y}}}}\n{{foo infobox|a=1|b=}}\n{{Cite web|a=1}}"
    boxes = build_outline(text).infoboxes
    assert [b.template for b in boxes] == ["Infobox person", "Infobox officeholder", "foo infobox"]
    assert [f.name for f in boxes[2].fields] == ["a", "b"]
    assert boxes[2].fields[1].value == ""


def test_is_infobox_names():
    assert is_infobox("Infobox_Military Conflict")
    assert is_infobox("taxobox infobox")
    assert is_infobox("人物信息框")
    assert not is_infobox("Cite web")


def test_heading_text_strips_markup():
    assert heading_text("[[a|B]] '''c''' <span>d</span> &amp;") == "B c d &"
    anchors = SectionAnchors()
    assert anchors.add("x") == "x" and anchors.add("X") == "X_2"
