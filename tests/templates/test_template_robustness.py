"""Every built-in renderer takes any arguments an editor may write without raising, and never
writes an argument into the HTML raw."""

from __future__ import annotations

import pytest
from template_harness import FakeContext

from viewer.wikitext.render.templates import Arg, TemplateCall, lookup, registered_names

HOSTILE = '<script>alert(1)</script>"\'&'

ARGUMENT_SETS = {
    "none": {},
    "blank": {"1": "", "2": " ", "title": "", "url": ""},
    "positional": {"1": "x", "2": "-1", "3": "99999999999999999999", "4": "𨭎", "5": "N", "6": "E"},
    "named": {"title": "t", "url": "javascript:alert(1)", "date": "2024-13-45", "year": "abc", "size": "999999px",
              "p": "5", "pp": "1–2", "last": "A", "first": "B", "isbn": "x", "archiveurl": "//a", "type": "x"},
    "hostile": {"1": HOSTILE, "2": HOSTILE, "3": HOSTILE, "title": HOSTILE, "name": HOSTILE, "text": HOSTILE,
                "date": HOSTILE, "url": HOSTILE, "last": HOSTILE, "lang": HOSTILE, "group": HOSTILE,
                "image": HOSTILE, "caption": HOSTILE, "style": HOSTILE, "ref": HOSTILE},
}


def _call(name: str, args: dict[str, str]) -> TemplateCall:
    return TemplateCall(name=name, args={k: Arg(v, None) for k, v in args.items()}, order=tuple(args))


@pytest.mark.parametrize("args", list(ARGUMENT_SETS), ids=list(ARGUMENT_SETS))
@pytest.mark.parametrize("name", registered_names() + ["Cite Something", "Lang-ru", "Ru icon", "Link-fr",
                                                       "Infobox new", "Campaignbox X", "X Topics", "Expand German", "ARM",
                                                       "Armenia-stub"])
def test_renderer_never_raises_and_escapes(name, args):
    renderer = lookup(name)
    assert renderer is not None
    for lang in ("zh", "en"):
        out = renderer(_call(name, ARGUMENT_SETS[args]), FakeContext(lang=lang))
        assert isinstance(out, str)
        assert "<script" not in out
        assert 'href="javascript:' not in out.lower()
