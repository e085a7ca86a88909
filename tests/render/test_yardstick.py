"""MediaWiki's parser tests (the yardstick of issue 4) must not regress below the floor."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

FLOOR = Path(__file__).parent / "yardstick_floor.json"


def test_yardstick_does_not_regress(shared_dir: Path) -> None:
    tool = shared_dir / "tools" / "parsertests.py"
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, str(tool), "--module", "viewer.api:render", "--jobs", "2"],
        cwd=root, capture_output=True, text=True, timeout=900,
    )
    out = run.stdout + run.stderr
    lenient = re.search(r"^lenient: (\d+)/(\d+) passed", out, re.M)
    strict = re.search(r"^strict: (\d+)/(\d+) passed", out, re.M)
    assert lenient and strict, out[-2000:]
    floor = json.loads(FLOOR.read_text())
    assert int(lenient.group(1)) >= floor["lenient"], out[-3000:]
    assert int(strict.group(1)) >= floor["strict"], out[-3000:]
    errors = re.search(r"errors:\s+(\d+)", out)
    assert errors is None or int(errors.group(1)) <= floor.get("errors", 0), out[-3000:]
