"""``sfn/``: short footnotes and their CITEREF targets (catalogue §5, Module:Footnotes).

Every rule marks the whole ``{{sfn…}}`` call (or, for rules about citations, the citation).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from viewer.wikitext.checks._registry import Hit, rule
from viewer.wikitext.citations import Citation, Template, citation_anchor, footnote_anchors, is_year, ref_value_anchor
from viewer.wikitext.diagnostics import Edit, Fix


@dataclass(frozen=True)
class Footnote:
    template: Template
    anchor: str
    year: str


def footnotes(ctx) -> list[Footnote]:
    shared = ctx.shared
    if "footnotes" not in shared:
        names = set(ctx.profile.templates["harv_templates"]) | set(ctx.profile.templates["sfn_templates"])
        multi = set(ctx.profile.templates["sfnm_templates"])
        found = []
        for t in ctx.model.templates:
            if t.key in names:
                for anchor, year in footnote_anchors(t, t.key in multi):
                    found.append(Footnote(t, anchor, year))
        shared["footnotes"] = found
    return shared["footnotes"]


def targets(ctx) -> dict[str, list[tuple[int, int, Citation | None]]]:
    """Every CITEREF anchor on the page -> the spans (and citations) that carry it."""
    shared = ctx.shared
    if "targets" not in shared:
        found: dict[str, list] = defaultdict(list)
        for c in ctx.model.citations:
            anchor = citation_anchor(c.template)
            if anchor:
                found[anchor].append((c.template.start, c.template.end, c))
        anchor_templates = set(ctx.profile.templates["anchor_templates"])
        for t in ctx.model.templates:
            if t.key in anchor_templates:
                for p in t.params:
                    if p.name in ("ref", "id") or (p.name is None and p.value.strip().startswith("CITEREF")):
                        anchor = ref_value_anchor(p.value) if p.name == "ref" else p.value.strip()
                        if anchor:
                            found[anchor].append((t.start, t.end, None))
        shared["targets"] = found
    return shared["targets"]


@rule("sfn/no-target", "error", whitelist=())
def no_target(ctx) -> Iterator[Hit]:
    whitelist = set(ctx.options("sfn/no-target")["whitelist"])
    anchors = targets(ctx)
    for f in footnotes(ctx):
        if f.anchor in anchors or f.anchor in whitelist or (f.template.get("ignore-err") or "").lower() == "yes":
            continue
        t = f.template
        yield Hit(t.start, t.end, {"anchor": f.anchor, "template": t.name.strip().lower()}, fixes=_no_target_fixes(ctx, f, anchors))


def _no_target_fixes(ctx, f: Footnote, anchors) -> tuple[Fix, ...]:
    near = [a for a in anchors if _near(f.anchor, a)] if len(anchors) < 200 else _near_indexed(ctx, f.anchor, anchors)
    fixes = []
    for a in near[:3]:
        fixes.append(Fix(f"Point at {a}", _retarget(f, a)))
    if not fixes:
        t = f.template
        names = [p.value.strip() for p in t.positional if p.value.strip() and p.value.strip() != f.year]
        stub = "* {{cite book|last=%s|year=%s|title=}}\n" % (names[0] if names else "", f.year)
        if "bibliography_end" not in ctx.shared:
            ctx.shared["bibliography_end"] = _bibliography_end(ctx)
        at = ctx.shared["bibliography_end"]
        fixes.append(Fix("Add full citation to 参考书目", (Edit(at, at, stub if at < len(ctx.text) else "\n== 参考书目 ==\n" + stub),)))
    return tuple(fixes)


def _bibliography_end(ctx) -> int:
    m = re.search(r"^==+\s*(?:参考书目|參考書目|书目|Bibliography)\s*==+[^\n]*\n", ctx.text, re.M)
    if not m:
        return len(ctx.text)
    nxt = re.compile(r"^==", re.M).search(ctx.text, m.end())
    return nxt.start() if nxt else len(ctx.text)


def _retarget(f: Footnote, anchor: str) -> tuple[Edit, ...]:
    """Rewrite the year (the usual difference) to the target's."""
    t = f.template
    m = re.search(r"(\d{3,4}[a-z]?)$", anchor)
    year_param = next((p for p in reversed(t.positional) if p.value.strip() == f.year), None)
    if m and year_param is not None and f.year:
        return (Edit(year_param.value_start, year_param.value_end, m.group(1)),)
    return ()


def _near_indexed(ctx, anchor: str, anchors) -> list[str]:
    """:func:`_near` over many anchors: only those sharing the name part or the year are compared."""
    if "anchor_index" not in ctx.shared:
        index: dict[str, list[str]] = defaultdict(list)
        for a in anchors:
            name, year = _core(a)
            index[name.lower()].append(a)
            index[year].append(a)
        ctx.shared["anchor_index"] = index
    name, year = _core(anchor)
    pool = dict.fromkeys(ctx.shared["anchor_index"].get(name.lower(), []) + ctx.shared["anchor_index"].get(year, []))
    return [a for a in pool if _near(anchor, a)]


def _core(anchor: str) -> tuple[str, str]:
    m = re.match(r"^(CITEREF.*?)(\d{3,4})([a-z]?)$", anchor)
    return (m.group(1), m.group(2)) if m else (anchor, "")


def _near(a: str, b: str) -> bool:
    """Differs only in case, the year letter, the year by one, or the order of names."""
    if a.lower() == b.lower():
        return True
    (na, ya), (nb, yb) = _core(a), _core(b)
    if ya and yb and na == nb and abs(int(ya) - int(yb)) <= 1:
        return True
    return bool(ya) and ya == yb and sorted(re.findall(r"[A-Z][^A-Z]*", na)) == sorted(re.findall(r"[A-Z][^A-Z]*", nb))


@rule("sfn/multiple-targets", "error")
def multiple_targets(ctx) -> Iterator[Hit]:
    anchors = targets(ctx)
    for f in footnotes(ctx):
        spans = anchors.get(f.anchor, ())
        if len(spans) > 1:
            t = f.template
            yield Hit(t.start, t.end, {"anchor": f.anchor, "count": len(spans), "template": t.name.strip().lower()},
                      tuple((s, e) for s, e, _c in spans), _year_letter_fixes(spans))


@rule("sfn/duplicate-anchor", "info")
def duplicate_anchor(ctx) -> Iterator[Hit]:
    used = {f.anchor for f in footnotes(ctx)}
    for anchor, spans in targets(ctx).items():
        if len(spans) > 1 and anchor not in used:
            (s, e, _c), *rest = spans
            yield Hit(s, e, {"anchor": anchor, "count": len(spans)}, tuple((a, b) for a, b, _ in rest),
                      _year_letter_fixes(spans))


def _year_letter_fixes(spans) -> tuple[Fix, ...]:
    edits = []
    for letter, (_s, _e, c) in zip("abcdefghij", spans):
        year = c.template.param("year") if c is not None else None
        if year is None or not re.fullmatch(r"\d{3,4}", year.value):
            return ()
        edits.append(Edit(year.value_end, year.value_end, letter))
    return (Fix("Add year letters a, b … to the citations", tuple(edits)),)


_LOOKS_DATED = re.compile(r"\d{3,4}")


@rule("sfn/year-format", "warning")
def year_format(ctx) -> Iterator[Hit]:
    for f in footnotes(ctx):
        t = f.template
        if t.get("ref") or f.year:
            continue
        positional = [p for p in t.positional if p.value.strip()]
        if len(positional) > 1 and _LOOKS_DATED.search(positional[-1].value) and not is_year(positional[-1].value):
            last = positional[-1]
            m = re.search(r"\d{4}", last.value)
            fixes = (Fix("Reduce it to the year", (Edit(last.value_start, last.value_end, m.group(0)),)),) if m else ()
            yield Hit(t.start, t.end, {"value": last.value.strip(), "template": t.name.strip().lower()}, fixes=fixes)


_PAGE_RANGE = re.compile(r"\d\s*[-–—]\s*\d|\d\s*,\s*\d")


@rule("sfn/page-param", "info")
def page_param(ctx) -> Iterator[Hit]:
    seen = set()
    for f in footnotes(ctx):
        t = f.template
        if t.start in seen:
            continue
        seen.add(t.start)
        p, pp = t.param("p"), t.get("pp")
        if p is None or not p.value:
            continue
        if _PAGE_RANGE.search(p.value) or pp:
            name_at = p.start + 1 + ctx.text[p.start + 1 : p.end].find("p")
            yield Hit(t.start, t.end, {"value": p.value, "template": t.name.strip().lower()},
                      fixes=(Fix("Rename to pp", (Edit(name_at, name_at + 1, "pp"),)),))


@rule("sfn/unused-citation", "info")
def unused_citation(ctx) -> Iterator[Hit]:
    notes = footnotes(ctx)
    if not notes:
        return
    used = {f.anchor for f in notes}
    for c in ctx.model.citations:
        if c.ref is not None:
            continue
        anchor = citation_anchor(c.template)
        if anchor and anchor not in used:
            yield Hit(c.template.start, c.template.end, {"anchor": anchor})


@rule("sfn/no-page", "info")
def no_page(ctx) -> Iterator[Hit]:
    """Not in the catalogue: a short footnote without an in-source location points the reader at a
    whole book; reviewers ask for |p=, |pp= or |loc=."""
    sfn = set(ctx.profile.templates["sfn_templates"])
    multi = set(ctx.profile.templates["sfnm_templates"])
    for t in ctx.model.templates:
        if t.key not in sfn:
            continue
        if t.key in multi:
            missing = [n for n in range(1, 10) if t.get(f"{n}a1") and not any(t.get(f"{n}{k}") for k in ("p", "pp", "loc"))]
        else:
            missing = [] if any(t.get(k) for k in ("p", "pp", "page", "pages", "loc", "at")) else [1]
        if missing:
            yield Hit(t.start, t.end, {"template": t.name.strip().lower()})
