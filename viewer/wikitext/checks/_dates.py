"""Dates as CS1 reads them (Module:Citation/CS1/Date validation), plus the zh forms (§4.4).

The forms are data (``data/dates.json`` and ``data/dates_<profile>.json``): a :class:`Grammar` is
built from them once per profile. :func:`parse_date` returns a :class:`CsDate`, or None when the
text is no accepted form; calendar validity (Feb 30) and year limits are judged by the rules.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

__all__ = ["CsDate", "Grammar", "parse_date", "valid_day"]


@dataclass(frozen=True)
class CsDate:
    text: str
    format: str | None  # "dmy", "mdy", "ymd", "zh" for full single dates, else None
    precision: str  # "day", "month", "year", "season", "none" (n.d.)
    year: int | None
    month: int | None = None
    day: int | None = None
    is_range: bool = False
    hyphen_range: bool = False  # a range written with - or / where CS1 wants an en dash
    numeric_ym: bool = False  # YYYY-MM, accepted only with the ym_numeric switch
    end_year: int | None = None

    @property
    def value(self) -> date | None:
        """The (first) day, for full single dates whose day exists."""
        if self.precision != "day" or self.is_range or not valid_day(self.year, self.month, self.day):
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:  # a Julian leap day has no proleptic Gregorian twin
            return None


def valid_day(year: int | None, month: int | None, day: int | None) -> bool:
    if year is None or month is None or day is None or not 1 <= month <= 12 or year < 1:
        return False
    if year < 1582:  # Julian calendar: every fourth year is a leap year
        last = 29 if month == 2 and year % 4 == 0 else calendar.monthrange(2001, month)[1]
    else:
        last = calendar.monthrange(year, month)[1]
    return 1 <= day <= last


@dataclass(frozen=True)
class Grammar:
    """The accepted date forms of one profile, compiled."""

    forms: tuple[tuple[str, re.Pattern[str]], ...]
    months: dict[str, int]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Grammar:
        months = {}
        for i, name in enumerate(data["months"], 1):
            months[name.lower()] = i
            months[name[:3].lower()] = i
        months.update({k.lower(): v for k, v in data.get("month_abbreviations", {}).items()})
        fill = {
            "{M}": r"(?P<m>[A-Za-z]{3,9})\.?",
            "{M2}": r"(?P<m2>[A-Za-z]{3,9})\.?",
            "{SEASONS}": "|".join(re.escape(s) for s in data["seasons"]),
            "{DASH}": data["dash"],
        }
        forms = []
        for kind, pattern in data["forms"]:
            for key, value in fill.items():
                pattern = pattern.replace(key, value)
            forms.append((kind, re.compile(pattern)))
        return cls(tuple(forms), months)

    def month(self, name: str) -> int | None:
        return self.months.get(name.lower().rstrip("."))


def parse_date(text: str, grammar: Grammar) -> CsDate | None:
    """The date ``text`` as the profile's CS1 accepts it, else None."""
    s = re.sub(r"\s+", " ", text.replace("&nbsp;", " ")).strip()
    if not s:
        return None
    for kind, pattern in grammar.forms:
        m = pattern.match(s)
        if m is None:
            continue
        g = m.groupdict()
        month = int(g["mo"]) if g.get("mo") else (grammar.month(g["m"]) if g.get("m") else None)
        if (g.get("m") and month is None) or (g.get("m2") and grammar.month(g["m2"]) is None):
            continue  # not a month name (a season, say): try the other forms
        found = _meaning(kind, s, g, month)
        if found is not None:
            return found
    return None


def _meaning(kind: str, s: str, g: dict[str, str], month: int | None) -> CsDate | None:
    """What a match of a form of ``kind`` means; None sends the parser on to the next form."""
    year = int(g["y"]) if g.get("y") else None
    day = int(g["d"]) if g.get("d") else None
    if kind == "ymd":
        return CsDate(s, "ymd", "day", year, month, day) if year >= 1582 else None
    if kind in ("dmy", "mdy", "zh"):
        return CsDate(s, kind, "day", year, month, day)
    if kind in ("my", "zh-m"):
        return CsDate(s, None, "month", year, month)
    if kind in ("y", "zh-y", "circa"):
        return CsDate(s, None, "year", year)
    if kind == "season":
        return CsDate(s, None, "season", year)
    if kind == "nd":
        return CsDate(s, None, "none", None)
    if kind == "numeric-ym":
        return CsDate(s, None, "month", year, month, numeric_ym=True)
    sep = g.get("sep") or ""
    end_year = None
    if kind == "range-y":
        y2 = g["y2"]
        end_year = int(y2) if len(y2) == 4 else year // 100 * 100 + int(y2)
        if end_year <= year:
            return None  # 2013-07 is not a range of years
    precision = "day" if g.get("d") else "month" if month else "year"
    return CsDate(s, None, precision, year, month, day, is_range=True,
                  hyphen_range="-" in sep or "/" in sep, end_year=end_year)
