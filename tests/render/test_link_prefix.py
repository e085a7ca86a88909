"""Internal links as MediaWiki 1.39 writes them: Icelandic's link trail and prefix ($linkPrefixExtension), references in targets."""

import re

from viewer.api import render


def _links(html: str) -> list[str]:
    return re.findall(r"<a [^>]*>(.*?)</a>", html)


def test_letters_before_the_link_join_its_text():
    html = render("Aðrir mótmælenda[[söfnuður|söfnuðir]] og\nmótmæ{{1x|lenda[[söfnuður]]}}", lang="is",
                  pages={"Template:1x": "{{{1}}}"})
    assert _links(html) == ["mótmælendasöfnuðir", "mótmælendasöfnuður"]
    assert "Aðrir <a" in html


def test_a_trail_is_not_taken_again_as_the_next_links_prefix():
    assert _links(render("[[Söfnuður]]-[[00]]", lang="is")) == ["Söfnuður-", "00"]


def test_no_prefix_outside_icelandic():
    assert _links(render("abc[[Foo]]def", lang="en")) == ["Foodef"]


def test_a_fragment_and_a_bare_links_text_decode_references_once():
    html = render("[[#A&amp;amp;B]] [[:Foo&amp;bar]] [[:Foo&amp;amp;bar]]", lang="en")
    assert '<a href="#A&amp;amp;B"' in html and ">#A&amp;amp;B</a>" in html
    assert ">Foo&amp;bar</a>" in html and 'title="Foo&amp;bar"' in html
    assert "[[:Foo&amp;amp;bar]]" in html  # "&amp;" left in a title makes it invalid


def test_an_external_link_in_a_links_label_stays_text():
    html = render("[[Foo|[http://example.com/ x]]]", lang="en")
    assert _links(html) == ["[http://example.com/ x]"] and "external" not in html
