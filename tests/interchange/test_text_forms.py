"""The text forms of the interchange, as tables: spans of time, exact hours, decimals, clock
times and instants, each written and read, and what is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from expandit_policy import (
    SCHEMA_VERSION,
    BusinessHours,
    InvalidDocumentError,
    Window,
    from_json_dict,
    to_json_dict,
)
from expandit_policy._interchange._text import (
    BadValueError,
    format_hours,
    format_span,
    parse_decimal,
    parse_hours,
    parse_span,
)

SPANS = [
    ("zero", dt.timedelta(0), "PT0S"),
    ("whole hours past a day", dt.timedelta(hours=26), "PT26H"),
    ("hours and minutes", dt.timedelta(minutes=90), "PT1H30M"),
    ("hours and seconds", dt.timedelta(hours=1, seconds=5), "PT1H5S"),
    ("a microsecond", dt.timedelta(microseconds=1), "PT0.000001S"),
    ("half a second", dt.timedelta(milliseconds=500), "PT0.5S"),
    ("negative", dt.timedelta(minutes=-15), "-PT15M"),
    ("negative, below a second", dt.timedelta(microseconds=-1), "-PT0.000001S"),
]


@pytest.mark.parametrize(("span", "text"), [s[1:] for s in SPANS], ids=[s[0] for s in SPANS])
def test_a_span_is_written_as_an_iso_duration_and_read_back(span: dt.timedelta, text: str) -> None:
    assert format_span(span) == text
    assert parse_span(text) == span


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("P1D", dt.timedelta(days=1)),
        ("P1DT2H", dt.timedelta(hours=26)),
        ("PT90M", dt.timedelta(minutes=90)),
        ("-P2D", dt.timedelta(days=-2)),
    ],
)
def test_a_span_in_days_or_unnormalised_minutes_is_read_too(text: str, span: dt.timedelta) -> None:
    assert parse_span(text) == span


@pytest.mark.parametrize(
    "text",
    ["P", "-P", "PT", "P1DT", "1H", "PT-1H", "pt1h", "PT1.1234567S", "PT1H\n", "PT١H", "P1W", 90],
)
def test_a_span_that_is_not_an_iso_duration_is_refused(text: object) -> None:
    with pytest.raises(BadValueError, match="must be a span of time such as 'PT1H30M'"):
        parse_span(text)


def test_a_span_beyond_a_timedelta_is_refused() -> None:
    with pytest.raises(BadValueError, match="at most 999999999 days"):
        parse_span("P1000000000D")


HOURS: list[tuple[str, int | float | Decimal | Fraction, int | float | str]] = [
    ("an int", 2, 2),
    ("a float", 1.5, 1.5),
    ("a negative int", -3, -3),
    ("a decimal keeps its digits", Decimal("1.50"), "1.50"),
    ("a fraction", Fraction(3, 2), "3/2"),
    ("a whole fraction stays a fraction", Fraction(3), "3/1"),
]


@pytest.mark.parametrize(("hours", "written"), [h[1:] for h in HOURS], ids=[h[0] for h in HOURS])
def test_hours_keep_their_kind_of_number(
    hours: int | float | Decimal | Fraction, written: int | float | str
) -> None:
    assert format_hours(hours) == written
    read = parse_hours(written)
    assert (type(read), read) == (type(hours), hours)
    document = to_json_dict(BusinessHours(hours))
    assert document["hours"] == written
    assert type(from_json_dict(BusinessHours, document).hours) is type(hours)


@pytest.mark.parametrize(
    "value", [True, None, "1,5", "x/2", "1/2/3", "١", float("nan"), float("-inf"), [2]]
)
def test_hours_that_are_not_a_number_are_refused(value: object) -> None:
    with pytest.raises(BadValueError, match="number of hours"):
        parse_hours(value)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("2500.00", Decimal("2500.00")), ("-0.5", Decimal("-0.5")), (".5", Decimal(".5")), ("1E+3", Decimal("1E+3"))],
)  # fmt: skip
def test_an_amount_is_read_exactly_from_its_string(text: str, amount: Decimal) -> None:
    read = parse_decimal(text, "an amount")
    assert read.as_tuple() == amount.as_tuple()  # the digits and exponent, not just the value


@pytest.mark.parametrize("value", ["2,500", "1.5\n", "١٢", "NaN", "Infinity", "", "1e", 2500, 2.5])
def test_an_amount_that_is_not_a_decimal_string_is_refused(value: object) -> None:
    with pytest.raises(BadValueError, match="written as a string such as '2500.00'"):
        parse_decimal(value, "an amount")


@pytest.mark.parametrize(
    ("start", "end", "window"),
    [
        ("08:00", "16:00", Window(8 * 3600, 16 * 3600)),
        ("12:30", "24:00", Window(12 * 3600 + 1800, 86_400)),
        ("08:00:30", "08:00:45", Window(8 * 3600 + 30, 8 * 3600 + 45)),
    ],
)
def test_a_window_is_written_in_wall_clock_time(start: str, end: str, window: Window) -> None:
    document = {"schema": SCHEMA_VERSION, "start": start, "end": end, "overnight": False}
    assert from_json_dict(Window, document) == window
    assert to_json_dict(window) == {"type": "Window", **document}


@pytest.mark.parametrize(
    "text", ["8:00", "08:00:00:00", "24:00:01", "25:00", "08:60", "٠٨:٠٠", 800]
)
def test_a_clock_time_that_is_not_one_is_refused(text: object) -> None:
    document = {"schema": SCHEMA_VERSION, "start": text, "end": "16:00", "overnight": False}
    with pytest.raises(InvalidDocumentError) as info:
        from_json_dict(Window, document)
    assert [path for path, _ in info.value.problems] == ["start"]
    assert "wall-clock time" in info.value.problems[0][1]
