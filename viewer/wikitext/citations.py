"""The reference model of one text: refs, reference lists, templates and CS1 citations, with spans.

Built by one scan that follows MediaWiki's preprocessor where it matters for citations:
comments and the opaque tags (``<nowiki>``, ``<pre>``, ``<math>`` ...) are masked first (§1.4);
``<ref>`` is an extension tag whose content runs to the first ``</ref>`` and is opaque to the
template braces around it (so a ``|`` inside a ref never splits a template argument); ``{{``/``[[``
nest and only the innermost open one can be closed. The model is plain data that every check rule
shares: parse once per run.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, fields, replace
from functools import cached_property

__all__ = [
    "LIST_ATTRIBUTES",
    "Attribute",
    "Citation",
    "Param",
    "Ref",
    "RefList",
    "RefModel",
    "Stray",
    "Template",
    "build_model",
    "joined_model",
    "mask",
    "moved_model",
    "normalize_attr",
    "template_key",
]

# Opaque regions (§1.4): their content is neither refs nor templates. Beyond the catalogue's list,
# the tags whose bodies are data in another syntax (timeline, graph, maps, hieroglyphs) are opaque too.
_OPAQUE = "nowiki|pre|syntaxhighlight|source|math|chem|score|timeline|graph|mapframe|maplink|templatedata|hiero"
_MASK_RE = re.compile(
    r"<!--.*?(?:-->|\Z)"
    rf"|<({_OPAQUE})\b[^>]*?/>"
    rf"|<({_OPAQUE})\b[^>]*>.*?(?:</\2\s*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)


def mask(text: str) -> str:
    """``text`` with comments and opaque tags blanked to spaces (newlines kept), same length."""

    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    return _MASK_RE.sub(blank, text)


LIST_ATTRIBUTES = ("group", "responsive")  # what <references> accepts (catalogue §2)
_WS_RE = re.compile(r"\s+")
_ATTR_WS_RE = re.compile(r"[ \t\n\r\f]+")  # ASCII only: ``a<U+2028>b`` stays a name of its own


def normalize_attr(value: str) -> str:
    """An attribute value as Cite reads it: trimmed, inner whitespace runs collapsed to one space."""
    return _ATTR_WS_RE.sub(" ", value).strip(" ")


def template_key(name: str) -> str:
    """A template name as MediaWiki resolves it: first letter case-free, ``_`` = space, trimmed."""
    name = _WS_RE.sub(" ", name.replace("_", " ")).strip()
    if name[:9].lower() == "template:":
        name = name[9:].strip()
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class Attribute:
    """A ref's attribute, or the parameter that plays its part in a template ref."""

    name: str  # as written (Cite compares lower-case names)
    value: str | None  # normalized; None when written without ``=``
    start: int  # the whole ``name="value"`` (or ``|name=value``), for removing it
    end: int
    value_start: int = -1  # the value alone, for renaming it; -1 when none
    value_end: int = -1


# As MediaWiki's Sanitizer: a quote left open runs to the end of the tag (``name="a <b>`` is ``a <b``).
_ATTR_RE = re.compile(r"""([^\s/>="']+)(?:\s*=\s*(?:"([^"]*)(?:"|$)|'([^']*)(?:'|$)|([^\s"'>]*)))?""")


def _attributes(source: str, offset: int) -> tuple[Attribute, ...]:
    found = []
    for m in _ATTR_RE.finditer(source):
        raw = next((g for g in m.groups()[1:] if g is not None), None)
        value = None if raw is None else normalize_attr(raw)
        group = next((i for i in (2, 3, 4) if m.group(i) is not None), None)
        vs, ve = (offset + m.start(group), offset + m.end(group)) if group else (-1, -1)
        found.append(Attribute(m.group(1), value, offset + m.start(), offset + m.end(), vs, ve))
    return tuple(found)


@dataclass(frozen=True)
class Param:
    """One template argument: ``name`` is None for a positional one (``index`` is then its number)."""

    name: str | None
    index: int | None
    value: str  # trimmed for named arguments, as written for positional ones
    start: int  # the ``|`` before it
    end: int
    value_start: int
    value_end: int

    @property
    def key(self) -> str:
        return self.name if self.name is not None else str(self.index)


@dataclass(frozen=True)
class Template:
    name: str  # as written, stripped
    key: str  # template_key(name)
    start: int
    end: int
    name_start: int
    name_end: int
    params: tuple[Param, ...]
    depth: int  # 0 at top level, counting enclosing templates (not refs)

    def get(self, name: str) -> str | None:
        """The last value of a named or positional argument (MediaWiki keeps the last)."""
        p = self._last.get(name)
        return None if p is None else p.value.strip()

    def param(self, name: str) -> Param | None:
        return self._last.get(name)

    @cached_property
    def _last(self) -> dict[str, Param]:
        """Each argument's last occurrence by key (rules ask for dozens of names per template)."""
        return {p.key: p for p in self.params}

    @property
    def positional(self) -> list[Param]:
        return [p for p in self.params if p.name is None]


@dataclass(frozen=True)
class Ref:
    """One ref occurrence: a ``<ref>`` tag, a ``{{#tag:ref}}`` or a ref-producing template."""

    kind: str  # "tag", "tag-function", "template"
    start: int
    end: int
    open_end: int  # end of the opening tag (the span cite/* rules mark)
    content: str | None  # None: self-closing (no content)
    content_start: int
    content_end: int
    attrs: tuple[Attribute, ...] = ()
    name: str | None = None
    group: str = ""
    follow: str | None = None
    dir: str | None = None
    list_index: int | None = None  # the list it is defined in (LDR), else None
    template: str = ""  # for kind="template": the template's key

    @property
    def has_text(self) -> bool:
        return self.content is not None and self.content.strip() != ""

    @property
    def is_ldr(self) -> bool:
        return self.list_index is not None


@dataclass(frozen=True)
class RefList:
    kind: str  # "tag" or "template"
    start: int
    end: int
    open_end: int
    group: str
    attrs: tuple[Attribute, ...] = ()
    template: str = ""
    body_start: int = -1  # the ``<references>`` body or ``refs=`` value, -1 if none
    body_end: int = -1

    @property
    def valid(self) -> bool:
        """REL1_39 renders a ``<references>`` with an attribute other than group/responsive as an
        error instead of a list: its group's refs then have no list there."""
        return self.kind == "template" or all(a.name.lower() in LIST_ATTRIBUTES for a in self.attrs)


@dataclass(frozen=True)
class Stray:
    """A closing or opening token that pairs with nothing: ``]]``, ``}}``, ``[[``, ``</ref>``, ``<ref>``."""

    token: str
    start: int
    end: int


@dataclass(frozen=True)
class Citation:
    """A CS1/CS2 template (``{{cite ...}}``, ``{{citation}}``) and the ref it sits in, if any."""

    template: Template
    kind: str  # canonical lower-case name, e.g. "cite book"
    ref: int | None  # index into RefModel.refs of the innermost ref containing it


@dataclass
class RefModel:
    text: str
    masked: str
    templates: list[Template] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    lists: list[RefList] = field(default_factory=list)
    strays: list[Stray] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    def ref_at(self, offset: int, starts: list[int] | None = None) -> int | None:
        """The innermost ref whose content contains ``offset`` (refs hardly nest: look back a little)."""
        if starts is None:
            starts = [r.content_start if r.content is not None else r.start for r in self.refs]
        i = bisect.bisect_right(starts, offset) - 1
        for j in range(i, max(i - 8, -1), -1):
            r = self.refs[j]
            if r.content is not None and r.content_start <= offset < r.content_end:
                return j
        return None


# -- the scan -----------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    r"\{\{|\}\}|\[\[|\]\]|\||<(/?)(ref|references)\b([^>]*?)(/?)>",
    re.IGNORECASE,
)


_CLOSE_RE = {tag: re.compile(r"</%s\s*>" % tag, re.IGNORECASE) for tag in ("ref", "references")}


@dataclass
class _Open:
    kind: str  # "{{" or "[["
    start: int
    pipes: list[int] = field(default_factory=list)
    depth: int = 0
    children: list[tuple[int, int]] = field(default_factory=list)  # nested templates and tags: opaque to ``=``


@dataclass(frozen=True)
class _Tables:
    """Template-name tables the model needs (per profile, from the checks' data files)."""

    ref_templates: dict[str, dict]  # key -> {"group": ..., "name_param": ..., "content_param": ...}
    list_templates: dict[str, dict]  # key -> {"group": ...}
    citation_templates: dict[str, str]  # key -> canonical kind
    sfn_templates: frozenset[str]


def _split_params(masked: str, start: int, end: int, pipes: list[int], children=()) -> tuple[str, int, int, tuple[Param, ...]]:
    """Name and arguments of the template ``masked[start:end]`` given its top-level pipes."""
    inner_end = end - 2
    bounds = [start + 2, *pipes, inner_end]
    name_raw = masked[bounds[0] : bounds[1]]
    lead = len(name_raw) - len(name_raw.lstrip())
    name = name_raw.strip()
    params = []
    index = 0
    for i in range(1, len(bounds) - 1):
        seg_start, seg_end = bounds[i], bounds[i + 1]
        seg = masked[seg_start + 1 : seg_end]
        eq = seg.find("=")
        while eq >= 0 and any(a <= seg_start + 1 + eq < b for a, b in children):
            eq = seg.find("=", eq + 1)
        if eq >= 0:
            pname = seg[:eq].strip()
            raw = seg[eq + 1 :]
            vs = seg_start + 1 + eq + 1
            lead_v = len(raw) - len(raw.lstrip())
            value = raw.strip()
            params.append(Param(pname, None, value, seg_start, seg_end, vs + lead_v, vs + lead_v + len(value)))
        else:
            index += 1
            params.append(Param(None, index, seg, seg_start, seg_end, seg_start + 1, seg_end))
    return name, bounds[0] + lead, bounds[0] + lead + len(name), tuple(params)


def _scan(model: RefModel, tables: _Tables, start: int, end: int, in_list: int | None, in_ref: bool = False) -> None:
    """Scan ``masked[start:end]`` for templates, links, refs and lists (recursing into ref bodies)."""
    masked = model.masked
    stack: list[_Open] = []
    pos = start
    while True:
        m = _TOKEN_RE.search(masked, pos, end)
        if m is None:
            break
        tok = m.group(0)
        pos = m.end()
        if tok == "{{" or tok == "[[":
            stack.append(_Open(tok, m.start(), depth=sum(1 for o in stack if o.kind == "{{")))
        elif tok == "|":
            if stack:
                stack[-1].pipes.append(m.start())
        elif tok == "}}" or tok == "]]":
            want = "{{" if tok == "}}" else "[["
            if stack and stack[-1].kind == want:
                o = stack.pop()
                if stack:
                    stack[-1].children.append((o.start, m.end()))
                if want == "{{":
                    _add_template(model, tables, o, m.end(), in_list)
            else:
                model.strays.append(Stray(tok, m.start(), m.end()))
        else:  # a ref or references tag
            closing, tag, attr_src, selfclose = m.group(1), m.group(2).lower(), m.group(3), m.group(4)
            if attr_src and not attr_src[:1].isspace():
                continue  # <refx>: not our tag (the \b already excludes letters; this catches e.g. <ref:>)
            if closing:
                if tag == "ref":
                    model.strays.append(Stray("</ref>", m.start(), m.end()))
                continue
            attrs = _attributes(attr_src, m.start(3))
            if selfclose:
                body = None
                body_start = body_end = close_end = m.end()
            else:
                close = _CLOSE_RE[tag].search(masked, m.end(), end)
                if close is None:
                    if tag == "ref" and not in_ref:  # inside a ref body it is cite/unclosed's finding
                        model.strays.append(Stray("<ref>", m.start(), m.end()))
                    continue  # MediaWiki shows an unclosed extension tag as text
                body_start, body_end, close_end = m.end(), close.start(), close.end()
                body = model.text[body_start:body_end]
            if stack:
                stack[-1].children.append((m.start(), close_end))
            if tag == "ref":
                _add_ref(model, "tag", m.start(), close_end, m.end(), body, body_start, body_end, attrs, in_list)
            else:
                group = _attr(attrs, "group") or ""
                model.lists.append(
                    RefList("tag", m.start(), close_end, m.end(), group, attrs,
                            body_start=body_start if body is not None else -1,
                            body_end=body_end if body is not None else -1)
                )
            if body is not None:
                nested_list = len(model.lists) - 1 if tag == "references" else in_list
                if tag == "ref":
                    nested_list = None
                _scan(model, tables, body_start, body_end, nested_list, in_ref or tag == "ref")
            pos = close_end
    # Unclosed openers: MediaWiki shows them as text; only ``[[`` is a reader-visible defect here.
    for o in stack:
        if o.kind == "[[":
            model.strays.append(Stray("[[", o.start, o.start + 2))
        else:
            model.strays.append(Stray("{{", o.start, o.start + 2))


def _attr(attrs: tuple[Attribute, ...], name: str) -> str | None:
    value = None
    for a in attrs:
        if a.name.lower() == name:
            value = a.value if a.value else None
    return value


def _add_ref(model, kind, start, end, open_end, body, body_start, body_end, attrs, in_list, template=""):
    group = _attr(attrs, "group") or ""
    if in_list is not None and _attr(attrs, "group") is None:
        group = model.lists[in_list].group  # LDRs inherit their list's group
    model.refs.append(
        Ref(kind, start, end, open_end, body, body_start, body_end, attrs,
            name=_attr(attrs, "name"), group=group, follow=_attr(attrs, "follow"),
            dir=_attr(attrs, "dir"), list_index=in_list, template=template)
    )


def _add_template(model: RefModel, tables: _Tables, o: _Open, end: int, in_list: int | None) -> None:
    name, ns, ne, params = _split_params(model.masked, o.start, end, o.pipes, o.children)
    key = template_key(name) if not name.startswith("#") else name.lower().replace(" ", "")
    t = Template(name, key, o.start, end, ns, ne, params, o.depth)
    model.templates.append(t)
    if key == "#tag:references":
        body = t.param("1")
        attrs = tuple(Attribute(p.name, normalize_attr(p.value) or None, p.start, p.end, p.value_start, p.value_end)
                      for p in params if p.name)
        model.lists.append(
            RefList("tag-function", o.start, end, end, _attr(attrs, "group") or "", attrs,
                    body_start=body.value_start if body else -1, body_end=body.value_end if body else -1)
        )
        return
    if key == "#tag:ref":
        first = t.param("1")
        attrs = tuple(Attribute(p.name, normalize_attr(p.value) or None, p.start, p.end, p.value_start, p.value_end)
                      for p in params if p.name)
        body = model.text[first.value_start : first.value_end] if first is not None else None  # as written
        _add_ref(model, "tag-function", o.start, end, end, body,
                 first.value_start if first else end, first.value_end if first else end, attrs, in_list)
        return
    spec = tables.ref_templates.get(key)
    if spec is not None and spec.get("name") == "*positional":
        group = t.get("group") or spec.get("group", "")
        for p in t.positional:
            if p.value.strip():
                attrs = [Attribute("name", normalize_attr(p.value), p.start, p.end, p.value_start, p.value_end)]
                if group:
                    attrs.append(Attribute("group", group, ns, ne))
                _add_ref(model, "template", o.start, end, end, None, end, end, tuple(attrs), in_list, template=key)
        return
    if spec is not None:
        content_p = t.param(spec.get("content", "1")) if spec.get("content") != "" else None
        name_p = t.param(spec["name"]) if spec.get("name") else None
        attrs = []
        if name_p is not None and name_p.value.strip():
            attrs.append(Attribute("name", normalize_attr(name_p.value), name_p.start, name_p.end, name_p.value_start, name_p.value_end))
        group = t.get("group") or spec.get("group", "")
        if group:
            attrs.append(Attribute("group", group, ns, ne))
        body = model.text[content_p.value_start : content_p.value_end] if content_p is not None else None
        _add_ref(model, "template", o.start, end, end, body,
                 content_p.value_start if content_p else end, content_p.value_end if content_p else end,
                 tuple(attrs), in_list, template=key)
        return
    if key in tables.sfn_templates:
        model.refs.append(Ref("template", o.start, end, end, model.text[o.start:end], o.start, end,
                              name="FOOTNOTE" + str(o.start), template=key))
        return
    spec = tables.list_templates.get(key)
    if spec is not None:
        group = t.get("group") or spec.get("group", "")
        refs = t.param("refs")
        model.lists.append(
            RefList("template", o.start, end, end, group, template=key,
                    body_start=refs.value_start if refs else -1, body_end=refs.value_end if refs else -1)
        )
        return
    kind = tables.citation_templates.get(key) or tables.citation_templates.get(key.lower())
    if kind is None and key[:5].lower() == "cite ":
        kind = key.lower()
    if kind is not None:
        model.citations.append(Citation(t, kind, None))


def build_model(text: str, tables: _Tables) -> RefModel:
    """The reference model of ``text`` (use :func:`viewer.wikitext.checks.model_for` for a profile)."""
    model = RefModel(text, mask(text))
    _scan(model, tables, 0, len(text), None)
    # Refs inside a list template's ``refs=`` are list-defined refs of that list's group.
    for li, lst in enumerate(model.lists):
        if lst.kind != "tag" and lst.body_start >= 0:
            for i, r in enumerate(model.refs):
                if r.list_index is None and lst.body_start <= r.start and r.end <= lst.body_end:
                    group = r.group if _attr(r.attrs, "group") is not None else lst.group
                    model.refs[i] = replace(r, list_index=li, group=group)
    order = sorted(range(len(model.lists)), key=lambda i: model.lists[i].start)
    # A list inside another list's body is no list of its own (MediaWiki reports the outer one as
    # unclosed): its refs belong to the outer list.
    outer_of = {}
    bodies = [j for j in order if model.lists[j].body_start >= 0]
    for i in order if bodies else ():
        lst = model.lists[i]
        outer = next((j for j in bodies if j != i and model.lists[j].body_start <= lst.start < model.lists[j].body_end), None)
        if outer is not None:
            outer_of[i] = outer
    while any(v in outer_of for v in outer_of.values()):
        outer_of = {k: outer_of.get(v, v) for k, v in outer_of.items()}
    order = [i for i in order if i not in outer_of]
    renumber = {old: new for new, old in enumerate(order)}
    renumber.update({inner: renumber[outer] for inner, outer in outer_of.items()})
    model.lists = [model.lists[i] for i in order]
    model.refs = sorted(
        (r if r.list_index is None else replace(r, list_index=renumber[r.list_index]) for r in model.refs),
        key=lambda r: r.start,
    )
    model.templates.sort(key=lambda t: t.start)
    model.strays.sort(key=lambda s: s.start)
    starts = [r.content_start if r.content is not None else r.start for r in model.refs]
    model.citations = [
        Citation(c.template, c.kind, model.ref_at(c.template.start, starts))
        for c in sorted(model.citations, key=lambda c: c.template.start)
    ]
    return model



# -- a model from the models of a text's parts ------------------------------------------------------

def _moved(obj, by: int, **changed):
    """A copy of the frozen ``obj`` with its offsets (those >= 0; -1 means none) moved by ``by``,
    made without ``__init__`` (a model holds tens of thousands of these)."""
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))
    state = {name: obj.__dict__[name] for name in names}  # not the cached indexes of the old one
    for name in _OFFSETS[cls]:
        if state[name] >= 0:
            state[name] += by
    state.update(changed)
    new = object.__new__(cls)
    object.__setattr__(new, "__dict__", state)
    return new


_FIELDS: dict[type, tuple[str, ...]] = {}
_OFFSETS = {
    Param: ("start", "end", "value_start", "value_end"),
    Attribute: ("start", "end", "value_start", "value_end"),
    Stray: ("start", "end"),
    Template: ("start", "end", "name_start", "name_end"),
    Ref: ("start", "end", "open_end", "content_start", "content_end"),
    RefList: ("start", "end", "open_end", "body_start", "body_end"),
}


def moved_model(model: RefModel, by: int, refs_before: int, lists_before: int) -> RefModel:
    """``model`` of a part placed at offset ``by`` of a longer text, after ``refs_before`` refs and
    ``lists_before`` lists (its indexes into them move too); ``text`` and ``masked`` are the part's."""
    if not (by or refs_before or lists_before):
        return model
    templates = {}
    for t in model.templates:
        templates[id(t)] = _moved(t, by, params=tuple(_moved(p, by) for p in t.params))
    return RefModel(
        model.text,
        model.masked,
        [templates[id(t)] for t in model.templates],
        [_moved(r, by, attrs=tuple(_moved(a, by) for a in r.attrs), name=_moved_name(r, by),
                list_index=None if r.list_index is None else r.list_index + lists_before) for r in model.refs],
        [_moved(lst, by, attrs=tuple(_moved(a, by) for a in lst.attrs)) for lst in model.lists],
        [_moved(x, by) for x in model.strays],
        [Citation(templates[id(c.template)], c.kind, None if c.ref is None else c.ref + refs_before)
         for c in model.citations],
    )


def _moved_name(r: Ref, by: int) -> str | None:
    """A footnote template's ref is named by its offset (see _add_template): it moves with it."""
    if r.kind == "template" and r.name == f"FOOTNOTE{r.start}":
        return f"FOOTNOTE{r.start + by}"
    return r.name


def joined_model(text: str, placed: list[RefModel]) -> RefModel:
    """The model of ``text`` from those of its parts, each already placed (:func:`moved_model`)
    in order. Equal to ``build_model(text)`` when nothing the scan follows (a template, a link, a
    ref, a comment, an opaque tag) is open across a cut, as :func:`parse.chunk_cuts` ensures."""
    joined = RefModel(text, "".join(m.masked for m in placed))
    for m in placed:
        joined.templates.extend(m.templates)
        joined.refs.extend(m.refs)
        joined.lists.extend(m.lists)
        joined.strays.extend(m.strays)
        joined.citations.extend(m.citations)
    return joined



# -- CITEREF anchors (Module:Footnotes, Module:Citation/CS1) ------------------------------------

_LINK_RE = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]")
_YEAR_RE = re.compile(r"^(?:\d{3,4}[a-z]?|n\.d\.[a-z]?|nd[a-z]?|c\. \d{3,4}[a-z]?|\d{3,4}[–-]\d{2,4}[a-z]?)$")
_DATE_YEAR_RE = re.compile(r"(?:^|\D)(\d{3,4}[a-z]?)$|^(\d{4})-\d\d-\d\d$|^(n\.d\.)$|^c\. (\d{3,4})$|^(\d{4}[–-]\d{2,4})$")
_ZH_YEAR_RE = re.compile(r"^(\d{3,4})年")


def anchor_encode(text: str) -> str:
    """What ``mw.uri.anchorEncode`` makes of a name: link labels, no ''/''', entities decoded, ``_`` for spaces."""
    import html

    text = _LINK_RE.sub(r"\1", text).replace("'''", "").replace("''", "")
    text = html.unescape(text).strip()
    return re.sub(r"[\s_]+", "_", text)


def is_year(value: str) -> bool:
    """A footnote's year argument as Module:Footnotes accepts it (``2001``, ``2001a``, ``n.d.``, ``c. 1900`` ...)."""
    return bool(_YEAR_RE.match(value.strip()))


def citation_year(t: Template) -> str:
    """The year a citation puts into its anchor: ``year=``, else the year of ``date=``."""
    year = t.get("year")
    if year:
        return year
    date = (t.get("date") or t.get("publication-date") or t.get("publicationdate") or "").strip()
    if not date:
        return ""
    m = _DATE_YEAR_RE.search(date)
    if m:
        return next(g for g in m.groups() if g)
    m = _ZH_YEAR_RE.match(date)
    return m.group(1) if m else ""


_NAME_LISTS = (
    ("contributor-last", "contributor-surname", "contributor"),
    ("last", "surname", "author", "author-last", "author-surname"),
    ("editor-last", "editor-surname", "editor"),
)


def _numbered(t: Template, bases: tuple[str, ...], n: int) -> str:
    for base in bases:
        names = [f"{base}{n}"]
        if "-" in base:
            head, tail = base.split("-", 1)
            names.append(f"{head}{n}-{tail}")
        if n == 1:
            names.insert(0, base)
        for name in names:
            value = t.get(name)
            if value:
                return value
    return ""


def citation_names(t: Template) -> list[str]:
    """The last names of the first four people, from the first list that has any (§5.1)."""
    for bases in _NAME_LISTS:
        names = []
        for n in range(1, 5):
            value = _numbered(t, bases, n)
            if not value:
                break
            names.append(value)
        if names:
            return names
        if bases[0] == "last" and t.get("vauthors"):
            return [re.sub(r"\s+[A-Z]+$", "", a.strip()) for a in t.get("vauthors").split(",")][:4]
    return []


_SFNREF_RE = re.compile(r"^\{\{\s*(?:sfnref|harvid)\s*\|(.*)\}\}$", re.IGNORECASE | re.DOTALL)


def ref_value_anchor(value: str) -> str | None:
    """The anchor a ``|ref=`` value sets: ``{{sfnref|A|2001}}`` -> CITEREFA2001, ``none`` -> None."""
    value = value.strip()
    if value.lower() == "none" or not value:
        return None
    m = _SFNREF_RE.match(value)
    if m:
        parts = [p.strip() for p in m.group(1).split("|") if "=" not in p]
        return "CITEREF" + "".join(anchor_encode(p) for p in parts)
    return anchor_encode(value)


def citation_anchor(t: Template) -> str | None:
    """The CITEREF anchor of a CS1/CS2 citation, or None when it has none (no names, ``ref=none``)."""
    ref = t.get("ref")
    # en's old |ref=harv asked for the default anchor, which CS1 now always makes
    if ref is not None and ref.strip() and ref.strip().lower() != "harv":
        return ref_value_anchor(ref)
    names = citation_names(t)
    if not names:
        return None
    return "CITEREF" + "".join(anchor_encode(n) for n in names) + anchor_encode(citation_year(t))


def footnote_anchors(t: Template, multi: bool) -> list[tuple[str, str]]:
    """(anchor, year argument) of each citation an sfn/harv call points at (several for {{sfnm}})."""
    ref = t.get("ref")
    if ref:
        return [(ref_value_anchor(ref) or "", "")]
    if multi:
        found = []
        for n in range(1, 10):
            names = [t.get(f"{n}a{i}") for i in range(1, 5)]
            names = [x for x in names if x]
            if not names:
                break
            year = t.get(f"{n}y") or ""
            found.append(("CITEREF" + "".join(anchor_encode(x) for x in names) + anchor_encode(year), year))
        return found
    positional = [p.value.strip() for p in t.positional]
    while positional and not positional[-1]:
        positional.pop()
    year = ""
    if positional and is_year(positional[-1]) and len(positional) > 1:
        year = positional.pop()
    names = positional[:4]
    return [("CITEREF" + "".join(anchor_encode(x) for x in names) + anchor_encode(year), year)]
