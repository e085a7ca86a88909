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
    for node in code.filter(recursive=True):
        if isinstance(node, Text) and HIDDEN_BRACE in node.value:
            node.value = node.value.replace(HIDDEN_BRACE, "{")
        elif isinstance(node, Comment) and HIDDEN_BRACE in node.contents:
            node.contents = node.contents.replace(HIDDEN_BRACE, "{")
    if str(code) != text:  # a hidden brace landed where no text node holds it: parse as written
        return mwparserfromhell.parse(text, skip_style_tags=True)
    return code


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
