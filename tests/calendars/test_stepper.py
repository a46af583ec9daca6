"""``stepper``: a duration added many times from microseconds (COM-9's periods) gives what
``add_us`` gives, value for value and error for error, for every kind of duration, on every
kind of calendar, anywhere in the supported years."""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    CalendarDays,
    ClockHours,
    Duration,
    PolicyError,
    _time,
    presets,
)
from expandit_policy import strategies as eps
from expandit_policy._calendars._micro import add_us, stepper

_FIRST = _time.to_us(dt.datetime(1, 1, 2, tzinfo=dt.UTC))
_LAST = _time.to_us(dt.datetime(9999, 12, 30, tzinfo=dt.UTC))


def _outcome(work: object) -> tuple[str, object]:
    """What ``work()`` gives: its value, or its error's type and message."""
    try:
        return "value", work()  # type: ignore[operator]
    except PolicyError as exc:
        return type(exc).__name__, str(exc)


@given(
    calendar=eps.calendars(),
    duration=eps.durations(),
    at=st.integers(_FIRST, _LAST)
    | st.integers(-(10**15), 10**15).map(lambda d: 1_773_000_000_000_000 + d),
    repeat=st.integers(1, 4),
)
def test_a_stepper_adds_as_add_us_does(
    calendar: BusinessCalendar, duration: Duration, at: int, repeat: int
) -> None:
    step = stepper(calendar, duration, "assess (COM-9)")
    us = at
    for _ in range(repeat):  # from each result again, as periods follow one another
        expected = _outcome(functools.partial(add_us, calendar, us, duration, "assess (COM-9)"))
        assert _outcome(functools.partial(step, us)) == expected
        if expected[0] != "value":
            return
        us = expected[1]  # type: ignore[assignment]


DK_MONDAY_10 = _time.to_us(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        # Mon 2 March 2026 10:00 in Copenhagen; five working days later, the same time: Mon 9th
        (BusinessDays(5), dt.datetime(2026, 3, 9, 9, tzinfo=dt.UTC)),
        # by the close of the fifth working day: Mon 9th 16:00 local
        (BusinessDays(5, "close_of_day"), dt.datetime(2026, 3, 9, 15, tzinfo=dt.UTC)),
        (BusinessHours(2), dt.datetime(2026, 3, 2, 11, tzinfo=dt.UTC)),
        (BusinessHours(0), dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)),
        (ClockHours(30), dt.datetime(2026, 3, 3, 15, tzinfo=dt.UTC)),
        # the end of the second day after: Wed 4th 24:00 local
        (CalendarDays(2), dt.datetime(2026, 3, 4, 23, tzinfo=dt.UTC)),
    ],
)
def test_stepper_cases_on_the_danish_desk(duration: Duration, expected: dt.datetime) -> None:
    step = stepper(presets.denmark(), duration)
    assert step(DK_MONDAY_10) == _time.to_us(expected)


def test_a_stepper_past_the_last_year_names_what_it_was_doing() -> None:
    step = stepper(presets.denmark(), BusinessDays(5), "assess (COM-9)")
    with pytest.raises(PolicyError, match=r"^assess \(COM-9\)"):
        step(_LAST)
