"""The README keeps its promises: the two set-up commands, and the list of built-in templates."""

from __future__ import annotations

import re
from pathlib import Path

from viewer.wikitext.render.templates import registered_names

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
CI_RUN = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")


def test_every_built_in_template_is_listed_and_no_other():
    section = README.split("## Built-in templates", 1)[1].split("\n## ", 1)[0]
    listed = set()
    for line in re.findall(r"^- \*\*\w+\*\* \(\d+\): (.+)$", section, re.M):
        listed.update(re.findall(r"`([^`]+)`", line))
    assert listed == set(registered_names())


def test_ci_runs_exactly_the_readme_test_command():
    commands = re.findall(r"^(bash \.ci/setup.*?)\s+#", README, re.M)
    assert len(commands) == 2
    test_command = commands[1].strip()
    assert test_command.endswith("-m pytest")
    assert CI_RUN.rstrip().splitlines()[-1] == test_command
