"""The engine against the day-level references of ``tests/calendars/reference.py``.

The references are written from the documented definitions of ``BusinessDays`` (both readings),
``CalendarDays`` and ``BusinessHours``; they read a calendar's definition and never call the
engine's arithmetic. Every answer is compared as an instant *and* as a local wall time with its
fold, so a result built from the wrong offset or the wrong occurrence of a repeated hour fails.

The inputs are drawn to reach both ways the engine answers:

* its one-step paths for the common case: an instant in the calendar's own zone (pendulum or
  stdlib), on a calendar whose year is already compiled, weeks away from any offset change;
* its careful paths: instants in another zone, a calendar queried for the first time, days
  within two days of a DST change, and the turn of the year.

Table rows at the end were worked out by hand from the definitions, not from the engine.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

import pendulum
import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from expandit_policy import (
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    Calendar,
    CalendarDays,
    presets,
    strategies,
)
from tests.budget import share
from tests.calendars.reference import (
    ANCHORS,
    DAY,
    HOUR,
    MINUTE,
    DayReference,
    first_instant_reaching,
    from_us,
    local_wall,
    offset_changes,
    to_us,
)

# Zones whose offset changes the tests walk over: Copenhagen and Berlin (the desks), New York
# (other dates), Santiago (changes at midnight), Lord Howe (half an hour), and two without DST.
ZONES = (
    "Europe/Copenhagen",
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "UTC",
)
OTHER_ZONES = ("UTC", "Asia/Tokyo", "America/Santiago", "Pacific/Chatham")
# Days weeks away from any offset change of the zones above (the one-step paths' ground).
QUIET = (dt.date(2026, 1, 12), dt.date(2026, 5, 11), dt.date(2026, 6, 8), dt.date(2026, 7, 6))
# The turn of a year, where one compiled year ends and the next begins.
YEAR_ENDS = (dt.date(2025, 12, 24), dt.date(2026, 12, 22), dt.date(2027, 12, 27))


@dataclass
class DayCase:
    """A calendar, its reference, a start instant and the datetime handed to the engine."""

    calendar: Calendar
    reference: DayReference
    start: int  # µs
    t: dt.datetime
    route: str

    def explain(self) -> None:
        day = self.reference.day_of(self.start)
        note(f"start {from_us(self.start, self.reference.tz).isoformat()} as {self.t!r}")
        note(f"route: {self.route}")
        for line in self.reference.describe(day - dt.timedelta(days=1), day + dt.timedelta(7)):
            note(f"open {line}")


def _as_given(us: int, zone: str, calendar: Calendar, form: str) -> dt.datetime:
    """Instant ``us`` as the engine is handed it: a pendulum or stdlib datetime in the
    calendar's own zone, or a stdlib one in another zone."""
    if form == "pendulum":
        w = from_us(us, zoneinfo.ZoneInfo(zone))
        t: dt.datetime = pendulum.datetime(
            w.year,
            w.month,
            w.day,
            w.hour,
            w.minute,
            w.second,
            w.microsecond,
            tz=calendar.zone,
            fold=w.fold,
        )
    elif form == "stdlib":
        t = from_us(us, zoneinfo.ZoneInfo(zone))
    else:
        t = from_us(us, zoneinfo.ZoneInfo(form))
    assert to_us(t) == us
    return t


@st.composite
def day_cases(draw: st.DrawFn, *, composed: bool = True) -> DayCase:
    """A random calendar near a quiet day, a DST change or a year's end, with holidays,
    closures and openings on the days that matter, and a start drawn among whole minutes, any
    microsecond, nights and the exact instants at which the calendar opens or closes."""
    zone = draw(st.sampled_from(ZONES), label="zone")
    place = draw(st.sampled_from(("quiet", "dst", "year_end")), label="place")
    anchors = {"quiet": QUIET, "dst": ANCHORS, "year_end": YEAR_ENDS}[place]
    anchor = draw(st.sampled_from(anchors)) + dt.timedelta(days=draw(st.integers(-4, 2)))
    tz = zoneinfo.ZoneInfo(zone)
    lo = from_us(to_us(dt.datetime(anchor.year, anchor.month, anchor.day, tzinfo=tz)), dt.UTC)
    business = strategies.business_calendars(
        timezones=st.just(zone),
        holidays=strategies.holiday_sets(
            min_date=anchor - dt.timedelta(days=2),
            max_date=anchor + dt.timedelta(days=30),
            max_dates=4,
            max_rules=0,
        ),
        min_value=lo - dt.timedelta(days=1),
        max_value=lo + dt.timedelta(days=21),
        max_closures=2,
        max_openings=1,
    )
    calendar: Calendar
    if composed and draw(st.integers(0, 4), label="compose") == 0:
        calendar = draw(strategies.composed_calendars(calendars=business))
    else:
        calendar = draw(business)
    reference = DayReference(calendar)
    day = anchor + dt.timedelta(days=draw(st.integers(0, 6), label="day"))
    day_start = reference.midnight(day)
    kind = draw(st.sampled_from(("minute", "microsecond", "night", "edge")), label="kind")
    if kind == "minute":
        start = day_start + draw(st.integers(0, 24 * 60 - 1)) * MINUTE
    elif kind == "microsecond":
        start = day_start + draw(st.integers(0, DAY - 1))
    elif kind == "night":
        start = day_start + draw(st.integers(-2 * HOUR, 6 * HOUR))
    else:  # the exact instant an open span begins or ends, or one microsecond before
        reference.cover(day, day + dt.timedelta(days=1))
        edges = sorted(
            x
            for span in reference.spans
            for x in span
            if day_start - DAY <= x < day_start + 2 * DAY
        )
        edge = draw(st.sampled_from(edges)) if edges else day_start
        start = edge - draw(st.sampled_from((0, 0, 0, 1)))
    form = draw(st.sampled_from(("pendulum", "stdlib", *OTHER_ZONES)), label="form")
    t = _as_given(start, zone, calendar, form)
    warm = draw(st.booleans(), label="compiled")
    if warm:  # compile the start's year first, as a long-running service would have
        calendar.is_open(t)
    route = f"{place}, {kind}, {form}, {'compiled' if warm else 'fresh'}"
    return DayCase(calendar, reference, start, t, route)


def assert_same_instant(got: pendulum.DateTime, expected: int, case: DayCase) -> None:
    """``got`` is instant ``expected`` in the calendar's zone, with the right wall time and
    fold."""
    tz = case.reference.tz
    want = from_us(expected, tz)
    assert isinstance(got.tzinfo, zoneinfo.ZoneInfo)
    assert got.tzinfo.key == case.calendar.timezone
    assert to_us(got) == expected, f"got {got.isoformat()}, expected {want.isoformat()}"
    assert (got.replace(tzinfo=None), got.fold) == (local_wall(expected, tz), want.fold)


# -- random calendars ----------------------------------------------------------------------------


def assert_same_time_deadline(got: pendulum.DateTime, case: DayCase, n: int) -> None:
    """``got`` is the documented ``BusinessDays(n)`` deadline."""
    assert_same_instant(got, case.reference.business_days_same_time(case.start, n), case)


@given(case=day_cases(), n=st.integers(1, 12))
def test_business_days_same_time_agree_with_the_day_reference(case: DayCase, n: int) -> None:
    """BusinessDays(n): the same local time of day as the clock's start, on the n-th working
    day after the start's day, settled into that day's own open time."""
    case.explain()
    assert_same_time_deadline(case.calendar.add(case.t, BusinessDays(n)), case, n)


@given(case=day_cases(), n=st.integers(1, 12))
def test_business_days_close_of_day_agree_with_the_day_reference(case: DayCase, n: int) -> None:
    """BusinessDays(n, "close_of_day"): the close of the n-th working day after the day of
    receipt."""
    case.explain()
    expected = case.reference.business_days_close_of_day(case.start, n)
    got = case.calendar.add(case.t, BusinessDays(n, "close_of_day"))
    assert_same_instant(got, expected, case)


@given(case=day_cases(), n=st.integers(0, 40))
def test_calendar_days_agree_with_the_day_reference(case: DayCase, n: int) -> None:
    """CalendarDays(n): the end of the n-th day after the day of receipt, rolled to the end of
    the next working day when that day is closed."""
    case.explain()
    expected = case.reference.calendar_days(case.start, n)
    assert_same_instant(case.calendar.add(case.t, CalendarDays(n)), expected, case)


@given(
    case=day_cases(),
    amount=st.one_of(
        st.integers(1, 3 * DAY),  # any microsecond count
        st.integers(1, 60).map(lambda h: h * HOUR),  # whole hours: deadlines on a close
    ),
    next_open=st.booleans(),
)
def test_business_hours_agree_with_the_span_reference(
    case: DayCase, amount: int, next_open: bool
) -> None:
    """BusinessHours(h): the earliest u >= t with h of open time in [t, u); with
    landing="next_open", a deadline that uses a span up exactly is the next opening."""
    case.explain()
    expected = case.reference.add_hours(case.start, amount, next_open)
    hours = BusinessHours.from_timedelta(dt.timedelta(microseconds=amount))
    got = case.calendar.add(case.t, hours, landing="next_open" if next_open else "close")
    assert_same_instant(got, expected, case)


# -- the presets, shared and compiled, over several years -----------------------------------------

DENMARK = presets.denmark()
GERMANY = presets.germany()
PRESET_REFERENCES = {"Denmark": DayReference(DENMARK), "Germany": DayReference(GERMANY)}
# The shared presets stay compiled, so most answers take the one-step paths, and an example
# costs about a millisecond: three times the profile.
PRESET_EXAMPLES = share(3.0)


@st.composite
def preset_cases(draw: st.DrawFn) -> DayCase:
    """A start on a shared preset between 2025 and 2028: any minute, or an opening or close."""
    calendar = draw(st.sampled_from((DENMARK, GERMANY)))
    reference = PRESET_REFERENCES[calendar.name]
    day = dt.date(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 4 * 365)))
    start = reference.midnight(day) + draw(st.integers(0, 24 * 60 - 1)) * MINUTE
    if draw(st.booleans()):  # that day's opening or close, exactly
        reference.cover(day, day)
        edges = [x for span in reference.spans for x in span if x >= start]
        start = edges[0]
    form = draw(st.sampled_from(("pendulum", "pendulum", "stdlib", "UTC")))
    zone = calendar.timezone
    route = f"preset {calendar.name} {form}"
    return DayCase(calendar, reference, start, _as_given(start, zone, calendar, form), route)


@settings(max_examples=PRESET_EXAMPLES)
@given(case=preset_cases(), n=st.integers(1, 30), close_of_day=st.booleans())
def test_preset_business_days_agree_with_the_day_reference(
    case: DayCase, n: int, close_of_day: bool
) -> None:
    note(case.route)
    if close_of_day:
        got = case.calendar.add(case.t, BusinessDays(n, "close_of_day"))
        assert_same_instant(got, case.reference.business_days_close_of_day(case.start, n), case)
    else:
        assert_same_time_deadline(case.calendar.add(case.t, BusinessDays(n)), case, n)


@settings(max_examples=PRESET_EXAMPLES)
@given(case=preset_cases(), n=st.integers(0, 60))
def test_preset_calendar_days_agree_with_the_day_reference(case: DayCase, n: int) -> None:
    note(case.route)
    assert_same_instant(
        case.calendar.add(case.t, CalendarDays(n)),
        case.reference.calendar_days(case.start, n),
        case,
    )


@settings(max_examples=PRESET_EXAMPLES)
@given(case=preset_cases(), hours=st.integers(1, 400 * 60))
def test_preset_business_hours_agree_with_the_span_reference(case: DayCase, hours: int) -> None:
    """Up to 400 business hours in whole minutes: deadlines that end on a close are common."""
    note(case.route)
    amount = hours * MINUTE
    got = case.calendar.add(case.t, BusinessHours.from_timedelta(dt.timedelta(minutes=hours)))
    assert_same_instant(got, case.reference.add_hours(case.start, amount), case)


# -- hand-worked rows ------------------------------------------------------------------------------
# Each expected instant was worked out by hand from the definitions: the Danish desk is open
# Monday to Friday 08:00-16:00 in Copenhagen, the German one 08:00-17:00 in Berlin; in 2026
# Copenhagen and Berlin move to summer time on Sunday 29 March (02:00 -> 03:00) and back on
# Sunday 25 October (03:00 -> 02:00); Easter Sunday is 5 April, so 2 April (Maundy Thursday),
# 3 April (Good Friday) and 6 April (Easter Monday) are Danish holidays; 24 December 2026 is a
# Thursday, and 25 and 26 December are holidays.

DAYS_ON = ("mon", "tue", "wed", "thu", "fri")
SHORT_FRIDAY = BusinessCalendar.from_weekly(
    "Europe/Copenhagen",
    {**{d: [("08:00", "16:00")] for d in DAYS_ON[:4]}, "fri": [("08:00", "12:00")]},
)
LATE_TUESDAY = BusinessCalendar.from_weekly(
    "Europe/Copenhagen", {"mon": [("08:00", "16:00")], "tue": [("12:00", "16:00")]}
)
SATURDAY_NIGHTS = BusinessCalendar.from_weekly(
    "Europe/Copenhagen",
    {**{d: [("08:00", "16:00")] for d in DAYS_ON}, "sat": [("22:00", "06:00", True)]},
)
SUNDAY_NIGHTS = BusinessCalendar.from_weekly("Europe/Copenhagen", {"sun": [("01:00", "05:00")]})
CALENDARS: dict[str, Calendar] = {
    "denmark": DENMARK,
    "germany": GERMANY,
    "short friday": SHORT_FRIDAY,
    "late tuesday": LATE_TUESDAY,
    "saturday nights": SATURDAY_NIGHTS,
    "sunday nights": SUNDAY_NIGHTS,
}
DURATIONS: dict[str, BusinessDays | CalendarDays] = {
    "1 day": BusinessDays(1),
    "2 days": BusinessDays(2),
    "3 days": BusinessDays(3),
    "1 day, close": BusinessDays(1, "close_of_day"),
    "2 days, close": BusinessDays(2, "close_of_day"),
    "12 calendar days": CalendarDays(12),
    "14 calendar days": CalendarDays(14),
}

HAND_WORKED = [
    # name, calendar, start (local, in the calendar's zone), duration, expected
    (
        "over spring DST",
        "denmark",
        "2026-03-27T10:00:00+01:00",
        "1 day",
        "2026-03-30T10:00:00+02:00",
    ),
    (
        "Saturday arrival starts Monday 08:00",
        "denmark",
        "2026-03-28T12:00:00+01:00",
        "1 day",
        "2026-03-31T08:00:00+02:00",
    ),
    (
        "at the close, the clock starts Monday",
        "denmark",
        "2026-03-06T16:00:00+01:00",
        "1 day",
        "2026-03-10T08:00:00+01:00",
    ),
    (
        "at the opening",
        "denmark",
        "2026-03-09T08:00:00+01:00",
        "3 days",
        "2026-03-12T08:00:00+01:00",
    ),
    (
        "night before Christmas Eve",
        "denmark",
        "2026-12-23T23:30:00+01:00",
        "1 day",
        "2026-12-28T08:00:00+01:00",
    ),
    (
        "close of day over Christmas",
        "denmark",
        "2026-12-23T23:30:00+01:00",
        "2 days, close",
        "2026-12-28T16:00:00+01:00",
    ),
    (
        "close of day over autumn DST",
        "denmark",
        "2026-10-23T15:00:00+02:00",
        "1 day, close",
        "2026-10-26T16:00:00+01:00",
    ),
    (
        "close of day, receipt at night",
        "denmark",
        "2026-03-09T03:00:00+01:00",
        "1 day, close",
        "2026-03-10T16:00:00+01:00",
    ),
    (
        "Berlin over autumn DST",
        "germany",
        "2026-10-23T16:30:00+02:00",
        "1 day",
        "2026-10-26T16:30:00+01:00",
    ),
    (
        "Berlin close of day over spring DST",
        "germany",
        "2026-03-27T12:00:00+01:00",
        "1 day, close",
        "2026-03-30T17:00:00+02:00",
    ),
    (
        "calendar days end on a Saturday: rolled to Monday",
        "denmark",
        "2026-03-16T10:00:00+01:00",
        "12 calendar days",
        "2026-03-31T00:00:00+02:00",
    ),
    (
        "calendar days end on Maundy Thursday: rolled past Easter",
        "denmark",
        "2026-03-19T09:00:00+01:00",
        "14 calendar days",
        "2026-04-08T00:00:00+02:00",
    ),
    (
        "calendar days count from the day of receipt, not the next opening",
        "denmark",
        "2026-03-14T23:59:00+01:00",
        "14 calendar days",
        "2026-03-31T00:00:00+02:00",
    ),
    (
        "short Friday: settles on its close",
        "short friday",
        "2026-03-05T14:00:00+01:00",
        "1 day",
        "2026-03-06T12:00:00+01:00",
    ),
    (
        "late Tuesday: settles on its opening",
        "late tuesday",
        "2026-03-02T09:00:00+01:00",
        "1 day",
        "2026-03-03T12:00:00+01:00",
    ),
    (
        "an overnight window closes at midnight on its own day",
        "saturday nights",
        "2026-03-27T10:00:00+01:00",
        "1 day, close",
        "2026-03-29T00:00:00+01:00",
    ),
    (
        "the morning after counts as a working day (7-hour night)",
        "saturday nights",
        "2026-03-27T10:00:00+01:00",
        "2 days, close",
        "2026-03-29T06:00:00+02:00",
    ),
    (
        "a time in the spring gap moves to its end",
        "sunday nights",
        "2026-03-22T02:30:00+01:00",
        "1 day",
        "2026-03-29T03:00:00+02:00",
    ),
    (
        "a time in the autumn fold takes its first occurrence",
        "sunday nights",
        "2026-10-18T02:30:00+02:00",
        "1 day",
        "2026-10-25T02:30:00+02:00",
    ),
]


@pytest.mark.parametrize(
    ("calendar", "start", "duration", "expected"),
    [pytest.param(*row[1:], id=row[0]) for row in HAND_WORKED],
)
def test_hand_worked_day_deadlines(calendar: str, start: str, duration: str, expected: str) -> None:
    """The engine, by both of its routes, and the reference give the hand-worked answer."""
    cal = CALENDARS[calendar]
    parsed = pendulum.parse(start)
    assert isinstance(parsed, pendulum.DateTime)
    t = parsed.in_timezone(cal.timezone)
    want = to_us(dt.datetime.fromisoformat(expected))
    d = DURATIONS[duration]
    reference = DayReference(cal)
    us = to_us(t)
    if isinstance(d, CalendarDays):
        by_reference = reference.calendar_days(us, d.days)
    elif d.reading == "close_of_day":
        by_reference = reference.business_days_close_of_day(us, d.days)
    else:
        by_reference = reference.business_days_same_time(us, d.days)
    assert from_us(by_reference, dt.UTC) == dt.datetime.fromisoformat(expected)
    for given_as in (t, t.in_timezone("UTC"), from_us(us, zoneinfo.ZoneInfo(cal.timezone))):
        assert cal.add(given_as, d).isoformat() == expected
    assert to_us(cal.add(t, d)) == want


# Rows on which the engine once disagreed with the documented definition. Worked by hand: the
# calendar is open Monday 08:45-24:00 and Tuesday to Friday 09:00-17:00 (the first), or Monday
# 20:00-24:00, Tuesday 12:00-16:00 and Wednesday 09:00-11:00 (the second). The time of day is
# closed on the target Tuesday, and Tuesday's own open time has no close before it, so the
# deadline is Tuesday's first opening (the engine used to answer Tuesday 00:00, Monday's close).
LONG_MONDAY = BusinessCalendar.from_weekly(
    "Europe/Copenhagen",
    {"mon": [("08:45", "24:00")], **{d: [("09:00", "17:00")] for d in DAYS_ON[1:]}},
)
MONDAY_EVENINGS = BusinessCalendar.from_weekly(
    "Europe/Copenhagen",
    {"mon": [("20:00", "24:00")], "tue": [("12:00", "16:00")], "wed": [("09:00", "11:00")]},
)


MIDNIGHT_CLOSES = [
    pytest.param(
        LONG_MONDAY,
        "2026-01-12T00:00:00+01:00",
        1,
        "2026-01-13T09:00:00+01:00",
        id="closed arrival Monday night, Tuesday opens 09:00",
    ),
    pytest.param(
        MONDAY_EVENINGS,
        "2026-03-04T10:00:00+01:00",
        2,
        "2026-03-10T12:00:00+01:00",
        id="Wednesday 10:00 plus 2 days, Tuesday opens 12:00",
    ),
]


@pytest.mark.parametrize(("calendar", "start", "days", "expected"), MIDNIGHT_CLOSES)
def test_the_reference_gives_the_hand_worked_answer_after_a_close_at_midnight(
    calendar: BusinessCalendar, start: str, days: int, expected: str
) -> None:
    t = pendulum.parse(start)
    assert isinstance(t, pendulum.DateTime)
    by_reference = DayReference(calendar).business_days_same_time(to_us(t), days)
    assert from_us(by_reference, dt.UTC) == dt.datetime.fromisoformat(expected)


@pytest.mark.parametrize(("calendar", "start", "days", "expected"), MIDNIGHT_CLOSES)
def test_BusinessDays_a_close_at_midnight_is_the_day_befores(
    calendar: BusinessCalendar, start: str, days: int, expected: str
) -> None:
    t = pendulum.parse(start)
    assert isinstance(t, pendulum.DateTime)
    assert calendar.add(t, BusinessDays(days)).isoformat() == expected


# -- the reference's own conversions, on hand-worked instants --------------------------------------


@pytest.mark.parametrize(
    ("zone", "wall", "expected"),
    [
        # Copenhagen skips 02:00-03:00 on 29 March 2026: a time in the gap is its end.
        ("Europe/Copenhagen", "2026-03-29T02:30", "2026-03-29T01:00:00+00:00"),
        ("Europe/Copenhagen", "2026-03-29T03:00", "2026-03-29T01:00:00+00:00"),
        ("Europe/Copenhagen", "2026-03-29T01:59", "2026-03-29T00:59:00+00:00"),
        # It repeats 02:00-03:00 on 25 October 2026: the first occurrence, still in summer time.
        ("Europe/Copenhagen", "2026-10-25T02:30", "2026-10-25T00:30:00+00:00"),
        ("Europe/Berlin", "2026-10-25T03:00", "2026-10-25T02:00:00+00:00"),
        # Santiago skips the hour after midnight on 6 September 2026: that day begins at 01:00.
        ("America/Santiago", "2026-09-06T00:00", "2026-09-06T04:00:00+00:00"),
        # Lord Howe moves by half an hour (02:00 -> 02:30) on 4 October 2026.
        ("Australia/Lord_Howe", "2026-10-04T02:10", "2026-10-03T15:30:00+00:00"),
    ],
)
def test_the_reference_reads_wall_times_by_the_documented_rule(
    zone: str, wall: str, expected: str
) -> None:
    """A wall time takes effect at the first instant whose local time reaches it."""
    got = first_instant_reaching(dt.datetime.fromisoformat(wall), zoneinfo.ZoneInfo(zone))
    assert from_us(got, dt.UTC) == dt.datetime.fromisoformat(expected)


def test_the_reference_finds_the_offset_changes() -> None:
    """Copenhagen changes at 01:00 UTC on the last Sundays of March and October."""
    assert [
        from_us(u, dt.UTC).isoformat() for u in offset_changes("Europe/Copenhagen", 2026, 2026)
    ] == [
        "2026-03-29T01:00:00+00:00",
        "2026-10-25T01:00:00+00:00",
    ]
    assert offset_changes("Asia/Kolkata", 2025, 2027) == ()
