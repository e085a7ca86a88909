"""One analysis of one text version: everything the window shows, as frozen values.

The GUI's worker calls :func:`analyze` with an immutable snapshot ``(revision, text)``; the
GUI applies the result only if ``revision`` is still the editor's current one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from viewer.wikitext.diagnostics import Diagnostic
from viewer.wikitext.limits import MAX_TEXT_CHARS
from viewer.wikitext.outline import Outline, build_outline
from viewer.wikitext.parse import parse_parts
from viewer.wikitext.render.result import RenderOptions, RenderResult

if TYPE_CHECKING:
    from viewer.wikitext.checks import CheckConfig

__all__ = ["Analysis", "analyze", "inspect"]


@dataclass(frozen=True)
class Analysis:
    revision: int
    text: str
    outline: Outline
    diagnostics: tuple[Diagnostic, ...]
    render: RenderResult


def analyze(
    text: str,
    revision: int = 0,
    options: RenderOptions | None = None,
    profile: str = "zh",
    check_config: CheckConfig | None = None,
) -> Analysis:
    from viewer.wikitext.render.html import render_page

    options = options or RenderOptions()
    outline, diagnostics = inspect(text, profile, check_config)
    return Analysis(revision, text, outline, diagnostics, render_page(text, options))


def inspect(
    text: str, profile: str = "zh", check_config: CheckConfig | None = None
) -> tuple[Outline, tuple[Diagnostic, ...]]:
    """The panels' part of an analysis: the outline and the diagnostics of ``text``.

    The GUI's worker calls it after the render, so that the preview comes first. The text is
    parsed part by part through the process's part cache (:data:`viewer.wikitext.parse.PARTS`),
    and the outline and the per-part checks are kept on the parts: after an edit, only the
    edited part is parsed and checked again (and the rules that compare across the text run)."""
    from viewer.wikitext.checks import run_checks

    if len(text) > MAX_TEXT_CHARS:  # the outline of its beginning, one finding saying so
        return build_outline(text), tuple(run_checks(text, profile=profile, config=check_config))
    parts = parse_parts(text)
    outline = build_outline(text, parts=parts)
    return outline, tuple(run_checks(text, profile=profile, config=check_config, parts=parts))
