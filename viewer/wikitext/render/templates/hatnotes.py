"""Hatnotes: ``{{Main}}``, ``{{See also}}``, ``{{Further}}``, ``{{Details}}``, ``{{About}}``,
``{{Other uses}}``, ``{{Distinguish}}``, ``{{Redirect}}``, ``{{Hatnote}}`` (and zh names).

Each is ``div.hatnote.navigation-not-searchable`` (italic and indented by the skin), worded
as zh.wikipedia's (``主条目：A、B和C``) or en.wikipedia's (``Main articles: A, B and C``).
"""

from __future__ import annotations

from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template
from viewer.wikitext.render.templates._util import esc, wikilink

__all__ = ["hatnote_div", "main"]


def hatnote_div(inner_html: str) -> str:
    return f'<div role="note" class="hatnote navigation-not-searchable">{inner_html}</div>'


def _zh(ctx: TemplateContext) -> bool:
    return ctx.lang != "en"


def _pages(call: TemplateCall) -> list[tuple[str, str | None]]:
    """Positional page names with their ``l1=``/``label 1=`` display texts."""
    out = []
    for i, page in enumerate(call.positional(), 1):
        page = " ".join(str(page).split())
        if not page:
            continue
        label = call.get(f"l{i}", f"label {i}")
        out.append((page, str(label) if label else None))
    return out


def _link(page: str, label: str | None, ctx: TemplateContext) -> str:
    """A hatnote link; ``Page#Section`` shows as ``Page § Section``, as Module:Hatnote does."""
    if label is None and "#" in page:
        base, _, section = page.partition("#")
        label = f"{base} § {section}" if base else f"§ {section}"
    return ctx.inline(wikilink(page, label))


def _list(links: list[str], ctx: TemplateContext) -> str:
    """``A、B和C`` (zh) / ``A, B and C`` (en)."""
    if len(links) <= 1:
        return "".join(links)
    if _zh(ctx):
        return "、".join(links[:-1]) + "和" + links[-1]
    return ", ".join(links[:-1]) + " and " + links[-1]


def _simple(call: TemplateCall, ctx: TemplateContext, zh: str, en_one: str, en_many: str) -> str:
    pages = _pages(call) or [(ctx.title, None)]
    links = _list([_link(p, label, ctx) for p, label in pages], ctx)
    prefix = zh if _zh(ctx) else (en_many if len(pages) > 1 else en_one)
    return hatnote_div(f"{esc(prefix)}{links}")


@template("Main", "主条目", "主條目", "Main article", "Mainarticle")
def main(call: TemplateCall, ctx: TemplateContext) -> str:
    return _simple(call, ctx, "主条目：", "Main article: ", "Main articles: ")


@template("See also", "Seealso", "参见", "參見", "See")
def see_also(call: TemplateCall, ctx: TemplateContext) -> str:
    return _simple(call, ctx, "参见：", "See also: ", "See also: ")


@template("Further", "Further information", "Furtherinfo", "进一步信息", "進一步資訊")
def further(call: TemplateCall, ctx: TemplateContext) -> str:
    return _simple(call, ctx, "进一步信息：", "Further information: ", "Further information: ")


@template("Details")
def details(call: TemplateCall, ctx: TemplateContext) -> str:
    page = " ".join(str(call.get("1")).split())
    if not page:
        return ""
    topic = call.get("2")
    link = _link(page, None, ctx)
    if _zh(ctx):
        about = ctx.inline(topic) if topic else "此主题"
        return hatnote_div(f"关于{about}的更多信息，请参见{link}。")
    about = ctx.inline(topic) if topic else "this topic"
    return hatnote_div(f"For more details on {about}, see {link}.")


@template("Hatnote", "Rellink", "Dablink")
def hatnote(call: TemplateCall, ctx: TemplateContext) -> str:
    return hatnote_div(ctx.inline(call.get("1", "text")))


def _disambiguation(ctx: TemplateContext) -> str:
    return f"{ctx.title} (消歧义)" if _zh(ctx) else f"{ctx.title} (disambiguation)"


@template("About", "关于", "關於")
def about(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{About|这篇条目的主题|其他用法|其他条目|…}}``: what this page is about, where the others are."""
    this = call.get("1")
    pairs = []
    args = [str(a) for a in call.positional()[1:]]
    for i in range(0, max(len(args), 1), 2):
        use = args[i].strip() if i < len(args) else ""
        page = args[i + 1].strip() if i + 1 < len(args) else ""
        pairs.append((use, page or _disambiguation(ctx)))
    sentences = []
    if _zh(ctx):
        if this:
            sentences.append(f"本文介绍的是{ctx.inline(this)}。")
        for use, page in pairs:
            sentences.append(f"关于{ctx.inline(use) if use else '其他用法'}，请见「{_link(page, None, ctx)}」。")
    else:
        if this:
            sentences.append(f"This article is about {ctx.inline(this)}.")
        for use, page in pairs:
            sentences.append(f"For {ctx.inline(use) if use else 'other uses'}, see {_link(page, None, ctx)}.")
    return hatnote_div(" ".join(sentences) if not _zh(ctx) else "".join(sentences))


@template("Other uses", "Otheruses", "Other uses of", "其他用法", "消歧义", "Distinguish2")
def other_uses(call: TemplateCall, ctx: TemplateContext) -> str:
    page = " ".join(str(call.get("1")).split()) or _disambiguation(ctx)
    if _zh(ctx):
        return hatnote_div(f"关于与「{esc(ctx.title)}」标题相近或相同的条目，请见「{_link(page, None, ctx)}」。")
    return hatnote_div(f"For other uses, see {_link(page, None, ctx)}.")


@template("Distinguish", "Not to be confused with", "勿与混淆", "勿與混淆")
def distinguish(call: TemplateCall, ctx: TemplateContext) -> str:
    pages = _pages(call)
    if not pages:
        return ""
    if _zh(ctx):
        links = "、".join(f"「{_link(p, label, ctx)}」" for p, label in pages)
        return hatnote_div(f"不要与{links}混淆。")
    return hatnote_div(f"Not to be confused with {_list([_link(p, label, ctx) for p, label in pages], ctx)}.")


@template("Redirect", "Redirect-distinguish", "重定向")
def redirect(call: TemplateCall, ctx: TemplateContext) -> str:
    name = call.get("1")
    if not name:
        return ""
    use, page = call.get("2"), " ".join(str(call.get("3")).split())
    target = _link(page or _disambiguation(ctx), None, ctx)
    if _zh(ctx):
        about = ctx.inline(use) if use else "其他用法"
        return hatnote_div(f"「{ctx.inline(name)}」重定向至此。关于{about}，请见「{target}」。")
    about = ctx.inline(use) if use else "other uses"
    return hatnote_div(f"&quot;{ctx.inline(name)}&quot; redirects here. For {about}, see {target}.")
