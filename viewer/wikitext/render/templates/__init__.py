"""The built-in template library: one small registered function per template family.

A renderer receives the call (name and arguments, each argument keeping the offset of its
value in the source) and a :class:`TemplateContext` from the HTML renderer, and returns HTML.
The HTML renderer stamps ``data-wv-src`` with the call's span on the outermost element, so
renderers need not. Arguments are wikitext: render them with ``ctx.inline``/``ctx.block``,
which parse, sanitise and keep their source offsets. Never put an argument into the HTML raw.

Registering::

    @template("Flagicon", "Flagdeco")
    def flag_icon(call: TemplateCall, ctx: TemplateContext) -> str: ...

    @template_family(lambda name: name.startswith("Lang-"))
    def lang_xx(call, ctx): ...

Lookup order for a name: an exact (normalised) name, then the families in registration order.
Modules of this package register on import; :func:`lookup` imports them all once.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

__all__ = [
    "Arg",
    "TemplateCall",
    "TemplateContext",
    "TemplateRenderer",
    "lookup",
    "normalize_name",
    "registered_names",
    "template",
    "template_family",
]


class Arg(str):
    """An argument's wikitext value that remembers where it starts in the source.

    ``offset`` is None when the value did not come straight from the source (an expanded
    template's output, say). Any string operation returns a plain ``str``.
    """

    offset: int | None

    def __new__(cls, value: str, offset: int | None = None) -> Arg:
        self = super().__new__(cls, value)
        self.offset = offset
        return self


@dataclass(frozen=True)
class TemplateCall:
    """One template call.

    ``name`` is normalised (:func:`normalize_name`); ``args`` maps ``"1"``, ``"2"``... and the
    named parameters to their values, the last duplicate winning as in MediaWiki; named values
    are stripped of surrounding whitespace, positional ones are kept as written. ``order``
    lists the parameter names in source order (duplicates once, at their last place).
    ``span`` is the call's source span, or None when the call was produced by an expansion.
    """

    name: str
    args: dict[str, Arg] = field(default_factory=dict)
    order: tuple[str, ...] = ()
    span: tuple[int, int] | None = None
    raw_name: str = ""

    def get(self, *names: str, default: str = "") -> Arg | str:
        """The first of ``names`` that has a non-blank value, else ``default``."""
        args = self.args
        for name in names:
            value = args.get(name)
            if value and not value.isspace():  # value.strip(), without the copy
                return value
        return default

    def positional(self) -> list[Arg]:
        """Positional values ``1..n`` in order, up to the first missing number."""
        values = []
        i = 1
        while str(i) in self.args:
            values.append(self.args[str(i)])
            i += 1
        return values


class TemplateContext(Protocol):
    """What the HTML renderer offers a template renderer."""

    title: str  # the page title
    lang: str  # content language, e.g. "zh"
    variant: str | None  # the zh variant shown, or None
    templates_dir: Path | None  # the user's template folder, if any

    def page_source(self, title: str) -> str | None:
        """The wikitext of page ``title`` (``"Template:X"``, ``"Module:CGroup/Y"``) from the
        pages given or the template folder, or None when there is no such page."""

    def inline(self, wikitext: str) -> str:
        """HTML of inline wikitext (links, formatting, refs...; no paragraph wrapping)."""

    def block(self, wikitext: str) -> str:
        """HTML of block wikitext (paragraphs, lists, tables...)."""

    def ref(self, content: str, *, name: str | None = None, group: str = "") -> str:
        """Register a footnote as ``<ref name=... group=...>content</ref>`` does; returns the
        ``sup.reference`` marker HTML. ``content`` is wikitext ("" for a reuse of ``name``)."""

    def references(self, group: str = "", *, columns: str | None = None, refs: str = "") -> str:
        """The reference list of ``group`` (``ol.references`` inside ``div.reflist``), as
        ``<references/>`` renders it; ``refs`` is list-defined refs' wikitext; ``columns`` a
        CSS column width or count (``{{reflist|2}}``, ``{{reflist|30em}}``)."""

    def add_category(self, name: str, sort_key: str | None = None) -> None:
        """Put the page in a category (shown in the category bar, not in the body)."""

    def error(self, code: str, message: str) -> str:
        """An inline error as MediaWiki shows one: ``<span class="error wv-error" data-code=...>``."""

    def expand(self, wikitext: str) -> str:
        """Wikitext with its templates, parser functions and parameters expanded."""


TemplateRenderer = Callable[[TemplateCall, TemplateContext], str]

_EXACT: dict[str, TemplateRenderer] = {}
_FAMILIES: list[tuple[Callable[[str], bool], TemplateRenderer]] = []
_loaded = False


def normalize_name(name: str) -> str:
    """MediaWiki's title normalisation for template names: ``_`` is a space, runs of spaces
    fold, surrounding space goes, a ``Template:`` prefix goes, the first letter is upper case."""
    name = " ".join(name.replace("_", " ").split())
    if name[:9].lower() == "template:":
        name = name[9:].lstrip()
    return name[:1].upper() + name[1:]


def template(*names: str) -> Callable[[TemplateRenderer], TemplateRenderer]:
    """Register a renderer under one or more exact template names."""

    def register(func: TemplateRenderer) -> TemplateRenderer:
        for name in names:
            key = normalize_name(name)
            if key in _EXACT and _EXACT[key] is not func:
                raise ValueError(f"template {key!r} is registered twice")
            _EXACT[key] = func
        return func

    return register


def template_family(matches: Callable[[str], bool]) -> Callable[[TemplateRenderer], TemplateRenderer]:
    """Register a renderer for every normalised name that ``matches`` accepts."""

    def register(func: TemplateRenderer) -> TemplateRenderer:
        _FAMILIES.append((matches, func))
        return func

    return register


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


def lookup(name: str) -> TemplateRenderer | None:
    """The built-in renderer for template ``name``, or None."""
    _load()
    key = normalize_name(name)
    found = _EXACT.get(key)
    if found is not None:
        return found
    for matches, func in _FAMILIES:
        if matches(key):
            return func
    return None


def registered_names() -> list[str]:
    """Every exact name registered (for the README's list and the tests)."""
    _load()
    return sorted(_EXACT)
