"""The built-in template library: time spent inside template renderers while the sample renders
(their own work plus the argument wikitext they render through the context)."""

from __future__ import annotations

import time

from run import best_of

from viewer import api
from viewer.wikitext.render import templates


def _timed_render(text: str) -> tuple[float, int]:
    """(seconds inside top-level template renderers, number of calls) for one render. The
    registry's functions are wrapped in place for the run, whoever looks them up."""
    spent = [0.0, 0]
    depth = [0]

    def timed(renderer):
        def wrapper(call, ctx):
            depth[0] += 1
            start = time.perf_counter()
            try:
                return renderer(call, ctx)
            finally:
                depth[0] -= 1
                if depth[0] == 0:  # nested calls are inside their caller's time already
                    spent[0] += time.perf_counter() - start
                spent[1] += 1

        return wrapper

    templates.lookup("Main")  # load every module of the library
    exact, families = dict(templates._EXACT), list(templates._FAMILIES)
    templates._EXACT.update({name: timed(func) for name, func in exact.items()})
    templates._FAMILIES[:] = [(matches, timed(func)) for matches, func in families]
    try:
        api.render(text)
    finally:
        templates._EXACT.clear()
        templates._EXACT.update(exact)
        templates._FAMILIES[:] = families
    return spent[0], spent[1]


def run(inputs) -> dict[str, float]:
    seconds, calls = min((_timed_render(inputs.seed) for _ in range(3)), key=lambda r: r[0])
    whole = best_of(lambda: api.render(inputs.seed), repeat=3)
    return {
        "templates_seed_ms": round(seconds * 1000, 2),
        "template_calls_seed": float(calls),
        "templates_share_of_seed_render": round(seconds / whole, 3),
    }
