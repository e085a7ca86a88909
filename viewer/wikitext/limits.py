"""How much text the core takes on at once, as MediaWiki has $wgMaxArticleSize (2 MiB).

Checking, outlining and converting parse the whole text; a text far beyond any real article
(a 50 MB line, say) would take minutes and gigabytes. Past this length the core stops with a
clear message instead: the checks report it as a finding, the outline covers the beginning,
conversion refuses rather than convert half. The preview has its own limits (RenderLimits).
"""

from __future__ import annotations

__all__ = ["MAX_TEXT_CHARS", "TextTooLong", "too_long_message", "check_length"]

# about 12 MB of Chinese in UTF-8: six times MediaWiki's own limit, four times the 1 MB benchmark
MAX_TEXT_CHARS = 4_000_000


class TextTooLong(ValueError):
    """A text over MAX_TEXT_CHARS; the message is for people."""


def too_long_message(length: int, limit: int = MAX_TEXT_CHARS) -> str:
    return (
        f"The text is {length:,} characters long, over WikiView's limit of {limit:,} "
        "(MediaWiki itself stops at 2 MiB): split it into smaller files."
    )


def check_length(text: str, limit: int = MAX_TEXT_CHARS) -> None:
    """Raise TextTooLong when ``text`` is over ``limit`` characters."""
    if len(text) > limit:
        raise TextTooLong(too_long_message(len(text), limit))
