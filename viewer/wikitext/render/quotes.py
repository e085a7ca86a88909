"""Bold and italic from runs of apostrophes: MediaWiki's doAllQuotes balancing, line by line."""

from __future__ import annotations

import re

__all__ = ["do_all_quotes", "do_quotes"]

_RUNS = re.compile(r"('{2,})")


def do_all_quotes(text: str) -> str:
    if "''" not in text:
        return text
    # a table cell's soft line break (U+0007) bounds the balancing as a newline does
    return "\n".join(
        "\x07".join(do_quotes(part) if "''" in part else part for part in line.split("\x07"))
        if "''" in line else line
        for line in text.split("\n")
    )


def do_quotes(text: str) -> str:
    arr = _RUNS.split(text)
    if len(arr) == 1:
        return text
    bold = italics = 0
    for i in range(1, len(arr), 2):
        n = len(arr[i])
        if n == 4:  # an apostrophe, then bold
            arr[i - 1] += "'"
            arr[i] = "'''"
            n = 3
        elif n > 5:  # extra apostrophes are text, then bold italic
            arr[i - 1] += "'" * (n - 5)
            arr[i] = "'''''"
            n = 5
        if n == 2:
            italics += 1
        elif n == 3:
            bold += 1
        else:
            italics += 1
            bold += 1
    if bold % 2 and italics % 2:
        # one bold is really an apostrophe plus italics: prefer after a one-letter word,
        # then after a longer word, then after a space
        single = multi = space = -1
        for i in range(1, len(arr), 2):
            if len(arr[i]) != 3:
                continue
            before = arr[i - 1]
            x1 = before[-1:]
            x2 = before[-2:-1]
            if x1 == " ":
                if space == -1:
                    space = i
            elif x2 == " ":
                single = i
                break
            elif multi == -1:
                multi = i
        pick = single if single > -1 else multi if multi > -1 else space
        if pick > -1:
            arr[pick - 1] += "'"
            arr[pick] = "''"
    out: list[str] = []
    state = ""
    buffer = ""
    for i, r in enumerate(arr):
        if i % 2 == 0:
            if state == "both":
                buffer += r
            else:
                out.append(r)
            continue
        n = len(r)
        if n == 2:
            if state == "i":
                out.append("</i>"); state = ""
            elif state == "bi":
                out.append("</i>"); state = "b"
            elif state == "ib":
                out.append("</b></i><b>"); state = "b"
            elif state == "both":
                out.append("<b><i>" + buffer + "</i>"); state = "b"
            else:
                out.append("<i>"); state += "i"
        elif n == 3:
            if state == "b":
                out.append("</b>"); state = ""
            elif state == "bi":
                out.append("</i></b><i>"); state = "i"
            elif state == "ib":
                out.append("</b>"); state = "i"
            elif state == "both":
                out.append("<i><b>" + buffer + "</b>"); state = "i"
            else:
                out.append("<b>"); state += "b"
        elif n == 5:
            if state == "b":
                out.append("</b><i>"); state = "i"
            elif state == "i":
                out.append("</i><b>"); state = "b"
            elif state == "bi":
                out.append("</i></b>"); state = ""
            elif state == "ib":
                out.append("</b></i>"); state = ""
            elif state == "both":
                out.append("<i><b>" + buffer + "</b></i>"); state = ""
            else:
                buffer = ""
                state = "both"
    if state in ("b", "ib"):
        out.append("</b>")
    if state in ("i", "bi", "ib"):
        out.append("</i>")
    if state == "bi":
        out.append("</b>")
    if state == "both" and buffer:
        out.append("<b><i>" + buffer + "</i></b>")
    return "".join(out)
