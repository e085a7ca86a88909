"""``cite/``: the errors MediaWiki's Cite extension reports (catalogue §2), one rule each.

Every rule marks the opening ``<ref …>`` or ``<references …>`` tag. Unlike MediaWiki, which stops
at a ref's first fatal error, each rule judges on its own, so a ref may have several findings
(as Parsoid lists them in its ``data-mw`` errors).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace

from viewer.wikitext.checks._registry import Hit, rule
from viewer.wikitext.checks._util import levenshtein
from viewer.wikitext.citations import LIST_ATTRIBUTES, Ref
from viewer.wikitext.diagnostics import Edit, Fix

REF_ATTRIBUTES = ("name", "group", "follow", "dir")
VALID_DIRS = ("ltr", "rtl", "auto")


def cite_refs(ctx) -> list[Ref]:
    """The refs Cite sees by name: tags, ``{{#tag:ref}}`` and ref templates, not sfn footnotes."""
    shared = ctx.shared
    if "cite_refs" not in shared:
        sfn = ctx.profile.tables.sfn_templates
        shared["cite_refs"] = [r for r in ctx.model.refs if not (r.kind == "template" and r.template in sfn)]
    return shared["cite_refs"]


def segment(ctx, r: Ref) -> int:
    """Which rendering of its group a ref belongs to: each list flushes the refs of its group
    collected so far, so the same name before and after a list is two different notes."""
    if r.is_ldr:
        return r.list_index
    if "list_starts" not in ctx.shared:
        starts: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for i, lst in enumerate(ctx.model.lists):
            if not lst.valid:
                continue
            starts[lst.group][0].append(lst.start)
            starts[lst.group][1].append(i)
        ctx.shared["list_starts"] = starts
    offsets, indexes = ctx.shared["list_starts"].get(r.group, ([], []))
    at = bisect.bisect_left(offsets, r.end)
    return indexes[at] if at < len(indexes) else len(ctx.model.lists)


def by_key(ctx) -> dict[tuple[str, str, int], list[Ref]]:
    """Named refs grouped by (group, name, list segment), in source order."""
    shared = ctx.shared
    if "refs_by_key" not in shared:
        groups: dict[tuple[str, str, int], list[Ref]] = defaultdict(list)
        for r in cite_refs(ctx):
            if r.name is not None:
                groups[(r.group, r.name, segment(ctx, r))].append(r)
        shared["refs_by_key"] = groups
    return shared["refs_by_key"]


def _tag(r: Ref) -> tuple[int, int]:
    return r.start, r.open_end


def _data(r: Ref, **more) -> dict:
    return {"name": r.name or "", "group": r.group, **more}


@rule("cite/no-text", "error", source_key="cite_error_references_no_text")
def no_text(ctx) -> Iterator[Hit]:
    defined = [(g, n, rs) for (g, n, _s), rs in by_key(ctx).items() if any(r.has_text for r in rs)]
    for (group, name, _segment), refs in by_key(ctx).items():
        if any(r.has_text for r in refs):
            continue
        first = refs[0]
        fixes = _rename_fixes(ctx, name, group, refs, defined)
        key = "cite_warning_sectionpreview_no_text" if ctx.config.section_preview else None
        yield Hit(*_tag(first), _data(first, uses=len(refs)), tuple(_tag(r) for r in refs[1:]), fixes, key)


def _rename_fixes(ctx, name: str, group: str, uses: list[Ref], defined) -> tuple[Fix, ...]:
    """A rename to a similar defined name (§2 cite/no-text), else "Insert definition"."""
    cache = ctx.shared.setdefault("rename_candidates", {})
    if (group, name) not in cache:
        squash = re.sub(r"[\s_]+", "", name).lower()
        lowered = name.lower()
        found = []
        for g, other, lasts in _defined_names(ctx, defined):
            if g != group:
                continue
            if re.sub(r"[\s_]+", "", other).lower() == squash or levenshtein(name, other, 2) <= 2:
                found.append(other)
            elif any(len(last) >= 3 and lowered.startswith(last) for last in lasts):
                found.append(other)
        cache[(group, name)] = found
    candidates = cache[(group, name)]
    fixes = []
    for other in dict.fromkeys(candidates):
        edits = tuple(Edit(a.start, a.end, f'name="{other}"') if r.kind == "tag" else Edit(a.value_start, a.value_end, other)
                      for r in uses for a in r.attrs if a.name.lower() == "name")
        if edits:
            fixes.append(Fix(f'Rename to "{other}"', edits))
    if not fixes:
        first = uses[0]
        tag = ctx.text[first.start:first.open_end]
        opening = re.sub(r"\s*/>$", ">", tag)
        fixes.append(Fix("Insert definition", (Edit(first.start, first.end, opening + "</ref>"),)))
    return tuple(fixes)


def _defined_names(ctx, defined) -> list[tuple[str, str, list[str]]]:
    """(group, name, lower-cased last names of its citations) of every defined name, once per run."""
    if "defined_names" not in ctx.shared:
        found = []
        for g, n, refs in defined:
            lasts = []
            for r in refs:
                for c in citations_of(ctx, r):
                    t = c.template
                    lasts.append((t.get("last") or t.get("last1") or t.get("surname") or "").lower())
            found.append((g, n, lasts))
        ctx.shared["defined_names"] = found
    return ctx.shared["defined_names"]


def citations_of(ctx, r: Ref) -> list:
    """The CS1 citations inside ``r``, from an index built once per run."""
    if "citations_by_ref" not in ctx.shared:
        index = {id(x): i for i, x in enumerate(ctx.model.refs)}
        by_ref: dict[int, list] = defaultdict(list)
        for c in ctx.model.citations:
            if c.ref is not None:
                by_ref[c.ref].append(c)
        ctx.shared["citations_by_ref"] = (index, by_ref)
    index, by_ref = ctx.shared["citations_by_ref"]
    return by_ref.get(index.get(id(r)), [])


@rule("cite/duplicate-key", "error", source_key="cite_error_references_duplicate_key")
def duplicate_key(ctx) -> Iterator[Hit]:
    follows: dict[tuple[str, str, int], list[Ref]] = defaultdict(list)
    for r in cite_refs(ctx):
        if r.follow is not None and r.name is None and r.has_text:
            follows[(r.group, r.follow, segment(ctx, r))].append(r)
    for key, refs in by_key(ctx).items():
        name = key[1]
        defs = [r for r in refs if r.has_text]
        # REL1_39 appends a follow ref's text to an earlier-used parent that has no text yet.
        if refs and (not defs or defs[0].start > refs[0].start):
            limit = defs[0].start if defs else len(ctx.text)
            early = [f for f in follows.get(key, ()) if refs[0].start < f.start < limit]
            defs = early[:1] + defs
        for r in defs[1:]:
            if r.content != defs[0].content:
                fix = Fix(f'Keep the first definition; turn this one into <ref name="{name}" />',
                          (Edit(r.start, r.end, _reuse_tag(r)),))
                yield Hit(*_tag(r), _data(r), (_tag(defs[0]),), (fix,))


def _reuse_tag(r: Ref) -> str:
    group = f' group="{r.group}"' if r.group and not r.is_ldr else ""
    return f'<ref name="{r.name}"{group} />'


@rule("cite/no-input", "error", source_key="cite_error_ref_no_input")
def no_input(ctx) -> Iterator[Hit]:
    for r in cite_refs(ctx):
        if r.kind != "template" and r.name is None and r.follow is None and r.content is not None and not r.has_text and not r.is_ldr:
            yield Hit(*_tag(r), _data(r), fixes=(Fix("Delete the empty ref", (Edit(r.start, r.end, ""),)),))


@rule("cite/no-key", "error", source_key="cite_error_ref_no_key")
def no_key(ctx) -> Iterator[Hit]:
    for r in cite_refs(ctx):
        if r.kind == "tag" and r.content is None and r.name is None and r.follow is None and not r.is_ldr:
            yield Hit(*_tag(r), _data(r), fixes=(Fix("Delete the tag", (Edit(r.start, r.end, ""),)),))


_DIGITS = re.compile(r"[0-9]+")


@rule("cite/numeric-name", "error", source_key="cite_error_ref_numeric_key")
def numeric_name(ctx) -> Iterator[Hit]:
    for r in cite_refs(ctx):
        for attr in ("name", "follow"):
            value = getattr(r, attr)
            if value is not None and _DIGITS.fullmatch(value):
                yield Hit(*_tag(r), _data(r, attribute=attr, value=value))
                break


@rule("cite/invalid-attribute", "error", source_key="cite_error_ref_too_many_keys")
def invalid_attribute(ctx) -> Iterator[Hit]:
    for r in cite_refs(ctx):
        if r.kind != "tag":
            continue
        for a in r.attrs:
            attr = a.name.lower()
            if attr in REF_ATTRIBUTES:
                continue
            suggestion = _closest(attr, REF_ATTRIBUTES)
            fixes = ()
            if suggestion and a.value is not None:
                fixes = (Fix(f"Rename the attribute to {suggestion}", (Edit(a.start, a.start + len(a.name), suggestion),)),)
            elif a.value is None:
                fixes = _quote_name_fix(ctx, r)
            yield Hit(*_tag(r), _data(r, attribute=a.name, suggestion=suggestion or ""),
                      fixes=fixes,
                      source_key="cite_error_ref_parameter_suggestion" if suggestion else None)


def _closest(word: str, choices) -> str:
    best = ""
    for c in choices:
        d = levenshtein(word, c)
        if d <= max(1, len(c) // 2) and (not best or d < levenshtein(word, best)):
            best = c
    return best


def _quote_name_fix(ctx, r: Ref) -> tuple[Fix, ...]:
    """``<ref name=Foo Bar>``: quote everything from the name's value to the end of the tag."""
    tag = ctx.text[r.start:r.open_end]
    m = re.match(r"(<ref\s+name\s*=\s*)([^\"'][^>]*?)(\s*/?>)$", tag, re.IGNORECASE)
    if not m:
        return ()
    return (Fix("Quote the name", (Edit(r.start, r.open_end, f'{m.group(1)}"{m.group(2).strip()}"{m.group(3)}'),)),)


@rule("cite/follow-conflict", "error", source_key="cite_error_ref_follow_conflicts")
def follow_conflict(ctx) -> Iterator[Hit]:
    for r in cite_refs(ctx):
        if r.follow is not None and (r.name is not None or any(a.name.lower() == "details" for a in r.attrs)):
            edits = tuple(Edit(a.start, a.end, "") for a in r.attrs if a.name.lower() in ("name", "details"))
            yield Hit(*_tag(r), _data(r, follow=r.follow), fixes=(Fix("Remove name", edits),))


@rule("cite/invalid-dir", "warning", source_key="cite_error_ref_invalid_dir")
def invalid_dir(ctx) -> Iterator[Hit]:
    for r in cite_refs(ctx):
        for a in r.attrs:
            if a.name.lower() == "dir" and (a.value or "").lower() not in VALID_DIRS:
                yield Hit(*_tag(r), _data(r, value=a.value or ""), fixes=(Fix("Remove dir", (Edit(a.start, a.end, ""),)),))


@rule("cite/conflicting-dir", "warning", source_key="cite_error_ref_conflicting_dir")
def conflicting_dir(ctx) -> Iterator[Hit]:
    for refs in by_key(ctx).values():
        first = next((r for r in refs if r.dir), None)
        for r in refs:
            if first is not None and r is not first and r.dir and r.dir.lower() != first.dir.lower():
                edits = tuple(Edit(a.start, a.end, "") for a in r.attrs if a.name.lower() == "dir")
                yield Hit(*_tag(r), _data(r, value=r.dir), (_tag(first),), (Fix("Remove the later dir", edits),))


_PAIRED_OR_COMMENT = re.compile(r"<(\w+)[^>]*>.*?</\1\s*>|<!--.*?-->", re.DOTALL)
_INNER_OPEN = re.compile(r"<ref\b[^<]*?>|<references\b", re.IGNORECASE)


@rule("cite/unclosed", "error", source_key="cite_error_included_ref")
def unclosed(ctx) -> Iterator[Hit]:
    for r in cite_refs(ctx):
        if r.kind == "template" or not r.content or "<" not in r.content:
            continue
        # MediaWiki's own heuristic: an opening tag left after paired tags and comments are removed.
        stripped = _PAIRED_OR_COMMENT.sub(lambda m: " " * len(m.group(0)), r.content)
        m = _INNER_OPEN.search(stripped)
        if m:
            at = r.content_start + m.start()
            yield Hit(*_tag(r), _data(r), fixes=(Fix("Insert </ref> before the inner <ref", (Edit(at, at, "</ref>"),)),))


@rule("cite/group-without-list", "error", source_key="cite_error_group_refs_without_references")
def group_without_list(ctx) -> Iterator[Hit]:
    lists = ctx.model.lists
    orphans: dict[str, list[Ref]] = defaultdict(list)
    for r in cite_refs(ctx):
        if not r.group or (r.is_ldr and lists[r.list_index].group == r.group):
            continue
        # an LDR of another group's list, or a ref with no list of its group after it
        if segment(ctx, replace(r, list_index=None)) == len(lists):
            orphans[r.group].append(r)
    for group, refs in orphans.items():
        at = len(ctx.text)
        fix = Fix(f"Append {{{{reflist|group={group}}}}} under a 注释 heading",
                  (Edit(at, at, f"\n\n== 注释 ==\n{{{{reflist|group={group}}}}}\n"),))
        yield Hit(*_tag(refs[0]), {"group": group, "name": refs[0].name or ""}, tuple(_tag(r) for r in refs[1:]), (fix,))


def _ldrs(ctx) -> Iterator[Ref]:
    return (r for r in cite_refs(ctx) if r.is_ldr)


@rule("cite/ldr-unused", "error", source_key="cite_error_references_missing_key")
def ldr_unused(ctx) -> Iterator[Hit]:
    keys = by_key(ctx)
    for r in _ldrs(ctx):
        if r.name is None:
            continue
        lst = ctx.model.lists[r.list_index]
        if not any(u.start < lst.start and not u.is_ldr for u in keys.get((r.group, r.name, r.list_index), ())):
            yield Hit(*_tag(r), _data(r), fixes=(Fix("Delete the list-defined ref", (Edit(r.start, r.end, ""),)),))


@rule("cite/ldr-no-name", "error", source_key="cite_error_references_no_key")
def ldr_no_name(ctx) -> Iterator[Hit]:
    for r in _ldrs(ctx):
        if r.name is None:
            yield Hit(*_tag(r), _data(r))


@rule("cite/ldr-empty", "error", source_key="cite_error_empty_references_define")
def ldr_empty(ctx) -> Iterator[Hit]:
    for r in _ldrs(ctx):
        if r.name is not None and not r.has_text:
            yield Hit(*_tag(r), _data(r))


@rule("cite/ldr-group-mismatch", "error", source_key="cite_error_references_group_mismatch")
def ldr_group_mismatch(ctx) -> Iterator[Hit]:
    for r in _ldrs(ctx):
        lst = ctx.model.lists[r.list_index]
        if r.group != lst.group:
            edits = tuple(Edit(a.start, a.end, "") for a in r.attrs if a.name.lower() == "group")
            yield Hit(*_tag(r), _data(r), fixes=(Fix("Remove the ref's group", edits),))


@rule("cite/references-invalid-attribute", "error", source_key="cite_error_references_invalid_parameters")
def references_invalid_attribute(ctx) -> Iterator[Hit]:
    for lst in ctx.model.lists:
        if lst.kind == "template":
            continue
        for a in lst.attrs:
            if a.name.lower() not in LIST_ATTRIBUTES:
                yield Hit(lst.start, lst.open_end, {"attribute": a.name, "group": lst.group},
                          fixes=(Fix(f"Remove {a.name}", (Edit(a.start, a.end, ""),)),))


_NESTED_LIST = re.compile(r"<references\b", re.IGNORECASE)


@rule("cite/references-nested", "error", source_key="cite_error_included_references")
def references_nested(ctx) -> Iterator[Hit]:
    for lst in ctx.model.lists:
        if lst.kind != "template" and lst.body_start >= 0 and _NESTED_LIST.search(ctx.model.masked, lst.body_start, lst.body_end):
            yield Hit(lst.start, lst.open_end, {"group": lst.group})
