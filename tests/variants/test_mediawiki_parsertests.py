"""MediaWiki's language-converter parser tests, through viewer.api.render.

Every test of the yardstick's langconv category that uses ``-{ }-`` markup or comes from
``langParserTests.txt``, compared as ``../shared/tools/parsertests.py`` compares (lenient),
except the ones listed in ``data/parsertests_elsewhere.txt``: what they test is not the
converter's (the preprocessor's bracket rules, heading fallback ids, Cite's number format,
a Balinese transliterator), and each line says whose it is.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from viewer.api import render

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
FILES = ("langParserTests.txt", "parserTests.txt", "cite_citeParserTests.txt")
ELSEWHERE = {
    line.split("\t")[0]
    for line in (Path(__file__).parent / "data" / "parsertests_elsewhere.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
}


def _tool():
    spec = importlib.util.spec_from_file_location("parsertests_tool", SHARED / "tools" / "parsertests.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("parsertests_tool", module)
    spec.loader.exec_module(module)
    return module


def _cases():
    if not SHARED.is_dir():  # collected before fixtures: fail in the test, not here
        return [pytest.param(None, id="shared-folder-missing")]
    tool = _tool()
    yardstick = json.loads((SHARED / "spec" / "parsertests" / "mediawiki-1.39-lenient-pass.json").read_text())
    wanted = {(y["file"], y["name"]) for y in yardstick if y["category"] == "langconv"}
    cases = []
    for name in FILES:
        tests, articles, _options = tool.read_test_file(str(SHARED / "spec" / "parsertests" / name))
        for test in tests:
            source = tool.wikitext(test) or ""
            if (name, test.name) not in wanted or test.name in ELSEWHERE:
                continue
            if "-{" in source or name.startswith("lang"):
                cases.append(pytest.param((tool, test, dict(articles)), id=f"{name}:{test.name}"))
    return cases


@pytest.mark.parametrize("case", _cases())
def test_language_converter_parser_test(case):
    assert case is not None, f"the team's shared folder is expected at {SHARED}"
    tool, test, pages = case
    title, lang, variant = tool.test_env(test)
    got = render(tool.wikitext(test), title=title, lang=lang, variant=variant or None, pages=pages)
    expected = tool.legacy_html(test)
    assert tool.normalize(got, True) == tool.normalize(expected, True)
