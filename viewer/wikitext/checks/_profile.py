"""Per-profile data (zh, en): template tables, CS1 parameter status, date and language tables.

All of it lives in ``data/*.json``; code reads it here and nowhere else.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from viewer.wikitext.checks._dates import Grammar
from viewer.wikitext.citations import _Tables

__all__ = ["PROFILES", "Profile", "load_profile"]

DATA = Path(__file__).with_name("data")
PROFILES = ("zh", "en")


def _json(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Profile:
    name: str
    lang: str  # message language
    templates: dict[str, Any]
    tables: _Tables
    cs1: dict[str, Any]  # the CS1 parameter-status table and limits (cs1_<profile>.json)
    cite_messages: dict[str, str]
    cite_messages_hant: dict[str, str]  # Cite's zh-hant strings (the zh profile shown in a traditional variant)
    languages: frozenset[str]
    dates: Grammar

    def param_status(self, name: str) -> tuple[str, str]:
        """(status, replacement) of a CS1 parameter name: valid, alias, deprecated, unsupported, unknown."""
        cs1 = self.cs1
        if name in cs1["aliases"]:
            return "alias", cs1["aliases"][name]
        generic = re.sub(r"\d+", "#", name)
        if generic in cs1["aliases"]:
            return "alias", cs1["aliases"][generic].replace("#", re.sub(r"\D+", "", name))
        for status in ("deprecated", "unsupported"):
            table = cs1[status]
            if name in table:
                return status, table[name]
        if name in self.valid_params or generic in self.valid_params:
            return "valid", ""
        return "unknown", self.suggest(name)

    @property
    def valid_params(self) -> frozenset[str]:
        return _valid(self.name)

    def suggest(self, name: str) -> str:
        """A suggestion for an unknown parameter: lower-case form, the suggestions table, ``_``->``-``."""
        cs1 = self.cs1
        dashed = re.sub(r"[_ ]+", "-", name.strip())
        for candidate in (name.lower(), cs1["suggestions"].get(name, ""), cs1["suggestions"].get(name.lower(), ""),
                          dashed, dashed.lower()):
            if candidate and candidate != name and (
                candidate in self.valid_params or re.sub(r"\d+", "#", candidate) in self.valid_params
                or candidate in cs1["aliases"]
            ):
                return candidate
        return ""


@cache
def _valid(profile: str) -> frozenset[str]:
    cs1 = load_profile(profile).cs1
    return frozenset(cs1["valid"]) | frozenset(cs1["aliases"])


def _merged(common: dict[str, Any], specific: dict[str, Any]) -> dict[str, Any]:
    """A profile's table: the common one with the profile's tables merged in (dicts and lists extend)."""
    merged = dict(common)
    for key, value in specific.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = merged[key] + [v for v in value if v not in merged[key]]
        else:
            merged[key] = value
    return merged


@cache
def load_profile(name: str) -> Profile:
    if name not in PROFILES:
        raise ValueError(f"unknown check profile {name!r}; choose one of {', '.join(PROFILES)}")
    templates = _merged(_json("templates.json"), _json(f"templates_{name}.json"))
    tables = _Tables(
        ref_templates=templates["ref_templates"],
        list_templates=templates["list_templates"],
        citation_templates=templates["citation_templates"],
        sfn_templates=frozenset(templates["sfn_templates"]),
    )
    merged = _merged(_json("cs1_common.json"), _json(f"cs1_{name}.json"))
    lang = "zh" if name == "zh" else "en"
    languages = _json("languages.json")
    cite = _json("cite_messages.json")
    return Profile(name, lang, templates, tables, merged, cite[lang], cite["zh-hant"],
                   frozenset(s.lower() for s in languages["names"] + languages["codes"]),
                   Grammar.from_data(_merged(_json("dates.json"), _json(f"dates_{name}.json"))))
