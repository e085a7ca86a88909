"""Marker and backlink labels: a wiki's MediaWiki:Cite_link_label_group-<group> page, numeric backlinks."""

import re

from viewer.api import render

PAGES = {"MediaWiki:Cite_link_label_group-klingon": "wa'  cha'\nwej"}


def _labels(html: str) -> list[str]:
    return re.findall(r'<sup id="cite_ref-[^"]*" class="reference"[^>]*><a [^>]*>(?:\[|&#91;)(.*?)(?:\]|&#93;)</a>', html)


def test_labels_come_from_the_message_page_split_on_blanks():
    text = "".join(f'<ref group="klingon">{n}</ref>' for n in range(4)) + '<references group="klingon" />'
    assert _labels(render(text, lang="en", pages=PAGES)) == ["wa'", "cha'", "wej", "klingon 4"]


def test_without_the_page_the_group_name_and_number_show():
    assert _labels(render('<ref group="klingon">x</ref><references group="klingon" />', lang="en")) == ["klingon 1"]


def _backlinks(html: str) -> list[str]:
    return re.findall(r'<sup><a href="#cite_ref-[^"]*">([^<]*)</a></sup>', html)


def test_backlink_offsets_are_padded_and_use_the_languages_decimal_point():
    text = '<ref name="a">x</ref>' + '<ref name="a"/>' * 10 + "<references />"
    labels = _backlinks(render(text, lang="en"))
    assert labels[0] == "1.00" and labels[-1] == "1.10"
    assert _backlinks(render('<ref name="a">x</ref><ref name="a"/><references />', lang="de")) == ["1,0", "1,1"]
