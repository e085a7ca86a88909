"""The renderer on snippets (data/snippets.tsv), on the sample article and on hostile input."""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

import pytest

from viewer.wikitext.render.html import render_page
from viewer.wikitext.render.result import RenderLimits, RenderOptions

DATA = Path(__file__).parent / "data"
BLOCK = re.compile(r"<(p|h[1-6]|ul|ol|li|dl|dd|dt|table|tr|td|th|caption|pre|blockquote|div)\b([^>]*)>")
SRC = re.compile(r'data-wv-src="(\d+)-(\d+)"')


def _snippets():
    for line in (DATA / "snippets.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, wikitext, expected = line.split("\t")
        yield pytest.param(wikitext.replace("\\n", "\n"), expected.replace("\\n", "\n"), id=name)


def render(text: str, **kw) -> str:
    options = RenderOptions(title=kw.pop("title", "Main Page"), lang=kw.pop("lang", "en"), **kw)
    return render_page(text, options).html


@pytest.mark.parametrize("wikitext, expected", list(_snippets()))
def test_snippet(wikitext: str, expected: str) -> None:
    pages = {"Template:T": "[[Foo]]", "Foo": "x", "Foo bar": "x"}  # existing pages: blue links
    html = render(wikitext, pages=MappingProxyType(pages))
    assert html.startswith('<div class="mw-parser-output">') and html.endswith("</div>")
    assert expected in html, html


def _check_spans(text: str, html: str) -> list[tuple[int, int]]:
    found = []
    for tag, attrs in BLOCK.findall(html):
        if 'class="mw-parser-output"' in attrs:
            continue
        m = SRC.search(attrs)
        assert m, f"<{tag}{attrs}> has no data-wv-src"
        start, end = int(m.group(1)), int(m.group(2))
        assert 0 <= start <= end <= len(text), (tag, attrs)
        found.append((start, end))
    return found


def test_sample_renders_with_headings_refs_and_spans(sample_text: str) -> None:
    result = render_page(sample_text, RenderOptions(title="纳戈尔诺-卡拉巴赫战争", lang="zh"))
    html = result.html
    headings = re.findall(r'<h([2-6]) data-wv-src="(\d+)-(\d+)">(?:<span id="[^"]*"></span>)?<span class="mw-headline" id="([^"]+)"', html)
    assert len(headings) == 19
    for _level, start, end, _anchor in headings:  # each heading's span is its source line
        assert sample_text[int(start):int(end)].startswith("==")
    markers = re.findall(r'<sup id="cite_ref-[^"]*" class="reference"[^>]*><a href="#cite_note-[^"]*">\[(\d+)\]</a>', html)
    assert markers and markers[0] == "1"
    assert '<ol class="references"' in html
    assert re.search(r"<li [^>]*id=\"cite_note-", html)
    _check_spans(sample_text, html)
    assert result.categories  # categories leave the body
    assert "Category:" not in html


def test_paragraph_span_slices_its_source() -> None:
    text = "First para.\n\nSecond ''para''."
    html = render(text)
    spans = [(int(a), int(b)) for a, b in re.findall(r'<p data-wv-src="(\d+)-(\d+)"', html)]
    assert [text[a:b] for a, b in spans] == ["First para.", "Second ''para''."]


def test_template_content_carries_the_call_span() -> None:
    pages = MappingProxyType({"Template:Box": "<div class=\"box\">{{{1}}}</div>\n* item"})
    text = "Intro\n{{Box|hello}}\nafter"
    html = render(text, pages=pages)
    call = text.index("{{Box")
    span = f'data-wv-src="{call}-{call + len("{{Box|hello}}")}"'
    assert f'<div class="box" {span}>hello</div>' in html
    assert f"<li {span}>item</li>" in html


def test_unknown_markup_never_raises() -> None:
    for text in ["{{", "}}", "[[", "{|", "|}", "<ref>", "</ref>", "<references>", "''''''''", "{{#expr: 1/0}}",
                 "[[File:|]]", "<div", "{{{{{{a}}}}}}", "-{zh-hans:a;}-", "\x00\x7f", "[[:]]", "=\n=="]:
        assert render(text).startswith('<div class="mw-parser-output">')


def test_template_loop_stops_with_an_error() -> None:
    pages = MappingProxyType({"Template:Loop": "x{{Loop}}"})
    html = render("{{Loop}}", pages=pages)
    assert "Template loop detected" in html and "wv-error" in html


def test_runaway_expansion_stops_at_the_limits() -> None:
    pages = MappingProxyType({"Template:Boom": "{{Boom2}}{{Boom2}}{{Boom2}}{{Boom2}}", "Template:Boom2":
                              "{{Boom3}}{{Boom3}}{{Boom3}}{{Boom3}}", "Template:Boom3": "xxxxxxxxxx" * 100})
    limits = RenderLimits(max_expanded_size=5_000)
    html = render("{{Boom}}" * 10, pages=pages, limits=limits)
    assert "wv-error" in html


def test_cite_errors_are_inline_with_codes() -> None:
    html = render('a<ref name="1">x</ref> b<ref></ref>')
    assert 'data-code="cite/numeric-name"' in html
    assert 'data-code="cite/no-input"' in html


def test_nowiki_escapes_conversion_markup() -> None:
    from viewer.wikitext.render.exttags import escape_nowiki

    assert escape_nowiki("-{a}- <b> &amp; &") == "-&#123;a&#125;- &lt;b&gt; &amp; &amp;"
    assert "-{a}-" in render("<nowiki>-{a}-</nowiki>")


def test_outline_anchors_are_the_rendered_ids(sample_text: str) -> None:
    import html as htmlmod

    from viewer.api import outline

    html = render_page(sample_text, RenderOptions(title="X", lang="zh")).html
    ids = [htmlmod.unescape(i) for i in re.findall(r'class="mw-headline" id="([^"]+)"', html)]
    assert ids == [s.anchor for s in outline(sample_text).sections]


@pytest.mark.parametrize("heading, anchor", [
    ("== A &amp; B ==", "A_&amp;_B"),  # the id attribute holds "A_&_B"
    ("== &nbsp; A &nbsp; B &nbsp; ==", "_A_B"),
    ("== a__b ==", "a_b"),
])
def test_heading_ids(heading: str, anchor: str) -> None:
    assert f'class="mw-headline" id="{anchor}"' in render(heading)


def test_duplicate_ids_are_numbered_case_insensitively() -> None:
    html = render("== Foo ==\n== foo ==\n== Foo ==")
    assert re.findall(r'class="mw-headline" id="([^"]+)"', html) == ["Foo", "foo_2", "Foo_3"]


def test_depth_limit_stops_a_long_chain_with_an_error() -> None:
    pages = MappingProxyType({f"Template:C{i}": "{{C%d}}" % (i + 1) for i in range(100)})
    html = render("{{C0}} after", pages=pages)
    assert 'data-code="render/expansion-depth"' in html and "after" in html


def test_size_limit_stops_one_template_and_the_page_goes_on() -> None:
    pages = MappingProxyType({"Template:A": "{{B}}" * 20, "Template:B": "{{C}}" * 20, "Template:C": "x" * 1000})
    html = render("before {{A}} after [[x]]", pages=pages, limits=RenderLimits(max_expanded_size=100_000))
    assert 'data-code="render/limit" data-wv-src="7-12"' in html
    assert "after" in html and 'data-wv-src="19-24"' in html


def test_links_inside_refs_and_template_arguments_keep_their_spans() -> None:
    text = 'a<ref>See [[Foo]]</ref>\n<references/>'
    html = render(text)
    start = text.index("[[Foo]]")
    assert f'data-wv-src="{start}-{start + 7}">Foo</a>' in html
    text = "{{Flagdeco|ARM}} {{Lang|ru|[[Bar]]}}"
    html = render(text, lang="zh")
    start = text.index("[[Bar]]")
    assert f'data-wv-src="{start}-{start + 7}"' in html


def test_text_over_the_size_limit_renders_its_beginning_with_a_message() -> None:
    text = "== A ==\nword\n" * 50
    html = render(text, limits=RenderLimits(max_expanded_size=300))
    assert 'data-code="render/too-long"' in html and "<h2" in html
    assert html.count("<h2") < 50


def test_text_beside_a_block_tag_gets_its_lines_span() -> None:
    text = "{{T}}<div>x</div>'''Foo''' is\n\nnext"
    html = render(text, pages=MappingProxyType({"Template:T": "y"}))
    assert '<p data-wv-src="0-29"><b>Foo</b> is' in html, html


def test_unclosed_braces_are_text_and_do_not_slow_the_parse() -> None:
    html = render("{{x|\n" * 3000 + "{{a|{{T}}", pages=MappingProxyType({"Template:T": "BB"}))
    assert html.count("{{x|") == 3000 and "{{a|BB" in html


def test_result_fields_leave_the_body() -> None:
    text = "{{DISPLAYTITLE:''Foo'' bar}}\nText [[Category:Wars|Key]] [[en:Foo]]\n{{No such}}"
    result = render_page(text, RenderOptions(title="Foo bar", lang="zh"))
    assert result.display_title == "Foo bar"
    assert result.categories == ("Wars",)
    assert result.language_links == ("en:Foo",)
    assert result.missing_templates == ("No such",)
    assert "Category" not in result.html and "en:Foo" not in result.html


def test_list_defined_refs_in_a_reflist_count_once() -> None:
    text = 'A<ref name="a"/>\n{{reflist|refs=\n<ref name="a">Alpha</ref>\n}}'
    html = render(text, lang="zh")
    assert html.count('href="#cite_ref-a_') == 1 and "Alpha" in html


def test_list_style_groups_are_labelled_with_letters() -> None:
    html = render('x<ref group="lower-alpha">n</ref>\n<references group="lower-alpha"/>')
    assert "[a]</a></sup>" in html


def test_a_pipe_in_a_table_inside_template_arguments_splits_them_as_in_mediawiki() -> None:
    pages = MappingProxyType({"Template:Two": "[{{{1}}}][{{{2|none}}}]"})
    html = render("{{Two|\n{|\n| cell\n|}\n}}", pages=pages)
    # every "|" splits, the table's own included (hence {{!}} on wikis): 1 = "\n{", 2 = "\n"
    assert "[\n{][\n]" in html, html


@pytest.mark.parametrize(
    ("call", "code"),
    [("{{sfnm}}", "sfn/no-names"), ("{{lang}}", "lang/missing-code"), ("{{coord}}", "template/coord"),
     ("{{convert}}", "template/convert"), ("{{webarchive}}", "template/webarchive-no-url"),
     ("{{Age in years, months, weeks and days}}", "template/bad-date")],
)
def test_an_error_naming_its_template_shows_it_once_and_does_not_call_it_again(call, code) -> None:
    html = render(call, lang="zh")
    # the message's "{{name}}" was expanded again, nesting the error until Python's stack ran out
    assert html.count("wv-error") == 1 and f'data-code="{code}"' in html
    assert call in html and "recursion" not in html
