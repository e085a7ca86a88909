"""``ref/``: extra checks on reference structure and content (catalogue §3; MediaWiki reports none)."""

from __future__ import annotations

from collections.abc import Iterator

from viewer.wikitext.checks._registry import Hit, rule
from viewer.wikitext.checks.cite import by_key, cite_refs


@rule("ref/follow-before-parent", "warning")
def follow_before_parent(ctx) -> Iterator[Hit]:
    keys = by_key(ctx)
    parents: dict[tuple[str, str], list] = {}
    for (group, name, _segment), refs in keys.items():
        parents.setdefault((group, name), []).extend(r for r in refs if r.has_text)
    for r in cite_refs(ctx):
        if r.follow is None or r.name is not None:
            continue
        defs = parents.get((r.group, r.follow), [])
        inline = [p for p in defs if not p.is_ldr and p.start < r.start]
        if not inline:
            related = tuple((p.start, p.open_end) for p in defs[:1])
            yield Hit(r.start, r.open_end, {"name": r.follow, "group": r.group}, related)
