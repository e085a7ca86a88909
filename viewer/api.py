"""The small public Python API of the core: render, check, outline, convert.

Used by scripts, the tests and the scoring tools (``parsertests.py --module viewer.api:render``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from viewer.wikitext.diagnostics import Diagnostic
from viewer.wikitext.outline import Outline, build_outline
from viewer.wikitext.render.result import RenderOptions

if TYPE_CHECKING:
    from viewer.wikitext.checks import CheckConfig

__all__ = ["render", "check", "outline", "convert"]


def render(
    text: str,
    *,
    title: str = "Main Page",
    lang: str = "zh",
    variant: str | None = None,
    pages: Mapping[str, str] | None = None,
    templates_dir: str | Path | None = None,
) -> str:
    """The article body as an HTML fragment (one ``div.mw-parser-output``)."""
    from viewer.wikitext.render.html import render_page

    options = RenderOptions(
        title=title,
        lang=lang,
        variant=variant or None,
        pages=MappingProxyType(dict(pages or {})),
        templates_dir=Path(templates_dir) if templates_dir else None,
    )
    return render_page(text, options).html


def check(text: str, *, title: str = "Main Page", lang: str = "zh", config: CheckConfig | None = None) -> list[Diagnostic]:
    """Every diagnostic for ``text``, sorted by position (profile ``zh`` unless ``lang`` is en).

    ``config`` switches rules on or off and changes severities (unknown rule codes raise)."""
    from viewer.wikitext.checks import run_checks

    return run_checks(text, profile="en" if lang == "en" else "zh", config=config)


def outline(text: str) -> Outline:
    """Sections and infobox fields, each with its span."""
    return build_outline(text)


def convert(text: str, variant: str) -> str:
    """The wikitext converted to a zh variant, markup (templates, links, URLs, ref names) untouched."""
    from viewer.wikitext.variants import convert_wikitext

    return convert_wikitext(text, variant)
