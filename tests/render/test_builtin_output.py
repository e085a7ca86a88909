"""How the renderer places built-in templates' HTML: spans, links and blocks."""

from __future__ import annotations

import re

from viewer.api import render


def test_template_output_that_starts_with_a_link_keeps_its_href_and_gets_the_call_span():
    text = "a {{lang-en|x}}"
    html = render(text)
    link = re.search(r"<a [^>]*>英语</a>", html).group(0)
    assert 'href="/wiki/%E8%8B%B1%E8%AF%AD"' in link
    start, end = map(int, re.search(r'data-wv-src="(\d+)-(\d+)"', link).groups())
    assert text[start:end] == "{{lang-en|x}}"


def test_template_output_that_closes_a_block_is_not_wrapped_in_a_paragraph():
    html = render("{{div col}}\n* a\n* b\n{{div col end}}\ntext")
    assert not re.search(r"<p[^>]*>\s*</div>", html)
    assert re.search(r"</ul>\s*</div>\s*<p[^>]*>text", html)


def test_display_title_is_the_page_title_converted_unless_a_title_rule_sets_it():
    from viewer.wikitext.render.html import render_page
    from viewer.wikitext.render.result import RenderOptions

    def title(text: str, **options) -> str:
        return render_page(text, RenderOptions(title="纳戈尔诺-卡拉巴赫战争", **options)).display_title

    assert title("x") == "纳戈尔诺-卡拉巴赫战争"
    assert title("x", variant="zh-tw") == "納戈爾諾-卡拉巴赫戰爭"
    assert title("-{T|zh-cn:纳卡战争;zh-tw:納卡戰爭}-x", variant="zh-tw") == "納卡戰爭"
    assert render_page("x", RenderOptions(title="Main Page", lang="en")).display_title == "Main Page"
