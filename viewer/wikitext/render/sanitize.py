"""What an article may put in the HTML: MediaWiki 1.39's Sanitizer allow-lists, in one place.

The renderer asks three questions while it writes HTML: may this tag be written
(:func:`is_allowed_tag`), which of these attributes survive and how are they written
(:func:`sanitize_attributes`, which runs ``style`` through :func:`check_css`), and may this
external link be followed (:func:`clean_url`). :func:`final_pass` then runs the whole body
through nh3 as a second, independent wall: it allows a superset of what MediaWiki and
WikiView emit, so valid output comes out unchanged, and anything that slipped past the
renderer (a tag or an ``on*`` attribute or a ``javascript:`` URL) is removed.

The facts (which tags, which attributes, which CSS is refused, which URL schemes) are those of
MediaWiki 1.39's ``Sanitizer.php`` and ``$wgUrlProtocols``; the code is our own.
"""

from __future__ import annotations

import functools
import html
import re
import secrets
import unicodedata
from html.entities import html5 as _HTML5_ENTITIES

import nh3

__all__ = [
    "URL_PROTOCOLS",
    "is_allowed_tag",
    "is_valid_tag",
    "is_void_tag",
    "allowed_attributes",
    "decode_attributes",
    "validate_attributes",
    "encode_attributes",
    "sanitize_attributes",
    "decode_char_references",
    "normalize_css",
    "check_css",
    "escape_id",
    "clean_url",
    "has_url_protocol",
    "final_pass",
]

# ---------------------------------------------------------------------------------------------
# Tags (Sanitizer::getRecognizedTagData, with $wgAllowImageTag off)

# Tags that must be closed.
_HTML_PAIRS = frozenset(
    """b bdi del i ins u font big small sub sup h1 h2 h3 h4 h5 h6 cite code em s strike strong
    tt var div center blockquote ol ul dl table caption pre ruby rb rp rt rtc p span abbr dfn
    kbd samp data time mark""".split()
)
# Tags that may be self-closed (``<br/>``); meta and link only as microdata (see _tag_is_valid).
_HTML_SINGLE = frozenset("br wbr hr li dt dd meta link".split())
_HTML_SINGLE_ONLY = frozenset("br wbr hr meta link".split())
# Tags that may nest; with the two above, they make every tag wikitext may write.
_HTML_NEST = frozenset(
    """table tr td th div blockquote ol ul li dl dt dd font big small sub sup span var kbd samp
    em strong q ruby bdo""".split()
)
_HTML_ELEMENTS = _HTML_PAIRS | _HTML_SINGLE | _HTML_NEST


def is_allowed_tag(name: str) -> bool:
    """Whether wikitext may write ``<name ...>`` as HTML (else it is shown as text)."""
    return name.lower() in _HTML_ELEMENTS


def is_valid_tag(name: str, attrs: str) -> bool:
    """Whether an allowed tag may be written with these attributes: ``<meta>`` and ``<link>``
    only as microdata (``itemprop`` with ``content``, or with ``href``); otherwise the whole tag
    is shown as text, as MediaWiki does (Sanitizer::validateTag)."""
    name = name.lower()
    if name not in ("meta", "link"):
        return True
    decoded = decode_attributes(attrs)
    return "itemprop" in decoded and ("content" if name == "meta" else "href") in decoded


def is_void_tag(name: str) -> bool:
    """Tags written without a closing tag (``<br>``, ``<hr>``...)."""
    return name.lower() in _HTML_SINGLE_ONLY


# ---------------------------------------------------------------------------------------------
# Attributes allowed per element (Sanitizer::setupAttributesAllowedInternal)

_COMMON = frozenset(
    """id class style lang dir title tabindex
    aria-describedby aria-flowto aria-hidden aria-label aria-labelledby aria-owns role
    about property resource datatype typeof
    itemid itemprop itemref itemscope itemtype""".split()
)
_BLOCK = _COMMON | {"align"}
_TABLE_ALIGN = frozenset({"align", "valign"})
_TABLE_CELL = frozenset("abbr axis headers scope rowspan colspan nowrap width height bgcolor".split())


def _with(*extra: str, base: frozenset[str] = _COMMON) -> frozenset[str]:
    return base | frozenset(extra)


_ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "div": _BLOCK,
    "center": _COMMON,
    "span": _COMMON,
    **{f"h{n}": _BLOCK for n in range(1, 7)},
    "bdo": _COMMON,
    **{t: _COMMON for t in "em strong cite dfn code samp kbd var abbr sub sup".split()},
    "blockquote": _with("cite"),
    "q": _with("cite"),
    "p": _BLOCK,
    "br": _with("clear"),
    "wbr": _COMMON,
    "pre": _with("width"),
    "ins": _with("cite", "datetime"),
    "del": _with("cite", "datetime"),
    "ul": _with("type"),
    "ol": _with("type", "start", "reversed"),
    "li": _with("type", "value"),
    "dl": _COMMON,
    "dd": _COMMON,
    "dt": _COMMON,
    "table": _with("summary", "width", "border", "frame", "rules", "cellspacing", "cellpadding", "align", "bgcolor"),
    "caption": _BLOCK,
    "thead": _COMMON,
    "tfoot": _COMMON,
    "tbody": _COMMON,
    "colgroup": _with("span"),
    "col": _with("span"),
    "tr": _COMMON | {"bgcolor"} | _TABLE_ALIGN,
    "td": _COMMON | _TABLE_CELL | _TABLE_ALIGN,
    "th": _COMMON | _TABLE_CELL | _TABLE_ALIGN,
    # <a> and <img> are not allowed in wikitext; the lists serve links and images we build.
    "a": _with("href", "rel", "rev"),
    "img": _with("alt", "src", "width", "height", "srcset"),
    "audio": _with("controls", "preload", "width", "height"),
    "video": _with("poster", "controls", "preload", "width", "height"),
    "source": _with("type", "src"),
    "track": _with("type", "src", "srclang", "kind", "label"),
    **{t: _COMMON for t in "tt b i big small strike s u".split()},
    "font": _with("size", "color", "face"),
    "hr": _with("width"),
    **{t: _COMMON for t in "ruby rb rp rt rtc".split()},
    "math": frozenset({"class", "style", "id", "title"}),
    "figure": _COMMON,
    "figcaption": _COMMON,
    "bdi": _COMMON,
    "data": _with("value"),
    "time": _with("datetime"),
    "mark": _COMMON,
    "meta": frozenset({"itemprop", "content"}),
    "link": frozenset({"itemprop", "href", "title"}),
    "aside": _COMMON,
}


def allowed_attributes(tag: str) -> frozenset[str]:
    """The attribute names MediaWiki keeps on ``tag`` (``data-*`` aside)."""
    return _ALLOWED_ATTRIBUTES.get(tag.lower(), frozenset())


# ---------------------------------------------------------------------------------------------
# Character references (Sanitizer::decodeCharReferences): wikitext entities need their ';'

_CHAR_REF = re.compile(r"&([A-Za-z0-9\x80-\U0010FFFF]+;)|&#([0-9]+);|&#[xX]([0-9A-Fa-f]+);")
# MediaWiki's own aliases, not in HTML5.
_ENTITY_ALIASES = {"רלמ;": "rlm;", "رلم;": "rlm;"}


def _valid_codepoint(point: int) -> bool:
    """A character allowed in both HTML5 and XML (what MediaWiki lets an entity stand for)."""
    return (
        point in (0x09, 0x0A)
        or 0x20 <= point <= 0x7E
        or 0xA0 <= point <= 0xD7FF
        or 0xE000 <= point <= 0xFFFD
        or 0x10000 <= point <= 0x10FFFF
    )


def _decode_char(point: int) -> str:
    return chr(point) if _valid_codepoint(point) else "\ufffd"


def _decode_ref(match: re.Match[str]) -> str:
    name, dec, hexa = match.groups()
    if name is not None:
        name = _ENTITY_ALIASES.get(name, name)
        return _HTML5_ENTITIES.get(name, "&" + name)
    # Huge numbers stay in range: anything past U+10FFFF is invalid anyway.
    digits = dec if dec is not None else hexa
    if len(digits) > 8:
        return "\ufffd"
    return _decode_char(int(digits, 10 if dec is not None else 16))


def decode_char_references(text: str) -> str:
    """``&eacute;``, ``&#233;``, ``&#xE9;`` -> ``é``; an invalid code point -> U+FFFD;
    unknown names and HTML5's semicolon-less forms stay as written."""
    if "&" not in text:
        return text
    return _CHAR_REF.sub(_decode_ref, text)


# ---------------------------------------------------------------------------------------------
# Attribute text -> name/value pairs (Sanitizer::decodeTagAttributes)

_SPACE = "\t\n\x0c\r "
_ATTRIBUTE = re.compile(
    rf"""((?:[^{_SPACE}/>=]|=)[^{_SPACE}/>=]*)
        ([{_SPACE}]*=[{_SPACE}]*
            (?:
                "([^"]*)(?:"|$)
              | '([^']*)(?:'|$)
              | ((?:(?![{_SPACE}]|>).)*)
            )
        )?""",
    re.S | re.X,
)
_WHITESPACE_RUN = re.compile(r"[\t\r\n ]+")


def _valid_attribute_name(name: str) -> bool:
    # [:_\p{L}\p{N}][:_.\-\p{L}\p{N}]*
    if not name:
        return False
    for index, char in enumerate(name):
        if char in ":_" or unicodedata.category(char)[0] in "LN":
            continue
        if index and char in ".-":
            continue
        return False
    return True


def decode_attributes(text: str) -> dict[str, str]:
    """Raw attribute text -> ``{name: value}``: names lower-cased and checked, values with
    whitespace collapsed and character references decoded; a repeated name: the last wins,
    in the place of the first."""
    attributes: dict[str, str] = {}
    if not text.strip():
        return attributes
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        if not _valid_attribute_name(name):
            continue
        _, _, double, single, bare = match.groups()
        value = next((v for v in (bare, single, double) if v is not None), "")
        value = _WHITESPACE_RUN.sub(" ", value).strip()
        attributes[name] = decode_char_references(value)
    return attributes


# ---------------------------------------------------------------------------------------------
# Attribute values that are checked (Sanitizer::validateAttributes)

URL_PROTOCOLS = (
    "bitcoin:", "ftp://", "ftps://", "geo:", "git://", "gopher://", "http://", "https://",
    "irc://", "ircs://", "magnet:", "mailto:", "matrix:", "mms://", "news:", "nntp://",
    "redis://", "sftp://", "sip:", "sips:", "sms:", "ssh://", "svn://", "tel:", "telnet://",
    "urn:", "worldwind://", "xmpp:", "//",
)  # MediaWiki 1.39's $wgUrlProtocols
_PROTOCOLS = "|".join(re.escape(p) for p in URL_PROTOCOLS)
_HREF = re.compile(rf"^(?:{_PROTOCOLS})\S+$")
_PROTOCOL_START = re.compile(rf"^(?:{_PROTOCOLS})", re.I)
_EVIL_URI = re.compile(r"(^|\s|\*/\s*)(javascript|vbscript)(\W|$)", re.I)
_XMLNS = re.compile(r"^xmlns:[:A-Z_a-z\-.0-9]+$")
_DATA_ATTRIBUTE = re.compile(r"^data-[^:]*$", re.I)
# data-mw*, data-parsoid*, data-ooui* are MediaWiki's own; data-wv-* is WikiView's (the
# preview <-> source link): an article must not be able to forge either.
_RESERVED_DATA = re.compile(r"^data-(?:ooui|mw|parsoid|wv-)", re.I)
_ID_LISTS = frozenset({"aria-describedby", "aria-flowto", "aria-labelledby", "aria-owns"})
_URI_LIKE = frozenset(
    "rel rev about property resource datatype typeof itemid itemprop itemref itemscope itemtype".split()
)
_URL_ATTRIBUTES = frozenset({"href", "src", "poster"})


def escape_id(value: str) -> str:
    """An ``id`` as MediaWiki writes it ($wgFragmentMode html5): at most 1024 characters,
    whitespace turned into ``_``."""
    value = value[:1024]
    for char in "\t\n\x0c\r ":
        value = value.replace(char, "_")
    return value


def _is_reserved_data(name: str) -> bool:
    return bool(_RESERVED_DATA.match(name))


def validate_attributes(attributes: dict[str, str], tag: str) -> dict[str, str]:
    """Keep only what MediaWiki keeps on ``tag``, with ``style``, ``id`` and URLs made safe."""
    allowed = allowed_attributes(tag)
    out: dict[str, str] = {}
    for name, value in attributes.items():
        if _XMLNS.match(name):
            if not _EVIL_URI.search(value):
                out[name] = value
            continue
        if (not _DATA_ATTRIBUTE.match(name) and name not in allowed) or _is_reserved_data(name):
            continue
        if name == "style":
            value = check_css(value)
        elif name == "id":
            value = escape_id(value)
        elif name in _ID_LISTS:
            value = " ".join(escape_id(part) for part in value.split())
        if name in _URI_LIKE and _EVIL_URI.search(value):
            continue
        if name in _URL_ATTRIBUTES and not _HREF.match(value):
            continue  # relative URLs and unknown schemes (javascript:, data:...) go
        if name == "tabindex" and value != "0":
            continue
        out[name] = value
    if "itemscope" not in out:
        for name in ("itemtype", "itemid", "itemref"):
            out.pop(name, None)
    return out


# ---------------------------------------------------------------------------------------------
# Serialising (Sanitizer::safeEncodeAttribute): escaped, and armoured so that nothing in a
# value can later be read as wikitext, a magic link or a URL.

_ARMOUR = (
    ("{", "&#123;"), ("}", "&#125;"), ("[", "&#91;"), ("]", "&#93;"), ("''", "&#39;&#39;"),
    ("ISBN", "&#73;SBN"), ("RFC", "&#82;FC"), ("PMID", "&#80;MID"), ("|", "&#124;"), ("__", "&#95;_"),
)
_PROTOCOL_ANYWHERE = re.compile(rf"(?i:{_PROTOCOLS})")


def encode_attribute_value(value: str) -> str:
    encoded = html.escape(value, quote=True).replace("&#x27;", "&#039;")
    encoded = encoded.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    for raw, armoured in _ARMOUR:
        encoded = encoded.replace(raw, armoured)
    return _PROTOCOL_ANYWHERE.sub(lambda m: m.group(0).replace(":", "&#58;"), encoded)


def encode_attributes(attributes: dict[str, str]) -> str:
    """``{name: value}`` -> `` name="value" ...`` (a leading space if not empty)."""
    return "".join(
        f' {html.escape(name, quote=False).replace(chr(34), "&quot;")}="{encode_attribute_value(value)}"'
        for name, value in attributes.items()
    )


def sanitize_attributes(tag: str, attrs: str) -> str:
    """Attribute text as written in wikitext -> the attributes MediaWiki would output for
    ``tag``, serialised, with a leading space if any survive (Sanitizer::fixTagAttributes)."""
    if not attrs or not attrs.strip():
        return ""
    return encode_attributes(validate_attributes(decode_attributes(attrs), tag.lower()))


# ---------------------------------------------------------------------------------------------
# CSS (Sanitizer::normalizeCss and checkCss)

_CSS_ESCAPE = re.compile(
    r"""\\(?:
        (\n|\r\n|\r|\f)               # line continuation
      | ([0-9A-Fa-f]{1,6})[\x20\t\r\n\f]?  # a character by number
      | (.)                           # an escaped character
      | ()$                           # a backslash at the very end
    )""",
    re.X | re.S,
)
_SINGLE_COMMENT = re.compile(r"^\s*/\*[^*/]*\*/\s*$")
_CSS_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_CSS_INSECURE = re.compile(
    r"""expression
      | filter\s*:
      | accelerator\s*:
      | -o-link\s*:
      | -o-link-source\s*:
      | -o-replace\s*:
      | url\s*\(
      | image\s*\(
      | image-set\s*\(
      # (and attr(... url), checked by _attr_url)
      # not in MediaWiki's list, refused here too: legacy script hooks and imports
      | behavior\s*:
      | -moz-binding
      | @import
    """,
    re.I | re.X,
)
INVALID_CONTROL_CHAR = "/* invalid control char */"
INSECURE_INPUT = "/* insecure input */"


def _css_unescape(match: re.Match[str]) -> str:
    newline, number, escaped, _end = match.groups()
    if newline is not None:
        return ""
    if number is not None:
        point = int(number, 16)
        char = chr(point) if 0 < point <= 0x10FFFF and not 0xD800 <= point <= 0xDFFF else "\ufffd"
    elif escaped is not None:
        char = escaped
    else:
        char = "\\"
    if char in "\n\"'\\":
        # kept escaped so that a string stays a string
        return f"\\{ord(char):x} "
    return char


_ATTR_OPEN = re.compile(r"attr\s*\(", re.I)
_SEPARATOR_URL = re.compile(r"[\s,]url", re.I)


def _attr_url(value: str) -> bool:
    """MediaWiki's rule: ``attr(``, an argument, then separators and ``url`` before its ``)``;
    in linear time (MediaWiki's regex backtracks quadratically on a long unclosed ``attr(``)."""
    covered = 0
    for match in _ATTR_OPEN.finditer(value):
        if match.start() < covered:
            continue  # inside the previous argument: its search already looked here
        end = value.find(")", match.end())
        end = len(value) if end == -1 else end
        # at least one character of argument, then separators and "url", all before the ")"
        if _SEPARATOR_URL.search(value, match.end() + 1, end):
            return True
        covered = end
    return False


def _strip_comments(value: str) -> str:
    """Each ``/* ... */`` replaced by a space; from an unclosed ``/*`` on, nothing kept."""
    parts = []
    pos = 0
    while (start := value.find("/*", pos)) != -1:
        parts.append(value[pos:start])
        end = value.find("*/", start + 2)
        if end == -1:
            return "".join(parts)
        parts.append(" ")
        pos = end + 2
    parts.append(value[pos:])
    return "".join(parts)


def normalize_css(value: str) -> str:
    """References and CSS escapes decoded, comments removed (unless the value is nothing but
    one comment), everything after an unclosed ``/*`` dropped: the form that is checked."""
    value = decode_char_references(value)
    value = _CSS_ESCAPE.sub(_css_unescape, value)
    if not _SINGLE_COMMENT.match(value):
        value = _strip_comments(value)
    return value


def css_is_insecure(value: str) -> str | None:
    """The complaint MediaWiki puts instead of ``value`` (already normalized), or None."""
    if _CSS_CONTROL.search(value):
        return INVALID_CONTROL_CHAR
    if _CSS_INSECURE.search(value) or _attr_url(value):
        return INSECURE_INPUT
    return None


def check_css(style: str) -> str:
    """A ``style`` value made safe: normalized; or only ``/* insecure input */`` if it could
    load or run anything (``url(``, ``expression``, ``image(``...), or
    ``/* invalid control char */`` if it holds control characters."""
    value = normalize_css(style)
    return css_is_insecure(value) or value


# ---------------------------------------------------------------------------------------------
# External links (Sanitizer::cleanUrl)

_URL_ESCAPE = re.compile(r'[\]\[<>"\x00-\x20\x7f|]')
_URL_PARTS = re.compile(r"^([^:]+:)(//[^/]+)?(.*)$", re.S)
# Characters ignored in host names (RFC 8264 9.13): removed so that look-alikes are caught.
_HOST_IGNORED = re.compile(
    "[\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
_IPV6_HOST = re.compile(r"^//%5B([0-9A-Fa-f:.]+)%5D((:\d+)?)$")


def has_url_protocol(url: str) -> bool:
    """Whether ``url`` starts with one of $wgUrlProtocols (any case, as in external links)."""
    return bool(_PROTOCOL_START.match(url))


def _percent_encode(match: re.Match[str]) -> str:
    char = match.group(0)
    return "+" if char == " " else "".join(f"%{b:02X}" for b in char.encode("utf-8"))


def clean_url(url: str) -> str | None:
    """An external link's target made safe to write, or None if its scheme is not one of
    MediaWiki's $wgUrlProtocols (``javascript:``, ``vbscript:``, ``data:``, relative...)."""
    url = decode_char_references(url)
    url = _URL_ESCAPE.sub(_percent_encode, url)
    if not has_url_protocol(url):
        return None
    match = _URL_PARTS.match(url)
    if match:
        protocol, host, rest = match.group(1), match.group(2) or "", match.group(3)
        host = _HOST_IGNORED.sub("", host)
        ipv6 = _IPV6_HOST.match(host) if host.startswith("//%5B") else None
        if ipv6:
            host = f"//[{ipv6.group(1)}]{ipv6.group(2)}"
        url = protocol + host + rest
    return url


# ---------------------------------------------------------------------------------------------
# Defence in depth: the whole rendered body through nh3

# Every tag MediaWiki or WikiView writes in a body: wikitext's own, plus what the parser
# builds (links, tables' sections, figures, the TOC's toggle) and nothing that runs or loads.
_FINAL_TAGS = _HTML_ELEMENTS | frozenset(
    "a img thead tbody tfoot colgroup col figure figcaption aside bdo q sup sub input label nav section".split()
)
_FINAL_ATTRIBUTES: dict[str, set[str]] = {
    "*": set(_COMMON) | {"align", "width", "height", "bgcolor", "valign", "clear", "type", "start",
                          "reversed", "value", "span", "cite", "datetime", "size", "color", "face",
                          "summary", "border", "frame", "rules", "cellspacing", "cellpadding",
                          "abbr", "axis", "headers", "scope", "rowspan", "colspan", "nowrap",
                          "content", "xml:lang", "for", "rev"},
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "srcset", "decoding", "loading"},
    "link": {"href"},
}
_FINAL_SCHEMES = {p.rstrip(":/") for p in URL_PROTOCOLS if p != "//"}


def _final_filter(tag: str, name: str, value: str) -> str | None:
    if name in _FILTER_PASSES:  # most attributes (nh3 calls this for each one of the page's)
        return value
    if name == "style":
        # Only refuse here; rewriting would make a second pass differ from the first.
        return INSECURE_INPUT if _css_refused(value) else value
    if name == "type" and tag == "input" and value.lower() != "checkbox":
        return None
    if (name in _URI_LIKE or name.startswith("xmlns:")) and _EVIL_URI.search(value):
        return None
    return value


# names _final_filter gives back unchanged whatever the value: none is "style" or "type",
# in _URI_LIKE or starts with "xmlns:"
_FILTER_PASSES = frozenset(
    name for name in set().union(*_FINAL_ATTRIBUTES.values(), {"data-wv-src", "data-orig-title"})
    if name not in ("style", "type") and name not in _URI_LIKE and not name.startswith("xmlns:"))


@functools.lru_cache(maxsize=1024)
def _css_refused(value: str) -> bool:
    """Whether a style value is refused (pages repeat their few styles many times)."""
    return bool(css_is_insecure(normalize_css(value)))


_CLEANERS: dict[bool, nh3.Cleaner] = {}


def _cleaner(filtered: bool = True) -> nh3.Cleaner:
    """The final pass's cleaner; unfiltered, the same without the attribute filter, for the
    passes after the first: the attributes they see are the filter's own output (re-parsing
    moves or clones elements, never makes a value), which it gives back unchanged, so
    calling it again (a Python call per attribute) would change nothing."""
    cleaner = _CLEANERS.get(filtered)
    if cleaner is None:
        cleaner = _CLEANERS[filtered] = nh3.Cleaner(
            tags=set(_FINAL_TAGS),
            clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "embed",
                                "svg", "math", "noembed", "noframes", "xmp", "plaintext"},
            attributes={k: set(v) for k, v in _FINAL_ATTRIBUTES.items()},
            attribute_filter=_final_filter if filtered else None,
            generic_attribute_prefixes={"data-", "xmlns:"},
            url_schemes=set(_FINAL_SCHEMES),
            link_rel=None,
            strip_comments=True,
        )
    return cleaner


# HTML parsers drop the newline right after <pre>; the serializer does not put it back.
_PRE_NEWLINE = re.compile(r"(<pre\b[^>]*>)\n")
# An href with one of MediaWiki's protocols, as our renderer writes it (double quotes). No
# quote, space, < or > inside: hiding it from nh3 can never hide a tag or another attribute.
_PROTOCOL_HREF = re.compile(rf'href="((?i:{_PROTOCOLS})[^"\s<>]*)"')  # after a blank: see _split_hrefs


def _split_hrefs(body: str) -> list[str]:
    """``[text, url, text, url, ..., text]``: the values of hrefs with a protocol, each after a
    blank and ``href="``. (Found from the literal ``href="``, the blank checked after: a
    pattern starting with ``\\s`` is tried at every blank of the page, 3x slower.)"""
    parts = []
    pos = 0
    for match in _PROTOCOL_HREF.finditer(body):
        start = match.start()
        if start and body[start - 1].isspace():
            parts.append(body[pos:start + 6])  # through 'href="'
            parts.append(match.group(1))
            pos = match.end() - 1  # the closing quote starts the next text
    parts.append(body[pos:])
    return parts



def final_pass(body: str) -> str:
    """The rendered body with anything that could run or load removed (nh3). Output that
    MediaWiki's rules already allowed comes through with the same meaning; twice is once.

    hrefs with one of $wgUrlProtocols are checked here, by MediaWiki's rule, and kept as
    written: nh3 would drop those its URL parser refuses (MediaWiki writes
    ``http://www.example.com%7Can`` for ``[[http://www.example.com|an example]]``).
    Mis-nested HTML (``<h2><i></i><h2>``) can serialize to a tree that parses differently the
    next time; cleaning again until nothing changes gives HTML that means what it says, which
    the preview's patching relies on. Balanced HTML is stable after the first cleaning."""
    token = f"#wv-href-{secrets.token_hex(8)}-"
    parts = _split_hrefs(body)
    kept = parts[1::2]
    parts[1::2] = [f"{token}{i}" for i in range(len(kept))]
    out = _PRE_NEWLINE.sub("\\1\n\n", _cleaner().clean("".join(parts)))
    cleaner = _cleaner(filtered=False)
    for _ in range(3):
        again = _PRE_NEWLINE.sub("\\1\n\n", cleaner.clean(out))
        if again == out:
            break
        out = again
    if kept:  # each token back to its url (str.split: a regex of the token is compiled anew each time)
        pieces = out.split(token)
        restored = [pieces[0]]
        for piece in pieces[1:]:
            digits = len(piece) - len(piece.lstrip("0123456789"))
            restored.append(kept[int(piece[:digits])] + piece[digits:] if digits else token + piece)
        out = "".join(restored)
    return out
