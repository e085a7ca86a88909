"""The library covers the sample article and registers its families as families."""

from __future__ import annotations

import mwparserfromhell
import pytest

from viewer.wikitext.render.templates import lookup, normalize_name, registered_names

# Rendered elsewhere: DEFAULTSORT is a magic word (the renderer's), noteTA is the variants engineer's.
NOT_OURS = {"NoteTA"}


def sample_template_names(text: str) -> set[str]:
    names = set()
    for template in mwparserfromhell.parse(text).filter_templates(recursive=True):
        name = normalize_name(str(template.name))
        if ":" in name and name.split(":", 1)[0].isupper():  # magic words such as DEFAULTSORT:
            continue
        names.add(name)
    return names


def test_every_template_of_the_sample_has_a_renderer(sample_text):
    missing = sorted(n for n in sample_template_names(sample_text) - NOT_OURS if lookup(n) is None)
    assert missing == []


@pytest.mark.parametrize(
    "name",
    ["cite web", "Cite Web", "cite  book ", "Cite encyclopedia", "Cite some new thing", "Citation",
     "Lang-fr", "lang-az", "De icon", "Link-ja", "Infobox person", "Infobox 人物", "Country infobox",
     "Campaignbox 第二次世界大战", "Nagorno-Karabakh Topics", "Expand Japanese", "Flagicon image"],
)
def test_families_match_names_never_listed(name):
    assert lookup(name) is not None


@pytest.mark.parametrize("name", ["Lang-", "Xx icon", "Link-zz", "Expand nothing", "Some template"])
def test_families_refuse_what_they_cannot_render(name):
    assert lookup(name) is None


def test_registered_names_are_normalised_and_unique():
    names = registered_names()
    assert names == sorted(set(names))
    assert all(normalize_name(n) == n for n in names)
    for expected in ("Cite web", "Sfn", "Reflist", "Efn", "Notelist", "Main", "Flag", "Le", "Tsl", "KIA",
                     "Webarchive", "Convert", "Coord", "Citation needed", "来源请求", "Authority control"):
        assert expected in names
