"""Checks never raise and always give spans inside the text, whatever the wikitext."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.wikitext.checks import run_checks

PIECES = st.sampled_from([
    "<ref>", "</ref>", '<ref name="a">', '<ref name="a"/>', "<ref name=1>", '<ref group="g">', "<references/>",
    "<references>", "</references>", "{{reflist}}", "{{reflist|refs=", "{{", "}}", "[[", "]]", "|", "=", "{{cite web",
    "{{cite book", "|title=T", "|url=http://a.org/x", "|date=2013年5月3日", "|isbn=0-226-30859-5", "{{sfn|A|2001",
    "|last=A", "|year=2001", "<!--", "-->", "<nowiki>", "</nowiki>", "\n", "\n\n", " ", "text", "𨭎", "{{efn|", "{{#tag:ref|",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.sampled_from(["zh", "en"]))
def test_checks_never_raise_and_spans_fit(text, profile):
    found = run_checks(text, profile=profile)
    assert [d.start for d in found] == sorted(d.start for d in found)
    for d in found:
        assert 0 <= d.start <= d.end <= len(text), d
        assert d.message
        for start, end in d.related:
            assert 0 <= start <= end <= len(text)
        for fix in d.fixes:
            for edit in fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text), (d.code, fix)


def test_crlf_text_gives_the_same_findings(sample_text):
    lf = [(d.code, d.data.get("name"), d.data.get("param")) for d in run_checks(sample_text)]
    crlf = [(d.code, d.data.get("name"), d.data.get("param")) for d in run_checks(sample_text.replace("\n", "\r\n"))]
    assert crlf == lf


def test_every_parser_test_wikitext_checks_without_error(shared_dir):
    """MediaWiki's own parser tests are a corpus of odd wikitext: none of it may break a rule."""
    import re

    texts = []
    for path in sorted((shared_dir / "spec" / "parsertests").glob("*.txt")):
        source = path.read_text(encoding="utf-8")
        texts += re.findall(r"^!! wikitext\n(.*?)^!! ", source, flags=re.M | re.S)
    assert len(texts) > 2000
    for text in texts:
        for d in run_checks(text):
            assert 0 <= d.start <= d.end <= len(text)


def test_sample_spans_slice_to_the_offending_markup(sample_text, span_ok):
    from viewer.wikitext.checks import CheckConfig, RULES

    everything = CheckConfig(enabled={code: True for code in RULES})
    for d in run_checks(sample_text, config=everything):
        assert span_ok(sample_text, d), (d.code, sample_text[d.start : d.end][:80])
