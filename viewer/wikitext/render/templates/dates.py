"""Date templates: ``{{Age in years, months, weeks and days}}``, ``{{birth date}}``,
``{{birth date and age}}``, ``{{death date}}``, ``{{death date and age}}``, ``{{start date}}``,
``{{end date}}``, ``{{age}}``.

zh.wikipedia writes dates as ``1988年2月20日`` and ages as ``（74歲）``; en as ``February 20, 1988``
(``df=y``: ``20 February 1988``) and ``(age 74)``. The hidden ISO date (``span.bday``,
``.dtstart``) is kept for microformats, as the real templates do.
"""

from __future__ import annotations

import datetime as dt

from viewer.wikitext.render.templates import TemplateCall, TemplateContext, template

__all__ = ["today", "format_date", "difference"]

_EN_MONTHS = ("January February March April May June July August September October November December").split()


def today() -> dt.date:
    """Today's date (a function, so tests can fix it)."""
    return dt.date.today()


def _int(value: str) -> int | None:
    value = str(value).strip()
    return int(value) if value.isdigit() else None


def _ymd(call: TemplateCall, first: int = 1) -> tuple[int | None, int | None, int | None]:
    return tuple(_int(call.get(str(first + i))) for i in range(3))  # type: ignore[return-value]


def format_date(ctx: TemplateContext, year: int, month: int | None, day: int | None, *, day_first: bool = False) -> str:
    if ctx.lang != "en":
        return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if month and day else "")
    if not month:
        return str(year)
    name = _EN_MONTHS[month - 1]
    if not day:
        return f"{name} {year}"
    return f"{day} {name} {year}" if day_first else f"{name} {day}, {year}"


def _iso(year: int, month: int | None, day: int | None) -> str:
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if month and day else "")


def _day_first(call: TemplateCall) -> bool:
    return str(call.get("df")).strip().lower() in {"y", "yes", "1", "true"}


def _age(born: dt.date, at: dt.date) -> int:
    return at.year - born.year - ((at.month, at.day) < (born.month, born.day))


def _age_text(ctx: TemplateContext, years: int) -> str:
    return f"（{years}歲）" if ctx.lang != "en" else f" (age&nbsp;{years})"


def _bad(ctx: TemplateContext, name: str) -> str:
    return ctx.error("template/bad-date", f"{{{{{name}}}}}：日期无效" if ctx.lang != "en" else f"{{{{{name}}}}}: invalid date")


@template("Birth date", "Birth date and age", "Bda", "Dob", "出生日期", "出生日期和年龄", "出生日期與年齡")
def birth_date(call: TemplateCall, ctx: TemplateContext) -> str:
    year, month, day = _ymd(call)
    if year is None:
        return _bad(ctx, call.name)
    text = format_date(ctx, year, month, day, day_first=_day_first(call))
    out = f'{text}<span style="display:none"> (<span class="bday">{_iso(year, month, day)}</span>)</span>'
    if "age" in call.name.lower() or call.name in {"Bda", "出生日期和年龄", "出生日期與年齡"}:
        if month and day:
            out += _age_text(ctx, _age(dt.date(year, month, day), today()))
    return out


@template("Death date", "Death date and age", "Dda", "逝世日期", "逝世日期和年龄", "逝世日期和年齡")
def death_date(call: TemplateCall, ctx: TemplateContext) -> str:
    year, month, day = _ymd(call)
    if year is None:
        return _bad(ctx, call.name)
    text = format_date(ctx, year, month, day, day_first=_day_first(call))
    out = text
    by, bm, bd = _ymd(call, 4)
    if by is not None and bm and bd and month and day:
        out += _age_text(ctx, _age(dt.date(by, bm, bd), dt.date(year, month, day)))
    return out


@template("Start date", "End date", "Start date and age", "开始日期", "開始日期")
def start_date(call: TemplateCall, ctx: TemplateContext) -> str:
    year, month, day = _ymd(call)
    if year is None:
        return _bad(ctx, call.name)
    css = "dtend" if call.name == "End date" else "bday dtstart published updated"
    text = format_date(ctx, year, month, day, day_first=_day_first(call))
    out = f'{text}<span style="display:none">&#160;(<span class="{css}">{_iso(year, month, day)}</span>)</span>'
    if call.name == "Start date and age" and month and day:
        years = _age(dt.date(year, month, day), today())
        out += f"（{years}年前）" if ctx.lang != "en" else f" ({years}&nbsp;years ago)"
    return out


def _add_months(start: dt.date, months: int) -> dt.date:
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(start.day, last))


def difference(start: dt.date, end: dt.date) -> tuple[int, int, int, int]:
    """Whole years, months, weeks and days from ``start`` to ``end``: whole calendar months
    first (a month after Jan 31 is the month's last day), then the days left."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if _add_months(start, months) > end:
        months -= 1
    days = (end - _add_months(start, months)).days
    return months // 12, months % 12, days // 7, days % 7


@template("Age in years, months, weeks and days", "Age in years, months and days", "Age")
def age_in(call: TemplateCall, ctx: TemplateContext) -> str:
    """``6年2个月3周1天`` (zh) / ``6 years, 2 months, 3 weeks and 1 day`` (en)."""
    try:
        if call.name == "Age":
            y1, m1, d1 = _ymd(call)
            y2, m2, d2 = _ymd(call, 4)
            start = dt.date(y1, m1 or 1, d1 or 1)  # type: ignore[arg-type]
            end = dt.date(y2, m2, d2) if y2 else today()  # type: ignore[arg-type]
            return str(_age(start, end))
        start = dt.date(*(int(str(call.get(f"{k}1"))) for k in ("year", "month", "day")))
        if call.get("year2"):
            end = dt.date(*(int(str(call.get(f"{k}2"))) for k in ("year", "month", "day")))
        else:
            end = today()
    except (TypeError, ValueError):
        return _bad(ctx, call.name)
    years, months, weeks, days = difference(start, end)
    if call.name == "Age in years, months and days":
        days, weeks = days + 7 * weeks, 0
    units = [(years, "年", "year"), (months, "个月", "month"), (weeks, "周", "week"), (days, "天", "day")]
    shown = [(n, zh, en) for n, zh, en in units if n]
    if not shown:
        return "0天" if ctx.lang != "en" else "0 days"
    if ctx.lang != "en":
        return "".join(f"{n}{zh}" for n, zh, _ in shown)
    words = [f"{n} {en}{'s' if n != 1 else ''}" for n, _, en in shown]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@template("Birth year and age", "Death year and age")
def year_and_age(call: TemplateCall, ctx: TemplateContext) -> str:
    """``{{birth year and age|1950}}`` -> ``1950年（73–74歲）``: the year only, so the age is a range
    unless a month is given."""
    year = _int(call.get("1"))
    if year is None:
        return _bad(ctx, call.name)
    if call.name == "Death year and age":
        born = _int(call.get("2"))
        if born is None:
            return _bad(ctx, call.name)
        low, high = year - born - 1, year - born
    else:
        month = _int(call.get("2"))
        now = today()
        if month:
            age = now.year - year - (now.month < month)
            low = high = age
        else:
            low, high = now.year - year - 1, now.year - year
    text = f"{year}年" if ctx.lang != "en" else str(year)
    ages = str(high) if low == high else f"{low}–{high}"
    return text + (f"（{ages}歲）" if ctx.lang != "en" else f" (age&nbsp;{ages})")


@template("Bd", "生卒年", "生卒")
def bd(call: TemplateCall, ctx: TemplateContext) -> str:
    """zh's ``{{bd|1902年|12月28日|1988年|5月10日}}`` -> ``1902年12月28日—1988年5月10日``."""
    values = [str(call.get(str(i))).strip() for i in range(1, 5)]
    born, died = values[0] + values[1], values[2] + values[3]
    if not born and not died:
        return ""
    return f"{ctx.inline(born)}—{ctx.inline(died)}" if died else f"{ctx.inline(born)}—"
