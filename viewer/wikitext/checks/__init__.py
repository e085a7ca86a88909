"""Citation and markup checks: the rule registry and the one entry point, :func:`run_checks`.

Each family of rules is one module (``cite``, ``ref``, ``cs1``, ``sfn``, ``markup``); each rule is
a small generator registered in :data:`RULES` with its code, default severity and source key.
The text is parsed once per run into a :class:`~viewer.wikitext.citations.RefModel` that every
rule shares; messages are built in :mod:`._messages`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Any

from viewer.wikitext.checks._messages import message
from viewer.wikitext.checks._profile import PROFILES, Profile, load_profile
from viewer.wikitext.checks._registry import RULES, Hit, Rule, rule
from viewer.wikitext.citations import RefModel, build_model, joined_model, moved_model
from viewer.wikitext.diagnostics import SEVERITIES, Diagnostic, Edit, Fix
from viewer.wikitext.limits import MAX_TEXT_CHARS
from viewer.wikitext.parse import LineIndex, Part

__all__ = ["CheckConfig", "Context", "Hit", "PROFILES", "RULES", "Rule", "apply_edits", "model_for", "rule", "run_checks"]


@dataclass(frozen=True)
class CheckConfig:
    """Which rules run and at what severity; unknown codes raise so that a typo fails loudly."""

    enabled: Mapping[str, bool] = field(default_factory=dict)
    severities: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # per rule, over its defaults
    today: date | None = None  # for date-range rules; None: the local date
    section_preview: bool = False  # checking a selection only: Cite's section-preview wording (§2 note 3)
    variant: str | None = None  # the zh variant messages are shown in (zh-hant, zh-tw ...); None: zh-hans

    def __post_init__(self) -> None:
        for code in [*self.enabled, *self.severities, *self.options]:
            if code not in RULES:
                close = difflib.get_close_matches(code, RULES, n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise ValueError(f"unknown check rule code {code!r}{hint}")
        for code, severity in self.severities.items():
            if severity not in SEVERITIES:
                raise ValueError(f"severity of {code} must be one of {', '.join(SEVERITIES)}, not {severity!r}")
        for code, options in self.options.items():
            unknown = set(options) - set(RULES[code].options)
            if unknown:
                raise ValueError(f"rule {code} has no option {', '.join(sorted(unknown))}")
        object.__setattr__(self, "enabled", MappingProxyType(dict(self.enabled)))
        object.__setattr__(self, "severities", MappingProxyType(dict(self.severities)))

    def is_enabled(self, rule: Rule) -> bool:
        return self.enabled.get(rule.code, rule.enabled)

    def severity(self, rule: Rule) -> str:
        return self.severities.get(rule.code, rule.severity)


@dataclass
class Context:
    """What every rule of one run shares: the text, its model, the profile data, the date."""

    text: str
    model: RefModel
    profile: Profile
    today: date
    config: CheckConfig = field(default_factory=CheckConfig)

    def options(self, code: str) -> dict[str, Any]:
        """A rule's options: its registered defaults, overridden by the config."""
        return {**RULES[code].options, **self.config.options.get(code, {})}

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def shared(self) -> dict[str, Any]:
        """Derived data several rules need (CITEREF anchors, parsed dates ...), computed once."""
        return {}


def model_for(text: str, profile: str = "zh") -> RefModel:
    """The reference model of ``text`` with ``profile``'s template tables."""
    return build_model(text, load_profile(profile).tables)


_DISABLE_RE = re.compile(r"<!--\s*wikiview-disable-next-line\b([^>]*?)-->")


def run_checks(text: str, *, profile: str = "zh", config: CheckConfig | None = None,
               parts: Sequence[tuple[int, Part]] | None = None) -> list[Diagnostic]:
    """Every finding of every enabled rule on ``text``, sorted by span start.

    With ``parts`` (``parse.parse_parts(text)``), the rules of scope "part" run on each part
    and their findings are kept on the part, so that after an edit they run on one part only.

    A text over :data:`~viewer.wikitext.limits.MAX_TEXT_CHARS` gets one finding saying so
    (``markup/too-long``) instead of a run that would take minutes and gigabytes."""
    config = config or CheckConfig()
    prof = load_profile(profile)
    if len(text) > MAX_TEXT_CHARS:
        too_long = RULES["markup/too-long"]
        if not config.is_enabled(too_long):
            return []
        data = {"length": len(text), "limit": MAX_TEXT_CHARS}
        return [Diagnostic(too_long.code, config.severity(too_long),
                           message(too_long.code, "", data, prof, config.variant), 0, len(text), "", (), data)]
    today = config.today or date.today()
    rules = [r for r in RULES.values() if config.is_enabled(r)]
    found: list[Diagnostic] = []
    if parts is not None and len(parts) > 1:
        per_part = [r for r in rules if r.scope == "part"]
        rules = [r for r in rules if r.scope != "part"]
        model = _joined_model(text, parts, profile, prof)
        if model is None:  # a part's scan ended with something open: check the text whole
            return run_checks(text, profile=profile, config=config)
        key = ("checks", profile, today, _config_key(config))
        for start, part in parts:
            cached = part.facts.get(key)
            if cached is None:
                ctx = Context(part.text, part.facts[("model", profile)], prof, today, config)
                cached = part.facts[key] = _findings(ctx, per_part)
            found.extend(cached if not start else (_shifted(d, start) for d in cached))
    else:
        model = build_model(text, prof.tables)
    ctx = Context(text, model, prof, today, config)
    found.extend(_findings(ctx, rules))
    found = _silenced(text, found, ctx)
    found.sort(key=lambda d: (d.start, d.end, d.code))
    return found


def _joined_model(text: str, parts: Sequence[tuple[int, Part]], profile: str, prof: Profile) -> RefModel | None:
    """The model of ``text`` from its parts' models, each kept on its part, and kept placed where
    it was in the last run (the parts before an edit do not move); None when a part leaves
    something open that the scan of the whole text might close in a later part."""
    placed = []
    refs_before = lists_before = 0
    used: dict[int, set] = {}
    for start, part in parts:
        model = part.facts.get(("model", profile))
        if model is None:
            model = part.facts[("model", profile)] = build_model(part.text, prof.tables)
        if not _closed(model):
            return None
        where = (start, refs_before, lists_before)
        places = part.facts.setdefault(("placed models", profile), {})
        moved = places.get(where)
        if moved is None:
            moved = places[where] = moved_model(model, *where)
        used.setdefault(id(part), set()).add(where)
        placed.append(moved)
        refs_before += len(model.refs)
        lists_before += len(model.lists)
    for _, part in parts:  # forget the places this text no longer has (a text may repeat a part)
        places = part.facts[("placed models", profile)]
        for where in [w for w in places if w not in used[id(part)]]:
            del places[where]
    return joined_model(text, placed)


_REFERENCES_OPEN = re.compile(r"<references\b[^>]*?(?<!/)>", re.IGNORECASE)
_REFERENCES_CLOSE = re.compile(r"</references\s*>", re.IGNORECASE)


def _closed(model: RefModel) -> bool:
    """Whether the scan of a part ended with nothing open: a ``{{``, ``[[`` or ``<ref>`` it could
    not close (in the whole text a later part's closer could), or a ``<references>``."""
    if any(s.token in ("{{", "[[", "<ref>") for s in model.strays):
        return False
    masked = model.masked
    return "<references" not in masked or len(_REFERENCES_OPEN.findall(masked)) <= len(_REFERENCES_CLOSE.findall(masked))


def _findings(ctx: Context, rules: list[Rule]) -> list[Diagnostic]:
    config, prof = ctx.config, ctx.profile
    found = []
    for rule_ in rules:
        severity = config.severity(rule_)
        for hit in rule_.func(ctx):
            data = dict(hit.data)
            key = hit.source_key if hit.source_key is not None else rule_.source_key
            found.append(
                Diagnostic(rule_.code, severity, message(rule_.code, key, data, prof, config.variant), hit.start, hit.end,
                           key, hit.related, data, hit.fixes)
            )
    return found


def _shifted(d: Diagnostic, by: int) -> Diagnostic:
    """``d`` found in a part, placed in the text the part begins at ``by`` in."""
    return Diagnostic(
        d.code, d.severity, d.message, d.start + by, d.end + by, d.source_key,
        tuple((a + by, b + by) for a, b in d.related), d.data,
        tuple(Fix(f.label, tuple(Edit(e.start + by, e.end + by, e.replacement) for e in f.edits)) for f in d.fixes),
    )


def _config_key(config: CheckConfig) -> tuple:
    """What of ``config`` a rule's findings depend on, as a hashable value."""
    return (
        tuple(sorted(config.enabled.items())),
        tuple(sorted(config.severities.items())),
        repr(sorted((code, sorted(options.items())) for code, options in config.options.items())),
        config.section_preview,
        config.variant,
    )


def apply_edits(text: str, edits) -> str:
    """``text`` with a fix's edits applied together (end first, so offsets stay valid).

    Overlapping edits are a bug in the rule that made them: they raise instead of corrupting text.
    """
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    for a, b in zip(ordered, ordered[1:]):
        if a.end > b.start:
            raise ValueError(f"overlapping edits {a} and {b}")
    for e in reversed(ordered):
        if not 0 <= e.start <= e.end <= len(text):
            raise ValueError(f"edit {e} outside the text")
        text = text[: e.start] + e.replacement + text[e.end :]
    return text


def _silenced(text: str, found: list[Diagnostic], ctx: Context) -> list[Diagnostic]:
    """Drop one finding per code named in a ``wikiview-disable-next-line`` comment, on the next line."""
    if "wikiview-disable-next-line" not in text:
        return found
    budget: dict[tuple[int, str], int] = {}
    for m in _DISABLE_RE.finditer(text):
        line = ctx.lines.line(m.start()) + 1
        codes = m.group(1).split() or ["*"]
        for code in codes:
            budget[(line, code)] = budget.get((line, code), 0) + 1
    kept = []
    for d in sorted(found, key=lambda d: d.start):
        line = ctx.lines.line(d.start)
        for key in ((line, d.code), (line, "*")):
            if budget.get(key):
                budget[key] -= 1
                break
        else:
            kept.append(d)
    return kept


def _load_rules() -> None:
    # Importing a family module registers its rules; the order is the families' order in the panel.
    from viewer.wikitext.checks import cite, cs1, markup, ref, sfn  # noqa: F401


_load_rules()
