"""Footnotes: ``{{sfn}}``/``{{sfnp}}``/``{{sfnm}}`` and the ``{{harv}}`` family (Module:Footnotes),
``{{efn}}``/``{{notelist}}``, ``{{reflist}}``, ``{{refn}}``, ``{{r}}``, ``{{fn}}``/``{{fnb}}``.

A short footnote is a named ref (``FOOTNOTE…``, so repeats share one note) whose text links
to the citation's ``CITEREF…`` anchor: ``[[#CITEREFde_Waal2003|de Waal 2003]]``, then the
pages and a full stop. zh.wikipedia's Module:Footnotes keeps en's words (``, p. 285.``,
``et al.``); only the space after ``p.`` differs: a plain space on zh, ``&nbsp;`` on en.
"""

from __future__ import annotations


from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template
from viewer.wikitext.render.templates._util import esc
from viewer.wikitext.citations import anchor_encode, is_year
from viewer.wikitext.render.templates.citation import citeref_id

__all__ = ["sfn", "sfnm", "harv", "efn", "notelist", "reflist", "refn", "r", "fn", "fnb", "sfnref"]

def _names_and_year(values: list[str]) -> tuple[list[str], str]:
    """Positional parameters 1-4 are names, the last one is the year when it looks like one
    (Module:Footnotes; the same reading as the reference checks')."""
    values = [str(v).strip() for v in values]
    while values and not values[-1]:
        values.pop()
    year = values.pop() if len(values) > 1 and is_year(values[-1]) else ""
    return values[:4], year


def _who(names: list[str]) -> str:
    """``A``, ``A & B``, ``A, B & C``, ``A et al.``, as Module:Footnotes joins them (zh too)."""
    if len(names) >= 4:
        return names[0] + " et al."
    if len(names) == 3:
        return f"{names[0]}, {names[1]} & {names[2]}"
    return " & ".join(names)


# Module:Footnotes' page_sep and pages_sep: zh's copy has a plain space, en's a no-break space.
_PAGE_SEPS = {"zh": (", p. ", ", pp. "), "en": (", p.&nbsp;", ", pp.&nbsp;")}


def _pages(call: TemplateCall, lang: str, *, p: str = "p", pp: str = "pp", loc: str = "loc") -> str:
    page, pages, at = call.get(p, "page"), call.get(pp, "pages"), call.get(loc, "at")
    page_sep, pages_sep = _PAGE_SEPS[lang]
    out = f"{page_sep}{page}" if page else (f"{pages_sep}{pages}" if pages else "")
    return out + (f", {at}" if at else "")


def _lang(ctx: TemplateContext) -> str:
    return "en" if ctx.lang == "en" else "zh"


def _target(call: TemplateCall, names: list[str], year: str) -> str:
    ref = call.get("ref")
    return str(ref).strip() if ref else citeref_id(names, year)


def _short(call: TemplateCall, ctx: TemplateContext, *, parenthesized_year: bool) -> tuple[str, str]:
    """The linked ``Name Year`` (or ``Name (Year)``) wikitext and the pages text."""
    names, year = _names_and_year(call.positional())
    lang = _lang(ctx)
    who = _who(names)
    label = f"{who} ({year})" if parenthesized_year and year else f"{who} {year}".strip()
    link = f"[[#{_target(call, names, year)}|{label}]]"
    return link, _pages(call, lang)


def _footnote_name(call: TemplateCall) -> str:
    parts = [str(v).strip() for v in call.positional()[:5]]
    parts += [str(call.get(k)).strip() for k in ("p", "page", "pp", "pages", "loc", "at")]
    return "FOOTNOTE" + "".join(parts)


def _postscript(call: TemplateCall) -> str:
    ps = call.args.get("postscript", call.args.get("ps"))
    if ps is None:
        return "."
    return "" if ps.strip().lower() == "none" else str(ps)


@template("Sfn", "Sfnp", "Shortened footnote template", "Sfn whole")
def sfn(call: TemplateCall, ctx: TemplateContext) -> str:
    link, pages = _short(call, ctx, parenthesized_year=call.name == "Sfnp")
    content = link + pages + _postscript(call)
    return ctx.ref(content, name=_footnote_name(call))


@template("Sfnm")
def sfnm(call: TemplateCall, ctx: TemplateContext) -> str:
    """Several sources in one footnote: ``1a1``…``1a4``, ``1y``, ``1p``/``1pp``/``1loc``, then ``2…``."""
    lang = _lang(ctx)
    pieces = []
    n = 1
    while call.get(f"{n}a1"):
        names = [str(call.get(f"{n}a{i}")).strip() for i in range(1, 5) if call.get(f"{n}a{i}")]
        year = str(call.get(f"{n}y")).strip()
        label = f"{_who(names)} {year}".strip()
        target = citeref_id(names, year)
        pages = _pages(call, lang, p=f"{n}p", pp=f"{n}pp", loc=f"{n}loc")
        pieces.append(f"[[#{target}|{label}]]{pages}")
        n += 1
    if not pieces:
        return ctx.error("sfn/no-names", "{{sfnm}}: 缺少作者参数" if lang == "zh" else "{{sfnm}}: no author given")
    content = "; ".join(pieces) + _postscript(call)
    return ctx.ref(content, name="FOOTNOTE" + "".join(str(call.args[k]).strip() for k in call.order))


@template("Harvnb", "Harvtxt", "Harv", "Harvp", "Harvcol", "Harvcolnb", "Harvcoltxt")
def harv(call: TemplateCall, ctx: TemplateContext) -> str:
    """Inline short citations: harvnb ``Name Year, p. 5``; harvtxt ``Name (Year)``; harv/harvp
    in parentheses; the ``col`` forms put pages after a colon."""
    name = _HARV_ALIASES.get(call.name, call.name)
    link, pages = _short(call, ctx, parenthesized_year=name in {"Harvtxt", "Harvp", "Harvcoltxt"})
    if "col" in name.lower():
        page = call.get("p", "page", "pp", "pages", "loc")
        pages = f":&nbsp;{page}" if page else ""
    text = link + pages
    if name in {"Harv", "Harvp", "Harvcol"}:
        text = f"({text})"
    return f'<span class="harv">{ctx.inline(text)}</span>'


_HARV_ALIASES = {"Harvard citation no brackets": "Harvnb", "Harvard citation text": "Harvtxt",
                 "Harvard citation": "Harv", "Harvid-nb": "Harvnb"}
template(*_HARV_ALIASES)(harv)


@template("Sfnref", "Harvid")
def sfnref(call: TemplateCall, ctx: TemplateContext) -> str:
    """The anchor text itself (``CITEREFSmith2001``), for a citation's ``|ref=``."""
    names, year = _names_and_year(call.positional())
    return esc(citeref_id(names, year))


_EFN_GROUPS = {
    "Efn": "lower-alpha", "Efn-la": "lower-alpha", "Efn-ua": "upper-alpha", "Efn-lr": "lower-roman",
    "Efn-ur": "upper-roman", "Efn-lg": "lower-greek",
}


@template(*_EFN_GROUPS)
def efn(call: TemplateCall, ctx: TemplateContext) -> str:
    """An explanatory note in its own list (``{{notelist}}``), marked a, b, c..."""
    return ctx.ref(call.get("1", "text"), name=call.get("name") or None, group=_EFN_GROUPS[call.name])


_NOTELIST_GROUPS = {
    "Notelist": "lower-alpha", "Notelist-la": "lower-alpha", "Notelist-ua": "upper-alpha",
    "Notelist-lr": "lower-roman", "Notelist-ur": "upper-roman", "Notelist-lg": "lower-greek",
}


@template(*_NOTELIST_GROUPS)
def notelist(call: TemplateCall, ctx: TemplateContext) -> str:
    group = call.get("group") or _NOTELIST_GROUPS[call.name]
    return ctx.references(str(group).strip(), columns=_columns(call), refs=call.get("refs", "notes"))


def _columns(call: TemplateCall) -> str | None:
    """``{{reflist|2}}`` (a count), ``{{reflist|30em}}`` or ``colwidth=30em`` (a width)."""
    value = str(call.get("colwidth", "1")).strip()
    return value or None


@template("Reflist", "References", "Refs", "Reference list", "参考文献", "參考文獻", "Ref-list")
def reflist(call: TemplateCall, ctx: TemplateContext) -> str:
    group = str(call.get("group")).strip()
    return ctx.references(group, columns=_columns(call), refs=call.get("refs"))


@template("Refn")
def refn(call: TemplateCall, ctx: TemplateContext) -> str:
    return ctx.ref(call.get("1"), name=call.get("name") or None, group=str(call.get("group")).strip())


@template("R")
def r(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{r|a|b}}``: reuses of named refs; ``p=`` adds a page after the marker."""
    group = str(call.get("group", "g")).strip()
    out = "".join(ctx.ref("", name=str(name).strip(), group=group) for name in call.positional() if name.strip())
    page = call.get("p", "page", "pp", "pages")
    if page:
        out += f'<sup class="reference-page">:&nbsp;{ctx.inline(page)}</sup>'
    return out


def _note_id(call: TemplateCall) -> str:
    return anchor_encode(call.get("1"))


@template("Fn")
def fn(call: TemplateCall, ctx: TemplateContext) -> str:
    """A manual footnote mark linking down to its ``{{fnb}}`` (``Ref_X`` -> ``Note_X``)."""
    label = call.get("1")
    key = esc(_note_id(call))
    return f'<sup id="Ref_{key}" class="reference"><a href="#Note_{key}">&#91;{ctx.inline(label)}&#93;</a></sup>'


@template("Fnb")
def fnb(call: TemplateCall, ctx: TemplateContext) -> str:
    """The note's end of a manual footnote, linking back up to its ``{{fn}}``."""
    label = call.get("1")
    key = esc(_note_id(call))
    return f'<sup id="Note_{key}"><a href="#Ref_{key}">&#91;{ctx.inline(label)}&#93;</a></sup>'


@template("NoteTag", "Notetag", "Note tag")
def note_tag(call: TemplateCall, ctx: TemplateContext) -> str:
    """zh's explanatory note (``{{NoteTag|…}}``), numbered in the ``注`` group."""
    return ctx.ref(call.get("1", "text"), name=call.get("name") or None, group="注")


@template("NoteFoot", "Notefoot", "Note foot")
def note_foot(call: TemplateCall, ctx: TemplateContext) -> str:
    """The list of ``{{NoteTag}}`` notes."""
    return ctx.references("注", columns=_columns(call))
