"""Every wikitext of MediaWiki's parser tests (``../shared/spec/parsertests``), lexed line by line,
types each non-blank character as lexing the whole text does, but for the documented case that
needs later lines (a ``{{{`` whose ``|`` or ``}}}`` is on a later line), and never raises."""

from __future__ import annotations

import importlib.util
import sys

from tests.highlight.conftest import line_types, whole_text_types

# parser tests whose wikitext holds a "{{{" whose "|" or "}}}" is on a later line: whether it opens
# a parameter only later lines decide (see viewer/wikitext/highlight.py)
LATER_LINES_DECIDE = {
    "Build table with {{!}}",
    "Unsubstituted template argument with newlines",
    "Orphaned table row wikitext with templated table for an attribute should not duplicate table",
    "Extension tag in templated tag attribute",
    "Fuzz testing: Parser25 (T8055)",
}


def _tool(shared_dir):
    spec = importlib.util.spec_from_file_location("parsertests_tool", shared_dir / "tools" / "parsertests.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("parsertests_tool", module)
    spec.loader.exec_module(module)
    return module


def _inputs(shared_dir) -> list[tuple[str, str]]:
    tool = _tool(shared_dir)
    inputs = []
    for path in sorted((shared_dir / "spec" / "parsertests").glob("*.txt")):
        if path.name == "SOURCES.txt":
            continue
        tests, articles, _ = tool.read_test_file(str(path))
        inputs += [(test.name, tool.wikitext(test)) for test in tests if tool.wikitext(test)]
        inputs += [(f"article {name}", text) for name, text in articles]
    return inputs


def test_parser_test_inputs_lex_line_by_line_as_whole(shared_dir):
    inputs = _inputs(shared_dir)
    assert len(inputs) > 2000
    differing = set()
    for name, text in inputs:
        whole, by_line = whole_text_types(text), line_types(text)
        if any(a != b for a, b, char in zip(whole, by_line, text, strict=True) if not char.isspace()):
            differing.add(name)
    assert differing <= LATER_LINES_DECIDE, sorted(differing - LATER_LINES_DECIDE)
