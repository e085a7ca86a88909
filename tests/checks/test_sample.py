"""The sample article yields exactly the catalogue's findings (references.md §6, §7.1), family by family."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from viewer.wikitext.checks import run_checks
from viewer.wikitext.parse import LineIndex

GOLDEN = json.loads((Path(__file__).parent.parent / "fixtures" / "sample_findings_zh.json").read_text(encoding="utf-8"))
FAMILIES = ["cite", "sfn", "cs1", "ref", "markup"]


@pytest.fixture(scope="module")
def findings(sample_text):
    return run_checks(sample_text, profile="zh")


def _key(code, line, data):
    return code, line, json.dumps(data, ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("family", FAMILIES)
def test_sample_family_matches_golden(family, findings, sample_text):
    lines = LineIndex(sample_text)
    expected = [g for g in GOLDEN["findings"] if g["code"].startswith(family + "/")]
    got = [d for d in findings if d.family == family]
    # each golden entry is matched by one finding of that code at that line whose data contains its data
    unmatched = list(got)
    missing = []
    for g in expected:
        for d in unmatched:
            if d.code == g["code"] and lines.line(d.start) == g["line"] and d.severity == g["severity"] and all(
                d.data.get(k) == v for k, v in g["data"].items()
            ):
                if "related_lines" in g:
                    assert [lines.line(s) for s, _e in d.related] == g["related_lines"], d
                if "fixes" in g:
                    assert [f.label for f in d.fixes] == g["fixes"], d
                unmatched.remove(d)
                break
        else:
            missing.append(g)
    extra = [(d.code, lines.line(d.start), d.data) for d in unmatched]
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"


def test_foundation_named_refs_never_defined(findings, sample_text):
    """Issue 3: `melkonian` (line 424) and `OhanyanVelikhanova` (line 32, reused at 37 and 38)."""
    lines = LineIndex(sample_text)
    no_text = {d.data["name"]: d for d in findings if d.code == "cite/no-text"}
    assert set(no_text) == {"melkonian", "OhanyanVelikhanova"}
    assert lines.line(no_text["melkonian"].start) == 424
    assert lines.line(no_text["OhanyanVelikhanova"].start) == 32
    assert [lines.line(s) for s, _ in no_text["OhanyanVelikhanova"].related] == [37, 38]
    assert sample_text[no_text["melkonian"].start : no_text["melkonian"].end] == '<ref name="melkonian" />'


def test_melkonian_fix_renames_to_brothersroad(findings, sample_text):
    d = next(d for d in findings if d.code == "cite/no-text" and d.data["name"] == "melkonian")
    (edit,) = d.fixes[0].edits
    fixed = sample_text[: edit.start] + edit.replacement + sample_text[edit.end :]
    assert not [x for x in run_checks(fixed) if x.code == "cite/no-text" and x.data["name"] in ("melkonian", "brothersroad")]


def test_golden_file_counts_match_the_catalogue():
    by_severity = Counter(g["severity"] for g in GOLDEN["findings"])
    assert by_severity == {"error": 9, "warning": 21, "info": 27}


def test_en_profile_as_the_catalogue_says(findings, sample_text):
    """§6.2: deprecated -> unknown-param (error) with suggestions; six bad-date for the Chinese dates."""
    lines = LineIndex(sample_text)
    en = run_checks(sample_text, profile="en")
    zh_deprecated = sorted((lines.line(d.start), d.data["param"]) for d in findings if d.code == "cs1/deprecated-param")
    en_unknown = [d for d in en if d.code == "cs1/unknown-param"]
    assert sorted((lines.line(d.start), d.data["param"]) for d in en_unknown) == zh_deprecated
    assert {d.data["suggestion"] for d in en_unknown} == {"url-status", "trans-title", "author"}
    assert all(d.severity == "error" for d in en_unknown)
    bad_dates = sorted((lines.line(d.start), d.data["param"]) for d in en if d.code == "cs1/bad-date")
    assert bad_dates == [(265, "date"), (306, "accessdate"), (306, "accessdate"), (306, "date"), (504, "date"), (506, "accessdate")]
    unchanged = ("cs1/empty-unknown-param", "cs1/missing-periodical", "cs1/apostrophe-markup")
    assert [(d.code, d.start) for d in en if d.code in unchanged] == [(d.code, d.start) for d in findings if d.code in unchanged]


def test_opt_in_noncanonical_alias_on_the_sample(sample_text):
    from viewer.wikitext.checks import CheckConfig

    found = [d for d in run_checks(sample_text, config=CheckConfig(enabled={"cs1/noncanonical-alias": True})) if d.code == "cs1/noncanonical-alias"]
    assert Counter(d.data["param"] for d in found) == {"accessdate": 15, "authorlink": 10, "archiveurl": 4, "archivedate": 4, "authorlink1": 1, "ISBN": 1}
    lines = LineIndex(sample_text)
    assert [lines.line(d.start) for d in found if d.data["param"] == "authorlink"] == [17, 30, 104, 157, 168, 288, 306, 357, 415, 481]


def test_sample_yields_nothing_beyond_the_golden_list(findings):
    assert len(findings) == len(GOLDEN["findings"])
    assert {d.family for d in findings} <= set(FAMILIES)
    assert Counter(d.severity for d in findings) == Counter(g["severity"] for g in GOLDEN["findings"])


def test_findings_are_sorted_by_span_start(findings):
    assert [d.start for d in findings] == sorted(d.start for d in findings)


def test_en_profile_differs_from_zh_only_where_the_catalogue_says(findings, sample_text):
    lines = LineIndex(sample_text)
    zh = Counter((d.code, lines.line(d.start)) for d in findings)
    en = Counter((d.code, lines.line(d.start)) for d in run_checks(sample_text, profile="en"))
    assert {code for code, _line in (en - zh)} == {"cs1/bad-date", "cs1/unknown-param"}
    assert {code for code, _line in (zh - en)} == {"cs1/deprecated-param", "ref/date-format-mixed"}
    # in en the Chinese dates are not classified: exactly the six zh-format ones drop out
    zh_format = sorted(lines.line(d.start) for d in findings if d.code == "ref/date-format-mixed" and d.data["format"] == "zh")
    assert sorted(line for code, line in (zh - en).elements() if code == "ref/date-format-mixed") == zh_format
