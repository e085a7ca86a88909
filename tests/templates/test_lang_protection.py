"""zh.wikipedia's language templates keep foreign text out of the variant conversion."""

from __future__ import annotations

import re

from viewer.api import render


def _lang_spans(html: str) -> list[str]:
    return re.findall(r'<span lang="ja"[^>]*>(.*?)</span>', html)


def test_lang_text_is_not_converted_but_the_article_text_is():
    html = render("東京{{lang|ja|東京都}}{{lang-ja|東京}}", variant="zh-hans")
    assert html.count("东京") == 1  # the article's own word is converted
    assert _lang_spans(html) == ["東京都", "東京"]
    assert "-{" not in html and "}-" not in html


def test_english_articles_show_no_conversion_markup():
    html = render("{{lang|ja|東京}}", lang="en")
    assert _lang_spans(html) == ["東京"]
    assert "-{" not in html
