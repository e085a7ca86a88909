"""Small helpers several rule families share."""

from __future__ import annotations

__all__ = ["levenshtein"]


def levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance of ``a`` and ``b``; with ``limit``, any value above it may be returned as limit+1."""
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
