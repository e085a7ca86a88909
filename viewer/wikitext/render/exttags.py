"""Extension tags: ``<ref>``, ``<references>``, ``<nowiki>``, ``<pre>`` and the common ones a
preview meets (``<syntaxhighlight>``, ``<math>``, ``<poem>``, ``<gallery>``...). Each returns a
strip marker holding its HTML, as MediaWiki's tag hooks do."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from viewer.wikitext.render import sanitize

if TYPE_CHECKING:
    from viewer.wikitext.preprocess import Frame
    from viewer.wikitext.render.html import Renderer

__all__ = ["render", "escape_nowiki"]


def _src(span) -> str:
    return f' data-wv-src="{span[0]}-{span[1]}"' if span else ""


def escape_nowiki(content: str) -> str:
    """``<nowiki>`` text: markup shown as written, entities kept, ``-{ }-`` defused."""
    content = content.replace("-{", "-&#123;").replace("}-", "&#125;-")
    content = re.sub(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)", "&amp;", content)
    return content.replace("<", "&lt;").replace(">", "&gt;")


def render(r: Renderer, name: str, attrs: str, content: str | None, span, frame: Frame) -> str:
    func = _TAGS.get(name, _generic)
    return func(r, name, attrs, content, span, frame)


def _nowiki(r, name, attrs, content, span, frame):
    return r.add_strip("nowiki", escape_nowiki(content or ""), span)


def _pre(r, name, attrs, content, span, frame):
    text = content or ""
    text = re.sub(r"<nowiki>(.*?)</nowiki>", r"\1", text, flags=re.S | re.I)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    a = sanitize.sanitize_attributes("pre", attrs)
    return r.add_strip("pre", f"<pre{a}{_src(span)}>{text}</pre>", span)


def _ref(r, name, attrs, content, span, frame):
    # a bare word (name=Foo Bar) comes out as a key of its own, which Cite refuses
    out = r.cite.ref(content, sanitize.decode_attributes(attrs), span)
    return r.add_strip("general", out, span) if out else ""


def _references(r, name, attrs, content, span, frame):
    decoded = sanitize.decode_attributes(attrs)
    unknown = [k for k in decoded if k not in ("group", "responsive")]
    if unknown:
        return r.add_strip("general", r.cite.error("cite_error_references_invalid_parameters"), span)
    group = " ".join(decoded.get("group", "").split())
    responsive = None
    if "responsive" in decoded:
        responsive = decoded["responsive"].strip() != "0"
    if content and re.search(r"<references\b", content, re.I):
        return r.add_strip("general", r.cite.error("cite_error_included_references"), span)
    if content and content.strip():
        previous = r.cite.in_references
        r.cite.in_references = group
        try:
            r.expander.expand(content, frame)
        finally:
            r.cite.in_references = previous
    html_out = r.cite.references(group, responsive, _src(span))
    return r.add_strip("references", html_out, span) if html_out else ""


def _syntaxhighlight(r, name, attrs, content, span, frame):
    decoded = sanitize.decode_attributes(attrs)
    text = html.escape((content or "").strip("\n"), quote=False)
    if "inline" in decoded:
        return r.add_strip("general", f'<code class="mw-highlight"{_src(span)}>{text}</code>', span)
    return r.add_strip("pre", f'<div class="mw-highlight"{_src(span)}><pre>{text}</pre></div>', span)


def _math(r, name, attrs, content, span, frame):
    text = html.escape(content or "", quote=False)
    return r.add_strip("general", f'<span class="wv-math"{_src(span)}><code>{text}</code></span>', span)


def _poem(r, name, attrs, content, span, frame):
    text = (content or "").strip("\n")
    text = re.sub(r"^( +)", lambda m: "&#160;" * len(m.group(1)), text, flags=re.M)
    text = text.replace("\n", "<br />\n")
    inner = r.inline(text)
    return r.add_strip("block", f'<div class="poem"{_src(span)}>\n<p>{inner}\n</p>\n</div>', span)


def _gallery(r, name, attrs, content, span, frame):
    items = []
    for line in (content or "").split("\n"):
        line = line.strip()
        if not line:
            continue
        file, _, caption = line.partition("|")
        caption_html = r.inline(caption) if caption else ""
        items.append(f'<li class="gallerybox"><div class="thumb wv-file">{html.escape(file)}</div>'
                     f'<div class="gallerytext">{caption_html}</div></li>')
    body = "".join(items)
    return r.add_strip("block", f'<ul class="gallery mw-gallery-traditional"{_src(span)}>{body}</ul>', span)


def _nothing(r, name, attrs, content, span, frame):
    return ""


def _generic(r, name, attrs, content, span, frame):
    text = html.escape(content or "", quote=False)
    return r.add_strip("general", f'<span class="wv-ext-{name}"{_src(span)}>{text}</span>', span)


_TAGS = {
    "nowiki": _nowiki,
    "pre": _pre,
    "ref": _ref,
    "references": _references,
    "syntaxhighlight": _syntaxhighlight,
    "source": _syntaxhighlight,
    "math": _math,
    "chem": _math,
    "ce": _math,
    "poem": _poem,
    "gallery": _gallery,
    "templatestyles": _nothing,
    "indicator": _nothing,
    "section": _nothing,
    "templatedata": _nothing,
    "categorytree": _nothing,
}
