"""Incremental rendering: a keystroke re-renders the chunk of the page it falls in, not the page.

``IncrementalRenderer().render(text, options)`` returns exactly what
:func:`viewer.wikitext.render.html.render_page` returns for the same arguments (the tests
check it on many random edits); it keeps the work of its previous calls.

The text is cut where render_page's expansion cuts it (``page_chunks``: before headings where
nothing is open, parts of 2,000 characters at least), so that every part is parsed as there (a
malformed tag parses differently in a shorter part); cuts move only when a part crosses the
2,000 mark. A chunk is rendered by a
:class:`_ChunkRenderer` that starts from the state the chunks before it leave, kept small and
explicit (:class:`_State`: the references so far, the count of editable sections, the bare
external-link counts, whether ``__TOC__`` was seen); its strip markers, links and pending spans
stay its own. Heading ids are not in that state: a cached chunk is checked against the ids
used before it by its own headings. What the page decides as a whole is assumed from the last
render and checked after (:class:`_PageFlags`: edit links, whether there is a TOC and where,
how many bare links the expansion and the internal links numbered, since MediaWiki's passes
run over the whole page one after the other); a wrong guess renders again the chunks that
depend on it.

Stage 1 (expansion and the wikitext passes) is cached by (chunk text, state in, chunk index)
and the flags and heading ids it depended on; stage 2 (paragraph wrapping, variant conversion
with the page-wide ``-{ }-`` rules in force at the chunk, the final sanitizer pass) by (stage 1
result, TOC, conversion state in). A chunk's ``data-wv-src`` offsets are its own (``12-40``),
or name the chunk they come from (``12@3-40@3``, a TOC line) or the reference they belong to
(``0@3.7-28@3.7``: a reference listed far from where it was written, counted from its start,
so that typing before it changes nothing); they become page offsets when the chunks are joined.

A chunk whose end leaves something open (a table, an HTML element or tag, an image link,
``-{``, loose text), or whose start depends on the chunk before (it must start with its heading,
and its first loose text must not take the line mark of the chunk before), is rendered together
with its neighbours: correctness first. Anything the chunks cannot reproduce (limits reached, a
``DISPLAYTITLE`` with markup, a converter that guesses from the whole page, a strip marker that
escaped into a URL) renders the whole page.

Costs: typing in a paragraph or a heading renders its chunk. Typing inside a ``<ref>``
changes its text in the carried state: the chunks up to the list that shows it render again
(1 MB text: 10 of 136 chunks, ~0.15 s). Adding or removing a ``<ref>`` (ref keys are numbered
page-wide) or a heading (section numbers, chunk indices) renders every chunk after it.
Templates read from ``templates_dir`` are not watched: a changed file on disk shows after an
edit of the chunks that use it, or with a new IncrementalRenderer (the GUI's worker makes one
when the folder's files change: viewer.ui.render_job.folder_stamp).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import ChainMap, OrderedDict
from dataclasses import dataclass, field

from viewer.wikitext.preprocess.expand import Expansion, page_chunks, parse_wikitext
from viewer.wikitext.anchors import SectionAnchors
from viewer.wikitext.render import sanitize
from viewer.wikitext.render.headings import HeadingState, TocEntry, number_headings, place_toc, toc_html, toc_shown
from viewer.wikitext.render.html import _SPECIAL, Renderer, _conversion_variant, _plain, finish_body, render_page
from viewer.wikitext.render.pwrap import p_wrap
from viewer.wikitext.render.result import RenderOptions, RenderResult
from viewer.wikitext.render.spans import PendingSpans
from viewer.wikitext.render.tables import _OPEN as _TABLE_OPEN

__all__ = ["IncrementalRenderer"]

_TOC_MARKER = "\x7fUNIQ--toc-QINU\x7f"
_SLOT = "<div \ue0f3></div>"  # where the TOC goes, until all headings are known
_NEXT_LINE = "<h2>\ue0f5</h2>"  # stands for the heading line the next chunk starts with
_LINE_MARK_END = re.compile("\ue016\\d+\ue017$")
_LINE_MARKS = re.compile("\ue016\\d+\ue017")
_PROBE_MARK, _PROBE_SPAN = "\ue016999999999\ue017", "\x03999999999\x03"
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_RULE_EDGE = re.compile(r"-\{|\}-")
_LINK_EDGE = re.compile(r"\[\[|\]\]")
# a chunk starts with blanks and line marks (blank to the paragraph pass), maybe the TOC, then
# its heading: what the paragraph pass and the paragraph wrapping take it for
_FIRST_TAG = re.compile("(?:[ \t\n\r\f]|\ue016\\d+\ue017)*(?:" + re.escape(_SLOT) + ")?<h[1-6][ >]")
# a data-wv-src value: own (12-40), from chunk 3 (12@3-40@3), or from the reference with key 7 in
# chunk 3 (0@3.7-28@3.7: offsets from where the reference starts). Matched in text and attribute
# values too: a span in markup shown escaped (a tag in a template argument) is a page offset in
# render_page's output as well
_QUOTE = '(?:"|&quot;)'
_OWN_SPAN = re.compile(rf"(data-wv-src={_QUOTE})(\d+)-(\d+)(?={_QUOTE})")
_ANY_SPAN = re.compile(rf"(data-wv-src={_QUOTE})(\d+)(?:@(\d+)(?:\.(\d+))?)?-(\d+)(?:@(\d+)(?:\.(\d+))?)?(?={_QUOTE})")
_DEBUG = False  # tests set it, so that a bug shows instead of the whole page rendering
_MARKED = ("\x7fUNIQ--", "\ue005", "\x03")


class _Sig:
    """A hashable signature whose hash is computed once (states are compared on every render)."""

    __slots__ = ("value", "hash")

    def __init__(self, value: tuple) -> None:
        self.value = value
        self.hash = hash(value)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, _Sig) and self.hash == other.hash and self.value == other.value)


@dataclass(frozen=True)
class _PageFlags:
    """What the whole page decides and a chunk's HTML depends on."""

    edit_sections: bool = True
    toc: bool = False  # the page has a TOC
    toc_at_marker: bool = False  # ... where __TOC__ stands in the page's own text
    # bare external links ([1], [2]...) numbered while templates and refs expand, and then while
    # the page's internal links render (image captions): the page's own come after them all
    links_expanding: int = 0
    links_internal: int = 0


class _State:
    """What a chunk's rendering carries to the next; never changed once made."""

    def __init__(self, cite, sections: int, headings_before: bool, autonumber: tuple[int, int, int],
                 toc_marker: bool) -> None:
        self.cite = cite
        self.sections = sections  # editable sections so far
        self.headings_before = headings_before
        self.autonumber = autonumber  # bare links so far: expanding, in internal links, in the text
        self.toc_marker = toc_marker
        # the heading ids used so far are not in it: a chunk is checked against them by its own
        # headings (_anchors_agree), so a heading typed in does not re-render every later chunk
        self.sig = _Sig((cite.signature() if cite is not None else None, sections, headings_before, autonumber,
                         toc_marker))


@dataclass(eq=False)  # compared and hashed by identity: stage 2 is cached per stage 1 result
class _Chunk:
    """Stage 1 of one chunk: its HTML with strip markers and links put back, and what it
    tells the page."""

    end_safe: bool = True
    to_end: bool = False  # not safe to cut anywhere after it
    start_safe: bool = True
    pre: str = ""
    spans: PendingSpans | None = None
    has_slot: bool = False
    entries: list[TocEntry] = field(default_factory=list)
    state_out: _State | None = None
    # what expanding gave and what the page's own text gave: the whole page expands first
    categories: tuple[list, list] = ([], [])
    language_links: tuple[list, list] = ([], [])
    missing: tuple[list, list] = ([], [])
    display_title: str | None = None
    nodes: int = 0
    size: int = 0
    notoc: bool = False
    forcetoc: bool = False
    noeditsection: bool = False
    marker_in_text: bool = False
    anchors: dict[int, int] = field(default_factory=dict)
    flags: _PageFlags | None = None  # the page flags it was rendered with
    numbers_links: bool = False  # it numbers bare links after expansion
    first_headings: bool = False  # no chunk before it has a heading

    def depends(self, flags: _PageFlags) -> tuple:
        """The page flags this rendering depends on: a chunk without headings looks at no TOC
        flag, one without bare links in its text at no link count."""
        if self.state_out is None:  # not safe to cut: rendered again with its neighbour anyway
            return (flags,)
        deps: tuple = ()
        if any(e.is_wiki for e in self.entries):
            deps += (flags.edit_sections,)
        if self.marker_in_text or (self.first_headings and self.entries):
            deps += (flags.toc, flags.toc_at_marker)
        if self.numbers_links:
            deps += (flags.links_expanding, flags.links_internal)
        return deps


class _Finished:
    """Stage 2 of one chunk: its final HTML, split where offsets are to be made page offsets."""

    def __init__(self, html: str, conversion_out) -> None:
        self.conversion_out = conversion_out
        self.parts: list[str] = []
        self.numbers: list[tuple] = []
        pos = 0
        for m in _ANY_SPAN.finditer(html):
            self.parts.append(html[pos:m.end(1)])
            self.numbers.append((int(m.group(2)), _origin(m.group(3), m.group(4)),
                                 int(m.group(5)), _origin(m.group(6), m.group(7))))
            pos = m.end()
        self.tail = html[pos:]
        self.origins = list(dict.fromkeys(o for _s, a, _e, b in self.numbers for o in (a, b) if o is not None))
        self._last: tuple | None = None
        self._text = ""

    def placed(self, index: int, starts: list[int], anchors: list[dict[int, int]]) -> str:
        """The HTML with page offsets, the chunk being ``index`` of chunks starting at
        ``starts``, whose references start at ``anchors`` (offsets in their chunks)."""
        bases = {o: _base(o, starts, anchors) for o in self.origins}
        key = (starts[index], tuple(bases.values()))
        if key == self._last:
            return self._text
        own = starts[index]
        out = []
        for part, (s, a, e, b) in zip(self.parts, self.numbers):
            if not s and not e and (a is None or a[1] is None) and (b is None or b[1] is None):
                out.append(f"{part}0-0")  # "no known source" (a chunk starts with its heading, never empty)
            else:
                out.append(f"{part}{s + (own if a is None else bases[a])}-{e + (own if b is None else bases[b])}")
        out.append(self.tail)
        self._last, self._text = key, "".join(out)
        return self._text


def _origin(chunk: str | None, ref: str | None):
    return None if chunk is None else (int(chunk), None if ref is None else int(ref))


def _base(origin, starts: list[int], anchors: list[dict[int, int]]) -> int:
    chunk, ref = origin
    if chunk >= len(starts):
        return 0
    return starts[chunk] + (0 if ref is None else anchors[chunk].get(ref, 0))


class _ChunkRenderer(Renderer):
    """The renderer of one chunk, starting from the state the chunks before it left."""

    def __init__(self, text: str, options: RenderOptions, state: _State, flags: _PageFlags, index: int,
                 anchors: SectionAnchors) -> None:
        super().__init__(text, options)
        if state.cite is not None:
            self.cite = state.cite.copy(self._ref_inline)
        own = SectionAnchors()
        own._seen, own._next = set(anchors._seen), dict(anchors._next)
        self.heading_state = HeadingState(own, state.sections)
        self.autonumber = state.autonumber[0]
        self.toc_marker = _TOC_MARKER if state.toc_marker else None
        # the TOC goes before the page's first heading: none in the chunks before this one
        self.first_headings = not state.headings_before
        self.flags = flags
        self.state_in = state
        self.counted_internal = state.autonumber[1]
        self.index = index
        self.tag = f"@{index}"
        self.entries: list[TocEntry] = []
        self.has_slot = False
        self.marker_in_text = False
        self.followed: bool | None = False

    def _page_headings(self, text: str) -> str:
        text, self.entries = number_headings(text, self.heading_state, page_title=self.page_title.full,
                                             edit_sections=self.flags.edit_sections, lang=self.heading_lang,
                                             unstrip=self.unstrip)
        self.marker_in_text = _TOC_MARKER in text
        if self.flags.toc:
            if self.flags.toc_at_marker:
                if self.marker_in_text:
                    text = place_toc(text, self.add_strip("block", _SLOT), _TOC_MARKER)
                    self.has_slot = True
            elif self.first_headings and self.entries:
                text = place_toc(text, self.add_strip("block", _SLOT), None)
                self.has_slot = True
        elif self.marker_in_text:
            text = text.replace(_TOC_MARKER, "")
        return text

    def _before_external_links(self) -> None:
        flags, counts = self.flags, self.state_in.autonumber
        self.counted_internal = self.autonumber - flags.links_expanding
        self.autonumber = flags.links_expanding + flags.links_internal + counts[2]

    def _block_levels(self, text: str, line_spans, main: bool) -> str:
        """The paragraph pass, on the main text followed by a heading line as the next chunk
        starts with one: lists and paragraphs close as they do in the whole page."""
        if not (main and self.followed):
            return super()._block_levels(text, line_spans, main)
        out = super()._block_levels(text + "\n" + _NEXT_LINE, line_spans + [line_spans[-1]], main)
        cut = out.rfind(_NEXT_LINE)
        if cut < 0:
            self.followed = None  # not as expected: the chunk is rendered with the next
            return out
        mark = _LINE_MARK_END.search(out, 0, cut)
        return out[: mark.start() if mark else cut]

    def _export(self, html: str, base: int = 0, tag: str | None = None) -> str:
        """HTML that leaves the chunk (a reference's text, a TOC line): self-contained, its
        offsets naming this chunk, or counted from ``base`` with ``tag`` (a reference's
        start: its text's offsets then stay the same when text before it changes)."""
        if any(m in html for m in _MARKED):
            html = self.spans.fill(self.resolve(html))
        if "data-wv-src=" not in html:
            return html
        if tag is not None and all(int(m.group(2)) >= base for m in _OWN_SPAN.finditer(html)):
            return _OWN_SPAN.sub(lambda m: f"{m.group(1)}{int(m.group(2)) - base}@{tag}-{int(m.group(3)) - base}@{tag}",
                                 html)
        return _OWN_SPAN.sub(lambda m: f"{m.group(1)}{m.group(2)}{self.tag}-{m.group(3)}{self.tag}", html)

    def _export_refs(self) -> dict[int, int]:
        """The references' HTML and spans made to leave the chunk; where the ones written in
        it start (offsets in the chunk, by reference key)."""
        anchors: dict[int, int] = {}
        for ref in self.cite.all_refs():
            if ref.span and isinstance(ref.span[0], int):
                start, end = ref.span
                anchors[ref.key] = start
                tag = f"{self.index}.{ref.key}"
                ref.span = (f"0@{tag}", f"{end - start}@{tag}")
                if ref.html:
                    ref.html = self._export(ref.html, start, tag)
            elif ref.html:
                ref.html = self._export(ref.html)
        return anchors

    def _expand(self, text: str, cuts: tuple[int, ...]) -> Expansion:
        """The chunk expanded part by part, cut where render_page's expansion cuts the page
        (its parts are parsed on their own, and a malformed tag parses differently in a
        shorter part): the parts' expansions joined."""
        if len(cuts) == 1:
            return self.expander.expand_page(text, self.root)
        whole = Expansion("", [], [], [])
        pieces = []
        for k, cut in enumerate(cuts):
            end = cuts[k + 1] if k + 1 < len(cuts) else len(text)
            # offsets from the chunk's start, for the spans the expander hands out as it goes
            part = self.expander.expand_at(parse_wikitext(text[cut:end]), self.root, cut)
            base = sum(len(p) for p in pieces)
            pieces.append(part.text)
            for start, (a, b), linear in zip(part.starts, part.src, part.linear):
                # a segment that goes on where the last one stopped is one segment, as in one _Out
                if (linear and whole.linear and whole.linear[-1] and whole.src[-1][1] == a
                        and whole.starts[-1] + whole.src[-1][1] - whole.src[-1][0] == base + start):
                    whole.src[-1] = (whole.src[-1][0], b)
                    continue
                whole.starts.append(base + start)
                whole.src.append((a, b))
                whole.linear.append(linear)
        whole.text = "".join(pieces)
        return whole

    def render_chunk(self, text: str, last: bool, cuts: tuple[int, ...] = (0,)) -> _Chunk:
        chunk = _Chunk()
        words: set[str] = set()
        original = self._double_underscore

        def double_underscore(t: str) -> str:
            for m in re.finditer(r"__(NOTOC|FORCETOC|NOEDITSECTION)__", t, re.I):
                words.add(m.group(1).upper())
            return original(t)

        self._double_underscore = double_underscore
        self.headlines = []
        exp = self._expand(text, cuts)
        counted_expanding = self.autonumber
        self.autonumber = self.flags.links_expanding + self.state_in.autonumber[1]
        seen = (len(self.categories), len(self.language_links), len(self.missing))
        if not last:
            if not exp.text.endswith("\n"):
                return _Chunk(end_safe=False)
            exp = exp.sliced(0, len(exp.text) - 1)
        if not last and not _closed_wikitext(exp.text):
            return _Chunk(end_safe=False)
        self.followed = not last
        body = self._passes(exp, block=True, main=True)
        pre = self.resolve(body)
        if not last and self.folded_lines:
            return _Chunk(end_safe=False, to_end=True)  # every later line is off too, as in the whole page
        if not last and (self.followed is None or not _closed_html(pre)):
            return _Chunk(end_safe=False)
        if self.index:
            if _FIRST_TAG.match(pre) is None or _PROBE_SPAN in p_wrap(_PROBE_MARK + pre):
                chunk.start_safe = False
                return chunk
        chunk.anchors = self._export_refs()
        self.cite.render_inline = None
        chunk.pre = pre
        chunk.spans = self.spans
        chunk.has_slot = self.has_slot
        chunk.entries = [TocEntry(e.level, e.anchor, self._export(e.tocline), e.is_wiki, e.section,
                                  None if e.src is None else "-".join(f"{n}{self.tag}" for n in
                                                                      self.spans.fill(e.src).split("-")), e.base)
                         for e in self.entries]
        counted_text = self.autonumber - self.flags.links_expanding - self.flags.links_internal
        chunk.numbers_links = (self.counted_internal, counted_text) != self.state_in.autonumber[1:]
        chunk.state_out = _State(self.cite, self.heading_state.section, not self.first_headings or bool(self.entries),
                                 (counted_expanding, self.counted_internal, counted_text), self.toc_marker is not None)
        chunk.categories = (self.categories[:seen[0]], self.categories[seen[0]:])
        chunk.language_links = (self.language_links[:seen[1]], self.language_links[seen[1]:])
        chunk.missing = (self.missing[:seen[2]], self.missing[seen[2]:])
        chunk.display_title = self.expander.display_title
        chunk.nodes = self.expander.nodes
        chunk.size = self.expander.size
        chunk.notoc = "NOTOC" in words
        chunk.forcetoc = "FORCETOC" in words
        chunk.noeditsection = "NOEDITSECTION" in words
        chunk.marker_in_text = self.marker_in_text
        chunk.first_headings = self.first_headings
        return chunk


def _closed_wikitext(text: str) -> bool:
    """No table, no ``[[`` and no tag left open at the end of a chunk's expanded text (a tag's
    attributes may run over lines, into the next chunk's heading)."""
    lt = text.rfind("<")
    if lt >= 0 and text.find(">", lt) < 0:
        return False
    if "[[" in text:  # an image link's caption runs on to its "]]", over lines
        depth = 0
        for m in _LINK_EDGE.finditer(text):
            depth = depth + 1 if m.group() == "[[" else max(0, depth - 1)
        if depth:
            return False
    if "{|" in text:
        depth = 0
        for line in text.split("\n"):
            line = line.strip(" \t\n\r\0\x0b")
            if _TABLE_OPEN.match(line):
                depth += 1
            elif depth and line[:2] == "|}":
                depth -= 1
        if depth:
            return False
    return True


def _closed_html(html: str) -> bool:
    """Every element closed in order, no comment and no ``-{`` left open: the HTML parser and
    the variant converter end the chunk with nothing pending."""
    if "<!--" in html and "<!--" in _COMMENT.sub("", html):
        return False
    stack: list[str] = []
    for m in _TAG.finditer(html):
        name = m.group(2)
        if name is None:
            continue
        name = name.lower()
        if m.group(1):
            if not stack or stack[-1] != name:
                return False
            stack.pop()
        elif name not in _VOID:
            stack.append(name)  # <div/> opens a div, as the HTML parser has it
    if stack:
        return False
    # loose text at the very end would share its text node with the next chunk's first line
    # mark, which the paragraph pass reads
    if _LINE_MARKS.sub("", html[html.rfind(">") + 1:]).strip(" \t\n\r\f"):
        return False
    if "-{" in html or "}-" in html:
        depth = 0
        for m in _RULE_EDGE.finditer(html):
            if m.group() == "-{":
                depth += 1
                if depth >= 10:
                    return False
            elif depth:
                depth -= 1
            else:
                return False
        if depth:
            return False
    return True


def _options_key(options: RenderOptions) -> tuple:
    return (options.title, options.lang, options.variant, tuple(sorted(options.pages.items())),
            options.templates_dir, options.limits)


class _Conversion:
    """The variant conversion's state at a chunk boundary: the manual rules and the title rule."""

    def __init__(self, manual: dict, replacements: dict, title: str | None) -> None:
        self.manual = manual
        self.replacements = replacements
        self.title = title
        self.sig = _Sig((tuple((v, tuple(sorted(pairs.items()))) for v, pairs in sorted(manual.items())), title))


class _Cache:
    """The chunks of one set of options: what the last render used, and what this one does."""

    def __init__(self) -> None:
        self.old1: dict = {}
        self.new1: dict = {}
        self.old2: dict = {}
        self.new2: dict = {}
        self.flags = _PageFlags()

    def get1(self, key):
        found = self.new1.get(key)
        if found is None:
            found = self.old1.get(key)
            if found is not None:
                self.new1[key] = found
        return found

    def get2(self, key):
        found = self.new2.get(key)
        if found is None:
            found = self.old2.get(key)
            if found is not None:
                self.new2[key] = found
        return found

    def turn(self) -> None:
        self.old1, self.new1 = self.new1, {}
        self.old2, self.new2 = self.new2, {}


class IncrementalRenderer:
    """A long-lived renderer for one document being edited (one per editor tab or worker).

    ``last_stats`` after a render: ``chunks`` (how many the page was cut into), ``rendered``
    (how many were rendered, not taken from the cache), ``finished`` (how many were
    wrapped, converted and sanitised anew), ``whole`` (1 when the page was rendered whole)."""

    def __init__(self) -> None:
        self.last_stats: dict[str, int] = {}
        self._caches: OrderedDict[tuple, _Cache] = OrderedDict()

    def render(self, text: str, options: RenderOptions) -> RenderResult:
        self.last_stats = {"chunks": 1, "rendered": 1, "finished": 1, "whole": 1}
        if len(text) > options.limits.max_expanded_size:
            return render_page(text, options)
        pieces = page_chunks(text)  # render_page's parts: a chunk is one or more of them
        if len(pieces) < 2:
            return render_page(text, options)
        key = _options_key(options)
        cache = self._caches.pop(key, None) or _Cache()
        self._caches[key] = cache
        while len(self._caches) > 4:
            self._caches.popitem(last=False)
        try:
            result = self._render(text, pieces, options, cache)
        except Exception:  # noqa: BLE001 - whatever a chunk cannot do, the whole page does
            if _DEBUG:
                raise
            result = None
        cache.turn()
        if result is None:
            self.last_stats = {"chunks": 1, "rendered": 1, "finished": 1, "whole": 1}
            return render_page(text, options)
        return result

    # ------------------------------------------------------------------ the page
    def _render(self, text: str, pieces, options: RenderOptions, cache: _Cache) -> RenderResult | None:
        variant = _conversion_variant(options.lang or "en", options.variant)
        language = None
        if variant is not None:
            from viewer.wikitext.variants import _language

            language, variant = _language(variant)
            if language.guess is not None:
                return None  # the converter looks at the whole page first
        stats = {"rendered": 0, "finished": 0, "whole": 0}
        for _attempt in range(3):
            chunks = self._stage1(text, pieces, options, cache, stats)
            flags = _page_flags(chunks)
            if flags == cache.flags:
                break
            cache.flags = flags
        else:
            return None
        parts = [c for _s, _e, c in chunks]
        limits = options.limits
        if sum(c.nodes for c in parts) > limits.max_nodes or sum(c.size for c in parts) > limits.max_expanded_size:
            return None
        titles = [c.display_title for c in parts if c.display_title is not None]
        display_title = titles[-1] if titles else None
        if display_title is not None and _SPECIAL.search(display_title):
            return None  # its rendering would see the whole page's state
        entries = [e for c in parts for e in c.entries]
        lang = "zh" if (options.lang or "en").startswith("zh") else (options.lang or "en")
        toc = toc_html(entries, lang=lang) if flags.toc else None
        if toc is not None and not _closed_html(toc):
            return None  # a heading's misnested markup in the TOC reaches past its chunk
        tail = self._tail(parts[-1].state_out)
        conversion = _Conversion({}, {}, None)
        starts = [s for s, _e, _c in chunks]
        anchors = [c.anchors for c in parts]
        html_parts = []
        for index, (_start, _end, chunk) in enumerate(chunks):
            last = index == len(chunks) - 1
            key = (chunk, toc if chunk.has_slot else None, tail if last else None, last, conversion.sig, variant)
            done = cache.get2(key)
            if done is None:
                done = _finish(chunk, toc, tail if last else None, last, language, variant, conversion)
                if done is None:
                    return None
                cache.new2[key] = done
                stats["finished"] += 1
            conversion = done.conversion_out
            html_parts.append(done.placed(index, starts, anchors))
        categories: dict[str, None] = {}
        missing: dict[str, None] = {}
        links: list[str] = []
        for phase in (0, 1):
            for c in parts:
                categories.update((name, None) for name, _key in c.categories[phase] if name not in categories)
                missing.update((name, None) for name in c.missing[phase] if name not in missing)
                links.extend(c.language_links[phase])
        shown_title = _plain(display_title) if display_title else ""
        if variant is not None:
            if conversion.title:
                shown_title = _plain(conversion.title)
            elif not shown_title:
                from viewer.wikitext.variants import convert_text

                shown_title = convert_text(options.title, variant)
        self.last_stats = {"chunks": len(chunks), **stats}
        return RenderResult(
            html='<div class="mw-parser-output">' + "".join(html_parts) + "</div>",
            display_title=shown_title or options.title,
            categories=tuple(categories),
            language_links=tuple(links),
            missing_templates=tuple(missing),
        )

    @staticmethod
    def _tail(state: _State) -> str:
        """What the page's end adds: the references never listed (the cite state is copied:
        the cached state stays as it was)."""
        if state.cite is None or not any(state.cite.groups.values()):
            return ""
        return state.cite.copy(None).leftovers()

    def _stage1(self, text: str, pieces, options: RenderOptions, cache: _Cache, stats) -> list:
        """The page's chunks, each ``(start, end, _Chunk)``, neighbours joined where a cut is
        not safe."""
        flags = cache.flags
        state = _State(None, 0, False, (0, 0, 0), False)
        anchors = SectionAnchors()  # the heading ids of the chunks accepted so far
        accepted: list[tuple[int, int, _Chunk, _State]] = []
        i = 0
        n = len(pieces)
        firsts = [start for start, _t in pieces]
        ends = firsts[1:] + [len(text)]
        while i < n:
            start, j = pieces[i][0], i
            step = 1
            while True:
                last = j == n - 1
                cuts = tuple(p - start for p in firsts[bisect_left(firsts, start):j + 1])
                chunk = self._chunk(text[start:ends[j]], cuts, state, anchors, flags, len(accepted), last, options,
                                    cache, stats)
                if not chunk.start_safe:
                    start, _e, _c, state = accepted.pop()  # rendered with the chunk before it
                    anchors = SectionAnchors()
                    for _s, _e, earlier, _st in accepted:
                        _commit(anchors, earlier.entries)
                    continue
                if not chunk.end_safe and not last:
                    # joined with the next pieces, twice as many each time: a long run of unsafe
                    # cuts costs twice its length, not its length squared
                    j = n - 1 if chunk.to_end else min(n - 1, j + step)
                    step *= 2
                    continue
                break
            accepted.append((start, ends[j], chunk, state))
            _commit(anchors, chunk.entries)
            state = chunk.state_out
            i = j + 1
        return [(s, e, c) for s, e, c, _st in accepted]

    def _chunk(self, text: str, cuts: tuple[int, ...], state: _State, anchors: SectionAnchors, flags: _PageFlags,
               index: int, last: bool, options: RenderOptions, cache: _Cache, stats) -> _Chunk:
        key = (text, cuts, state.sig, index, last)
        rendered = cache.get1(key)  # the chunk's renderings (for other page flags, other heading ids)
        if rendered is None:
            rendered = cache.new1[key] = []
        for chunk in rendered:
            if chunk.depends(flags) == chunk.depends(chunk.flags) and _anchors_agree(anchors, chunk.entries):
                return chunk
        chunk = _ChunkRenderer(text, options, state, flags, index, anchors).render_chunk(text, last, cuts)
        chunk.flags = flags
        rendered.insert(0, chunk)
        del rendered[4:]
        stats["rendered"] += 1
        return chunk


class _OverlaySet:
    """A set seen through: what is added stays here, the base is only read."""

    def __init__(self, base: set) -> None:
        self.base = base
        self.added: set = set()

    def __contains__(self, item) -> bool:
        return item in self.added or item in self.base

    def add(self, item) -> None:
        self.added.add(item)


def _anchors_agree(anchors: SectionAnchors, entries: list[TocEntry]) -> bool:
    """Whether the chunk's headings get the ids they got when it was rendered, after the
    heading ids ``anchors`` (which are left as they are)."""
    if not entries:
        return True
    trial = SectionAnchors()
    trial._seen = _OverlaySet(anchors._seen)
    trial._next = ChainMap({}, anchors._next)
    return all(trial.add_anchor(entry.base) == entry.anchor for entry in entries)


def _commit(anchors: SectionAnchors, entries: list[TocEntry]) -> None:
    for entry in entries:
        anchors.add_anchor(entry.base)


def _page_flags(chunks) -> _PageFlags:
    parts = [c for _s, _e, c in chunks]
    show = False if any(c.notoc for c in parts) else (True if any(c.forcetoc for c in parts) else None)
    headings = sum(len(c.entries) for c in parts)
    marker = parts[-1].state_out.toc_marker if parts[-1].state_out is not None else False
    counted = parts[-1].state_out.autonumber if parts[-1].state_out is not None else (0, 0, 0)
    return _PageFlags(
        edit_sections=not any(c.noeditsection for c in parts),
        toc=toc_shown(show, headings, marker),
        toc_at_marker=any(c.marker_in_text for c in parts),
        links_expanding=counted[0],
        links_internal=counted[1],
    )


def _finish(chunk: _Chunk, toc: str | None, tail: str | None, last: bool, language, variant,
            conversion: _Conversion) -> _Finished | None:
    body = chunk.pre
    if chunk.has_slot and toc is not None:
        body = body.replace(_SLOT, toc, 1)
    if last and tail:
        body += "\n" + tail
    body = finish_body(body, chunk.spans)
    out = conversion
    if variant is not None:
        from viewer.wikitext.variants._html import Conversion

        run = Conversion(language, variant)
        run._manual = {v: dict(pairs) for v, pairs in conversion.manual.items()}
        run._replacements = dict(conversion.replacements)
        run.title = conversion.title
        try:
            body = run.convert(body)
        except Exception:  # the whole page shows the error as render_page does
            return None
        if run._manual != conversion.manual or run.title != conversion.title:
            out = _Conversion(run._manual, run._replacements, run.title)
        else:  # the same rules: the tables built for them serve the next chunks too
            conversion.replacements.update(run._replacements)
    body = sanitize.final_pass(body)
    if "UNIQ--" in body:
        return None  # a strip marker that escaped (encoded in a URL) names the whole page's strip list
    return _Finished(body, out)
