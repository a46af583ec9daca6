"""Property tests: the laws of business time, and agreement with a minute-by-minute reference.

The calendars come from the public strategies; the laws are the public checks of
:mod:`expandit_policy.laws`. The reference knows nothing of the engine: it walks a grid of whole
minutes, reads each minute's local wall time, and decides open or closed from the calendar's
definition (a window opens at the first instant whose local time reaches its start, closes at the
first that reaches its end; holidays remove a day's own windows; closures close; openings open).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expandit_policy import (
    BusinessCalendar,
    BusinessHours,
    Calendar,
    Duration,
    Landing,
    _time,
    laws,
    presets,
    strategies,
)

ZONES = (
    "UTC",
    "Europe/Copenhagen",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",  # half-hour DST
    "Asia/Kolkata",  # +05:30, no DST
    "Pacific/Chatham",  # +12:45 / +13:45
    "America/Santiago",  # DST changes at midnight
)
# Days on or near which one of the zones above changes its offset.
ANCHORS = (
    dt.date(2026, 3, 8),
    dt.date(2026, 3, 29),
    dt.date(2026, 4, 5),
    dt.date(2026, 9, 6),
    dt.date(2026, 9, 27),
    dt.date(2026, 10, 4),
    dt.date(2026, 10, 25),
    dt.date(2026, 11, 1),
    dt.date(2026, 12, 31),
)
MINUTE = 60_000_000
GRID_DAYS = 9


@dataclass(frozen=True)
class Case:
    """A small random calendar, its grid, and the reference's verdict per minute."""

    calendar: BusinessCalendar
    zone: str
    grid_start: int  # µs, a whole minute
    open_minutes: tuple[bool, ...]

    @property
    def tz(self) -> pendulum.Timezone:
        return pendulum.timezone(self.zone)

    def instant(self, minute: int) -> pendulum.DateTime:
        us = self.grid_start + minute * MINUTE
        return pendulum.from_timestamp(us // 1_000_000, tz=self.tz)

    def open_between(self, a: int, b: int) -> int:
        """Open minutes in [a, b) by the reference."""
        return sum(self.open_minutes[a:b])


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A small random calendar from the public strategy, around a DST change of its zone: its
    holidays on the grid's days, its closures and openings on the grid's whole minutes."""
    zone = draw(strategies.timezones(zones=ZONES))
    tz = zoneinfo.ZoneInfo(zone)
    anchor = draw(st.sampled_from(ANCHORS)) + dt.timedelta(days=draw(st.integers(-4, 0)))
    first_day = anchor - dt.timedelta(days=1)
    grid_start = (
        int(dt.datetime(first_day.year, first_day.month, first_day.day, tzinfo=tz).timestamp())
        // 60
        * MINUTE
    )
    n = GRID_DAYS * 24 * 60

    def at(minute: int) -> pendulum.DateTime:
        us = grid_start + minute * MINUTE
        return pendulum.from_timestamp(us // 1_000_000, tz="UTC")

    calendar = draw(
        strategies.business_calendars(
            timezones=st.just(zone),
            holidays=strategies.holiday_sets(
                min_date=first_day - dt.timedelta(days=1),
                max_date=first_day + dt.timedelta(days=GRID_DAYS),
                max_dates=3,
                max_rules=0,
            ),
            min_value=at(0),
            max_value=at(n),
            granularity=dt.timedelta(minutes=1),
            max_closures=2,
            max_openings=1,
        )
    )

    # The reference, from the calendar's definition: local wall time of every minute of the
    # grid, plus margins.
    margin = 2 * 24 * 60
    total = n + 2 * margin
    walls = [
        dt.datetime.fromtimestamp((grid_start + (m - margin) * MINUTE) // 1_000_000, tz).replace(
            tzinfo=None
        )
        for m in range(total)
    ]

    def first_minute_reaching(wall: dt.datetime) -> int:
        # The wall clock is increasing except in folds; scan forward from a bisection guess.
        k = max(0, bisect_left(walls, wall) - 180)
        while k < total and walls[k] < wall:
            k += 1
        return k - margin

    def minute_of(t: dt.datetime) -> int:
        return (_time.to_us(t) - grid_start) // MINUTE

    holidays = {h.date for h in calendar.holidays.dates}
    is_open = [False] * n
    for offset in range(-2, GRID_DAYS + 2):
        day = first_day + dt.timedelta(days=offset)
        if day in holidays:
            continue
        midnight = dt.datetime(day.year, day.month, day.day)
        for w in calendar.hours.on(day.weekday()):
            a = first_minute_reaching(midnight + dt.timedelta(seconds=w.start))
            b = first_minute_reaching(midnight + dt.timedelta(seconds=w.end_offset))
            for m in range(max(a, 0), min(b, n)):
                is_open[m] = True
    for closure in calendar.closures:
        for k in range(max(minute_of(closure.start), 0), min(minute_of(closure.end), n)):
            is_open[k] = False
    for opening in calendar.openings:
        for k in range(max(minute_of(opening.start), 0), min(minute_of(opening.end), n)):
            is_open[k] = True
    return Case(calendar, zone, grid_start, tuple(is_open))


N = GRID_DAYS * 24 * 60
INNER = st.integers(2 * 24 * 60, N - 2 * 24 * 60)  # minutes whose answers stay inside the grid


@settings(max_examples=80)
@given(case=cases(), minutes=st.lists(st.integers(0, N - 1), min_size=1, max_size=40))
def test_is_open_agrees_with_the_minute_reference(case: Case, minutes: list[int]) -> None:
    for m in minutes:
        assert case.calendar.is_open(case.instant(m)) == case.open_minutes[m], case.instant(m)


@settings(max_examples=80)
@given(case=cases(), a=st.integers(0, N - 1), b=st.integers(0, N - 1))
def test_between_agrees_with_the_minute_reference(case: Case, a: int, b: int) -> None:
    expected = case.open_between(min(a, b), max(a, b)) * 60
    got = case.calendar.between(case.instant(a), case.instant(b))
    assert got == dt.timedelta(seconds=expected if a <= b else -expected)


@settings(max_examples=80)
@given(case=cases(), start=INNER, amount=st.integers(0, 24 * 60))
def test_add_agrees_with_the_minute_reference(case: Case, start: int, amount: int) -> None:
    """add(t, h) is the earliest u >= t with h of open time in [t, u); add(t, 0) is the next
    opening when closed."""
    used = 0
    u = start
    if amount == 0:
        while u < N and not case.open_minutes[u]:
            u += 1
    else:
        while u < N and used < amount:
            used += case.open_minutes[u]
            u += 1
    if u >= N:  # the answer lies beyond the grid: nothing to compare against
        return
    got = case.calendar.add(
        case.instant(start), BusinessHours.from_timedelta(dt.timedelta(minutes=amount))
    )
    assert got == case.instant(u)


# -- laws on the same random calendars, at any microsecond --------------------------------------

instants_us = st.integers(0, N * 60_000_000 - 1)
amounts = st.integers(0, 3 * 24 * 3_600_000_000)


def _us_instant(case: Case, us: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=case.grid_start + us)


def _hours(us: int) -> BusinessHours:
    return BusinessHours.from_timedelta(dt.timedelta(microseconds=us))


@given(case=cases(), t=instants_us, d=amounts)
def test_between_of_add_is_the_duration(case: Case, t: int, d: int) -> None:
    laws.check_between_of_add_is_the_duration(case.calendar, _us_instant(case, t), _hours(d))


@given(case=cases(), t=instants_us, a=amounts, b=amounts)
def test_add_is_additive(case: Case, t: int, a: int, b: int) -> None:
    """add(add(t, a), b) == add(t, a + b) whenever b > 0 (a zero b re-anchors at an opening)."""
    laws.check_add_is_additive(case.calendar, _us_instant(case, t), _hours(a), _hours(b))


@given(case=cases(), t1=instants_us, t2=instants_us, a=amounts, b=amounts)
def test_add_is_monotonic(case: Case, t1: int, t2: int, a: int, b: int) -> None:
    x, y = _us_instant(case, t1), _us_instant(case, t2)
    laws.check_add_is_monotonic(case.calendar, x, y, _hours(a), _hours(b))


@given(case=cases(), t=instants_us, d=amounts)
def test_results_lie_in_open_time_or_on_a_close(case: Case, t: int, d: int) -> None:
    laws.check_add_lands_in_open_time_or_on_a_close(case.calendar, _us_instant(case, t), _hours(d))


@given(case=cases(), t=instants_us, d=amounts)
def test_subtract_undoes_add(case: Case, t: int, d: int) -> None:
    """subtract(add(t, d), d) is t itself when t is open, else the opening the clock started at."""
    laws.check_subtract_undoes_add(case.calendar, _us_instant(case, t), _hours(d))


@given(case=cases(), t=instants_us, d=amounts)
def test_negative_add_is_subtract(case: Case, t: int, d: int) -> None:
    laws.check_negative_add_is_subtract(case.calendar, _us_instant(case, t), _hours(d))


@given(case=cases(), a=instants_us, b=instants_us, c=instants_us)
def test_between_is_antisymmetric_and_additive(case: Case, a: int, b: int, c: int) -> None:
    x, y, z = (_us_instant(case, v) for v in (a, b, c))
    laws.check_between_is_antisymmetric_and_additive(case.calendar, x, y, z)


@given(case=cases(), t=instants_us)
def test_next_open_and_close_bracket_open_time(case: Case, t: int) -> None:
    laws.check_next_open_and_close_bracket_open_time(case.calendar, _us_instant(case, t))


# -- the same laws on any generated calendar, composed ones too, at DST gaps and folds ----------

UP_TO_A_WEEK = strategies.business_hours(max_value=dt.timedelta(days=7))
# Three years, each compiled afresh for every generated calendar: far spans are the engine tests'.
THREE_YEARS = strategies.instants(
    min_value=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    max_value=dt.datetime(2027, 12, 31, tzinfo=dt.UTC),
    gaps_and_folds=True,
)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(
    calendar=strategies.calendars(), t=THREE_YEARS, u=THREE_YEARS, d=UP_TO_A_WEEK, e=UP_TO_A_WEEK
)
def test_every_law_holds_on_any_calendar_at_any_instant(
    calendar: Calendar, t: dt.datetime, u: dt.datetime, d: BusinessHours, e: BusinessHours
) -> None:
    laws.check_business_time_laws(calendar, t, u, d, e)


def test_a_broken_law_names_itself() -> None:
    """The checks can fail: a calendar whose add is off by an hour breaks between-of-add."""

    class OffByAnHour(BusinessCalendar):
        def add(self, t: dt.datetime, duration: Duration, landing: Landing = "close") -> Any:
            return super().add(t, duration, landing).add(hours=1)

    desk = OffByAnHour("UTC", presets.denmark().hours)
    monday = pendulum.datetime(2026, 3, 2, 9, tz="UTC")
    with pytest.raises(AssertionError, match=r"law broken: between\(t, add\(t, d\)\) == d"):
        laws.check_between_of_add_is_the_duration(desk, monday, BusinessHours(1))
