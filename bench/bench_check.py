"""Citation and markup checks (every rule, zh profile) on the sample and on the 1 MB text; and
``analysis.inspect`` (outline + checks) after a one-character edit, its part caches warm, as the
GUI's worker runs it while a person types."""

from __future__ import annotations

import itertools

from run import best_of

from viewer.wikitext.analysis import inspect
from viewer.wikitext.checks import model_for, run_checks


def inspect_after_edit(text: str, at: int, repeat: int = 5) -> float:
    """Best time of inspect on ``text`` with one character typed at ``at``, a different one each
    run (so the edited part is never cached), after inspecting ``text`` itself."""
    inspect(text)
    chars = (chr(0x4E00 + k) for k in itertools.count())
    return best_of(lambda: inspect(text[:at] + next(chars) + text[at:]), repeat=repeat)


def run(inputs) -> dict[str, float]:
    at = inputs.seed.index("在几小时内")  # in a paragraph of the sample; in the 1 MB text, of its middle copy
    middle = inputs.mb.index(inputs.seed, 7 * len(inputs.seed))  # the 8th of 15 copies
    return {
        "check_seed_s": best_of(lambda: run_checks(inputs.seed)),
        "check_mb_s": best_of(lambda: run_checks(inputs.mb), repeat=3),
        "check_model_mb_s": best_of(lambda: model_for(inputs.mb), repeat=3),
        "seed_inspect_edit_s": inspect_after_edit(inputs.seed, at),
        "mb_inspect_edit_s": inspect_after_edit(inputs.mb, middle + at),
    }
