"""Matching wikitext pairs around the cursor: ``{{ }}``, ``[[ ]]``, ``<ref>…</ref>``, ``<!-- -->``.

Plain Python on a window of text (the editor passes the text around the cursor, so the cost does
not grow with the document). Offsets are indices into the string it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Pair", "match_at"]

_TOKEN = re.compile(r"\{\{|\}\}|\[\[|\]\]|<ref\b[^<>]*?(?<!/)>|</ref\s*>|<!--|-->", re.I)
# opening token kind -> closing kind
_OPEN = {"{{": "}}", "[[": "]]", "<ref": "</ref", "<!--": "-->"}
_CLOSE = {v: k for k, v in _OPEN.items()}


def _kind(token: str) -> str:
    lowered = token.lower()
    if lowered.startswith("</ref"):
        return "</ref"
    if lowered.startswith("<ref"):
        return "<ref"
    return token


@dataclass(frozen=True)
class Pair:
    open_start: int
    open_end: int
    close_start: int
    close_end: int


def _token_at(text: str, pos: int) -> re.Match | None:
    """The token that starts at ``pos``, or else the one that ends at or contains it."""
    best = None
    for match in _TOKEN.finditer(text, max(0, pos - 300), min(len(text), pos + 300)):
        if match.start() == pos:
            return match
        if match.start() < pos <= match.end():
            best = match
        if match.start() > pos:
            break
    return best


def match_at(text: str, pos: int) -> Pair | None:
    """The pair whose opening or closing token is at ``pos``; None if there is none or it is unmatched."""
    token = _token_at(text, pos)
    if token is None:
        return None
    kind = _kind(token.group(0))
    if kind in _OPEN:
        closing = _OPEN[kind]
        if kind == "<!--":
            end = text.find("-->", token.end())
            return Pair(token.start(), token.end(), end, end + 3) if end >= 0 else None
        depth = 0
        for match in _TOKEN.finditer(text, token.end()):
            k = _kind(match.group(0))
            if k == kind:
                depth += 1
            elif k == closing:
                if depth == 0:
                    return Pair(token.start(), token.end(), match.start(), match.end())
                depth -= 1
        return None
    opening = _CLOSE[kind]
    if kind == "-->":
        start = text.rfind("<!--", 0, token.start())
        return Pair(start, start + 4, token.start(), token.end()) if start >= 0 else None
    depth = 0
    for match in reversed(list(_TOKEN.finditer(text, 0, token.start()))):
        k = _kind(match.group(0))
        if k == kind:
            depth += 1
        elif k == opening:
            if depth == 0:
                return Pair(match.start(), match.end(), token.start(), token.end())
            depth -= 1
    return None
