"""Rendering never raises, and spans stay inside the text, whatever the wikitext."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.wikitext.render.html import render_page
from viewer.wikitext.render.result import RenderOptions

PIECES = ["{{", "}}", "{{{", "}}}", "[[", "]]", "[", "]", "|", "||", "!!", "{|", "|}", "|-", "|+", "\n", " ",
          "''", "'''", "=", "==", "*", "#", ":", ";", "<ref>", "</ref>", '<ref name="a"/>', "<references/>",
          "<nowiki>", "</nowiki>", "<pre>", "</pre>", "<div>", "</div>", "<!--", "-->", "-{", "}-", "&amp;",
          "&#123;", "http://x.org", "ISBN 978-0-12-345678-9", "__TOC__", "a", "中文", "𨭎", "#if:", "#switch:",
          "{{!}}", "[[File:X.png|thumb|cap]]", "[[Category:C]]", "----", "<br>", "<span>", "</span>", "{{T}}"]
SRC = re.compile(r'data-wv-src="(\d+)-(\d+)"')


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from(["en", "zh"]))
def test_any_wikitext_renders(pieces: list[str], lang: str) -> None:
    text = "".join(pieces)
    options = RenderOptions(title="Fuzz", lang=lang, pages={"Template:T": "{{{1|x}}} [[L]] {{T2}}",
                                                            "Template:T2": "{{T}}"})
    html = render_page(text, options).html
    assert html.startswith('<div class="mw-parser-output">') and html.endswith("</div>")
    assert "render/internal" not in html, html  # no renderer bug behind the fallback
    assert not re.search("[\ue000-\ue0ff\x7f]", html), html  # no internal marker leaks
    for m in SRC.finditer(html):
        assert 0 <= int(m.group(1)) <= int(m.group(2)) <= len(text), (text, m.group(0))
