"""Paragraphs, lists and indented pre: MediaWiki's BlockLevelPass, one line at a time.

Every element it opens carries ``data-wv-src`` from the line it opens on to the last line
that gave it content (lines are aligned with their source spans by the caller). A line that
is exactly ``SKIP_LINE`` stands for a line an earlier pass removed (a category link's).
"""

from __future__ import annotations

import re

from viewer.wikitext.render.spans import PendingSpans

__all__ = ["do_block_levels", "SKIP_LINE", "MARKER_PRE"]

SKIP_LINE = "\x04"
MARKER_PRE = "\x7fUNIQ--pre-"  # strip markers of <pre> count as block-level (MediaWiki's rule)

_BLOCK_ELEMS = "table|h1|h2|h3|h4|h5|h6|pre|p|ul|ol|dl"  # suppress p and pre inside, not outside
_ANTI_BLOCK = "td|th"  # suppress outside, not inside
_OPEN_MATCH = re.compile(r"<(?:(?:%s)|/(?:%s)|/?(?:tr|caption|dt|dd|li))\b" % (_BLOCK_ELEMS, _ANTI_BLOCK), re.I)
_CLOSE_MATCH = re.compile(
    r"<(?:/(?:%s)|(?:%s)|/?(?:center|blockquote|div|hr|mw:|aside|figure|section|nav|header|footer|address|article|details|summary|figcaption))\b"
    % (_BLOCK_ELEMS, _ANTI_BLOCK)
    + r"|" + re.escape(MARKER_PRE) + r"|\x7fUNIQ--(?:references|block)-",
    re.I,
)
LINE_MARK_OPEN, LINE_MARK_CLOSE = "\ue016", "\ue017"
_LOOSE = re.compile("<[^>]*>|\x7fUNIQ--(?:block|pre|references)-\\d+-QINU\x7f|\ue016\\d+\ue017")
_BLOCKQUOTE = re.compile(r"<(/?)blockquote[\s>]", re.I)
_STYLE_ONLY = re.compile(r"^(?:<style\b[^>]*>.*?</style>\s*|<link\b[^>]*>\s*)+$", re.I)


class _Pass:
    def __init__(self, spans: PendingSpans, line_spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.line_spans = line_spans
        self.out: list[str] = []
        self.last_paragraph = ""
        self.dt_open = False
        self.in_pre = False
        self.stack: list[int] = []  # span ids of the open elements, innermost last
        self.line = 0
        self.content_end = 0

    # -- element helpers: every opening tag gets a span, every closing tag ends one
    def open(self, tag: str) -> str:
        start = self.line_spans[self.line][0] if self.line < len(self.line_spans) else self.content_end
        attr = self.spans.attr(start, self.content_end if self.content_end > start else start)
        self.stack.append(self.spans.last_id())
        return f"<{tag}{attr}>"

    def close(self, tag: str) -> str:
        if self.stack:
            self.spans.close(self.stack.pop(), self.content_end)
        return f"</{tag}>"

    def touch(self) -> None:
        """The current line gave content to every open element."""
        if self.line < len(self.line_spans):
            self.content_end = self.line_spans[self.line][1]
            for ident in self.stack:
                self.spans.close(ident, self.content_end)

    def close_paragraph(self, at_end: bool = False) -> str:
        result = ""
        if self.last_paragraph:
            result = self.close(self.last_paragraph)
            if not at_end:
                result += "\n"
        self.in_pre = False
        self.last_paragraph = ""
        return result

    def open_list(self, char: str) -> str:
        result = self.close_paragraph()
        if char == "*":
            result += self.open("ul") + self.open("li")
        elif char == "#":
            result += self.open("ol") + self.open("li")
        elif char == ":":
            result += self.open("dl") + self.open("dd")
        elif char == ";":
            result += self.open("dl") + self.open("dt")
            self.dt_open = True
        return result

    def next_item(self, char: str) -> str:
        if char in "*#":
            return self.close("li") + "\n" + self.open("li")
        if char in ":;":
            close = self.close("dt" if self.dt_open else "dd") + "\n"
            if char == ";":
                self.dt_open = True
                return close + self.open("dt")
            self.dt_open = False
            return close + self.open("dd")
        return ""

    def close_list(self, char: str) -> str:
        if char == "*":
            return self.close("li") + self.close("ul")
        if char == "#":
            return self.close("li") + self.close("ol")
        if char == ":":
            if self.dt_open:
                self.dt_open = False
                return self.close("dt") + self.close("dl")
            return self.close("dd") + self.close("dl")
        return ""


def find_colon_no_links(text: str) -> int:
    """Where a ``;term : definition`` line splits: the first colon at tag depth 0, outside
    ``-{ }-`` (BlockLevelPass::findColonNoLinks); -1 if none."""
    depth = 0
    lc = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if lc:
            if text.startswith("-{", i):
                lc += 1
                i += 2
                continue
            if text.startswith("}-", i):
                lc -= 1
                i += 2
                continue
            i += 1
            continue
        if text.startswith("-{", i):
            lc += 1
            i += 2
            continue
        if c == ":":
            if depth == 0:
                return i
        elif c == "<":
            if text.startswith("<!--", i):
                end = text.find("-->", i + 4)
                if end < 0:
                    return -1
                i = end + 3
                continue
            end = text.find(">", i + 1)
            if end < 0:
                return -1
            tag = text[i + 1:end]
            if tag.startswith("/"):
                depth = max(0, depth - 1)
            elif not tag.endswith("/"):
                depth += 1
            i = end + 1
            continue
        i += 1
    return -1


def do_block_levels(text: str, spans: PendingSpans, line_spans: list[tuple[int, int]]) -> str:
    p = _Pass(spans, line_spans)
    out = p.out
    last_prefix = ""
    pending_p: str | bool = False
    in_block_elem = False
    in_blockquote = False
    prefix_length = 0
    prefix2 = ""
    lines = text.split("\n")
    n_lines = len(lines)
    for index, input_line in enumerate(lines):
        p.line = index
        if input_line == SKIP_LINE:
            continue
        last_prefix_length = len(last_prefix)
        pre_close = "</pre" in input_line.lower()
        pre_open = "<pre" in input_line.lower()
        if not p.in_pre:
            prefix_length = len(input_line) - len(input_line.lstrip("*#:;"))
            prefix = input_line[:prefix_length]
            prefix2 = prefix.replace(";", ":")
            t = input_line[prefix_length:]
            p.in_pre = pre_open
        else:
            prefix_length = 0
            prefix = prefix2 = ""
            t = input_line
        if prefix_length and last_prefix == prefix2:
            out.append(p.next_item(prefix[-1]))
            pending_p = False
            if prefix[-1] == ";":
                colon = find_colon_no_links(t)
                if colon >= 0:
                    term, t = t[:colon], t[colon + 1:]
                    out.append(_trim(term) + p.next_item(":"))
        elif prefix_length or last_prefix_length:
            common = 0
            while common < min(prefix_length, len(last_prefix)) and prefix[common] == last_prefix[common]:
                common += 1
            pending_p = False
            while common < last_prefix_length:
                out.append(p.close_list(last_prefix[last_prefix_length - 1]))
                last_prefix_length -= 1
            if prefix_length <= common and common > 0:
                out.append(p.next_item(prefix[common - 1]))
            if p.dt_open and common > 0 and prefix[common - 1] == ":":
                out.append(p.next_item(":"))
            if last_prefix and prefix_length > common:
                out.append("\n")
            while prefix_length > common:
                char = prefix[common]
                out.append(p.open_list(char))
                if char == ";":
                    colon = find_colon_no_links(t)
                    if colon >= 0:
                        term, t = t[:colon], t[colon + 1:]
                        out.append(_trim(term) + p.next_item(":"))
                common += 1
            if not prefix_length and last_prefix:
                out.append("\n")
            last_prefix = prefix2
        if prefix_length == 0:
            open_match = _OPEN_MATCH.search(t)
            close_match = _CLOSE_MATCH.search(t)
            if open_match or close_match:
                if _LOOSE.sub("", t).strip():
                    # text beside a block tag: the p-wrap pass will wrap it, and this mark
                    # gives that paragraph the line's span
                    span = p.line_spans[index] if index < len(p.line_spans) else (0, 0)
                    p.spans.attr(*span)
                    t = f"{LINE_MARK_OPEN}{p.spans.last_id()}{LINE_MARK_CLOSE}" + t
                pending_p = False
                if not p.in_pre or pre_open:
                    out.append(p.close_paragraph())
                if pre_open and not pre_close:
                    p.in_pre = True
                for bq in _BLOCKQUOTE.finditer(t):
                    in_blockquote = not bq.group(1)
                in_block_elem = not close_match
            elif not in_block_elem and not p.in_pre:
                if t[:1] == " " and (p.last_paragraph == "pre" or _trim(t) != "") and not in_blockquote:
                    if p.last_paragraph != "pre":
                        pending_p = False
                        out.append(p.close_paragraph() + p.open("pre"))
                        p.last_paragraph = "pre"
                    t = t[1:]
                elif _STYLE_ONLY.match(t):
                    if pending_p:
                        out.append(p.close_paragraph())
                        pending_p = False
                        p.last_paragraph = ""
                else:
                    if _trim(t) == "":
                        if pending_p:
                            out.append(_pending(p, pending_p) + "<br />")
                            pending_p = False
                            p.last_paragraph = "p"
                        elif p.last_paragraph != "p":
                            out.append(p.close_paragraph())
                            pending_p = "<p>"
                        else:
                            pending_p = "</p><p>"
                    elif pending_p:
                        out.append(_pending(p, pending_p))
                        pending_p = False
                        p.last_paragraph = "p"
                    elif p.last_paragraph != "p":
                        out.append(p.close_paragraph() + p.open("p"))
                        p.last_paragraph = "p"
        if pre_close and p.in_pre:
            p.in_pre = False
        if pending_p is False:
            if t.strip():
                p.touch()
            if prefix_length == 0:
                out.append(t)
                if index < n_lines - 1 or p.last_paragraph:
                    out.append("\n")
            else:
                out.append(_trim(t))
    while prefix_length:
        out.append(p.close_list(prefix2[prefix_length - 1]))
        prefix_length -= 1
        if not prefix_length:
            out.append("\n")
    if p.last_paragraph:
        out.append(p.close(p.last_paragraph))
        p.last_paragraph = ""
    return "".join(out)


def _trim(s: str) -> str:
    """PHP's trim: ASCII blanks only (a no-break space is content)."""
    return s.strip(" \t\n\r\0\x0b")


def _pending(p: _Pass, pending: str) -> str:
    """The held-back paragraph break, opened now that a line of text follows."""
    if pending == "</p><p>":
        return p.close("p") + p.open("p")
    return p.open("p")
