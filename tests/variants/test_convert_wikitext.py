"""convert_wikitext: text converted, markup byte for byte the same, structure unchanged."""

from __future__ import annotations

import re

import pytest

from viewer.api import convert
from viewer.resources import SAMPLE_ARTICLE
from viewer.wikitext.parse import parse
from viewer.wikitext.variants import VARIANTS, convert_wikitext


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


def _structure(text: str) -> dict:
    code = parse(text)
    return {
        "templates": [str(t.name).strip() for t in code.filter_templates()],
        "params": [[str(p.name).strip() for p in t.params] for t in code.filter_templates()],
        "links": [str(link.title) for link in code.filter_wikilinks()],
        "urls": [str(link.url) for link in code.filter_external_links()],
        "tags": [(str(tag.tag), [str(a) for a in tag.attributes]) for tag in code.filter_tags()],
        "ref_names": re.findall(r"<ref\s+name\s*=\s*\"?([^\">/]+)", text),
        "markup": re.findall(r"-\{.*?\}-", text),
    }


@pytest.mark.parametrize("variant", [v for v in VARIANTS if v != "zh"])
def test_sample_keeps_its_structure(sample, variant):
    converted = convert_wikitext(sample, variant)
    assert _structure(converted) == _structure(sample)


def test_sample_round_trip_keeps_names_urls_and_refs(sample):
    simplified = convert(sample, "zh-hans")
    back = convert(simplified, "zh-hant")
    assert simplified != sample and back != simplified  # it did convert
    for text in (simplified, back):
        assert _structure(text)["templates"] == _structure(sample)["templates"]
        assert _structure(text)["params"] == _structure(sample)["params"]
        assert _structure(text)["urls"] == _structure(sample)["urls"]
        assert _structure(text)["ref_names"] == _structure(sample)["ref_names"]
    assert "纳戈尔诺-卡拉巴赫战争" in simplified and "納戈爾諾-卡拉巴赫戰爭" in back
    assert "-{制}-" in back  # protected text stays as written


def test_main_variant_changes_nothing(sample):
    assert convert_wikitext(sample, "zh") == sample


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("软件和信息", "軟體和資訊"),
        ("{{软件模板|软件|名字=软件}}", "{{软件模板|軟體|名字=軟體}}"),
        ("{{cite web|url=http://例子.com/软件|title=软件|author-link=软件|language=zh-cn}}",
         "{{cite web|url=http://例子.com/软件|title=軟體|author-link=软件|language=zh-cn}}"),
        ("[[软件]]", "[[软件|軟體]]"),
        ("[[软件|软件]]", "[[软件|軟體]]"),
        ("[[软件#历史]]", "[[软件#历史|軟體#歷史]]"),
        ("[[#历史]]", "[[#历史]]"),  # no such heading: maybe an {{anchor}}, kept
        ("== 历史 ==\n[[#历史|历史]] [[#历史]] [[历史#历史]]", "== 歷史 ==\n[[#歷史|歷史]] [[#歷史]] [[历史#历史|歷史#歷史]]"),
        ("{{cite book|script-title=ja:软件|title-link=软件|image_caption=软件|map_alt=软件}}",
         "{{cite book|script-title=ja:软件|title-link=软件|image_caption=軟體|map_alt=軟體}}"),
        ("[[Category:软件]]", "[[Category:软件]]"),
        ("[[File:软件.png|thumb|left|软件]]", "[[File:软件.png|thumb|left|軟體]]"),
        ("[http://例子.com/软件 软件]", "[http://例子.com/软件 軟體]"),
        ("http://例子.com/软件", "http://例子.com/软件"),
        ('<ref name="软件" group="注">软件</ref>', '<ref name="软件" group="注">軟體</ref>'),
        ('<span title="软件" lang="zh">软件</span>', '<span title="软件" lang="zh">軟體</span>'),
        ('<span lang="ja">软件</span>', '<span lang="ja">软件</span>'),
        ("<nowiki>软件</nowiki><pre>软件</pre><code>软件</code>", "<nowiki>软件</nowiki><pre>软件</pre><code>软件</code>"),
        ("<math>软件</math><syntaxhighlight>软件</syntaxhighlight>", "<math>软件</math><syntaxhighlight>软件</syntaxhighlight>"),
        ("<!-- 软件 -->软件", "<!-- 软件 -->軟體"),
        ("-{软件}-软件-{H|zh-cn:软件;zh-tw:軟體}-", "-{软件}-軟體-{H|zh-cn:软件;zh-tw:軟體}-"),
        ("-{软件 [[软件]]}-", "-{软件 [[软件]]}-"),
        ("{{noteTA|1=zh-cn:软件;zh-tw:軟體|G1=软件}}", "{{noteTA|1=zh-cn:软件;zh-tw:軟體|G1=软件}}"),
        ("{{lang|ja|软件}}{{lang-zh|s=软件|t=軟體}}", "{{lang|ja|软件}}{{lang-zh|s=软件|t=軟體}}"),
        ("{{Infobox|s=软件|t=軟體|名称=软件}}", "{{Infobox|s=软件|t=軟體|名称=軟體}}"),
        ("{{Main|软件}}{{le|软件|Software}}", "{{Main|软件}}{{le|软件|Software}}"),
        ("{{#invoke:软件|软件|软件}}", "{{#invoke:软件|软件|软件}}"),
        ("== 软件 ==\n软件", "== 軟體 ==\n軟體"),
        ("{|\n|-\n! 软件\n| style=\"color:red\" | 软件\n|}", "{|\n|-\n! 軟體\n| style=\"color:red\" | 軟體\n|}"),
        ("__目录__软件", "__目录__軟體"),
        ("{{{软件|软件}}}", "{{{软件|軟體}}}"),
    ],
)
def test_snippets(source, expected):
    assert convert_wikitext(source, "zh-tw") == expected
