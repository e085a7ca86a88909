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
