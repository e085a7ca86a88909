"""The rule table, the configuration and the disable comment."""

from __future__ import annotations

import pytest

from viewer.wikitext.checks import RULES, CheckConfig, run_checks
from viewer.wikitext.diagnostics import SEVERITIES

PAGE = 'A<ref name="x"/>\n\n== 参考资料 ==\n{{reflist}}\n'


def test_the_catalogue_counts():
    families = {}
    for code in RULES:
        families[code.split("/")[0]] = families.get(code.split("/")[0], 0) + 1
    # the catalogue's rules, plus where it is silent markup/unclosed-comment, ref/in-heading, sfn/no-page,
    # and markup/too-long (the core's length limit)
    assert families == {"cite": 17, "ref": 18, "cs1": 54, "sfn": 7, "markup": 8}


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_well_formed(code):
    rule = RULES[code]
    assert rule.severity in SEVERITIES
    assert code == code.lower() and "/" in code
    assert rule.enabled is (code != "cs1/noncanonical-alias")
    if code.startswith("cite/"):
        assert rule.source_key.startswith("cite_error_")


def test_unknown_code_in_config_raises():
    with pytest.raises(ValueError, match="did you mean cite/no-text"):
        CheckConfig(enabled={"cite/no-txt": False})
    with pytest.raises(ValueError, match="severity"):
        CheckConfig(severities={"cite/no-text": "fatal"})
    with pytest.raises(ValueError, match="option"):
        CheckConfig(options={"sfn/no-target": {"whitlist": []}})


def test_config_switches_rules_off_and_sets_severities():
    assert [d.code for d in run_checks(PAGE)] == ["cite/no-text"]
    assert run_checks(PAGE, config=CheckConfig(enabled={"cite/no-text": False})) == []
    (d,) = run_checks(PAGE, config=CheckConfig(severities={"cite/no-text": "warning"}))
    assert d.severity == "warning"


def test_sfn_whitelist_option():
    page = "A{{sfn|Taarnby|2008|p=6}}\n{{reflist}}"
    assert [d.code for d in run_checks(page)] == ["sfn/no-target"]
    assert run_checks(page, config=CheckConfig(options={"sfn/no-target": {"whitelist": ["CITEREFTaarnby2008"]}})) == []


def test_disable_next_line_silences_one_finding():
    page = '<!-- wikiview-disable-next-line cite/no-text -->\nA<ref name="x"/> B<ref name="y"/>\n{{reflist}}'
    assert [d.data["name"] for d in run_checks(page)] == ["y"]
    other = '<!-- wikiview-disable-next-line cite/no-key -->\nA<ref name="x"/>\n{{reflist}}'
    assert [d.code for d in run_checks(other)] == ["cite/no-text"]
    far = '<!-- wikiview-disable-next-line cite/no-text -->\n\nA<ref name="x"/>\n{{reflist}}'
    assert [d.code for d in run_checks(far)] == ["cite/no-text"]


def test_unknown_profile_raises():
    with pytest.raises(ValueError, match="profile"):
        run_checks(PAGE, profile="fr")


def test_messages_are_localized_and_name_the_ref():
    (zh,) = run_checks(PAGE)
    (en,) = run_checks(PAGE, profile="en")
    assert zh.message == "引用错误：<ref>标签无效；未给name（名称）为x的ref（参考）提供文本"
    assert en.message == "Cite error: Invalid <ref> tag; no text was provided for refs named x"
    assert zh.source_key == "cite_error_references_no_text"


def test_fixes_are_edits_that_apply():
    page = '<ref name="a" dir="top">x</ref>\n{{reflist}}'
    (d,) = [d for d in run_checks(page) if d.code == "cite/invalid-dir"]
    (edit,) = d.fixes[0].edits
    fixed = page[: edit.start] + edit.replacement + page[edit.end :]
    assert [x.code for x in run_checks(fixed)] == []


def test_api_and_cli_use_the_checks(tmp_path, sample_text, capsys):
    import json

    from viewer import api, cli

    assert [d.code for d in api.check(PAGE)] == ["cite/no-text"]
    path = tmp_path / "a.wiki"
    path.write_text(PAGE, encoding="utf-8")
    assert cli.main(["check", str(path), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    (item,) = out["files"][0]["diagnostics"]
    assert (item["code"], item["line"], item["column"]) == ("cite/no-text", 1, 2)


def test_section_preview_uses_cites_own_wording():
    (d,) = run_checks(PAGE, profile="en", config=CheckConfig(section_preview=True))
    assert d.source_key == "cite_warning_sectionpreview_no_text"
    assert d.message.startswith("Cite warning: <ref> tag with name x cannot be previewed")


@pytest.mark.parametrize(("value", "fixed"), [("2013-7-5", "2013-07-05"), ("July 5 2013", "July 5, 2013"), ("5th July 2013", "5 July 2013"), ("2010/3/4", "2010-03-04"), ("03/04/2010", None)])
def test_bad_date_offers_the_unambiguous_reformat(value, fixed):
    page = "A<ref>{{cite book|title=T|date=%s}}</ref>\n{{reflist}}" % value
    (d,) = [d for d in run_checks(page) if d.code == "cs1/bad-date"]
    assert [f.edits[0].replacement for f in d.fixes] == ([fixed] if fixed else [])


def test_date_format_mixed_offers_reformatting_the_whole_pool():
    page = ("<ref>{{cite news|title=A|date=October 23, 1989}}</ref><ref>{{cite news|title=B|date=November 2, 1989}}</ref>"
            "<ref>{{cite news|title=C|date=1992-03-03}}</ref><ref>{{cite news|title=D|date=3 March 1992}}</ref>\n{{reflist}}")
    found = [d for d in run_checks(page) if d.code == "ref/date-format-mixed"]
    assert [d.data["value"] for d in found] == ["1992-03-03", "3 March 1992"]
    every = found[0].fixes[1]
    assert [e.replacement for e in every.edits] == ["March 3, 1992", "March 3, 1992"]


@pytest.mark.parametrize("use", ['<ref name="brothersroad1"/>', "{{r|brothersroad1}}"])
def test_rename_fix_edits_tags_and_templates(use):
    page = 'A<ref name="brothersroad">{{cite book|last=Melkonian|title=T}}</ref> B' + use + "\n{{reflist}}\n{{notelist}}"
    (d,) = [d for d in run_checks(page) if d.code == "cite/no-text"]
    assert d.fixes[0].label == 'Rename to "brothersroad"'
    (edit,) = d.fixes[0].edits
    fixed = page[: edit.start] + edit.replacement + page[edit.end :]
    assert "brothersroad1" not in fixed


def test_rename_fix_in_a_note_group():
    page = "A{{efn|text|name=notea}} B{{efn|name=noteb}}\n{{notelist}}"
    (d,) = [d for d in run_checks(page) if d.code == "cite/no-text"]
    assert (d.data["group"], d.fixes[0].label) == ("lower-alpha", 'Rename to "notea"')
    (edit,) = d.fixes[0].edits
    assert page[edit.start : edit.end] == "noteb" and edit.replacement == "notea"


def test_messages_in_a_traditional_variant():
    config = CheckConfig(variant="zh-hant")
    (d,) = run_checks(PAGE, config=config)
    assert d.message == "引用錯誤：無效的 <ref> 標籤，未定義名稱為 x 的參考文獻內容文字。"
    page = "A<ref>{{cite book|title=T|deadurl=yes}}</ref>\n{{reflist}}"
    (dep,) = [d for d in run_checks(page, config=CheckConfig(variant="zh-tw")) if d.code == "cs1/deprecated-param"]
    assert dep.message.startswith("引文使用過時") and "過时" not in dep.message and "|deadurl=" in dep.message


def test_a_references_tag_with_a_bad_attribute_is_no_list():
    """REL1_39 shows an error instead of that list, so its group's refs have none (parser test
    "Report bad attributes in reference tags")."""
    page = '<ref group="g">x</ref>\n<references group="g" badattrib="y" />'
    assert sorted(d.code for d in run_checks(page)) == ["cite/group-without-list", "cite/references-invalid-attribute"]


def test_a_list_inside_a_list_is_part_of_the_outer_one():
    page = '<ref name="foo" />\n{{#tag:references|\n<references>\n<ref name="foo">bar</ref>\n</references>\n}}'
    assert [d.code for d in run_checks(page)] == ["cite/references-nested"]


@pytest.mark.parametrize(("param", "suggestion"), [("access_date", "access-date"), ("access date", "access-date"), ("Title", "title"), ("accessed", "access-date"), ("month", "date"), ("foo", "")])
def test_unknown_parameter_suggestions(param, suggestion):
    page = "A<ref>{{cite web|url=http://a.org/x|title=X|%s=v}}</ref>\n{{reflist}}" % param
    (d,) = [d for d in run_checks(page) if d.code == "cs1/unknown-param"]
    assert d.data["suggestion"] == suggestion
    assert d.source_key == ("err_parameter_ignored_suggest" if suggestion else "err_parameter_ignored")


@pytest.mark.parametrize("param", ["date={{date|2013-05-03}}", "access-date={{date|2013-05-03}}", "isbn={{ISBNT|0-226-30859-5}}", "url={{URL|a.org}}", "language={{lang|ru}}"])
def test_values_built_by_templates_are_not_judged(param):
    page = "A<ref>{{cite web|url=http://a.org/x|title=X|%s}}</ref>\n{{reflist}}" % param
    assert [d.code for d in run_checks(page) if d.severity == "error"] == []


def test_apply_edits_end_first_and_refuses_overlaps():
    from viewer.wikitext.checks import apply_edits
    from viewer.wikitext.diagnostics import Edit

    assert apply_edits("abcdef", [Edit(0, 1, "X"), Edit(4, 6, "")]) == "Xbcd"
    assert apply_edits("abc", [Edit(3, 3, "!"), Edit(0, 0, "¡")]) == "¡abc!"
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [Edit(0, 3, "X"), Edit(2, 4, "Y")])


def test_rename_fix_in_a_tag_function():
    page = 'A<ref name="smith2001">S</ref> B{{#tag:ref||name=smith2002}}\n{{reflist}}'
    (d,) = [d for d in run_checks(page) if d.code == "cite/no-text"]
    from viewer.wikitext.checks import apply_edits

    assert apply_edits(page, d.fixes[0].edits) == 'A<ref name="smith2001">S</ref> B{{#tag:ref||name=smith2001}}\n{{reflist}}'


def test_same_work_converts_to_short_footnotes():
    from viewer.wikitext.checks import apply_edits

    page = ("A<ref>{{cite book|last=Bertsch|year=1999|title=C|isbn=0-415-92273-9|page=297}}</ref> "
            "B<ref>{{cite book|last=Bertsch|year=1999|title=C|isbn=0415922739|pages=167–171}}</ref>\n\n== 参考资料 ==\n{{reflist}}\n")
    (d,) = [d for d in run_checks(page) if d.code == "ref/same-work"]
    fixed = apply_edits(page, d.fixes[0].edits)
    assert "A{{sfn|Bertsch|1999|p=297}} B{{sfn|Bertsch|1999|pp=167–171}}" in fixed
    assert "== 参考书目 ==\n* {{cite book|last=Bertsch|year=1999|title=C|isbn=0-415-92273-9}}" in fixed
    assert [x.code for x in run_checks(fixed) if x.severity != "info"] == []
