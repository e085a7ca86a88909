"""``ref/``: extra checks on reference structure and content (catalogue §3; MediaWiki reports none)."""

from __future__ import annotations

import bisect
import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

from stdnum import isbn as isbn_mod

from viewer.wikitext.checks._dates import CsDate
from viewer.wikitext.checks._registry import Hit, rule
from viewer.wikitext.checks.cite import by_key, cite_refs, citations_of
from viewer.wikitext.checks.cs1 import date_of
from viewer.wikitext.citations import citation_names, citation_year
from viewer.wikitext.diagnostics import Edit, Fix


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
            later = [p for p in defs if not p.is_ldr]
            fixes = ()
            if later:  # move the follow ref right after its parent
                text = ctx.text[r.start : r.end]
                fixes = (Fix("Move the follow ref after its parent", (Edit(r.start, r.end, ""), Edit(later[0].end, later[0].end, text))),)
            yield Hit(r.start, r.open_end, {"name": r.follow, "group": r.group}, related, fixes)


# -- lists ----------------------------------------------------------------------------------------


def _default_refs(ctx):
    return [r for r in ctx.model.refs if r.group == "" and not r.is_ldr]


def _tag_span(r) -> tuple[int, int]:
    return r.start, r.open_end


def _label(ctx, r) -> str:
    """How a message names a ref: its name, or the start of its text."""
    if r.name:
        return f"“{r.name}”"
    text = _SPACES.sub(" ", ctx.model.masked[r.content_start : r.content_end]).strip() if r.content else ""
    return f"“{text[:30]}…”" if len(text) > 30 else f"“{text}”"


_INSERT_BEFORE = re.compile(r"^(?:\{\{\s*(?:[Nn]avbox|[Aa]uthority control|[Pp]ortal bar|[Tt]axonbar|DEFAULTSORT)|\[\[\s*(?:Category|分类|分類)\s*:)", re.M)


def _list_insert_point(ctx) -> int:
    """Before the first navbox, category or DEFAULTSORT at the start of a line, else the end."""
    m = _INSERT_BEFORE.search(ctx.text)
    return m.start() if m else len(ctx.text)


@rule("ref/no-reference-list", "warning")
def no_reference_list(ctx) -> Iterator[Hit]:
    refs = _default_refs(ctx)
    if refs and not any(lst.group == "" and lst.valid for lst in ctx.model.lists):
        at = _list_insert_point(ctx)
        fix = Fix("Insert == 参考资料 == {{reflist}}", (Edit(at, at, "== 参考资料 ==\n{{reflist}}\n\n"),))
        yield Hit(*_tag_span(refs[0]), {"count": len(refs)}, fixes=(fix,))


@rule("ref/multiple-reference-lists", "warning")
def multiple_reference_lists(ctx) -> Iterator[Hit]:
    lists = ctx.model.lists
    for i, lst in enumerate(lists):
        previous = next((p for p in reversed(lists[:i]) if p.group == lst.group and p.valid), None)
        if previous is None or not lst.valid:
            continue
        between = any(r.group == lst.group and not r.is_ldr and previous.end <= r.start < lst.start for r in ctx.model.refs)
        own = any(r.list_index == i for r in ctx.model.refs)
        if not between and not own:
            label = f"“{lst.group}”" if lst.group else ("默认分组" if ctx.profile.lang == "zh" else "the default group")
            yield Hit(lst.start, lst.open_end, {"group": lst.group, "group_label": label}, ((previous.start, previous.open_end),),
                      (Fix("Delete the later list", (Edit(lst.start, lst.end, ""),)),))


@rule("ref/after-list", "warning")
def after_list(ctx) -> Iterator[Hit]:
    lists = [lst for lst in ctx.model.lists if lst.group == "" and lst.valid]
    if not lists:
        return
    last = lists[-1]
    after = [r for r in _default_refs(ctx) if r.start >= last.end]
    if not after:
        return
    move = Fix("Move the list below the ref", (Edit(last.start, last.end, ""), Edit(after[-1].end, after[-1].end, "\n" + ctx.text[last.start : last.end])))
    for r in after:
        yield Hit(*_tag_span(r), {"name": r.name or "", "ref": _label(ctx, r)}, ((last.start, last.open_end),), (move,))


@rule("ref/empty-list", "info")
def empty_list(ctx) -> Iterator[Hit]:
    lists = ctx.model.lists
    for i, lst in enumerate(lists):
        if not lst.group or not lst.valid:
            continue
        previous_end = max((p.end for p in lists[:i] if p.group == lst.group and p.valid), default=0)
        has = any(r.group == lst.group and ((not r.is_ldr and previous_end <= r.start < lst.start) or r.list_index == i) for r in ctx.model.refs)
        if not has:
            yield Hit(lst.start, lst.open_end, {"group": lst.group}, fixes=(Fix("Delete the list", (Edit(lst.start, lst.end, ""),)),))


# -- definitions and content -----------------------------------------------------------------------


@rule("ref/redundant-definition", "info")
def redundant_definition(ctx) -> Iterator[Hit]:
    for (_group, name, _segment), refs in by_key(ctx).items():
        defs = [r for r in refs if r.has_text]
        for r in defs[1:]:
            if r.content == defs[0].content:
                fix = Fix(f'Replace with <ref name="{name}" />', (Edit(r.start, r.end, f'<ref name="{name}" />'),))
                yield Hit(*_tag_span(r), {"name": name, "group": r.group}, (_tag_span(defs[0]),), (fix,))


def _definitions(ctx) -> list:
    """Refs that carry text, one per identity: every unnamed ref, and a name's first definition."""
    seen = set()
    found = []
    for r in cite_refs(ctx):
        if not r.has_text or r.follow is not None:
            continue
        if r.name is not None:
            if (r.group, r.name) in seen:
                continue
            seen.add((r.group, r.name))
        found.append(r)
    return found


_SPACES = re.compile(r"\s+")


def _content_key(ctx, r) -> tuple:
    content = r.content.strip()
    cites = citations_of(ctx, r)
    if len(cites) == 1 and cites[0].template.start == r.content_start + (len(r.content) - len(r.content.lstrip())) and cites[0].template.end - cites[0].template.start == len(content):
        t = cites[0].template
        params = frozenset((p.key, _SPACES.sub(" ", p.value.strip())) for p in t.params if p.value.strip())
        return ("cs1", cites[0].kind, params)
    text = _SPACES.sub(" ", ctx.model.masked[r.content_start:r.content_end]).strip()
    return ("raw", re.sub(r"\s*([|=])\s*", r"\1", text))


@rule("ref/duplicate-content", "warning")
def duplicate_content(ctx) -> Iterator[Hit]:
    first: dict[tuple, object] = {}
    for r in _definitions(ctx):
        key = _content_key(ctx, r)
        if key in first:
            original = first[key]
            yield Hit(*_tag_span(r), {"name": r.name or "", "ref": _label(ctx, r), "other_line": ctx.lines.line(original.start)},
                      (_tag_span(original),), _merge_fixes(ctx, original, [r]))
        else:
            first[key] = r


def _generated_name(ctx, r) -> str:
    cites = citations_of(ctx, r)
    if cites:
        names = citation_names(cites[0].template)
        if names:
            return re.sub(r"\W+", "", names[0]) + citation_year(cites[0].template)
        url = cites[0].template.get("url") or ""
    else:
        m = _LINK.search(r.content or "")
        url = m.group(0) if m else ""
    host = urlsplit(url.lstrip("[")).hostname or "ref"
    return host.removeprefix("www.")


def _merge_fixes(ctx, original, others) -> tuple[Fix, ...]:
    name = original.name or _generated_name(ctx, original)
    edits = []
    if original.name is None:
        tag = ctx.text[original.start:original.open_end]
        edits.append(Edit(original.start, original.open_end, tag[:-1].rstrip() + f' name="{name}">'))
    for r in others:
        edits.append(Edit(r.start, r.end, f'<ref name="{name}" />'))
    return (Fix(f'Name the first "{name}" and reuse it', tuple(edits)),)


_LINK = re.compile(r"(?:(?<=\[)|(?<![\w/]))(?:https?:)?//[^\s\]|<>{}]+", re.IGNORECASE)
_ARCHIVE_HOSTS = ("web.archive.org", "archive.org", "archive.today", "archive.is", "archive.ph", "archive.li", "webcitation.org", "wayback.archive-it.org")
_ID_HOSTS = ("doi.org", "dx.doi.org", "www.jstor.org", "jstor.org", "pubmed.ncbi.nlm.nih.gov", "www.ncbi.nlm.nih.gov", "hdl.handle.net", "arxiv.org", "books.google.com")


def normalize_url(url: str) -> str:
    parts = urlsplit(url.strip().strip("[]"))
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{path}{query}"


def main_url(ctx, r) -> tuple[str, int, int] | None:
    """The ref's main source link: the first citation's ``|url=``, else its first external link."""
    for c in citations_of(ctx, r):
        p = c.template.param("url") or c.template.param("URL")
        if p is not None and p.value:
            return p.value, p.value_start, p.value_end
    if citations_of(ctx, r):
        return None
    m = _LINK.search(ctx.model.masked, r.content_start, r.content_end)
    return (m.group(0), m.start(), m.end()) if m else None


@rule("ref/duplicate-url", "warning")
def duplicate_url(ctx) -> Iterator[Hit]:
    first: dict[str, object] = {}
    for r in _definitions(ctx):
        found = main_url(ctx, r)
        if found is None:
            continue
        host = (urlsplit(found[0].strip("[")).hostname or "").lower()
        if host.endswith(_ARCHIVE_HOSTS) or host in _ID_HOSTS:
            continue
        key = normalize_url(found[0])
        if key in first:
            original = first[key]
            yield Hit(*_tag_span(r), {"url": found[0], "ref": _label(ctx, r), "other_line": ctx.lines.line(original.start)},
                      (_tag_span(original),), _merge_fixes(ctx, original, [r]))
        else:
            first[key] = r


_LOCATION = ("page", "pages", "p", "pp", "at", "loc")


@rule("ref/same-work", "info")
def same_work(ctx) -> Iterator[Hit]:
    works: dict[str, list] = defaultdict(list)
    for r in _definitions(ctx):
        for c in citations_of(ctx, r):
            t = c.template
            key = None
            raw_isbn = t.get("isbn") or t.get("ISBN")
            if raw_isbn and isbn_mod.is_valid(raw_isbn):
                key = "isbn:" + isbn_mod.to_isbn13(isbn_mod.compact(raw_isbn))
            elif t.get("doi") or t.get("DOI"):
                key = "doi:" + (t.get("doi") or t.get("DOI")).lower()
            elif t.get("title"):
                names = citation_names(t)
                if names:
                    key = "title:" + _SPACES.sub(" ", t.get("title").lower()) + "|" + names[0].lower()
            if key:
                location = tuple((n, t.get(n)) for n in _LOCATION if t.get(n))
                works[key].append((r, c, location))
    for key, uses in works.items():
        refs = list(dict.fromkeys(id(r) for r, _c, _l in uses))
        locations = {loc for _r, _c, loc in uses}
        if len(refs) > 1 and len(locations) > 1:
            (r0, c0, _), *rest = uses
            work = key.split(":", 1)[1]
            yield Hit(*_tag_span(r0), {"work": work, "ref": _label(ctx, r0), "other_line": ctx.lines.line(rest[0][0].start)},
                      tuple(_tag_span(r) for r, _c, _l in rest if r is not r0), _to_short_footnotes(ctx, uses))


_PAGE_PARAMS = {"page": "p", "p": "p", "pages": "pp", "pp": "pp", "at": "loc", "loc": "loc"}


def _to_short_footnotes(ctx, uses) -> tuple[Fix, ...]:
    """Each ref becomes ``{{sfn|Last|Year|p=…}}`` and the work one full citation in 参考书目.

    Offered only when every ref is unnamed and holds nothing but the citation, so no reuse breaks.
    """
    t0 = uses[0][1].template
    names, year = citation_names(t0), citation_year(t0)
    if not names or not year:
        return ()
    edits = []
    for r, c, location in uses:
        t = c.template
        if r.name is not None or r.kind != "tag" or ctx.text[r.content_start : r.content_end].strip() != ctx.text[t.start : t.end]:
            return ()
        pages = "".join(f"|{_PAGE_PARAMS[n]}={v}" for n, v in location)
        edits.append(Edit(r.start, r.end, "{{sfn|" + "|".join(names) + f"|{year}{pages}}}}}"))
    full = "".join(f"|{p.name}={p.value}" if p.name else f"|{p.value}" for p in t0.params if p.name not in _PAGE_PARAMS)
    citation = "* {{" + t0.name + full + "}}\n"
    m = re.search(r"^==+\s*(?:参考书目|參考書目|书目|Bibliography)\s*==+[^\n]*\n", ctx.text, re.M)
    if m:
        edits.append(Edit(m.end(), m.end(), citation))
    else:
        at = _list_insert_point(ctx)
        edits.append(Edit(at, at, "== 参考书目 ==\n" + citation + "\n"))
    if any(e.start <= edits[-1].start < e.end for e in edits[:-1]):
        return ()
    return (Fix("Convert to {{sfn}} plus one full citation", tuple(edits)),)


def _dead_link_re(ctx) -> re.Pattern[str]:
    """A call of any of the profile's dead-link templates (first letter either case, ``_`` = space)."""
    if "dead_link_re" not in ctx.shared:
        names = []
        for n in ctx.profile.templates["dead_link_templates"]:
            head = f"[{re.escape(n[0].upper() + n[0].lower())}]" if n[0].isalpha() else re.escape(n[0])
            names.append(head + re.escape(n[1:]).replace("\\ ", "[ _]"))
        ctx.shared["dead_link_re"] = re.compile(r"\{\{\s*(?:" + "|".join(names) + r")\s*(?:\|[^{}]*)?\}\}")
    return ctx.shared["dead_link_re"]


@rule("ref/bare-url", "warning")
def bare_url(ctx) -> Iterator[Hit]:
    dead = _dead_link_re(ctx)
    for r in _definitions(ctx):
        body = dead.sub("", ctx.model.masked[r.content_start:r.content_end]).strip()
        m = re.fullmatch(r"\[?\s*((?:https?:)?//[^\s\]]+)\s*\]?", body)
        if m and (body.startswith("[") == body.endswith("]")):
            url = m.group(1)
            replacement = f"{{{{cite web|url={url}|title=|access-date={ctx.today.isoformat()}}}}}"
            yield Hit(*_tag_span(r), {"url": url}, fixes=(Fix("Convert to {{cite web}}", (Edit(r.content_start, r.content_end, replacement),)),))


@rule("ref/hand-formatted", "info")
def hand_formatted(ctx) -> Iterator[Hit]:
    for r in _definitions(ctx):
        if r.kind == "template" and r.template in ctx.profile.tables.sfn_templates:
            continue
        if citations_of(ctx, r):
            continue
        if _LINK.search(ctx.model.masked, r.content_start, r.content_end):
            yield Hit(*_tag_span(r), {"name": r.name or "", "ref": _label(ctx, r)})


_SPACES_AFTER = re.compile(r"\s*")


@rule("ref/dead-link", "warning")
def dead_link(ctx) -> Iterator[Hit]:
    dead = _dead_link_re(ctx)
    masked = ctx.model.masked
    statuses = ("dead",)
    for r in _definitions(ctx):
        m = dead.search(masked, r.content_start, r.content_end)
        if m is None:
            after = _SPACES_AFTER.match(masked, r.end).end()
            m = dead.match(masked, after)
        if m is not None:
            yield Hit(m.start(), m.end(), {"url": (main_url(ctx, r) or ("",))[0], "name": r.name or ""}, (_tag_span(r),), _archive_fix(ctx, r))
            continue
        for c in citations_of(ctx, r):
            t = c.template
            status = (t.get("url-status") or "").lower()
            old = (t.get("deadurl") or t.get("dead-url") or "").lower() if ctx.profile.name == "zh" else ""
            if (status in statuses or old in ("yes", "true", "y", "dead")) and not (t.get("archive-url") or t.get("archiveurl")):
                p = t.param("url-status") if status else (t.param("deadurl") or t.param("dead-url"))
                yield Hit(p.start, p.value_end, {"url": t.get("url") or "", "name": r.name or ""}, (_tag_span(r),), _archive_fix(ctx, r))


def _archive_fix(ctx, r) -> tuple[Fix, ...]:
    cites = citations_of(ctx, r)
    if not cites:
        return ()
    at = cites[0].template.end - 2
    return (Fix("Add archive link", (Edit(at, at, "|archive-url=|archive-date=|url-status=dead"),)),)


_HOMEPAGE_PATH = re.compile(r"^(?:/?|.*/(?:index\.html?|index\.php|default\.aspx|home\.html?)|.*/home/?)$", re.IGNORECASE)


@rule("ref/url-homepage", "info")
def url_homepage(ctx) -> Iterator[Hit]:
    for c in ctx.model.citations:
        p = c.template.param("url") or c.template.param("URL")
        if p is None or not p.value:
            continue
        parts = urlsplit(p.value)
        if parts.hostname and not parts.query and _HOMEPAGE_PATH.match(parts.path):
            yield Hit(p.start, p.value_end, {"param": p.name, "url": p.value})


_WAYBACK_STAMP = re.compile(r"archive\.org/(?:web/)?(\d{4})(\d\d)(\d\d)\d*", re.IGNORECASE)


@rule("ref/archive-date-mismatch", "warning")
def archive_date_mismatch(ctx) -> Iterator[Hit]:
    pairs = []
    for c in ctx.model.citations:
        t = c.template
        url, when = t.param("archive-url") or t.param("archiveurl"), t.param("archive-date") or t.param("archivedate")
        if url is not None and when is not None and url.value and when.value:
            pairs.append((url.value, when))
    webarchive = set(ctx.profile.templates["webarchive_templates"])
    for t in ctx.model.templates:
        if t.key in webarchive and t.get("url") and t.param("date") is not None and t.get("date"):
            pairs.append((t.get("url"), t.param("date")))
    for url, when in pairs:
        m = _WAYBACK_STAMP.search(url)
        d = date_of(ctx, when.value)
        if m is None or d is None or d.value is None:
            continue
        stamp = "-".join(m.groups())
        if d.value.isoformat() != stamp:
            fixed = _reformat(d, date(*map(int, m.groups())))
            yield Hit(when.start, when.value_end, {"value": when.value, "timestamp": stamp},
                      fixes=(Fix("Set the date from the timestamp", (Edit(when.value_start, when.value_end, fixed),)),))


def _reformat(like, day: date) -> str:
    """``day`` written in the format of the date ``like``."""
    month = calendar.month_name[day.month]
    return {
        "dmy": f"{day.day} {month} {day.year}",
        "mdy": f"{month} {day.day}, {day.year}",
        "zh": f"{day.year}年{day.month}月{day.day}日",
    }.get(like.format, day.isoformat())


@rule("ref/access-before-publication", "warning")
def access_before_publication(ctx) -> Iterator[Hit]:
    for c in ctx.model.citations:
        t = c.template
        access = t.param("access-date") or t.param("accessdate")
        published = t.get("date") or ""
        if access is None or not access.value or not published:
            continue
        a, p = date_of(ctx, access.value), date_of(ctx, published)
        if a is not None and p is not None and a.value is not None and p.value is not None and a.value < p.value:
            yield Hit(access.start, access.value_end, {"value": access.value, "date": published})


_POOLS = {
    "publication": ("date", "publication-date", "publicationdate", "orig-date"),
    "access": ("access-date", "accessdate", "archive-date", "archivedate"),
}
_FORMAT_NAMES = {"zh": {"dmy": "日月年", "mdy": "月日年", "ymd": "ISO年月日", "zh": "中文年月日", "publication": "发表日期", "access": "访问与存档日期"},
                 "en": {"dmy": "dmy", "mdy": "mdy", "ymd": "ymd", "zh": "Chinese", "publication": "publication dates", "access": "access and archive dates"}}


@rule("ref/date-format-mixed", "info")
def date_format_mixed(ctx) -> Iterator[Hit]:
    use = ctx.profile.templates["use_date_templates"]
    declared = next((use[t.key] for t in ctx.model.templates if t.key in use), None)
    names = _FORMAT_NAMES[ctx.profile.lang]
    for pool, params in _POOLS.items():
        dates = []
        for c in ctx.model.citations:
            df = (c.template.get("df") or "").split("-")[0] or None
            for p in c.template.params:
                if p.name in params and p.value:
                    d = date_of(ctx, p.value)
                    if d is not None and d.format is not None and d.value is not None:
                        dates.append((p, d, df))
        if not dates:
            continue
        counts = Counter(d.format for _p, d, _df in dates)
        top = max(counts.values())
        majority = declared or next(d.format for _p, d, _df in dates if counts[d.format] == top)
        odd = []
        for p, d, df in dates:
            expected = df if df in ("dmy", "mdy", "ymd") else majority
            if d.format != expected:
                odd.append((p, d, expected, Edit(p.value_start, p.value_end, _reformat(CsDate(p.value, expected, "day", None), d.value))))
        every = Fix("Reformat all dates in the pool", tuple(edit for *_x, edit in odd))
        for p, d, expected, edit in odd:
            yield Hit(p.start, p.value_end, {"param": p.name, "value": p.value, "format": d.format, "pool": pool,
                                             "majority": expected, "pool_label": names[pool],
                                             "format_label": names[d.format], "majority_label": names[expected]},
                      fixes=(Fix("Reformat this date", (edit,)), every))


_LIGATURES = re.compile("[\ufb00-\ufb06]")
_PLAIN = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}


@rule("ref/ligature-chars", "info")
def ligature_chars(ctx) -> Iterator[Hit]:
    spans = []
    for r in cite_refs(ctx):
        if r.content is not None and r.kind != "template":
            spans.append((r.start, r.open_end, r.content_start, r.content_end))
    notes = set(ctx.profile.templates["harv_templates"]) | set(ctx.profile.templates["sfn_templates"])
    for t in ctx.model.templates:
        if t.key in notes:
            for p in t.params:
                if p.name in ("quote", "ps"):
                    spans.append((t.start, t.end, p.value_start, p.value_end))
    for start, end, a, b in sorted(spans):
        found = _LIGATURES.findall(ctx.text[a:b])
        if found:
            edits = tuple(Edit(m.start() + a, m.end() + a, _PLAIN[m.group(0)]) for m in _LIGATURES.finditer(ctx.text[a:b]))
            yield Hit(start, end, {"chars": "".join(dict.fromkeys(found))}, fixes=(Fix("Replace with the plain letters", edits),))


_HEADING_LINE = re.compile(r"^(={1,6})[^\n]*\1[ \t\r]*$", re.M)


@rule("ref/in-heading", "warning")
def in_heading(ctx) -> Iterator[Hit]:
    """Not in the catalogue: a footnote in a heading lands in the table of contents and the section
    anchor, and edit summaries carry its text; reviewers move it into the section's first sentence."""
    headings = [(m.start(), m.end()) for m in _HEADING_LINE.finditer(ctx.model.masked)]
    if not headings:
        return
    starts = [a for a, _b in headings]
    for r in ctx.model.refs:
        i = bisect.bisect_right(starts, r.start) - 1
        if i >= 0 and r.end <= headings[i][1]:
            a, b = headings[i]
            body = re.search(r"\n|$", ctx.text[b:]).start() + b
            fix = Fix("Move the footnote to the start of the section", (Edit(r.start, r.end, ""), Edit(body + 1, body + 1, ctx.text[r.start : r.end])))
            yield Hit(r.start, r.open_end if r.kind == "tag" else r.end, {"ref": _label(ctx, r)},
                      fixes=(fix,) if body < len(ctx.text) else ())
