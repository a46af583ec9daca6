"""Open time across year ends, far years, and what a calendar keeps: hand-worked cases.

A calendar compiles one local year at a time; these cases check that nothing about that shows:
open time that runs across New Year (a desk open around the clock, overnight windows, a long
special opening) is counted and reported as one span, answers do not depend on which years were
asked about before, any year is answered without compiling the years in between, and what a
calendar keeps stays bounded.
"""

from __future__ import annotations

import datetime as dt
import itertools
import pickle

import pendulum
import pytest

from expandit_policy import (
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    Calendar,
    CalendarDays,
    CalendarNeverOpensError,
    InvalidCalendarError,
    Opening,
    SpanOutOfRangeError,
    presets,
)
from expandit_policy._calendars._calendar import MAX_COMPOSITION_DEPTH
from expandit_policy._engine import CACHED_YEARS

CPH = "Europe/Copenhagen"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALL_WEEK = {d: [("00:00", "24:00")] for d in DAYS}


def _utc(year: int, month: int, day: int, hour: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, tz="UTC")


def _cph(year: int, month: int, day: int, hour: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, tz=CPH)


# -- open around the clock ----------------------------------------------------------------------


def test_open_around_the_clock_counts_every_hour_across_years() -> None:
    always = BusinessCalendar.from_weekly("UTC", ALL_WEEK)
    start = _utc(2026, 1, 1)
    # 105,120 h = 4,380 days = 12 x 365; 2028, 2032 and 2036 have a 29 February, so twelve
    # years from 2026-01-01 is 4,383 days and the deadline is three days short of 2038.
    deadline = always.add(start, BusinessHours(105_120))
    assert deadline == _utc(2037, 12, 29)
    assert always.between(start, deadline) == dt.timedelta(days=4_380)
    assert always.between(start, _utc(2038, 1, 1)) == dt.timedelta(days=4_383)
    assert always.subtract(deadline, BusinessHours(105_120)) == start
    assert always.add(_utc(2026, 12, 31, 12), BusinessHours(24)) == _utc(2027, 1, 1, 12)
    assert always.add(_utc(2026, 6, 1), BusinessDays(400)) == _utc(2027, 7, 6)
    assert always.add(_utc(2026, 12, 31, 9), BusinessDays(1, "close_of_day")) == _utc(2027, 1, 2)
    # Real elapsed time: the spring and autumn changes cancel over a year in Copenhagen.
    dk_always = BusinessCalendar.from_weekly(CPH, ALL_WEEK)
    assert dk_always.add(_cph(2026, 1, 1), BusinessHours(8_760)) == _cph(2027, 1, 1)
    assert dk_always.add(_cph(2026, 3, 28, 12), BusinessHours(24)) == _cph(2026, 3, 29, 13)


def test_open_around_the_clock_has_no_close_to_report() -> None:
    always = BusinessCalendar.from_weekly("UTC", ALL_WEEK)
    t = _utc(2026, 6, 1)
    assert always.is_open(t)
    assert always.next_open(t) == t
    for ask in (always.next_close, always.previous_open, always.previous_close):
        with pytest.raises(SpanOutOfRangeError, match="without a break"):
            ask(t)
    always.is_open(_utc(2040, 6, 1))  # other years compiled first change nothing
    with pytest.raises(SpanOutOfRangeError, match="no break in 10 years"):
        always.next_close(t)
    assert always.open_spans(_utc(2026, 12, 31), _utc(2027, 1, 2)) == [
        (_utc(2026, 12, 31), _utc(2027, 1, 2))
    ]


# -- overnight windows and long openings across New Year ----------------------------------------


def test_overnight_windows_across_new_year() -> None:
    nights = BusinessCalendar.from_weekly("UTC", {d: [("22:00", "06:00", True)] for d in DAYS})
    eve = _utc(2026, 12, 31, 23)
    assert nights.add(eve, BusinessHours(5)) == _utc(2027, 1, 1, 4)
    assert nights.add(eve, BusinessHours(7)) == _utc(2027, 1, 1, 6)
    assert nights.add(eve, BusinessHours(7), landing="next_open") == _utc(2027, 1, 1, 22)
    assert nights.next_close(eve) == _utc(2027, 1, 1, 6)
    assert nights.previous_open(_utc(2027, 1, 1, 3)) == _utc(2026, 12, 31, 22)
    assert nights.previous_close(_utc(2027, 1, 1, 3)) == _utc(2026, 12, 31, 6)
    assert nights.between(_utc(2026, 12, 31, 21), _utc(2027, 1, 1, 7)) == dt.timedelta(hours=8)
    assert nights.subtract(_utc(2027, 1, 1, 2), BusinessHours(4)) == _utc(2026, 12, 31, 22)
    assert nights.open_spans(_utc(2026, 12, 31, 12), _utc(2027, 1, 1, 12)) == [
        (_utc(2026, 12, 31, 22), _utc(2027, 1, 1, 6))
    ]
    # The same a year later, after a query that compiled the years around 2026 only.
    nights.is_open(_utc(2026, 6, 1))
    assert nights.next_close(_utc(2027, 12, 31, 23)) == _utc(2028, 1, 1, 6)
    assert nights.add(_utc(2027, 12, 31, 23), BusinessHours(7), landing="next_open") == _utc(
        2028, 1, 1, 22
    )
    # A full year of nights is 365 x 8 hours, whichever year the count starts in.
    assert nights.between(_utc(2026, 6, 1), _utc(2027, 6, 1)) == dt.timedelta(hours=365 * 8)


def test_a_long_opening_runs_across_year_ends() -> None:
    weekdays = {d: [("08:00", "16:00")] for d in DAYS[:5]}
    desk = BusinessCalendar.from_weekly(
        CPH, weekdays, openings=[Opening(_cph(2026, 12, 20), _cph(2029, 3, 1))]
    )
    assert desk.next_close(_cph(2026, 12, 25, 12)) == _cph(2029, 3, 1)
    assert desk.next_close(_cph(2028, 2, 29, 23)) == _cph(2029, 3, 1)
    assert desk.previous_open(_cph(2028, 6, 1)) == _cph(2026, 12, 20)
    assert desk.add(_cph(2026, 12, 31, 12), BusinessHours(48)) == _cph(2027, 1, 2, 12)
    assert desk.is_open(_cph(2027, 1, 1, 3))
    # After the opening: the first close is a weekday's 16:00 (1 March 2029 is a Thursday).
    assert desk.next_close(_cph(2029, 3, 1, 9)) == _cph(2029, 3, 1, 16)


QUERIES = ("is_open 2040", "next_close 2026", "add 2027", "previous_open 2028", "is_open 1999")


def _answer(cal: BusinessCalendar, query: str) -> object:
    if query == "is_open 2040":
        return cal.is_open(_cph(2040, 6, 1))
    if query == "next_close 2026":
        return cal.next_close(_cph(2026, 6, 15, 12))
    if query == "add 2027":
        return cal.add(_cph(2027, 12, 31, 12), BusinessHours(30))
    if query == "previous_open 2028":
        return cal.previous_open(_cph(2028, 1, 3, 12))
    return cal.is_open(_cph(1999, 6, 1))


def test_answers_do_not_depend_on_earlier_queries() -> None:
    weekdays = {d: [("08:00", "16:00")] for d in DAYS[:5]}

    def fresh() -> BusinessCalendar:
        return BusinessCalendar.from_weekly(
            CPH, weekdays, openings=[Opening(_cph(2026, 6, 1), _cph(2029, 3, 1))]
        )

    expected = {
        "is_open 2040": False,
        "next_close 2026": _cph(2029, 3, 1),
        "add 2027": _cph(2028, 1, 1, 18),
        "previous_open 2028": _cph(2026, 6, 1),
        "is_open 1999": False,
    }
    for order in itertools.permutations(QUERIES):
        cal = fresh()
        assert {q: _answer(cal, q) for q in order} == expected, order


# -- far years, bounded memory --------------------------------------------------------------------


def _first_monday_of_october(year: int) -> dt.date:
    first = dt.date(year, 10, 1)
    return first + dt.timedelta(days=-first.weekday() % 7)


@pytest.mark.parametrize("years", [(2026, 9990), (9990, 2026), (2, 9998), (9998, 2)])
def test_any_year_after_any_other_compiles_only_what_it_needs(years: tuple[int, int]) -> None:
    dk = presets.denmark()  # Monday to Friday 08:00-16:00; no Danish holiday in October
    for year in years:
        monday = _first_monday_of_october(year)
        start = _cph(monday.year, monday.month, monday.day, 9)
        assert dk.add(start, BusinessHours(10)) == start.add(days=1, hours=2)
        assert dk.add(start, BusinessDays(5)) == start.add(days=7)
        assert dk.between(start, start.add(days=7)) == dt.timedelta(hours=40)
        assert dk.is_working_day(monday) and not dk.is_working_day(monday + dt.timedelta(5))
    assert set(dk._tl().compiled_years()) == set(years)


def test_compiled_years_are_bounded_and_totals_are_kept() -> None:
    dk = presets.denmark()
    tl = dk._tl()
    weekday_hours = []
    for year in range(2100, 2100 + 2 * CACHED_YEARS):
        monday = _first_monday_of_october(year)
        start = _cph(monday.year, monday.month, monday.day, 9)
        assert dk.add(start, BusinessHours(7)) == start.add(hours=7)
        weekday_hours.append(year)
    assert len(tl.compiled_years()) == CACHED_YEARS
    assert tl.counted_years() == 2 * CACHED_YEARS
    # Measuring across the counted years needs their totals only: nothing more is compiled.
    kept = tl.compiled_years()
    first, last = _cph(2100, 10, 4, 12), _cph(2100 + 2 * CACHED_YEARS - 1, 10, 4, 12)
    span = dk.between(first, last)
    assert dk.subtract(last, BusinessHours.from_timedelta(span)) == first
    assert tl.counted_years() == 2 * CACHED_YEARS
    assert len(set(tl.compiled_years()) - set(kept)) <= 2  # the two ends, at most


def test_a_calendar_that_never_opens_searches_once_and_keeps_little() -> None:
    mondays = BusinessCalendar.from_weekly(CPH, {"mon": [("08:00", "16:00")]})
    tuesdays = BusinessCalendar.from_weekly(CPH, {"tue": [("08:00", "16:00")]})
    never = mondays & tuesdays
    t = _cph(2026, 3, 2, 9)
    with pytest.raises(CalendarNeverOpensError, match="none in 10 years"):
        never.add(t, BusinessHours(1))
    tl = never._tl()
    compiled, counted = tl.compiled_years(), tl.counted_years()
    assert len(compiled) <= 11 and counted <= 11
    for duration in (BusinessHours(1), BusinessDays(3), CalendarDays(3)):
        with pytest.raises(CalendarNeverOpensError):
            never.add(t, duration)
    with pytest.raises(CalendarNeverOpensError):
        never.next_open(t)
    assert tl.compiled_years() == compiled
    assert tl.counted_years() == counted


# -- composition ------------------------------------------------------------------------------


def test_composition_depth_is_bounded_with_a_typed_error() -> None:
    dk = presets.denmark()
    chain: Calendar = dk
    for _ in range(MAX_COMPOSITION_DEPTH):
        chain = chain | dk
    t = _cph(2026, 3, 6, 15)
    assert chain.add(t, BusinessHours(2)) == dk.add(t, BusinessHours(2))
    assert chain.add(t, BusinessDays(2)) == dk.add(t, BusinessDays(2))
    assert pickle.loads(pickle.dumps(chain)) == chain
    with pytest.raises(InvalidCalendarError, match=f"at most {MAX_COMPOSITION_DEPTH}"):
        chain | dk
    with pytest.raises(InvalidCalendarError, match=f"got {MAX_COMPOSITION_DEPTH + 1}"):
        dk - chain
