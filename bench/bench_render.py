"""Rendering the sample and the 1 MB text, beside mwparserfromhell's parse of the same sample.

``seed_render_s`` and ``mb_render_s`` are cold renders (the parse cache emptied first);
``seed_rerender_s`` renders the unchanged sample again, as the preview does after an edit
elsewhere (unchanged sections' trees come from the cache).
"""

from __future__ import annotations

import mwparserfromhell

from run import best_of

from viewer.wikitext.preprocess import expand
from viewer.wikitext.render.html import render_page
from viewer.wikitext.render.result import RenderOptions


def _cold(text: str, options: RenderOptions):
    def run() -> None:
        expand._PARSED.clear()
        render_page(text, options)

    return run


def run(inputs) -> dict[str, float]:
    options = RenderOptions(title="纳戈尔诺-卡拉巴赫战争", lang="zh")
    render_page(inputs.seed, options)  # imports and the template library loaded once
    seed_render = best_of(_cold(inputs.seed, options))
    seed_rerender = best_of(lambda: render_page(inputs.seed, options))
    mwph_seed = best_of(lambda: mwparserfromhell.parse(inputs.seed))
    return {
        "seed_render_s": seed_render,
        "seed_rerender_s": seed_rerender,
        "mb_render_s": best_of(_cold(inputs.mb, options), repeat=2),
        "render_vs_mwph": seed_render / mwph_seed,
    }
