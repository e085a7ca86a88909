"""``markup/``: broken markup around references, images and templates (catalogue §7).

Links are checked per paragraph (a link may wrap inside a paragraph but never across a blank
line); templates and ``<ref>`` tags by the model's scan, which pairs them as MediaWiki's
preprocessor does.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from viewer.wikitext.checks._registry import Hit, rule
from viewer.wikitext.diagnostics import Edit, Fix
from viewer.wikitext.limits import MAX_TEXT_CHARS

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")
_LINK_TOKEN = re.compile(r"\[\[|\]\]")
# a file link, its caption's own links included; found once per line (a per-stray search of
# the line before it was cubic on lines full of "]]")
_FILE_LINK_IN_LINE = re.compile(
    r"\[\[\s*(?:File|Image|文件|檔案|档案|图像|圖像)\s*:[^\[\]]*(?:\[\[[^\[\]]*\]\][^\[\]]*)*\]\]", re.IGNORECASE
)


def _link_strays(ctx) -> tuple[list[int], list[int]]:
    """(offsets of ``]]`` that close nothing, offsets of ``[[`` left open at a paragraph's end)."""
    if "link_strays" not in ctx.shared:
        masked = ctx.model.masked
        closes, opens = [], []
        starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(masked)]
        ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(masked)] + [len(masked)]
        for a, b in zip(starts, ends):
            stack = []
            for m in _LINK_TOKEN.finditer(masked, a, b):
                if m.group(0) == "[[":
                    stack.append(m.start())
                elif stack:
                    stack.pop()
                else:
                    closes.append(m.start())
            opens.extend(stack)
        ctx.shared["link_strays"] = (closes, opens)
    return ctx.shared["link_strays"]


@rule("markup/stray-link-close", "warning")
def stray_link_close(ctx) -> Iterator[Hit]:
    text = ctx.text
    file_link_ends: dict[int, list[int]] = {}  # line start -> ends of the line's file links
    for at in _link_strays(ctx)[0]:
        line_start = text.rfind("\n", 0, at) + 1
        if line_start not in file_link_ends:
            line_end = text.find("\n", at)
            line_end = len(text) if line_end < 0 else line_end
            file_link_ends[line_start] = [m.end() for m in _FILE_LINK_IN_LINE.finditer(text, line_start, line_end)]
        ends = file_link_ends[line_start]
        fixes = ()
        # [[File:X|thumb]]caption]]: the caption fell outside the file link that closed last before
        last = bisect.bisect_right(ends, at) - 1
        if last >= 0:
            caption_at = ends[last] - 2
            fixes = (Fix("Move the text into the file's caption", (Edit(caption_at, caption_at + 2, "|"),)),)
        yield Hit(at, at + 2, {"token": "]]"}, fixes=fixes)


@rule("markup/stray-link-open", "warning")
def stray_link_open(ctx) -> Iterator[Hit]:
    for at in _link_strays(ctx)[1]:
        yield Hit(at, at + 2, {"token": "[["})


def _strays(ctx, token: str):
    return (s for s in ctx.model.strays if s.token == token)


@rule("markup/stray-template-close", "warning")
def stray_template_close(ctx) -> Iterator[Hit]:
    for s in _strays(ctx, "}}"):
        yield Hit(s.start, s.end, {"token": "}}"})


@rule("markup/stray-ref-close", "error")
def stray_ref_close(ctx) -> Iterator[Hit]:
    for s in _strays(ctx, "</ref>"):
        yield Hit(s.start, s.end, {"token": "</ref>"})


@rule("markup/unclosed-ref", "error")
def unclosed_ref(ctx) -> Iterator[Hit]:
    for s in _strays(ctx, "<ref>"):
        # the citation that follows is where the close belongs
        after = next((t for t in ctx.model.templates if t.start >= s.end and t.depth == 0), None)
        fixes = ()
        if after is not None and ctx.text[s.end : after.start].strip() == "":
            fixes = (Fix("Add </ref> after the citation", (Edit(after.end, after.end, "</ref>"),)),)
        yield Hit(s.start, s.end, {"token": ctx.text[s.start : s.end]}, fixes=fixes)


@rule("markup/duplicate-template-arg", "warning")
def duplicate_template_arg(ctx) -> Iterator[Hit]:
    for t in ctx.model.templates:
        if t.key.startswith("#") or len(t.params) < 2:
            continue
        seen = {}
        for p in t.params:
            key = p.key
            if key in seen:
                first = seen[key]
                end = first.start + len(ctx.text[first.start : first.end].rstrip())
                yield Hit(first.start, end, {"template": t.name, "param": key}, ((p.start, p.end),),
                          (Fix("Remove the first (MediaWiki ignores it)", (Edit(first.start, first.end, ""),)),))
            seen[key] = p


@rule("markup/unclosed-comment", "error")
def unclosed_comment(ctx) -> Iterator[Hit]:
    """Not in the catalogue: an ``<!--`` never closed hides the rest of the page from the reader."""
    text = ctx.text
    at = text.find("<!--")
    while at != -1:
        end = text.find("-->", at + 4)
        if end == -1:
            line_end = text.find("\n", at)
            line_end = len(text) if line_end == -1 else line_end
            yield Hit(at, at + 4, {"hidden": len(text) - at},
                      fixes=(Fix("Close the comment at the end of its line", (Edit(line_end, line_end, " -->"),)),))
            return
        at = text.find("<!--", end + 3)


@rule("markup/too-long", "error")
def too_long(ctx) -> Iterator[Hit]:
    """Not in the catalogue: a text over the core's length limit is not checked. run_checks
    reports it without building the model (that is what would take minutes and gigabytes)."""
    if len(ctx.text) > MAX_TEXT_CHARS:
        yield Hit(0, len(ctx.text), {"length": len(ctx.text), "limit": MAX_TEXT_CHARS})
