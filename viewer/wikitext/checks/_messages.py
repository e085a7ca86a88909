"""Every message of every rule, built in one place.

``cite/*`` use MediaWiki Cite's own strings for the source key (data/cite_messages.json);
the others use the table below, zh and en, with ``{name}`` fields filled from the finding's data.
"""

from __future__ import annotations

import html
import re
from typing import Any

__all__ = ["MESSAGES", "message"]

# Arguments ($1, $2) of Cite's messages, taken from a finding's data.
_CITE_ARGS = {
    "cite_error_references_no_text": ("name",),
    "cite_warning_sectionpreview_no_text": ("name",),
    "cite_error_references_duplicate_key": ("name",),
    "cite_error_references_missing_key": ("name",),
    "cite_error_empty_references_define": ("name", "group"),
    "cite_error_group_refs_without_references": ("group",),
    "cite_error_references_group_mismatch": ("group",),
    "cite_error_ref_invalid_dir": ("value",),
    "cite_error_ref_conflicting_dir": ("name",),
    "cite_error_ref_parameter_suggestion": ("attribute", "suggestion"),
}

MESSAGES: dict[str, dict[str, str]] = {
    # ref/
    "ref/no-reference-list": {"zh": "有参考文献（{count}处），但没有参考文献列表；MediaWiki会在页面最末自动补一个", "en": "{count} refs but no reference list; MediaWiki appends one at the very end of the page"},
    "ref/multiple-reference-lists": {"zh": "第二个{group_label}参考文献列表前没有新的参考文献，它会显示为空", "en": "a second reference list for {group_label} with no refs since the previous one renders empty"},
    "ref/after-list": {"zh": "参考文献{ref}位于最后一个参考文献列表之后，会显示在页面最末的自动列表中", "en": "ref {ref} comes after the last reference list; it renders in an automatic list at the end of the page"},
    "ref/empty-list": {"zh": "分组“{group}”的参考文献列表没有任何参考文献", "en": "the reference list for group \"{group}\" has no refs"},
    "ref/redundant-definition": {"zh": "参考文献“{name}”以相同内容重复定义；后者可改为<ref name=\"{name}\" />", "en": "ref \"{name}\" is defined again with the same content; the later one can be <ref name=\"{name}\" />"},
    "ref/duplicate-content": {"zh": "参考文献{ref}与第{other_line}行的参考文献内容相同，可合并为一个命名参考文献", "en": "ref {ref} has the same content as the ref at line {other_line}; merge them into one named ref"},
    "ref/duplicate-url": {"zh": "参考文献{ref}的网址{url}也是第{other_line}行参考文献的来源", "en": "the URL {url} of ref {ref} is also the source of the ref at line {other_line}"},
    "ref/same-work": {"zh": "参考文献{ref}与第{other_line}行的参考文献引用同一作品（{work}），只是页码不同", "en": "ref {ref} cites the same work ({work}) as the ref at line {other_line}, at a different place"},
    "ref/follow-before-parent": {"zh": "follow=\"{name}\"出现在参考文献“{name}”定义之前（或其为列表定义），将显示为孤立段落", "en": "follow=\"{name}\" comes before ref \"{name}\" is defined (or it is list-defined); it renders as an orphan paragraph"},
    "ref/bare-url": {"zh": "参考文献只有裸露网址{url}，缺少标题等信息", "en": "the ref is only a bare URL {url}"},
    "ref/hand-formatted": {"zh": "参考文献{ref}含外部链接但未使用引文模板", "en": "ref {ref} has an external link but no citation template"},
    "ref/dead-link": {"zh": "失效链接且没有存档网址：{url}", "en": "dead link without an archive URL: {url}"},
    "ref/url-homepage": {"zh": "|{param}=指向网站首页（{url}），可能不是所引用的文章", "en": "|{param}= points at a home page ({url}), probably not the cited article"},
    "ref/archive-date-mismatch": {"zh": "存档日期{value}与存档网址的时间戳{timestamp}不符", "en": "archive date {value} does not match the archive timestamp {timestamp}"},
    "ref/access-before-publication": {"zh": "访问日期{value}早于发表日期{date}", "en": "access date {value} is earlier than the publication date {date}"},
    "ref/date-format-mixed": {"zh": "日期{value}为{format_label}格式，本条目的{pool_label}多为{majority_label}格式", "en": "date {value} is {format_label}; the article's {pool_label} are mostly {majority_label}"},
    "ref/in-heading": {"zh": "标题中有参考文献{ref}：它会出现在目录和章节锚点中", "en": "ref {ref} in a heading shows up in the table of contents and the section anchor"},
    "ref/ligature-chars": {"zh": "含连字字符{chars}（PDF复制产物），搜索引文时会失败", "en": "ligature characters {chars} (a PDF copy artefact) make the quote unsearchable"},
    # sfn/
    "sfn/no-target": {"zh": "{template}错误：没有目标：{anchor}", "en": "{template} error: no target: {anchor}"},
    "sfn/multiple-targets": {"zh": "{template}错误：多个目标（{count}×）：{anchor}", "en": "{template} error: multiple targets ({count}×): {anchor}"},
    "sfn/duplicate-anchor": {"zh": "{count}个引文生成相同的锚点{anchor}", "en": "{count} citations produce the same anchor {anchor}"},
    "sfn/year-format": {"zh": "{template}的年份“{value}”不是年份格式，锚点中没有年份", "en": "{template} year \"{value}\" is not a year, so the anchor has no year"},
    "sfn/page-param": {"zh": "{template}的|p={value}是页码范围，应使用|pp=", "en": "{template} |p={value} is a page range; use |pp="},
    "sfn/no-page": {"zh": "{template}没有页码（|p=、|pp=或|loc=）", "en": "{template} has no page (|p=, |pp= or |loc=)"},
    "sfn/unused-citation": {"zh": "没有短脚注指向此引文（{anchor}）", "en": "no short footnote points at this citation ({anchor})"},
    # markup/
    "markup/stray-link-close": {"zh": "多余的“]]”：前面没有对应的“[[”", "en": "stray \"]]\" that closes no \"[[\""},
    "markup/stray-link-open": {"zh": "“[[”在段落结束前没有闭合", "en": "\"[[\" is not closed before the end of the paragraph"},
    "markup/stray-template-close": {"zh": "多余的“}}}}”：前面没有对应的“{{{{”", "en": "stray \"}}}}\" that closes no \"{{{{\""},
    "markup/stray-ref-close": {"zh": "多余的</ref>：前面没有对应的<ref>，引文内容会直接显示在正文中", "en": "stray </ref> with no open <ref>; the citation's text shows raw in the article"},
    "markup/unclosed-ref": {"zh": "<ref>没有闭合的</ref>", "en": "<ref> is never closed"},
    "markup/too-long": {"zh": "文本长达{length:,}个字符，超过WikiView的上限{limit:,}（MediaWiki自身上限为2 MiB），未作检查；请拆分成较小的文件", "en": "the text is {length:,} characters long, over WikiView's limit of {limit:,} (MediaWiki itself stops at 2 MiB): not checked; split it into smaller files"},
    "markup/unclosed-comment": {"zh": "注释“<!--”没有闭合，其后的{hidden}个字符都不会显示", "en": "\"<!--\" is never closed; the {hidden} characters after it are hidden"},
    "markup/duplicate-template-arg": {"zh": "模板{template}的参数“{param}”重复给出，只有最后一个生效", "en": "template {template} is given parameter \"{param}\" more than once; only the last counts"},
    # cs1/ (zh strings from the zh module where it has them, §4.6)
    "cs1/missing-title": {"zh": "缺少或|title=为空", "en": "Missing or empty |title="},
    "cs1/bare-url-missing-title": {"zh": "{value}缺少标题", "en": "{value} missing title"},
    "cs1/empty-citation": {"zh": "空引用", "en": "Empty citation"},
    "cs1/web-missing-url": {"zh": "缺少或|url=为空", "en": "Missing or empty |url="},
    "cs1/accessdate-missing-url": {"zh": "使用|accessdate=需要含有|url=", "en": "|access-date= requires |url="},
    "cs1/archive-missing-date": {"zh": "使用|archiveurl=需要含有|archivedate=", "en": "|archive-url= requires |archive-date="},
    "cs1/archive-missing-url": {"zh": "使用|archiveurl=需要含有|url=", "en": "|archive-url= requires |url="},
    "cs1/archive-url-malformed": {"zh": "|archive-url=格式错误：{reason}", "en": "|archive-url= is malformed: {reason}"},
    "cs1/format-missing-url": {"zh": "使用|{param}=需要含有|{needs}=", "en": "|{param}= requires |{needs}="},
    "cs1/bad-date": {"zh": "请检查|{param}=中的日期值", "en": "Check date values in: |{param}="},
    "cs1/access-date-range": {"zh": "请检查|{param}=中的日期值", "en": "Check date values in: |{param}="},
    "cs1/bad-isbn": {"zh": "请检查|isbn=值：{reason}", "en": "Check |isbn= value: {reason}"},
    "cs1/bad-issn": {"zh": "请检查|{param}=值", "en": "Check |{param}= value"},
    "cs1/bad-ismn": {"zh": "请检查|ismn=值", "en": "Check |ismn= value"},
    "cs1/bad-doi": {"zh": "请检查|doi=值", "en": "Check |doi= value"},
    "cs1/bad-pmid": {"zh": "请检查|pmid=值", "en": "Check |pmid= value"},
    "cs1/bad-pmc": {"zh": "请检查|pmc=值", "en": "Check |pmc= value"},
    "cs1/bad-arxiv": {"zh": "请检查|arxiv=值", "en": "Check |arxiv= value"},
    "cs1/bad-bibcode": {"zh": "请检查|bibcode=值：{reason}", "en": "Check |bibcode= value: {reason}"},
    "cs1/bad-id": {"zh": "请检查|{param}=值", "en": "Check |{param}= value"},
    "cs1/deprecated-param": {"zh": "引文使用过时参数|{param}=（建议使用|{suggestion}=）", "en": "Cite uses deprecated parameter |{param}= (use |{suggestion}=)"},
    "cs1/unknown-param": {"zh": "已忽略未知参数|{param}={suggestion_text}", "en": "Unknown parameter |{param}= ignored{suggestion_text}"},
    "cs1/empty-unknown-param": {"zh": "引文含有空的未知参数：{params}", "en": "Cite has empty unknown parameter(s): {params}"},
    "cs1/text-ignored": {"zh": "已忽略文本“{value}”", "en": "Text \"{value}\" ignored"},
    "cs1/redundant-params": {"zh": "{params}只需其一", "en": "More than one of {params} specified"},
    "cs1/first-missing-last": {"zh": "|{param}=缺少|{needs}=", "en": "|{param}= missing |{needs}="},
    "cs1/missing-name": {"zh": "缺少|{needs}=", "en": "Missing |{needs}="},
    "cs1/etal": {"zh": "|{param}=中显式使用“等”", "en": "Explicit use of et al. in: |{param}="},
    "cs1/missing-periodical": {"zh": "{template}需要|{needs}=", "en": "Cite {kind} requires |{needs}="},
    "cs1/trans-missing-title": {"zh": "使用|{param}=需要含有|{needs}=", "en": "|{param}= requires |{needs}= or |script-{needs}="},
    "cs1/ext-link-in-param": {"zh": "外部链接存在于|{param}=", "en": "External link in |{param}="},
    "cs1/wikilink-in-url": {"zh": "网址－维基内链冲突", "en": "URL–wikilink conflict"},
    "cs1/bad-url": {"zh": "请检查|{param}=值", "en": "Check |{param}= value"},
    "cs1/apostrophe-markup": {"zh": "|{param}=中不应使用斜体或粗体标记", "en": "Italic or bold markup not allowed in: |{param}="},
    "cs1/generic-title": {"zh": "引文使用通用标题“{value}”", "en": "Cite uses generic title \"{value}\""},
    "cs1/invisible-char": {"zh": "参数|{param}=值左起第{position}位存在{char}", "en": "{char} in |{param}= at position {position}"},
    "cs1/missing-pipe": {"zh": "|{param}=中缺少竖线（{value}）", "en": "Missing pipe in: |{param}= ({value})"},
    "cs1/extra-text": {"zh": "|{param}=含有冗余文本“{value}”", "en": "|{param}= has extra text \"{value}\""},
    "cs1/invalid-param-value": {"zh": "无效|{param}={value}", "en": "Invalid |{param}={value}"},
    "cs1/chapter-ignored": {"zh": "已忽略|{param}=", "en": "|{param}= ignored"},
    "cs1/bad-paramlink": {"zh": "请检查|{param}=值", "en": "Check |{param}= value"},
    "cs1/coauthors-missing-author": {"zh": "使用|coauthors=需要含有|author=", "en": "|coauthors= requires |author="},
    "cs1/maint-url-status": {"zh": "|{param}=已设置但没有|archive-url=", "en": "|{param}= set without |archive-url="},
    "cs1/maint-date-year": {"zh": "日期与年：|date=与|year=给出同一年", "en": "|date= and |year= give the same year"},
    "cs1/maint-date-format": {"zh": "|{param}=的日期范围应使用连接号（–）", "en": "date range in |{param}= should use an en dash"},
    "cs1/maint-extra-punct": {"zh": "|{param}=带有多余标点", "en": "extra punctuation in |{param}="},
    "cs1/maint-archived-copy": {"zh": "标题为“{value}”（存档副本）", "en": "title is \"{value}\""},
    "cs1/maint-mult-names": {"zh": "|{param}=含有多个名字或数字", "en": "multiple names or digits in |{param}="},
    "cs1/maint-ref-default": {"zh": "|ref=与引文默认生成的锚点{anchor}相同", "en": "|ref= duplicates the default anchor {anchor}"},
    "cs1/maint-ignored-id": {"zh": "|{param}=以((…))强制接受", "en": "|{param}= is accepted as written with ((…))"},
    "cs1/maint-postscript": {"zh": "|postscript=多于一个字符", "en": "|postscript= is longer than one character"},
    "cs1/maint-unknown-lang": {"zh": "未能识别的语言|language={value}", "en": "unrecognized language |language={value}"},
    "cs1/noncanonical-alias": {"zh": "|{param}=是旧别名，规范名称为|{suggestion}=", "en": "|{param}= is an old alias of |{suggestion}="},
    "cs1/name-extra-text": {"zh": "作者名|{param}={value}含有编者或译者标记，应使用编者参数", "en": "author name |{param}={value} has an editor or role marker; use the editor parameters"},
}


def _plain(markup: str) -> str:
    """MediaWiki's message HTML as plain text for the panel: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"</?\w+[^>]*>", "", markup)).replace("\n", " ")


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "?"


_SIMPLIFIED = ("zh", "zh-hans", "zh-cn", "zh-sg", "zh-my")


def message(code: str, source_key: str, data: dict[str, Any], profile, variant: str | None = None) -> str:
    """The finding's sentence in the profile's language; ``variant`` picks a Chinese variant (zh-hant ...)."""
    lang = profile.lang
    variant = variant if lang == "zh" and variant not in (None, *_SIMPLIFIED) else None
    text = None
    if code.startswith("cite/"):
        table = profile.cite_messages
        if variant and source_key in profile.cite_messages_hant:
            table, variant = profile.cite_messages_hant, None if variant == "zh-hant" else variant
        template = table.get(source_key)
        if template is not None:
            for i, name in enumerate(_CITE_ARGS.get(source_key, ()), 1):
                template = template.replace(f"${i}", str(data.get(name, "")))
            frame = table["cite_warning" if source_key.startswith("cite_warning") else "cite_error"]
            text = _plain(frame.replace("$1", template))
    if text is None:
        entry = MESSAGES.get(code)
        text = entry[lang].format_map(_Fields(data)) if entry else code
    if variant:
        from viewer.wikitext.variants import convert_text  # OpenCC loads only when a variant is asked for

        text = convert_text(text, variant)
    return text
