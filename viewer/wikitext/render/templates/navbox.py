"""Navigation boxes: ``{{Navbox}}``, ``{{Campaignbox}}``, the per-topic boxes (``{{Campaignbox …}}``,
``{{… Topics}}``, ``{{… navbox}}``) and ``{{Authority control}}``.

A per-topic box is a page of its own on the wiki, which is not here: it is shown as the
real box looks before it is expanded, a collapsed ``div.navbox`` whose title bar carries its
name. ``{{Navbox}}`` called with its groups and lists renders them (collapsed when asked).
``{{Campaignbox …}}`` floats on the right under the infobox, as on Wikipedia.
"""

from __future__ import annotations

import re

from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template, template_family
from viewer.wikitext.render.templates._util import cell, esc, ext_link, wikipedia_url

__all__ = ["navbox_html"]


def _toggle(ctx: TemplateContext, collapsed: bool) -> str:
    if ctx.lang == "en":
        word = "show" if collapsed else "hide"
    else:
        word = "展开" if collapsed else "收起"
    return f'<span class="mw-collapsible-toggle" role="button">&#91;{word}&#93;</span>'


# Module:Navbar's mini links, zh (查·论·编) and en (v·t·e): the word, its tooltip, the page.
_NAVBAR = {
    "zh": (("nv-view", "查", "查看该模板", "Template:{}"), ("nv-talk", "论", "讨论该模板", "Template talk:{}"),
           ("nv-edit", "编", "编辑该模板", "Template:{}")),
    "en": (("nv-view", "v", "View this template", "Template:{}"), ("nv-talk", "t", "Discuss this template", "Template talk:{}"),
           ("nv-edit", "e", "Edit this template", "Template:{}")),
}


def _navbar(ctx: TemplateContext, name: str) -> str:
    """The title bar's mini navbar on the left. The template's pages are on the wiki, not
    here, so the links go there (edit opens the wiki's editor)."""
    lang = "en" if ctx.lang == "en" else "zh"
    items = []
    for css, word, tip, page in _NAVBAR[lang]:
        url = wikipedia_url(lang, page.format(name))
        if css == "nv-edit":
            url = url.replace("/wiki/", "/w/index.php?title=", 1) + "&action=edit"
        label = f'<abbr title="{tip}">{word}</abbr>'
        items.append(f'<li class="{css}">{ext_link(url, label)}</li>')
    return f'<div class="plainlinks hlist navbar mini"><ul>{"".join(items)}</ul></div>'


def navbox_html(ctx: TemplateContext, title_html: str, rows_html: str = "", *, collapsed: bool = True,
                extra_class: str = "", name: str = "") -> str:
    """A navbox: ``div.navbox`` > ``table.navbox-inner`` with its ``th.navbox-title`` bar
    (the toggle on the right, the navbar of template ``name`` on the left)."""
    state = " mw-collapsible mw-collapsed" if collapsed else " mw-collapsible"
    classes = f"navbox {extra_class}".strip()
    navbar = _navbar(ctx, name) if name.strip() else ""
    return (
        f'<div role="navigation" class="{classes}">'
        f'<table class="nowraplinks{state} navbox-inner"><tbody>'
        f'<tr><th scope="col" class="navbox-title" colspan="2">{_toggle(ctx, collapsed)}{navbar}'
        f'<div class="navbox-title-text">{title_html}</div></th></tr>{rows_html}</tbody></table></div>'
    )


def _rows(call: TemplateCall, ctx: TemplateContext) -> str:
    rows = []
    above = call.get("above")
    if above:
        rows.append(f'<tr><td class="navbox-abovebelow" colspan="2">{cell(ctx, above)}</td></tr>')
    numbers = sorted({int(m.group(1)) for key in call.args if (m := re.fullmatch(r"(?:list|group)(\d+)", key))})
    for n in numbers:
        group, items = call.get(f"group{n}"), call.get(f"list{n}")
        if not items:
            continue
        head = f'<th scope="row" class="navbox-group">{ctx.inline(group)}</th>' if group else ""
        colspan = "" if group else ' colspan="2"'
        rows.append(f'<tr>{head}<td class="navbox-list hlist"{colspan}>{cell(ctx, items)}</td></tr>')
    below = call.get("below")
    if below:
        rows.append(f'<tr><td class="navbox-abovebelow" colspan="2">{cell(ctx, below)}</td></tr>')
    return "".join(rows)


def _collapsed(call: TemplateCall, default: bool) -> bool:
    state = str(call.get("state")).strip().lower()
    if state in {"expanded", "uncollapsed", "plain", "off"}:
        return False
    if state in {"collapsed", "autocollapse"}:
        return True
    return default


@template("Navbox", "Navbox with collapsible groups", "Navbox with columns", "导航框", "導航框")
def navbox(call: TemplateCall, ctx: TemplateContext) -> str:
    title = call.get("title", "name")
    rows = _rows(call, ctx)
    return navbox_html(ctx, ctx.inline(title), rows, collapsed=_collapsed(call, default=False) if rows else True,
                       name=str(call.get("name")).strip())


@template("Campaignbox")
def campaignbox(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{Campaignbox|title=…|battles=…}}``, the box a ``Campaignbox X`` page is made of."""
    title, battles = call.get("title", "name"), call.get("battles", "list1")
    rows = f'<tr><td class="navbox-list" colspan="2">{cell(ctx, battles)}</td></tr>' if battles else ""
    return navbox_html(ctx, ctx.inline(title), rows, collapsed=_collapsed(call, default=not rows),
                       extra_class="wv-campaignbox", name=str(call.get("name")).strip())


@template_family(lambda name: name.startswith("Campaignbox ") or name.startswith("Campaign box "))
def campaignbox_page(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{Campaignbox 纳戈尔诺-卡拉巴赫战争}}``: the campaign's box, collapsed under its name."""
    name = call.name.split(" ", 1)[1].strip()
    return navbox_html(ctx, esc(name), collapsed=True, extra_class="wv-campaignbox", name=call.name)


_TOPIC_ENDINGS = (" topics", " navigation", " navbox", " nav", "导航", "導航", "主题", "主題")


@template_family(lambda name: name.lower().endswith(_TOPIC_ENDINGS) or name.startswith("Navbox "))
def topic_navbox(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{Nagorno-Karabakh Topics}}``: a topic's navbox page, collapsed under its name."""
    return navbox_html(ctx, esc(call.name), collapsed=True, name=call.name)


# identifiers an old {{Authority control}} call may still give locally
_AUTHORITY_IDS = {"VIAF", "LCCN", "GND", "ISNI", "ORCID", "BNF", "NDL", "NLA", "SUDOC", "ULAN", "NKC", "SELIBR",
                  "BIBSYS", "CINII", "NLK", "LNB", "MBA", "WORLDCATID"}


@template("Authority control", "规范控制", "規範控制", "Normdaten")
def authority_control(call: TemplateCall, ctx: TemplateContext) -> str:
    """The identifiers come from Wikidata, which is not here: the box under its name only."""
    title = "Authority control" if ctx.lang == "en" else "规范控制"
    ids = [f"{esc(key.upper())}: {esc(str(value).strip())}" for key, value in call.args.items()
           if key.upper() in _AUTHORITY_IDS and str(value).strip()]
    rows = f'<tr><td class="navbox-list hlist" colspan="2">{" · ".join(ids)}</td></tr>' if ids else ""
    return navbox_html(ctx, esc(title), rows, collapsed=not rows, extra_class="authority-control")
