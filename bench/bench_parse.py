"""Parsing and the outline, beside mwparserfromhell's own parse of the same text."""

from __future__ import annotations

import mwparserfromhell

from run import best_of

from viewer.wikitext.outline import build_outline
from viewer.wikitext.parse import PARTS


def cold_outline(text: str):
    PARTS.clear()  # the cold figure: no part parsed before
    return build_outline(text)


def run(inputs) -> dict[str, float]:
    return {
        "mwph_parse_seed_s": best_of(lambda: mwparserfromhell.parse(inputs.seed)),
        "mwph_parse_mb_s": best_of(lambda: mwparserfromhell.parse(inputs.mb), repeat=3),
        "outline_seed_s": best_of(lambda: cold_outline(inputs.seed)),
        "outline_mb_s": best_of(lambda: cold_outline(inputs.mb), repeat=3),
    }
