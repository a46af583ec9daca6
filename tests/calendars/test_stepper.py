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
    Calendar,
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
_DAY = _time.US_PER_DAY
#: The instants a datetime can name: every instant ``assess`` measures lies between them.
_MIN = _time.to_us(dt.datetime.min.replace(tzinfo=dt.UTC))
_MAX = _time.to_us(dt.datetime.max.replace(tzinfo=dt.UTC))


def _outcome(work: object) -> tuple[str, object]:
    """What ``work()`` gives: its value, or its error's type and message."""
    try:
        return "value", work()  # type: ignore[operator]
    except PolicyError as exc:
        return type(exc).__name__, str(exc)


#: Every kind of duration, negative business hours included (they count backwards), and working
#: days far enough to leave the supported years.
DURATIONS = (
    eps.durations()
    | eps.business_hours(min_value=dt.timedelta(hours=-300), max_value=dt.timedelta(hours=300))
    | eps.business_days(max_value=3_650_000)
)
ANYWHERE = (
    st.integers(_FIRST, _LAST)
    | st.integers(-(10**15), 10**15).map(lambda d: 1_773_000_000_000_000 + d)
    | st.sampled_from([_FIRST, _LAST]).flatmap(
        lambda u: st.integers(max(_MIN, u - _DAY * 40), min(_MAX, u + _DAY * 40))
    )
)


def _agree(calendar: Calendar, duration: Duration, at: int, repeat: int = 1) -> None:
    """``stepper`` and ``add_us`` agree from ``at``, and from each answer again (as periods
    follow one another), until one raises: then both raise the same error."""
    step = stepper(calendar, duration, "assess (COM-9)")
    us = at
    for _ in range(repeat):
        expected = _outcome(functools.partial(add_us, calendar, us, duration, "assess (COM-9)"))
        assert _outcome(functools.partial(step, us)) == expected
        if expected[0] != "value":
            return
        us = expected[1]  # type: ignore[assignment]


@given(calendar=eps.calendars(), duration=DURATIONS, at=ANYWHERE, repeat=st.integers(1, 4))
def test_a_stepper_adds_as_add_us_does(
    calendar: Calendar, duration: Duration, at: int, repeat: int
) -> None:
    _agree(calendar, duration, at, repeat)


NEVER = BusinessCalendar.from_weekly(
    "UTC",
    {},
    openings=[
        (dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), dt.datetime(2026, 3, 2, 17, tzinfo=dt.UTC))
    ],
)


@pytest.mark.parametrize(
    "duration",
    [BusinessHours(0), BusinessHours(2), BusinessHours(-2), BusinessDays(5),
     BusinessDays(5, "close_of_day"), BusinessDays(0), CalendarDays(3), ClockHours(5)],
)  # fmt: skip
@pytest.mark.parametrize(
    "calendar",
    [presets.denmark(), NEVER, presets.denmark() | NEVER],
    ids=["dk", "never", "dk|never"],
)
@pytest.mark.parametrize(
    "at",
    [_FIRST - 1, _FIRST, _FIRST + _DAY, _LAST - _DAY, _LAST, _LAST + 1, 0],
    ids=["before the first", "first", "first+1d", "last-1d", "last", "after the last", "epoch"],
)
def test_a_stepper_at_the_edges(calendar: Calendar, duration: Duration, at: int) -> None:
    """At the ends of the supported years, and on a calendar that opens once only: the same
    answer, or the same typed error with the same message."""
    _agree(calendar, duration, at, 2)


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


@pytest.mark.parametrize("duration", [BusinessDays(5), BusinessHours(2)])
def test_a_stepper_past_the_last_year_names_what_it_was_doing(duration: Duration) -> None:
    step = stepper(presets.denmark(), duration, "assess (COM-9)")
    with pytest.raises(PolicyError, match=r"^assess \(COM-9\)"):
        step(_LAST)
