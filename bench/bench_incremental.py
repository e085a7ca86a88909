"""Re-rendering after a keystroke with IncrementalRenderer, as the preview does while typing.

``seed_rerender_edit_s`` and ``mb_rerender_edit_s``: one character typed into a paragraph (at
"在几小时内", in the middle copy of the 1 MB text), the renderer having rendered the text before
the keystroke; best of five keystrokes typed one after the other. ``mb_incremental_first_s``:
the first render of the 1 MB text by a new IncrementalRenderer (render_page's work plus the
cutting and caching).
"""

from __future__ import annotations

import time

from viewer.wikitext.render.incremental import IncrementalRenderer
from viewer.wikitext.render.result import RenderOptions

WHERE = "在几小时内"


def _typing(text: str, at: int, options: RenderOptions) -> tuple[float, float]:
    """(first render, best keystroke) in seconds."""
    renderer = IncrementalRenderer()
    start = time.perf_counter()
    renderer.render(text, options)
    first = time.perf_counter() - start
    best = float("inf")
    typed = ""
    for char in "abcde":
        typed += char
        edited = text[:at] + typed + text[at:]
        start = time.perf_counter()
        renderer.render(edited, options)
        best = min(best, time.perf_counter() - start)
    return first, best


def run(inputs) -> dict[str, float]:
    options = RenderOptions(title="纳戈尔诺-卡拉巴赫战争", lang="zh")
    _first, seed = _typing(inputs.seed, inputs.seed.index(WHERE), options)
    starts = [i for i in range(len(inputs.mb)) if inputs.mb.startswith(WHERE, i)]
    first, mb = _typing(inputs.mb, starts[len(starts) // 2], options)
    return {"seed_rerender_edit_s": seed, "mb_rerender_edit_s": mb, "mb_incremental_first_s": first}
