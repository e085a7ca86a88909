"""The preview's inline Cite errors and the References panel name the same rule.

Every catalogue snippet that triggers a ``cite/`` rule (tests/fixtures/rule_snippets.json) is
rendered; the preview must show that rule's code in a ``wv-error`` (``data-code``), as MediaWiki
1.39 shows the Cite error. Where REL1_39 words a case differently than the catalogue, the test
says what MediaWiki 1.39 shows instead.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from viewer.api import render

SNIPPETS = json.loads((Path(__file__).parents[1] / "fixtures" / "rule_snippets.json").read_text(encoding="utf-8"))
# (code, snippet) -> the codes REL1_39 shows instead of the catalogue's rule
REL1_39_SHOWS = {
    # conflicting dir= values got their own message after 1.39; 1.39 shows nothing
    ("cite/conflicting-dir", '<ref name="a" dir="rtl">x</ref><ref name="a" dir="ltr"/>'): set(),
    # details= is not an attribute in 1.39 (sub-referencing is off), so it is an unknown key
    ("cite/follow-conflict", '<ref name="a">x</ref><ref follow="a" details="p. 2">x</ref>'): {"cite/invalid-attribute"},
}
CASES = [
    (rule["code"], snippet, rule.get("page", True) is not False)
    for rule in SNIPPETS["rules"]
    if rule["code"].startswith("cite/") and rule.get("profile", "zh") == "zh"
    for snippet in rule["bad"]
]


@pytest.mark.parametrize("code,snippet,add_list", CASES, ids=[f"{c}:{s[:30]}" for c, s, _ in CASES])
def test_preview_shows_the_rule_the_panel_reports(code, snippet, add_list):
    page = snippet + "\n{{reflist}}" if add_list else snippet
    shown = set(re.findall(r'class="[^"]*\bwv-error\b[^"]*"[^>]*data-code="(cite/[^"]+)"', render(page)))
    expected = REL1_39_SHOWS.get((code, snippet), {code})
    if expected:
        assert expected <= shown
    else:
        assert shown == set()
