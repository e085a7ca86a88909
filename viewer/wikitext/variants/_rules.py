"""One ``-{…}-`` markup: its flags, its rules, what it shows and what it adds to the tables.

The semantics are MediaWiki's ConverterRule (1.39), including its quirks where pages rely on
them: flags are applied in the order PHP keeps them, ``"0"`` is false when fallbacks fill in
missing variants, ``zh``/``zh-hans``/``zh-hant`` take no two-way rules.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from viewer.wikitext.variants._languages import Language

__all__ = ["Rule", "parse_rule"]

_PHP_SPACE = " \t\n\r\0\x0b"  # what PHP's trim() removes (not U+3000 and friends)
_ENTITY_SEMICOLON = re.compile(r"(&[#a-zA-Z0-9]+);")


@dataclass(frozen=True)
class Rule:
    """What one markup does: ``display`` is HTML shown in its place; ``title`` the page title
    it sets (T flag) or None; ``action`` ("add", "remove" or "none") with ``table``
    (variant -> {from: to}) the pairs it adds to or removes from the conversion tables."""

    display: str
    title: str | None = None
    action: str = "none"
    table: dict[str, dict[str, str]] = field(default_factory=dict)


def _truthy(value: str | None) -> bool:
    return value is not None and value not in ("", "0")


def _first_in(bid: dict[str, str], variants) -> str | None:
    for variant in (variants,) if isinstance(variants, str) else variants:
        if variant in bid:
            return bid[variant]
    return None


def _parse_flags(text: str, language: Language) -> tuple[dict[str, bool], set[str], str]:
    flags: dict[str, bool] = {}
    variant_flags: set[str] = set()
    sep = text.find("|")
    if sep != -1:
        valid = language.flags
        for spelled in text[:sep].split(";"):
            flag = valid.get(spelled.strip(_PHP_SPACE))
            if flag is not None:
                flags[flag] = True
        text = text[sep + 1 :]
    if not flags:
        flags = {"S": True}
    elif "R" in flags:
        flags = {"R": True}
    elif "N" in flags:
        flags = {"N": True}
    elif "-" in flags:
        flags = {"-": True}
    elif len(flags) == 1 and "T" in flags:
        flags["H"] = True
    elif "H" in flags:
        kept = {"+": True, "H": True}
        if "T" in flags:
            kept["T"] = True
        if "D" in flags:
            kept["D"] = True
        flags = kept
    else:
        if "A" in flags:
            flags["+"] = True
            flags["S"] = True
        if "D" in flags:
            flags.pop("S", None)
        variant_flags = {f for f in flags if f in language.variants}
        if variant_flags:
            flags = {}
    return flags, variant_flags, text


def _parse_rules(rules: str, language: Language) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    bid: dict[str, str] = {}
    unid: dict[str, dict[str, str]] = {}
    protected = _ENTITY_SEMICOLON.sub("\\1\x01", rules)
    for choice in language.separator.split(protected):
        choice = choice.replace("\x01", ";")
        parts = choice.split(":", 1)
        if len(parts) != 2:
            continue
        to = parts[1].strip(_PHP_SPACE)
        code = parts[0].strip(_PHP_SPACE)
        one_way = code.split("=>", 1)
        variant = language.validate(code)
        if len(one_way) == 1 and to != "" and variant:
            bid[variant] = to
        elif len(one_way) == 2:
            source = one_way[0].strip(_PHP_SPACE)
            variant = language.validate(one_way[1].strip(_PHP_SPACE))
            if source != "" and variant:
                unid.setdefault(variant, {})[source] = to
        if variant is None:  # a syntax error drops the whole rule, as MediaWiki does
            return {}, {}
    return bid, unid


def _shown(bid, unid, rules: str, variant: str, language: Language) -> str | None:
    if not bid and not unid:
        return rules
    shown = bid.get(variant)
    if shown is None:
        shown = _first_in(bid, language.fallbacks_of(variant))
    if shown is None and variant in unid:
        shown = next(iter(unid[variant].values()))
    if shown is None and language.manual_level(variant) == "disable":
        shown = next(iter(bid.values())) if bid else next(iter(next(iter(unid.values())).values()))
    return shown


def _title(bid, unid, rules: str, variant: str, language: Language) -> str | None:
    if variant == language.code:
        # the main variant shows the page's own name unless a rule names exactly this variant
        shown = bid.get(variant)
        if _truthy(shown):
            return shown
        if variant in unid:
            return next(iter(unid[variant].values()))
        return shown
    return _shown(bid, unid, rules, variant, language)


def _description(bid, unid, language: Language) -> str:
    code_sep, var_sep = language.desc_code_sep, language.desc_var_sep
    text = [f"{language.name_of(k) or ''}{code_sep}{v}{var_sep}" for k, v in bid.items()]
    for k, pairs in unid.items():
        text.extend(f"{source}⇒{language.name_of(k) or ''}{code_sep}{to}{var_sep}" for source, to in pairs.items())
    return "".join(text)


def _table(bid: dict[str, str], unid: dict[str, dict[str, str]], language: Language) -> dict[str, dict[str, str]]:
    if not bid and not unid:
        return {}
    bid = dict(bid)
    table: dict[str, dict[str, str]] = {}
    marked: list[str] = []
    for v in language.variants:
        if v not in bid:
            filled = _first_in(bid, language.fallbacks_of(v))
            if _truthy(filled):  # PHP: `if ($vf)`, so "0" does not fill in
                bid[v] = filled
        if v in bid:
            for other in marked:
                if language.manual_level(v) == "bidirectional":
                    table.setdefault(v, {})[bid[other]] = bid[v]
                if language.manual_level(other) == "bidirectional":
                    table.setdefault(other, {})[bid[v]] = bid[other]
            marked.append(v)
        if language.manual_level(v) in ("bidirectional", "unidirectional") and v in unid:
            table[v] = {**table.get(v, {}), **unid[v]}  # one-way pairs win over two-way ones
    return table


def parse_rule(
    text: str,
    variant: str,
    language: Language,
    auto_convert: Callable[[str, str], str],
) -> Rule:
    """The rule written ``-{text}-`` (its inner markup already replaced) seen in ``variant``;
    ``auto_convert(html, variant)`` converts text for the ``-{zh-hans;zh-hant|…}-`` form."""
    flags, variant_flags, rules = _parse_flags(text, language)
    if variant_flags:
        if variant in variant_flags:
            rules = auto_convert(rules, variant)
        else:
            fallbacks = language.fallbacks_of(variant)
            if not isinstance(fallbacks, str):
                for fallback in fallbacks:
                    if fallback in variant_flags:
                        rules = auto_convert(rules, fallback)
                        break
        flags = {"R": True}
    bid: dict[str, str] = {}
    unid: dict[str, dict[str, str]] = {}
    if "R" not in flags and "N" not in flags:
        rules = rules.replace("=&gt;", "=>")  # the renderer escaped the arrow as text
        bid, unid = _parse_rules(rules, language)
    if not bid and not unid:
        if "+" in flags or "-" in flags:
            if rules != "":
                bid = dict.fromkeys(language.variants, rules)
        elif "N" not in flags and "T" not in flags:
            flags = {"R": True}

    display: str | None = None
    title: str | None = None
    action = "none"
    for flag in flags:
        if flag == "R":
            display = rules
        elif flag == "N":
            display = html.escape(language.name_of(rules.strip(_PHP_SPACE)) or "", quote=False)
        elif flag == "D":
            display = _description(bid, unid, language)
        elif flag == "H":
            display = ""
        elif flag == "-":
            action, display = "remove", ""
        elif flag == "+":
            action, display = "add", ""
        elif flag == "S":
            display = _shown(bid, unid, rules, variant, language)
        elif flag == "T":
            title = _title(bid, unid, rules, variant, language)
            display = ""
    if display is None:
        display = f'<span class="error">{html.escape(language.rule_error)}</span>'
    return Rule(display=display, title=title, action=action, table=_table(bid, unid, language))
