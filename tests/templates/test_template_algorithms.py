"""The arithmetic behind some templates: {{convert}}'s default precision, calendar differences,
{{coord}} forms, flag lookup by name, code or zh name."""

from __future__ import annotations

import datetime as dt

import pytest

from viewer.wikitext.render.templates.dates import difference
from viewer.wikitext.render.templates.flags import find_country
from viewer.wikitext.render.templates.inline import convert_value, format_coord, input_precision


def _shown(value: float, places: int) -> str:
    return f"{round(value, places):,.{max(places, 0)}f}"


@pytest.mark.parametrize(
    ("value", "places", "source", "target", "expected"),
    [
        (10, 0, "km", "mi", "6.2"),  # two significant figures at least
        (123, 0, "km", "mi", "76"),
        (1, 0, "km", "mi", "0.62"),
        (5, 0, "m", "ft", "16"),
        (100, -2, "kg", "lb", "220"),  # 100 is known to the hundred
        (1500, -2, "m", "ft", "4,900"),
        (1.5, 1, "kg", "lb", "3.3"),
        (20, 0, "C", "F", "68"),
        (-40, 0, "F", "C", "-40"),
        (100, -2, "C", "F", "212"),  # temperatures: three significant figures in kelvin
        (300, -2, "K", "C", "27"),
        (4400, -2, "km2", "sqmi", "1,700"),
        (1, 0, "ha", "acre", "2.5"),
        (1, 0, "acre", "ha", "0.40"),
        (100, -2, "hp", "kW", "75"),
        (1500, -2, "kW", "hp", "2,000"),
        (1, 0, "L", "USgal", "0.26"),
        (100, -2, "km/h", "mph", "62"),
        (5, 0, "ft", "m", "1.5"),
        (0, 0, "m", "ft", "0"),
    ],
)
def test_convert_default_precision(value, places, source, target, expected):
    """Module:Convert's default_precision (en and zh share it): examples from its documentation."""
    result, out_places = convert_value(value, places, source, target)
    assert _shown(result, out_places) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((1988, 2, 20), (1994, 5, 12), (6, 2, 3, 1)),
        ((2000, 1, 31), (2000, 3, 1), (0, 1, 0, 1)),  # a month after Jan 31 is Feb 29
        ((2000, 2, 29), (2001, 2, 28), (1, 0, 0, 0)),  # the anniversary of Feb 29 is Feb 28
        ((2001, 3, 31), (2001, 4, 30), (0, 1, 0, 0)),
        ((2020, 5, 5), (2020, 5, 5), (0, 0, 0, 0)),
    ],
)
def test_calendar_difference(start, end, expected):
    assert difference(dt.date(*start), dt.date(*end)) == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["39", "49", "N", "46", "45", "E"], ("39°49′N", "46°45′E", "geo-dms")),
        (["40", "26", "46", "N", "79", "58", "56", "W"], ("40°26′46″N", "79°58′56″W", "geo-dms")),
        (["40.18", "-44.51"], ("40.18°N", "44.51°W", "geo-dec")),
        (["-33.9", "151.2", "region:AU"], ("33.9°S", "151.2°E", "geo-dec")),
        (["north", "east"], None),
    ],
)
def test_coord_forms(parts, expected):
    assert format_coord(parts) == expected


@pytest.mark.parametrize("key", ["Armenia", "armenia", "ARM", "AM", "亚美尼亚"])
def test_country_by_name_code_or_zh_name(key):
    country = find_country(key)
    assert country is not None and country.file == "Flag of Armenia.svg"


def test_country_variant_and_unknown():
    assert find_country("Russia", "1991").file == "Flag of Russia (1991–1993).svg"
    assert find_country("Russia", "2999").file == "Flag of Russia.svg"
    assert find_country("Atlantis") is None


def test_flag_variant_has_its_own_look():
    old = find_country("AFG", "1992")
    assert old.file == "Flag of Afghanistan (1992–1996; 2001).svg"
    assert old.colors == ("#007A36", "#FFFFFF", "#000000") and not old.vertical
    assert find_country("AFG").vertical


@pytest.mark.parametrize(("raw", "expected"), [("10", -1), ("4400", -2), ("1.50", 2), ("0.0", 1), ("7", 0), ("1.23e3", -1), ("1230", -1)])
def test_convert_input_precision(raw, expected):
    assert input_precision(raw) == expected
