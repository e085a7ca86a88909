"""Parsing and the outline, beside mwparserfromhell's own parse of the same text."""

from __future__ import annotations

import mwparserfromhell

from run import best_of

from viewer.wikitext.outline import build_outline


def run(inputs) -> dict[str, float]:
    return {
        "mwph_parse_seed_s": best_of(lambda: mwparserfromhell.parse(inputs.seed)),
        "mwph_parse_mb_s": best_of(lambda: mwparserfromhell.parse(inputs.mb), repeat=3),
        "outline_seed_s": best_of(lambda: build_outline(inputs.seed)),
        "outline_mb_s": best_of(lambda: build_outline(inputs.mb), repeat=3),
    }
