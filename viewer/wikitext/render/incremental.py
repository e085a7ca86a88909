"""Incremental rendering: re-render only the parts of a text that changed since the last call.

``IncrementalRenderer().render(text, options)`` returns exactly what
:func:`viewer.wikitext.render.html.render_page` returns for the same arguments.
"""

from __future__ import annotations

from viewer.wikitext.render.html import render_page
from viewer.wikitext.render.result import RenderOptions, RenderResult

__all__ = ["IncrementalRenderer"]


class IncrementalRenderer:
    """A long-lived renderer for one document being edited (one per editor tab or worker)."""

    def __init__(self) -> None:
        self.last_stats: dict[str, int] = {}

    def render(self, text: str, options: RenderOptions) -> RenderResult:
        # first version: the whole page, every time (the API is the one that stays)
        self.last_stats = {"chunks": 1, "rendered": 1}
        return render_page(text, options)
