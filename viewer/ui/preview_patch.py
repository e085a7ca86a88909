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

__all__ = ["Body", "Patch", "Split", "split_body", "split_after", "diff_bodies"]

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


def _scan(html: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The bounds of the top-level elements in ``html[start:end]``; None if something else is
    there too (loose text, a stray end tag) or an element is not closed."""
    bounds: list[tuple[int, int]] = []
    depth = 0
    block_start = 0
    pos = start
    raw_until = None
    for match in _TAG.finditer(html, start, end):
        closing, name = match.group(1), match.group(2).lower()
        if raw_until is not None:
            if closing and name == raw_until:
                raw_until = None
            else:
                continue
        if depth == 0:
            if closing or html[pos : match.start()].strip():  # loose text at the top: not splittable
                return None
            block_start = match.start()
        if closing:
            depth -= 1
        elif name in _VOID or match.group(4):
            pass
        else:
            depth += 1
            if name in _RAW:
                raw_until = name
        if depth == 0 and raw_until is None:
            bounds.append((block_start, match.end()))
            pos = match.end()
    if depth != 0 or html[pos:end].strip():
        return None
    return bounds


def _frame(html: str) -> tuple[str, int, int] | None:
    """The body's open tag and where its content starts and ends; None if it is not one div."""
    first = _TAG.match(html, 0) if html.startswith("<div") else None
    stripped = html.rstrip()
    if first is None or not stripped.endswith("</div>") or "<!--" in html:
        return None
    return first.group(0), first.end(), len(stripped) - len("</div>")


def split_body(html: str) -> Body:
    """Split ``div.mw-parser-output``'s children into blocks (element by element)."""
    frame = _frame(html)
    if frame is None:
        return Body("", None, html)
    open_tag, inner_start, inner_end = frame
    bounds = _scan(html, inner_start, inner_end)
    if bounds is None:
        return Body(open_tag, None, html)
    return Body(open_tag, tuple(_block(html[a:b]) for a, b in bounds))


@dataclass(frozen=True)
class Split:
    """A split body and what splitting the next version of it needs: the html without its
    offsets (``stripped``) and each block's place in it. The worker keeps it; it is not sent."""

    body: Body
    stripped: str = ""
    bounds: tuple[tuple[int, int], ...] = ()


def split_after(html: str, previous: Split | None = None) -> Split:
    """``split_body(html)``, in a third of the time when ``previous`` splits an earlier version
    of the same article: an edit leaves the blocks before it as they were and the blocks after
    it as they were but for their offsets, so only the blocks between are looked for (the tag
    scan is what costs: 60 ms on the 1 MB article's 2.4 MB of HTML)."""
    frame = _frame(html)
    if frame is None:
        return Split(Body("", None, html))
    stripped = _SRC.sub("", html)
    found = _bounds_after(stripped, previous) if previous is not None and previous.bounds else None
    if found is None:
        inner = _frame(stripped)
        bounds = _scan(stripped, inner[1], inner[2]) if inner is not None else None
        if bounds is None:
            return Split(split_body(html))
        found = (bounds, [None] * len(bounds))
    bounds, keys = found
    return Split(Body(frame[0], _blocks(html, stripped, bounds, keys)), stripped, tuple(bounds))


def _bounds_after(stripped: str, previous: Split) -> tuple[list, list] | None:
    """The blocks' bounds in ``stripped`` and the keys known (those of unchanged blocks), from
    the previous split; None when it does not help."""
    old_text, old_bounds, old_blocks = previous.stripped, previous.bounds, previous.body.blocks
    n = len(old_bounds)
    head = old_bounds[0][0] if n else -1
    inner = _frame(stripped)
    if not n or inner is None or stripped[:head] != old_text[:head]:
        return None
    k, pos = 0, head  # blocks before the edit: the same text from the start
    while k < n and stripped.startswith(old_text[pos : old_bounds[k][1]], pos):
        pos = old_bounds[k][1]
        k += 1
    d = len(stripped) - len(old_text)
    m, end = 0, len(old_text)  # blocks after it: the same text to the end
    while m < n - k:
        a = old_bounds[n - 1 - m][0]
        if a + d < pos or not stripped.startswith(old_text[a:end], a + d):
            break
        end = a
        m += 1
    middle = _scan(stripped, pos, min(end + d, inner[2]) if m == 0 else end + d)
    if middle is None:
        return None
    bounds = list(old_bounds[:k]) + middle + [(a + d, b + d) for a, b in old_bounds[n - m :]]
    keys = [b.key for b in old_blocks[:k]] + [None] * len(middle) + [b.key for b in old_blocks[n - m :]]
    return bounds, keys


def _blocks(html: str, stripped: str, bounds: list, keys: list) -> tuple[Block, ...]:
    """The blocks of ``html`` at ``bounds`` (places in ``stripped``), their offsets read from the
    attributes that were taken out between."""
    blocks = []
    found = _SRC.finditer(html)
    m = next(found, None)
    removed = 0  # length taken out of html before the current place
    for (a, b), key in zip(bounds, keys):
        while m is not None and m.start() - removed < a:
            removed += m.end() - m.start()
            m = next(found, None)
        start = a + removed
        spans: list[int] = []
        while m is not None and m.start() - removed < b:
            spans += (int(m.group(1)), int(m.group(2)))
            removed += m.end() - m.start()
            m = next(found, None)
        blocks.append(Block(html[start : b + removed], key if key is not None else _digest(stripped[a:b]), tuple(spans)))
    return tuple(blocks)


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
