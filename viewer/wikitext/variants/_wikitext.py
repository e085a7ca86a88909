"""The wikitext itself in another variant (``wikiview convert``): only its text changes.

mwparserfromhell finds the markup; what a reader sees is converted, what the software reads
is not: template names and parameter names, values that are identifiers (URLs, file names,
link targets, language codes...), link targets, tag names and attributes, comments, the
insides of ``<nowiki>``, ``<pre>``, code and the like, text marked as another language
(``{{lang|…}}``, ``lang=`` attributes), ``-{…}-`` and ``__SWITCHES__``. A link written
``[[X]]`` keeps its target and shows the converted text: ``[[X|X']]``. A link to a section
of the page itself (``[[#背景]]``) follows its heading, which is converted, so it still works.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from mwparserfromhell.nodes import (
    Argument,
    ExternalLink,
    Heading,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from viewer.wikitext.parse import children, parse, sections, spans
from viewer.wikitext.render.templates import normalize_name
from viewer.wikitext.variants._dictionary import translate_many

__all__ = ["convert_wikitext"]

# Whole templates whose text is deliberately in one script or language, or is conversion rules
_KEEP_TEMPLATES = frozenset(
    {"NoteTA", "Noteta", "Lang", "Zh", "Chinese", "Transl", "Korean", "Ja", "Jpn", "Ruby", "CGroup", "Cjk"}
)
_KEEP_TEMPLATE_PREFIXES = ("Lang-", "Lang|", "CGroup/", "Nihongo", "Ruby", "#invoke", "DEFAULTSORT", "DISPLAYTITLE")
# Templates whose positional values are link targets, ids or file names
_KEEP_POSITIONAL = frozenset(
    {
        "Main", "See also", "Seealso", "Further", "Details", "Tsl", "Le", "Ill", "Interlanguage link",
        "Internal link helper", "R", "Rp", "Catmain", "Cat main", "Category see also", "Portal",
        "Commons", "Commons category", "Commonscat", "Authority control", "Webarchive", "Anchor",
        "Anchors", "Visible anchor", "Expand English", "Expand language", "Coord", "ISBN", "Doi",
    }
)
_KEEP_POSITIONAL_PREFIXES = ("Link-", "Flag", "Country data", "Ill-", "Interlanguage link", "Sfnref", "Harvid")
# Named parameters whose values are identifiers, not prose
_KEEP_PARAM = re.compile(
    r"^(?:.*url|.*link|.*image.*|.*file.*|.*logo.*|.*icon.*|.*flag.*|.*map|.*seal.*|pushpin.*|"
    r"lang|language|script|script-.*|ref|refn|name|df|mode|format|isbn\d*|issn|eissn|doi|pmid|pmc|oclc|bibcode|"
    r"jstor|arxiv|id|lccn|zbl|mr|osti|rfc|ssrn|hdl|s2cid|asin|ol|via|access-date|accessdate|date|"
    r"archivedate|archive-date|dead-url|deadurl|url-status|size|width|height|align|style|class|"
    r"s|t|c|tc|sc|p|j|zh|chs|cht|simp|trad|simplified|traditional|zh-hans|zh-hant|zh-cn|zh-tw|zh-hk|"
    r"zh-mo|zh-sg|zh-my)$",
    re.I,
)
# ...unless they name a caption or a description (image_caption, map_alt...)
_CAPTION_PARAM = re.compile(r"caption|(?:^|[_\- ])alt|text|desc", re.I)
# Tags whose insides are code, a single script or another kind of markup
_KEEP_TAGS = frozenset(
    {
        "nowiki", "pre", "code", "kbd", "samp", "var", "tt", "math", "chem", "ce", "score", "syntaxhighlight",
        "source", "timeline", "graph", "templatedata", "templatestyles", "mapframe", "maplink", "gallery",
        "imagemap", "hiero", "inputbox", "categorytree", "charinsert", "langconvert", "style", "script",
    }
)
_FILE_NAMESPACES = ("file", "image", "media", "文件", "檔案", "档案", "图像", "圖像", "媒体", "媒體")
_NO_TEXT_NAMESPACES = ("category", "分类", "分類", "cat")
_SWITCH = re.compile(r"__[^\s_<>\[\]{}|]+__")
_MARKUP_EDGE = re.compile(r"-\{|\}-")


@dataclass(frozen=True)
class _LinkText:
    """``[[X]]`` whose text, converted, goes after the target as ``|X'``."""

    at: int  # where the title ends
    title: str


class _Collector:
    def __init__(self, headings: frozenset[str] = frozenset()) -> None:
        self.spans: list[tuple[int, int]] = []
        self.links: list[_LinkText] = []
        self.headings = headings  # the page's heading texts, for [[#section]] links

    def code(self, code: Wikicode, start: int) -> None:
        for node, node_start, node_end in spans(code, start):
            if isinstance(node, Text):
                self.spans.append((node_start, node_end))
            elif isinstance(node, Template):
                self.template(node, node_start)
            elif isinstance(node, Wikilink):
                self.wikilink(node, node_start)
            elif isinstance(node, ExternalLink):
                for child, at in children(node, node_start):
                    if child is node.title:
                        self.code(child, at)
            elif isinstance(node, Tag):
                self.tag(node, node_start)
            elif isinstance(node, Heading):
                for child, at in children(node, node_start):
                    self.code(child, at)
            elif isinstance(node, Argument):
                for child, at in children(node, node_start):
                    if child is node.default:
                        self.code(child, at)
            # comments, entities and the rest are markup

    def template(self, node: Template, start: int) -> None:
        name = normalize_name(str(node.name))
        if name in _KEEP_TEMPLATES or name.startswith(_KEEP_TEMPLATE_PREFIXES) or name.startswith("#invoke"):
            return
        keep_positional = name in _KEEP_POSITIONAL or name.startswith(_KEEP_POSITIONAL_PREFIXES)
        values = {}
        for param in node.params:
            if param.showkey:
                key = str(param.name).strip()
                convert = not _KEEP_PARAM.match(key) or bool(_CAPTION_PARAM.search(key) and "url" not in key.lower())
            else:
                convert = not keep_positional
            if convert:
                values[id(param.value)] = param.value
        for child, at in children(node, start):
            if id(child) in values and child is values[id(child)]:
                self.code(child, at)

    def wikilink(self, node: Wikilink, start: int) -> None:
        title = str(node.title)
        prefix = title.strip().lstrip(":").split(":", 1)[0].strip().lower() if ":" in title else ""
        if prefix in _NO_TEXT_NAMESPACES:
            return
        for child, at in children(node, start):
            if child is node.title:
                title_end = at + len(title)
                fragment = title.strip()[1:].replace("_", " ").strip()
                if title.strip().startswith("#") and fragment in self.headings:
                    begin = at + title.index("#") + 1
                    self.spans.append((begin, begin + len(title) - title.index("#") - 1))
                plain = prefix == "" and not title.strip().startswith("#") and not any(c in title for c in "{}<>[]|")
                if node.text is None and plain and title.strip():
                    self.links.append(_LinkText(title_end, title))
            elif child is node.text:
                if prefix in _FILE_NAMESPACES:
                    self.caption(child, at)
                else:
                    self.code(child, at)

    def caption(self, code: Wikicode, start: int) -> None:
        """A file link's options: only the caption (after the last top-level ``|``) is text."""
        caption_start = start
        for node, node_start, _end in spans(code, start):
            if isinstance(node, Text) and "|" in node.value:
                caption_start = node_start + node.value.rindex("|") + 1
        inner = _Collector(self.headings)
        inner.code(code, start)
        self.spans.extend((max(a, caption_start), b) for a, b in inner.spans if b > caption_start)
        self.links.extend(link for link in inner.links if link.at > caption_start)

    def tag(self, node: Tag, start: int) -> None:
        name = str(node.tag).strip().lower()
        if name in _KEEP_TAGS:
            return
        for attr in node.attributes:
            if str(attr.name).strip().lower() == "lang" and not str(attr.value or "").strip().lower().startswith("zh"):
                return  # text marked as another language
        for child, at in children(node, start):
            if child is node.contents:
                self.code(child, at)


def _protected(text: str) -> list[tuple[int, int]]:
    """``-{…}-`` markup (nested, as the converter reads it) and ``__SWITCHES__``."""
    found: list[tuple[int, int]] = [m.span() for m in _SWITCH.finditer(text)]
    pos = 0
    while True:
        begin = text.find("-{", pos)
        if begin < 0:
            break
        depth, cursor = 0, begin
        end = -1
        for edge in _MARKUP_EDGE.finditer(text, begin):
            depth += 1 if edge.group() == "-{" else -1
            cursor = edge.end()
            if depth == 0:
                end = cursor
                break
        if end < 0:  # unclosed: MediaWiki shows it as text, so it is text
            break
        found.append((begin, end))
        pos = end
    found.sort()
    return found


def _subtract(spans_: list[tuple[int, int]], protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not protected:
        return spans_
    starts = [p[0] for p in protected]
    out = []
    for a, b in spans_:
        i = max(0, bisect_right(starts, a) - 1)
        while a < b and i < len(protected):
            p_start, p_end = protected[i]
            if p_end <= a:
                i += 1
                continue
            if p_start >= b:
                break
            if p_start > a:
                out.append((a, p_start))
            a = max(a, p_end)
            i += 1
        if a < b:
            out.append((a, b))
    return out


def _inside(pos: int, protected: list[tuple[int, int]]) -> bool:
    i = bisect_right([p[0] for p in protected], pos) - 1
    return i >= 0 and protected[i][0] <= pos < protected[i][1]


def convert_wikitext(text: str, variant: str) -> str:
    code = parse(text)
    collector = _Collector(frozenset(section.title for section in sections(text, code)))
    collector.code(code, 0)
    protected = _protected(text)
    pieces = [(a, b) for a, b in _subtract(collector.spans, protected) if text[a:b].strip()]
    links = [link for link in collector.links if not _inside(link.at, protected)]
    converted = translate_many(variant, [text[a:b] for a, b in pieces] + [link.title for link in links])
    shown = dict(zip((link.at for link in links), converted[len(pieces) :]))
    edits = [(a, b, new) for (a, b), new in zip(pieces, converted) if new != text[a:b]]
    edits += [(link.at, link.at, "|" + shown[link.at]) for link in links if shown[link.at] != link.title]
    edits.sort(key=lambda e: (e[0], e[1]))
    out = []
    pos = 0
    for a, b, new in edits:
        out.append(text[pos:a])
        out.append(new)
        pos = b
    out.append(text[pos:])
    return "".join(out)
