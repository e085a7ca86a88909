"""The one table of check rules: code, default severity, source key, options, and the function."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from viewer.wikitext.diagnostics import SEVERITIES, Fix, Severity

__all__ = ["Hit", "Rule", "RULES", "rule"]


@dataclass(frozen=True)
class Hit:
    """What a rule found; the runner turns it into a Diagnostic with the message built in one place."""

    start: int
    end: int
    data: dict[str, Any] = field(default_factory=dict)
    related: tuple[tuple[int, int], ...] = ()
    fixes: tuple[Fix, ...] = ()
    source_key: str | None = None  # when the wiki's own key depends on the case (e.g. a suggestion)


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    func: Callable[[Any], Iterator[Hit]]
    source_key: str = ""
    enabled: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    # "part": the rule looks at one citation or template at a time, so its findings on a text are
    # its findings on each part of it (parse.chunk_cuts) and can be cached per part; "text": it
    # compares things across the text (names, anchors, duplicates) and runs on the whole
    scope: str = "text"

    @property
    def family(self) -> str:
        return self.code.split("/", 1)[0]


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity, *, source_key: str = "", enabled: bool = True, scope: str = "text",
         **options: Any):
    """Register the decorated generator ``func(ctx) -> Iterator[Hit]`` under ``code``."""
    if severity not in SEVERITIES:
        raise ValueError(f"rule {code}: severity must be one of {SEVERITIES}, not {severity!r}")
    if scope not in ("part", "text"):
        raise ValueError(f"rule {code}: scope must be 'part' or 'text', not {scope!r}")

    def register(func):
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        RULES[code] = Rule(code, severity, func, source_key, enabled, dict(options), scope)
        return func

    return register
