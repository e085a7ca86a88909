"""Invariants on arbitrary input: conversion never raises, and markup stays as written."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from viewer.wikitext.variants import VARIANTS, convert_html, convert_wikitext

_PIECES = st.sampled_from(
    ["-{", "}-", "|", ";", ":", "=>", "=&gt;", "zh-cn", "zh-tw", "zh-hans", "H", "A", "T", "R", "D", "N", "-",
     "<b>", "</b>", '<a title="软件" href="/软件">', "</a>", "<pre>", "</pre>", "<code>", "&amp;", "&#123;",
     "软件", "信息", "電腦", "x", " ", "\n", "[[", "]]", "{{", "}}", "<ref name=\"软件\">", "</ref>", "<!--", "-->",
     '<span title="a-{zh-cn:甲;zh-tw:乙}-b">', '<img alt="-{软件}-" />', '<span data-x="-{">', "<script>", "</script>",
     '<a title="it&#39;s -{R|x}-">', "<code title='-{y}-' />"]
)
_TEXT = st.lists(_PIECES, max_size=40).map("".join)
# what may hide -{ from the main variant's fast path, in any case
_HIDING = st.sampled_from(["<MATH>", "</math>", "<svg x='-{'>", "</SVG>", "<style>", "</style >", "<Pre>",
                           "</CODE>", "<prefix -{a}->", "<!---{", "<code/>", "<!-- -{b}- -->", "<", ">"])
_MARKUP_TEXT = st.lists(st.one_of(_PIECES, _HIDING), max_size=40).map("".join)
_TAG = re.compile(r"<[^>]*>")


@settings(max_examples=150, deadline=None)
@given(text=_TEXT, variant=st.sampled_from(VARIANTS))
def test_convert_html_never_raises(text, variant):
    result = convert_html(text, variant)
    assert isinstance(result.html, str)


@settings(max_examples=150, deadline=None)
@given(text=_TEXT, variant=st.sampled_from(VARIANTS))
def test_tags_outside_markup_are_kept(text, variant):
    if "-{" in text or "title=" in text:
        return  # rules may hide tags, and title text is converted: checked elsewhere
    assert _TAG.findall(convert_html(text, variant).html) == _TAG.findall(text)


@settings(max_examples=100, deadline=None)
@given(text=_TEXT, variant=st.sampled_from(VARIANTS))
def test_convert_wikitext_never_raises_and_keeps_ascii(text, variant):
    out = convert_wikitext(text, variant)
    assert re.sub(r"[^\x00-\x7f]", "", out).replace("|", "") == re.sub(r"[^\x00-\x7f]", "", text).replace("|", "")


@settings(max_examples=500, deadline=None)
@given(text=_MARKUP_TEXT)
@example(text="<MATH>-{x}-</math>-{y}-")
@example(text="<svg a='1'>-{x}-</SVG ><style>-{</style>-{z}-")
@example(text="<Code><b title='-{a}-'>-{b}-</code><i title='-{c}-'>")
@example(text="<!---{a}-<b title='-{b}-'>")
def test_main_variant_fast_path_matches_the_full_scan(text):
    from viewer.wikitext.variants._html import Conversion
    from viewer.wikitext.variants._languages import LANGUAGES

    fast = Conversion(LANGUAGES["zh"], "zh").convert(text)
    full = Conversion(LANGUAGES["zh"], "zh").convert(text, fast=False)
    assert fast == full
