"""The outline of an article: its sections and every infobox's fields, each with its span."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mwparserfromhell.nodes import Heading, Template
from mwparserfromhell.wikicode import Wikicode

from viewer.wikitext.anchors import SectionAnchors, anchor_for, heading_text
from viewer.wikitext.limits import MAX_TEXT_CHARS
from viewer.wikitext.parse import LineIndex, Part, PartCache, children, parse_parts, spans

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


def build_outline(text: str, code: Wikicode | None = None, *, cache: PartCache | None = None,
                  parts: list[tuple[int, Part]] | None = None) -> Outline:
    """The outline of ``text``; past the length limit, of its beginning (``truncated_at``).

    Without ``code``, the text is parsed part by part through ``cache`` (default: the process's
    :data:`~viewer.wikitext.parse.PARTS`), or ``parts`` is ``parse_parts(text)`` already made,
    so that after an edit only the edited part is parsed and outlined again."""
    if len(text) > MAX_TEXT_CHARS and code is None:
        cut = text.rfind("\n", 0, MAX_TEXT_CHARS) + 1 or MAX_TEXT_CHARS
        return replace(build_outline(text[:cut], cache=cache), truncated_at=cut)
    if code is not None:
        return _combine(text, [(0, 0, _outline_facts(text, code))])
    placed = []
    line = 0
    for start, part in parts if parts is not None else parse_parts(text, cache):
        facts = part.facts.get("outline")
        if facts is None:
            facts = part.facts["outline"] = _outline_facts(part.text, part.code)
        placed.append((start, line, facts))
        line += facts.newlines
    return _combine(text, placed)


@dataclass(frozen=True)
class _Facts:
    """The outline of one part, in offsets and 0-based lines relative to the part."""

    headings: tuple[tuple[int, str, str, int, int, int], ...]  # level, title, anchor, start, end, line
    infoboxes: tuple[Infobox, ...]
    newlines: int


def _outline_facts(text: str, code: Wikicode) -> _Facts:
    lines = LineIndex(text)
    headings = tuple(
        (node.level, title, anchor_for(heading_text(title)), start, end, lines.line(start) - 1)
        for node, start, end in spans(code)
        if isinstance(node, Heading)
        for title in (str(node.title).strip(),)
    )
    infoboxes = tuple(_infobox(node, start, end, lines) for node, start, end in _infobox_nodes(code, 0))
    return _Facts(headings, infoboxes, text.count("\n"))


_INFOBOX_HINTS = ("infobox", "信息框", "資訊框")


def _infobox_nodes(code: Wikicode, start: int):
    """The infobox templates in ``code``, descending only into nodes whose source could hold one."""
    node_end = start
    for node in code.nodes:
        source = str(node)
        node_start, node_end = node_end, node_end + len(source)
        source = source.lower()
        if not any(hint in source for hint in _INFOBOX_HINTS):
            continue
        if isinstance(node, Template) and is_infobox(str(node.name)):
            yield node, node_start, node_end
        for child, child_start in children(node, node_start):
            yield from _infobox_nodes(child, child_start)


def _combine(text: str, placed) -> Outline:
    """The outline of ``text`` from its parts' facts, each with its offset and first line (0-based)."""
    anchors = SectionAnchors()
    heads = [(level, title, anchor, base + start, base + end, line0 + line + 1)
             for base, line0, facts in placed for level, title, anchor, start, end, line in facts.headings]
    sections = []
    for i, (level, title, anchor, start, end, line) in enumerate(heads):
        section_end = heads[i + 1][3] if i + 1 < len(heads) else len(text)
        sections.append(OutlineSection(level, title, anchors.add_anchor(anchor), line, start, end, section_end))
    infoboxes = []
    for base, line0, facts in placed:
        if not base and not line0:
            infoboxes.extend(facts.infoboxes)
            continue
        for box in facts.infoboxes:
            fields = tuple(replace(f, line=f.line + line0, start=f.start + base, end=f.end + base) for f in box.fields)
            infoboxes.append(replace(box, line=box.line + line0, start=box.start + base, end=box.end + base, fields=fields))
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
