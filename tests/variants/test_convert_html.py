"""convert_html: MediaWiki's -{ }- markup, the fallbacks, the dictionary, what is protected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.wikitext.variants import (
    VARIANT_NAMES,
    VARIANTS,
    ConvertedHtml,
    conversion_variant,
    convert_html,
    convert_text,
    text_in_all_variants,
)
from viewer.wikitext.variants._dictionary import translate_many

DATA = Path(__file__).resolve().parent / "data"
CASES = json.loads((DATA / "markup_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_markup_as_mediawiki(case):
    result = convert_html(case["html"], case["variant"])
    assert result.html == case["expected"]
    if "title" in case:
        assert result.display_title == case["title"]


def test_contract():
    assert VARIANTS == ("zh", "zh-hans", "zh-hant", "zh-cn", "zh-tw", "zh-hk", "zh-mo", "zh-sg", "zh-my")
    assert set(VARIANT_NAMES) == set(VARIANTS)
    assert VARIANT_NAMES["zh"] == "不转换" and VARIANT_NAMES["zh-tw"] == "臺灣正體"
    result = convert_html("<p>x</p>", "zh")
    assert isinstance(result, ConvertedHtml) and result.display_title is None
    with pytest.raises(Exception):
        result.html = "y"  # frozen


def test_unknown_variant_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown variant 'zh-xx'"):
        convert_html("<p>x</p>", "zh-xx")


# One sentence, simplified, as each variant shows it: characters, regional words, or nothing.
SENTENCE = "<p>这个软件的信息</p>"
EXPECTED = {
    "zh": "<p>这个软件的信息</p>",
    "zh-hans": "<p>这个软件的信息</p>",
    "zh-hant": "<p>這個軟件的信息</p>",
    "zh-cn": "<p>这个软件的信息</p>",
    "zh-sg": "<p>这个软件的信息</p>",
    "zh-my": "<p>这个软件的信息</p>",
    "zh-tw": "<p>這個軟體的資訊</p>",
    "zh-hk": "<p>這個軟件的信息</p>",
    "zh-mo": "<p>這個軟件的信息</p>",
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_each_variant_dictionary(variant):
    assert convert_html(SENTENCE, variant).html == EXPECTED[variant]


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("zh", "這個軟體的資訊"),  # as written
        ("zh-hans", "这个软体的资讯"),  # characters only: Taiwan words stay
        ("zh-cn", "这个软件的信息"),  # mainland words
        ("zh-sg", "这个软件的信息"),
        ("zh-hant", "這個軟體的資訊"),
    ],
)
def test_traditional_source(variant, expected):
    assert convert_html("<p>這個軟體的資訊</p>", variant).html == f"<p>{expected}</p>"


# -{zh-hans:…;zh-hant:…}- and regional texts: each variant takes its own, then its fallbacks.
@pytest.mark.parametrize(
    ("variant", "two", "regional"),
    [
        ("zh", "S", "CN"),
        ("zh-hans", "S", "CN"),
        ("zh-hant", "T", "TW"),
        ("zh-cn", "S", "CN"),
        ("zh-sg", "S", "CN"),
        ("zh-my", "S", "CN"),
        ("zh-tw", "T", "TW"),
        ("zh-hk", "T", "HK"),
        ("zh-mo", "T", "HK"),
    ],
)
def test_fallbacks(variant, two, regional):
    html = "<p>-{zh-hans:S;zh-hant:T}-/-{zh-cn:CN;zh-tw:TW;zh-hk:HK}-</p>"
    assert convert_html(html, variant).html == f"<p>{two}/{regional}</p>"


def test_sg_prefers_my_and_mo_prefers_hk():
    html = "<p>-{zh-cn:CN;zh-my:MY;zh-tw:TW;zh-hk:HK;zh-mo:MO}-</p>"
    assert convert_html(html, "zh-sg").html == "<p>MY</p>"
    assert convert_html(html.replace("zh-mo:MO", "zh-hant:HANT"), "zh-mo").html == "<p>HK</p>"


def test_main_variant_processes_markup_without_dictionary():
    html = "<p>-{H|zh-cn:软件;zh-tw:軟體}-软件 -{zh-hans:甲;zh-hant:乙}- 軟體</p>"
    assert convert_html(html, "zh").html == "<p>软件 甲 軟體</p>"


def test_two_way_rules_apply_in_regional_variants_only():
    # MediaWiki's manual levels: zh-hans/zh-hant take one-way rules only
    html = "<p>-{H|zh-cn:计算器;zh-tw:電算器}-计算器 電算器</p>"
    assert convert_html(html, "zh-tw").html == "<p>電算器 電算器</p>"
    assert convert_html(html, "zh-cn").html == "<p>计算器 计算器</p>"
    assert convert_html(html, "zh-hant").html == "<p>計算器 電算器</p>"


def test_rules_apply_from_where_they_stand():
    html = "<p>软件 -{A|zh-cn:软件;zh-tw:軟體咖}- 软件</p>"
    assert convert_html(html, "zh-tw").html == "<p>軟體 軟體咖 軟體咖</p>"


def test_rule_removed_with_minus_flag():
    html = "<p>-{H|zh-cn:X;zh-tw:Y}-X -{-|zh-cn:X;zh-tw:Y}-X</p>"
    assert convert_html(html, "zh-tw").html == "<p>Y X</p>"


@pytest.mark.parametrize(
    "kept",
    [
        "<pre>软件</pre>",
        '<pre class="x">软件 <b>软件</b></pre>',
        "<code>软件</code>",
        '<code class="x">软件</code>',
        "<script>var s = '软件';</script>",
        "<style>/* 软件 */</style>",
        '<math alttext="软件">软件</math>',
        '<a href="/wiki/软件" data-x="软件" class="软件">',
        "<!-- 软件 -->",
        '<span title="http://例子.com/软件">',
    ],
)
def test_protected(kept):
    assert convert_html(kept, "zh-tw").html == kept


def test_text_around_protected_parts_is_converted():
    html = '<p>软件<code>软件</code>软件<pre>软件</pre>软件&amp;软件</p>'
    assert convert_html(html, "zh-tw").html == "<p>軟體<code>软件</code>軟體<pre>软件</pre>軟體&amp;軟體</p>"


def test_title_and_alt_converted_and_escaped():
    html = """<a href="/wiki/软件" title="软件 &quot;x&quot;">软件</a><img alt='软件' src="/软件.png">"""
    assert convert_html(html, "zh-tw").html == (
        """<a href="/wiki/软件" title="軟體 &quot;x&quot;">軟體</a><img alt='軟體' src="/软件.png">"""
    )


def test_nowiki_escaped_markup_is_text():
    html = "<p>-&#123;软件&#125;-</p>"
    assert convert_html(html, "zh-tw").html == "<p>-&#123;軟體&#125;-</p>"


def test_protected_rule_text_is_not_converted():
    assert convert_html("<p>-{软件}-软件</p>", "zh-tw").html == "<p>软件軟體</p>"
    assert convert_html("<p>阿塞拜疆尝试-{制}-止</p>", "zh-tw").html == "<p>亞塞拜然嘗試制止</p>"


def test_rule_display_may_hold_tags():
    html = '<p>-{zh-hans:<a href="/wiki/A">简</a>;zh-hant:<a href="/wiki/A">繁</a>}-</p>'
    assert convert_html(html, "zh-tw").html == '<p><a href="/wiki/A">繁</a></p>'


def test_depth_limit():
    html = "<p>" + "-{" * 12 + "x" + "}-" * 12 + "</p>"
    out = convert_html(html, "zh-tw").html
    assert "检测到字词转换器嵌套深度超过限制（10）" in out or "檢測到字詞轉換器嵌套深度超過限制（10）" in out


def test_title_html_is_kept():
    result = convert_html("<p>-{T|zh:Title <i>with</i> HTML&amp;Entities}-</p>", "zh")
    assert result.display_title == "Title <i>with</i> HTML&amp;Entities"


def test_convert_text_and_conversion_variant():
    assert convert_text("纳戈尔诺-卡拉巴赫战争", "zh-tw") == "納戈爾諾-卡拉巴赫戰爭"
    assert convert_text("abc", "zh") == "abc"
    assert conversion_variant("zh", None) == "zh"
    assert conversion_variant("zh", "zh-Hant-TW") == "zh-tw"
    assert conversion_variant("sr", "sr-ec") == "sr-ec"
    assert conversion_variant("sr", None) == "sr"
    assert conversion_variant("en", "zh-tw") is None
    assert conversion_variant("zh-TW", None) == "zh"


def test_batched_pieces_never_merge_into_one_word():
    # "计算" + "机" must not become the phrase 计算机 -> 電腦 across a piece boundary
    assert translate_many("zh-tw", ["计算", "机", "计算机"]) == ["計算", "機", translate_many("zh-tw", ["计算机"])[0]]
    assert translate_many("zh-tw", ["a\ue000b"]) == ["a\ue000b"]  # our joiner inside a piece


def test_large_page_is_one_dictionary_call(monkeypatch):
    from viewer.wikitext.variants import _dictionary

    calls = []
    real = _dictionary._convert
    monkeypatch.setattr(_dictionary, "_convert", lambda config, text: calls.append(config) or real(config, text))
    html = "".join(f'<p id="p{i}">软件{i}<a title="信息">信息</a></p>' for i in range(500))
    out = convert_html(html, "zh-tw").html
    assert out.count("軟體") == 500 and out.count('title="資訊"') == 500
    assert calls == ["s2twp"]


def test_text_in_all_variants():
    found = text_in_all_variants("軟體", "zh")
    assert set(found) == set(VARIANTS)
    assert found["zh"] == "軟體" and found["zh-cn"] == "软件" and found["zh-hans"] == "软体"
    assert text_in_all_variants("Dunav", "sr")["sr-ec"] == "Дунав"
    assert text_in_all_variants("x", "en") == {}
