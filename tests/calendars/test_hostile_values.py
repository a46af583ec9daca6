"""Hostile values in calendar parts and durations: typed errors with short messages, and work
that grows with the input, not its square."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from expandit_policy import (
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    Calendar,
    CalendarDays,
    Contact,
    InvalidCalendarError,
    InvalidDurationError,
    PolicyError,
    Window,
    WorkingHours,
    WrongTypeError,
    easter_sunday,
    from_json_dict,
    out_of_office,
)

HUGE = 10**5000  # Python will not print it: a message must not try to

CALLS: list[tuple[str, Callable[[], object], type[PolicyError], str]] = [
    ("hours of 5001 digits", lambda: BusinessHours(HUGE), InvalidDurationError, "a whole number of 5001 digits"),
    ("days of 5001 digits", lambda: BusinessDays(-HUGE), InvalidDurationError, "a whole number of 5001 digits"),
    ("calendar days", lambda: CalendarDays(HUGE), InvalidDurationError, "a whole number of 5001 digits"),
    ("window start", lambda: Window(HUGE, 3600), InvalidCalendarError, "a whole number of 5001 digits"),
    ("no windows", lambda: WorkingHours.from_weekly({"mon": None}), WrongTypeError, 'weekly["mon"] must be a list of windows'),  # type: ignore[dict-item]
    ("a number window", lambda: WorkingHours.from_weekly({"mon": [9]}), InvalidCalendarError, 'weekly["mon"][0] must be'),  # type: ignore[list-item]
    ("a dict window", lambda: WorkingHours.from_weekly({"mon": [{"a": 1}]}), InvalidCalendarError, 'weekly["mon"][0] must be'),  # type: ignore[list-item]
    ("overnight 'no'", lambda: WorkingHours.from_weekly({"mon": [("08:00", "16:00", "no")]}), InvalidCalendarError, "True) for an overnight window"),
    ("a list as zone", lambda: BusinessCalendar.from_weekly([], {}), WrongTypeError, "got [] (list)"),  # type: ignore[arg-type]
    ("Easter of year 0", lambda: easter_sunday(0), InvalidCalendarError, "from 1 to 9999"),
    ("Easter of a text", lambda: easter_sunday("2026"), WrongTypeError, "must be a year (int)"),  # type: ignore[arg-type]
    ("Easter of True", lambda: easter_sunday(True), WrongTypeError, "must be a year (int)"),
    ("out of office of None", lambda: out_of_office(None, None), WrongTypeError, "must be an Absence"),  # type: ignore[arg-type]
]  # fmt: skip


@pytest.mark.parametrize(("name", "call", "error", "message"), CALLS, ids=[c[0] for c in CALLS])
def test_a_hostile_value_is_a_typed_error_with_a_short_message(
    name: str, call: Callable[[], object], error: type[PolicyError], message: str
) -> None:
    with pytest.raises(error) as raised:
        call()
    assert message in str(raised.value)
    assert len(str(raised.value)) < 600


def test_a_message_quotes_at_most_a_few_hundred_characters_of_a_value() -> None:
    with pytest.raises(PolicyError) as raised:  # no such zone
        BusinessCalendar.from_weekly("x" * 5_000_000, {})
    assert len(str(raised.value)) < 600
    with pytest.raises(PolicyError) as raised:  # an identifier of five million bells
        Contact("A" + "\x07" * 5_000_000, "ada@acme.dk")
    assert len(str(raised.value)) < 600


def test_hours_with_a_million_trailing_zeros_load_in_linear_time() -> None:
    # "2." and a million zeros is 2 hours; a Fraction of the whole decimal took 43 s.
    def load(zeros: int) -> float:
        start = time.process_time()
        hours = from_json_dict(
            BusinessHours, {"schema": "expandit_policy/2", "hours": "2." + "0" * zeros}
        )
        assert hours == BusinessHours(2)
        return time.process_time() - start

    load(1_000)
    assert load(1_000_000) < 5  # seconds: a bound for a hang, not a speed claim


def test_a_calendar_composed_with_itself_is_bounded_by_its_parts() -> None:
    # Twenty compositions of a calendar with itself nest twenty deep, well within the depth
    # limit, but combine a million calendars: every query would walk them all.
    from expandit_policy import presets

    desk: Calendar = presets.denmark()
    for _ in range(8):
        desk = desk | desk  # 256 parts: at the limit
    assert desk.is_open(
        desk.next_open(desk.zone.convert(__import__("datetime").datetime(2026, 3, 2, 9)))
    )
    with pytest.raises(InvalidCalendarError, match="at most 256 calendars, each counted every time it is used, got 512"):  # fmt: skip
        desk | desk


def test_a_holiday_rule_that_ends_before_it_starts_is_refused() -> None:
    from expandit_policy import HolidayRule

    with pytest.raises(InvalidCalendarError, match="must not end before it starts"):
        HolidayRule("Day", month=3, day=8, first_year=2030, last_year=2020)
    assert HolidayRule("Day", month=3, day=8, first_year=2030, last_year=2030).dates(2030)
