"""The preview in every variant, through the real renderer (viewer.api.render)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from viewer.api import render
from viewer.resources import SAMPLE_ARTICLE
from viewer.wikitext.variants import VARIANTS

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE_ARTICLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("zh", "阿塞拜疆尝试制止纳戈尔诺-卡拉巴赫的分裂主义运动"),
        ("zh-hans", "阿塞拜疆尝试制止纳戈尔诺-卡拉巴赫的分裂主义运动"),
        ("zh-cn", "阿塞拜疆尝试制止纳戈尔诺-卡拉巴赫的分裂主义运动"),
        ("zh-hant", "阿塞拜疆嘗試制止納戈爾諾-卡拉巴赫的分裂主義運動"),
        ("zh-tw", "亞塞拜然嘗試制止納戈爾諾-卡拉巴赫的分裂主義運動"),
        ("zh-hk", "阿塞拜疆嘗試制止納戈爾諾-卡拉巴赫的分裂主義運動"),
    ],
)
def test_sample_in_variants(sample, variant, expected):
    html = render(sample, title="纳戈尔诺-卡拉巴赫战争", variant=variant)
    assert expected in html
    assert "-{" not in html and "}-" not in html.replace("}-{", "")  # all markup consumed
    # {{noteTA|G1=Country}} with no template folder: the group is listed as not available
    assert "Country" in html and "wv-noteta-missing" in html


def test_group_from_templates_dir(tmp_path: Path):
    (tmp_path / "Module:CGroup").mkdir()
    shutil.copy(DATA / "CGroup_Test.lua", tmp_path / "Module:CGroup" / "Test.lua")
    text = "{{noteTA|G1=Test|1=zh-cn:软件;zh-tw:軟體咖;}}\n阿塞拜疆和格鲁吉亚的软件"
    html = render(text, variant="zh-tw", templates_dir=tmp_path)
    assert "亞塞拜然國和喬治亞國的軟體咖" in html and "（4條規則）" in html
    assert "wv-noteta-missing" not in html


def test_group_from_pages():
    pages = {"Template:CGroup/Test": "{{CGroupH}}\n-{H|zh-cn:阿塞拜疆;zh-tw:亞塞拜然國;}-"}
    html = render("{{noteTA|G1=test}}\n阿塞拜疆", variant="zh-tw", pages=pages)
    assert "亞塞拜然國\n</p>" in html and "（1條規則）" in html


@pytest.mark.parametrize("variant", VARIANTS)
def test_markup_in_every_variant(variant):
    html = render("-{zh-hans:简;zh-hant:繁}- -{H|zh-cn:甲;zh-tw:乙}-甲 -{R|原文}- <code>-{软件}-</code>", variant=variant)
    two = "简" if variant in ("zh", "zh-hans", "zh-cn", "zh-sg", "zh-my") else "繁"
    assert f"{two} " in html and "原文" in html
    assert ("乙" in html) == (variant in ("zh-tw", "zh-hk", "zh-mo"))


def _rendered_structure(html: str) -> dict:
    import re

    return {
        "hrefs": re.findall(r'href="([^"]*)"', html),
        "ids": re.findall(r'\sid="([^"]*)"', html),
        "refs": html.count('class="reference"'),
        "missing": re.findall(r'data-template="([^"]*)"', html),
        "tags": re.findall(r"<([a-z][a-z0-9]*)\b", html),
    }


@pytest.mark.parametrize("variant", ["zh-hans", "zh-hant", "zh-tw", "zh-hk"])
def test_converted_sample_renders_the_same_structure(sample, variant):
    from viewer.wikitext.variants import convert_wikitext

    original = _rendered_structure(render(sample, title="纳戈尔诺-卡拉巴赫战争"))
    converted = _rendered_structure(render(convert_wikitext(sample, variant), title="纳戈尔诺-卡拉巴赫战争"))
    for key in ("refs", "missing", "tags"):
        assert converted[key] == original[key], key
    # links out of the page are the same; links within it (the TOC, footnotes) follow their
    # targets, heading ids being made from the converted headings: none is newly dangling
    outward = [[h for h in s["hrefs"] if not h.startswith("#")] for s in (original, converted)]
    assert outward[0] == outward[1]
    inward = [[h for h in s["hrefs"] if h.startswith("#")] for s in (original, converted)]
    assert len(inward[0]) == len(inward[1])
    dangling = [{h[1:] for h in hrefs} - set(s["ids"]) for s, hrefs in zip((original, converted), inward)]
    assert dangling[1] == dangling[0]  # (the sample's own sfn without a citation)
    assert [i for i in converted["ids"] if i.startswith("cite")] == [i for i in original["ids"] if i.startswith("cite")]
