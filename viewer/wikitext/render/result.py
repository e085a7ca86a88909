"""What the renderer takes and gives: plain frozen values, safe to pass between threads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class RenderLimits:
    """MediaWiki-like limits, so hostile or runaway input stops with a message, not a hang."""

    max_expansion_depth: int = 40  # MediaWiki's $wgMaxTemplateDepth
    max_expanded_size: int = 2_000_000  # characters of expanded wikitext ($wgMaxArticleSize-like)
    max_nodes: int = 1_000_000  # preprocessor nodes ($wgMaxPPNodeCount)
    time_limit_s: float = 20.0  # wall-clock budget for one render


@dataclass(frozen=True)
class RenderOptions:
    title: str = "Main Page"
    lang: str = "zh"
    variant: str | None = None
    pages: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    templates_dir: Path | None = None
    limits: RenderLimits = field(default_factory=RenderLimits)


@dataclass(frozen=True)
class RenderResult:
    """``html`` is the article body: one ``div.mw-parser-output`` with ``data-wv-src`` spans."""

    html: str
    display_title: str = ""
    categories: tuple[str, ...] = ()
    # categories and interlanguage links leave the body, as on Wikipedia
    language_links: tuple[str, ...] = ()
    missing_templates: tuple[str, ...] = ()
