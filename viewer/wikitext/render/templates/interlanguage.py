"""Interlanguage link helpers: ``{{link-xx}}`` (``{{le}}`` is link-en), ``{{tsl}}``, ``{{ill}}``.

On zh.wikipedia they are Template:Internal link helper: the local link, then, while the local
article does not exist, a small note ``（英语：Foreign title）`` linking to the other Wikipedia.
Offline nothing says whether the local page exists, so the note is always shown, as for a
red link. In an en article the note is en's ``[de]`` form.
"""

from __future__ import annotations

from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template, template_family
from viewer.wikitext.render.templates._util import esc, language_name, wikilink, wikipedia_url

__all__ = ["internal_link_helper"]


def internal_link_helper(ctx: TemplateContext, lang: str, local: str, foreign: str, display: str = "") -> str:
    """The local link and the note pointing to ``foreign`` on the ``lang`` Wikipedia."""
    local = " ".join(str(local).split()) or " ".join(str(foreign).split())
    foreign = " ".join(str(foreign).split()) or local
    display = str(display).strip()
    code = str(lang).strip().lower()
    link = ctx.inline(wikilink(local, display or None))
    href = esc(wikipedia_url(code, foreign))
    if ctx.lang == "en":
        note = (f'<span class="noprint ilh-comment">&nbsp;&#91;<a class="extiw" href="{href}" '
                f'title="{esc(code)}:{esc(foreign)}">{esc(code)}</a>&#93;</span>')
        return f'<span class="ilh-all">{link}{note}</span>'
    name = language_name(code, ctx.lang) or code
    note = (
        f'<span class="noprint ilh-comment">（<span class="ilh-lang">{esc(name)}</span>'
        f'<span class="ilh-colon">：</span><span class="ilh-link"><a class="extiw" href="{href}" '
        f'title="{esc(code)}:{esc(foreign)}"><span lang="{esc(code)}" dir="auto">{esc(foreign)}</span></a>'
        f"</span>）</span>"
    )
    return (
        f'<span class="ilh-all" data-orig-title="{esc(local)}" data-lang-code="{esc(code)}" '
        f'data-lang-name="{esc(name)}" data-foreign-title="{esc(foreign)}">'
        f'<span class="ilh-page">{link}</span>{note}</span>'
    )


def _link_lang(name: str) -> str:
    return name[5:].strip().lower()


@template_family(lambda name: name.lower().startswith("link-") and language_name(_link_lang(name), "en") is not None)
def link_xx(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{link-en|本地标题|Foreign title|显示文字}}``."""
    local = call.get("1")
    return internal_link_helper(ctx, _link_lang(call.name), local, call.get("2") or local, call.get("3"))


@template("Le")
def le(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{le|本地标题|English title|显示文字}}``, zh's short name for ``{{link-en}}``."""
    local = call.get("1")
    return internal_link_helper(ctx, "en", local, call.get("2") or local, call.get("3"))


@template("Tsl", "Translink")
def tsl(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{tsl|en|Foreign title|本地标题|显示文字}}`` (an empty local title means the foreign one)."""
    foreign = call.get("2")
    return internal_link_helper(ctx, call.get("1"), call.get("3") or foreign, foreign, call.get("4"))


@template("Ill", "Interlanguage link", "Internal link helper", "Interlanguage link multi")
def ill(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{ill|Local|de|Foreign|lt=shown}}``."""
    local = call.get("1")
    return internal_link_helper(ctx, call.get("2"), local, call.get("3") or local, call.get("lt"))
