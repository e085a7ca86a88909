"""A standalone preview page around a rendered body: CSS inlined, a strict Content Security Policy.

The policy lets no article content run script or load anything: only the one script WikiView
passes in (with a fresh nonce) runs, styles are inline, images only ``data:``.
"""

from __future__ import annotations

import html
import secrets

from viewer.resources import resource_path
from viewer.wikitext.render.result import RenderResult

__all__ = ["preview_css", "standalone_page", "content_security_policy"]

_CSS_CACHE: str | None = None


def preview_css() -> str:
    """All of ``resources/preview/*.css``, in name order (base first, then the rest)."""
    global _CSS_CACHE
    if _CSS_CACHE is None:
        folder = resource_path("preview")
        files = sorted(folder.glob("*.css"), key=lambda p: (p.name != "base.css", p.name))
        _CSS_CACHE = "\n".join(p.read_text(encoding="utf-8") for p in files)
    return _CSS_CACHE


def content_security_policy(nonce: str | None) -> str:
    script = f"'nonce-{nonce}'" if nonce else "'none'"
    return (
        "default-src 'none'; "
        f"script-src {script}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; font-src data:; "
        "connect-src 'none'; frame-src 'none'; object-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def standalone_page(
    result: RenderResult,
    *,
    lang: str = "zh",
    script: str | None = None,
    extra_css: str = "",
) -> str:
    """A whole HTML document: the body, the category bar, CSS, and ``script`` if given."""
    nonce = secrets.token_urlsafe(16) if script else None
    title = html.escape(result.display_title or "")
    categories = ""
    if result.categories:
        links = "".join(
            f'<li><a href="./Category:{html.escape(c, quote=True)}" title="Category:{html.escape(c, quote=True)}">'
            f"{html.escape(c)}</a></li>"
            for c in result.categories
        )
        label = "分类" if lang.startswith("zh") else "Categories"
        categories = f'<div id="catlinks" class="catlinks"><div id="mw-normal-catlinks" class="mw-normal-catlinks">{label}：<ul>{links}</ul></div></div>'
    heading = f'<h1 id="firstHeading" class="firstHeading mw-first-heading">{title}</h1>' if title else ""
    script_tag = f'<script nonce="{nonce}">{script}</script>' if script else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang, quote=True)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(nonce)}">'
        f"<title>{title}</title><style>{preview_css()}\n{extra_css}</style></head>"
        f'<body class="mediawiki skin-vector"><div id="content" class="mw-body">{heading}'
        f'<div id="bodyContent" class="mw-body-content">{result.html}{categories}</div></div>'
        f"{script_tag}</body></html>\n"
    )
