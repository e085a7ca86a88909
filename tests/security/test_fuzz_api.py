"""render, check, outline and convert never raise, and finish in bounded time and memory.

Three kinds of input:
- hypothesis: tag soup built from wikitext's own tokens, and real wikitext (MediaWiki's parser
  tests, the sample's sections) mutated (cut, spliced, duplicated, truncated);
- deep and repeated markup, each run in a forked child with a time and memory limit (a hang
  or a blow-up is a failure with the input named, not a stuck test run);
- a 50 MB line: each finishes within its limits (the renderer shows the first 2,000,000
  characters and says so in the page).
"""

from __future__ import annotations

import multiprocessing
import re
import resource
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer import api
from viewer.wikitext.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "resources" / "samples" / "zh-nagorno-karabakh-war.wiki").read_text(encoding="utf-8")
PARSER_TESTS = ROOT.parent / "shared" / "spec" / "parsertests" / "parserTests.txt"
PAGES = {"Template:Echo": "{{{1}}}", "Template:Loop": "{{loop}}", "Template:Deep": "{{deep|{{{1|}}}x}}"}


def _call(name: str, text: str):
    if name == "render":
        return api.render(text, pages=PAGES)
    if name == "check":
        return api.check(text)
    if name == "outline":
        return api.outline(text)
    return api.convert(text, "zh-hant")


def _assert_result(name: str, text: str, result) -> None:
    if name == "render":
        assert isinstance(result, str) and result.startswith("<div")
    elif name == "check":
        assert all(isinstance(d, Diagnostic) for d in result)
    elif name == "convert":
        assert isinstance(result, str)


FUNCTIONS = ("render", "check", "outline", "convert")


# --- hypothesis ---------------------------------------------------------------------------

TOKENS = [
    "[[", "]]", "[[File:A.jpg|thumb|", "[[Category:", "{{", "}}", "{{{", "}}}", "|", "=", "==", "\n", "\n\n",
    "''", "'''", "'''''", "<ref>", "</ref>", "<ref name=a>", "<ref name=a/>", '<ref group="g">', "<references/>",
    "{|", "|}", "|-", "|+", "!", "!!", "||", "<div>", "</div>", "<span style=\"", "\">", "<nowiki>", "</nowiki>",
    "<pre>", "</pre>", "-{", "}-", "zh-hans:", ";", "<!--", "-->", "*", "#", ":", "[http://example.org ", "]",
    "&amp;", "&#123;", "&lt;", "__TOC__", "{{#if:", "{{#switch:", "{{#expr:", "{{#tag:ref|", "{{cite web|url=",
    "{{Infobox", "{{sfn|", "{{reflist}}", "{{echo|", "{{loop}}", "<br/>", "ISBN 978-0", "中文", "維基", "𨭎", " ",
    "a", "<math>", "</math>", "<poem>", "<gallery>", "~~~~", "{{DISPLAYTITLE:", "{{noteTA|G1=", "<onlyinclude>",
    "<includeonly>", "<noinclude>", "<syntaxhighlight>", "\t", "\r", "\x00", "\u2028", "\ufeff", "<script>",
]
soup = st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=60).map("".join)


def _parser_test_wikitexts() -> list[str]:
    if not PARSER_TESTS.is_file():
        pytest.fail(f"MediaWiki's parser tests are expected at {PARSER_TESTS}")
    found = re.findall(r"^!! wikitext\n(.*?)(?=^!! )", PARSER_TESTS.read_text(encoding="utf-8"), re.M | re.S)
    return [w for w in found if len(w) < 3000]


SEEDS = _parser_test_wikitexts() + [s for s in re.split(r"(?m)^(?===)", SAMPLE) if s.strip()]


@st.composite
def mutated(draw) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 4))):
        if not text:
            break
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 200)))
        op = draw(st.sampled_from(["cut", "insert", "duplicate", "truncate", "swap"]))
        if op == "cut":
            text = text[:a] + text[b:]
        elif op == "insert":
            text = text[:a] + draw(st.sampled_from(TOKENS)) + text[a:]
        elif op == "duplicate":
            text = text[:b] + text[a:b] + text[b:]
        elif op == "truncate":
            text = text[:a]
        else:
            text = text[a:b] + text[:a] + text[b:]
    return text


FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", FUNCTIONS)
@FUZZ
@given(text=soup)
def test_tag_soup_never_raises(name, text):
    _assert_result(name, text, _call(name, text))


@pytest.mark.parametrize("name", FUNCTIONS)
@FUZZ
@given(text=mutated())
def test_mutated_wikitext_never_raises(name, text):
    _assert_result(name, text, _call(name, text))


# --- deep and repeated markup, bounded ------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    status: str  # ok, raised, timeout, crashed
    detail: str = ""
    seconds: float = 0.0


def _child(conn, name: str, text: str, memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    start = time.monotonic()
    try:
        result = _call(name, text)
        _assert_result(name, text, result)
        conn.send(Outcome("ok", str(result)[:2000], time.monotonic() - start))
    except BaseException as error:  # noqa: BLE001 (anything is a finding)
        frames = traceback.extract_tb(error.__traceback__)
        ours = [f for f in frames if "/viewer/" in f.filename] or frames
        where = " <- ".join(f"{'/'.join(Path(f.filename).parts[-2:])}:{f.lineno}" for f in (frames[-1], ours[-1]))
        conn.send(Outcome("raised", f"{type(error).__name__}: {str(error)[:200]} at {where}", time.monotonic() - start))


def run_bounded(name: str, text: str, *, timeout: float, memory_gb: float = 2.0) -> Outcome:
    """``api.<name>(text)`` in a forked child with a memory limit, killed after ``timeout``."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, name, text, int(memory_gb * 2**30)), daemon=True)
    child.start()
    sender.close()
    if receiver.poll(timeout):
        try:
            outcome = receiver.recv()
        except EOFError:
            outcome = Outcome("crashed", f"exit code {child.exitcode}")
    else:
        outcome = Outcome("timeout" if child.is_alive() else "crashed", f"exit code {child.exitcode}", timeout)
    child.kill()
    child.join()
    return outcome


DEEP = {
    "[[ x5000": "[[" * 5000,
    "{{ x10000 unclosed": "{{" * 10000,
    "10000 unclosed templates": "{{x|\n" * 10000,
    "<div> x5000": "<div>" * 5000,
    "'' storm": "''" * 5000 + "'''" * 3000 + "'''''" * 1000,
    "nested templates x2000": "{{echo|" * 2000 + "x" + "}}" * 2000,
    "self-recursive template": "{{loop}}" * 50 + "{{deep}}",
    "{{{ x5000": "{{{" * 5000,
    "[[a| x3000 ]] x3000": "[[a|" * 3000 + "]]" * 3000,
    "table rows x3000": "{|\n|\n" * 3000,
    "* x10000": "*" * 10000 + " x\n",
    "= x10000 heading": "=" * 10000 + "x" + "=" * 10000,
    "<ref> x3000": "<ref>" * 3000,
    "-{ x5000": "-{" * 5000,
    "<nowiki> x5000": "<nowiki>" * 5000,
    "<!-- x5000": "<!--" * 5000,
    "[http x5000": "[http://example.org/ " * 5000,
    "stray ]] x2000 on one line": "[[a]]]] " * 2000,
    "&amp; x100000": "&amp;" * 100_000,
    "1 MB line of the sample": (SAMPLE.replace("\n", " ") * 20)[:1_000_000],
}


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("label", list(DEEP))
def test_deep_markup_finishes(label, name):
    outcome = run_bounded(name, DEEP[label], timeout=30)
    assert outcome.status == "ok", f"api.{name} on {label!r}: {outcome.status} {outcome.detail}"


def test_fifty_megabyte_line():
    """Finishes within its limits, or stops with a clear message: for the preview, an error
    shown in the page."""
    line = ("纳戈尔诺-卡拉巴赫战争 [[亞美尼亞]] {{lang|en|Nagorno-Karabakh}}<ref>x</ref> " * 800_000)[:50_000_000]
    failures = []
    for name in FUNCTIONS:
        outcome = run_bounded(name, line, timeout=45, memory_gb=2.5)
        if name == "convert":
            # converting half a text would lose the rest: convert refuses, saying why
            if not (outcome.status == "raised" and outcome.detail.startswith("TextTooLong: ")
                    and "split it into smaller files" in outcome.detail):
                failures.append(f"api.convert: {outcome.status} {outcome.detail}")
            continue
        if name == "check" and outcome.status == "ok":
            assert "markup/too-long" in outcome.detail, "a text over the limit is checked without saying so"
        if outcome.status != "ok":
            failures.append(f"api.{name}: {outcome.status} {outcome.detail} after {outcome.seconds:.0f} s")
        elif name == "render" and len(line) > 2_000_000:
            assert "wv-error" in outcome.detail, "a body over the size limit is not shown with a message"
    assert not failures, "; ".join(failures)
