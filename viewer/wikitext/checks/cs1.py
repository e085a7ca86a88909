"""``cs1/``: Citation Style 1/2 checks (catalogue §4, Module:Citation/CS1).

Rules mark the ``|param=value`` segment, or the template's name when something is absent. The
parameter-status table, keyword sets, limits and patterns are per-profile data (``data/cs1_*.json``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, cached_property

from stdnum import ean, isbn, issn

from viewer.wikitext.checks._dates import CsDate, parse_date, valid_day
from viewer.wikitext.checks._identifiers import (
    arxiv_problem,
    bibcode_problem,
    doi_problem,
    isbn_check_digit,
    isbn_problem,
    url_problem,
    wayback_problem,
)
from viewer.wikitext.checks._registry import Hit, rule
from viewer.wikitext.citations import Citation, Param, Template, anchor_encode, citation_anchor, citation_names, citation_year
from viewer.wikitext.diagnostics import Edit, Fix


@cache
def _generic(name: str) -> str:
    return re.sub(r"\d+", "#", name)


@dataclass
class Cite:
    """One citation with its named parameters looked up once."""

    citation: Citation
    profile: object

    @property
    def t(self) -> Template:
        return self.citation.template

    @property
    def kind(self) -> str:
        return self.citation.kind

    @cached_property
    def named(self) -> list[Param]:
        return [p for p in self.t.params if p.name is not None]

    @cached_property
    def values(self) -> dict[str, str]:
        """Last non-empty value of each named parameter (MediaWiki keeps the last)."""
        found = {}
        for p in self.named:
            if p.value:
                found[p.name] = p.value
        return found

    def has(self, *names: str) -> bool:
        return any(n in self.values for n in names)

    def get(self, *names: str) -> str:
        for n in names:
            if n in self.values:
                return self.values[n]
        return ""

    def param(self, *names: str) -> Param | None:
        for p in reversed(self.named):
            if p.name in names and p.value:
                return p
        return None

    def matching(self, patterns) -> list[Param]:
        """Non-empty parameters whose name, or its numbered form (``last#``), is in ``patterns``."""
        patterns = patterns if isinstance(patterns, frozenset) else frozenset(patterns)
        return [p for p in self.named if p.value and (p.name in patterns or _generic(p.name) in patterns)]

    def status(self, name: str) -> tuple[str, str]:
        return self.profile.param_status(name)

    @cached_property
    def recognized(self) -> bool:
        return any(self.status(p.name)[0] != "unknown" and p.value for p in self.named)


def cites(ctx) -> list[Cite]:
    if "cites" not in ctx.shared:
        ctx.shared["cites"] = [Cite(c, ctx.profile) for c in ctx.model.citations]
    return ctx.shared["cites"]


def _cs1(ctx) -> dict:
    return ctx.profile.cs1


def _seg(ctx, p: Param) -> tuple[int, int]:
    """The ``|param=value`` segment, without the whitespace before the next ``|``."""
    raw = ctx.text[p.start : p.end]
    return p.start, p.start + len(raw.rstrip())


def _name_span(c: Cite) -> tuple[int, int]:
    return c.t.name_start, c.t.name_end


def _hit(ctx, c: Cite, p: Param, **data) -> Hit:
    return Hit(*_seg(ctx, p), {"param": p.name, "value": p.value, "template": c.t.name, **data})


def _focus(c: Cite, name: str) -> Fix:
    """Insert an empty parameter for the user to fill (the UI puts the cursor after it)."""
    at = c.t.end - 2
    return Fix(f"Add |{name}=", (Edit(at, at, f"|{name}="),))


def _rename(ctx, p: Param, new: str) -> Edit:
    name_at = p.start + 1 + ctx.text[p.start + 1 : p.end].index(p.name)
    return Edit(name_at, name_at + len(p.name), new)


def _remove(ctx, p: Param) -> Edit:
    return Edit(*_seg(ctx, p), "")


def _literal(p: Param) -> bool:
    """A value a check can judge as written: a template inside (``{{date|…}}``) expands first."""
    return "{{" not in p.value


def _url(c: Cite) -> str:
    return c.get("url", "URL")


def _has_title(c: Cite) -> bool:
    return c.has("title", "trans-title", "script-title", "trans_title", "title_zh") or (
        c.kind == "cite encyclopedia" and c.has("article", "entry", "encyclopedia")
    )


# -- presence -------------------------------------------------------------------------------------


@rule("cs1/missing-title", "error", source_key="err_citation_missing_title", scope="part")
def missing_title(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        if c.recognized and not _has_title(c) and not _url(c) and not (c.kind == "cite episode" and c.has("series")):
            yield Hit(*_name_span(c), {"template": c.t.name}, fixes=(_focus(c, "title"),))


@rule("cs1/bare-url-missing-title", "error", source_key="err_bare_url_missing_title", scope="part")
def bare_url_missing_title(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        if _url(c) and not _has_title(c):
            p = c.param("url", "URL")
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=(_focus(c, "title"),))


@rule("cs1/empty-citation", "error", source_key="err_empty_citation", scope="part")
def empty_citation(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        if not c.recognized:
            yield Hit(*_name_span(c), {"template": c.t.name}, fixes=(Fix("Delete the template", (Edit(c.t.start, c.t.end, ""),)),))


@rule("cs1/web-missing-url", "error", source_key="err_cite_web_url", scope="part")
def web_missing_url(ctx) -> Iterator[Hit]:
    kinds = set(_cs1(ctx)["requires_url_kinds"])
    for c in cites(ctx):
        if not c.recognized or _url(c):
            continue
        if c.kind in kinds or (c.kind == "citation" and c.has("website")):
            yield Hit(*_name_span(c), {"template": c.t.name}, fixes=(_focus(c, "url"),))


@rule("cs1/accessdate-missing-url", "error", source_key="err_accessdate_missing_url", scope="part")
def accessdate_missing_url(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        p = c.param(*_cs1(ctx)["access_date_params"])
        if p is not None and not c.has("url", "URL", "chapter-url", "chapterurl", "contribution-url", "entry-url", "section-url", "article-url"):
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=(Fix(f"Remove |{p.name}=", (_remove(ctx, p),)),))


@rule("cs1/archive-missing-date", "error", source_key="err_archive_missing_date", scope="part")
def archive_missing_date(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        p = c.param("archive-url", "archiveurl")
        if p is not None and not c.has("archive-date", "archivedate"):
            fixes = ()
            stamp = re.search(r"/web/(\d{4})(\d\d)(\d\d)\d*", p.value)
            if stamp:
                fixes = (Fix("Fill in the date from the Wayback timestamp",
                             (Edit(p.value_end, p.value_end, "|archive-date=" + "-".join(stamp.groups())),)),)
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=fixes)


@rule("cs1/archive-missing-url", "error", source_key="err_archive_missing_url", scope="part")
def archive_missing_url(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        p = c.param("archive-url", "archiveurl")
        if p is not None and not _url(c):
            fixes = ()
            original = re.search(r"/web/[^/]+/(.+)$", p.value)
            if original:
                fixes = (Fix("Set |url= to the original URL", (Edit(p.start, p.start, "|url=" + original.group(1)),)),)
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=fixes)


@rule("cs1/archive-url-malformed", "error", source_key="err_archive_url", scope="part")
def archive_url_malformed(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        p = c.param("archive-url", "archiveurl")
        if p is None:
            continue
        reason = wayback_problem(p.value) if _literal(p) else ""
        if reason:
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value, "reason": reason})


@rule("cs1/format-missing-url", "error", source_key="err_format_missing_url", scope="part")
def format_missing_url(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for fmt, urls in _cs1(ctx)["format_params"].items():
            p = c.param(fmt)
            if p is not None and not c.has(*urls):
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value, "needs": urls[0]},
                          fixes=(Fix(f"Remove |{p.name}=", (_remove(ctx, p),)),))


# -- dates ----------------------------------------------------------------------------------------


def _parse(ctx, value: str) -> CsDate | None:
    return parse_date(value, ctx.profile.dates)


def date_of(ctx, value: str) -> CsDate | None:
    """A date value as this profile reads it (shared with the ref/ rules)."""
    cache = ctx.shared.setdefault("dates", {})
    if value not in cache:
        cache[value] = _parse(ctx, value)
    return cache[value]


def _date_problem(ctx, name: str, d: CsDate | None) -> str:
    if d is None:
        return "format"
    if d.numeric_ym and not _cs1(ctx)["date_switches"]["ym_numeric"]:
        return "format"
    if d.day is not None and not valid_day(d.year, d.month, d.day):
        return "impossible"
    if d.month is not None and not 1 <= d.month <= 12:
        return "impossible"
    limit = ctx.today.year + (2 if name == "pmc-embargo-date" else 1)
    if d.year is not None and d.year > limit:
        return "future-year"
    return ""


@rule("cs1/bad-date", "error", source_key="err_bad_date", scope="part")
def bad_date(ctx) -> Iterator[Hit]:
    access = set(_cs1(ctx)["access_date_params"])
    for c in cites(ctx):
        for p in c.matching(_cs1(ctx)["date_params"]):
            if not _literal(p):
                continue
            d = date_of(ctx, p.value)
            if p.name in access and d is not None:
                continue  # a readable access-date that is not a full date in range: cs1/access-date-range
            if p.name in ("year",) and d is not None and d.precision not in ("year", "none"):
                reason = "format"
            else:
                reason = _date_problem(ctx, p.name, d)
            if reason:
                fixed = _nearest_date(ctx, p.value) if reason == "format" else None
                fixes = (Fix(f"Reformat as {fixed}", (Edit(p.value_start, p.value_end, fixed),)),) if fixed else ()
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value, "template": c.t.name, "reason": reason}, fixes=fixes)


_LOOSE_FORMS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), lambda m: f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"),
    (re.compile(r"^([A-Za-z]+\.?) (\d{1,2}),? (\d{4})$"), lambda m: f"{m[1]} {int(m[2])}, {m[3]}"),
    (re.compile(r"^(\d{1,2})(?:st|nd|rd|th) ([A-Za-z]+\.?),? (\d{4})$"), lambda m: f"{int(m[1])} {m[2]} {m[3]}"),
    (re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$"), lambda m: f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"),
)


def _nearest_date(ctx, value: str) -> str | None:
    """A valid spelling of ``value`` when exactly one is obvious (``2013-7-5`` -> ``2013-07-05``)."""
    for pattern, build in _LOOSE_FORMS:
        m = pattern.match(value.strip())
        if m:
            candidate = build(m)
            d = _parse(ctx, candidate)
            if d is not None and d.value is not None:
                return candidate
    return None


@rule("cs1/access-date-range", "error", source_key="err_bad_date", scope="part")
def access_date_range(ctx) -> Iterator[Hit]:
    first = date(2001, 1, 15)
    tomorrow = ctx.today + timedelta(days=1)
    for c in cites(ctx):
        for p in c.matching(_cs1(ctx)["access_date_params"]):
            d = date_of(ctx, p.value)
            if d is None or not _literal(p):
                continue
            if d.precision != "day" or d.is_range or d.numeric_ym or d.value is None:
                reason = "not-full-date"
            elif d.value < first:
                reason = "before-wikipedia"
            elif d.value > tomorrow:
                reason = "future"
            else:
                continue
            fix = Fix("Replace with today's date", (Edit(p.value_start, p.value_end, ctx.today.isoformat()),))
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value, "reason": reason}, fixes=(fix,))


# -- identifiers ----------------------------------------------------------------------------------

_ACCEPT_AS_WRITTEN = re.compile(r"^\(\((.*)\)\)$")


def _ids(ctx, c: Cite, names) -> Iterator[tuple[Param, str]]:
    for p in c.matching(names):
        if not _ACCEPT_AS_WRITTEN.match(p.value) and _literal(p):
            yield p, p.value


@rule("cs1/bad-isbn", "error", source_key="err_bad_isbn", scope="part")
def bad_isbn(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p, value in _ids(ctx, c, ("isbn", "ISBN")):
            reason = isbn_problem(value)
            if reason:
                hint = ""
                if reason == "checksum":
                    compact = re.sub(r"[\s-]", "", value)
                    hint = isbn_check_digit(compact[:-1])
                yield _hit(ctx, c, p, reason=reason, expected_check_digit=hint)


@rule("cs1/bad-issn", "error", source_key="err_bad_issn", scope="part")
def bad_issn(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p, value in _ids(ctx, c, ("issn", "ISSN", "eissn", "EISSN")):
            if not issn.is_valid(value.replace(" ", "")):
                yield _hit(ctx, c, p)


@rule("cs1/bad-ismn", "error", source_key="err_bad_ismn", scope="part")
def bad_ismn(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p, value in _ids(ctx, c, ("ismn", "ISMN")):
            compact = re.sub(r"[\s-]", "", value)
            if not (re.fullmatch(r"9790\d{9}", compact) and ean.is_valid(compact)):
                yield _hit(ctx, c, p)


@rule("cs1/bad-doi", "error", source_key="err_bad_doi", scope="part")
def bad_doi(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p, value in _ids(ctx, c, ("doi", "DOI")):
            if doi_problem(value):
                fixed = re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", value, flags=re.IGNORECASE).rstrip(".,")
                fixes = (Fix("Strip the prefix and trailing punctuation", (Edit(p.value_start, p.value_end, fixed),)),) if fixed != value else ()
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": value}, fixes=fixes)


def _numeric_id(ctx, c: Cite, names, key: str, pattern: str) -> Iterator[Hit]:
    limit = _cs1(ctx)["limits"].get(key)
    for p, value in _ids(ctx, c, names):
        m = re.fullmatch(pattern, value)
        if not m or not 1 <= int(m.group(1)) <= (limit or 10**12):
            yield _hit(ctx, c, p)


@rule("cs1/bad-pmid", "error", source_key="err_bad_pmid", scope="part")
def bad_pmid(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        yield from _numeric_id(ctx, c, ("pmid", "PMID"), "pmid", r"(\d+)")


@rule("cs1/bad-pmc", "error", source_key="err_bad_pmc", scope="part")
def bad_pmc(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        yield from _numeric_id(ctx, c, ("pmc", "PMC"), "pmc", r"(?:PMC)?(\d+)")


@rule("cs1/bad-arxiv", "error", source_key="err_bad_arxiv", scope="part")
def bad_arxiv(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p, value in _ids(ctx, c, ("arxiv", "arXiv", "eprint")):
            if arxiv_problem(value):
                yield _hit(ctx, c, p)


@rule("cs1/bad-bibcode", "error", source_key="err_bad_bibcode", scope="part")
def bad_bibcode(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p, value in _ids(ctx, c, ("bibcode",)):
            reason = bibcode_problem(value, ctx.today)
            if reason:
                yield _hit(ctx, c, p, reason=reason)


@rule("cs1/bad-id", "error", source_key="err_bad_id", scope="part")
def bad_id(ctx) -> Iterator[Hit]:
    limits = _cs1(ctx)["limits"]
    patterns = _cs1(ctx)["id_patterns"]
    for c in cites(ctx):
        for p in c.named:
            key = p.name.lower()
            if key not in patterns or not p.value or _ACCEPT_AS_WRITTEN.match(p.value) or not _literal(p):
                continue
            value = p.value
            bad = not re.fullmatch(patterns[key], value, re.IGNORECASE if key == "jstor" else 0)
            if not bad and key in limits and value.isdigit() and int(value) > limits[key]:
                bad = True
            if bad:
                stripped = re.sub(r"^https?://\S+/", "", value)
                fixes = (Fix("Strip the URL", (Edit(p.value_start, p.value_end, stripped),)),) if stripped != value else ()
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": value}, fixes=fixes, source_key=f"err_bad_{key.replace('-', '_')}")


# -- parameter names ------------------------------------------------------------------------------

_VALUE_MAP = {"yes": "dead", "y": "dead", "true": "dead", "no": "live"}


@rule("cs1/deprecated-param", "warning", source_key="err_deprecated_params", scope="part")
def deprecated_param(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.named:
            status, replacement = c.status(p.name)
            if status != "deprecated" or not p.value:
                continue
            fixes = ()
            if replacement == "url-status":
                value = _VALUE_MAP.get(p.value.lower(), p.value)
                fixes = (Fix(f"Replace with |url-status={value}", (Edit(*_seg(ctx, p), f"|url-status={value}"),)),)
            elif replacement and "=" not in replacement and p.name not in ("coauthors", "coauthor"):
                fixes = (Fix(f"Rename to |{replacement}=", (_rename(ctx, p, replacement),)),)
            elif p.name in ("coauthors", "coauthor"):
                fixes = _split_coauthors(ctx, c, p)
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value, "suggestion": replacement}, fixes=fixes)


def _split_coauthors(ctx, c: Cite, p: Param) -> tuple[Fix, ...]:
    """``coauthors=A B; C D`` -> ``author2=A B|author3=C D`` (numbering after the existing authors)."""
    names = [n.strip() for n in re.split(r"\s*;\s*", p.value) if n.strip()]
    if len(names) == 1 and p.value.count(",") >= 1 and not re.search(r"^\S+, \S+$", p.value):
        names = [n.strip() for n in p.value.split(",") if n.strip()]
    start = len(citation_names(c.t)) + 1
    parts = "".join(f"|author{start + i}={n}" for i, n in enumerate(names))
    return (Fix("Split into numbered author parameters", (Edit(*_seg(ctx, p), parts),)),)


@rule("cs1/unknown-param", "error", source_key="err_parameter_ignored", scope="part")
def unknown_param(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.named:
            status, suggestion = c.status(p.name)
            if status not in ("unknown", "unsupported") or not p.value or not p.name:
                continue
            if status == "unsupported":
                suggestion = suggestion or c.profile.suggest(p.name)
            text = (f"（建议使用|{suggestion}=）" if c.profile.lang == "zh" else f" (suggested: |{suggestion}=)") if suggestion else ""
            fixes = (Fix(f"Rename to |{suggestion}=", (_rename(ctx, p, suggestion),)),) if suggestion else ()
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value, "suggestion": suggestion, "suggestion_text": text},
                      fixes=fixes, source_key="err_parameter_ignored_suggest" if suggestion else None)


@rule("cs1/empty-unknown-param", "warning", source_key="err_param_unknown_empty", scope="part")
def empty_unknown_param(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        empty = [p for p in c.named if not p.name or (not p.value and c.status(p.name)[0] in ("unknown", "unsupported", "deprecated"))]
        if empty:
            listed = ", ".join(f"|{p.name}=" if p.name else "(empty string)" for p in empty)
            yield Hit(*_seg(ctx, empty[0]), {"params": listed, "template": c.t.name},
                      tuple(_seg(ctx, p) for p in empty[1:]),
                      (Fix("Delete the empty parameters", tuple(_remove(ctx, p) for p in empty)),))


@rule("cs1/text-ignored", "error", source_key="err_text_ignored", scope="part")
def text_ignored(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.t.positional:
            if p.value.strip():
                fix = Fix("Escape the | as {{!}}", (Edit(p.start, p.start + 1, "{{!}}"),))
                yield Hit(*_seg(ctx, p), {"value": p.value.strip(), "template": c.t.name}, fixes=(fix,))


def _alias_key(name: str, groups: dict[str, str]) -> str | None:
    if name in groups:
        return groups[name]
    m = re.fullmatch(r"(last|author|surname)(\d+)", name)
    if m:
        return f"author-last:{int(m.group(2))}"
    m = re.fullmatch(r"(first|given)(\d+)", name)
    if m:
        return f"author-first:{int(m.group(2))}"
    return None


@rule("cs1/redundant-params", "error", source_key="err_redundant_parameters", scope="part")
def redundant_params(ctx) -> Iterator[Hit]:
    groups = {}
    for i, group in enumerate(_cs1(ctx)["alias_groups"]):
        for name in group:
            key = f"g{i}"
            m = re.fullmatch(r"(last|author|surname)1?", name)
            if m and i == 0:
                key = "author-last:1"
            if re.fullmatch(r"(first|given)1?", name):
                key = "author-first:1"
            groups[name] = key
    for c in cites(ctx):
        seen: dict[str, Param] = {}
        for p in c.named:
            if not p.value:
                continue
            key = _alias_key(p.name, groups)
            if key is None:
                continue
            if key in seen and seen[key].name != p.name:
                first = seen[key]
                yield Hit(*_seg(ctx, p), {"params": f"|{first.name}=, |{p.name}=", "param": p.name}, (_seg(ctx, first),),
                          (Fix(f"Delete |{p.name}=", (_remove(ctx, p),)),))
            seen.setdefault(key, p)
        if c.has("vauthors") and c.has("author", "author1", "last", "last1", "authors"):
            p = c.param("vauthors")
            yield Hit(*_seg(ctx, p), {"params": "|vauthors=, |author=", "param": "vauthors"})
        elif c.has("authors") and c.has("last", "last1", "author", "author1"):
            p = c.param("authors")
            yield Hit(*_seg(ctx, p), {"params": "|authors=, |last=", "param": "authors"})


_LISTS = (
    (re.compile(r"(?:last|surname|author)(?P<n>\d+)?"), re.compile(r"(?:first|given)(?P<n>\d+)?"), "last"),
    (re.compile(r"editor(?P<n>\d+)?(?:-last|-surname)?|editor-(?:last|surname)(?P<n2>\d+)"),
     re.compile(r"editor(?P<n>\d+)?-(?:first|given)"), "editor-last"),
)


def _list_members(c: Cite, pattern: re.Pattern[str]) -> dict[int, Param]:
    found = {}
    for p in c.named:
        m = pattern.fullmatch(p.name)
        if m and p.value:
            n = next((g for g in m.groups() if g), None)
            found[int(n or 1)] = p
    return found


@rule("cs1/first-missing-last", "error", source_key="err_first_missing_last", scope="part")
def first_missing_last(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for last_re, first_re, label in _LISTS:
            lasts = _list_members(c, last_re)
            for n, p in _list_members(c, first_re).items():
                if n not in lasts:
                    needs = label if n == 1 and p.name in ("first", "given", "editor-first") else f"{label}{n}"
                    yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value, "needs": needs})


@rule("cs1/missing-name", "error", source_key="err_missing_name", scope="part")
def missing_name(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for last_re, _first_re, label in _LISTS:
            members = _list_members(c, last_re)
            if not members:
                continue
            for n in range(1, max(members)):
                if n not in members:
                    p = members[min(k for k in members if k > n)]  # the name after the gap
                    yield Hit(*_name_span(c), {"param": p.name, "needs": f"{label}{n}", "template": c.t.name}, (_seg(ctx, p),))
                    break


def _name_params(c: Cite, ctx) -> list[Param]:
    return c.matching(_cs1(ctx)["name_params"])


@rule("cs1/etal", "warning", source_key="err_etal", scope="part")
def etal(ctx) -> Iterator[Hit]:
    pattern = re.compile(_cs1(ctx)["etal_pattern"], re.IGNORECASE)
    zh = re.compile(_cs1(ctx)["etal_zh_pattern"]) if _cs1(ctx).get("etal_zh") else None
    for c in cites(ctx):
        for p in _name_params(c, ctx):
            m = pattern.search(p.value) or (zh.search(p.value) if zh else None)
            if m:
                fix = Fix("Remove the phrase and add |display-authors=etal",
                          (Edit(p.value_start + m.start(), p.value_start + m.end(), ""), Edit(p.value_end, p.value_end, "|display-authors=etal")))
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=(fix,))


@rule("cs1/missing-periodical", "warning", source_key="err_missing_periodical", scope="part")
def missing_periodical(ctx) -> Iterator[Hit]:
    required = _cs1(ctx)["requires_periodical"]
    for c in cites(ctx):
        needs = required.get(c.kind)
        if needs and c.recognized and not c.has(*needs):
            yield Hit(*_name_span(c), {"template": c.t.name, "kind": c.kind.split(" ", 1)[-1], "needs": needs[0]},
                      fixes=(_focus(c, needs[0]),))


_TRANS = re.compile(r"trans[-_](title|chapter|work|website|newspaper|journal|magazine|periodical|encyclopedia)")


@rule("cs1/trans-missing-title", "error", source_key="err_trans_missing_title", scope="part")
def trans_missing_title(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.named:
            m = _TRANS.fullmatch(p.name)
            if m and p.value and not c.has(m.group(1), f"script-{m.group(1)}"):
                if m.group(1) == "title" and c.kind == "cite encyclopedia" and c.has("article", "entry"):
                    continue
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value, "needs": m.group(1)})


_EXT_LINK = re.compile(r"\[\s*(?:https?:|ftp:|//)[^\s\]]+|(?:https?|ftp)://", re.IGNORECASE)


@rule("cs1/ext-link-in-param", "error", source_key="err_param_has_ext_link", scope="part")
def ext_link_in_param(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.matching(_cs1(ctx)["no_ext_link_params"]):
            if _EXT_LINK.search(p.value):
                fixes = ()
                m = re.fullmatch(r"\[\s*(\S+)\s+([^\]]+)\]", p.value)
                if m and not _url(c):
                    fixes = (Fix("Move link to |url=", (Edit(p.value_start, p.value_end, m.group(2).strip() + "|url=" + m.group(1)),)),)
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=fixes)


@rule("cs1/wikilink-in-url", "error", source_key="err_wikilink_in_url", scope="part")
def wikilink_in_url(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        if not _url(c):
            continue
        p = c.param("title")
        if p is not None and "[[" in p.value:
            unlinked = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", p.value)
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=(Fix("Unlink the title", (Edit(p.value_start, p.value_end, unlinked),)),))
        elif c.param("title-link", "titlelink") is not None:
            q = c.param("title-link", "titlelink")
            yield Hit(*_seg(ctx, q), {"param": q.name, "value": q.value})


@rule("cs1/bad-url", "error", source_key="err_bad_url", scope="part")
def bad_url(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.matching(_cs1(ctx)["url_params"]):
            if _literal(p) and url_problem(p.value):
                fixed = p.value.replace(" ", "%20")
                if not re.match(r"^[a-z][a-z0-9+.-]*:|^//", fixed, re.IGNORECASE):
                    fixed = "https://" + fixed
                fixes = (Fix("Add the scheme and encode spaces", (Edit(p.value_start, p.value_end, fixed),)),) if fixed != p.value else ()
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=fixes)


@rule("cs1/apostrophe-markup", "warning", source_key="err_apostrophe_markup", scope="part")
def apostrophe_markup(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.matching(_cs1(ctx)["apostrophe_params"]):
            if "''" in p.value:
                fix = Fix("Strip the markup", (Edit(p.value_start, p.value_end, re.sub(r"'{2,}", "", p.value)),))
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=(fix,))


def _title_is(c: Cite, titles) -> Param | None:
    p = c.param("title")
    if p is not None and p.value.strip().lower() in {t.lower() for t in titles}:
        return p
    return None


@rule("cs1/generic-title", "error", source_key="err_generic_title", scope="part")
def generic_title(ctx) -> Iterator[Hit]:
    archived = _cs1(ctx)["archived_copy_titles"]
    generic = [t for t in _cs1(ctx)["generic_titles"] if t.lower() not in {a.lower() for a in archived}]
    for c in cites(ctx):
        p = _title_is(c, generic)
        if p is not None:
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value})


_INVISIBLE = re.compile("[\u200b-\u200f\u00ad\ufeff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@rule("cs1/invisible-char", "error", source_key="err_invisible_char", scope="part")
def invisible_char(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.named:
            m = _INVISIBLE.search(p.value)
            if m:
                char = m.group(0)
                name = unicodedata.name(char, f"U+{ord(char):04X}")
                at = p.value_start + m.start()
                yield Hit(*_seg(ctx, p), {"param": p.name, "char": name, "position": m.start() + 1},
                          fixes=(Fix("Delete the character", (Edit(at, at + 1, ""),)),))


_PIPELESS = re.compile(r"(?:^|\s)([a-z][a-z0-9-]*)\s*=")


@rule("cs1/missing-pipe", "error", source_key="err_missing_pipe", scope="part")
def missing_pipe(ctx) -> Iterator[Hit]:
    skip = set(_cs1(ctx)["url_params"])
    for c in cites(ctx):
        for p in c.named:
            if not p.value or p.name in skip:
                continue
            for m in _PIPELESS.finditer(p.value):
                if c.status(m.group(1))[0] in ("valid", "alias"):
                    at = p.value_start + m.start(1)
                    yield Hit(*_seg(ctx, p), {"param": p.name, "value": m.group(1)}, fixes=(Fix("Insert |", (Edit(at, at, "|"),)),))
                    break


_EXTRA_TEXT = {
    "page": r"^(?:pp?\.\s*|第.*页$|页)",
    "pages": r"^(?:pp?\.\s*|第.*页$|页)",
    "p": r"^(?:pp?\.\s*|第.*页$)",
    "pp": r"^(?:pp?\.\s*|第.*页$)",
    "volume": r"^vol\.\s*",
    "issue": r"^(?:no\.\s*|#)",
    "number": r"^(?:no\.\s*|#)",
    "edition": r"\bed\.|\bedition\b|版",
}


@rule("cs1/extra-text", "warning", source_key="err_extra_text", scope="part")
def extra_text(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.named:
            pattern = _EXTRA_TEXT.get(p.name)
            if pattern and p.value and re.search(pattern, p.value, re.IGNORECASE):
                m = re.match(r"^(?:pp?\.|vol\.|no\.|#)\s*", p.value, re.IGNORECASE)
                fixes = (Fix("Strip the prefix", (Edit(p.value_start, p.value_start + m.end(), ""),)),) if m else ()
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=fixes,
                          source_key=f"err_extra_text_{'pages' if p.name in ('page', 'pages', 'p', 'pp') else p.name}")


@rule("cs1/invalid-param-value", "error", source_key="err_invalid_param_val", scope="part")
def invalid_param_value(ctx) -> Iterator[Hit]:
    keywords = _cs1(ctx)["keywords"]
    for c in cites(ctx):
        for p in c.named:
            allowed = keywords.get(p.name)
            if allowed and p.value and _literal(p) and p.value.lower() not in allowed:
                mapped = {"no": "live", "yes": "dead"}.get(p.value.lower())
                fixes = (Fix(f"Set |{p.name}={mapped}", (Edit(p.value_start, p.value_end, mapped),)),) if mapped and mapped in allowed else ()
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=fixes)


@rule("cs1/chapter-ignored", "error", source_key="err_chapter_ignored", scope="part")
def chapter_ignored(ctx) -> Iterator[Hit]:
    kinds = set(_cs1(ctx)["periodical_kinds"])
    for c in cites(ctx):
        if c.kind in kinds:
            for p in c.matching(_cs1(ctx)["chapter_params"]):
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value})


@rule("cs1/bad-paramlink", "error", source_key="err_bad_paramlink", scope="part")
def bad_paramlink(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.matching(_cs1(ctx)["link_params"]):
            if "[[" in p.value or "]]" in p.value or re.search(r"(?:https?|ftp)://|^//", p.value):
                fixed = re.sub(r"\[\[|\]\]", "", p.value).split("|")[0]
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=(Fix("Strip the brackets", (Edit(p.value_start, p.value_end, fixed),)),))


@rule("cs1/coauthors-missing-author", "error", source_key="coauthors_missing_author", scope="part")
def coauthors_missing_author(ctx) -> Iterator[Hit]:
    if ctx.profile.name != "zh":
        return
    for c in cites(ctx):
        p = c.param("coauthors", "coauthor")
        if p is not None and not c.has("last", "author", "last1", "author1", "surname", "surname1", "authors", "vauthors"):
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value})


# -- maintenance and extra advice (info) -----------------------------------------------------------


@rule("cs1/maint-url-status", "info", source_key="maint_url_status", scope="part")
def maint_url_status(ctx) -> Iterator[Hit]:
    names = ("url-status", "deadurl", "dead-url") if ctx.profile.name == "zh" else ("url-status",)
    for c in cites(ctx):
        p = c.param(*names)
        if p is not None and not c.has("archive-url", "archiveurl"):
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value})


@rule("cs1/maint-date-year", "info", source_key="maint_date_year", scope="part")
def maint_date_year(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        p = c.param("year")
        d = date_of(ctx, c.get("date")) if c.has("date") else None
        if p is not None and d is not None and d.year is not None and str(d.year) == p.value.strip()[:4]:
            yield Hit(*_seg(ctx, p), {"param": "year", "value": p.value}, fixes=(Fix("Remove |year=", (_remove(ctx, p),)),))


@rule("cs1/maint-date-format", "info", source_key="maint_date_format", scope="part")
def maint_date_format(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.matching(_cs1(ctx)["date_params"]):
            d = date_of(ctx, p.value)
            if d is not None and d.hyphen_range:
                fixed = re.sub(r"\s*[-/]\s*", "–", p.value)
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, fixes=(Fix("Use an en dash", (Edit(p.value_start, p.value_end, fixed),)),))


@rule("cs1/maint-extra-punct", "info", source_key="maint_extra_punct", scope="part")
def maint_extra_punct(ctx) -> Iterator[Hit]:
    skip = set(_cs1(ctx)["url_params"]) | {"quote", "trans-quote", "script-quote", "postscript", "ref"}
    for c in cites(ctx):
        for p in c.named:
            if p.value and p.name not in skip and not p.name.endswith("-mask") and (p.value[-1] in ",;:" or p.value[0] == "="):
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value})


@rule("cs1/maint-archived-copy", "info", source_key="maint_archived_copy", scope="part")
def maint_archived_copy(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        p = _title_is(c, _cs1(ctx)["archived_copy_titles"])
        if p is not None:
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value})


@rule("cs1/maint-mult-names", "info", source_key="maint_mult_names", scope="part")
def maint_mult_names(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.matching(("author", "author#", "last", "last#", "first", "first#", "editor", "editor#", "editor-last", "editor#-last", "editor-first", "editor#-first", "surname", "surname#", "given", "given#")):
            if ";" in p.value or p.value.count(",") > 1 or re.search(r"\d", p.value):
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value},
                          source_key="maint_numeric_names" if re.search(r"\d", p.value) else None)


@rule("cs1/maint-ref-default", "info", source_key="maint_ref_duplicates_default", scope="part")
def maint_ref_default(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        p = c.param("ref")
        if p is None:
            continue
        names = citation_names(c.t)
        if names:
            default = "CITEREF" + "".join(anchor_encode(n) for n in names) + anchor_encode(citation_year(c.t))
            if citation_anchor(c.t) == default:
                yield Hit(*_seg(ctx, p), {"param": "ref", "value": p.value, "anchor": default}, fixes=(Fix("Remove |ref=", (_remove(ctx, p),)),))


@rule("cs1/maint-ignored-id", "info", source_key="maint_isbn_ignore", scope="part")
def maint_ignored_id(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.named:
            if p.value and _ACCEPT_AS_WRITTEN.match(p.value) and p.name.lower() in ("isbn", "issn", "eissn", "doi"):
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value}, source_key=f"maint_{p.name.lower()}_ignore")


@rule("cs1/maint-postscript", "info", source_key="maint_postscript", scope="part")
def maint_postscript(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        p = c.param("postscript")
        if p is not None and len(p.value) > 1 and p.value.lower() != "none":
            yield Hit(*_seg(ctx, p), {"param": "postscript", "value": p.value})


@rule("cs1/maint-unknown-lang", "info", source_key="maint_unknown_lang", scope="part")
def maint_unknown_lang(ctx) -> Iterator[Hit]:
    known = ctx.profile.languages
    for c in cites(ctx):
        p = c.param("language", "lang")
        if p is None or not _literal(p):
            continue
        parts = [x.strip().lower() for x in re.split(r"[,，、]|\band\b", p.value) if x.strip()]
        unknown = [x for x in parts if x not in known]
        if unknown:
            yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value})


@rule("cs1/noncanonical-alias", "info", enabled=False, scope="part")
def noncanonical_alias(ctx) -> Iterator[Hit]:
    for c in cites(ctx):
        for p in c.named:
            status, canonical = c.status(p.name)
            if status == "alias":
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value, "suggestion": canonical},
                          fixes=(Fix(f"Rename to |{canonical}=", (_rename(ctx, p, canonical),)),))


@rule("cs1/name-extra-text", "info", scope="part")
def name_extra_text(ctx) -> Iterator[Hit]:
    pattern = re.compile(_cs1(ctx)["name_role_pattern"], re.IGNORECASE)
    for c in cites(ctx):
        for p in c.matching(("author", "author#", "last", "last#", "first", "first#", "surname", "surname#", "given", "given#")):
            if pattern.search(p.value):
                yield Hit(*_seg(ctx, p), {"param": p.name, "value": p.value})
