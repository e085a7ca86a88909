"""mwparserfromhell, with what it lacks: source offsets and (line, column) positions.

mwparserfromhell nodes carry no offsets, but ``str(node)`` is the node's exact source and
``str(parse(s)) == s`` always holds, so a node's span is the sum of the lengths before it.
Nodes compare equal by their text and are unhashable: key anything by span, never by node.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

import mwparserfromhell
from mwparserfromhell.nodes import Comment, Heading, Node, Text
from mwparserfromhell.wikicode import Wikicode

__all__ = ["HIDDEN_BRACE", "LineIndex", "Section", "children", "hide_unclosed_braces", "parse", "walk", "sections", "spans"]


def parse(text: str) -> Wikicode:
    """Parse wikitext; ``skip_style_tags`` keeps bold and italic quotes as text, as MediaWiki
    handles them late.

    Runs of ``{`` that nothing closes are text to MediaWiki, but mwparserfromhell searches
    for their end again and again (10,000 of them took 50 s): they are hidden from it by a
    linear scan and put back in the text nodes afterwards, so ``str(parse(s)) == s`` holds.
    """
    if text.count("{{") <= text.count("}}"):
        return mwparserfromhell.parse(text, skip_style_tags=True)
    hidden = hide_unclosed_braces(text)
    code = mwparserfromhell.parse(hidden, skip_style_tags=True)
    if hidden is text:
        return code
    _show_hidden_braces(code)
    if str(code) != text:  # a hidden brace landed where no text node holds it: parse as written
        return mwparserfromhell.parse(text, skip_style_tags=True)
    return code


def _show_hidden_braces(code: Wikicode) -> None:
    for node in code.filter(recursive=True):
        if isinstance(node, Text) and HIDDEN_BRACE in node.value:
            node.value = node.value.replace(HIDDEN_BRACE, "{")
        elif isinstance(node, Comment) and HIDDEN_BRACE in node.contents:
            node.contents = node.contents.replace(HIDDEN_BRACE, "{")


_BRACE_RUN = re.compile(r"\{{2,}|\}{2,}")
HIDDEN_BRACE = "\ue018"  # a private-use stand-in for a "{" no "}" closes


def hide_unclosed_braces(text: str) -> str:
    """Runs of ``{`` that no ``}`` ever closes are text (MediaWiki's preprocessor leaves them
    so); hiding them spares mwparserfromhell its quadratic search for their end."""
    stack: list[list[int]] = []  # [start, count left, count written]
    for m in _BRACE_RUN.finditer(text):
        run = m.group(0)
        if run[0] == "{":
            stack.append([m.start(), len(run), len(run)])
            continue
        closing = len(run)
        while closing >= 2 and stack:
            top = stack[-1]
            matched = min(closing, top[1], 3)
            top[1] -= matched
            closing -= matched
            if top[1] < 2:
                stack.pop()
    unclosed = [(start, count) for start, left, count in stack if left == count]
    if not unclosed:
        return text
    chars = list(text)
    for start, count in unclosed:
        for k in range(start, start + count):
            chars[k] = HIDDEN_BRACE
    return "".join(chars)



class LineIndex:
    """Converts between code-point offsets and 1-based (line, column) positions of one text.

    Lines end at ``\\n`` (a ``\\r`` before it belongs to the line's end, not to a column).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based ``line``."""
        return self._starts[line - 1]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of ``offset`` (clamped into the text)."""
        offset = max(0, min(offset, len(self._text)))
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def line(self, offset: int) -> int:
        return self.position(offset)[0]

    def offset(self, line: int, column: int = 1) -> int:
        """Offset of 1-based (line, column), clamped into the text."""
        line = max(1, min(line, len(self._starts)))
        return min(self._starts[line - 1] + max(column, 1) - 1, len(self._text))


def spans(code: Wikicode, start: int = 0) -> Iterator[tuple[Node, int, int]]:
    """The top-level nodes of ``code`` with their spans, ``start`` being where ``code`` begins."""
    pos = start
    for node in code.nodes:
        end = pos + len(str(node))
        yield node, pos, end
        pos = end


def walk(code: Wikicode, start: int = 0) -> Iterator[tuple[Node, int, int]]:
    """Every node of ``code``, depth first in source order, with its span."""
    for node, node_start, node_end in spans(code, start):
        yield node, node_start, node_end
        for child, child_start in children(node, node_start):
            yield from walk(child, child_start)


def children(node: Node, start: int) -> Iterator[tuple[Wikicode, int]]:
    """The node's child Wikicode objects (name, parameters, contents...) with their offsets,
    ``start`` being the node's. Exact, because a node's source is its parts in order."""
    source = str(node)
    cursor = 0
    for child in node.__children__():  # mwparserfromhell's own child protocol, in source order
        child_text = str(child)
        found = source.find(child_text, cursor)
        if found < 0:  # cannot happen for well-formed trees; skip rather than be wrong
            continue
        yield child, start + found
        cursor = found + len(child_text)


@dataclass(frozen=True)
class Section:
    """A heading and the text up to the next heading of the same or a higher level."""

    level: int
    title: str  # the heading's wikitext, stripped
    start: int  # offset of the heading's first ``=``
    end: int  # offset where the next section (of any level) starts, or len(text)


def sections(text: str, code: Wikicode | None = None) -> list[Section]:
    """The top-level headings of ``text`` in order (headings inside templates or tags excluded)."""
    code = code if code is not None else parse(text)
    found: list[tuple[int, str, int]] = []
    for node, start, _end in spans(code):
        if isinstance(node, Heading):
            found.append((node.level, str(node.title).strip(), start))
    result = []
    for i, (level, title, start) in enumerate(found):
        end = found[i + 1][2] if i + 1 < len(found) else len(text)
        result.append(Section(level, title, start, end))
    return result


# -- section chunks: parse a long text part by part, and reuse the parts that did not change ----

# Tags whose content mwparserfromhell keeps as text: nothing inside them opens or closes.
_RAW_TAGS = "nowiki|pre|math|chem|ce|syntaxhighlight|source|score|timeline|graph|templatedata|hiero|mapframe|maplink"
_CUT_TOKENS = re.compile(
    r"<!--|\{\{|\}\}|\[\[|\]\]|^[ \t]*\{\||^[ \t]*\|\}"
    r"|<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>"
    r"|^=[^\n]*=[ \t]*$",
    re.M,
)
_CLOSING_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9]*)\s*>")
_RAW_OPEN = re.compile(r"(?:%s)\Z" % _RAW_TAGS, re.I)
_VOID_TAGS = frozenset({"br", "wbr", "hr", "meta", "link", "img", "area", "base", "col", "embed", "input",
                        "param", "source", "track"})
CHUNK_MIN = 2_000  # a part shorter than this is joined to the next: fewer, larger parts parse faster


def chunk_cuts(text: str) -> list[int]:
    """Offsets where ``text`` may be cut so that each part parses as it does in the whole:
    before a top-level heading line, where no template, link, table, comment or tag is open.
    A construct the scan cannot close (an unclosed comment or ``{{``) ends the cutting there:
    when unsure, don't cut. Always starts with 0."""
    cuts = [0]
    if len(text) < 2 * CHUNK_MIN:
        return cuts
    lowered = text.lower()
    last_close: dict[str, int] = {}  # tag name -> offset of its last closing tag
    for m in _CLOSING_TAG.finditer(lowered):
        last_close[m.group(1)] = m.start()
    braces = links = tables = 0
    open_tags: list[str] = []
    pos = 0
    while True:
        m = _CUT_TOKENS.search(text, pos)
        if m is None:
            break
        tok = m.group(0)
        pos = m.end()
        if tok == "<!--":
            end = text.find("-->", pos)
            if end < 0:
                break
            pos = end + 3
        elif tok == "{{":
            braces += 1
        elif tok == "}}":
            braces = max(0, braces - 1)
        elif tok == "[[":
            links += 1
        elif tok == "]]":
            links = max(0, links - 1)
        elif tok.endswith("{|"):
            tables += 1
        elif tok.endswith("|}"):
            tables = max(0, tables - 1)
        elif m.group(2):
            name = m.group(2).lower()
            if m.group(1):  # a closing tag closes the innermost open one of its name
                if name in open_tags:
                    del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
            elif m.group(3) or name in _VOID_TAGS or last_close.get(name, -1) < m.start():
                pass  # self-closing, void, or never closed (then it is text)
            elif _RAW_OPEN.match(name):
                close = re.compile(r"</%s\s*>" % re.escape(name), re.I).search(text, pos)
                if close is None:
                    break
                pos = close.end()
            else:
                open_tags.append(name)
        elif not (braces or links or tables or open_tags) and m.start() - cuts[-1] >= CHUNK_MIN:
            cuts.append(m.start())
    if len(cuts) > 1 and len(text) - cuts[-1] < CHUNK_MIN:
        cuts.pop()
    return cuts


_OPENERS = ("{{", "[[", "{|")
_TAG_LIKE = re.compile(r"</?[A-Za-z]|<!--")


class Part:
    """One part of a text cut by :func:`chunk_cuts`, parsed, with what the outline and the checks
    derived from it (``facts``, keyed by their maker); shared by every text that contains it.
    Read-only: its tree and facts are reused by later texts."""

    __slots__ = ("text", "code", "facts", "heading_first", "open", "restored")

    def __init__(self, text: str, source: str | None = None) -> None:
        """``source`` is what the parser reads, ``text`` with the braces of the whole text that
        nothing closes hidden (see :func:`parse`); None: the part is a whole text, parsed so."""
        self.text = text
        self.facts: dict = {}
        self.restored = True
        code = parse(text) if source is None else mwparserfromhell.parse(source, skip_style_tags=True)
        nodes = code.nodes
        self.heading_first = bool(nodes) and isinstance(nodes[0], Heading)
        # left open: a bracket, brace or tag that the parser kept as text and that nothing after
        # it in the part closes; in a longer text the next part might close it, or (inside a
        # template) make the template fail. (One that closes nothing is harmless when the part
        # before has nothing open.) Hidden braces are text that nothing closes anywhere.
        self.open = _left_open("\0".join(_texts(code, [])))
        if source is not None and HIDDEN_BRACE in source:
            _show_hidden_braces(code)
            self.restored = str(code) == text
        self.code = code


def _texts(code: Wikicode, found: list[str]) -> list[str]:
    """The values of every Text node in ``code``, at any depth (faster than ``ifilter_text``)."""
    for node in code.nodes:
        if type(node) is Text:
            found.append(node.value)
        else:
            for child in node.__children__():
                _texts(child, found)
    return found


def _left_open(loose: str) -> bool:
    # Any opener the parser kept as text: it declined to pair it inside the part, but in the
    # whole text it might pair with a closer further on (even a closer also kept as text here).
    return any(opener in loose for opener in _OPENERS) or bool(_TAG_LIKE.search(loose))


class PartCache:
    """Parts by their text and source, least recently used dropped first beyond ``max_chars``
    characters in total."""

    def __init__(self, max_chars: int = 2_000_000) -> None:  # trees take ~30 bytes a character
        from collections import OrderedDict

        self.max_chars = max_chars
        self._parts: OrderedDict[tuple[str, str | None], Part] = OrderedDict()
        self._chars = 0

    def get(self, text: str, source: str | None = None) -> Part:
        """The part of ``text`` as ``source`` parses (see :class:`Part`)."""
        key = (text, source)
        part = self._parts.get(key)
        if part is not None:
            self._parts.move_to_end(key)
            return part
        part = Part(text, source)
        self._parts[key] = part
        self._chars += len(text)
        while self._chars > self.max_chars and len(self._parts) > 1:
            (old, _), _ = self._parts.popitem(last=False)
            self._chars -= len(old)
        return part

    def clear(self) -> None:
        self._parts.clear()
        self._chars = 0


PARTS = PartCache()


def parse_parts(text: str, cache: PartCache | None = None) -> list[tuple[int, Part]]:
    """``text`` as (offset, part) pairs whose trees, in order, are the tree of the whole text;
    the parts come from ``cache`` (default: the process's), so an edit re-parses one part."""
    cache = cache if cache is not None else PARTS
    # the parts are read as the whole would be: with the braces nothing closes in the whole
    # text hidden, if parse() hides them, and never with braces hidden that it would not hide
    source = text if text.count("{{") <= text.count("}}") else hide_unclosed_braces(text)
    cuts = chunk_cuts(source)
    rounds = 0
    while True:
        if len(cuts) == 1:
            return [(0, cache.get(text))]
        bounds = [*cuts, len(text)]
        parts = []
        for a, b in zip(bounds, bounds[1:]):
            piece = text[a:b]
            parts.append((a, cache.get(piece, piece if source is text else source[a:b])))
        if not all(part.restored for _, part in parts):  # parse() reads such a text as written
            return [(0, cache.get(text))]
        # a cut stays if the part before it leaves nothing open and the part after it starts
        # with its heading (else the heading line is not one in the whole text either)
        keep = [0] + [c for i, c in enumerate(cuts) if i and parts[i][1].heading_first and not parts[i - 1][1].open]
        if len(keep) == len(cuts):
            return parts
        rounds += 1
        if rounds > 3:  # loose ends everywhere: the parts would cost more than the whole
            return [(0, cache.get(text))]
        cuts = keep


def parse_shared(text: str, cache: PartCache | None = None) -> Wikicode:
    """The tree of ``text``, equal to ``parse(text)``, built from cached parts: read it, never
    change it (its nodes are shared with the cache and with other texts' trees)."""
    parts = parse_parts(text, cache)
    if len(parts) == 1:
        return parts[0][1].code
    nodes = []
    for _, part in parts:
        nodes.extend(part.code.nodes)
    return Wikicode(nodes)
