"""WikiView's benchmarks: ``python bench/run.py [--json] [--only NAME]``.

Every ``bench/bench_*.py`` module has ``run(inputs) -> dict[str, float]``; this script runs them
all on the sample article and on the 1 MB text (the sample repeated 15 times), prints each
figure as it comes, and last one JSON object of all named figures (unit in the name).
A figure that cannot be measured yet is left out, never faked.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.resources import SAMPLE_ARTICLE  # noqa: E402


@dataclass(frozen=True)
class Inputs:
    seed: str  # the sample article
    mb: str  # the sample x15, about 1 MB of UTF-8


def best_of(func, repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs of ``func()``, in seconds (the least disturbed run)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def _in_own_process(name: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--only", name, "--json"],
        capture_output=True, text=True, check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        print(f"# {name}: failed\n{done.stderr[-2000:]}", file=sys.stderr)
        return {}
    if f"# {name}: failed" in done.stderr:  # the module ran but raised
        print(done.stderr[-2000:], file=sys.stderr, end="")
    return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print only the final JSON object")
    parser.add_argument("--only", help="run only bench_NAME.py")
    args = parser.parse_args()

    seed = SAMPLE_ARTICLE.read_text(encoding="utf-8")
    inputs = Inputs(seed=seed, mb="\n".join([seed] * 15))
    figures: dict[str, float] = {}
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        name = path.stem[len("bench_") :]
        if args.only and name != args.only:
            continue
        if not args.only:
            # each benchmark in a process of its own: one's leftovers (a window and its Chromium,
            # worker processes, a heap of a million objects) made the next ones 10-70 % slower
            result = _in_own_process(name)
            for key, value in result.items():
                figures[key] = value
                if not args.json:
                    print(f"{key:32} {value:.4f}")
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            result = module.run(inputs)
        except Exception:  # one broken benchmark must not hide the others' figures
            print(f"# {name}: failed\n{traceback.format_exc()}", file=sys.stderr)
            continue
        for key, value in result.items():
            figures[key] = round(value, 4)
            if not args.json:
                print(f"{key:32} {value:.4f}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
