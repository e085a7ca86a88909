"""Templates that set page metadata and show nothing in the body (``{{Short description}}``,
``{{Use dmy dates}}``, protection and article-status icons...), and the stub notices
(``{{…-stub}}``, ``{{小作品}}``) that end short articles.
"""

from __future__ import annotations

from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template, template_family
from viewer.wikitext.render.templates._util import esc

__all__ = ["invisible", "stub"]

_INVISIBLE = (
    "Short description", "Italic title", "Use dmy dates", "Use mdy dates", "Use ymd dates", "Use British English",
    "Use American English", "Use Australian English", "Use Canadian English", "Use Indian English", "EngvarB",
    "Good article", "Featured article", "Featured list", "优良条目", "優良條目", "典范条目", "典範條目", "特色列表",
    "Pp", "Pp-protected", "Pp-semi", "Pp-semi-indef", "Pp-semi-protected", "Pp-move", "Pp-move-indef", "Pp-vandalism",
    "Pp-extended", "Pp-template", "Coord missing", "Bots", "Nobots", "Toc limit", "TOC limit", "Notoc",
    "Featured picture", "Good topic", "Dablink end",
)


@template(*_INVISIBLE)
def invisible(call: TemplateCall, ctx: TemplateContext) -> str:
    """Nothing in the body: these set a description, a date style or an icon beside the title."""
    return ""


def _stub_subject(name: str) -> str | None:
    lowered = name.lower()
    if lowered in {"stub", "小作品"}:
        return ""
    for ending in ("-stub", " stub"):
        if lowered.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    if name.endswith("小作品") and len(name) > 3:
        return name[:-3]
    return None


@template_family(lambda name: _stub_subject(name) is not None)
def stub(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{Armenia-stub}}``: the small notice that the article is a stub, in italics."""
    subject = esc(_stub_subject(call.name) or "")
    if ctx.lang == "en":
        about = f"article about {subject}" if subject else "article"
        text = f"This {about} is a stub. You can help Wikipedia by expanding it."
    else:
        about = f"与<b>{subject}</b>相关的" if subject else ""
        text = f"这是一篇{about}小作品。你可以通过编辑或修订扩充其内容。"
    return (f'<div role="note" class="metadata plainlinks stub"><span class="wv-stub-icon"></span>'
            f"<i>{text}</i></div>")
