"""A text over the core's length limit: one clear finding, quickly, instead of a long run."""

from __future__ import annotations

from viewer.wikitext.checks import CheckConfig, run_checks
from viewer.wikitext.limits import MAX_TEXT_CHARS


def test_a_text_over_the_limit_gets_one_finding_saying_so():
    text = "纳卡战争<ref name=\"x\"/>" * (MAX_TEXT_CHARS // 10)
    assert len(text) > MAX_TEXT_CHARS
    found = run_checks(text)
    assert [(d.code, d.severity, d.start, d.end) for d in found] == [("markup/too-long", "error", 0, len(text))]
    assert f"{len(text):,}" in found[0].message
    assert run_checks(text, profile="en")[0].message.startswith(f"the text is {len(text):,} characters long")


def test_a_text_at_the_limit_is_checked_whole():
    text = ("A<ref name=\"x\"/>\n" + " " * (MAX_TEXT_CHARS - 40))[:MAX_TEXT_CHARS]
    codes = {d.code for d in run_checks(text)}
    assert "markup/too-long" not in codes and "cite/no-text" in codes


def test_the_finding_follows_the_config():
    text = "x" * (MAX_TEXT_CHARS + 1)
    found = run_checks(text, config=CheckConfig(severities={"markup/too-long": "warning"}))
    assert [d.severity for d in found] == ["warning"]
