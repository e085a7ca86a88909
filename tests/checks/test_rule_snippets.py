"""Every rule of the catalogue: its ✗ snippet gives exactly one finding of its code, its ✓ none (§1.5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.wikitext.checks import RULES, CheckConfig, apply_edits, run_checks

SNIPPETS = json.loads((Path(__file__).parent.parent / "fixtures" / "rule_snippets.json").read_text(encoding="utf-8"))["rules"]
PAGE = "{snippet}\n\n== 参考资料 ==\n{{{{reflist}}}}\n"


def _page(entry: dict, snippet: str) -> str:
    # page=false: the snippet is the whole page (list-defined refs, pages without a list)
    return PAGE.format(snippet=snippet) if entry.get("page", True) else snippet


def _cases(kind: str):
    for entry in SNIPPETS:
        for i, snippet in enumerate(entry[kind]):
            yield pytest.param(entry, snippet, id=f"{entry['code']}-{kind}{i}")


def _found(entry: dict, snippet: str):
    code = entry["code"]
    config = CheckConfig(enabled={code: True})  # opt-in rules are tested switched on
    return [d for d in run_checks(_page(entry, snippet), profile=entry.get("profile", "zh"), config=config) if d.code == code]


@pytest.mark.parametrize(("entry", "snippet"), list(_cases("bad")))
def test_bad_snippet_gives_exactly_one_finding(entry, snippet, span_ok):
    found = _found(entry, snippet)
    assert len(found) == 1, [(d.code, d.message) for d in found]
    d = found[0]
    assert span_ok(_page(entry, snippet), d), _page(entry, snippet)[d.start : d.end]
    assert d.severity == RULES[entry["code"]].severity
    assert 0 <= d.start < d.end <= len(_page(entry, snippet))
    assert d.message and "?" not in d.message.replace("？", "").replace("did you mean", ""), d.message


@pytest.mark.parametrize(("entry", "snippet"), list(_cases("good")))
def test_near_miss_gives_none(entry, snippet):
    assert _found(entry, snippet) == []


def test_every_registered_rule_has_snippets():
    covered = {entry["code"] for entry in SNIPPETS if entry["bad"] and entry["good"]}
    covered.add("markup/too-long")  # its snippet is 4 million characters: see test_check_limits.py
    missing = sorted(set(RULES) - covered)
    assert not missing, f"rules without a snippet and a near miss: {missing}"


@pytest.mark.parametrize(("entry", "snippet"), list(_cases("bad")))
def test_fixes_apply_cleanly(entry, snippet):
    """Every quick fix is a set of non-overlapping edits; the fixed text still checks."""
    page = _page(entry, snippet)
    for d in _found(entry, snippet):
        for fix in d.fixes:
            assert fix.label and fix.edits
            fixed = apply_edits(page, fix.edits)
            assert fixed != page
            run_checks(fixed, profile=entry.get("profile", "zh"))


RESOLVING = {
    "cite/invalid-dir", "cite/no-input", "cite/no-key", "cite/follow-conflict", "cite/references-invalid-attribute",
    "cite/duplicate-key", "cite/group-without-list", "cs1/deprecated-param", "cs1/unknown-param", "cs1/apostrophe-markup",
    "cs1/bad-url", "cs1/invisible-char", "cs1/wikilink-in-url", "cs1/bad-paramlink", "cs1/text-ignored",
    "cs1/noncanonical-alias", "cs1/empty-unknown-param", "cs1/maint-date-format", "cs1/maint-date-year", "ref/ligature-chars",
    "ref/archive-date-mismatch", "ref/redundant-definition", "ref/duplicate-content", "ref/no-reference-list", "ref/after-list",
    "ref/follow-before-parent", "ref/multiple-reference-lists", "ref/empty-list", "ref/bare-url", "sfn/page-param",
    "sfn/year-format", "markup/stray-link-close", "ref/in-heading", "markup/unclosed-comment", "markup/duplicate-template-arg",
}


# No safe edit exists for these: a ``]]`` after plain text; a follow whose parent is list-defined.
NO_FIX = {"markup/stray-link-close-bad1", "ref/follow-before-parent-bad1"}


@pytest.mark.parametrize(("entry", "snippet"), [c for c in _cases("bad") if c.values[0]["code"] in RESOLVING and c.id not in NO_FIX])
def test_first_fix_resolves_the_finding(entry, snippet):
    page = _page(entry, snippet)
    (d,) = _found(entry, snippet)
    assert d.fixes, f"{entry['code']} offers no fix here"
    fixed = apply_edits(page, d.fixes[0].edits)
    config = CheckConfig(enabled={entry["code"]: True})
    assert [x for x in run_checks(fixed, profile=entry.get("profile", "zh"), config=config) if x.code == entry["code"]] == []


@pytest.mark.parametrize(("entry", "snippet"), [c for c in _cases("bad") if c.id in NO_FIX])
def test_no_fix_where_none_is_safe(entry, snippet):
    (d,) = _found(entry, snippet)
    assert d.fixes == ()


@pytest.mark.parametrize(("entry", "snippet"), list(_cases("bad")))
def test_bad_snippet_with_crlf_newlines(entry, snippet):
    """Files with Windows newlines give the same findings."""
    page = _page(entry, snippet).replace("\n", "\r\n")
    config = CheckConfig(enabled={entry["code"]: True})
    found = [d for d in run_checks(page, profile=entry.get("profile", "zh"), config=config) if d.code == entry["code"]]
    assert len(found) == 1
