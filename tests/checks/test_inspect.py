"""analysis.inspect, with its part caches, gives what the uncached outline and checks give, while editing."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.wikitext.analysis import inspect
from viewer.wikitext.checks import RULES, CheckConfig, run_checks
from viewer.wikitext.outline import build_outline
from viewer.wikitext.parse import parse, parse_parts

CONFIG = CheckConfig(today=date(2026, 11, 25))


def assert_uncached(text: str, config: CheckConfig = CONFIG) -> None:
    outline, diagnostics = inspect(text, "zh", config)
    assert outline == build_outline(text, parse(text))
    assert list(diagnostics) == run_checks(text, profile="zh", config=config)
    # the fixes and related spans, shifted from the parts, point at the same text
    for d in diagnostics:
        for fix in d.fixes:
            assert all(0 <= e.start <= e.end <= len(text) for e in fix.edits)


def test_inspect_on_the_sample_is_the_checks_and_the_outline(sample_text):
    assert len(parse_parts(sample_text)) > 1  # else the per-part path is not tested
    assert_uncached(sample_text)
    assert_uncached(sample_text)  # from the caches


def test_part_rules_run_per_part_and_stay_on_it(sample_text):
    assert any(r.scope == "part" for r in RULES.values())
    at = sample_text.index("{{cite web", len(sample_text) // 2)  # in a part after the first
    added = "{{cite web|title=T|url=http://e.org|accessdate=2099-01-01}}"
    edited = sample_text[:at] + added + sample_text[at:]
    assert_uncached(edited)

    def future(text):
        return [d.start for d in inspect(text, "zh", CONFIG)[1] if d.code == "cs1/access-date-range"]

    before, after = future(sample_text), future(edited)
    assert len(after) == len(before) + 1
    assert any(at < start < at + len(added) for start in after)


def test_the_config_is_part_of_the_cache_key(sample_text):
    inspect(sample_text, "zh", CONFIG)
    quiet = CheckConfig(today=CONFIG.today, enabled={code: False for code in RULES if code.startswith("cs1/")})
    _, diagnostics = inspect(sample_text, "zh", quiet)
    assert not any(d.family == "cs1" for d in diagnostics)
    assert_uncached(sample_text, quiet)


_PIECES = ["x", "\n", "{{", "}}", "[[", "]]", "<ref>", "</ref>", '<ref name="a"/>', '<ref name="a">t</ref>',
           "{{sfn|Smith|2001|p=3}}", "{{cite book|last=Smith|year=2001|title=B}}", "{{cite web|url=x}}",
           "\n== H ==\n", "<references/>", "{{reflist}}", "<!--", "-->", "|", "=", "|date=2020-13-01",
           "{{cite news|title=a|date=May 2020|url=http://a.b}}",
           "<ref", "/>", '"', "<div class=a>", "[[File:a.jpg|b [[c]]", "{{{1|", "-{", "}-"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 30), st.sampled_from(_PIECES)), min_size=1, max_size=4))
def test_random_edits_inspect_as_uncached(sample_text, edits):
    text = sample_text
    for where, cut, piece in edits:
        at = int(where * len(text))
        text = text[:at] + piece + text[at + cut:]
    assert_uncached(text)


def test_a_part_left_open_checks_the_text_whole(sample_text):
    at = sample_text.index("<ref", len(sample_text) // 2)
    text = sample_text[:at] + "{{cite web|title=x" + sample_text[at:]  # its }} is far away, if any
    assert_uncached(text)


def test_a_text_over_the_limit_is_inspected_as_the_cli_does():
    from viewer.wikitext.limits import MAX_TEXT_CHARS

    text = "== A ==\n" + "x" * MAX_TEXT_CHARS
    outline, diagnostics = inspect(text)
    assert outline.truncated_at is not None
    assert [d.code for d in diagnostics] == ["markup/too-long"]


def test_the_model_joined_from_parts_is_the_whole_model(sample_text):
    from viewer.wikitext.checks import _joined_model
    from viewer.wikitext.checks._profile import load_profile
    from viewer.wikitext.citations import build_model

    prof = load_profile("zh")
    at = sample_text.index("<ref", len(sample_text) // 2)
    for text in (sample_text, sample_text[:at] + '<ref name="x">a</ref>' + sample_text[at:]):
        parts = parse_parts(text)
        joined, whole = _joined_model(text, parts, "zh", prof), build_model(text, prof.tables)
        assert joined is not None and len(parts) > 1
        for name in ("masked", "templates", "refs", "lists", "strays", "citations"):
            assert getattr(joined, name) == getattr(whole, name), name
