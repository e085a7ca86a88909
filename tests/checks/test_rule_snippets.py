"""Every rule of the catalogue: its ✗ snippet gives exactly one finding of its code, its ✓ none (§1.5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.wikitext.checks import RULES, CheckConfig, run_checks

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
def test_bad_snippet_gives_exactly_one_finding(entry, snippet):
    found = _found(entry, snippet)
    assert len(found) == 1, [(d.code, d.message) for d in found]
    d = found[0]
    assert d.severity == RULES[entry["code"]].severity
    assert 0 <= d.start < d.end <= len(_page(entry, snippet))
    assert d.message and "?" not in d.message.replace("？", "").replace("did you mean", ""), d.message


@pytest.mark.parametrize(("entry", "snippet"), list(_cases("good")))
def test_near_miss_gives_none(entry, snippet):
    assert _found(entry, snippet) == []


def test_every_registered_rule_has_snippets():
    covered = {entry["code"] for entry in SNIPPETS if entry["bad"] and entry["good"]}
    missing = sorted(set(RULES) - covered)
    assert not missing, f"rules without a snippet and a near miss: {missing}"
