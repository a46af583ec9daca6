"""Property tests: the laws of business time, and agreement with a minute-by-minute reference.

The calendars come from the public strategies; the laws are the public checks of
:mod:`expandit_policy.laws`. The reference (``tests/calendars/reference.py``) knows nothing of the
engine: it walks a grid of whole minutes, reads each minute's local wall time, and decides open or
closed from the calendar's definition (a window opens at the first instant whose local time
reaches its start, closes at the first that reaches its end; holidays remove a day's own windows;
closures close; openings open). The day-level references are in test_reference_oracles.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from expandit_policy import (
    BusinessCalendar,
    BusinessHours,
    Calendar,
    Duration,
    Landing,
    laws,
    presets,
    strategies,
)
from tests.budget import share
from tests.calendars.reference import (
    GRID_MINUTES,
    GridCalendar,
    MinuteGrid,
    grid_calendars,
    minute_grids,
)

N = GRID_MINUTES
INNER = st.integers(2 * 24 * 60, N - 2 * 24 * 60)  # minutes whose answers stay inside the grid


@settings(max_examples=share(1.0))
@given(case=minute_grids(), minutes=st.lists(st.integers(0, N - 1), min_size=1, max_size=40))
def test_is_open_agrees_with_the_minute_reference(case: MinuteGrid, minutes: list[int]) -> None:
    for m in minutes:
        assert case.calendar.is_open(case.instant(m)) == case.open_minutes[m], case.instant(m)


@settings(max_examples=share(1.0))
@given(case=minute_grids(), a=st.integers(0, N - 1), b=st.integers(0, N - 1))
def test_between_agrees_with_the_minute_reference(case: MinuteGrid, a: int, b: int) -> None:
    expected = case.open_between(min(a, b), max(a, b)) * 60
    got = case.calendar.between(case.instant(a), case.instant(b))
    assert got == dt.timedelta(seconds=expected if a <= b else -expected)


@settings(max_examples=share(1.0))
@given(case=minute_grids(), start=INNER, data=st.data())
def test_add_agrees_with_the_minute_reference(
    case: MinuteGrid, start: int, data: st.DataObject
) -> None:
    """add(t, h) is the earliest u >= t with h of open time in [t, u); add(t, 0) is the next
    opening when closed. The amount is drawn so that the answer lies on the grid."""
    available = case.open_between(start, N)
    assume(available > 0)  # no open minute left on the grid: the reference cannot answer
    amount = data.draw(st.integers(0, min(24 * 60, available)), label="amount")
    used = 0
    u = start
    if amount == 0:
        while not case.open_minutes[u]:
            u += 1
    else:
        while used < amount:
            used += case.open_minutes[u]
            u += 1
    got = case.calendar.add(
        case.instant(start), BusinessHours.from_timedelta(dt.timedelta(minutes=amount))
    )
    assert got == case.instant(u)


# -- laws on the same kind of random calendars, at any microsecond (no verdicts needed) ----------

instants_us = st.integers(0, N * 60_000_000 - 1)
amounts = st.integers(0, 3 * 24 * 3_600_000_000)
# Each law costs about 6 ms an example (no minute verdicts to compute): three times the profile.
LAW_EXAMPLES = share(3.0)


def _us_instant(case: GridCalendar, us: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=case.grid_start + us)


def _hours(us: int) -> BusinessHours:
    return BusinessHours.from_timedelta(dt.timedelta(microseconds=us))


@settings(max_examples=LAW_EXAMPLES)
@given(case=grid_calendars(), t=instants_us, d=amounts)
def test_between_of_add_is_the_duration(case: GridCalendar, t: int, d: int) -> None:
    laws.check_between_of_add_is_the_duration(case.calendar, _us_instant(case, t), _hours(d))


@settings(max_examples=LAW_EXAMPLES)
@given(case=grid_calendars(), t=instants_us, a=amounts, b=amounts)
def test_add_is_additive(case: GridCalendar, t: int, a: int, b: int) -> None:
    """add(add(t, a), b) == add(t, a + b) whenever b > 0 (a zero b re-anchors at an opening)."""
    laws.check_add_is_additive(case.calendar, _us_instant(case, t), _hours(a), _hours(b))


@settings(max_examples=LAW_EXAMPLES)
@given(case=grid_calendars(), t1=instants_us, t2=instants_us, a=amounts, b=amounts)
def test_add_is_monotonic(case: GridCalendar, t1: int, t2: int, a: int, b: int) -> None:
    x, y = _us_instant(case, t1), _us_instant(case, t2)
    laws.check_add_is_monotonic(case.calendar, x, y, _hours(a), _hours(b))


@settings(max_examples=LAW_EXAMPLES)
@given(case=grid_calendars(), t=instants_us, d=amounts)
def test_results_lie_in_open_time_or_on_a_close(case: GridCalendar, t: int, d: int) -> None:
    laws.check_add_lands_in_open_time_or_on_a_close(case.calendar, _us_instant(case, t), _hours(d))


@settings(max_examples=LAW_EXAMPLES)
@given(case=grid_calendars(), t=instants_us, d=amounts)
def test_subtract_undoes_add(case: GridCalendar, t: int, d: int) -> None:
    """subtract(add(t, d), d) is t itself when t is open, else the opening the clock started at."""
    laws.check_subtract_undoes_add(case.calendar, _us_instant(case, t), _hours(d))


@settings(max_examples=LAW_EXAMPLES)
@given(case=grid_calendars(), t=instants_us, d=amounts)
def test_negative_add_is_subtract(case: GridCalendar, t: int, d: int) -> None:
    laws.check_negative_add_is_subtract(case.calendar, _us_instant(case, t), _hours(d))


@settings(max_examples=LAW_EXAMPLES)
@given(case=grid_calendars(), a=instants_us, b=instants_us, c=instants_us)
def test_between_is_antisymmetric_and_additive(case: GridCalendar, a: int, b: int, c: int) -> None:
    x, y, z = (_us_instant(case, v) for v in (a, b, c))
    laws.check_between_is_antisymmetric_and_additive(case.calendar, x, y, z)


@settings(max_examples=LAW_EXAMPLES)
@given(case=grid_calendars(), t=instants_us)
def test_next_open_and_close_bracket_open_time(case: GridCalendar, t: int) -> None:
    laws.check_next_open_and_close_bracket_open_time(case.calendar, _us_instant(case, t))


# -- the same laws on any generated calendar, composed ones too, at DST gaps and folds ----------

UP_TO_A_WEEK = strategies.business_hours(max_value=dt.timedelta(days=7))
# Three years, each compiled afresh for every generated calendar: far spans are the engine tests'.
THREE_YEARS = strategies.instants(
    min_value=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    max_value=dt.datetime(2027, 12, 31, tzinfo=dt.UTC),
    gaps_and_folds=True,
)


@settings(max_examples=share(1.0), suppress_health_check=[HealthCheck.too_slow])
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
