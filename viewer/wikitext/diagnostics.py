"""A diagnostic is a value: code, severity, message and the source span it is about."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (0-based code-point offsets)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """A quick fix: a label a person reads and the edits that carry it out (never applied unasked)."""

    label: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Diagnostic:
    """One finding. ``start``/``end`` are 0-based code-point offsets into the text, end exclusive."""

    code: str
    severity: Severity
    message: str
    start: int
    end: int
    source_key: str = ""
    related: tuple[tuple[int, int], ...] = ()
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    fixes: tuple[Fix, ...] = ()

    @property
    def family(self) -> str:
        return self.code.split("/", 1)[0]
