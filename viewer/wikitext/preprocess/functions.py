"""Magic words and parser functions that need no database: one small registered function each.

A parser function gets ``(expander, frame, first, args)``: ``first`` is the expanded text after
the colon, ``args`` the other arguments, expanded only when read (:class:`PFArg`), as
MediaWiki's CoreParserFunctions and the ParserFunctions extension receive them.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
import urllib.parse
from collections.abc import Callable

from viewer.wikitext.preprocess.expand import Expander, Frame, PFArg
from viewer.wikitext.preprocess.expr import ExprError, evaluate
from viewer.wikitext.preprocess.titles import NAMESPACES, Title, parse_title, wiki_urlencode

__all__ = ["lookup", "is_variable", "variable", "escape_wikitext", "anchor_encode"]

Function = Callable[[Expander, Frame, str, list[PFArg]], str]
_FUNCTIONS: dict[str, Function] = {}


def function(*names: str) -> Callable[[Function], Function]:
    def register(func: Function) -> Function:
        for name in names:
            _FUNCTIONS[name.lower()] = func
        return func

    return register


def lookup(name: str) -> Function | None:
    """The parser function called ``name`` (``#if``, ``lc``...), case-insensitive."""
    return _FUNCTIONS.get(name.strip().lower())


def _error(expander: Expander, message: str) -> str:
    return f'<strong class="error">{message}</strong>'


# ---------------------------------------------------------------------------- text helpers

_ESCAPES = {'"': "&#34;", "&": "&#38;", "'": "&#39;", "<": "&#60;", "=": "&#61;", ">": "&#62;",
            "[": "&#91;", "]": "&#93;", "{": "&#123;", "|": "&#124;", "}": "&#125;", ";": "&#59;"}


def escape_wikitext(text: str) -> str:
    """``wfEscapeWikiText``: text that shows as itself when parsed as wikitext."""
    out = "".join(_ESCAPES.get(c, c) for c in text)
    if out[:1] in ("#", "*", ":", ";", " ", "\n", "\r", "\t"):
        out = f"&#{ord(out[0])};" + out[1:]
    out = re.sub(r"\n([#*:;\s])", lambda m: "\n&#%d;" % ord(m.group(1)), out)
    out = out.replace("__", "&#95;_").replace("://", "&#58;//")
    out = re.sub(r"(ISBN|RFC|PMID)(\s)", lambda m: m.group(1) + "&#%d;" % ord(m.group(2)), out)
    return out


_MARKER = re.compile("\x7fUNIQ--[a-z]+-\\d+-QINU\x7f")


def kill_markers(text: str) -> str:
    """Strip markers removed (what MediaWiki's killMarkers does before encoding text)."""
    return _MARKER.sub("", text) if "\x7f" in text else text


def skip_markers(func: Callable[[str], str], text: str) -> str:
    """``func`` applied to the text between strip markers (markerSkipCallback)."""
    if "\x7f" not in text:
        return func(text)
    out, pos = [], 0
    for m in _MARKER.finditer(text):
        out.append(func(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(func(text[pos:]))
    return "".join(out)


def anchor_encode(text: str) -> str:
    """``{{anchorencode:}}``: the html5 id a link to ``text`` uses, as a heading gets it
    (links reduced to their text, markers and tags dropped)."""
    from viewer.wikitext.anchors import anchor_for

    text = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", kill_markers(text))
    return anchor_for(re.sub(r"<[^>]*>", "", text))


def _is_number(s: str) -> bool:
    return bool(re.fullmatch(r"\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*", s, re.I))


def _loose_equal(a: str, b: str) -> bool:
    """PHP's ``==`` on two strings: numeric strings compare as numbers."""
    if _is_number(a) and _is_number(b):
        return float(a) == float(b)
    return a == b


# ---------------------------------------------------------------------------- ParserFunctions


@function("#if")
def pf_if(ex: Expander, frame: Frame, first: str, args: list[PFArg]) -> str:
    if first.strip():
        return args[0].full().strip() if args else ""
    return args[1].full().strip() if len(args) > 1 else ""


@function("#ifeq")
def pf_ifeq(ex: Expander, frame: Frame, first: str, args: list[PFArg]) -> str:
    a = html.unescape(first.strip())
    b = html.unescape(args[0].full().strip()) if args else ""
    same = _loose_equal(a, b)
    if same:
        return args[1].full().strip() if len(args) > 1 else ""
    return args[2].full().strip() if len(args) > 2 else ""


_ERROR_CLASS = re.compile(
    r"<(?:strong|span|p|div)\s(?:[^\s>]*\s+)*?class=\"(?:[^\"\s>]*\s+)*?error(?:\s[^\">]*)?\"")


@function("#iferror")
def pf_iferror(ex: Expander, frame: Frame, first: str, args: list[PFArg]) -> str:
    if _ERROR_CLASS.search(first):
        return args[0].full().strip() if args else ""
    if len(args) > 1:
        return args[1].full().strip()
    return first.strip()


@function("#expr")
def pf_expr(ex: Expander, frame: Frame, first: str, args: list[PFArg]) -> str:
    try:
        return evaluate(first)
    except ExprError as exc:
        return _error(ex, f"Expression error: {exc}")


@function("#ifexpr")
def pf_ifexpr(ex: Expander, frame: Frame, first: str, args: list[PFArg]) -> str:
    try:
        result = evaluate(first)
    except ExprError as exc:
        return _error(ex, f"Expression error: {exc}")
    truthy = result not in ("", "0") and not (_is_number(result) and float(result) == 0)
    if truthy:
        return args[0].full().strip() if args else ""
    return args[1].full().strip() if len(args) > 1 else ""


@function("#switch")
def pf_switch(ex: Expander, frame: Frame, first: str, args: list[PFArg]) -> str:
    primary = html.unescape(first.strip())
    found = default_found = False
    default: PFArg | None = None
    last_no_equals = False
    test = ""
    for arg in args:
        if arg.has_name:
            last_no_equals = False
            if found:
                return arg.value().strip()
            test = html.unescape(arg.name())
            if _loose_equal(test, primary):
                return arg.value().strip()
            if default_found or test == "#default":
                default = arg
                default_found = False
        else:
            last_no_equals = True
            test = arg.value().strip()
            if _loose_equal(html.unescape(test), primary):
                found = True
            elif test == "#default":
                default_found = True
    if last_no_equals:
        return test
    if default is not None:
        return default.value().strip()
    return ""


@function("#tag")
def pf_tag(ex: Expander, frame: Frame, first: str, args: list[PFArg]) -> str:
    name = first.strip().lower()
    # {{#tag:references|...}}: the refs inside are list-defined, so they run inside it
    raw = name == "references"
    ex.raw_extension_tags += raw
    try:
        content = args[0].full() if args else None
    finally:
        ex.raw_extension_tags -= raw
    if raw and content and hasattr(ex.host, "cite"):
        ex.host.cite.rolled_back(content)
    attrs = ""
    for arg in args[1:]:
        if arg.has_name:
            value = arg.value().strip()
            value = re.sub(r'^(["\'])(.*)\1$', r"\2", value)
            attrs += f' {arg.name()}="{html.escape(value, quote=True)}"'
    from viewer.wikitext.preprocess.expand import EXTENSION_TAGS

    if name not in EXTENSION_TAGS:
        # not an extension tag: written out as an ordinary tag, as MediaWiki does
        return f"<{name}{attrs}>{content or ''}</{name}>"
    return ex.host.extension_tag(name, attrs, content, None, frame)


@function("#titleparts")
def pf_titleparts(ex: Expander, frame: Frame, first: str, args: list[PFArg]) -> str:
    text = first.strip()
    title = parse_title(html.unescape(text))
    if title is None:
        return text
    parts = title.full.split("/", 25)
    try:
        count = int(args[0].value().strip()) if args and args[0].value().strip() else 0
    except ValueError:
        count = 0
    try:
        offset = int(args[1].value().strip()) if len(args) > 1 and args[1].value().strip() else 1
    except ValueError:
        offset = 1
    start = offset - 1 if offset > 0 else max(len(parts) + offset, 0)
    sel = parts[start:]
    if count > 0:
        sel = sel[:count]
    elif count < 0:
        sel = sel[:count]
    return "/".join(sel)


@function("#rel2abs")
def pf_rel2abs(ex: Expander, frame: Frame, first: str, args: list[PFArg]) -> str:
    to = first.strip()
    base = args[0].value().strip() if args and args[0].value().strip() else frame_page(ex).full
    if to.startswith("/"):
        to = base + to
    elif not (to.startswith("./") or to.startswith("../") or to in (".", "..")):
        return to
    else:
        to = base + "/" + to
    out: list[str] = []
    for seg in to.split("/"):
        if seg == "..":
            if not out:
                return _error(ex, f'Error: Invalid depth in path: "{html.escape(first.strip())}" (tried to access a node above the root node).')
            out.pop()
        elif seg in (".", ""):
            continue
        else:
            out.append(seg)
    return "/".join(out)


def frame_page(ex: Expander) -> Title:
    return ex.host.page_title


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _format_time(fmt: str, t: _dt.datetime) -> str:
    out = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        table = {
            "Y": lambda: str(t.year), "y": lambda: f"{t.year % 100:02d}", "m": lambda: f"{t.month:02d}",
            "n": lambda: str(t.month), "d": lambda: f"{t.day:02d}", "j": lambda: str(t.day),
            "F": lambda: _MONTHS[t.month - 1], "M": lambda: _MONTHS[t.month - 1][:3],
            "H": lambda: f"{t.hour:02d}", "G": lambda: str(t.hour), "i": lambda: f"{t.minute:02d}",
            "s": lambda: f"{t.second:02d}", "D": lambda: _DAYS[t.weekday()][:3],
            "l": lambda: _DAYS[t.weekday()], "N": lambda: str(t.isoweekday()),
            "w": lambda: str(t.isoweekday() % 7), "z": lambda: str(t.timetuple().tm_yday - 1),
            "U": lambda: str(int(t.replace(tzinfo=_dt.timezone.utc).timestamp())),
            "a": lambda: "am" if t.hour < 12 else "pm", "A": lambda: "AM" if t.hour < 12 else "PM",
            "g": lambda: str(t.hour % 12 or 12), "h": lambda: f"{t.hour % 12 or 12:02d}",
            "L": lambda: "1" if (t.year % 4 == 0 and t.year % 100 != 0) or t.year % 400 == 0 else "0",
            "t": lambda: str(((t.replace(day=28) + _dt.timedelta(days=4)).replace(day=1) - _dt.timedelta(days=1)).day),
        }
        if c == "\\" and i + 1 < len(fmt):
            out.append(fmt[i + 1])
            i += 2
            continue
        if c == '"':
            j = fmt.find('"', i + 1)
            if j < 0:
                out.append('"')
                i += 1
                continue
            out.append(fmt[i + 1:j])
            i = j + 1
            continue
        out.append(table[c]() if c in table else c)
        i += 1
    return "".join(out)


def _parse_date(text: str) -> _dt.datetime | None:
    text = text.strip()
    if not text or text.lower() == "now":
        return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
    m = re.fullmatch(r"@(-?\d+)", text)
    if m:
        return _dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=int(m.group(1)))
    for fmt in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d %B %Y",
                "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%Y%m%d%H%M%S", "%Y", "%B %Y",
                "%Y-%m", "%H:%M", "%H:%M:%S"):
        try:
            return _dt.datetime.strptime(text, fmt)
        except ValueError:
            pass
    return None


@function("#time", "#timel")
def pf_time(ex: Expander, frame: Frame, first: str, args: list[PFArg]) -> str:
    when = _parse_date(args[0].value() if args else "")
    if when is None:
        return _error(ex, "Error: Invalid time.")
    return _format_time(first.strip(), when)


# ---------------------------------------------------------------------------- core functions


@function("lc")
def pf_lc(ex, frame, first, args):
    return skip_markers(str.lower, first)


@function("uc")
def pf_uc(ex, frame, first, args):
    return skip_markers(str.upper, first)


@function("lcfirst")
def pf_lcfirst(ex, frame, first, args):
    return first[:1].lower() + first[1:] if not first.startswith("\x7f") else first


@function("ucfirst")
def pf_ucfirst(ex, frame, first, args):
    return first[:1].upper() + first[1:] if not first.startswith("\x7f") else first


@function("urlencode")
def pf_urlencode(ex, frame, first, args):
    kind = args[0].value().strip().upper() if args else "QUERY"
    first = kill_markers(first)
    if kind == "WIKI":
        return wiki_urlencode(first.replace(" ", "_"))
    if kind == "PATH":
        return urllib.parse.quote(first, safe="~")
    return urllib.parse.quote_plus(first, safe="~")


@function("anchorencode")
def pf_anchorencode(ex, frame, first, args):
    return anchor_encode(first)


def _pad(first: str, args: list[PFArg], left: bool) -> str:
    first = kill_markers(first)
    try:
        length = int(args[0].value().strip()) if args else 0
    except ValueError:
        return first
    pad = args[1].value() if len(args) > 1 else "0"
    length = min(length, 500)
    if not pad or len(first) >= length:
        return first
    need = length - len(first)
    fill = (pad * (need // len(pad) + 1))[:need]
    return fill + first if left else first + fill


@function("padleft")
def pf_padleft(ex, frame, first, args):
    return _pad(first, args, True)


@function("padright")
def pf_padright(ex, frame, first, args):
    return _pad(first, args, False)


@function("formatnum")
def pf_formatnum(ex, frame, first, args):
    flag = args[0].value().strip().upper() if args else ""
    text = first.strip()
    if flag == "R":
        return text.replace(",", "")
    if flag == "NOSEP":
        return text

    def group(m: re.Match) -> str:
        whole, frac = m.group(1), m.group(2) or ""
        sign = ""
        if whole[:1] in "+-":
            sign, whole = whole[0], whole[1:]
        return sign + f"{int(whole):,}" + frac if whole else m.group(0)

    return re.sub(r"([-+]?\d+)(\.\d+)?", group, text, count=0)


@function("plural")
def pf_plural(ex, frame, first, args):
    forms = [a.full().strip() for a in args]
    if not forms:
        return ""
    try:
        n = float(first.strip().replace(",", ""))
    except ValueError:
        n = 2.0
    if ex.host.lang.startswith("zh"):
        return forms[0]
    return forms[0] if n == 1 or len(forms) == 1 else forms[1]


@function("gender")
def pf_gender(ex, frame, first, args):
    forms = [a.full().strip() for a in args]
    return forms[-1] if len(forms) >= 3 else (forms[0] if forms else "")


@function("grammar")
def pf_grammar(ex, frame, first, args):
    return args[0].full() if args else ""


@function("ns", "nse")
def pf_ns(ex, frame, first, args):
    key = first.strip()
    if re.fullmatch(r"-?\d+", key):
        name = NAMESPACES.get(int(key), "")
    else:
        t = parse_title(key + ":X")
        name = t.ns_name if t and t.ns else ""
    return name


@function("int")
def pf_int(ex, frame, first, args):
    key = first.strip()
    return "\u29FC" + key + "\u29FD"  # ⧼key⧽: the message is not known offline


@function("#language")
def pf_language(ex, frame, first, args):
    return {"en": "English", "zh": "中文", "zh-hans": "中文（简体）", "zh-hant": "中文（繁體）"}.get(first.strip(), first.strip())


@function("#invoke")
def pf_invoke(ex, frame, first, args):
    return ex.host.error("render/no-lua", f"Script error: Lua modules are not run offline ({html.escape(first.strip())})")


@function("defaultsort", "defaultsortkey", "defaultcategorysort")
def pf_defaultsort(ex, frame, first, args):
    ex.sort_key = first.strip()
    return ""


@function("displaytitle")
def pf_displaytitle(ex, frame, first, args):
    ex.display_title = first.strip()
    return ""


@function("#ifexist")
def pf_ifexist(ex, frame, first, args):
    t = parse_title(first.strip())
    exists = t is not None and ex.host.page_source(t) is not None
    if exists:
        return args[0].full().strip() if args else ""
    return args[1].full().strip() if len(args) > 1 else ""


# ---------------------------------------------------------------------------- title magic words


def _title_words() -> dict[str, Callable[[Title], str]]:
    def base(t: Title) -> str:
        return t.text.rsplit("/", 1)[0] if "/" in t.text else t.text

    def sub(t: Title) -> str:
        return t.text.rsplit("/", 1)[1] if "/" in t.text else t.text

    def root(t: Title) -> str:
        return t.text.split("/", 1)[0]

    def with_ns(ns: int, text: str) -> str:
        name = NAMESPACES.get(ns, "")
        return f"{name}:{text}" if name else text

    return {
        "PAGENAME": lambda t: t.text,
        "FULLPAGENAME": lambda t: t.full,
        "BASEPAGENAME": base,
        "SUBPAGENAME": sub,
        "ROOTPAGENAME": root,
        "NAMESPACE": lambda t: t.ns_name,
        "TALKSPACE": lambda t: NAMESPACES.get(t.talk_ns, ""),
        "SUBJECTSPACE": lambda t: NAMESPACES.get(t.subject_ns, ""),
        "ARTICLESPACE": lambda t: NAMESPACES.get(t.subject_ns, ""),
        "TALKPAGENAME": lambda t: with_ns(t.talk_ns, t.text),
        "SUBJECTPAGENAME": lambda t: with_ns(t.subject_ns, t.text),
        "ARTICLEPAGENAME": lambda t: with_ns(t.subject_ns, t.text),
    }


_TITLE_WORDS = _title_words()
_PLAIN_VARIABLES: dict[str, Callable[[Expander], str]] = {
    "!": lambda ex: "|",
    "=": lambda ex: "=",
    "NAMESPACENUMBER": lambda ex: str(ex.host.page_title.ns),
    "SITENAME": lambda ex: "MediaWiki",
    "CURRENTYEAR": lambda ex: str(_dt.date.today().year),
    "CURRENTMONTH": lambda ex: f"{_dt.date.today().month:02d}",
    "CURRENTDAY": lambda ex: str(_dt.date.today().day),
    "CURRENTMONTHNAME": lambda ex: _MONTHS[_dt.date.today().month - 1],
    "CONTENTLANGUAGE": lambda ex: ex.host.lang,
    "PAGELANGUAGE": lambda ex: ex.host.lang,
    "CONTENTLANG": lambda ex: ex.host.lang,
}


def _title_word_value(word: str, t: Title) -> str | None:
    encoded = word.endswith("E") and word[:-1] in _TITLE_WORDS
    key = word[:-1] if encoded else word
    func = _TITLE_WORDS.get(key)
    if func is None:
        return None
    value = func(t)
    if encoded:
        return escape_wikitext(wiki_urlencode(value.replace(" ", "_")))
    return escape_wikitext(value)


def is_variable(name: str) -> bool:
    if name in _PLAIN_VARIABLES:
        return True
    return (name[:-1] if name.endswith("E") and name[:-1] in _TITLE_WORDS else name) in _TITLE_WORDS


def variable(ex: Expander, frame: Frame, name: str) -> str:
    if name in _PLAIN_VARIABLES:
        return _PLAIN_VARIABLES[name](ex)
    return _title_word_value(name, ex.host.page_title) or ""


def _title_function(word: str) -> Function:
    def func(ex: Expander, frame: Frame, first: str, args: list[PFArg]) -> str:
        t = parse_title(html.unescape(first.strip())) if first.strip() else ex.host.page_title
        if t is None:
            return ""
        return _title_word_value(word, t) or ""

    return func


for _word in list(_TITLE_WORDS):
    for _form in (_word, _word + "E"):
        _FUNCTIONS[_form.lower()] = _title_function(_form)
