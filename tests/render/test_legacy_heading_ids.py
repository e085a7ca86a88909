"""Heading ids as Wikipedia's MediaWiki 1.39 gives them ($wgFragmentMode html5 + legacy)."""

from viewer.api import render
from viewer.wikitext.render.headings import legacy_anchor


def test_legacy_id_escapes_like_php_urlencode():
    assert legacy_anchor("Hey < # \" > % : '") == "Hey_.3C_.23_.22_.3E_.25_:_.27"
    assert legacy_anchor("A B\nC") == "A_B.0AC"  # a newline is escaped, not made "_"
    assert legacy_anchor("a~b") == "a.7Eb"


def test_fallback_span_only_where_the_legacy_id_differs():
    html = render("==Тест==\n==Тест==\n==Plain==", lang="en")
    assert '<span id=".D0.A2.D0.B5.D1.81.D1.82"></span><span class="mw-headline" id="Тест">' in html
    assert '<span id=".D0.A2.D0.B5.D1.81.D1.82_2"></span><span class="mw-headline" id="Тест_2">' in html
    assert '<h2 data-wv-src="18-27"><span class="mw-headline" id="Plain">' in html


def test_duplicates_compare_ascii_case_only():
    html = render("==Foo bar==\n==foo Bar==\n==Тест==\n==тест==", lang="en")
    assert 'id="foo_Bar_2"' in html and 'id="тест"' in html and "тест_2" not in html
