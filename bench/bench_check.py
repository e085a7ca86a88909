"""Citation and markup checks (every rule, zh profile) on the sample and on the 1 MB text."""

from __future__ import annotations

from run import best_of

from viewer.wikitext.checks import model_for, run_checks


def run(inputs) -> dict[str, float]:
    return {
        "check_seed_s": best_of(lambda: run_checks(inputs.seed)),
        "check_mb_s": best_of(lambda: run_checks(inputs.mb), repeat=3),
        "check_model_mb_s": best_of(lambda: model_for(inputs.mb), repeat=3),
    }
