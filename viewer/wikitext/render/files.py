"""``[[File:...]]`` without a file store: a visible, sized placeholder in MediaWiki's layout
(``thumb`` frames with their caption), so the page keeps its shape."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from viewer.wikitext.preprocess.titles import Title, wiki_urlencode

if TYPE_CHECKING:
    from viewer.wikitext.render.html import Renderer

__all__ = ["render"]

_SIZE = re.compile(r"^\s*(\d*)(?:x(\d+))?\s*px\s*$")
_ALIGN = {"left", "right", "center", "none"}


def render(r: Renderer, title: Title, options: str, span) -> str:
    parts = _split(options)
    frame = None
    align = None
    width = None
    caption = ""
    for part in parts:
        word = part.strip()
        low = word.lower()
        if low in ("thumb", "thumbnail", "frame", "framed", "frameless"):
            frame = "thumb" if low.startswith("thumb") else low.replace("framed", "frame")
        elif low in _ALIGN:
            align = low
        elif _SIZE.match(low):
            m = _SIZE.match(low)
            width = int(m.group(1)) if m.group(1) else None
        elif low.startswith(("alt=", "link=", "upright", "border", "page=", "lang=", "class=", "baseline",
                             "middle", "sub", "super", "top", "text-top", "bottom", "text-bottom")):
            continue
        else:
            caption = part
    src = f' data-wv-src="{span[0]}-{span[1]}"' if span else ""
    name = title.full
    href = "/index.php?title=Special:Upload&amp;wpDestFile=" + html.escape(wiki_urlencode(title.text.replace(" ", "_")))
    link = f'<a href="{href}" class="new" title="{html.escape(name, quote=True)}"{src}>{html.escape(name)}</a>'
    if frame in ("thumb", "frame"):
        w = (width or 220) + 2
        side = align or "right"
        cap = r.inline(caption) if caption else ""
        return r.add_strip(
            "block",
            f'<div class="thumb t{side}"{src}><div class="thumbinner" style="width:{w}px;">{link}'
            f'<div class="thumbcaption">{cap}</div></div></div>', span)
    return r.add_strip("general", link, span)


def _split(options: str) -> list[str]:
    """Split on ``|`` outside nested ``[[...]]``."""
    parts, depth, cur = [], 0, []
    i = 0
    while i < len(options):
        if options.startswith("[[", i):
            depth += 1
            cur.append("[[")
            i += 2
            continue
        if options.startswith("]]", i) and depth:
            depth -= 1
            cur.append("]]")
            i += 2
            continue
        c = options[i]
        if c == "|" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    if cur or options:
        parts.append("".join(cur))
    return parts
