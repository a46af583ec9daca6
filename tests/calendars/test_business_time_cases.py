"""Hand-worked cases: each expected instant was worked out on paper from the calendar's rules.

Danish 2026 facts used below: DST starts Sunday 29 March (02:00 -> 03:00) and ends Sunday 25 October
(03:00 -> 02:00); holidays Thursday 2 April to Monday 6 April (Easter), Thursday 14 May, Monday
25 May, Friday 25 December; Store Bededag (Friday 1 May 2026) is abolished, so that day is a
working day. Germany: German Unity Day Friday 3 October 2025; Epiphany Tuesday 6 January 2026
in Bavaria only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pendulum
import pytest

from expandit_policy import (
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    CalendarDays,
    ClockHours,
    Duration,
    Opening,
    presets,
)

CPH = "Europe/Copenhagen"


def at(text: str) -> pendulum.DateTime:
    parsed = pendulum.parse(text)
    assert isinstance(parsed, pendulum.DateTime)
    return parsed


def overnight_saturday() -> BusinessCalendar:
    """Open only Saturday 22:00 to Sunday 06:00 (an overnight window), in Copenhagen."""
    return BusinessCalendar.from_weekly(CPH, {"sat": [("22:00", "06:00", True)]})


def with_lunch() -> BusinessCalendar:
    week = {
        d: [("08:00", "12:00"), ("12:30", "16:00")] for d in ("mon", "tue", "wed", "thu", "fri")
    }
    return BusinessCalendar.from_weekly(CPH, week)


def across_midnight() -> BusinessCalendar:
    """Saturday 20:00-24:00 and Sunday 00:00-02:00: one span across midnight."""
    return BusinessCalendar.from_weekly(
        CPH, {"sat": [("20:00", "24:00")], "sun": [("00:00", "02:00")]}
    )


def afternoon_closed() -> BusinessCalendar:
    """The Danish desk, closed on Monday 2 March 2026 from 12:00 to the 16:00 close."""
    dk = presets.denmark()
    return BusinessCalendar(
        dk.timezone,
        dk.hours,
        dk.holidays,
        closures=[(at("2026-03-02T12:00:00+01:00"), at("2026-03-02T16:00:00+01:00"))],
    )


def saturday_opening() -> BusinessCalendar:
    dk = presets.denmark()
    opening = Opening(at("2026-03-07T10:00:00+01:00"), at("2026-03-07T14:00:00+01:00"), "release")
    return BusinessCalendar(dk.timezone, dk.hours, dk.holidays, openings=(opening,))


def desk_minus_monday_mornings() -> BusinessCalendar | object:
    absent = BusinessCalendar.from_weekly(CPH, {"mon": [("08:00", "12:00")]})
    return presets.denmark() - absent


CALENDARS: dict[str, Callable[[], object]] = {
    "dk": presets.denmark,
    "dk_xmas": lambda: presets.denmark(christmas_eve=True),
    "de": presets.germany,
    "de_by": lambda: presets.germany("BY"),
    "overnight_sat": overnight_saturday,
    "lunch": with_lunch,
    "midnight": across_midnight,
    "closed_pm": afternoon_closed,
    "sat_open": saturday_opening,
    "minus_mornings": desk_minus_monday_mornings,
}

H = BusinessHours
ADD_CASES: list[tuple[str, str, str, Duration, str]] = [
    # id, calendar, start, duration, expected
    ("dst-spring-weekend", "dk", "2026-03-27T15:00:00+01:00", H(2), "2026-03-30T09:00:00+02:00"),
    ("dst-autumn-weekend", "dk", "2026-10-23T15:00:00+02:00", H(2), "2026-10-26T09:00:00+01:00"),
    ("easter-holidays", "dk", "2026-04-02T10:00:00+02:00", H(2), "2026-04-07T10:00:00+02:00"),
    ("arrival-at-night", "dk", "2026-03-03T02:00:00+01:00", H(2), "2026-03-03T10:00:00+01:00"),
    ("arrival-on-sunday", "dk", "2026-03-08T12:00:00+01:00", H(2), "2026-03-09T10:00:00+01:00"),
    ("exactly-at-opening", "dk", "2026-03-02T08:00:00+01:00", H(8), "2026-03-02T16:00:00+01:00"),
    ("exactly-at-close-zero", "dk", "2026-03-02T16:00:00+01:00", H(0), "2026-03-03T08:00:00+01:00"),
    ("exactly-at-close", "dk", "2026-03-02T16:00:00+01:00", H(1), "2026-03-03T09:00:00+01:00"),
    ("zero-while-open", "dk", "2026-03-02T10:00:00+01:00", H(0), "2026-03-02T10:00:00+01:00"),
    ("zero-at-night", "dk", "2026-03-02T23:00:00+01:00", H(0), "2026-03-03T08:00:00+01:00"),
    ("negative", "dk", "2026-03-09T09:00:00+01:00", H(-2), "2026-03-06T15:00:00+01:00"),
    ("negative-to-open", "dk", "2026-03-09T09:00:00+01:00", H(-1), "2026-03-09T08:00:00+01:00"),
    ("store-bededag-2026", "dk", "2026-04-30T15:00:00+02:00", H(2), "2026-05-01T09:00:00+02:00"),
    ("christmas-eve-open", "dk", "2026-12-23T15:00:00+01:00", H(2), "2026-12-24T09:00:00+01:00"),
    (
        "christmas-eve-shut",
        "dk_xmas",
        "2026-12-23T15:00:00+01:00",
        H(2),
        "2026-12-28T09:00:00+01:00",
    ),
    ("fractional", "dk", "2026-03-02T08:00:00+01:00", H(0.25), "2026-03-02T08:15:00+01:00"),
    ("2000-hours", "dk", "2026-03-02T09:15:00+01:00", H(2000), "2027-02-24T09:15:00+01:00"),
    ("de-unity-day", "de", "2025-10-02T16:30:00+02:00", H(2), "2025-10-06T09:30:00+02:00"),
    ("de-dst-spring", "de", "2026-03-27T16:00:00+01:00", H(3), "2026-03-30T10:00:00+02:00"),
    ("by-epiphany", "de_by", "2026-01-05T16:00:00+01:00", H(2), "2026-01-07T09:00:00+01:00"),
    ("de-no-epiphany", "de", "2026-01-05T16:00:00+01:00", H(2), "2026-01-06T09:00:00+01:00"),
    (
        "overnight-spring",
        "overnight_sat",
        "2026-03-28T21:00:00+01:00",
        H(7),
        "2026-03-29T06:00:00+02:00",
    ),
    (
        "overnight-autumn",
        "overnight_sat",
        "2026-10-24T22:00:00+02:00",
        H(8),
        "2026-10-25T05:00:00+01:00",
    ),
    (
        "overnight-autumn-full",
        "overnight_sat",
        "2026-10-24T22:00:00+02:00",
        H(9),
        "2026-10-25T06:00:00+01:00",
    ),
    ("lunch-break", "lunch", "2026-03-02T11:30:00+01:00", H(1), "2026-03-02T13:00:00+01:00"),
    ("lunch-exact", "lunch", "2026-03-02T11:00:00+01:00", H(1), "2026-03-02T12:00:00+01:00"),
    ("across-midnight", "midnight", "2026-03-07T23:00:00+01:00", H(2), "2026-03-08T01:00:00+01:00"),
    (
        "closure-to-close",
        "closed_pm",
        "2026-03-02T11:00:00+01:00",
        H(2),
        "2026-03-03T09:00:00+01:00",
    ),
    (
        "closure-lands-on-it",
        "closed_pm",
        "2026-03-02T11:00:00+01:00",
        H(1),
        "2026-03-02T12:00:00+01:00",
    ),
    (
        "saturday-opening",
        "sat_open",
        "2026-03-06T15:00:00+01:00",
        H(2),
        "2026-03-07T11:00:00+01:00",
    ),
    (
        "minus-mornings",
        "minus_mornings",
        "2026-03-02T09:00:00+01:00",
        H(1),
        "2026-03-02T13:00:00+01:00",
    ),
    # Day-level readings.
    (
        "mail3-saturday",
        "dk",
        "2026-03-07T11:00:00+01:00",
        BusinessDays(2),
        "2026-03-11T08:00:00+01:00",
    ),
    (
        "mail3-friday",
        "dk",
        "2026-03-06T15:30:00+01:00",
        BusinessDays(2),
        "2026-03-10T15:30:00+01:00",
    ),
    (
        "mail4-over-easter",
        "dk",
        "2026-04-01T10:00:00+02:00",
        BusinessDays(1),
        "2026-04-07T10:00:00+02:00",
    ),
    ("mail4-zero", "dk", "2026-03-07T11:00:00+01:00", BusinessDays(0), "2026-03-09T08:00:00+01:00"),
    (
        "mail3-over-dst-spring",
        "dk",
        "2026-03-26T10:00:00+01:00",
        BusinessDays(2),
        "2026-03-30T10:00:00+02:00",
    ),
    (
        "mail3-over-dst-autumn",
        "dk",
        "2026-10-22T10:00:00+02:00",
        BusinessDays(2),
        "2026-10-26T10:00:00+01:00",
    ),
    (
        "same-time-in-a-closure",
        "closed_pm",
        "2026-02-27T13:00:00+01:00",
        BusinessDays(1),
        "2026-03-02T12:00:00+01:00",
    ),
    (
        "same-time-at-lunch",
        "lunch",
        "2026-03-02T07:00:00+01:00",
        BusinessDays(1),
        "2026-03-03T08:00:00+01:00",
    ),
    (
        "cpl1-friday-night",
        "dk",
        "2026-03-06T20:00:00+01:00",
        BusinessDays(2, "close_of_day"),
        "2026-03-10T16:00:00+01:00",
    ),
    (
        "cpl1-saturday",
        "dk",
        "2026-03-07T09:00:00+01:00",
        BusinessDays(2, "close_of_day"),
        "2026-03-10T16:00:00+01:00",
    ),
    (
        "cpl1-tuesday-morning",
        "dk",
        "2026-03-03T07:00:00+01:00",
        BusinessDays(2, "close_of_day"),
        "2026-03-05T16:00:00+01:00",
    ),
    (
        "cpl1-zero",
        "dk",
        "2026-03-03T07:00:00+01:00",
        BusinessDays(0, "close_of_day"),
        "2026-03-03T16:00:00+01:00",
    ),
    (
        "cpl2-plain",
        "dk",
        "2026-03-24T11:00:00+01:00",
        CalendarDays(14),
        "2026-04-08T00:00:00+02:00",
    ),
    (
        "cpl2-rolls-past-easter",
        "dk",
        "2026-03-20T11:00:00+01:00",
        CalendarDays(14),
        "2026-04-08T00:00:00+02:00",
    ),
    (
        "cpl2-rolls-weekend",
        "dk",
        "2026-03-07T11:00:00+01:00",
        CalendarDays(14),
        "2026-03-24T00:00:00+01:00",
    ),
    (
        "clock-hours-dst",
        "dk",
        "2026-03-28T12:00:00+01:00",
        ClockHours(24),
        "2026-03-29T13:00:00+02:00",
    ),
]


@pytest.mark.parametrize(
    ("calendar", "start", "duration", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in ADD_CASES],
)
def test_add(calendar: str, start: str, duration: Duration, expected: str) -> None:
    cal = CALENDARS[calendar]()
    result = cal.add(at(start), duration)  # type: ignore[attr-defined]
    assert result.isoformat() == expected
    assert isinstance(result, pendulum.DateTime)
    assert result.timezone_name == cal.timezone  # type: ignore[attr-defined]


LANDING_CASES = [
    ("exact-close", "dk", "2026-03-02T08:00:00+01:00", H(8), "2026-03-03T08:00:00+01:00"),
    ("friday-close", "dk", "2026-03-06T15:00:00+01:00", H(1), "2026-03-09T08:00:00+01:00"),
    ("lunch", "lunch", "2026-03-02T11:00:00+01:00", H(1), "2026-03-02T12:30:00+01:00"),
    ("not-at-close", "dk", "2026-03-02T08:00:00+01:00", H(2), "2026-03-02T10:00:00+01:00"),
    (
        "days-at-close",
        "dk",
        "2026-03-06T20:00:00+01:00",
        BusinessDays(2, "close_of_day"),
        "2026-03-11T08:00:00+01:00",
    ),
]


@pytest.mark.parametrize(
    ("calendar", "start", "duration", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in LANDING_CASES],
)
def test_add_landing_on_next_open(
    calendar: str, start: str, duration: Duration, expected: str
) -> None:
    cal = CALENDARS[calendar]()
    assert cal.add(at(start), duration, landing="next_open").isoformat() == expected  # type: ignore[attr-defined]


BETWEEN_CASES = [
    ("friday-to-monday", "dk", "2026-03-06T15:00:00+01:00", "2026-03-09T09:00:00+01:00", 2 * 3600),
    ("backward", "dk", "2026-03-09T09:00:00+01:00", "2026-03-06T15:00:00+01:00", -2 * 3600),
    ("dst-autumn", "dk", "2026-10-23T15:00:00+02:00", "2026-10-26T09:00:00+01:00", 2 * 3600),
    (
        "overnight-spring-short",
        "overnight_sat",
        "2026-03-28T12:00:00+01:00",
        "2026-03-29T12:00:00+02:00",
        7 * 3600,
    ),
    (
        "overnight-autumn-long",
        "overnight_sat",
        "2026-10-24T12:00:00+02:00",
        "2026-10-25T12:00:00+01:00",
        9 * 3600,
    ),
    ("easter-week", "dk", "2026-03-30T00:00:00+02:00", "2026-04-06T00:00:00+02:00", 3 * 8 * 3600),
    ("same-instant", "dk", "2026-03-02T10:00:00+01:00", "2026-03-02T10:00:00+01:00", 0),
    ("other-zone-input", "dk", "2026-03-02T07:00:00+00:00", "2026-03-02T10:00:00-05:00", 8 * 3600),
]


@pytest.mark.parametrize(
    ("calendar", "a", "b", "seconds"), [pytest.param(*row[1:], id=row[0]) for row in BETWEEN_CASES]
)
def test_between(calendar: str, a: str, b: str, seconds: int) -> None:
    cal = CALENDARS[calendar]()
    assert cal.between(at(a), at(b)) == dt.timedelta(seconds=seconds)  # type: ignore[attr-defined]


def test_subtract_business_days_mirrors_add() -> None:
    dk = presets.denmark()
    assert dk.subtract(at("2026-03-11T08:00:00+01:00"), BusinessDays(2)).isoformat() == (
        "2026-03-09T08:00:00+01:00"
    )
    assert dk.subtract(at("2026-04-07T10:00:00+02:00"), BusinessDays(1)).isoformat() == (
        "2026-04-01T10:00:00+02:00"
    )
    assert dk.subtract(at("2026-03-08T10:00:00+01:00"), BusinessDays(0)).isoformat() == (
        "2026-03-06T16:00:00+01:00"
    )
    assert dk.subtract(at("2026-03-09T09:00:00+01:00"), ClockHours(3)).isoformat() == (
        "2026-03-09T06:00:00+01:00"
    )


def test_open_and_close_instants() -> None:
    dk = presets.denmark()
    assert dk.is_open(at("2026-03-02T08:00:00+01:00"))
    assert not dk.is_open(at("2026-03-02T07:59:59.999999+01:00"))
    assert dk.is_open(at("2026-03-02T15:59:59.999999+01:00"))
    assert not dk.is_open(at("2026-03-02T16:00:00+01:00"))
    assert dk.next_close(at("2026-03-02T16:00:00+01:00")).isoformat() == "2026-03-03T16:00:00+01:00"
    assert dk.previous_open(at("2026-03-02T08:00:00+01:00")).isoformat() == (
        "2026-03-02T08:00:00+01:00"
    )
    assert dk.previous_close(at("2026-03-02T16:00:00+01:00")).isoformat() == (
        "2026-03-02T16:00:00+01:00"
    )


def test_working_days() -> None:
    dk = presets.denmark()
    easter_week = [dt.date(2026, 3, 30) + dt.timedelta(days=k) for k in range(8)]
    assert [dk.is_working_day(d) for d in easter_week] == [
        True, True, True, False, False, False, False, False,
    ]  # fmt: skip
    # 261 weekdays in 2026, 7 of them holidays (1 Jan, 2, 3 and 6 April, 14 and 25 May, 25 Dec).
    assert dk.working_days_between(dt.date(2026, 1, 1), dt.date(2027, 1, 1)) == 261 - 7
    assert dk.working_days_between(dt.date(2026, 3, 9), dt.date(2026, 3, 2)) == 0
    overnight = overnight_saturday()
    assert overnight.is_working_day(dt.date(2026, 3, 28))
    assert overnight.is_working_day(dt.date(2026, 3, 29))  # open until 06:00
    assert not overnight.is_working_day(dt.date(2026, 3, 30))


def test_open_spans_are_clipped_and_in_the_calendar_zone() -> None:
    spans = overnight_saturday().open_spans(
        at("2026-03-28T23:00:00+00:00"), at("2026-03-29T12:00:00+00:00")
    )
    assert [(a.isoformat(), b.isoformat()) for a, b in spans] == [
        ("2026-03-29T00:00:00+01:00", "2026-03-29T06:00:00+02:00")
    ]


def test_add_many_matches_add() -> None:
    dk = presets.denmark()
    starts = [at("2026-03-02T07:00:00+01:00").add(minutes=37 * k) for k in range(200)]
    for duration in (H(2), H(-3), BusinessDays(2), CalendarDays(14)):
        assert dk.add_many(starts, duration) == [dk.add(t, duration) for t in starts]
    assert dk.add_many(starts, H(1), landing="next_open") == [
        dk.add(t, H(1), landing="next_open") for t in starts
    ]


def test_stdlib_datetimes_are_accepted() -> None:
    from zoneinfo import ZoneInfo

    t = dt.datetime(2026, 3, 6, 15, 30, tzinfo=ZoneInfo(CPH))
    assert presets.denmark().add(t, H(2)).isoformat() == "2026-03-09T09:30:00+01:00"
    utc = dt.datetime(2026, 3, 6, 14, 30, tzinfo=dt.UTC)
    assert presets.denmark().add(utc, H(2)).isoformat() == "2026-03-09T09:30:00+01:00"


def test_far_spans_cost_no_more_than_compiling_the_years() -> None:
    dk = presets.denmark()
    t = at("2026-03-02T09:15:00+01:00")
    later = at("2036-03-03T09:15:00+01:00")  # a Monday, open
    ten_years = dk.between(t, later)
    # 2,539 working days from 2 March 2026 to 2 March 2036 (holidays package), 8 hours each.
    assert ten_years == dt.timedelta(hours=20_312)
    assert dk.add(t, BusinessHours.from_timedelta(ten_years)) == later
    assert dk.subtract(later, BusinessHours.from_timedelta(ten_years)) == t


# America/Santiago skips 00:00-01:00 on Sunday 7 September 2025: a wall time a microsecond after
# midnight that day never occurs, and takes effect at the end of the gap, 01:00:00 sharp.
SANTIAGO_GAP_DAY = BusinessCalendar.from_weekly(
    "America/Santiago", {day: [("00:00", "01:45")] for day in ("fri", "sat", "sun", "mon")}
)


def test_same_time_falling_in_a_dst_gap_lands_at_the_end_of_the_gap_not_past_it() -> None:
    start = pendulum.datetime(2025, 9, 6, 0, 0, 0, 1, tz="America/Santiago")
    due = SANTIAGO_GAP_DAY.add(start, BusinessDays(1))
    assert due == pendulum.datetime(2025, 9, 7, 1, tz="America/Santiago")
    assert due.microsecond == 0


def test_same_time_counted_back_into_a_dst_gap_lands_at_the_end_of_the_gap_not_past_it() -> None:
    start = pendulum.datetime(2025, 9, 8, 0, 0, 0, 1, tz="America/Santiago")
    due = SANTIAGO_GAP_DAY.subtract(start, BusinessDays(1))
    assert due == pendulum.datetime(2025, 9, 7, 1, tz="America/Santiago")
    assert due.microsecond == 0
