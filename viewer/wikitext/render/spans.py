"""Source spans that are known only when an element closes: placeholders filled at the end."""

from __future__ import annotations

import re

__all__ = ["PendingSpans"]

_PLACEHOLDER = re.compile("\x03(\\d+)\x03")


class PendingSpans:
    """``open(start)`` gives a ``data-wv-src`` attribute whose end is set by ``close``."""

    def __init__(self) -> None:
        self._spans: list[list[int]] = []

    def attr(self, start: int, end: int | None = None) -> str:
        self._spans.append([start, start if end is None else end])
        return f' data-wv-src="\x03{len(self._spans) - 1}\x03"'

    def last_id(self) -> int:
        return len(self._spans) - 1

    def close(self, ident: int, end: int) -> None:
        span = self._spans[ident]
        span[1] = max(span[1], end, span[0])

    def fill(self, html: str) -> str:
        if "\x03" not in html:
            return html

        def value(m: re.Match) -> str:
            s, e = self._spans[int(m.group(1))]
            return f"{s}-{max(s, e)}"

        return _PLACEHOLDER.sub(value, html)
