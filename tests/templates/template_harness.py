"""Test harness: a small fake of the HTML renderer's TemplateContext, and golden-file loading.

The fake renders inline wikitext just enough for golden tests: HTML-escaped text, ''italic'',
'''bold''', [[links]] and [external links]; refs and reference lists are recorded and shown
as simple markers so tests can see what a template registered.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

import mwparserfromhell

from viewer.wikitext.render.templates import Arg, TemplateCall, lookup, normalize_name

GOLDEN = Path(__file__).resolve().parent / "golden"

_LINK = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]*))?\]\]")
_EXT = re.compile(r"\[((?:https?:)?//[^\s\]]+)(?: ([^\]]*))?\]")
_BOLD = re.compile(r"'''(.+?)'''")
_ITALIC = re.compile(r"''(.+?)''")


def fake_inline(text: str) -> str:
    out = html.escape(str(text), quote=False)
    out = _LINK.sub(lambda m: f'<a href="/wiki/{m.group(1)}">{m.group(2) if m.group(2) is not None else m.group(1)}</a>', out)
    out = _EXT.sub(lambda m: f'<a class="external" href="{m.group(1)}">{m.group(2) or "[1]"}</a>', out)
    out = _BOLD.sub(r"<b>\1</b>", out)
    out = _ITALIC.sub(r"<i>\1</i>", out)
    return out


@dataclass
class FakeContext:
    title: str = "Main Page"
    lang: str = "zh"
    variant: str | None = None
    refs: list[tuple[str, str | None, str]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def inline(self, wikitext: str) -> str:
        return fake_inline(wikitext)

    def block(self, wikitext: str) -> str:
        return fake_inline(str(wikitext).strip())

    def ref(self, content: str, *, name: str | None = None, group: str = "") -> str:
        # the marker shows what was registered, so golden files can check the footnote itself
        self.refs.append((str(content), name, group))
        attrs = (f' data-name="{html.escape(name)}"' if name else "") + (f' data-group="{html.escape(group)}"' if group else "")
        return f'<sup class="reference"{attrs}>[{fake_inline(content)}]</sup>'

    def references(self, group: str = "", *, columns: str | None = None, refs: str = "") -> str:
        return (f'<div class="reflist" data-group="{html.escape(group)}" data-columns="{html.escape(columns or "")}">'
                f"{fake_inline(refs)}</div>")

    def add_category(self, name: str, sort_key: str | None = None) -> None:
        self.categories.append(name)

    def error(self, code: str, message: str) -> str:
        self.errors.append(code)
        return f'<span class="error wv-error" data-code="{code}">{html.escape(message)}</span>'

    def expand(self, wikitext: str) -> str:
        return str(wikitext)


def call_from_wikitext(text: str) -> TemplateCall:
    """The TemplateCall of the first template in ``text``, as the renderer builds it."""
    code = mwparserfromhell.parse(text)
    template = code.filter_templates(recursive=False)[0]
    start = text.index(str(template))
    args: dict[str, Arg] = {}
    order: list[str] = []
    pos = start + 2 + len(str(template.name))
    for param in template.params:
        pos += 1  # the pipe
        name = str(param.name).strip()
        if param.showkey:
            value_offset = pos + len(str(param.name)) + 1
            raw = str(param.value)
            lead = len(raw) - len(raw.lstrip())
            value = Arg(raw.strip(), value_offset + lead)
            pos = value_offset + len(raw)
        else:
            value = Arg(str(param.value), pos)
            pos += len(str(param.value))
        args[name] = value
        if name in order:
            order.remove(name)
        order.append(name)
    raw_name = str(template.name)
    return TemplateCall(
        name=normalize_name(raw_name),
        args=args,
        order=tuple(order),
        span=(start, start + len(str(template))),
        raw_name=raw_name,
    )


def render_call(text: str, ctx: FakeContext | None = None) -> str:
    ctx = ctx or FakeContext()
    call = call_from_wikitext(text)
    renderer = lookup(call.name)
    assert renderer is not None, f"no built-in renderer for {call.name!r}"
    return renderer(call, ctx)


@dataclass(frozen=True)
class GoldenCase:
    file: str
    title: str
    lang: str
    wikitext: str
    expected: str

    @property
    def id(self) -> str:
        return f"{self.file}:{self.title}"


def load_golden() -> list[GoldenCase]:
    """Cases from ``golden/*.txt``: ``### title [lang=en]``, the wikitext, a line ``---``,
    the expected HTML (one or more lines, joined without newlines)."""
    cases = []
    for path in sorted(GOLDEN.glob("*.txt")):
        chunks = re.split(r"^### ", path.read_text(encoding="utf-8"), flags=re.M)[1:]
        for chunk in chunks:
            header, _, body = chunk.partition("\n")
            wikitext, sep, expected = body.partition("\n---\n")
            assert sep, f"{path.name}: case {header!r} has no --- line"
            lang = "zh"
            match = re.search(r"\[lang=(\w+)\]", header)
            if match:
                lang = match.group(1)
                header = header[: match.start()]
            lines = expected.strip("\n").splitlines()
            # one line is kept exactly (a trailing space can matter); several are indented HTML
            expected = lines[0] if len(lines) == 1 else "".join(line.strip() for line in lines)
            cases.append(GoldenCase(path.stem, header.strip(), lang, wikitext.strip("\n"), expected))
    return cases

