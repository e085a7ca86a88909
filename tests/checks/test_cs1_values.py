"""Dates as CS1 reads them and identifiers as python-stdnum checks them (§4.4, §4.5)."""

from __future__ import annotations

from datetime import date

import pytest

from viewer.wikitext.checks import CheckConfig, run_checks
from viewer.wikitext.checks._dates import parse_date as _parse_date
from viewer.wikitext.checks._profile import load_profile


def parse_date(text, zh=False):
    return _parse_date(text, load_profile("zh" if zh else "en").dates)
from viewer.wikitext.checks._identifiers import arxiv_problem, doi_problem, isbn_problem, url_problem, wayback_problem


@pytest.mark.parametrize(
    ("text", "fmt", "precision"),
    [
        ("5 July 2013", "dmy", "day"), ("5 Jul 2013", "dmy", "day"), ("July 5, 2013", "mdy", "day"),
        ("2013-07-05", "ymd", "day"), ("July 2013", None, "month"), ("2013", None, "year"), ("2013a", None, "year"),
        ("Summer 2013", None, "season"), ("5–7 July 2013", None, "day"), ("July–August 2013", None, "month"),
        ("2012–2013", None, "year"), ("2012–13", None, "year"), ("c. 1900", None, "year"), ("n.d.", None, "none"),
    ],
)
def test_accepted_dates(text, fmt, precision):
    d = parse_date(text)
    assert d is not None and d.format == fmt and d.precision == precision


@pytest.mark.parametrize("text", ["2013-07", "03/04/2010", "2010/3/4", "5th July 2013", "July 5 2013", "2013-7-5", "1500-01-01", "Foo 2013"])
def test_rejected_dates(text):
    d = parse_date(text)
    assert d is None or d.numeric_ym


@pytest.mark.parametrize("text", ["2013年7月5日", "2013年07月05日", "2013年7月", "2013年", "2013年7–8月", "2013年7至8月", "2013年7~8月"])
def test_chinese_dates_only_in_the_zh_profile(text):
    assert parse_date(text, zh=True) is not None
    assert parse_date(text, zh=False) is None


def test_future_year_and_impossible_day():
    cite = "A<ref>{{cite book|title=T|date=%s}}</ref>\n{{reflist}}"
    config = CheckConfig(today=date(2026, 11, 25))
    reasons = {v: [d.data["reason"] for d in run_checks(cite % v, config=config) if d.code == "cs1/bad-date"] for v in ("2028", "2027", "February 29, 2023", "February 29, 2024", "29 February 1500")}
    assert reasons == {"2028": ["future-year"], "2027": [], "February 29, 2023": ["impossible"], "February 29, 2024": [], "29 February 1500": []}


def test_access_date_range_uses_the_configured_today():
    cite = "A<ref>{{cite web|url=http://a.org/x|title=T|access-date=%s}}</ref>\n{{reflist}}"
    config = CheckConfig(today=date(2026, 11, 25))
    got = {v: [d.data["reason"] for d in run_checks(cite % v, config=config) if d.code == "cs1/access-date-range"] for v in ("2026-11-26", "2026-11-27", "2001-01-15", "2001-01-14")}
    assert got == {"2026-11-26": [], "2026-11-27": ["future"], "2001-01-15": [], "2001-01-14": ["before-wikipedia"]}


@pytest.mark.parametrize(
    ("value", "reason"),
    [("0-226-30859-6", ""), ("1-5666-3646-9", ""), ("0-0605-0594-X", ""), ("9781107027244", ""), ("0-226-30859-5", "checksum"),
     ("0-226-3085A-6", "invalid character"), ("123456789", "length"), ("97802263085X", "length"), ("9770226308596", "invalid prefix"),
     ("9790226308596", "invalid prefix"), ("630123456X", "invalid group id"), ("0X26308596", "invalid form")],
)
def test_isbn(value, reason):
    assert isbn_problem(value) == reason


def test_all_sample_isbns_pass(sample_text):
    import re

    values = re.findall(r"\|\s*isbn\s*=\s*([^|}]+)", sample_text, re.IGNORECASE)
    assert len(values) == 35
    assert [v for v in values if isbn_problem(v.strip())] == []


@pytest.mark.parametrize(("value", "bad"), [("10.1000/182", False), ("10.1000/xyz.", True), ("doi:10.1/x", True), ("10.123/x", True), ("10.5555/x", True), ("10.12345/x", False), ("10.60000/x", True)])
def test_doi(value, bad):
    assert doi_problem(value) is bad


@pytest.mark.parametrize(("value", "bad"), [("hep-th/9901001", False), ("0704.0001", False), ("1501.00001", False), ("0713.1234", True), ("1501.1234", True), ("hep-th/0704001", True)])
def test_arxiv(value, bad):
    assert arxiv_problem(value) is bad


@pytest.mark.parametrize(("url", "bad"), [("https://a.org/x%20y", False), ("//a.org/x", False), ("www.a.org/x", True), ("http://a.org/x y", True), ("http://localhost/x", True), ("http://中文.中国/x", False), ("mailto:a@b.org", False)])
def test_url(url, bad):
    assert url_problem(url) is bad


@pytest.mark.parametrize(("url", "reason"), [("https://web.archive.org/web/20100101123456/http://a.org/", ""), ("https://web.archive.org/web/2010/http://a.org/", "timestamp"),
    ("https://web.archive.org/save/http://a.org/", "save"), ("https://liveweb.archive.org/http://a.org/", "liveweb"), ("https://web.archive.org/web/20100101123456xx_/http://a.org/", "flag"),
    ("https://web.archive.org/web/20100101123456/", "path"), ("https://web.archive.org/web/20100101123456id_/http://a.org/", ""), ("http://archive.today/abc", "")])
def test_wayback(url, reason):
    assert wayback_problem(url) == reason
