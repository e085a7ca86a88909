"""HTML tags written in wikitext: allowed ones are kept (attributes sanitised), others escaped,
as MediaWiki's Sanitizer::removeHTMLtags. Block-level tags get ``data-wv-src``."""

from __future__ import annotations

import re
from collections.abc import Callable

from viewer.wikitext.render import sanitize
from viewer.wikitext.render.spans import PendingSpans

__all__ = ["remove_html_tags", "BLOCK_TAGS"]

BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 ul ol li dl dd dt table caption tr td th thead tbody tfoot pre blockquote div "
    "center hr figure figcaption section aside nav header footer address article details summary".split()
)
_VOID = frozenset("br wbr hr meta link img".split())
_TAG = re.compile(r"^(/?)([A-Za-z][^\s/>\x00]*)([^>]*?)(/?>)([^<]*)$", re.S)


def _valid_tag(name: str, params: str) -> bool:
    check = getattr(sanitize, "is_valid_tag", None)  # <meta>/<link> only as microdata
    return check(name, params) if check is not None else True


def remove_html_tags(text: str, spans: PendingSpans, span_of: Callable[[int, int], tuple[int, int]],
                     attributes: Callable[[str, str], str] = sanitize.sanitize_attributes,
                     is_linear: Callable[[int, int], bool] | None = None) -> str:
    """``span_of(start, end)`` maps a range of ``text`` to its source span; ``attributes``
    sanitises a tag's attribute text; ``is_linear(start, end)`` tells text written in the
    page from a template's output (whose inline tags get the call's span too)."""
    if "<" not in text:
        return text.replace(">", "&gt;")
    bits = text.split("<")
    out = [bits[0].replace(">", "&gt;")]
    pos = len(bits[0])
    open_stack: list[tuple[str, int]] = []
    for chunk in bits[1:]:
        start = pos
        pos += 1 + len(chunk)
        m = _TAG.match(chunk)
        if not m:
            out.append("&lt;" + chunk.replace(">", "&gt;"))
            continue
        slash, name, params, brace, rest = m.groups()
        t = name.lower()
        if not sanitize.is_allowed_tag(t) or not _valid_tag(t, params):
            out.append("&lt;" + chunk.replace(">", "&gt;"))
            continue
        rest = rest.replace(">", "&gt;")
        tag_end = start + 1 + len(chunk) - len(m.group(5))
        if slash:
            if t in _VOID:
                if t == "br":
                    out.append("<br />" + rest)
                else:
                    out.append("&lt;" + chunk.replace(">", "&gt;"))
                continue
            for k in range(len(open_stack) - 1, -1, -1):
                if open_stack[k][0] == t:
                    spans.close(open_stack[k][1], span_of(start, tag_end)[1])
                    del open_stack[k:]
                    break
            out.append(f"</{t}>" + rest)
            continue
        attrs = attributes(t, params)
        src = ""
        if t in BLOCK_TAGS:
            s, e = span_of(start, tag_end)
            src = spans.attr(s, e)
            if t not in _VOID and brace != "/>":
                open_stack.append((t, spans.last_id()))
        elif is_linear is not None and not is_linear(start, tag_end):
            s, e = span_of(start, tag_end)  # an inline tag from a template: the call's span
            src = f' data-wv-src="{s}-{e}"'
        if t in _VOID:
            out.append(f"<{t}{attrs}{src} />" + rest)
        elif brace == "/>":
            # <div/> opens a div (the HTML parser ignores the slash); Remex does the same
            out.append(f"<{t}{attrs}{src}>" + rest)
            if t in BLOCK_TAGS and not t in _VOID:
                open_stack.append((t, spans.last_id()))
        else:
            out.append(f"<{t}{attrs}{src}>" + rest)
    return "".join(out)
