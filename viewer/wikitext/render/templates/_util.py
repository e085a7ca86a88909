"""Helpers the template renderers share: escaping, safe external links, data files, language names.

A private module (the registry skips names starting with ``_``), so it registers nothing.
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from urllib.parse import quote

from viewer.wikitext.render.sanitize import clean_url

__all__ = ["esc", "safe_url", "ext_link", "data", "language_name", "wikilink", "wikipedia_url", "cell"]

_HERE = Path(__file__).resolve().parent


def esc(text: str) -> str:
    """Text escaped for an element's content or an attribute value."""
    return html.escape(str(text), quote=True)


def safe_url(url: str) -> str | None:
    """``url`` ready for an ``href`` (escaped), or None if its scheme is not an external
    link's (http, https, ftp... or protocol-relative), as MediaWiki refuses ``javascript:``."""
    url = str(url).strip()
    if not url:
        return None
    cleaned = clean_url(url)
    return None if cleaned is None else esc(cleaned)


def ext_link(url: str, label_html: str, css: str = "external text") -> str:
    """An external link as MediaWiki writes one; just the label when the URL is unsafe."""
    href = safe_url(url)
    if href is None:
        return label_html
    return f'<a rel="nofollow" class="{css}" href="{href}">{label_html}</a>'


@cache
def data(name: str) -> dict:
    """A JSON data file beside this module (read once)."""
    return json.loads((_HERE / name).read_text(encoding="utf-8"))


def language_name(code: str, ui_lang: str) -> str | None:
    """The name of language ``code`` (ISO 639, any case) in the article's language:
    Chinese names (英语) in zh articles, English names elsewhere; None if unknown."""
    entry = data("languages.json").get(str(code).strip().lower())
    if entry is None:
        return None
    return entry["zh"] if ui_lang.startswith("zh") else entry["en"]


def wikilink(target: str, label: str | None = None) -> str:
    """Wikitext of an internal link (to be rendered by ``ctx.inline``)."""
    target = str(target).strip()
    return f"[[{target}]]" if label is None or label == target else f"[[{target}|{label}]]"


def wikipedia_url(lang: str, title: str) -> str:
    """The address of ``title`` on the ``lang`` Wikipedia (for interlanguage links)."""
    page = quote("_".join(str(title).split()), safe="/:()',!*-._~")
    return f"https://{quote(str(lang).strip().lower(), safe='-')}.wikipedia.org/wiki/{page}"


def cell(ctx, value: str) -> str:
    """A table cell's value: inline when it is one line (MediaWiki adds no paragraph inside a
    cell then), block when it has several (lists, paragraphs)."""
    return ctx.block(value) if "\n" in str(value).strip() else ctx.inline(value)
