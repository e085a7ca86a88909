"""Longest-match string replacement, as PHP's ``strtr($text, $pairs)`` (MediaWiki's
ReplacementArray): at each position the longest key wins, replaced text is not rescanned."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

__all__ = ["Replacements"]


class Replacements:
    """An immutable table of ``from -> to`` pairs (empty keys are ignored)."""

    __slots__ = ("_pairs", "_lengths", "_starts")

    def __init__(self, pairs: Mapping[str, str]) -> None:
        self._pairs = {k: v for k, v in pairs.items() if k}
        self._lengths = sorted({len(k) for k in self._pairs}, reverse=True)
        # candidates are found by their first character, then tried longest first: far
        # faster than a regex alternation of hundreds of words
        firsts = "".join(sorted({re.escape(k[0]) for k in self._pairs}))
        self._starts = re.compile(f"[{firsts}]") if firsts else None

    def __bool__(self) -> bool:
        return bool(self._pairs)

    def matches(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, replacement) of each match, left to right."""
        if self._starts is None:
            return
        pairs, lengths, search = self._pairs, self._lengths, self._starts.search
        pos = 0
        found = search(text, pos)
        while found is not None:
            start = found.start()
            for length in lengths:
                to = pairs.get(text[start : start + length])
                if to is not None:
                    yield start, start + length, to
                    pos = start + length
                    break
            else:
                pos = start + 1
            found = search(text, pos)

    def replace(self, text: str) -> str:
        out = []
        pos = 0
        for start, end, to in self.matches(text):
            out.append(text[pos:start])
            out.append(to)
            pos = end
        if not out:
            return text
        out.append(text[pos:])
        return "".join(out)
