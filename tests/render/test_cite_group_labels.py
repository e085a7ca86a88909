"""A wiki's MediaWiki:Cite_link_label_group-<group> page gives that group's marker labels."""

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
