"""Icelandic's link trail and link prefix ($linkPrefixExtension), as in MediaWiki 1.39."""

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
