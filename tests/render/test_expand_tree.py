"""The expander's tree builder gives mwparserfromhell's tree, node for node."""

from __future__ import annotations

import re

import mwparserfromhell
import pytest
from mwparserfromhell.nodes import Node
from mwparserfromhell.nodes.extras import Attribute, Parameter
from mwparserfromhell.wikicode import Wikicode

from viewer.wikitext.preprocess import _tree

_SNIPPETS = [
    "",
    "plain",
    "{{a}}{{b|c}}{{d|e=f|g|h=i=j|k}}{{ {{n}} |x}}",
    "{{{a}}}{{{b|c}}}{{{d|e|f}}}{{{{{g}}}|h}}",
    "[[a]][[b|c]][[d|e|f]][[File:x.png|thumb|[[link]] caption]]",
    "[http://x.org] [http://y.org text] http://z.org [//a.b c]",
    "&amp;&#123;&#x1F;&bogus;",
    "== h ==\n=== h3 ===\ntext\n",
    "<!-- c -->a<!-- unclosed",
    '<ref name="a" group=b>x</ref><ref name=c/><br/><br><div class=\'d\' id = "e">f</div>',
    "<nowiki>{{a}}</nowiki><pre>x</pre><span\n style=\"a\">b</span ><b>c</ b>",
    "{|\n|a||b\n|-\n!c\n|}",
    "''i'' '''b''' ; d : e\n* l\n# n\n----",
    "{{a|<ref>{{b|[[c|d]]}}</ref>}}",
    "{{a|b}",
    "[[a|{{b}}]]{{c|[[d]]}}]]",
]


def _same(got, want, path: str = "tree") -> None:
    base = type(got).__mro__[1] if type(got).__module__ == _tree.__name__ else type(got)
    assert base is type(want), path
    if isinstance(got, (Wikicode, Node, Attribute, Parameter)):
        assert str(got) == str(want), path  # the text computed while building, or the class's
        mine = {k: v for k, v in vars(got).items() if k != "_wv_text"}
        assert set(mine) == set(vars(want)), path
        for key, value in mine.items():
            _same(value, vars(want)[key], f"{path}.{key}")
    elif isinstance(got, list):
        assert len(got) == len(want), path
        for i, (a, b) in enumerate(zip(got, want)):
            _same(a, b, f"{path}[{i}]")
    else:
        assert got == want, path


def _texts(sample: str, shared) -> list[str]:
    texts = list(_SNIPPETS) + [sample]
    for path in sorted((shared / "spec" / "parsertests").glob("*.txt")):
        texts += re.findall(r"^!! wikitext\n(.*?)^!! ", path.read_text(encoding="utf-8"), re.S | re.M)
    return texts


@pytest.mark.parametrize("skip_style_tags", [True, False])
def test_tree_is_mwparserfromhells(sample_text, shared_dir, skip_style_tags):
    texts = _texts(sample_text, shared_dir)
    assert len(texts) > 500
    for text in texts:
        want = mwparserfromhell.parse(text, skip_style_tags=skip_style_tags)
        got = _tree.parse(text, skip_style_tags)
        _same(got, want)
        assert str(got) == str(want)


def test_tree_keeps_its_text():
    code = _tree.parse("{{a|b=[[c|d]]}}")
    template = code.nodes[0]
    first = str(template)
    assert first == "{{a|b=[[c|d]]}}"
    assert str(template) is first  # computed once: the expander asks at every level
