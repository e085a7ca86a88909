"""Article message boxes: ``{{ambox}}`` and the family built on it (``{{Unreferenced}}``,
``{{Refimprove}}``, ``{{Expand}}``, ``{{Expand English}}``... ``{{Multiple issues}}``).

A box is ``table.ambox.ambox-<type>`` with ``td.mbox-image`` and ``td.mbox-text``, as
Module:Message box writes it; the icon is a CSS-drawn stand-in (images are offline).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template, template_family
from viewer.wikitext.render.templates._util import data, esc, ext_link, wikipedia_url

__all__ = ["ambox_html", "ambox"]

_TYPES = {"speedy", "delete", "content", "style", "notice", "move", "protection"}


def ambox_html(kind: str, text_html: str, css_name: str = "", small: bool = False, icon: str = "") -> str:
    """``icon`` names a stand-in other than the type's own (``translate``: the translation
    arrow the Expand <language> boxes show)."""
    kind = kind if kind in _TYPES else "notice"
    classes = f"plainlinks metadata ambox ambox-{kind}"
    if css_name:
        classes = f"box-{esc(css_name.replace(' ', '_'))} {classes}"
    if small:
        classes += " mbox-small-left"
    return (
        f'<table class="{classes}" role="presentation"><tbody><tr>'
        f'<td class="mbox-image"><div class="wv-mbox-icon wv-mbox-icon-{icon or kind}"></div></td>'
        f'<td class="mbox-text"><div class="mbox-text-span">{text_html}</div></td>'
        f"</tr></tbody></table>"
    )


def _date_note(call: TemplateCall, ctx: TemplateContext) -> str:
    date = call.get("date", "time")
    if not date:
        return ""
    if ctx.lang == "en":
        return f' <span class="date-container"><i>(<span class="date">{ctx.inline(date)}</span>)</i></span>'
    return f'<span class="date-container"><i>（<span class="date">{ctx.inline(date)}</span>）</i></span>'


@template("Ambox", "Mbox")
def ambox(call: TemplateCall, ctx: TemplateContext) -> str:
    text = ctx.inline(call.get("text", "1"))
    small = str(call.get("small")).strip().lower() in {"yes", "left"}
    return ambox_html(str(call.get("type")).strip().lower() or "notice", text, small=small)


@dataclass(frozen=True)
class _Box:
    kind: str
    zh: str  # the first sentence; the date goes after it
    zh_more: str
    en: str
    en_more: str


_BOXES: dict[tuple[str, ...], _Box] = {
    ("Unreferenced", "Unref", "Noref", "No sources", "无来源", "無來源", "来源缺失"): _Box(
        "content", "此条目<b>没有列出任何参考或来源</b>。",
        "维基百科所有的内容都应该可供查证。请协助补充可靠来源以改善这篇条目。无法查证的内容可能会因为异议提出而被移除。",
        "This article <b>does not cite any sources</b>.",
        "Please help improve this article by adding citations to reliable sources. Unsourced material may be challenged and removed."),
    ("Refimprove", "More citations needed", "Citations needed", "Moresources", "来源不足", "來源不足", "More sources"): _Box(
        "content", "此条目<b>需要补充更多来源</b>。",
        "请协助补充多方面可靠来源以改善这篇条目，无法查证的内容可能会因为异议提出而被移除。",
        "This article <b>needs additional citations for verification</b>.",
        "Please help improve this article by adding citations to reliable sources. Unsourced material may be challenged and removed."),
    ("Expand", "Expand section", "Stub-section", "扩充", "擴充"): _Box(
        "notice", "此条目<b>需要扩充</b>。",
        "请协助改善这篇条目，更进一步的信息可能会在讨论页或扩充请求中找到。请在扩充条目后将此模板移除。",
        "This article <b>needs expansion</b>.", "You can help by adding to it."),
    ("Cleanup", "清理", "Cleanup-rewrite"): _Box(
        "style", "此条目<b>可能需要清理</b>，以符合维基百科的质量标准。", "请协助改善这篇条目。",
        "This article <b>may require cleanup</b> to meet Wikipedia's quality standards.", "Please help improve this article."),
    ("Copyedit", "Copy edit", "Proofreading", "Copy-edit"): _Box(
        "style", "此条目<b>需要编修</b>，以确保文法、用词、语气、格式、标点等使用恰当。", "请协助改善这篇条目。",
        "This article <b>may require copy editing</b> for grammar, style, cohesion, tone, or spelling.",
        "You can assist by editing it."),
    ("Notability", "关注度", "關注度"): _Box(
        "content", "此条目主题<b>可能不符合通用关注度指引</b>。",
        "请协助补充可靠来源以证明此条目主题的关注度。",
        "The topic of this article <b>may not meet Wikipedia's general notability guideline</b>.",
        "Please help to demonstrate the notability of the topic by citing reliable secondary sources."),
    ("Orphan", "孤立页面", "孤立頁面"): _Box(
        "style", "此条目<b>为孤立页面</b>，没有或很少有其他条目链接到本条目。",
        "请根据内容协助加入本条目的链接。",
        "This article <b>is an orphan</b>, as no other articles link to it.",
        "Please introduce links to this page from related articles."),
    ("Advert", "Advertisement", "广告", "廣告"): _Box(
        "content", "此条目<b>的内容疑似广告宣传</b>。", "请协助删除广告宣传的内容，以符合维基百科的中立性。",
        "This article <b>contains content that is written like an advertisement</b>.",
        "Please help improve it by removing promotional content."),
    ("POV", "NPOV", "Neutrality", "中立性", "Pov"): _Box(
        "content", "此条目<b>的中立性有争议</b>。", "内容、语调可能带有明显的个人观点或地方色彩。",
        "The <b>neutrality of this article is disputed</b>.", "Relevant discussion may be found on the talk page."),
    ("Update", "Outdated", "过时", "過時"): _Box(
        "content", "此条目<b>需要更新</b>。", "请更新本文以反映近况和新增的可用信息。",
        "This article <b>needs to be updated</b>.", "Please help update this article to reflect recent events or newly available information."),
    ("Original research", "Original Research", "OR", "原创研究", "原創研究"): _Box(
        "content", "此条目<b>可能包含原创研究</b>。", "请协助添加参考资料以改善这篇条目。",
        "This article <b>possibly contains original research</b>.", "Please improve it by verifying the claims made and adding inline citations."),
    ("Primary sources", "Primarysources", "第一手来源", "第一手來源"): _Box(
        "content", "此条目<b>过度依赖第一手来源</b>。", "请补充第二手及第三手来源，以改善这篇条目。",
        "This article <b>relies excessively on references to primary sources</b>.",
        "Please improve this article by adding secondary or tertiary sources."),
}


def _message_box(box: _Box) -> object:
    def render(call: TemplateCall, ctx: TemplateContext) -> str:
        if ctx.lang == "en":
            text = f"{box.en}{_date_note(call, ctx)} {box.en_more}"
        else:
            text = f"{box.zh}{_date_note(call, ctx)}{box.zh_more}"
        return ambox_html(box.kind, text, css_name=call.name)

    return render


for _names, _box in _BOXES.items():
    template(*_names)(_message_box(_box))


@template("Multiple issues", "多个问题", "多個問題", "Article issues", "Issues")
def multiple_issues(call: TemplateCall, ctx: TemplateContext) -> str:
    """The boxes given in ``|1=`` (rendered as they are), under one heading sentence."""
    inner = ctx.block(call.get("1"))
    intro = ("此条目存在以下问题，请协助改善本条目或在讨论页针对议题发表看法。" if ctx.lang != "en"
             else "This article has multiple issues. Please help improve it or discuss these issues on the talk page.")
    return ambox_html("content", f'<b>{intro}</b><div class="mbox-text-span multiple-issues-text">{inner}</div>',
                      css_name="Multiple issues")


@cache
def _english_language_names() -> dict[str, tuple[str, str]]:
    """English language name (``Russian``) -> (code, zh name), for ``{{Expand Russian}}``."""
    return {entry["en"].lower(): (code, entry["zh"]) for code, entry in data("languages.json").items()}


def _expand_language(name: str) -> tuple[str, str] | None:
    if not name.lower().startswith("expand "):
        return None
    return _english_language_names().get(name[7:].strip().lower())


@template("Expand language", "Expand Language", "翻译扩充", "翻譯擴充")
def expand_language_param(call: TemplateCall, ctx: TemplateContext) -> str:
    code = str(call.get("langcode", "lang", "1")).strip().lower()
    entry = data("languages.json").get(code)
    if entry is None:
        return ambox_html("notice", "此条目可参照外语维基百科相应条目来扩充。" if ctx.lang != "en" else
                          "You can help expand this article with text translated from another language.")
    page = call.get("otherarticle", "topic", "2")
    return _expand_box(ctx, code, entry["zh"], entry["en"], str(page), call)


@template_family(lambda name: _expand_language(name) is not None)
def expand_language(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{Expand English|Nagorno-Karabakh War}}``: expand from the English article."""
    code, zh_name = _expand_language(call.name)
    en_name = call.name[7:].strip()
    return _expand_box(ctx, code, zh_name, en_name, str(call.get("1", "topic")), call)


def _expand_box(ctx: TemplateContext, code: str, zh_name: str, en_name: str, page: str, call: TemplateCall) -> str:
    page = " ".join(page.split()) or ctx.title
    url = wikipedia_url(code, page)
    if ctx.lang == "en":
        article = ext_link(url, "the corresponding article", css="extiw")
        text = (f"You can help expand this article with text translated from {article} in {esc(en_name)}."
                f"{_date_note(call, ctx)}")
    else:
        # as zh pages show it: the bold sentence, 英语维基百科 linking the article, the guideline
        # links; {{Translated page}} is named without its braces (no raw braces in the preview)
        def link(page: str, label: str) -> str:
            return ctx.inline(f"[[{page}|{label}]]")

        wiki = ext_link(url, f"{esc(zh_name)}维基百科", css="extiw")
        text = (f"此条目<b>可参照{wiki}相应条目来扩充</b>。{_date_note(call, ctx)}"
                f"若您熟悉来源语言和主题，请协助{link('Wikipedia:翻译守则', '参考外语维基百科扩充条目')}。"
                "请勿直接提交机械翻译，也不要翻译不可靠、低品质内容。"
                f"依{link('Wikipedia:在维基百科内复制内容', '版权协议')}，"
                f"译文需{link('Wikipedia:編輯摘要#翻譯文章', '在编辑摘要注明来源')}，"
                "或于讨论页顶部标记<code>Translated page</code>标签。")
    return ambox_html("notice", text, css_name=call.name, icon="translate")
