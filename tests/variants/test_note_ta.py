"""{{noteTA}}: the notice as zh.wikipedia lists it, and its rules applied to the whole page."""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from viewer.wikitext.render.templates import Arg, TemplateCall, lookup
from viewer.wikitext.render.templates.note_ta import group_rules
from viewer.wikitext.variants import convert_html

DATA = Path(__file__).resolve().parent / "data"


@dataclass
class Context:
    """What note_ta uses of the renderer's context: inline() leaves -{ }- as text, as the
    renderer does; a template folder or a page lookup for the groups."""

    title: str = "纳戈尔诺-卡拉巴赫战争"
    lang: str = "zh"
    variant: str | None = None
    templates_dir: Path | None = None
    pages: dict | None = None

    def inline(self, wikitext: str) -> str:
        return html.escape(wikitext, quote=False)

    def page_source(self, title: str) -> str | None:
        return None if self.pages is None else self.pages.get(title)


def render(ctx: Context, **args: str) -> str:
    call = TemplateCall(name="NoteTA", args={k: Arg(v) for k, v in args.items()})
    return lookup("noteTA")(call, ctx)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    (tmp_path / "Module:CGroup").mkdir()
    shutil.copy(DATA / "CGroup_Test.lua", tmp_path / "Module:CGroup" / "Test.lua")
    return tmp_path


def test_registered_under_both_spellings():
    assert lookup("noteTA") is lookup("NoteTA") is not None


def test_local_rules_apply_to_the_whole_page():
    notice = render(Context(), **{"1": "zh-cn:软件; zh-tw:軟體咖;", "2": "zh-cn:信息;zh-tw:資訊站;"})
    page = convert_html(notice + "<p>信息软件</p>", "zh-tw").html
    assert page.endswith("<p>資訊站軟體咖</p>")
    assert "本條目存在以下繁簡或地區詞處理：" in page
    assert "大陆：软件；臺灣：軟體咖；當前顯示為：軟體咖" in page  # each rule, described and as shown
    assert "-{" not in page


def test_title_conversion():
    notice = render(Context(), T="zh-cn:纳卡战争; zh-tw:納卡戰爭;")
    result = convert_html(notice, "zh-tw")
    assert result.display_title == "納卡戰爭"
    assert "轉換標題為：大陆：纳卡战争；臺灣：納卡戰爭；" in result.html
    assert "實際標題為：纳戈尔诺-卡拉巴赫战争" in result.html  # the real title, unconverted
    assert convert_html(notice, "zh-cn").display_title == "纳卡战争"


def test_group_from_template_folder(templates: Path):
    notice = render(Context(templates_dir=templates), G1="Test")
    assert "公共转换组“-{R|Test}-”（4条规则）" in notice
    page = convert_html(notice + "<p>阿塞拜疆和格鲁吉亚，纳卡，亚美尼亚</p>", "zh-tw").html
    assert page.endswith("<p>亞塞拜然國和喬治亞國，納卡共和國，亞美尼亞國</p>")
    page = convert_html(notice + "<p>亞塞拜然國</p>", "zh-cn").html
    assert page.endswith("<p>阿塞拜疆</p>")
    page = convert_html(notice + "<p>阿塞拜疆</p>", "zh-mo").html
    assert page.endswith("<p>阿塞拜疆國</p>")  # zh-mo falls back on zh-hk's text


def test_group_from_pages():
    source = (DATA / "CGroup_Test.lua").read_text(encoding="utf-8")
    notice = render(Context(pages={"Module:CGroup/Test": source}), G1="test")
    assert "（4条规则）" in notice


def test_missing_group_is_listed_not_ignored(templates: Path):
    notice = render(Context(templates_dir=templates), G1="Country", G2="Test")
    page = convert_html(notice, "zh-cn").html
    assert "公共转换组“Country”不可用" in page and "wv-noteta-missing" in page
    assert "公共转换组“Test”（4条规则）" in page


def test_nothing_to_note_renders_nothing():
    assert render(Context()) == ""


@pytest.mark.parametrize(
    ("source", "rules"),
    [
        ("{ type = 'item', original = 'a', rule = 'zh-cn:甲;zh-tw:乙;' }", ["zh-cn:甲;zh-tw:乙;"]),
        ('{ type = "text", text = "zh-cn:x;" }', []),
        ("Item('a', [[zh-cn:甲;zh-tw:乙;]])", ["zh-cn:甲;zh-tw:乙;"]),
        ("{{CItemHidden|1=zh-cn:甲;zh-tw:乙;}}\n-{H|zh-cn:丙;zh-tw:丁;}-", ["zh-cn:丙;zh-tw:丁;", "zh-cn:甲;zh-tw:乙;"]),
        ("{ type = 'item', rule = 'zh-cn:it\\'s;' }", ["zh-cn:it's;"]),
        ("-- { type = 'item', rule = 'zh-cn:注释;' }\n--[[ Item('a', 'zh-cn:块;') ]]\nItem('b', 'zh-cn:留;')", ["zh-cn:留;"]),
        ("{{CItem|zh-cn:甲;zh-tw:乙;|original=甲|desc=zh-tw:不要}}<!-- {{CItem|zh-cn:丙}} -->", ["zh-cn:甲;zh-tw:乙;"]),
        ("{{CItemHidden|original=甲|1=zh-cn:甲;zh-tw:乙;}}", ["zh-cn:甲;zh-tw:乙;"]),
    ],
)
def test_group_sources(source, rules):
    assert group_rules(source) == rules


def test_notice_is_an_indicator_marked_when_a_group_is_missing(templates: Path):
    ok = convert_html(render(Context(templates_dir=templates), G1="Test"), "zh-hant").html
    assert 'class="noteTA wv-noteta"' in ok and "有公共转换组不可用" not in ok
    assert '<span class="wv-noteta-icon" aria-hidden="true">汉/漢</span>' in ok  # the icon is not converted
    assert '<div class="wv-noteta-body">' in ok
    missing = render(Context(templates_dir=templates), G1="Country")
    assert 'class="noteTA wv-noteta wv-noteta-warn"' in missing and "有公共转换组不可用" in missing
