"""Cite's own parser tests (REL1_39): every ``cite_error_*`` they expect comes out under the matching
``cite/`` code at the tag that carries it (catalogue §1.5 "Parser tests").

The expectations are read from the tests' Parsoid output, whose ``data-mw`` names each error's key
and the attributes of the tag it sits on; REL1_39 reports ``name`` with ``follow`` as too_many_keys.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from viewer.wikitext.checks import run_checks
from viewer.wikitext.citations import _attributes

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "parsertests"
CODES = {
    "cite_error_references_no_text": {"cite/no-text"},
    "cite_error_references_duplicate_key": {"cite/duplicate-key"},
    "cite_error_ref_no_input": {"cite/no-input"},
    "cite_error_ref_no_key": {"cite/no-key"},
    "cite_error_ref_numeric_key": {"cite/numeric-name"},
    "cite_error_ref_too_many_keys": {"cite/invalid-attribute", "cite/follow-conflict"},
    "cite_error_ref_invalid_dir": {"cite/invalid-dir"},
    "cite_error_group_refs_without_references": {"cite/group-without-list"},
    "cite_error_references_missing_key": {"cite/ldr-unused"},
    # Parsoid's missing_key on a follow ref whose parent is not (yet) defined: the catalogue
    # reports that as ref/follow-before-parent (REL1_39 PHP reports nothing there).
    "follow:cite_error_references_missing_key": {"ref/follow-before-parent"},
    "cite_error_references_no_key": {"cite/ldr-no-name"},
    "cite_error_empty_references_define": {"cite/ldr-empty"},
    "cite_error_references_group_mismatch": {"cite/ldr-group-mismatch"},
    "cite_error_references_invalid_parameters": {"cite/references-invalid-attribute"},
}


def _errors(markup: str):
    """(key, tag name, attrs) of every error in the ``data-mw`` of ``markup``, nested bodies included."""
    for m in re.finditer(r"data-mw='([^']*)'", markup):
        mw = json.loads(html.unescape(m.group(1)))
        for error in mw.get("errors", []):
            yield error["key"], mw.get("name"), {k: v for k, v in mw.get("attrs", {}).items()}
        body = mw.get("body", {}).get("html")
        if body:
            yield from _errors(body)


# The REL1_39 PHP output's English messages, for the tests that have no Parsoid expectation.
PHP_MESSAGES = {
    "defined multiple times with different content": "cite_error_references_duplicate_key",
    "invalid names, e.g. too many": "cite_error_ref_too_many_keys",
    "Closing tag missing for <code>&lt;references&gt;</code>": "cite_error_included_references",
    "has no name attribute": "cite_error_references_no_key",
    "no text was provided for refs named": "cite_error_references_no_text",
    "malformed or has a bad name": "cite_error_ref_no_key",
    "refs with no name must have content": "cite_error_ref_no_input",
}
CODES["cite_error_included_references"] = {"cite/references-nested"}
# These build a ref inside a ref through a template of the test file ({{refinref}}, {{CircularRef}});
# the checker reads the article's own wikitext and does not expand templates.
NEEDS_EXPANSION = {"Ref in ref: nested in top level ref", "CircularRef"}
# Sub-referencing (extends=) is off in both profiles (catalogue §2 note 1); of that file only the
# test that shows the attribute rejected by default applies.
BOOK_REFERENCING_DEFAULT = "Book Referencing attribute rejected by default"


def _php_errors(markup: str):
    for message in re.findall(r"Cite error: (.*?)</span>", markup):
        key = next((k for text, k in PHP_MESSAGES.items() if text in message), None)
        if key:
            yield key, None, {}


def _tests():
    for path in sorted(SPEC.glob("cite_*.txt")):
        source = path.read_text(encoding="utf-8")
        for chunk in re.split(r"^!! test\n", source, flags=re.M)[1:]:
            title = chunk.split("\n", 1)[0]
            sections = dict(re.findall(r"^!! ([\w/+-]+)\n(.*?)(?=^!! )", chunk, flags=re.M | re.S))
            if title in NEEDS_EXPANSION or (path.stem == "cite_bookReferencing" and title != BOOK_REFERENCING_DEFAULT):
                continue
            expected = [(k, n, a) for k, n, a in _errors(sections.get("html/parsoid", "")) if k in CODES]
            if not expected:
                expected = list(_php_errors(sections.get("html/php") or sections.get("html") or ""))
            if expected:
                yield pytest.param(sections["wikitext"], expected, id=f"{path.stem}:{title}")


def _tag_attrs(text: str, start: int) -> tuple[str, dict[str, str]]:
    m = re.match(r"<(references|ref)\b([^>]*?)/?>", text[start:], re.IGNORECASE)
    assert m, text[start : start + 40]
    attrs = {a.name.lower(): a.value or "" for a in _attributes(m.group(2), 0)}
    return m.group(1).lower(), attrs


@pytest.mark.parametrize(("wikitext", "expected"), list(_tests()))
def test_cite_parser_test_errors_are_found(wikitext, expected):
    found = run_checks(wikitext)
    for key, element, attrs in expected:
        if "follow" in attrs and f"follow:{key}" in CODES:
            key = f"follow:{key}"
        matches = []
        for d in found:
            if d.code not in CODES[key]:
                continue
            for start, _end in ((d.start, d.end), *d.related):
                if element is None and not attrs:
                    matches.append(d)  # a PHP-output expectation: the code is enough
                    break
                tag, tag_attrs = _tag_attrs(wikitext, start)
                if element in (tag, None) and all(tag_attrs.get(k, "") == v for k, v in attrs.items()):
                    matches.append(d)
        assert matches, f"{key} on <{element} {attrs}> not found; got {[(d.code, d.start) for d in found]}"


def test_the_parser_tests_are_there():
    assert len(list(_tests())) >= 35
