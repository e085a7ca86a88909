"""Wiki tables (``{| |- | || ! !! |+ |}``) to HTML, line by line as MediaWiki's doTableStuff.

One output line per input line, so the source spans of lines stay aligned; every table, row
and cell carries ``data-wv-src`` from its first line to its last.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from viewer.wikitext.render.spans import PendingSpans

__all__ = ["do_table_stuff"]

_OPEN = re.compile(r"^(:*)\s*\{\|(.*)$")


_TAGS = re.compile(r"<[^>]*>")


def _outside_tags(text: str, func) -> str:
    """``func`` applied to the text between tags (StringUtils::replaceMarkup)."""
    out, pos = [], 0
    for m in _TAGS.finditer(text):
        out.append(func(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(func(text[pos:]))
    return "".join(out)


def _split_outside_tags(text: str, sep: str) -> list[str]:
    """``text`` split on ``sep`` where it is not inside a tag (StringUtils::explodeMarkup)."""
    parts, cur, pos = [], [], 0
    for m in _TAGS.finditer(text):
        pieces = text[pos:m.start()].split(sep)
        cur.append(pieces[0])
        for piece in pieces[1:]:
            parts.append("".join(cur))
            cur = [piece]
        cur.append(m.group(0))
        pos = m.end()
    pieces = text[pos:].split(sep)
    cur.append(pieces[0])
    for piece in pieces[1:]:
        parts.append("".join(cur))
        cur = [piece]
    parts.append("".join(cur))
    return parts


def do_table_stuff(lines: list[str], line_spans: list[tuple[int, int]], attrs: Callable[[str, str], str],
                   spans: PendingSpans) -> list[str]:
    out: list[str] = []
    td_history: list[bool] = []
    last_tag_history: list[str] = []
    tr_history: list[bool] = []
    tr_attributes: list[str] = []
    has_opened_tr: list[bool] = []
    indent_level = 0
    # open elements' span ids, to close them on the line where they end
    table_ids: list[int] = []
    tr_ids: list[int | None] = []
    cell_ids: list[int | None] = []
    tr_start: list[int] = []
    prev_end = 0

    def close_cell(end: int) -> None:
        if cell_ids and cell_ids[-1] is not None:
            spans.close(cell_ids[-1], end)

    def close_row(end: int) -> None:
        if tr_ids and tr_ids[-1] is not None:
            spans.close(tr_ids[-1], end)

    for index, out_line in enumerate(lines):
        span = line_spans[index] if index < len(line_spans) else (prev_end, prev_end)
        line = out_line.strip(" \t\n\r\0\x0b")
        if not line:
            out.append(out_line)
            continue
        first_char = line[0]
        first_two = line[:2]
        m = _OPEN.match(line)
        if m:
            indent_level = len(m.group(1))
            table_attrs = attrs("table", m.group(2))
            out_line = "<dl><dd>" * indent_level + f"<table{table_attrs}{spans.attr(span[0], span[1])}>"
            table_ids.append(spans.last_id())
            td_history.append(False)
            last_tag_history.append("")
            tr_history.append(False)
            tr_attributes.append("")
            has_opened_tr.append(False)
            tr_ids.append(None)
            cell_ids.append(None)
            tr_start.append(span[0])
        elif not td_history:
            out.append(out_line)
            prev_end = span[1]
            continue
        elif first_two == "|}":
            line = "</table>" + line[2:]
            last_tag = last_tag_history.pop()
            if not has_opened_tr.pop():
                line = "<tr><td></td></tr>" + line
            if tr_history.pop():
                line = "</tr>" + line
            if td_history.pop():
                line = f"</{last_tag}>" + line
            tr_attributes.pop()
            close_cell(prev_end)
            close_row(prev_end)
            spans.close(table_ids.pop(), span[1])
            tr_ids.pop()
            cell_ids.pop()
            tr_start.pop()
            out_line = line + "</dd></dl>" * indent_level
        elif first_two == "|-":
            line = re.sub(r"^\|-+", "", line)
            row_attrs = attrs("tr", line)
            tr_attributes.pop()
            tr_attributes.append(row_attrs)
            line = ""
            last_tag = last_tag_history.pop()
            has_opened_tr.pop()
            has_opened_tr.append(True)
            if tr_history.pop():
                line = "</tr>"
            if td_history.pop():
                line = f"</{last_tag}>" + line
            close_cell(prev_end)
            close_row(prev_end)
            cell_ids[-1] = None
            tr_ids[-1] = None
            tr_start[-1] = span[0]
            out_line = line
            tr_history.append(False)
            td_history.append(False)
            last_tag_history.append("")
        elif first_char in "|!" or first_two == "|+":
            if first_two == "|+":
                first_char = "+"
                line = line[2:]
            else:
                line = line[1:]
            if first_char == "!":
                line = _outside_tags(line, lambda part: part.replace("!!", "||"))
            cells = _split_outside_tags(line, "||")
            out_line = ""
            for cell in cells:
                previous = ""
                if first_char != "+":
                    tr_after = tr_attributes.pop()
                    if not tr_history.pop():
                        previous = f"<tr{tr_after}{spans.attr(tr_start[-1], span[1])}>"
                        tr_ids[-1] = spans.last_id()
                    tr_history.append(True)
                    tr_attributes.append("")
                    has_opened_tr.pop()
                    has_opened_tr.append(True)
                last_tag = last_tag_history.pop()
                if td_history.pop():
                    previous = f"</{last_tag}>\x07" + previous
                    close_cell(prev_end if out_line == "" else span[1])
                last_tag = {"|": "td", "!": "th", "+": "caption"}.get(first_char, "")
                last_tag_history.append(last_tag)
                cell_data = cell.split("|", 1)
                src = spans.attr(span[0], span[1])
                cell_ids[-1] = spans.last_id()
                if "[[" in cell_data[0]:
                    cell = f"{previous}<{last_tag}{src}>" + cell.strip(" \t\n\r\0\x0b")
                elif len(cell_data) == 1:
                    cell = f"{previous}<{last_tag}{src}>" + cell_data[0].strip(" \t\n\r\0\x0b")
                else:
                    cell_attrs = attrs(last_tag, cell_data[0])
                    cell = f"{previous}<{last_tag}{cell_attrs}{src}>" + cell_data[1].strip(" \t\n\r\0\x0b")
                out_line += cell
                td_history.append(True)
        if tr_ids and tr_ids[-1] is not None:
            spans.close(tr_ids[-1], span[1])
        if cell_ids and cell_ids[-1] is not None:
            spans.close(cell_ids[-1], span[1])
        if table_ids:
            spans.close(table_ids[-1], span[1])
        out.append(out_line)
        prev_end = span[1]
    # close what is still open, on the last line
    tail = ""
    while td_history:
        if td_history.pop():
            tail += "</td>"
        if tr_history.pop():
            tail += "</tr>"
        if not has_opened_tr.pop():
            tail += "<tr><td></td></tr>"
        tail += "</table>"
    if tail:
        if re.sub(r' data-wv-src="[^"]*"|\n', "", "".join(out)) == "<table>" and tail == "<tr><td></td></tr></table>":
            return [""] * len(out)  # MediaWiki drops an unclosed table with nothing in it
        out.append(tail)  # on a line of its own after the text, as MediaWiki appends it
    return out
