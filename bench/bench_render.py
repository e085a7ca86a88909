"""Rendering the sample and the 1 MB text, beside mwparserfromhell's parse of the same sample."""

from __future__ import annotations

import mwparserfromhell

from run import best_of

from viewer.wikitext.render.html import render_page
from viewer.wikitext.render.result import RenderOptions


def run(inputs) -> dict[str, float]:
    options = RenderOptions(title="纳戈尔诺-卡拉巴赫战争", lang="zh")
    seed_render = best_of(lambda: render_page(inputs.seed, options))
    mwph_seed = best_of(lambda: mwparserfromhell.parse(inputs.seed))
    return {
        "seed_render_s": seed_render,
        "mb_render_s": best_of(lambda: render_page(inputs.mb, options), repeat=2),
        "render_vs_mwph": seed_render / mwph_seed,
    }
