"""Where WikiView's bundled resources live (``resources/`` beside the package)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLE_ARTICLE = RESOURCES / "samples" / "zh-nagorno-karabakh-war.wiki"


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. ``resource_path("preview", "wikiview.css")``."""
    return RESOURCES.joinpath(*parts)
