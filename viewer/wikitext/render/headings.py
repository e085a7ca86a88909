"""Headings: ``== x ==`` lines to ``<hN>``, then ids, edit-section links and the table of
contents as MediaWiki's formatHeadings gives them."""

from __future__ import annotations

import html
import re
import urllib.parse
from dataclasses import dataclass

from viewer.wikitext.preprocess.titles import wiki_urlencode
from viewer.wikitext.anchors import SectionAnchors, anchor_for
from viewer.wikitext.render.blocks import SKIP_LINE

__all__ = ["do_headings", "format_headings", "number_headings", "toc_html", "toc_shown", "place_toc", "HeadingState",
           "TocEntry", "Headline", "anchor_from_html", "WIKI_HEADING"]

WIKI_HEADING = "\x06"  # marks a heading written in wikitext (it gets an edit-section link)
_LINE = re.compile(r"^(={1,6})(.+)\1\s*$")
_HTML_HEADING = re.compile(r"<h([1-6])((?:[\s\x06][^>]*)?)>\s*(.*?)\s*</h[1-6]\s*>", re.I | re.S)
_TOC_ALLOWED = re.compile(r"<(?!/?(?:span|sup|sub|bdi|i|b|s|strike)(?: [^>]*)?>).*?>", re.S)
_TOC_ATTRS = re.compile(r"<(/?(?:span(?: dir=\"(?:rtl|ltr)\")?|sup|sub|bdi|i|b|s|strike))(?: .*?)?>")
_TITLE_BLANKS = re.compile("[ _\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_MARKERS = re.compile("\ue001\\d+\ue002|\ue005\\d+\ue005|\x03\\d+\x03")


def do_headings(lines: list[str], line_spans: list[tuple[int, int]]) -> list[str]:
    """Each ``=`` heading line becomes ``<hN>`` (the longest balanced run of ``=`` wins,
    capped at six); the line count does not change."""
    out = []
    swallow = False
    for index, line in enumerate(lines):
        if swallow:
            if not line.strip(" \t\n\r\f\v"):
                out.append(SKIP_LINE)  # MediaWiki's ``\s*$`` eats blank lines after a heading
                continue
            swallow = False
        if line.startswith("=") and "=" in line[1:]:
            for level in range(6, 0, -1):
                m = re.match(r"^(={%d})(.+)\1\s*$" % level, line)
                if m:
                    s, e = line_spans[index] if index < len(line_spans) else (0, 0)
                    line = (f'<h{level}{WIKI_HEADING} data-wv-src="{s}-{e}">{m.group(2)}</h{level}>')
                    swallow = True
                    break
        out.append(line)
    return out


@dataclass(frozen=True)
class Headline:
    level: int
    anchor: str
    text: str  # the heading's plain text


def anchor_from_html(inner: str) -> str:
    """The html5 id of a heading from its HTML: tags dropped, then :func:`anchor_for`."""
    return anchor_for(_plain(inner))


def _plain(inner: str) -> str:
    return re.sub(r"<.*?>", "", _MARKERS.sub("", inner))


def legacy_anchor(text: str) -> str:
    """The legacy (pre-html5) id of a heading whose plain text is ``text``, as Wikipedia's
    ``$wgFragmentMode = ['html5', 'legacy']`` adds it for old links: PHP's urlencode of the
    text with ``_`` for spaces, then ``%3A`` -> ``:`` and ``%`` -> ``.``. Unlike the html5 id,
    other whitespace (a newline) is escaped, not made ``_``, and a leading no-break space stays
    (MediaWiki normalizes the text as a title's ``#fragment``, which trims only its end)."""
    text = html.unescape(re.sub(r"[ _]+", " ", text).strip(" "))
    text = _TITLE_BLANKS.sub(" ", text).rstrip(" ")
    text = urllib.parse.quote(text.replace(" ", "_"), safe="").replace("~", "%7E")  # urlencode escapes ~
    return text.replace("%3A", ":").replace("%", ".")


def _hint(inner: str) -> str:
    text = re.sub(r"<.*?>", "", _MARKERS.sub("", inner))
    text = html.unescape(re.sub(r"[ _]+", " ", text.strip())).replace("\xa0", " ")
    return re.sub(r" +", " ", text).strip(" ")


@dataclass(frozen=True)
class TocEntry:
    """One heading as the table of contents lists it."""

    level: int
    anchor: str
    tocline: str  # the heading's HTML as the TOC shows it
    is_wiki: bool
    section: int  # its edit-section number (0 for an HTML heading)
    src: str | None  # its data-wv-src value
    base: str = ""  # its id before a repeated one got its number


class HeadingState:
    """What numbering headings carries from one heading to the next: ids already used and
    the count of editable sections (incremental rendering starts a chunk from the state the
    chunks before it left)."""

    def __init__(self, anchors: SectionAnchors | None = None, section: int = 0) -> None:
        self.anchors = anchors if anchors is not None else SectionAnchors()
        self.section = section


def number_headings(text: str, state: HeadingState, *, page_title: str, edit_sections: bool, lang: str,
                    unstrip=lambda text: text) -> tuple[str, list[TocEntry]]:
    """Ids and edit links on every ``<hN>`` of ``text``, continuing the numbering in
    ``state``; the TOC entries in order."""
    entries: list[TocEntry] = []
    out: list[str] = []
    cursor = 0
    for m in _HTML_HEADING.finditer(text):
        level = int(m.group(1))
        attrs = m.group(2) or ""
        inner = m.group(3)
        is_wiki = attrs.startswith(WIKI_HEADING)
        attrs = attrs.replace(WIKI_HEADING, "")
        state.section += is_wiki  # only wikitext headings are editable sections
        section = state.section
        plain = _plain(unstrip(inner))
        base = anchor_for(plain)
        anchor = state.anchors.add_anchor(base)
        # the legacy id takes the html5 id's number: no state of its own to carry between chunks
        legacy = legacy_anchor(plain) + anchor[len(base):]
        fallback = f'<span id="{html.escape(legacy, quote=True)}"></span>' if legacy != anchor else ""
        tocline = _TOC_ATTRS.sub(r"<\1>", _TOC_ALLOWED.sub("", _MARKERS.sub("", inner))).strip()
        tocline = re.sub("<a \ue005\\d+\ue005>|</a>", "", tocline)
        tocline = re.sub(r"<span>\s*</span>", "", tocline)  # an emptied anchor span goes
        src_m = re.search(r'data-wv-src="([^"]*)"', attrs)
        entries.append(TocEntry(level, anchor, tocline, is_wiki, section, src_m.group(1) if src_m else None, base))
        edit = ""
        if is_wiki and edit_sections:
            label, prefix = ("编辑", "编辑章节：") if lang.startswith("zh") else ("edit", "Edit section: ")
            hint = html.escape(prefix + _hint(inner), quote=True).replace("\n", "&#10;")
            url = f"/index.php?title={wiki_urlencode(page_title.replace(' ', '_'))}&amp;action=edit&amp;section={section}"
            edit = (f'<span class="mw-editsection"><span class="mw-editsection-bracket">[</span>'
                    f'<a href="{url}" title="{hint}">{label}</a><span class="mw-editsection-bracket">]</span></span>')
        heading = (f'<h{level}{attrs}>{fallback}<span class="mw-headline" id="{html.escape(anchor, quote=True)}">{inner}</span>'
                   f'{edit}</h{level}>')
        out.append(text[cursor:m.start()])
        out.append(heading)
        cursor = m.end()
    if not entries:
        return text, entries
    out.append(text[cursor:])
    return "".join(out), entries


def toc_html(entries: list[TocEntry], *, lang: str, max_toc_level: int = 999) -> str:
    """The table of contents of ``entries``, with MediaWiki's levels and numbers."""
    toc: list[str] = []
    toclevel = 0
    prevlevel = 0
    prevtoclevel = 0
    level_count: dict[int, int] = {}
    sublevel_count: dict[int, int] = {}
    bounds: list[str] = []
    for entry in entries:
        level = entry.level
        # TOC levels, as MediaWiki counts them
        if toclevel == 0:
            toclevel = 1
            sublevel_count = {1: 0}
            prevtoclevel = 1
        elif level > prevlevel:
            toclevel += 1
            sublevel_count[toclevel] = 0
            if toclevel < max_toc_level:
                prevtoclevel = toclevel
                toc.append("\n<ul{SRC}>\n")
        elif level < prevlevel and toclevel > 1:
            for i in range(toclevel, 0, -1):
                if level_count.get(i) == level:
                    toclevel = i
                    break
                if level_count.get(i, 0) < level:
                    toclevel = i + 1
                    break
            else:
                toclevel = 1
            if toclevel < max_toc_level:
                if prevtoclevel < max_toc_level:
                    toc.append("</li>\n" + "</ul>\n</li>\n" * (prevtoclevel - toclevel))
                    prevtoclevel = toclevel
                else:
                    toc.append("</li>\n")
        else:
            if toclevel < max_toc_level:
                toc.append("</li>\n")
        level_count[toclevel] = level
        sublevel_count[toclevel] = sublevel_count.get(toclevel, 0) + 1
        for deeper in [k for k in sublevel_count if k > toclevel]:
            sublevel_count[deeper] = 0
        numbering = ".".join(str(sublevel_count[i]) for i in range(1, toclevel + 1) if sublevel_count.get(i))
        prevlevel = level
        src = f' data-wv-src="{entry.src}"' if entry.src is not None else ""
        if entry.src is not None:
            bounds.append(entry.src)
        number = f" tocsection-{entry.section}" if entry.is_wiki else ""
        toc.append(f'<li class="toclevel-{toclevel}{number}"{src}><a href="#{html.escape(entry.anchor, quote=True)}">'
                   f'<span class="tocnumber">{numbering}</span> <span class="toctext">\x00TOCLINE\x00</span></a>')
    if prevtoclevel > 0 and prevtoclevel < max_toc_level:
        toc.append("</li>\n" + "</ul>\n</li>\n" * (prevtoclevel - 1))
    title = "目录" if lang.startswith("zh") else "Contents"
    whole = ""
    if bounds:
        whole = f' data-wv-src="{bounds[0].split("-")[0]}-{bounds[-1].split("-")[1]}"'
    skeleton = (
        f'<div id="toc" class="toc" role="navigation" aria-labelledby="mw-toc-heading"{whole}>'
        '<input type="checkbox" role="button" id="toctogglecheckbox" class="toctogglecheckbox" style="display:none" />'
        f'<div class="toctitle" lang="{lang}" dir="ltr"{whole}><h2 id="mw-toc-heading"{whole}>{title}</h2>'
        '<span class="toctogglespan"><label class="toctogglelabel" for="toctogglecheckbox"></label></span></div>\n'
        f"<ul{whole}>\n" + "".join(toc).replace("{SRC}", whole) + "</ul>\n</div>\n"
    )
    # the headings' own text goes in last, so that nothing in it is taken for the template's {SRC}
    pieces = skeleton.split("\x00TOCLINE\x00")
    out = [pieces[0]]
    for entry, piece in zip(entries, pieces[1:]):
        out.append(entry.tocline)
        out.append(piece)
    return "".join(out)


def format_headings(text: str, *, page_title: str, show_toc: bool | None, toc_marker: str | None,
                    max_toc_level: int, make_block, edit_sections: bool, lang: str,
                    unstrip=lambda text: text) -> tuple[str, list[Headline]]:
    """Ids and edit links on every heading; the TOC placed by ``__TOC__`` (``toc_marker``)
    or before the first heading. ``show_toc``: True forces, False forbids, None is automatic.
    ``make_block(html)`` turns the TOC's HTML into a block strip marker."""
    result, entries = number_headings(text, HeadingState(), page_title=page_title, edit_sections=edit_sections,
                                      lang=lang, unstrip=unstrip)
    headlines = [Headline(e.level, e.anchor, html.unescape(re.sub(r"<.*?>", "", e.tocline))) for e in entries]
    if toc_shown(show_toc, len(entries), toc_marker is not None):
        marker = make_block(toc_html(entries, lang=lang, max_toc_level=max_toc_level))
        result = place_toc(result, marker, toc_marker)
    elif toc_marker:
        result = result.replace(toc_marker, "")
    return result, headlines


def toc_shown(show_toc: bool | None, headings: int, has_marker: bool) -> bool:
    """Whether the page gets a TOC: forced, forbidden, or automatic (four headings, or a
    ``__TOC__`` anywhere)."""
    if not headings or show_toc is False:
        return False
    return show_toc is True or headings >= 4 or has_marker


def place_toc(text: str, marker: str, toc_marker: str | None) -> str:
    """``marker`` (the TOC) where ``__TOC__`` stands, else before the first heading."""
    if toc_marker and toc_marker in text:
        return text.replace(toc_marker, marker, 1).replace(toc_marker, "")
    first = _HTML_HEADING.search(text)
    if first:
        return text[: first.start()] + marker + text[first.start():]
    return text
