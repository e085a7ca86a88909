"""The outline of an article: its sections and every infobox's fields, each with its span."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mwparserfromhell.nodes import Heading, Template
from mwparserfromhell.wikicode import Wikicode

from viewer.wikitext.anchors import SectionAnchors
from viewer.wikitext.limits import MAX_TEXT_CHARS
from viewer.wikitext.parse import LineIndex, parse, spans, walk

__all__ = ["Field", "Infobox", "Outline", "OutlineSection", "build_outline", "is_infobox"]


@dataclass(frozen=True)
class OutlineSection:
    level: int  # 2..6 as in ==..======; 1 for a stray = heading
    title: str  # the heading's wikitext, stripped
    anchor: str  # the id MediaWiki gives the heading (duplicates numbered _2, _3...)
    line: int
    start: int  # offset of the heading
    end: int  # end of the heading line
    section_end: int  # where the section's text ends (next heading of any level, or the end)


@dataclass(frozen=True)
class Field:
    name: str
    value: str  # the field's wikitext, stripped
    line: int
    start: int  # offset of the parameter (after its ``|``)
    end: int


@dataclass(frozen=True)
class Infobox:
    template: str  # the name as written, stripped
    line: int
    start: int
    end: int
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Outline:
    sections: tuple[OutlineSection, ...]
    infoboxes: tuple[Infobox, ...]
    # characters outlined, when the text was over the core's length limit and only its
    # beginning was read; None when the whole text was
    truncated_at: int | None = None

    def to_json(self, file: str) -> dict:
        """The ``outline --format json`` object of DESIGN.md."""
        data = {
            "file": file,
            "sections": [
                {"level": s.level, "title": s.title, "anchor": s.anchor, "line": s.line}
                for s in self.sections
            ],
            "infoboxes": [
                {
                    "template": box.template,
                    "line": box.line,
                    "fields": [{"name": f.name, "value": f.value, "line": f.line} for f in box.fields],
                }
                for box in self.infoboxes
            ],
        }
        if self.truncated_at is not None:  # additive to DESIGN.md's contract, only when it happens
            data["truncated_at"] = self.truncated_at
        return data

    def section_at(self, offset: int) -> OutlineSection | None:
        """The innermost section whose text contains ``offset``."""
        found = None
        for section in self.sections:
            if section.start <= offset < max(section.section_end, section.end):
                found = section
        return found


def is_infobox(name: str) -> bool:
    """``Infobox …`` and ``… infobox`` (any case), as zh and en name their infoboxes; also 信息框."""
    lowered = " ".join(name.replace("_", " ").split()).lower()
    return lowered.startswith("infobox") or lowered.endswith(" infobox") or "信息框" in name or "資訊框" in name


def build_outline(text: str, code: Wikicode | None = None) -> Outline:
    """The outline of ``text``; past the length limit, of its beginning (``truncated_at``)."""
    if len(text) > MAX_TEXT_CHARS and code is None:
        cut = text.rfind("\n", 0, MAX_TEXT_CHARS) + 1 or MAX_TEXT_CHARS
        return replace(build_outline(text[:cut]), truncated_at=cut)
    code = code if code is not None else parse(text)
    lines = LineIndex(text)
    anchors = SectionAnchors()
    headings = [(node, start, end) for node, start, end in spans(code) if isinstance(node, Heading)]
    sections = []
    for i, (node, start, end) in enumerate(headings):
        title = str(node.title).strip()
        section_end = headings[i + 1][1] if i + 1 < len(headings) else len(text)
        sections.append(
            OutlineSection(
                level=node.level,
                title=title,
                anchor=anchors.add(title),
                line=lines.line(start),
                start=start,
                end=end,
                section_end=section_end,
            )
        )
    infoboxes = []
    for node, start, end in walk(code):
        if isinstance(node, Template) and is_infobox(str(node.name)):
            infoboxes.append(_infobox(node, start, end, lines))
    return Outline(tuple(sections), tuple(infoboxes))


def _infobox(node: Template, start: int, end: int, lines: LineIndex) -> Infobox:
    source = str(node)
    cursor = len("{{") + len(str(node.name))
    fields = []
    for param in node.params:
        param_text = str(param)
        # each parameter follows its "|" in the source, in order
        found = source.find(param_text, cursor)
        if found < 0:
            continue
        param_start = start + found
        cursor = found + len(param_text)
        fields.append(
            Field(
                name=str(param.name).strip(),
                value=str(param.value).strip(),
                line=lines.line(param_start),
                start=param_start,
                end=param_start + len(param_text),
            )
        )
    return Infobox(str(node.name).strip(), lines.line(start), start, end, tuple(fields))
