"""What changed between two rendered bodies, as a patch the preview applies in place.

Plain Python (no Qt): it runs in the render worker. The body is ``div.mw-parser-output`` and its
top-level elements are the blocks (paragraphs, headings, tables...). After an edit, the blocks
before it are unchanged and the blocks after it are unchanged except that their ``data-wv-src``
offsets moved by the same amount, so a patch is: replace the changed middle, shift the rest.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

__all__ = ["Body", "Patch", "split_body", "diff_bodies"]

# a start or end tag, attribute values quoted or not (a ">" inside quotes does not end it)
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(/?)>"
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SRC = re.compile(r' data-wv-src="(\d+)-(\d+)"')
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_RAW = frozenset(("script", "style", "textarea", "title"))


@dataclass(frozen=True)
class Block:
    html: str
    key: int  # a digest of the html without its data-wv-src offsets (the text itself is not kept:
    # the result crosses a process boundary, and a 1 MB article renders to 2-3 MB of HTML)
    spans: tuple[int, ...]  # the offsets, in order, flattened


@dataclass(frozen=True)
class Body:
    """A body split into blocks; ``blocks`` is None when it cannot be split (then pages are replaced whole)."""

    open_tag: str
    blocks: tuple[Block, ...] | None
    raw: str = ""  # the whole body, kept only when it could not be split

    @property
    def html(self) -> str:
        if self.blocks is None:
            return self.raw
        return self.open_tag + "\n".join(b.html for b in self.blocks) + "</div>"


@dataclass(frozen=True)
class Patch:
    """Replace ``remove`` blocks from index ``start`` by ``html``; add ``shift`` to the offsets of the
    ``tail`` blocks after them, then give the blocks in ``respans`` (index in the new body, all
    their offsets in document order) their exact offsets. ``start=0, remove=-1`` means: replace
    the whole body.

    A block whose HTML is unchanged but whose offsets moved unevenly (the reference list, whose
    backlinks point before and after the edit; a paragraph before the edit reusing a named ref
    defined after it) is re-spanned, not re-sent."""

    start: int
    remove: int
    html: str
    shift: int
    tail: int
    respans: tuple[tuple[int, tuple[int, ...]], ...] = ()

    def to_json(self) -> dict:
        return {
            "start": self.start, "remove": self.remove, "html": self.html, "shift": self.shift, "tail": self.tail,
            "respans": [[index, list(spans)] for index, spans in self.respans],
        }


def _block(html: str) -> Block:
    spans = tuple(int(v) for pair in _SRC.findall(html) for v in pair)
    return Block(html, _digest(_SRC.sub("", html)), spans)


def _digest(text: str) -> int:
    # stable across processes (a restarted worker still matches the blocks already shown)
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def split_body(html: str) -> Body:
    """Split ``div.mw-parser-output``'s children into blocks (element by element)."""
    first = _TAG.match(html, 0) if html.startswith("<div") else None
    stripped = html.rstrip()
    if first is None or not stripped.endswith("</div>") or "<!--" in html:
        return Body("", None, html)
    open_tag = first.group(0)
    inner_start, inner_end = first.end(), len(stripped) - len("</div>")
    blocks: list[Block] = []
    depth = 0
    block_start = None
    pos = inner_start
    raw_until = None
    for match in _TAG.finditer(html, inner_start, inner_end):
        closing, name = match.group(1), match.group(2).lower()
        if raw_until is not None:
            if closing and name == raw_until:
                raw_until = None
            else:
                continue
        if depth == 0:
            if html[pos : match.start()].strip():  # loose text at the top: not splittable
                return Body(open_tag, None, html)
            if closing:
                return Body(open_tag, None, html)
            block_start = match.start()
        if closing:
            depth -= 1
        elif name in _VOID or match.group(4):
            pass
        else:
            depth += 1
            if name in _RAW:
                raw_until = name
        if depth < 0:
            return Body(open_tag, None, html)
        if depth == 0 and raw_until is None:
            blocks.append(_block(html[block_start : match.end()]))
            pos = match.end()
    if depth != 0 or html[pos:inner_end].strip():
        return Body(open_tag, None, html)
    return Body(open_tag, tuple(blocks))


def diff_bodies(old: Body | None, new: Body, shift: int) -> Patch | None:
    """The patch turning ``old`` into ``new``; ``shift`` is how far the text after the edit moved
    (new length - old length). None when nothing changed."""
    if old is None or old.blocks is None or new.blocks is None or old.open_tag != new.open_tag:
        if old is not None and old.html == new.html:
            return None
        return Patch(0, -1, new.html, 0, 0)
    a, b = old.blocks, new.blocks
    n = min(len(a), len(b))
    prefix = 0
    head = []  # blocks before the edit whose offsets point past it (a named ref defined later)
    while prefix < n and a[prefix].key == b[prefix].key and len(a[prefix].spans) == len(b[prefix].spans):
        if a[prefix].spans != b[prefix].spans:
            if shift and all(q - p == shift for p, q in zip(a[prefix].spans, b[prefix].spans)):
                break  # moved as a whole: the edit is before it, it belongs to the tail
            head.append((prefix, b[prefix].spans))
        prefix += 1
    suffix = 0
    respans = []
    while suffix < n - prefix:
        index = len(b) - 1 - suffix
        x, y = a[len(a) - 1 - suffix], b[index]
        if x.key != y.key or len(x.spans) != len(y.spans):
            break
        if any(q - p != shift for p, q in zip(x.spans, y.spans)):
            respans.append((index, y.spans))
        suffix += 1
    if prefix == len(a) == len(b) and not head:
        return None
    middle = b[prefix : len(b) - suffix]
    return Patch(prefix, len(a) - prefix - suffix, "".join(blk.html for blk in middle), shift, suffix, tuple(head + respans[::-1]))
