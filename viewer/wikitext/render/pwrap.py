"""Paragraphs for loose inline content, as MediaWiki 1.39's Remex tidy pass adds them.

Text and inline elements standing directly in the body or in a ``<blockquote>`` (typically
beside a block tag on the same line, which the paragraph pass leaves alone) are wrapped in
``<p>``; an inline element that holds a block element is left as it is. The ``<p>`` takes
the ``data-wv-src`` of the first element inside it that has one.
"""

from __future__ import annotations

import re
from itertools import compress, count
from operator import itemgetter

__all__ = ["p_wrap"]

# (raw, slash, name) tuples straight from findall: building them in Python cost 5 % of a render
_TOKEN = re.compile(r"(<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|[^<]+|<)", re.S)  # [^>]*: no lazy steps
_BLOCK = frozenset(
    "address article aside blockquote center details dialog dd div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table ul caption "
    "tbody thead tfoot tr td th colgroup col style link meta script".split()
)
_RAW, _NAME = itemgetter(0), itemgetter(2)  # of a token
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_CONTAINERS = frozenset(("blockquote",))
_SRC = re.compile(r'data-wv-src="[^"]*"')
# a line's span, left by the paragraph pass where text stands beside a block tag
_LINE_MARK = re.compile("\ue016(\\d+)\ue017")


def _blank(raw: str) -> bool:
    return not _LINE_MARK.sub("", raw).strip(" \t\n\r\f")


def p_wrap(html: str) -> str:
    tokens = _TOKEN.findall(html)
    if any(name and not name.islower() for name in set(map(_NAME, tokens))):  # compared in lower case
        tokens = [(raw, slash, name.lower()) for raw, slash, name in tokens]
    n = len(tokens)
    # for each start tag: the index of its end tag and whether a block element is inside
    end_of = [-1] * n
    has_block = [False] * n
    stack: list[int] = []
    names: list[str] = []  # the stack's tag names
    for i in compress(count(), map(_NAME, tokens)):  # the tags only
        raw, slash, name = tokens[i]
        if slash:
            if names and names[-1] == name:  # most end tags close the innermost element
                end_of[stack.pop()] = i
                names.pop()
                continue
            for k in range(len(stack) - 2, -1, -1):
                if names[k] == name:
                    for j in stack[k:]:
                        end_of[j] = i
                    del stack[k:], names[k:]
                    break
            continue
        if name in _BLOCK:
            for j in reversed(stack):  # ancestors of a marked element are marked already
                if has_block[j]:
                    break
                has_block[j] = True
        if name not in _VOID and not raw.endswith("/>"):
            stack.append(i)
            names.append(name)
    for j in stack:
        end_of[j] = n - 1
    out: list[str] = []
    _wrap_children(tokens, 0, n, end_of, has_block, out)
    return "".join(out)


def _nearest_src(tokens, i: int):
    """The span of the closest element before (or else after) token ``i``."""
    for k in range(i - 1, -1, -1):
        found = _SRC.search(tokens[k][0]) if tokens[k][2] else None
        if found:
            return found
    for k in range(i + 1, len(tokens)):
        found = _SRC.search(tokens[k][0]) if tokens[k][2] else None
        if found:
            return found
    return None


def _is_inline_start(tokens, i, has_block) -> bool:
    raw, slash, name = tokens[i]
    if not name:
        if raw.startswith("<!--"):
            return False
        return not _blank(raw)
    if slash:
        return False
    return name not in _BLOCK and not has_block[i]


def _wrap_children(tokens, start, stop, end_of, has_block, out) -> None:
    """Copy tokens[start:stop] (children of a p-wrapping container) wrapping inline runs."""
    i = start
    mark = None
    while i < stop:
        if not tokens[i][2] and "\ue016" in tokens[i][0]:
            found = _LINE_MARK.findall(tokens[i][0])
            mark = found[-1] if found else mark
        if _is_inline_start(tokens, i, has_block):
            # a run of inline content: inline elements (whole) and text, up to a block
            j = i
            last_content = i
            while j < stop:
                raw, slash, name = tokens[j]
                if name and not slash and (name in _BLOCK or has_block[j]):
                    break
                if name and slash:
                    if name in _BLOCK:
                        break
                    j += 1
                    continue
                if name and not slash and name not in _VOID and not raw.endswith("/>") and end_of[j] > j:
                    j = min(end_of[j], stop - 1) + 1
                    last_content = j - 1
                    continue
                if name or not _blank(raw):
                    last_content = j
                j += 1
            run = "".join(map(_RAW, tokens[i:last_content + 1]))
            if mark is not None:
                attr = f' data-wv-src="\x03{mark}\x03"'  # the line it stands on
            else:
                src = _SRC.search(run) or _nearest_src(tokens, i)
                attr = f" {src.group(0)}" if src else ""
            out.append(f"<p{attr}>" + run + "</p>")
            i = last_content + 1
            continue
        i = _copy_element(tokens, i, stop, end_of, has_block, out)


def _copy_element(tokens, i, stop, end_of, has_block, out) -> int:
    """Copy token ``i`` (and, for an element, its content, wrapping inside any blockquote);
    returns the index after it."""
    raw, slash, name = tokens[i]
    out.append(raw)
    if not name or slash or name in _VOID or end_of[i] <= i:
        return i + 1
    end = min(end_of[i], stop)
    if name in _CONTAINERS:
        _wrap_children(tokens, i + 1, end, end_of, has_block, out)
        if end < len(tokens):
            out.append(tokens[end][0])
        return end + 1
    if not has_block[i]:  # nothing block-level inside: no blockquote either
        out.extend(map(_RAW, tokens[i + 1:end + 1]))
        return end + 1
    j = i + 1
    while j < end:
        j = _copy_element(tokens, j, end, end_of, has_block, out)
    if end < len(tokens) and j <= end:
        out.append(tokens[end][0])
    return end + 1
