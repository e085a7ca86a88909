"""Chinese variants: the 1 MB text rendered in zh-tw against the unconverted render, and the
wikitext conversion of ``wikiview convert``.

- ``variant_mb_s``: ``viewer.api.render(mb, variant="zh-tw")``; ``variant_mb_ratio`` that over
  the render with no variant chosen (target <= 1.5). Left out while the renderer cannot run.
- ``convert_html_mb_s``: ``convert_html`` alone, into zh-tw, on the 1 MB text escaped into
  paragraphs (a stand-in for rendered HTML, so the converter's own cost shows without the
  renderer's).
- ``convert_mb_s``: ``convert_wikitext(mb, "zh-tw")``.
"""

from __future__ import annotations

import html

from run import best_of

from viewer.wikitext.variants import convert_html, convert_text, convert_wikitext


def _render_figures(inputs) -> dict[str, float]:
    try:
        from viewer.api import render

        render(inputs.seed, variant="zh-tw")  # the renderer works at all, and caches warm
    except Exception:  # not built yet: leave the figures out rather than fake them
        return {}
    plain = best_of(lambda: render(inputs.mb), repeat=3)
    converted = best_of(lambda: render(inputs.mb, variant="zh-tw"), repeat=3)
    return {"variant_mb_s": converted, "render_mb_plain_s": plain, "variant_mb_ratio": converted / plain}


def run(inputs) -> dict[str, float]:
    convert_text("预热", "zh-tw")  # OpenCC builds its converter once per configuration
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in inputs.mb.splitlines())
    figures = {
        "convert_html_mb_s": best_of(lambda: convert_html(paragraphs, "zh-tw"), repeat=3),
        "convert_mb_s": best_of(lambda: convert_wikitext(inputs.mb, "zh-tw"), repeat=3),
    }
    figures.update(_render_figures(inputs))
    return figures
