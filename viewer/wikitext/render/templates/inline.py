"""Small inline and layout templates: ``{{nowrap}}``, ``{{small}}``, ``{{KIA}}``, the inline
maintenance tags (``{{citation needed}}``/``{{来源请求}}``, ``{{dead link}}``...), ``{{webarchive}}``,
``{{quote}}``/``{{blockquote}}``, ``{{convert}}``, ``{{coord}}``, ``{{commons category}}``,
``{{portal}}``, lists (``{{ubl}}``, ``{{hlist}}``, ``{{plainlist}}``) and a few typographic helpers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template
from viewer.wikitext.render.templates._util import data, esc, ext_link, wikilink

__all__ = ["convert_value", "format_coord", "input_precision"]


def _zh(ctx: TemplateContext) -> bool:
    return ctx.lang != "en"


# ---------------------------------------------------------------------------------------------
# Wrappers


@template("Nowrap", "Nobr", "Nobreak", "Nowrap begin")
def nowrap(call: TemplateCall, ctx: TemplateContext) -> str:
    return f'<span class="nowrap">{ctx.inline(call.get("1"))}</span>'


@template("Small", "Smaller", "Midsize", "Resize")
def small(call: TemplateCall, ctx: TemplateContext) -> str:
    text = call.get("2") if call.name == "Resize" and call.get("2") else call.get("1")
    return f'<span style="font-size:85%">{ctx.inline(text)}</span>'


@template("Big", "Larger")
def big(call: TemplateCall, ctx: TemplateContext) -> str:
    return f'<span style="font-size:120%">{ctx.inline(call.get("1"))}</span>'


@template("Sup", "Su")
def sup(call: TemplateCall, ctx: TemplateContext) -> str:
    return f"<sup>{ctx.inline(call.get('1', 'p'))}</sup>"


@template("Sub")
def sub(call: TemplateCall, ctx: TemplateContext) -> str:
    return f"<sub>{ctx.inline(call.get('1'))}</sub>"


@template("Abbr", "Tooltip", "Abbreviation")
def abbr(call: TemplateCall, ctx: TemplateContext) -> str:
    return f'<abbr title="{esc(ctx.expand(call.get("2")).strip())}">{ctx.inline(call.get("1"))}</abbr>'


_COLOUR = re.compile(r"^(?:#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$")


@template("Color", "Colour", "Font color", "Fontcolor")
def color(call: TemplateCall, ctx: TemplateContext) -> str:
    colour = str(call.get("1")).strip()
    text = ctx.inline(call.get("2"))
    if not _COLOUR.match(colour):
        return text
    return f'<span style="color:{colour}">{text}</span>'


@template("Anchor", "Anchors", "Visible anchor")
def anchor(call: TemplateCall, ctx: TemplateContext) -> str:
    ids = [" ".join(str(a).split()) for a in call.positional() if str(a).strip()]
    spans = "".join(f'<span class="anchor" id="{esc(i)}"></span>' for i in ids)
    if call.name == "Visible anchor" and ids:
        return f'<span class="vanchor"><span id="{esc(ids[0])}"></span>{ctx.inline(call.get("text") or call.get("1"))}</span>'
    return spans


@template("Clear", "Clr", "-")
def clear(call: TemplateCall, ctx: TemplateContext) -> str:
    side = str(call.get("1")).strip().lower()
    return f'<div style="clear:{side if side in {"left", "right"} else "both"}"></div>'


@template("Br", "Break", "Crlf")
def br(call: TemplateCall, ctx: TemplateContext) -> str:
    count = str(call.get("1")).strip()
    return "<br>" * (int(count) if count.isdigit() and 0 < int(count) < 20 else 1)


@template("Space", "Spaces", "Sp", "Nbsp")
def spaces(call: TemplateCall, ctx: TemplateContext) -> str:
    count = str(call.get("1")).strip()
    return "&nbsp;" * (int(count) if count.isdigit() and 0 < int(count) < 50 else 1)


_CHARACTERS = {"Ndash": "&ndash;", "Snd": "&nbsp;&ndash; ", "Mdash": "&mdash;", "·": "&nbsp;<b>&middot;</b> ",
               "Dot": "&nbsp;<b>&middot;</b> ", "En dash": "&ndash;", "Em dash": "&mdash;",
               "Bull": "&nbsp;&bull; ", "Spaced ndash": "&nbsp;&ndash; "}


def _character(call: TemplateCall, ctx: TemplateContext) -> str:
    return _CHARACTERS[call.name]


template(*_CHARACTERS)(_character)


# ---------------------------------------------------------------------------------------------
# Lists


def _items(call: TemplateCall) -> list[str]:
    return [item for item in call.positional() if str(item).strip()]


@template("Ubl", "Unbulleted list", "Ubil", "Unbulleted indent list", "Plainlist items")
def unbulleted_list(call: TemplateCall, ctx: TemplateContext) -> str:
    items = "".join(f"<li>{ctx.inline(i.strip())}</li>" for i in _items(call))
    return f'<div class="plainlist"><ul>{items}</ul></div>'


@template("Hlist", "Flatlist items", "Bulleted list", "Bulleted")
def hlist(call: TemplateCall, ctx: TemplateContext) -> str:
    items = "".join(f"<li>{ctx.inline(i.strip())}</li>" for i in _items(call))
    css = "hlist" if call.name != "Bulleted list" else "bulleted-list"
    return f'<div class="{css}"><ul>{items}</ul></div>'


@template("Plainlist", "Flatlist", "Plain list", "Flat list")
def plainlist(call: TemplateCall, ctx: TemplateContext) -> str:
    css = "hlist" if call.name in {"Flatlist", "Flat list"} else "plainlist"
    return f'<div class="{css}">{ctx.block(call.get("1"))}</div>'


# ---------------------------------------------------------------------------------------------
# Symbols


@template("KIA", "阵亡", "陣亡", "Kia")
def kia(call: TemplateCall, ctx: TemplateContext) -> str:
    """``†``: killed in action, linked to the article on it."""
    if _zh(ctx):
        return f'<span title="阵亡">{ctx.inline(wikilink("阵亡", "†"))}</span>'
    return f'<span title="Killed in action">{ctx.inline(wikilink("Killed in action", "†"))}</span>'


@template("Dagger", "Double dagger")
def dagger(call: TemplateCall, ctx: TemplateContext) -> str:
    return "&dagger;" if call.name == "Dagger" else "&Dagger;"


# ---------------------------------------------------------------------------------------------
# Inline maintenance tags: [来源请求], [失效链接], ...


@dataclass(frozen=True)
class _Tag:
    zh: str
    zh_page: str
    en: str
    en_page: str
    css: str = ""
    # zh's own form where a real zh page shows it: the tooltip on the word ({date} filled in),
    # and no italics (zh's {{dead link}}: "[<a><span title="自2017年11月失效">永久失效链接</span></a>]")
    zh_tooltip: str = ""


_TAGS: dict[tuple[str, ...], _Tag] = {
    ("Citation needed", "Cn", "Fact", "Facts", "Cite needed", "Citeneeded", "Source needed", "Refneeded",
     "Ref needed", "Needcite", "来源请求", "來源請求", "需要来源", "需要來源", "Cn-span", "Citation needed span"):
        _Tag("来源请求", "Wikipedia:列明来源", "citation needed", "Wikipedia:Citation needed", "Template-Fact"),
    ("Dead link", "Deadlink", "Dl", "404", "Broken link", "Link", "失效链接", "失效連結", "死链", "死鏈"):
        _Tag("失效链接", "Wikipedia:失效链接", "dead link", "Wikipedia:Link rot", zh_tooltip="自{date}失效"),
    ("Clarify", "Clarification needed", "需要解释", "需要解釋", "澄清"):
        _Tag("需要解释", "Wikipedia:避免使用模糊的词句", "clarification needed", "Wikipedia:Please clarify"),
    ("Who", "谁", "誰"): _Tag("谁？", "Wikipedia:避免使用模糊的词句", "who?", "Wikipedia:Manual of Style/Words to watch"),
    ("When", "何时", "何時"): _Tag("何时？", "Wikipedia:避免使用模糊的词句", "when?", "Wikipedia:Manual of Style/Dates and numbers"),
    ("Which", "哪个", "哪個"): _Tag("哪个？", "Wikipedia:避免使用模糊的词句", "which?", "Wikipedia:Manual of Style/Words to watch"),
    ("By whom", "Bywhom", "被谁"): _Tag("被谁？", "Wikipedia:避免使用模糊的词句", "by whom?", "Wikipedia:Manual of Style/Words to watch"),
    ("Failed verification", "Not in citation given", "Verification failed", "来源不符", "來源不符"):
        _Tag("来源不符", "Wikipedia:可供查证", "failed verification", "Wikipedia:Verifiability"),
    ("Page needed", "Pn", "Page number", "需要页码", "需要頁碼"):
        _Tag("需要页码", "Wikipedia:列明来源", "page needed", "Wikipedia:Citing sources"),
    ("Better source needed", "Better source", "Unreliable source?", "来源可靠性", "可靠来源?"):
        _Tag("需要更好来源", "Wikipedia:可靠来源", "better source needed", "Wikipedia:Reliable sources"),
    ("Original research inline", "Or-inline", "原创研究?", "原創研究?"):
        _Tag("原创研究？", "Wikipedia:非原创研究", "original research?", "Wikipedia:No original research"),
}


def _inline_tag(tag: _Tag) -> object:
    def render(call: TemplateCall, ctx: TemplateContext) -> str:
        word, page = (tag.zh, tag.zh_page) if _zh(ctx) else (tag.en, tag.en_page)
        if tag.en == "dead link" and str(call.get("fix-attempted")).strip().lower() in {"yes", "y"}:
            word = "永久失效链接" if _zh(ctx) else "permanent dead link"
        date = call.get("date")
        css = f"noprint Inline-Template {tag.css}".strip()
        if _zh(ctx) and tag.zh_tooltip:
            link = ctx.inline(wikilink(page, word))
            if date:  # the tooltip span goes inside the link, around the word
                head, found, tail = link.rpartition(f">{word}</a>")
                tip = esc(tag.zh_tooltip.format(date=date))
                link = f'{head}><span title="{tip}">{word}</span></a>{tail}' if found else link
            mark = f'<sup class="{css}"><span class="nowrap">&#91;{link}&#93;</span></sup>'
        else:
            title = f"{word}（{date}）" if date and _zh(ctx) else (f"{word} ({date})" if date else word)
            mark = f'<sup class="{css}"><span class="nowrap" title="{esc(title)}">&#91;<i>{ctx.inline(wikilink(page, word))}</i>&#93;</span></sup>'
        text = call.get("1", "text") if call.name in {"Cn-span", "Citation needed span"} else ""
        return (f'<span class="Inline-Template-span">{ctx.inline(text)}</span>' if text else "") + mark

    return render


for _names, _tag in _TAGS.items():
    template(*_names)(_inline_tag(_tag))


# ---------------------------------------------------------------------------------------------
# {{webarchive}}

_ARCHIVES = (
    ("web.archive.org", "互联网档案馆", "Wayback Machine"),
    ("archive.org", "互联网档案馆", "Wayback Machine"),
    ("archive.today", "archive.today", "archive.today"),
    ("archive.is", "archive.today", "archive.today"),
    ("archive.ph", "archive.today", "archive.today"),
    ("webcitation.org", "WebCite", "WebCite"),
    ("archive-it.org", "Archive-It", "Archive-It"),
)
_WAYBACK_STAMP = re.compile(r"/web/(\d{4})(\d\d)(\d\d)\d*")


def _archive_service(url: str) -> tuple[str, str]:
    host = (urlsplit(str(url).strip()).hostname or "").lower()
    for domain, zh, en in _ARCHIVES:
        if host == domain or host.endswith("." + domain):
            return zh, en
    return ("存档副本", "Archived copy")


@template("Webarchive", "Web archive", "网页存档", "網頁存檔")
def webarchive(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{webarchive|url=…|date=…}}`` as zh.wikipedia's documentation shows it:
    ``互联网档案馆存檔，存档日期2016-08-01.``, with a title ``Page title，存档于WebCite（存檔日期 2009-02-12）``;
    en ``Archived 2011-12-06 at the Wayback Machine``."""
    url = str(call.get("url", "url1")).strip()
    if not url:
        return ctx.error("template/webarchive-no-url", "{{webarchive}}：缺少url参数" if _zh(ctx) else "{{webarchive}}: no url")
    date = str(call.get("date", "date1")).strip()
    if not date:
        stamp = _WAYBACK_STAMP.search(url)
        date = "-".join(stamp.groups()) if stamp else ""
    zh_name, en_name = _archive_service(url)
    title = call.get("title", "title1")
    if _zh(ctx):
        if title:
            text = f"{ext_link(url, ctx.inline(title))}，存档于{esc(zh_name)}" + (f"（存檔日期 {esc(date)}）" if date else "")
        else:
            text = f"{ext_link(url, esc(zh_name))}存檔" + (f"，存档日期{esc(date)}." if date else ".")
    else:
        label = ctx.inline(title) if title else "Archived"
        text = f"{ext_link(url, label)}" + (f" {esc(date)}" if date else "") + f" at {esc(en_name)}"
    return f'<span class="webarchive">{text}</span>'


@template("Wayback")
def wayback(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{Wayback|url=original|date=20090324201434|title=}}``: the Wayback Machine's copy of
    ``url``; zh pages show it as ``（页面存档备份，存于互联网档案馆）`` after the link."""
    url = str(call.get("url", "1", "site")).strip()
    if not url:
        return ctx.error("template/webarchive-no-url", "{{Wayback}}：缺少url参数" if _zh(ctx) else "{{Wayback}}: no url")
    date = str(call.get("date")).strip() or "*"
    archive = f"https://web.archive.org/web/{date}/{url}"
    title = call.get("title", "2")
    if _zh(ctx):
        text = f"{ext_link(archive, ctx.inline(title) if title else '页面存档备份')}，存于{ctx.inline(wikilink('互联网档案馆'))}"
        return text if title or call.get("np") else f"（{text}）"
    label = ctx.inline(title) if title else "Archived"
    shown = "" if date == "*" else f" {esc(date)}"
    return f'<span class="webarchive">{ext_link(archive, label)}{shown} at the {ctx.inline(wikilink("Wayback Machine"))}</span>'


# ---------------------------------------------------------------------------------------------
# Quotations


@template("Quote", "Blockquote", "Quotation", "Cquote", "Quote box", "Bquote", "Quote frame", "引文", "引言")
def quotation(call: TemplateCall, ctx: TemplateContext) -> str:
    """``<blockquote class="templatequote">`` with the source under it after a dash."""
    text = call.get("text", "quote", "1")
    author = call.get("author", "sign", "2", "3" if call.name == "Cquote" else "author")
    source = call.get("source", "title", "3" if call.name != "Cquote" else "4")
    body = f"<blockquote class=\"templatequote\">{ctx.block(text)}"
    cite = ", ".join(ctx.inline(part) for part in (author, source) if part)
    if cite:
        dash = "——" if _zh(ctx) else "&mdash;&#8202;"
        body += f'<div class="templatequotecite">{dash}<cite>{cite}</cite></div>'
    return body + "</blockquote>"


@template("Qq", "Inline quote", "Quote inline", "Quoteinline")
def inline_quote(call: TemplateCall, ctx: TemplateContext) -> str:
    return f"<q>{ctx.inline(call.get('1'))}</q>"


# ---------------------------------------------------------------------------------------------
# {{convert}}


# The units (scale to the dimension's base unit, zh name, en name/plural/symbol, the default
# output unit) are data: convert_units.json. Temperatures carry Module:Convert's offset:
# kelvin = (value - offset) * scale.


def _unit(code: str) -> dict | None:
    table = data("convert_units.json")
    code = str(code).strip()
    return table["units"].get(table["aliases"].get(code, code))


def _unit_code(code: str) -> str:
    code = str(code).strip()
    return data("convert_units.json")["aliases"].get(code, code)


def input_precision(raw: str) -> int:
    """Module:Convert's precision of an input number: its decimals, or minus the trailing zeros
    of an integer (``4400`` is known to the hundred: -2); an exponent shifts it."""
    mantissa, _, exponent = raw.lower().partition("e")
    integer, dot, decimals = mantissa.lstrip("+-−").partition(".")
    prec = len(decimals) if dot else -(len(integer) - len(integer.rstrip("0"))) if integer.strip("0") else 0
    return prec - int(exponent) if exponent.lstrip("+-").isdigit() else prec


def convert_value(value: float, places: int, source: str, target: str) -> tuple[float, int]:
    """The converted value and Module:Convert's default precision for it (``default_precision``):
    the input's precision plus log10(input/output) + log10(2), floored, but at least two
    significant figures in the output (three in kelvin for temperatures)."""
    src, dst = _unit(source), _unit(target)
    fudge = 1e-14  # as Module:Convert adds
    if src["dimension"] == "temperature":
        kelvin = (value - src["offset"]) * src["scale"]
        result = kelvin / dst["scale"] + dst["offset"]
        minprec = 2 if abs(kelvin) < 1e-8 else 2 - math.floor(math.log10(abs(kelvin)) + fudge)
        return result, max(places, minprec)
    result = value * src["scale"] / dst["scale"]
    if value == 0:
        return result, 0
    adjust = math.log10(abs(value / result)) + math.log10(2)
    minprec = 1 - math.floor(math.log10(abs(result)) + fudge)
    return result, max(math.floor(places + adjust), minprec)


def _number(value: float, places: int) -> str:
    """``value`` rounded to ``places`` (negative: tens, hundreds...) with thousands separators."""
    if places < 0:
        shift = 10 ** -places
        text = f"{round(value / shift) * shift:,.0f}"
    else:
        fudge = (2e-14 if value >= 0 else -2e-14) if places <= 8 else 0  # Module:Convert's rounding fudge
        text = f"{value + fudge:,.{places}f}"
    return text.replace("-", "−")


def _shown_input(raw: str) -> str:
    """The input number as written, with thousands separators (Module:Convert shows the input
    as given, not rounded)."""
    sign = "−" if raw.startswith("-") else ""
    integer, dot, rest = raw.lstrip("+-").partition(".")
    if "e" in integer.lower():
        return sign + raw.lstrip("+-")
    return f"{sign}{int(integer or '0'):,}{dot}{rest}"


def _singular(shown: str) -> bool:
    return re.fullmatch(r"1(?:\.0*)?", shown.lstrip("−")) is not None


# Range words between two values ({{convert|10|to|20|km}}): en's as Module:Convert/data writes
# them; zh's 至/和/或 are this library's reading of the same words.
_RANGES = {
    "-": ("–", "–"), "–": ("–", "–"), "to": (" to ", "至"), "and": (" and ", "和"), "or": (" or ", "或"),
    "x": (" × ", "×"), "by": (" by ", "×"), "+/-": (" ± ", "±"), "&": (" & ", "和"),
}


def _convert_error(ctx: TemplateContext, zh: str, en: str) -> str:
    return ctx.error("template/convert", f"{{{{convert}}}}：{zh}" if _zh(ctx) else f"{{{{convert}}}}: {en}")


@template("Convert", "Cvt", "换算", "換算")
def convert(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{convert|10|km|mi}}`` -> ``10公里（6.2英里）`` (zh) / ``10 kilometres (6.2 mi)`` (en):
    the input as written, the output rounded as Module:Convert rounds by default (or to the
    precision after the units); a range ``{{convert|10|to|20|km}}`` converts both ends with one
    precision; ``abbr=on`` shows the input's symbol, ``abbr=off`` the output's name."""
    args = [str(a).strip() for a in call.positional()]
    raws = [args[0] if args else ""]
    if len(args) > 2 and args[1] in _RANGES:
        raws.append(args[2])
        joiner = _RANGES[args[1]][1 if _zh(ctx) else 0]
        args = args[2:]
    else:
        joiner = ""
    raws = [r.replace(",", "").replace("−", "-") for r in raws]
    source = _unit_code(args[1] if len(args) > 1 else "")
    target = _unit_code(args[2] if len(args) > 2 else "")
    explicit = args[3] if len(args) > 3 else ""
    if re.fullmatch(r"-?\d+", target):  # {{convert|10|km|0}}: no output unit, a precision
        target, explicit = "", target
    bad = next((r for r in raws if not re.fullmatch(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,2})?", r)), None)
    if bad is not None:
        return _convert_error(ctx, f"无效数值“{bad}”", f"invalid number {bad!r}")
    values = [float(r) for r in raws]
    src = _unit(source)
    if src is None:
        return _convert_error(ctx, f"未知单位“{source}”", f"unknown unit {source!r}")
    dst = _unit(target)
    if dst is None or dst["dimension"] != src["dimension"]:
        target, dst = src["default"], _unit(src["default"])
    places = [input_precision(r) for r in raws]
    converted = [convert_value(v, p, source, target) for v, p in zip(values, places)]
    # one precision for the whole range: the finest any value needs (record_default_precision)
    out_places = int(explicit) if re.fullmatch(r"-?\d+", explicit) else max(p for _, p in converted)
    shown_in = joiner.join(_shown_input(r) for r in raws)
    shown_out = joiner.join(_number(r, out_places) for r, _ in converted)
    if _zh(ctx):
        return f"{shown_in}{src['zh']}（{shown_out}{dst['zh']}）"
    abbr = str(call.get("abbr")).strip().lower()
    one_in, one_out = not joiner and _singular(shown_in), not joiner and _singular(shown_out)
    if abbr in {"on", "in"} or call.name == "Cvt" or src["dimension"] == "temperature" and abbr != "off":
        first = f"{shown_in}&nbsp;{src.get('symbol_singular', src['symbol']) if one_in else src['symbol']}"
    else:
        first = f"{shown_in} {src['name'] if one_in else src['plural']}"
    if abbr in {"off", "in"}:
        second = f"{shown_out} {dst['name'] if one_out else dst['plural']}"
    else:
        second = f"{shown_out}&nbsp;{dst.get('symbol_singular', dst['symbol']) if one_out else dst['symbol']}"
    return f"{first} ({second})"


# ---------------------------------------------------------------------------------------------
# {{coord}}


def format_coord(parts: list[str]) -> tuple[str, str, str] | None:
    """(latitude, longitude, css class) text for {{coord}}'s positional parameters: decimal
    (``40.4|-79.9``), or degrees/minutes/seconds each followed by N/S and E/W."""
    parts = [p.strip() for p in parts if p.strip() and ":" not in p]
    hemis = [i for i, p in enumerate(parts) if p.upper() in {"N", "S", "E", "W"}]
    try:
        if len(hemis) >= 2:
            lat = [float(x) for x in parts[: hemis[0]]]
            lon = [float(x) for x in parts[hemis[0] + 1 : hemis[1]]]
            marks = ("°", "′", "″")
            lat_text = "".join(f"{_trim(v)}{m}" for v, m in zip(lat, marks)) + parts[hemis[0]].upper()
            lon_text = "".join(f"{_trim(v)}{m}" for v, m in zip(lon, marks)) + parts[hemis[1]].upper()
            return lat_text, lon_text, "geo-dms"
        lat, lon = float(parts[0]), float(parts[1])
    except (ValueError, IndexError):
        return None
    lat_text = f"{_trim(abs(lat), raw=parts[0])}°{'N' if lat >= 0 else 'S'}"
    lon_text = f"{_trim(abs(lon), raw=parts[1])}°{'E' if lon >= 0 else 'W'}"
    return lat_text, lon_text, "geo-dec"


def _trim(value: float, raw: str = "") -> str:
    if raw:
        return raw.lstrip("+-−")
    return str(int(value)) if value == int(value) else str(value)


@template("Coord", "Coor", "Coor d", "Coor dms", "坐标", "坐標")
def coord(call: TemplateCall, ctx: TemplateContext) -> str:
    found = format_coord([str(p) for p in call.positional()])
    if found is None:
        return ctx.error("template/coord", "{{coord}}：坐标无效" if _zh(ctx) else "{{coord}}: invalid coordinates")
    lat, lon, css = found
    return (f'<span class="geo-inline"><span class="{css}"><span class="latitude">{esc(lat)}</span> '
            f'<span class="longitude">{esc(lon)}</span></span></span>')


# ---------------------------------------------------------------------------------------------
# Sister-project and portal boxes


@template("Commons category", "Commonscat", "Commons cat", "Commons", "维基共享资源分类", "維基共享資源分類",
          "Commons category-inline", "Commonscat-inline")
def commons_category(call: TemplateCall, ctx: TemplateContext) -> str:
    name = " ".join(str(call.get("1")).split()) or ctx.title
    label = call.get("2")
    page = name if call.name == "Commons" else f"Category:{name}"
    href = "https://commons.wikimedia.org/wiki/" + quote(page.replace(" ", "_"), safe=":/()")
    link = ext_link(href, ctx.inline(label) if label else esc(name), css="extiw")
    if call.name.endswith("-inline"):
        return link
    text = (f"维基共享资源上有关于<b>{link}</b>的多媒体资源" if _zh(ctx)
            else f"Wikimedia Commons has media related to <b>{link}</b>.")
    return (f'<div role="navigation" class="side-box sister-box metadata plainlinks">'
            f'<div class="side-box-image wv-commons-icon"></div><div class="side-box-text">{text}</div></div>')


@template("Portal", "主题", "主題", "Portal bar", "Portalbar", "Portal-inline")
def portal(call: TemplateCall, ctx: TemplateContext) -> str:
    names = [" ".join(str(p).split()) for p in call.positional() if str(p).strip()]
    if not names:
        return ""

    def link(name: str) -> str:
        label = f"{name}主题" if _zh(ctx) else f"{name} portal"
        return ctx.inline(wikilink(f"Portal:{name}", label))

    if call.name == "Portal-inline":
        return link(names[0])
    items = "".join(f'<li><span class="portalbox-image wv-portal-icon"></span><span class="portalbox-link">{link(n)}</span></li>' for n in names)
    if call.name in {"Portal bar", "Portalbar"}:
        return f'<div role="navigation" class="portal-bar"><ul class="portal-bar-content">{items}</ul></div>'
    return f'<div role="navigation" class="portalbox portalborder portal-right"><ul>{items}</ul></div>'



# ---------------------------------------------------------------------------------------------
# Columns and boxes that open in one template and close in another, as the real ones do


def _column_style(call: TemplateCall) -> str:
    width = str(call.get("colwidth", "1")).strip()
    if not width:
        return "column-width:30em"
    if re.fullmatch(r"\d+(?:\.\d+)?(?:em|ex|px)", width):
        return f"column-width:{width}"
    if width.isdigit() and 0 < int(width) < 10:
        return f"column-count:{width}"
    return "column-width:30em"


@template("Div col", "Divcol", "Col-begin", "Div col begin", "Refbegin", "Refstart")
def div_col(call: TemplateCall, ctx: TemplateContext) -> str:
    """Opens a column block (closed by ``{{Div col end}}``/``{{Refend}}``), like the real template."""
    css = "refbegin" if call.name in {"Refbegin", "Refstart"} else "div-col"
    style = _column_style(call) if css == "div-col" or call.get("colwidth", "1") else ""  # refbegin: columns only if asked
    return f'<div class="{css}"' + (f' style="{style}"' if style else "") + ">"


@template("Div col end", "Divcol-end", "Col-end", "Refend")
def div_col_end(call: TemplateCall, ctx: TemplateContext) -> str:
    return "</div>"


@template("Columns-list", "Columns list", "Colbegin")
def columns_list(call: TemplateCall, ctx: TemplateContext) -> str:
    """A list in columns: ``{{columns-list|colwidth=30em|* a\\n* b}}``."""
    if call.get("2"):  # the old form: {{columns-list|2|* a …}}
        count = str(call.get("1")).strip()
        style = f"column-count:{count}" if count.isdigit() and 0 < int(count) < 10 else _column_style(call)
        return f'<div class="div-col" style="{style}">{ctx.block(call.get("2"))}</div>'
    return f'<div class="div-col" style="{_column_style(call)}">{ctx.block(call.get("1"))}</div>'


@template("Center", "Centre")
def center(call: TemplateCall, ctx: TemplateContext) -> str:
    return f'<div class="center" style="text-align:center">{ctx.block(call.get("1"))}</div>'


@template("Block indent", "Blockindent", "Indent block")
def block_indent(call: TemplateCall, ctx: TemplateContext) -> str:
    left = str(call.get("left")).strip()
    left = left if re.fullmatch(r"\d+(?:\.\d+)?", left) else "3"
    return f'<div style="padding-left:{left}em">{ctx.block(call.get("1", "text"))}</div>'


# ---------------------------------------------------------------------------------------------
# Web addresses


def _display_url(url: str) -> str:
    shown = re.sub(r"^(?:https?:)?//", "", url.strip())
    shown = re.sub(r"^www\.", "", shown)
    return shown.rstrip("/")


@template("URL", "Url")
def url(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{URL|example.com}}``: a link showing the address without its scheme."""
    address = str(call.get("1", "url")).strip()
    if not address:
        return ""
    target = address if re.match(r"^(?:https?:)?//", address, re.I) else f"http://{address}"
    label = call.get("2")
    shown = ctx.inline(label) if label else esc(_display_url(address))
    return f'<span class="url">{ext_link(target, shown)}</span>'


@template("Official website", "Official", "Official site", "官方网站", "官方網站", "Offical website")
def official_website(call: TemplateCall, ctx: TemplateContext) -> str:
    address = str(call.get("1", "url", "URL")).strip()
    if not address:
        return ""
    target = address if re.match(r"^(?:https?:)?//", address, re.I) else f"http://{address}"
    name = call.get("name", "2")
    label = ctx.inline(name) if name else ("官方网站" if _zh(ctx) else "Official website")
    return f'<span class="official-website">{ext_link(target, label)}</span>'


# ---------------------------------------------------------------------------------------------
# Sorting helpers in tables


@template("Sort", "Sorting", "Hs")
def sort(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{sort|key|text}}``: the text, with its sort key for sortable tables."""
    key, text = call.get("1"), call.get("2")
    shown = ctx.inline(text if text else key)
    return f'<span data-sort-value="{esc(ctx.expand(key).strip())}">{shown}</span>'


@template("Sortname")
def sortname(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{sortname|Monte|Melkonian}}``: the linked full name, sorted by the last name."""
    first, last = str(call.get("1")).strip(), str(call.get("2")).strip()
    full = f"{first} {last}".strip()
    target = str(call.get("3")).strip() or full
    shown = ctx.inline(wikilink(target, full)) if str(call.get("nolink")).strip() == "" else esc(full)
    return f'<span data-sort-value="{esc(last)}, {esc(first)}"><span class="vcard"><span class="fn">{shown}</span></span></span>'


@template("Nts", "Ntsh", "Number table sorting")
def nts(call: TemplateCall, ctx: TemplateContext) -> str:
    raw = str(call.get("1")).strip().replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return esc(raw)
    places = len(raw.split(".", 1)[1]) if "." in raw else 0
    return f'<span data-sort-value="{esc(raw)}">{_number(value, places)}</span>'


# ---------------------------------------------------------------------------------------------
# Other sister projects

_SISTERS = {
    "Wikisource": ("https://zh.wikisource.org/wiki/", "维基文库中相关的原始文献：", "Wikisource has original text related to this article: ",
                   "https://en.wikisource.org/wiki/"),
    "Wikiquote": ("https://zh.wikiquote.org/wiki/", "维基语录上的相关摘录：", "Wikiquote has quotations related to ",
                  "https://en.wikiquote.org/wiki/"),
    "Wiktionary": ("https://zh.wiktionary.org/wiki/", "维基词典中的词条：", "Look up ", "https://en.wiktionary.org/wiki/"),
    "Wikibooks": ("https://zh.wikibooks.org/wiki/", "维基教科书中的相关电子教程：", "Wikibooks has a book on the topic of: ",
                  "https://en.wikibooks.org/wiki/"),
}


def _sister(call: TemplateCall, ctx: TemplateContext) -> str:
    zh_base, zh_text, en_text, en_base = _SISTERS[call.name]
    page = " ".join(str(call.get("1")).split()) or ctx.title
    base = zh_base if _zh(ctx) else en_base
    link = ext_link(base + quote(page.replace(" ", "_"), safe=":/()"), esc(page), css="extiw")
    text = f"{zh_text}<b>{link}</b>" if _zh(ctx) else f"{en_text}<b>{link}</b>"
    return (f'<div role="navigation" class="side-box sister-box metadata plainlinks">'
            f'<div class="side-box-image wv-commons-icon"></div><div class="side-box-text">{text}</div></div>')


template(*_SISTERS)(_sister)
