"""Language templates: ``{{lang}}``, the ``{{lang-xx}}`` family and the ``{{xx icon}}`` family.

zh.wikipedia shows ``{{lang-en|x}}`` as ``[[英语]]：x`` and ``{{ru icon}}`` as a small grey
``（俄文）``; en.wikipedia as ``English: x`` and ``(in Russian)``.
"""

from __future__ import annotations

import unicodedata

from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template, template_family
from viewer.wikitext.render.templates._util import esc, language_name, wikilink

__all__ = ["lang", "lang_xx", "xx_icon", "language_tag"]


def language_tag(code: str, content_html: str, *, italic: bool = False, protect: bool = False) -> str:
    """Foreign text marked with its language, as ``{{lang}}`` writes it.

    ``protect`` wraps the text in ``-{ }-``, as zh.wikipedia's language templates do, so the
    variant converter leaves it alone (Japanese kanji must not become simplified, say)."""
    code = esc(str(code).strip().lower())
    tag = "i" if italic else "span"
    if protect:
        content_html = f"-{{{content_html}}}-"
    return f'<{tag} lang="{code}">{content_html}</{tag}>'


def _latin(text: str) -> bool:
    """Whether the letters of ``text`` are Latin script (en italicizes those in ``{{lang-xx}}``)."""
    letters = [c for c in str(text) if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


@template("Lang")
def lang(call: TemplateCall, ctx: TemplateContext) -> str:
    code = call.get("1", "code")
    text = call.get("2", "text")
    if not code:
        return ctx.error("lang/missing-code", "{{lang}}：缺少语言代码" if ctx.lang != "en" else "{{lang}}: no language code")
    return language_tag(code, ctx.inline(text), protect=ctx.lang.startswith("zh"))


def _lang_code(name: str) -> str:
    return name[5:].strip().lower()


@template_family(lambda name: name.lower().startswith("lang-") and len(name) > 5)
def lang_xx(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{lang-az|x}}`` -> ``阿塞拜疆语：x`` (the language name linked to its article)."""
    code = _lang_code(call.name)
    text = call.get("1", "text")
    name = language_name(code, ctx.lang) or code
    label = call.get("label")
    if label and label.strip().lower() == "none":
        prefix = ""
    elif ctx.lang == "en":
        prefix = ctx.inline(wikilink(f"{name} language", str(label) if label else name)) + ": "
    else:
        prefix = ctx.inline(wikilink(name, str(label) if label else None)) + "："
    # en.wikipedia's Module:Lang italicizes Latin-script text in {{lang-xx}}; zh never italicizes
    italic = ctx.lang == "en" and _latin(text) and str(call.get("italic")).strip().lower() not in {"no", "unset"}
    return f"{prefix}{language_tag(code, ctx.inline(text), italic=italic, protect=ctx.lang.startswith('zh'))}"


def _icon_code(name: str) -> str:
    return name[: -len(" icon")].strip().lower()


def _icon_word(code: str, ctx: TemplateContext) -> str:
    name = language_name(code, ctx.lang) or code
    if ctx.lang == "en":
        return f"(in {name})"
    # zh's icons say 英文/俄文 where the language name says 英语/俄语
    word = name[:-1] + "文" if name.endswith("语") else name
    return f"（{word}）"


@template_family(lambda name: name.lower().endswith(" icon") and language_name(_icon_code(name), "en") is not None)
def xx_icon(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{ru icon}}`` -> ``（俄文）``, a small grey note that a linked page is in Russian."""
    code = _icon_code(call.name)
    name = language_name(code, ctx.lang) or code
    title = f"连接到{name}网页" if ctx.lang != "en" else f"{name}-language source"
    return f'<span class="languageicon" title="{esc(title)}">{esc(_icon_word(code, ctx))}</span>'


@template("In lang", "Link language")
def in_lang(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{in lang|fr}}`` / ``{{link language|fr}}``: the same note for a code given as a parameter."""
    codes = [str(c).strip() for c in call.positional() if str(c).strip()]
    if not codes:
        return ""
    words = [_icon_word(c, ctx) for c in codes]
    return f'<span class="languageicon">{esc("".join(words))}</span>'


@template("Transl", "Transliteration", "Translit")
def transl(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{transl|ru|Nagorny Karabakh}}``: romanized text, italic, tagged ``xx-Latn``."""
    values = [v for v in call.positional() if str(v).strip()]
    if len(values) < 2:
        return ctx.inline(values[0]) if values else ""
    code = esc(str(values[0]).strip().lower())
    return f'<i lang="{code}-Latn" title="{code} transliteration">{ctx.inline(values[-1])}</i>'


_ZH_PARTS = (("c", "中文", "Chinese"), ("s", "简体", "simplified Chinese"), ("t", "繁体", "traditional Chinese"),
             ("p", "拼音", "pinyin"), ("w", "威妥玛拼音", "Wade–Giles"), ("j", "粤拼", "Jyutping"),
             ("l", "字面意思", "lit."))


@template("Zh")
def zh(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{zh|s=中国|t=中國|p=Zhōngguó}}``: each form labelled, as en.wikipedia shows Chinese names."""
    parts = []
    for key, zh_label, en_label in _ZH_PARTS:
        value = call.get(key)
        if not value:
            continue
        label = en_label if ctx.lang == "en" else zh_label
        if key in {"c", "s", "t"}:
            tag = "zh-Hans" if key == "s" else "zh-Hant" if key == "t" else "zh"
            shown = f'<span lang="{tag}">{ctx.inline(value)}</span>'
        elif key == "l":
            shown = f"&#39;{ctx.inline(value)}&#39;"
        else:
            shown = f"<i>{ctx.inline(value)}</i>"
        parts.append(f"{esc(label)}: {shown}" if ctx.lang == "en" else f"{esc(label)}：{shown}")
    return ("; " if ctx.lang == "en" else "；").join(parts)
