"""Heading anchors as MediaWiki 1.39 makes them (html5 fragment mode), duplicates numbered."""

from __future__ import annotations

import html
import re

import mwparserfromhell

__all__ = ["SectionAnchors", "heading_text", "anchor_for"]

_TAG = re.compile(r"<[^>]*>")
_QUOTES = re.compile(r"'{2,}")


def heading_text(wikitext: str) -> str:
    """The plain text a reader sees in a heading: links reduced to labels, markup removed."""
    code = mwparserfromhell.parse(wikitext, skip_style_tags=True)
    text = code.strip_code(normalize=True, collapse=True, keep_template_params=False)
    text = _QUOTES.sub("", _TAG.sub("", text))
    return " ".join(html.unescape(text).split())


def anchor_for(text: str) -> str:
    """The id MediaWiki 1.39 gives a heading whose plain text is ``text`` ($wgFragmentMode
    html5): entities decoded, ASCII blanks trimmed, runs of spaces and underscores one
    ``_``, a no-break space counted as a space inside, nothing else escaped."""
    text = re.sub(r"[ _]+", " ", html.unescape(text)).strip(" \t\n\r")
    text = text.replace("\xa0", " ")
    return "_".join(re.sub(r"\s+", " ", text).rstrip().split(" "))[:1024]


_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ascii_lower(text: str) -> str:
    return text.translate(_UPPER)


class SectionAnchors:
    """Hands out the ids of a page's headings in order; a repeated id gets ``_2``, ``_3``...

    MediaWiki compares ids with PHP's strtolower when it numbers duplicates: ASCII letters
    only, so "Тест" and "тест" are two ids.
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._next: dict[str, int] = {}  # where to resume counting for a repeated id

    def add(self, heading_wikitext: str) -> str:
        return self.add_anchor(anchor_for(heading_text(heading_wikitext)))

    def add_anchor(self, anchor: str) -> str:
        """``anchor`` made unique on the page."""
        key = _ascii_lower(anchor)
        if key in self._seen:
            i = self._next.get(key, 2)
            while f"{key}_{i}" in self._seen:
                i += 1
            self._next[key] = i + 1
            anchor = f"{anchor}_{i}"
            key = _ascii_lower(anchor)
        self._seen.add(key)
        return anchor
