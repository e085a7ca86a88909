"""Dates as CS1 reads them (Module:Citation/CS1/Date validation), plus the zh forms (§4.4).

:func:`parse_date` returns a :class:`CsDate` or None when the text is not an accepted date form.
Calendar validity (Feb 30) and the future-year limit are judged separately by the rules.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["CsDate", "parse_date", "valid_day", "MONTHS"]

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
MONTHS = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
MONTHS.update({name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)})
MONTHS["sept"] = 9
_M = r"(?P<m%s>[A-Za-z]{3,9})\.?"
_SEASONS = r"(?:Winter|Spring|Summer|Fall|Autumn|First quarter|Second quarter|Third quarter|Fourth quarter)"
_DASH = r"\s*[–—-]\s*"  # an en dash; a hyphen is accepted and reported by cs1/maint-date-format


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
        last = 29 if month == 2 and year % 4 == 0 else calendar.monthrange(2001 if month != 2 else 2001, month)[1]
    else:
        last = calendar.monthrange(year, month)[1]
    return 1 <= day <= last


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(r"^(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})$")),
    ("dmy", re.compile(r"^(?P<d>\d{1,2}) " + _M % "" + r" (?P<y>\d{4})$")),
    ("mdy", re.compile(r"^" + _M % "" + r" (?P<d>\d{1,2}), (?P<y>\d{4})$")),
    ("my", re.compile(r"^" + _M % "" + r" (?P<y>\d{4})$")),
    ("y", re.compile(r"^(?P<y>\d{3,4})[a-z]?$")),
    ("season", re.compile(r"^(?:" + _SEASONS + r") (?P<y>\d{4})$")),
    ("circa", re.compile(r"^c\. (?P<y>\d{3,4})$")),
    ("nd", re.compile(r"^(?:n\.d\.|nd)$")),
    ("range-y", re.compile(r"^(?P<y>\d{4})(?P<sep>" + _DASH + r"|/)(?P<y2>\d{2}|\d{4})$")),
    ("range-dmy", re.compile(r"^(?P<d>\d{1,2})(?P<sep>" + _DASH + r")(?P<d2>\d{1,2}) " + _M % "" + r" (?P<y>\d{4})$")),
    ("range-mdy", re.compile(r"^" + _M % "" + r" (?P<d>\d{1,2})(?P<sep>" + _DASH + r")(?P<d2>\d{1,2}), (?P<y>\d{4})$")),
    ("range-my", re.compile(r"^" + _M % "" + r"(?P<sep>" + _DASH + r")" + _M % "2" + r" (?P<y>\d{4})$")),
    ("range-dm", re.compile(r"^(?P<d>\d{1,2}) " + _M % "" + r"(?P<sep>\s+[–—-]\s+)(?P<d2>\d{1,2}) " + _M % "2" + r" (?P<y>\d{4})$")),
    ("range-season", re.compile(r"^(?:" + _SEASONS + r")(?P<sep>" + _DASH + r")(?:" + _SEASONS + r") (?P<y>\d{4})$")),
]
_ZH_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("zh", re.compile(r"^(?P<y>\d{4})年(?P<mo>\d{1,2})月(?P<d>\d{1,2})日$")),
    ("zh-m", re.compile(r"^(?P<y>\d{4})年(?P<mo>\d{1,2})月$")),
    ("zh-y", re.compile(r"^(?P<y>\d{4})年$")),
    ("zh-range-m", re.compile(r"^(?P<y>\d{4})年(?P<mo>\d{1,2})月?(?P<sep>\s*[-–—~至]\s*)(?P<mo2>\d{1,2})月$")),
    ("zh-range-d", re.compile(r"^(?P<y>\d{4})年(?P<mo>\d{1,2})月(?P<d>\d{1,2})日?(?P<sep>\s*[-–—~至]\s*)(?P<d2>\d{1,2})日$")),
]
_YM_NUMERIC = re.compile(r"^(?P<y>\d{4})-(?P<mo>\d{2})$")


def parse_date(text: str, *, zh: bool = False, ym_numeric: bool = False) -> CsDate | None:
    """The date ``text`` as CS1 (and, with ``zh``, zh.wikipedia's CS1) accepts it, else None."""
    s = re.sub(r"\s+", " ", text.replace("&nbsp;", " ")).strip()
    if not s:
        return None
    forms = _FORMS + _ZH_FORMS if zh else _FORMS
    for kind, pattern in forms:
        m = pattern.match(s)
        if m is None:
            continue
        g = m.groupdict()
        year = int(g["y"]) if g.get("y") else None
        month = int(g["mo"]) if g.get("mo") else (_month(g["m"]) if g.get("m") else None)
        if (g.get("m") and month is None) or (g.get("m2") and _month(g["m2"]) is None):
            continue  # not a month name (a season, say): try the other forms
        day = int(g["d"]) if g.get("d") else None
        sep = g.get("sep") or ""
        hyphen = bool(sep) and ("-" in sep or "/" in sep)
        if kind == "ymd":
            return CsDate(s, "ymd" if year >= 1582 else None, "day", year, month, day) if year >= 1582 else None
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
        end_year = None
        if kind == "range-y":
            y2 = g["y2"]
            end_year = int(y2) if len(y2) == 4 else year // 100 * 100 + int(y2)
            if end_year <= year:
                continue  # 2013-07 is not a range of years
        precision = "day" if g.get("d") else "month" if month else "year"
        return CsDate(s, None, precision, year, month, day, is_range=True, hyphen_range=hyphen, end_year=end_year)
    m = _YM_NUMERIC.match(s)
    if m:
        return CsDate(s, None, "month", int(m.group("y")), int(m.group("mo")), numeric_ym=True)
    return None
