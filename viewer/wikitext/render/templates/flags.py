"""Flag templates: ``{{flag}}``, ``{{flagicon}}``, ``{{flagdeco}}``, ``{{flagcountry}}``, ``{{flagu}}``,
``{{flagicon image}}``.

Images are offline, so a flag is a small box of the flag's size (``23x15px`` by default, as
the Country data templates draw it) titled with the file name and painted with the flag's
stripes when ``flags.json`` knows them, inside ``span.flagicon``;
``{{flag}}`` adds a link to the country under its zh (or en) name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template, template_family
from viewer.wikitext.render.templates._util import data, esc, wikilink

__all__ = ["flag", "flagicon", "flag_image_box"]

_BOX_W, _BOX_H = 23, 15  # Country data's default "23x15px": the flag fits inside this box


@dataclass(frozen=True)
class Country:
    name: str  # English name, as in {{Country data Name}}
    zh: str
    file: str
    ratio: float  # width / height
    colors: tuple[str, ...] = ()  # the flag's stripes, for the offline stand-in
    vertical: bool = False


def find_country(key: str, variant: str = "") -> Country | None:
    """The country a flag template names: its English name, alias code (ARM, AZE...) or zh name."""
    key = " ".join(str(key).split())
    by_name, by_code, by_zh = _country_index()
    found = [i for i in (by_name.get(key.lower()), by_code.get(key.upper()), by_zh.get(key)) if i is not None]
    if not found:
        return None
    name, entry = _countries()[min(found)]  # the table's first match, as a scan of it finds
    look = entry.get("variants", {}).get(str(variant).strip(), entry["file"])
    if isinstance(look, str):  # a historical flag: its file, the same colours
        look = {"file": look}
    look = {**entry, **look}
    return Country(name, entry["zh"], look["file"], entry["ratio"], tuple(look.get("colors", ())),
                   bool(look.get("vertical")))


@cache
def _countries() -> list[tuple[str, dict]]:
    """flags.json's countries in its order."""
    return [(name, entry) for name, entry in data("flags.json").items() if not name.startswith("_")]


@cache
def _country_index() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Each English name (lower case), code and zh name to the first country that has it (a
    flag template's key was matched by scanning the table: 37 scans of 82 countries a render)."""
    by_name: dict[str, int] = {}
    by_code: dict[str, int] = {}
    by_zh: dict[str, int] = {}
    for i, (name, entry) in enumerate(_countries()):
        by_name.setdefault(name.lower(), i)
        for code in entry["codes"]:
            by_code.setdefault(code, i)
        by_zh.setdefault(entry["zh"], i)
    return by_name, by_code, by_zh


def _file_look(file: str) -> tuple[float, tuple[str, ...], bool]:
    """Ratio and colours of a flag given by file name ({{flagicon image}}), when known."""
    entry = data("flags.json")["_files"].get(file)
    if entry:
        return entry["ratio"], tuple(entry["colors"]), False
    for name, country in data("flags.json").items():
        if not name.startswith("_") and country["file"] == file:
            return country["ratio"], tuple(country.get("colors", ())), bool(country.get("vertical"))
    return 1.5, (), False


_COLOUR = re.compile(r"^#[0-9A-Fa-f]{3,6}$")


def _stripes(colors: tuple[str, ...], vertical: bool) -> str:
    """A CSS background drawing equal stripes with hard edges."""
    colors = tuple(c for c in colors if _COLOUR.match(c))
    if not colors:
        return ""
    if len(colors) == 1:
        return f"background:{colors[0]}"
    step = 100 / len(colors)
    stops = ",".join(f"{c} {round(i * step, 2):g}% {round((i + 1) * step, 2):g}%" for i, c in enumerate(colors))
    return f"background:linear-gradient({'90deg' if vertical else '180deg'},{stops})"


def _size(value: str, ratio: float) -> tuple[int, int]:
    """Pixel size of a flag: ``size=23px`` sets the width; ``WxHpx`` a box it must fit."""
    match = re.fullmatch(r"\s*(\d+)?(?:x(\d+))?\s*(?:px)?\s*", str(value or ""))
    width, height = _BOX_W, _BOX_H
    if match and (match.group(1) or match.group(2)):
        width = int(match.group(1)) if match.group(1) else 10_000
        height = int(match.group(2)) if match.group(2) else 10_000
    # fit the flag's proportions inside the box, as MediaWiki scales an image
    if width / height > ratio:
        width = round(height * ratio)
    else:
        height = round(width / ratio)
    return width, height


def flag_image_box(file: str, ratio: float, size: str = "", colors: tuple[str, ...] = (), vertical: bool = False) -> str:
    """The offline stand-in for a flag image: a bordered box of the flag's size, painted with
    the flag's stripes when they are known."""
    width, height = _size(size, ratio)
    paint = _stripes(colors, vertical)
    style = f"width:{width}px;height:{height}px" + (f";{paint}" if paint else "")
    return f'<span class="wv-flag" role="img" title="{esc(file)}" aria-label="{esc(file)}" style="{style}"></span>'


def _icon(country: Country | None, key: str, size: str) -> str:
    if country is None:
        box = flag_image_box(f"Flag of {' '.join(str(key).split())}.svg", 1.5, size)
    else:
        box = flag_image_box(country.file, country.ratio, size, country.colors, country.vertical)
    return f'<span class="flagicon">{box}</span>'


def _country_name(country: Country | None, key: str, ctx: TemplateContext) -> str:
    if country is None:
        return " ".join(str(key).split())
    return country.name if ctx.lang == "en" else country.zh


@template("Flag", "Flagcountry", "Flag country")
def flag(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{flag|Armenia}}`` -> flag + ``[[亚美尼亚]]``; ``|name=`` replaces the shown name."""
    key = call.get("1")
    if not key:
        return ""
    country = find_country(key, call.get("2", "variant"))
    target = _country_name(country, key, ctx)
    shown = call.get("name")
    link = ctx.inline(wikilink(target, str(shown) if shown else None))
    return f"{_icon(country, key, call.get('size'))}&nbsp;{link}"


@template("Flagu")
def flagu(call: TemplateCall, ctx: TemplateContext) -> str:
    """Flag and the country's name, unlinked."""
    key = call.get("1")
    if not key:
        return ""
    country = find_country(key, call.get("2", "variant"))
    return f"{_icon(country, key, call.get('size'))}&nbsp;{esc(_country_name(country, key, ctx))}"


@template("Flagicon", "Flagdeco", "Flag icon", "Flag deco")
def flagicon(call: TemplateCall, ctx: TemplateContext) -> str:
    """The flag alone (``flagicon`` links it to the country; offline the box is all there is)."""
    key = call.get("1")
    if not key:
        return ""
    country = find_country(key, call.get("2", "variant"))
    return _icon(country, key, call.get("size"))


@template("Flagicon image", "Flag icon image")
def flagicon_image(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{flagicon image|Flag of X.svg|size=23px}}``: a flag from a file name."""
    file = " ".join(str(call.get("1")).split())
    if not file:
        return ""
    ratio, colors, vertical = _file_look(file)
    return f'<span class="flagicon">{flag_image_box(file, ratio, call.get("size"), colors, vertical)}</span>'


def _is_country_code(name: str) -> bool:
    return len(name) == 3 and name.isascii() and name.isupper() and find_country(name) is not None


@template_family(_is_country_code)
def country_code(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{ARM}}``, ``{{USA}}``: zh.wikipedia's country shortcuts, the flag and the linked name."""
    country = find_country(call.name, call.get("1", "variant"))
    link = ctx.inline(wikilink(_country_name(country, call.name, ctx)))
    return f"{_icon(country, call.name, call.get('size'))}&nbsp;{link}"
