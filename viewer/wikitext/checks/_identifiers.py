"""Identifier and URL validators of CS1 (Module:Citation/CS1/Identifiers, §4.5), as plain functions.

python-stdnum does the checksums; the forms CS1 adds on top (ISBN prefixes, DOI registrants,
arXiv dates, Wayback URLs) are here. Each returns the problem's name, or "" / False when valid.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum import ean, isbn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError

__all__ = ["arxiv_problem", "bibcode_problem", "doi_problem", "isbn_check_digit", "isbn_problem", "url_problem", "wayback_problem"]


def isbn_problem(value: str) -> str:
    compact = re.sub(r"[\s-]", "", value)
    if not re.fullmatch(r"[0-9X]+", compact, re.IGNORECASE):
        return "invalid character"
    if len(compact) not in (10, 13):
        return "length"
    if "X" in compact.upper()[:-1] or (len(compact) == 13 and compact.upper().endswith("X")):
        return "invalid form"
    if len(compact) == 13 and not compact.startswith(("978", "979")):
        return "invalid prefix"
    if compact.startswith("9790"):
        return "invalid prefix"
    if len(compact) == 10 and compact.startswith(("630", "631")):
        return "invalid group id"
    try:
        isbn.validate(compact)
    except InvalidChecksum:
        return "checksum"
    except InvalidComponent:
        return "invalid prefix"
    except InvalidLength:
        return "length"
    except ValidationError:
        return "invalid form"
    return ""


def isbn_check_digit(body: str) -> str:
    """The check digit an ISBN with these first 9 or 12 digits would have (a hint only)."""
    if len(body) == 9 and body.isdigit():
        digit = (11 - sum((10 - i) * int(d) for i, d in enumerate(body)) % 11) % 11
        return "X" if digit == 10 else str(digit)
    if len(body) == 12 and body.isdigit():
        return ean.calc_check_digit(body)
    return ""


def doi_problem(value: str) -> bool:
    m = re.fullmatch(r"10\.([^/]+)/(.+)", value)
    if not m:
        return True
    registrant, suffix = m.groups()
    if re.search(r"[\s–]", suffix) or value.endswith((".", ",")):
        return True
    if not re.fullmatch(r"[\d.]+", registrant):
        return True
    head, _, sub = registrant.partition(".")
    if not head.isdigit() or registrant == "5555":
        return True
    n = len(head)
    if (n <= 3 and not sub) or n >= 6:
        return True
    if n == 4 and head.startswith("0"):
        return True
    if n == 5 and not (10000 <= int(head) <= (39999 if sub else 59999)):
        return True
    return False


def arxiv_problem(value: str) -> bool:
    m = re.fullmatch(r"[a-z-]+(?:\.[A-Z]{2})?/(\d\d)(\d\d)\d{3}(?:v\d+)?", value)
    if m:
        yy, mm = int(m.group(1)), int(m.group(2))
        year = 1900 + yy if yy >= 91 else 2000 + yy
        return not (1 <= mm <= 12 and (1991, 7) <= (year, mm) <= (2007, 3))
    m = re.fullmatch(r"(\d\d)(\d\d)\.(\d{4,5})(?:v\d+)?", value)
    if not m:
        return True
    year, mm, digits = 2000 + int(m.group(1)), int(m.group(2)), len(m.group(3))
    if not 1 <= mm <= 12:
        return True
    if digits == 4:
        return not ((2007, 4) <= (year, mm) <= (2014, 12))
    return year < 2015


def bibcode_problem(value: str, today: date) -> str:
    if len(value) != 19:
        return "length"
    if not value[:4].isdigit() or not 1000 <= int(value[:4]) <= today.year + 1:
        return "year"
    if not re.fullmatch(r"\d{4}[A-Za-z0-9.&]{14}[A-Z.]", value):
        return "value"
    if "&." in value[4:9]:
        return "journal"
    return ""


_WAYBACK = re.compile(r"^(?:https?:)?//(?P<host>(?:web\.|www\.|liveweb\.)?archive\.org)/(?P<path>.*)$", re.IGNORECASE)


def _wayback(url: str) -> tuple[str, str] | None:
    m = _WAYBACK.match(url.strip())
    return (m.group("host").lower(), m.group("path")) if m else None


def wayback_problem(url: str) -> str:
    """What is wrong with a Wayback Machine archive URL: save, liveweb, timestamp, flag, path, or ""."""
    found = _wayback(url)
    if found is None:
        return ""
    host, path = found
    if host.startswith("liveweb."):
        return "liveweb"
    if re.match(r"(?:web/)?save/", path, re.IGNORECASE):
        return "save"
    m = re.match(r"(?:web/)?(?P<stamp>[^/]*)(?P<rest>/.*)?$", path)
    stamp, rest = m.group("stamp"), m.group("rest") or ""
    stamp_m = re.fullmatch(r"(\d+)([a-z]{2}_)?", stamp)
    if not stamp_m or len(stamp_m.group(1)) != 14:
        return "timestamp"  # also a "*" index page, which is no snapshot
    if stamp_m.group(2) and stamp_m.group(2) not in ("id_", "if_", "im_", "js_", "cs_", "oe_", "fw_"):
        return "flag"
    if len(rest) <= 1:
        return "path"
    return ""


_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,}|xn--[a-z0-9-]+)\.?(?::\d+)?$"  # name.tld
    r"|^\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?$"  # IPv4
    r"|^\[[0-9a-f:]+\](?::\d+)?$",  # IPv6
    re.IGNORECASE,
)


def url_problem(url: str) -> bool:
    """A URL CS1 cannot link: no supported scheme or ``//``, a space, or a host without a TLD."""
    m = re.match(r"^(?:(?P<scheme>[a-z][a-z0-9+.-]*):)?//(?P<rest>.*)$", url, re.IGNORECASE)
    if not m:
        return not re.match(r"^(?:mailto|news|irc|ircs|telnet|gopher|urn|tel|sip|sms):", url, re.IGNORECASE)
    if re.search(r"\s", url):
        return True
    host = re.split(r"[/?#]", m.group("rest"), maxsplit=1)[0].split("@")[-1]
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return True
    return not _HOST.match(host)
