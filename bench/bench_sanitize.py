"""The sanitizer's share of a render: the final nh3 pass over a whole body, and attribute checks."""

from __future__ import annotations

from run import best_of

from viewer import api
from viewer.wikitext.render.sanitize import check_css, final_pass, sanitize_attributes

_ATTRS = ' class="wikitable sortable" style="width:100%; background:#f8f9fa; border:1px solid #a2a9b1" id="x y" onclick="x" data-sort-value="12"'


def run(inputs) -> dict[str, float]:
    seed_body = api.render(inputs.seed)
    mb_body = api.render(inputs.mb)
    return {
        "final_pass_seed_s": best_of(lambda: final_pass(seed_body)),
        "final_pass_mb_s": best_of(lambda: final_pass(mb_body), repeat=3),
        "final_pass_mb_share": best_of(lambda: final_pass(mb_body), repeat=3) / best_of(lambda: api.render(inputs.mb), repeat=1),
        "sanitize_attributes_10k_s": best_of(lambda: [sanitize_attributes("table", _ATTRS) for _ in range(10_000)]),
        "check_css_10k_s": best_of(lambda: [check_css("color:red; background:u\\72l(x) /* c */") for _ in range(10_000)]),
    }
