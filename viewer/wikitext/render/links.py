"""Links: ``[[internal]]`` (with trails, categories, language links, files), ``[external]``,
free URLs and the ISBN/RFC/PMID magic links, as MediaWiki's Parser handles them.

The page's own links arrive with a position marker (``U+E001 N U+E002``, from the expander) just
before them; it becomes the link's ``data-wv-src``. Internal links' opening tags are held in
placeholders (``<a U+E005 N U+E005>``) until the end, so later passes do not look inside them.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from viewer.wikitext.preprocess.titles import Title, page_url, parse_title, wiki_urlencode
from viewer.wikitext.render import sanitize
from viewer.wikitext.render.quotes import do_quotes

if TYPE_CHECKING:
    from viewer.wikitext.render.html import Renderer

__all__ = ["internal_links", "external_links", "magic_links", "LANGUAGE_CODES", "LINK_OPEN"]

LINK_OPEN = re.compile("<a \ue005(\\d+)\ue005>")
_POS = re.compile("\ue001(\\d+)\ue002$")
_POS_ANY = re.compile("\ue001(\\d+)\ue002")
_TITLE_CHARS = r" %!\"$&'()*,\-./0-9:;=?@A-Z\\^_`a-z~\x80-\U0010FFFF+#"
_E1 = re.compile(r"^([" + _TITLE_CHARS + r"]+)(?:\|(.+?))?]](.*)$", re.S)
_E1_IMG = re.compile(r"^([" + _TITLE_CHARS + r"]+)\|(.*)$", re.S)
_PROTOCOLS = "|".join(re.escape(p) for p in sanitize.URL_PROTOCOLS)
_PROTOCOL_START = re.compile(rf"^(?:{_PROTOCOLS})", re.I)
# "[" opening an external link inside a link's label: MediaWiki has set the label aside by the
# time it looks for external links, so "[[A|[http://x y]]]" shows the brackets as text
_EXT_IN_LABEL = re.compile(rf"\[(?=(?:{_PROTOCOLS}))", re.I)
_URL_CLASS = r"[^\]\[<>\"\x00-\x20\x7f\ue000-\ue00f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufffd]"
_URL_ADDR = r"(?:[0-9.]+|\[(?i:[0-9a-f:.]+)\]|" + _URL_CLASS + ")"
_EXT_BRACKETED = re.compile(
    # (?:marker[|[ rather than marker?[: both branches start with a literal, which the search skips to
    r"(?:(\ue001\d+\ue002)\[|\[)((?i:" + _PROTOCOLS + r")" + _URL_ADDR + _URL_CLASS + r"*)[ \u00a0\u3000]*"
    r"([^\]\x00-\x08\x0a-\x1f\ufffd]*?)\]"
)
_SPACE = r"(?:\s|&nbsp;|&#0*160;|&#[Xx]0*[Aa]0;|[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])"
_SPDASH = r"(?:-|" + _SPACE + ")"
_MAGIC = re.compile(
    r"(<a[ \t\r\n>].*?</a>)|(<.*?>)|(\ue001\d+\ue002)?(\b(?i:" + _PROTOCOLS + r")(" + _URL_ADDR + _URL_CLASS + r"*))"
    r"|\b(RFC|PMID)" + _SPACE + r"+([0-9]+)\b"
    r"|\bISBN" + _SPACE + r"+((?:97[89]" + _SPDASH + r"?)?(?:[0-9]" + _SPDASH + r"?){9}[0-9Xx]\b)",
    re.S,
)

_SUBPAGE_NAMESPACES = frozenset((1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 15))
_SCHEME_HINT = re.compile(r"(?i:mailto|news|tel|urn|geo|sips?|xmpp|bitcoin|magnet|sms|matrix):")
LANGUAGE_CODES = frozenset(
    "en zh de fr ja es ru it pt pl nl sv uk vi ar fa he ko id ms th tr cs hu fi no nb da ro el bg sr hr "
    "sk sl lt lv et ca eu gl hy az ka kk uz be mk sq bs is ga cy la eo simple zh-yue yue wuu gan "
    "zh-classical lzh zh-min-nan nan hak cdo ta te hi bn ur mr gu kn ml si ne my km lo mn bo ug".split()
)
# MediaWiki's $linkTrail of a few content languages (the rest have none, as zh)
_TRAIL = {
    "en": re.compile(r"^([a-z]+)(.*)$", re.S),
    "de": re.compile(r"^([äöüßa-z]+)(.*)$", re.S),
    "fr": re.compile(r"^([a-zàâçéèêîôûäëïöüùÇÉÂÊÎÔÛÄËÏÖÜÀÈÙ]+)(.*)$", re.S),
    "ca": re.compile(r"^((?:[a-zàèéíòóúç·ïü]|'(?!'))+)(.*)$", re.S),
    "kaa": re.compile(r"^((?:[a-zıʼ’“»]|'(?!'))+)(.*)$", re.S),
    "is": re.compile(r"^([áðéíóúýþæöa-z\-–]+)(.*)$", re.S),
}
# $linkPrefixExtension: letters right before "[[" join the link's text ("mótmælenda[[söfnuður]]").
# MediaWiki's default charset is a-zA-Z and all non-ASCII; the private-use area is left out
# here because WikiView's own markers live there.
_PREFIX = {
    "is": re.compile("[a-zA-Z\x80-\udfff\uf900-\U0010ffff]+$"),
}


def _trail_regex(lang: str):
    return _TRAIL.get(lang.split("-")[0])


def _split_trail(lang: str, trail: str) -> tuple[str, str]:
    regex = _trail_regex(lang)
    if regex is None:
        return "", trail
    m = regex.match(trail)
    return (m.group(1), m.group(2)) if m else ("", trail)


def _escape_attr(value: str) -> str:
    return html.escape(value, quote=True).replace("'", "&#39;")


def _find_closing(text: str, start: int) -> int:
    """Index of the ``]]`` that closes a link whose inner text starts at ``start`` (nested
    ``[[...]]`` allowed, as in image captions); -1 if none."""
    depth = 0
    i = start
    while True:
        a = text.find("[[", i)
        b = text.find("]]", i)
        if b < 0:
            return -1
        if 0 <= a < b:
            depth += 1
            i = a + 2
            continue
        if depth == 0:
            return b
        depth -= 1
        i = b + 2


def internal_links(r: Renderer, text: str) -> str:
    if "[[" not in text:
        return text
    pieces = text.split("[[")
    out = [pieces[0]]
    i = 1
    while i < len(pieces):
        line = pieces[i]
        i += 1
        pos_match = _POS.search(out[-1])
        link_span = None
        if pos_match:
            link_span = r.link_span(int(pos_match.group(1)))
            out[-1] = out[-1][: pos_match.start()]
        m = _E1.match(line)
        might_be_img = False
        prefix_regex = _PREFIX.get(r.lang.split("-")[0])
        prefix_m = prefix_regex.search(out[-1]) if prefix_regex is not None and (m or _E1_IMG.match(line)) else None
        prefix = prefix_m.group() if prefix_m else ""
        if m:
            target, label, trail = m.group(1), m.group(2), m.group(3)
            if label and trail.startswith("]") and "[" in label:
                label += "]"  # [[a|[http://x y]]] : the third ] belongs to the label
                trail = trail[1:]
        else:
            m2 = _E1_IMG.match(line)
            if not m2:
                out.append("[[" + line)
                continue
            target, label, trail = m2.group(1), m2.group(2), ""
            might_be_img = True
            maybe_file = parse_title(_POS_ANY.sub("", target).strip())
            if maybe_file is None or maybe_file.ns != 6 or target.lstrip().startswith(":"):
                out.append("[[" + line)  # an invalid link, shown as written
                continue
        if might_be_img:
            # gather the following pieces up to the matching "]]" (captions with links)
            rest = line
            while True:
                close = _find_closing(rest, len(target) + 1 if "|" in rest[: len(target) + 1] else len(target))
                if close >= 0:
                    break
                if i >= len(pieces):
                    break
                rest = rest + "[[" + pieces[i]
                i += 1
            close = _find_closing(rest, len(target))
            if close < 0:
                out.append("[[" + rest)
                continue
            inner = rest[:close]
            trail = rest[close + 2:]
            target, _, label = inner.partition("|")
            if not _:
                label = None
        if prefix:
            out[-1] = out[-1][:-len(prefix)]
        rendered = _render_internal(r, target, label, trail, out, link_span, might_be_img, prefix)
        if rendered is None:
            out[-1] += prefix
            out.append("[[" + line if not might_be_img else "[[" + (target + ("|" + label if label is not None else "") + "]]" + trail))
        else:
            out.append(rendered)
        _flush_skip_lines(r, out)
    if r.pending_skip_lines:
        out.append("\n\x04" * r.pending_skip_lines)
        r.pending_skip_lines = 0
    return "".join(out)


def _render_internal(r: Renderer, target: str, label: str | None, trail: str, out: list[str],
                     link_span, might_be_img: bool, prefix: str = "") -> str | None:
    orig = target.lstrip(" ")
    clean = _POS_ANY.sub("", orig)
    if (":" in clean or clean.startswith("//")) and _PROTOCOL_START.match(clean):  # every protocol has one
        return None
    if "%" in clean:
        try:
            from urllib.parse import unquote

            clean = unquote(clean)
        except Exception:
            pass
    written = r.unstrip_nowiki(clean)
    link = sanitize.decode_char_references(written)  # the title's references decoded, once
    if link.startswith("/") and r.page_title.ns in _SUBPAGE_NAMESPACES:
        # [[/sub]] on a page of a namespace with subpages links below that page
        target_text = r.page_title.full + link.rstrip("/")
        title = parse_title(target_text)
        if title is not None and (label is None or label == ""):
            label_text = link[1:].rstrip("/") if link.endswith("/") else link
            return _link_html(r, title, prefix + r.add_strip("general", html.escape(label_text, quote=False)), trail,
                              link_span)
    title = parse_title(link)
    if title is None:
        return None
    noforce = not link.startswith(":")
    if not noforce:
        link = link[1:]
    wasblank = label is None or label == ""
    if wasblank:
        # the target as written (percent-decoded, its references left to the browser), kept away from the quote pass
        text = (written[1:] if written.startswith(":") else written).replace("<", "&lt;").replace(">", "&gt;")
        text = r.add_strip("general", text)
    else:
        text = do_quotes(_EXT_IN_LABEL.sub("&#91;", label) if "[" in label else label)
    prefix_text = link.split(":", 1)[0].strip().lower() if ":" in link else ""
    if noforce:
        if prefix_text in LANGUAGE_CODES and title.ns == 0:
            r.language_links.append(link.strip())
            return prefix + _remove_inline(r, out, trail)
        if title.ns == 14:  # category
            r.add_category(title.text, None if wasblank else r.unstrip_nowiki(label or ""))
            return prefix + _remove_inline(r, out, trail)
        if title.ns == 6:
            return prefix + r.file_link(title, "" if label is None else label, link_span) + trail
    return _link_html(r, title, prefix + text, trail, link_span)


def _link_html(r: Renderer, title: Title, text: str, trail: str, link_span) -> str:
    """The ``<a>`` of an internal link (blue, red, self or fragment), its trail absorbed."""
    inside, trail = _split_trail(r.lang, trail)
    text += inside
    src = f' data-wv-src="{link_span[0]}-{link_span[1]}"' if link_span else ""
    if title.text == "" and title.fragment:
        href = "#" + _fragment(title.fragment)
        return r.link_placeholder(f'<a href="{_escape_attr(href)}"{src}>') + text + "</a>" + trail
    if title.full == r.page_title.full and not title.fragment and title.ns >= 0:
        return f'<a class="mw-selflink selflink"{src}>' + text + "</a>" + trail
    href = page_url(title)
    if title.fragment:
        href += "#" + _fragment(title.fragment)
    name = title.full
    if title.ns == -1 or r.page_exists(title):
        tag = f'<a href="{_escape_attr(href)}" title="{_escape_attr(name)}"{src}>'
    else:
        red = "/index.php?title=" + wiki_urlencode(name.replace(" ", "_")) + "&action=edit&redlink=1"
        tag = f'<a href="{_escape_attr(red)}" class="new" title="{_escape_attr(name + " (page does not exist)")}"{src}>'
    return r.link_placeholder(tag) + text + "</a>" + trail


def _fragment(fragment: str) -> str:
    """A link's fragment as MediaWiki writes it (escapeIdForLink, html5): blanks to ``_``."""
    return re.sub(r"\s+", "_", fragment.strip(" "))  # its references were decoded with the title


def _remove_inline(r: Renderer, out: list[str], trail: str) -> str:
    """A category or language link leaves no text; whitespace before it goes too (MediaWiki
    rtrims). The newlines removed come back as skip lines after the current line, so that
    lines keep their source spans."""
    while out:  # rstrip the output so far, touching only its blank tail
        last = out[-1]
        kept = last.rstrip()
        r.pending_skip_lines += last.count("\n", len(kept))
        if kept:
            out[-1] = kept
            break
        out.pop()
    if not out:
        out.append("")
    return trail


def _flush_skip_lines(r: Renderer, out: list[str]) -> None:
    if r.pending_skip_lines and "\n" in out[-1]:
        last = out[-1]
        cut = last.index("\n")
        out[-1] = last[:cut] + "\n\x04" * r.pending_skip_lines + last[cut:]
        r.pending_skip_lines = 0


def external_links(r: Renderer, text: str) -> str:
    if "[" not in text:
        return text

    def repl(m: re.Match) -> str:
        marker, url, label = m.group(1), m.group(2), m.group(3)
        span = r.link_span(int(marker[1:-1])) if marker else None
        cut = re.search(r"&(lt|gt|nbsp|#x0*(3[CcEe]|[Aa]0)|#0*(60|62|160));", url)
        if cut:
            label = url[cut.start():] + " " + label
            url = url[: cut.start()]
        kind = "text"
        if label == "":
            r.autonumber += 1
            label = f"[{r.autonumber}]"
            kind = "autonumber"
        clean = sanitize.clean_url(url)
        if clean is None:
            return m.group(0)
        src = f' data-wv-src="{span[0]}-{span[1]}"' if span else ""
        return (f'<a rel="nofollow" class="external {kind}" href="{_escape_attr(clean)}"{src}>'
                + label + "</a>")

    return _EXT_BRACKETED.sub(repl, text)


def magic_links(r: Renderer, text: str) -> str:
    if not ("://" in text or "ISBN" in text or "RFC" in text or "PMID" in text
            or (":" in text and _SCHEME_HINT.search(text))):
        return text

    def repl(m: re.Match) -> str:
        if m.group(1) or m.group(2):
            return m.group(0)
        if m.group(4):
            span = r.link_span(int(m.group(3)[1:-1])) if m.group(3) else None
            return _free_link(m.group(4), len(m.group(5)), span)
        if m.group(6):
            kind, number = m.group(6), m.group(7)
            if kind == "RFC":
                url = f"https://tools.ietf.org/html/rfc{number}"
            else:
                url = f"https://www.ncbi.nlm.nih.gov/pubmed/{number}?dopt=Abstract"
            label = _POS_ANY.sub("", m.group(0))
            return f'<a class="external mw-magiclink-{kind.lower()}" rel="nofollow" href="{url}">{label}</a>'
        isbn = m.group(8)
        num = re.sub(r"[^0-9Xx]", "", re.sub(_SPACE, "", isbn)).upper()
        return (f'<a href="/wiki/Special:BookSources/{num}" class="internal mw-magiclink-isbn">'
                f'{m.group(0)}</a>')

    return _MAGIC.sub(repl, text)


def _free_link(url: str, post_proto: int, span) -> str:
    trail = ""
    cut = re.search(r"&(lt|gt|nbsp|#x0*(3[CcEe]|[Aa]0)|#0*(60|62|160));", url)
    if cut:
        trail = url[cut.start():]
        url = url[: cut.start()]
    sep = ",;\\.:!?"
    if "(" not in url:
        sep += ")"
    n = len(url) - len(url.rstrip(sep))
    if n and url[len(url) - n] == ";":
        if re.search(r"&([a-z]+|#x[\da-f]+|#\d+)$", url[: len(url) - n], re.I):
            n -= 1
    if n:
        trail = url[len(url) - n:] + trail
        url = url[: len(url) - n]
    if len(trail) >= post_proto:
        return url + trail
    clean = sanitize.clean_url(url)
    if clean is None or re.fullmatch(r"(?i:" + _PROTOCOLS + r")", url):
        return url + trail
    src = f' data-wv-src="{span[0]}-{span[1]}"' if span else ""
    return (f'<a rel="nofollow" class="external free" href="{_escape_attr(clean)}"{src}>'
            f'{html.escape(clean, quote=False)}</a>' + trail)

