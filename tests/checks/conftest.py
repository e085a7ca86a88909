"""Helpers the check tests share."""

from __future__ import annotations

import pytest


def _span_ok(text: str, d) -> bool:
    """§1.1 span defaults: what a finding's span slices to, by family."""
    piece = text[d.start : d.end]
    if d.family == "cite":
        return piece.lower().startswith(("<ref", "<references", "{{"))
    if d.family == "sfn":
        return piece.startswith("{{") and piece.endswith("}}")
    if d.family == "cs1":
        # a |param=value segment naming the parameter, or the template's name when something is absent
        param = d.data.get("param")
        return (piece.startswith("|") and (param is None or param in piece)) or (piece.strip() == piece and "|" not in piece)
    return bool(piece)


@pytest.fixture
def span_ok():
    return _span_ok
