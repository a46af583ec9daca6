"""format_due: a deadline at local midnight reads as 24:00 of the day before.

Hand-worked facts used below: in Copenhagen and Berlin, DST starts Sunday 29 March 2026 (02:00 ->
03:00, +01:00 -> +02:00) and ends Sunday 25 October 2026 (03:00 -> 02:00); midnight on both
Sundays is unambiguous, at the offset of the day before. In Santiago, DST starts at midnight on
Sunday 6 September 2026 (00:00 -> 01:00, -04:00 -> -03:00), so that day begins at 01:00. Before
1894 Copenhagen kept local mean time, +00:50:20.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    BusinessCalendar,
    CalendarDays,
    DueStyle,
    InvalidValueError,
    NaiveDatetimeError,
    PolicyError,
    SpanOutOfRangeError,
    UnknownTimezoneError,
    WrongTypeError,
    format_due,
    presets,
)
from expandit_policy.strategies import ZONES, instants, timezones

CPH = "Europe/Copenhagen"
WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
STYLES: tuple[DueStyle, ...] = ("time", "date", "offset")


def every_day(zone: str) -> BusinessCalendar:
    """Open 08:00-16:00 every day of the week, no holidays: CPL-2's 14 days end on the 14th."""
    return BusinessCalendar.from_weekly(zone, {day: [("08:00", "16:00")] for day in WEEK})


def cph(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, micro: int = 0
) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, second, micro, tz=CPH)


# -- hand-worked tables ------------------------------------------------------------------------


BER, SCL = "Europe/Berlin", "America/Santiago"


@pytest.mark.parametrize(
    ("zone", "received", "due_iso", "date", "offset"),
    [
        # CPL-2 received Saturday 14 March: 14 days end with Saturday 28 March, the night DST starts.
        (CPH, (2026, 3, 14), "2026-03-29T00:00:00+01:00", "Sat 2026-03-28 24:00", "+01:00"),
        (BER, (2026, 3, 14), "2026-03-29T00:00:00+01:00", "Sat 2026-03-28 24:00", "+01:00"),
        # Received Saturday 10 October: 14 days end with Saturday 24 October, the night DST ends.
        (CPH, (2026, 10, 10), "2026-10-25T00:00:00+02:00", "Sat 2026-10-24 24:00", "+02:00"),
        (BER, (2026, 10, 10), "2026-10-25T00:00:00+02:00", "Sat 2026-10-24 24:00", "+02:00"),
        # Santiago's Saturday 5 September ends when Sunday begins, at 01:00: no local midnight.
        (SCL, (2026, 8, 22), "2026-09-06T01:00:00-03:00", "Sun 2026-09-06 01:00", "-03:00"),
    ],
)
def test_cpl2_deadline_at_a_dst_sunday(
    zone: str, received: tuple[int, int, int], due_iso: str, date: str, offset: str
) -> None:
    due = every_day(zone).add(pendulum.datetime(*received, 10, tz=zone), CalendarDays(14))
    assert due.isoformat() == due_iso
    assert format_due(due) == date
    assert format_due(due, style="time") == date[:4] + date[15:]
    assert format_due(due, style="offset") == f"{date} {offset}"


def test_cpl2_on_the_danish_calendar_after_easter() -> None:
    """Received Friday 20 March 2026: the 14th day is Good Friday; closed until Tuesday 7 April."""
    due = presets.denmark().add(cph(2026, 3, 20, 10), CalendarDays(14))
    assert format_due(due) == "Tue 2026-04-07 24:00"


@pytest.mark.parametrize(
    ("instant", "timezone", "expected"),
    [
        # A microsecond before midnight is not the end of the day; nothing is rounded up.
        (cph(2026, 3, 28, 23, 59, 59, 999_999), None, "Sat 2026-03-28 23:59:59.999999"),
        (cph(2026, 3, 29), None, "Sat 2026-03-28 24:00"),
        (cph(2026, 3, 29, 0, 0, 0, 1), None, "Sun 2026-03-29 00:00:00.000001"),
        (cph(2026, 3, 9, 9, 30), None, "Mon 2026-03-09 09:30"),
        (cph(2026, 3, 9, 9, 30, 15), None, "Mon 2026-03-09 09:30:15"),
        (cph(2026, 3, 9, 9, 30, 0, 500_000), None, "Mon 2026-03-09 09:30:00.500000"),
        # Midnight in UTC is 01:00 in Copenhagen; midnight in Copenhagen is 23:00 in UTC.
        (pendulum.datetime(2026, 3, 20, tz="UTC"), None, "Thu 2026-03-19 24:00"),
        (pendulum.datetime(2026, 3, 20, tz="UTC"), CPH, "Fri 2026-03-20 01:00"),
        (cph(2026, 3, 20), None, "Thu 2026-03-19 24:00"),
        (cph(2026, 3, 20), "UTC", "Thu 2026-03-19 23:00"),
        (dt.datetime(2026, 3, 20, 0, 0, tzinfo=dt.UTC), None, "Thu 2026-03-19 24:00"),
        # Summer time: midnight on 8 April is 22:00 UTC the day before.
        (pendulum.datetime(2026, 4, 7, 22, tz="UTC"), CPH, "Tue 2026-04-07 24:00"),
        # The end of a year, and of a leap day.
        (cph(2027, 1, 1), None, "Thu 2026-12-31 24:00"),
        (cph(2028, 3, 1), None, "Tue 2028-02-29 24:00"),
    ],
)
def test_instants_as_a_desk_reads_them(
    instant: dt.datetime, timezone: str | None, expected: str
) -> None:
    assert format_due(instant, timezone=timezone) == expected


def test_a_repeated_hour_needs_the_offset() -> None:
    """02:30 on Sunday 25 October 2026 happens twice in Copenhagen: first at +02:00, then +01:00."""
    first = dt.datetime(2026, 10, 25, 2, 30, tzinfo=zoneinfo.ZoneInfo(CPH))
    second = first.replace(fold=1)
    assert format_due(first) == format_due(second) == "Sun 2026-10-25 02:30"
    assert format_due(first, style="offset") == "Sun 2026-10-25 02:30 +02:00"
    assert format_due(second, style="offset") == "Sun 2026-10-25 02:30 +01:00"
    assert format_due(pendulum.instance(second), style="offset").endswith("+01:00")


def test_a_skipped_wall_time_reads_as_the_clock_showed_it() -> None:
    """02:30 on 29 March 2026 never happens in Copenhagen: a stdlib datetime that says it is the
    instant 01:30 UTC (its offset before the change), which the clocks showed as 03:30."""
    skipped = dt.datetime(2026, 3, 29, 2, 30, tzinfo=zoneinfo.ZoneInfo(CPH))
    assert format_due(skipped, style="offset") == "Sun 2026-03-29 03:30 +02:00"


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (
            dt.datetime(2026, 3, 21, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
            "Fri 2026-03-20 24:00 +05:30",
        ),
        (
            dt.datetime(2026, 3, 21, tzinfo=dt.timezone(-dt.timedelta(hours=3, minutes=30))),
            "Fri 2026-03-20 24:00 -03:30",
        ),
        (pendulum.datetime(2026, 3, 21, tz="UTC"), "Fri 2026-03-20 24:00 +00:00"),
        # Local mean time, before Denmark took +01:00 in 1894.
        (cph(1890, 6, 2), "Sun 1890-06-01 24:00 +00:50:20"),
        (
            dt.datetime(
                2026, 3, 21, tzinfo=dt.timezone(dt.timedelta(seconds=3600, microseconds=5))
            ),
            "Fri 2026-03-20 24:00 +01:00:00.000005",
        ),
    ],
)
def test_offsets(instant: dt.datetime, expected: str) -> None:
    assert format_due(instant, style="offset") == expected


def test_the_styles() -> None:
    due = cph(2026, 4, 8)
    assert [format_due(due, style=style) for style in STYLES] == [
        "Tue 24:00",
        "Tue 2026-04-07 24:00",
        "Tue 2026-04-07 24:00 +02:00",
    ]


def test_years_keep_four_digits() -> None:
    assert format_due(pendulum.datetime(2, 1, 3, tz="UTC")) == "Wed 0002-01-02 24:00"


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "options", "error", "message"),
    [
        (
            dt.datetime(2026, 3, 20),
            {},
            NaiveDatetimeError,
            "instant must be an aware datetime (with tzinfo), got naive datetime.datetime(2026, 3, "
            "20, 0, 0); attach a zone, e.g. pendulum.datetime(..., tz='Europe/Copenhagen')",
        ),
        (
            "2026-03-20T00:00+01:00",
            {},
            WrongTypeError,
            "instant must be an aware datetime, got '2026-03-20T00:00+01:00' (str); "
            "e.g. pendulum.datetime(2026, 3, 2, 9, tz='Europe/Copenhagen')",
        ),
        (
            dt.date(2026, 3, 20),
            {},
            WrongTypeError,
            "instant must be an aware datetime, got datetime.date(2026, 3, 20) (date); "
            "e.g. pendulum.datetime(2026, 3, 2, 9, tz='Europe/Copenhagen')",
        ),
        (
            cph(2026, 3, 20),
            {"timezone": "Europe/Kopenhagen"},
            UnknownTimezoneError,
            "timezone must be an IANA zone name such as 'Europe/Copenhagen', got "
            "'Europe/Kopenhagen'",
        ),
        (
            cph(2026, 3, 20),
            {"timezone": "+01:00"},
            UnknownTimezoneError,
            "timezone must be an IANA zone name such as 'Europe/Copenhagen', got '+01:00'",
        ),
        (
            cph(2026, 3, 20),
            {"timezone": dt.UTC},
            WrongTypeError,
            "timezone must be an IANA zone name (str) such as 'Europe/Copenhagen', got "
            "datetime.timezone.utc (timezone)",
        ),
        (
            cph(2026, 3, 20),
            {"style": "weekday"},
            InvalidValueError,
            "style must be one of 'time', 'date' or 'offset', got 'weekday'",
        ),
        (
            cph(2026, 3, 20),
            {"style": None},
            WrongTypeError,
            "style must be one of 'time', 'date' or 'offset', got None (NoneType)",
        ),
        (
            pendulum.datetime(1, 6, 1, tz="UTC"),
            {},
            SpanOutOfRangeError,
            "instant must lie between the years 2 and 9998 with a day to spare, got an instant "
            "-62122550400000000 µs from the epoch",
        ),
    ],
)
def test_bad_input_gets_a_typed_error(
    instant: Any, options: dict[str, Any], error: type[PolicyError], message: str
) -> None:
    with pytest.raises(error) as raised:
        format_due(instant, **options)
    assert str(raised.value) == message


# -- properties --------------------------------------------------------------------------------

LINE = re.compile(
    r"(?P<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    r"(?: (?P<date>\d{4}-\d\d-\d\d))? "
    r"(?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.(?P<micro>\d{6}))?)?"
    r"(?: (?P<sign>[+-])(?P<oh>\d\d):(?P<om>\d\d)(?::(?P<os>\d\d))?)?"
)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def read_back(text: str, zone: str) -> list[dt.datetime]:
    """Every instant that ``text`` can name in ``zone``, read from the definition: a weekday, a
    date, a wall time (24:00 is the next day's 00:00), and an offset when it has one."""
    match = LINE.fullmatch(text)
    assert match is not None, text
    day = dt.date.fromisoformat(match["date"])
    assert WEEKDAYS[day.weekday()] == match["weekday"]
    hour, minute = int(match["hour"]), int(match["minute"])
    second, micro = int(match["second"] or 0), int(match["micro"] or 0)
    if (hour, minute) == (24, 0):
        assert (second, micro) == (0, 0)
        day, hour = day + dt.timedelta(days=1), 0
    assert hour < 24 and minute < 60 and second < 60
    wall = dt.datetime(day.year, day.month, day.day, hour, minute, second, micro)
    if match["sign"]:
        size = dt.timedelta(hours=int(match["oh"]), minutes=int(match["om"]), seconds=int(match["os"] or 0))  # fmt: skip
        return [wall.replace(tzinfo=dt.timezone(size if match["sign"] == "+" else -size))]
    tz = zoneinfo.ZoneInfo(zone)
    # A wall time names the instants at which the clocks showed it: none in a gap, two in a fold.
    named = {wall.replace(tzinfo=tz, fold=fold).astimezone(dt.UTC) for fold in (0, 1)}
    return [t for t in named if t.astimezone(tz).replace(tzinfo=None) == wall]


def local_midnights(zones: st.SearchStrategy[str]) -> st.SearchStrategy[dt.datetime]:
    """Instants at or a hair either side of a local midnight: where "24:00" is decided."""
    nudges = st.sampled_from([0, 0, 0, 1, -1, 1_000_000, -1_000_000, 3_600_000_000])
    days = st.dates(dt.date(1890, 1, 1), dt.date(2100, 12, 31))

    def build(zone: str, day: dt.date, nudge: int) -> dt.datetime:
        midnight = dt.datetime(day.year, day.month, day.day, tzinfo=zoneinfo.ZoneInfo(zone))
        return (midnight.astimezone(dt.UTC) + dt.timedelta(microseconds=nudge)).astimezone(
            midnight.tzinfo
        )

    return st.builds(build, zones, days, nudges)


def any_instants() -> st.SearchStrategy[dt.datetime]:
    zones = timezones(zones=ZONES)
    return instants(timezones=zones, gaps_and_folds=True) | local_midnights(zones)


def utc(t: dt.datetime) -> dt.datetime:
    """``t`` in UTC: aware datetimes in a fold or a gap never compare equal across zones (PEP 495),
    so instants are compared in UTC."""
    return t.astimezone(dt.UTC)


def zone_of(t: dt.datetime) -> str:
    key = getattr(t.tzinfo, "key", None)
    assert isinstance(key, str)
    return key


@given(any_instants(), timezones(zones=ZONES))
def test_the_offset_style_reads_back_as_the_same_instant(t: dt.datetime, zone: str) -> None:
    for text, in_zone in ((format_due(t, style="offset"), zone_of(t)),
                          (format_due(t, timezone=zone, style="offset"), zone)):  # fmt: skip
        assert [utc(u) for u in read_back(text, in_zone)] == [utc(t)]


@given(any_instants(), timezones(zones=ZONES))
def test_the_date_style_reads_back_as_the_same_instant_where_unambiguous(
    t: dt.datetime, zone: str
) -> None:
    named = [utc(u) for u in read_back(format_due(t, timezone=zone), zone)]
    # The text names the instant (never a wall time the clocks did not show), and only it unless
    # the wall time is in the hour that a DST change repeats.
    assert utc(t) in named
    assert len(named) <= 2


@given(any_instants(), timezones(zones=ZONES))
def test_24_00_appears_only_for_local_midnight(t: dt.datetime, zone: str) -> None:
    local = utc(t).astimezone(zoneinfo.ZoneInfo(zone))  # as the clocks in ``zone`` showed it
    at_midnight = local.time() == dt.time(0)
    for style in STYLES:
        text = format_due(t, timezone=zone, style=style)
        assert ("24:00" in text) == at_midnight, text


@given(any_instants())
def test_the_styles_agree(t: dt.datetime) -> None:
    short, date, offset = (format_due(t, style=style) for style in STYLES)
    assert offset.startswith(date + " ")
    weekday, _, clock = date.split(" ")
    assert short == f"{weekday} {clock}"


@given(any_instants(), timezones(zones=ZONES))
def test_a_timezone_shows_what_converting_first_shows(t: dt.datetime, zone: str) -> None:
    converted = utc(t).astimezone(zoneinfo.ZoneInfo(zone))
    for style in STYLES:
        assert format_due(t, timezone=zone, style=style) == format_due(converted, style=style)


@given(any_instants())
def test_pendulum_and_stdlib_instants_read_alike(t: dt.datetime) -> None:
    as_pendulum = pendulum.instance(t.astimezone(dt.UTC)).in_timezone(zone_of(t))
    for style in STYLES:
        assert format_due(as_pendulum, style=style) == format_due(t, style=style)
