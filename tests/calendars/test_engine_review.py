"""Hand-worked cases for the edges of the engine: zero amounts in both directions, a close at
midnight read back to its own day, compositions across zones at the ends of the supported
years, long closures and openings, and durations that reach past the supported years."""

from __future__ import annotations

import datetime as dt
import gc
import random
import tracemalloc

import pendulum
import pytest

from expandit_policy import (
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    CalendarDays,
    CalendarNeverOpensError,
    ClockHours,
    Closure,
    Duration,
    SpanOutOfRangeError,
    _time,
    presets,
)
from expandit_policy._engine import NEVER_OPEN_YEARS, zone_year

CPH = "Europe/Copenhagen"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _cph(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=CPH)


# -- 1. zero amounts: zero added is the next opening, zero subtracted the previous close ----------


@pytest.mark.parametrize("zero", [0, 0.0, -0.0])
def test_zero_business_hours_in_both_directions(zero: float) -> None:
    dk = presets.denmark()
    monday_evening = _cph(2026, 3, 2, 20)  # closed: Monday closed at 16:00, Tuesday opens at 8
    assert dk.subtract(monday_evening, BusinessHours(zero)) == _cph(2026, 3, 2, 16)
    assert dk.add(monday_evening, BusinessHours(zero)) == _cph(2026, 3, 3, 8)
    assert dk.add(monday_evening, BusinessHours(zero), landing="next_open") == _cph(2026, 3, 3, 8)
    # While open, zero either way is the instant itself.
    morning = _cph(2026, 3, 3, 9, 30)
    assert dk.subtract(morning, BusinessHours(zero)) == morning
    assert dk.add(morning, BusinessHours(zero)) == morning
    # Zero clock hours are the instant itself, open or not.
    assert dk.subtract(monday_evening, ClockHours(zero)) == monday_evening
    assert dk.add(monday_evening, ClockHours(zero)) == monday_evening


def test_negative_amounts_count_the_other_way() -> None:
    dk = presets.denmark()
    monday_evening = _cph(2026, 3, 2, 20)
    assert dk.subtract(monday_evening, BusinessHours(-1)) == _cph(2026, 3, 3, 9)
    assert dk.add(monday_evening, BusinessHours(-1)) == _cph(2026, 3, 2, 15)
    assert dk.subtract(monday_evening, ClockHours(-1)) == _cph(2026, 3, 2, 21)
    assert dk.subtract(monday_evening, BusinessDays(0)) == _cph(2026, 3, 2, 16)


# -- 5. a close at midnight belongs to the day before ---------------------------------------------


def test_subtract_business_days_reads_a_midnight_close_as_the_day_before() -> None:
    """A desk open 16:00-24:00 every day, asked at Thursday 1976-02-05 10:15 (closed).

    subtract mirrors add: the clock stops at the previous close, 1976-02-05 00:00, which is the
    end of Wednesday 4 February's window (a close at midnight belongs to the day before), so the
    clock stops on Wednesday at 24:00. One working day before Wednesday is Tuesday 3 February, and
    the same time of day there, 24:00, is the close of Tuesday's window: 1976-02-04 00:00.
    (Read as Thursday 00:00, the close would move the answer a day late, to Wednesday 16:00.)
    """
    c = BusinessCalendar.from_weekly(CPH, {d: [("16:00", "24:00")] for d in DAYS})
    t = _cph(1976, 2, 5, 10, 15)
    assert c.subtract(t, BusinessDays(1)) == _cph(1976, 2, 4)
    assert c.subtract(t, BusinessDays(2)) == _cph(1976, 2, 3)
    # At the close itself, the same; while open, the same time of day on the day before.
    assert c.subtract(_cph(1976, 2, 5), BusinessDays(1)) == _cph(1976, 2, 4)
    assert c.subtract(_cph(1976, 2, 5, 20), BusinessDays(1)) == _cph(1976, 2, 4, 20)
    # Across the spring change (29 March 1976 was not one in Denmark; 2026-03-29 is): Saturday
    # 28 March's window closes at Sunday's midnight, which is not in the gap (02:00-03:00).
    assert c.subtract(_cph(2026, 3, 30, 9), BusinessDays(1)) == _cph(2026, 3, 29)


def test_subtract_business_days_then_add_comes_back_for_open_instants() -> None:
    """For an open ``t`` the round trip gives ``t`` back; for a closed one, add starts its clock at
    the next opening while subtract stops at the previous close, so the round trip is not the
    identity there (Sunday 10:00 on the Danish desk goes back to Thursday 16:00, and forward
    from that close to Monday 08:00)."""
    c = BusinessCalendar.from_weekly(CPH, {d: [("16:00", "24:00")] for d in DAYS})
    for hour in (16, 18, 23):
        t = _cph(1976, 2, 5, hour, 15)
        for n in (1, 2, 5):
            assert c.add(c.subtract(t, BusinessDays(n)), BusinessDays(n)) == t
    dk = presets.denmark()
    sunday = _cph(2026, 3, 8, 10)
    assert dk.subtract(sunday, BusinessDays(1)) == _cph(2026, 3, 5, 16)
    assert dk.add(_cph(2026, 3, 5, 16), BusinessDays(1)) == _cph(2026, 3, 9, 8)


# -- 2. compositions across zones at the ends of the supported years ------------------------------


def test_a_composition_across_zones_answers_in_the_first_and_last_years() -> None:
    """A UTC desk composed with the Danish one: the left zone's year 9998 (or 2) reaches an hour
    into Copenhagen's year 9999 (or 1), which no calendar covers; that hour is closed for the
    Danish part, and every answer inside the supported years comes out."""
    utc = BusinessCalendar.from_weekly("UTC", {d: [("09:00", "17:00")] for d in DAYS[:5]})
    dk = presets.denmark()
    # 9998-06-02 is a Tuesday: 10:00 UTC is inside the UTC desk's hours.
    assert (utc | dk).is_open(pendulum.datetime(9998, 6, 2, 10, tz="UTC")) is True
    assert (utc & dk).is_open(pendulum.datetime(9998, 6, 2, 10, tz="UTC")) is True
    # 0002-06-02 is a Sunday (proleptic Gregorian): closed on both.
    assert (dk | utc).is_open(pendulum.datetime(2, 6, 2, 10, tz=CPH)) is False
    # Monday 0002-06-03 10:00 in Copenhagen (local mean time, +0:50:20) is 09:09:40 UTC: open on
    # both, so the union is open and the Danish desk less the UTC one is not.
    assert (dk | utc).is_open(pendulum.datetime(2, 6, 3, 10, tz=CPH)) is True
    assert (dk - utc).is_open(pendulum.datetime(2, 6, 3, 10, tz=CPH)) is False
    # The union's spans in the last week: Copenhagen 08-16 (+01:00) and UTC 09-17 overlap.
    late = (utc | dk).open_spans(
        pendulum.datetime(9998, 12, 28, tz="UTC"), pendulum.datetime(9998, 12, 30, tz="UTC")
    )
    assert [(a.isoformat(), b.isoformat()) for a, b in late] == [
        ("9998-12-28T07:00:00+00:00", "9998-12-28T17:00:00+00:00"),
        ("9998-12-29T07:00:00+00:00", "9998-12-29T17:00:00+00:00"),
    ]


def test_a_search_past_the_supported_years_says_so_without_blaming_a_duration() -> None:
    mondays = BusinessCalendar.from_weekly(CPH, {"mon": [("09:00", "17:00")]})
    with pytest.raises(SpanOutOfRangeError) as raised:
        mondays.next_open(pendulum.datetime(9998, 12, 29, 18, tz=CPH))  # next Monday: 9999
    assert "use a smaller duration" not in str(raised.value)
    assert "9998" in str(raised.value)
    with pytest.raises(SpanOutOfRangeError, match="use a smaller duration"):
        presets.denmark().add(pendulum.datetime(9998, 12, 29, 15, tz=CPH), BusinessHours(20))


# -- 3. long closures and openings: the search runs past the last dated exception ------------------


def test_a_closure_longer_than_the_search_bound_is_searched_through() -> None:
    """Mondays 09-17, closed from 2026-01-01 to 2038-01-01 (twelve years, more than the ten a
    search gives up after): the first open hour after Monday 2026-03-02 09:00 is the first Monday
    after the closure, 2038-01-04 (1 January 2038 is a Friday), 09:00-10:00."""
    c = BusinessCalendar.from_weekly(
        CPH, {"mon": [("09:00", "17:00")]}, closures=[(_cph(2026, 1, 1), _cph(2038, 1, 1))]
    )
    t = _cph(2026, 3, 2, 9)
    assert c.add(t, BusinessHours(1)) == _cph(2038, 1, 4, 10)
    assert c.next_open(t) == _cph(2038, 1, 4, 9)
    assert c.between(t, _cph(2040, 1, 1)) > dt.timedelta(0)
    assert c.subtract(_cph(2038, 1, 4, 10), BusinessHours(1)) == _cph(2038, 1, 4, 9)
    assert c.subtract(_cph(2038, 1, 4, 9), BusinessHours(1)) == _cph(2025, 12, 29, 16)
    assert c.add(t, BusinessDays(1)) == _cph(2038, 1, 11, 9)
    assert c.previous_close(_cph(2037, 6, 1)) == _cph(2025, 12, 29, 17)


def test_an_opening_longer_than_the_search_bound_has_its_true_close() -> None:
    """Mondays 09-17 and a special opening from 2026-01-01 to 2038-01-01: open without a break
    for twelve years, whose close is the opening's end and whose opening is its start."""
    c = BusinessCalendar.from_weekly(
        CPH, {"mon": [("09:00", "17:00")]}, openings=[(_cph(2026, 1, 1), _cph(2038, 1, 1))]
    )
    assert c.next_close(_cph(2026, 6, 1)) == _cph(2038, 1, 1)
    assert c.previous_open(_cph(2037, 6, 1)) == _cph(2026, 1, 1)
    assert c.previous_close(_cph(2037, 6, 1)) == _cph(2025, 12, 29, 17)
    assert c.next_open(_cph(2038, 1, 1)) == _cph(2038, 1, 4, 9)


def test_errors_say_what_was_searched() -> None:
    always = BusinessCalendar.from_weekly("UTC", {d: [("00:00", "24:00")] for d in DAYS})
    # From year 3 back, only year 2 is there to search: no claim about ten years.
    with pytest.raises(SpanOutOfRangeError) as raised:
        always.previous_open(pendulum.datetime(3, 6, 1, tz="UTC"))
    message = str(raised.value)
    assert "10 years" not in message and "first year a calendar covers" in message
    with pytest.raises(SpanOutOfRangeError) as raised:
        always.next_close(pendulum.datetime(9995, 6, 1, tz="UTC"))
    assert "last year a calendar covers" in str(raised.value)
    # Far from the edges, the weekly hours are what never close.
    with pytest.raises(SpanOutOfRangeError, match="no break in 10 years, so it never closes"):
        always.next_close(pendulum.datetime(2026, 6, 1, tz="UTC"))


def test_dated_exceptions_far_from_the_question_are_found() -> None:
    """Ten empty (or unbroken) years outside the dated exceptions show that every year outside
    them is so; the search then goes on at the exceptions instead of giving up."""
    only = BusinessCalendar.from_weekly(
        CPH, {}, openings=[(_cph(2026, 3, 2, 9), _cph(2026, 3, 2, 17))]
    )
    assert only.add(_cph(1000, 1, 5, 12), BusinessHours(1)) == _cph(2026, 3, 2, 10)
    assert only.subtract(_cph(9000, 1, 5, 12), BusinessHours(1)) == _cph(2026, 3, 2, 16)
    assert only.previous_open(_cph(9000, 1, 5, 12)) == _cph(2026, 3, 2, 9)
    assert only.next_close(_cph(1000, 1, 5, 12)) == _cph(2026, 3, 2, 17)
    with pytest.raises(CalendarNeverOpensError, match="no open time after 2026"):
        only.add(_cph(1000, 1, 5, 12), BusinessHours(9))
    with pytest.raises(CalendarNeverOpensError, match="no open time after 2026"):
        only.next_open(_cph(2026, 3, 2, 17))
    always = BusinessCalendar.from_weekly(
        "UTC",
        {d: [("00:00", "24:00")] for d in DAYS},
        closures=[
            (pendulum.datetime(2026, 6, 1, tz="UTC"), pendulum.datetime(2026, 6, 2, tz="UTC"))
        ],
    )
    assert always.next_close(pendulum.datetime(1000, 1, 1, tz="UTC")) == pendulum.datetime(
        2026, 6, 1, tz="UTC"
    )
    assert always.previous_open(pendulum.datetime(9000, 1, 1, tz="UTC")) == pendulum.datetime(
        2026, 6, 2, tz="UTC"
    )
    assert always.previous_close(pendulum.datetime(9000, 1, 1, tz="UTC")) == pendulum.datetime(
        2026, 6, 1, tz="UTC"
    )


# -- 4. a calendar that never opens: one bounded search, then nothing kept -------------------------


def test_a_never_opening_calendar_searches_once_and_keeps_nothing() -> None:
    mondays = BusinessCalendar.from_weekly(CPH, {"mon": [("08:00", "16:00")]})
    tuesdays = BusinessCalendar.from_weekly(CPH, {"tue": [("08:00", "16:00")]})
    never = mondays & tuesdays
    tl = never._tl()
    rng = random.Random(12)
    years = [rng.randrange(3, 9990) for _ in range(300)]
    tracemalloc.start()
    try:
        with pytest.raises(CalendarNeverOpensError):
            never.add(_cph(years[0], 3, 2, 9), BusinessHours(1))
        searched = tl.compile_count()
        assert searched <= NEVER_OPEN_YEARS + 1
        before, _ = tracemalloc.get_traced_memory()
        for year in years:
            with pytest.raises(CalendarNeverOpensError):
                never.add(_cph(year, 3, 2, 9), BusinessHours(1))
            with pytest.raises(CalendarNeverOpensError):
                never.next_open(_cph(year, 6, 2, 9))
            with pytest.raises(CalendarNeverOpensError):
                never.previous_close(_cph(year, 6, 2, 9))
            assert not never.is_open(_cph(year, 6, 2, 9))
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert tl.compile_count() == searched  # every later call answered from the one fact
    assert after - before < 100_000
    assert len(tl.compiled_years()) <= 1 and tl.counted_years() <= NEVER_OPEN_YEARS + 1


# -- 7. every duration kind at the edges of the supported years ----------------------------------


@pytest.mark.parametrize(
    "duration",
    [
        CalendarDays(3_000_000),
        CalendarDays(3_650_000),
        ClockHours(80_000_000),
        ClockHours(-80_000_000),
        BusinessHours(80_000_000),
        BusinessDays(3_650_000),
        BusinessDays(3_650_000, "close_of_day"),
    ],
)
def test_durations_past_the_supported_years_are_typed_errors(duration: Duration) -> None:
    dk = presets.denmark()
    t = _cph(2026, 3, 2, 9)
    with pytest.raises(SpanOutOfRangeError, match="use a smaller duration"):
        dk.add(t, duration)
    with pytest.raises(SpanOutOfRangeError, match="use a smaller duration"):
        dk.add_many([t], duration)


@pytest.mark.parametrize(
    "duration",
    [CalendarDays(5), ClockHours(100), BusinessHours(100), BusinessDays(5)],
)
def test_durations_from_the_last_days_are_typed_errors(duration: Duration) -> None:
    dk = presets.denmark()
    with pytest.raises(SpanOutOfRangeError, match="use a smaller duration"):
        dk.add(_cph(9998, 12, 29, 9), duration)
    if not isinstance(duration, CalendarDays):
        with pytest.raises(SpanOutOfRangeError, match="use a smaller duration"):
            dk.subtract(pendulum.datetime(2, 1, 3, 9, tz=CPH), duration)


def test_the_last_supported_day_still_answers() -> None:
    dk = presets.denmark()
    # Tuesday 9998-12-29 09:00 plus one calendar day ends at the end of Wednesday the 30th.
    assert dk.add(_cph(9998, 12, 29, 9), CalendarDays(1)) == _cph(9998, 12, 31)
    assert dk.add(_cph(9998, 12, 29, 9), ClockHours(12)) == _cph(9998, 12, 29, 21)


# -- 6. a year's compile takes only the closures and openings that reach into it -----------------


def test_closures_are_sorted_once_and_each_year_takes_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Weekdays 08-16 with a one-hour closure at 08:00 on each of the 2,000 weekdays from Monday
    2000-01-03 on (to 2007-08-31, a Friday): 7 open hours on each of those days, 8 after."""
    weekdays = [
        d
        for d in (dt.date(2000, 1, 3) + dt.timedelta(days=k) for k in range(2_900))
        if d.weekday() < 5
    ][:2_000]
    assert weekdays[-1] == dt.date(2007, 8, 31)
    closures = [
        Closure(_cph(d.year, d.month, d.day, 8), _cph(d.year, d.month, d.day, 9)) for d in weekdays
    ]
    c = BusinessCalendar.from_weekly(
        CPH, {d: [("08:00", "16:00")] for d in DAYS[:5]}, closures=closures
    )
    calls = 0
    as_us = Closure.as_us

    def counted(self: Closure) -> tuple[int, int]:
        nonlocal calls
        calls += 1
        return as_us(self)

    monkeypatch.setattr(Closure, "as_us", counted)
    total = c.between(_cph(2000, 1, 1), _cph(2010, 1, 1))
    all_weekdays = sum(
        1
        for k in range((dt.date(2010, 1, 1) - dt.date(2000, 1, 1)).days)
        if (dt.date(2000, 1, 1) + dt.timedelta(days=k)).weekday() < 5
    )
    assert total == dt.timedelta(hours=8 * all_weekdays - 2_000)
    assert calls == len(closures)  # read once for the calendar, not once per compiled year
    assert c.next_open(_cph(2007, 8, 31, 7)) == _cph(2007, 8, 31, 9)
    assert c.next_open(_cph(2007, 9, 3, 7)) == _cph(2007, 9, 3, 8)


# -- 9. a year's total open time without compiling its spans --------------------------------------

QUICK_CALENDARS = [
    presets.denmark(),
    presets.germany(),
    BusinessCalendar.from_weekly(
        "Europe/Berlin", {d: [("22:00", "06:00", True)] for d in DAYS[:5]}
    ),
    BusinessCalendar.from_weekly("America/New_York", {d: [("00:00", "24:00")] for d in DAYS}),
    BusinessCalendar.from_weekly(
        "America/New_York",
        {
            "sun": [("01:00", "03:30")],
            "sat": [("23:00", "00:30", True)],
            "fri": [("20:00", "02:30", True)],
        },
    ),
    BusinessCalendar.from_weekly(CPH, {d: [("16:00", "24:00")] for d in DAYS}),
    BusinessCalendar.from_weekly(
        "Australia/Lord_Howe", {d: [("01:30", "02:30"), ("08:00", "12:00")] for d in DAYS}
    ),
    BusinessCalendar.from_weekly("Pacific/Apia", {d: [("09:00", "17:00")] for d in DAYS}),
    BusinessCalendar.from_weekly(
        CPH,
        {d: [("08:00", "16:00")] for d in DAYS[:5]},
        holidays=[dt.date(2026, 12, 24), dt.date(2027, 1, 1)],
        closures=[(_cph(2026, 3, 2, 12), _cph(2026, 3, 4))],
        openings=[(_cph(2027, 6, 5, 9), _cph(2027, 6, 5, 13))],
    ),
]
QUICK_YEARS = [
    *range(2008, 2030),
    *range(1600, 1606),
    2,
    3,
    1893,
    1916,
    1940,
    1945,
    2011,  # Apia skipped 30 December
    9997,
    9998,
    *random.Random(9).sample(range(2, 9999), 30),
]


@pytest.mark.parametrize("calendar", QUICK_CALENDARS, ids=lambda c: c.timezone)
def test_a_years_quick_total_is_its_compiled_total(calendar: BusinessCalendar) -> None:
    tl = calendar._tl()
    for year in QUICK_YEARS:
        zone = zone_year(tl.tz, year)
        total, days = (
            calendar._quick_total(year, zone, False),
            calendar._quick_total(year, zone, True),
        )
        compiled = tl._compile(year).index
        if total is None or days is None:  # a closure or opening reaches into the year
            assert calendar.closures and year in (2026, 2027)
        else:
            assert (total, days) == (compiled.total, len(compiled.days)), year


def test_between_over_centuries_compiles_only_its_ends() -> None:
    a, b = _cph(1800, 6, 1), _cph(2100, 6, 1)
    reference = presets.denmark()._tl()  # every year compiled
    first, last = reference._compile(1800).index, reference._compile(2100).index
    expected = (
        first.total
        - first.position(_time.to_us(a))
        + sum(reference._compile(y).index.total for y in range(1801, 2100))
        + last.position(_time.to_us(b))
    )
    dk = presets.denmark()
    assert dk.between(a, b) == dt.timedelta(microseconds=expected)
    assert dk._tl().compile_count() == 2  # the two ends; the years between are counted


def test_working_days_over_centuries_compile_only_the_years_they_end_in() -> None:
    dk = presets.denmark()
    t = _cph(2026, 3, 2, 9)
    later = dk.add(t, BusinessDays(60_000))
    reference = presets.denmark()
    assert dk.working_days_between(t.date(), later.date()) == 60_000
    assert reference.add(t, BusinessDays(60_000, "close_of_day")) == later.set(hour=16)
    tl = dk._tl()
    assert tl.compile_count() <= 4  # the start's year and the end's, not the 230 between
