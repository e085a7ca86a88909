"""Size guards shared by the renderer, the checks, the outline and the converter.

Some input is too big to analyse in bounded time and memory (a 50 MB line takes mwparserfromhell
past 2.5 GB). As MediaWiki refuses an article over $wgMaxArticleSize, each entry point asks
:func:`size_message` first and, over the limit, answers with that message instead of working:
the preview shows it in the page, the checks give one diagnostic, the outline is empty.
"""

from __future__ import annotations

__all__ = ["MAX_PREVIEW_CHARS", "MAX_ANALYSIS_CHARS", "size_message"]

MAX_PREVIEW_CHARS = 2048 * 1024  # MediaWiki's $wgMaxArticleSize (2048 KiB), counted in characters
MAX_ANALYSIS_CHARS = 10 * 1024 * 1024  # outline, checks, conversion: linear work, but not unbounded


def size_message(text: str, limit: int, what: str = "preview") -> str | None:
    """None if ``text`` is within ``limit`` characters; otherwise a sentence for people."""
    if len(text) <= limit:
        return None
    return (
        f"This text is too large to {what}: {len(text):,} characters, over the limit of {limit:,} "
        "(MediaWiki itself refuses articles over 2 MB)."
    )
