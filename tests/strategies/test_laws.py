"""Each check of expandit_policy.laws passes on a sound calendar and fails, naming its law, on a
calendar broken in the one way the law forbids."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from typing import Any

import pendulum
import pytest

from expandit_policy import BusinessCalendar, BusinessHours, Duration, Landing, laws, presets

CPH = "Europe/Copenhagen"
FRIDAY_NOON = pendulum.datetime(2026, 3, 6, 12, tz=CPH)
FRIDAY_3PM = pendulum.datetime(2026, 3, 6, 15, tz=CPH)
SATURDAY = pendulum.datetime(2026, 3, 7, 12, tz=CPH)
ONE_US = dt.timedelta(microseconds=1)
DESK = presets.denmark()


def _desk(cls: type[BusinessCalendar]) -> BusinessCalendar:
    return cls(DESK.timezone, DESK.hours, DESK.holidays, name="broken desk")


class AddsAMicrosecondMore(BusinessCalendar):
    def add(self, t: dt.datetime, duration: Duration, landing: Landing = "close") -> Any:
        return super().add(t, duration, landing).add(microseconds=1)


class AddsBackwardInTime(BusinessCalendar):
    def add(self, t: dt.datetime, duration: Duration, landing: Landing = "close") -> Any:
        return super().add(FRIDAY_3PM, duration, landing) - (t - FRIDAY_3PM)


class AddsLessForMore(BusinessCalendar):
    def add(self, t: dt.datetime, duration: Duration, landing: Landing = "close") -> Any:
        assert isinstance(duration, BusinessHours)
        return pendulum.instance(t).subtract(microseconds=duration.microseconds)


class LandsAfterTheClose(BusinessCalendar):
    def add(self, t: dt.datetime, duration: Duration, landing: Landing = "close") -> Any:
        return super().add(t, duration, landing).add(minutes=30)


class IgnoresTheLanding(BusinessCalendar):
    def add(self, t: dt.datetime, duration: Duration, landing: Landing = "close") -> Any:
        return super().add(t, duration, "close")


class SubtractsAMinuteMore(BusinessCalendar):
    def subtract(self, t: dt.datetime, duration: Duration) -> Any:
        return super().subtract(t, duration).subtract(minutes=1)


class MeasuresAMicrosecondMore(BusinessCalendar):
    def between(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        return super().between(a, b) + ONE_US


class MeasuresAwayFromZero(BusinessCalendar):
    """Antisymmetric, but one microsecond longer either way: not additive."""

    def between(self, a: dt.datetime, b: dt.datetime) -> dt.timedelta:
        span = super().between(a, b)
        return span + ONE_US if span > dt.timedelta(0) else span - ONE_US


class OpensWhenAsked(BusinessCalendar):
    def next_open(self, t: dt.datetime) -> Any:
        return pendulum.instance(t)


class ClosesBeforeAsked(BusinessCalendar):
    def next_close(self, t: dt.datetime) -> Any:
        return pendulum.instance(t).subtract(hours=1)


class ForgetsItsOpenings(BusinessCalendar):
    def previous_open(self, t: dt.datetime) -> Any:
        return super().previous_open(t).subtract(days=7)


H = BusinessHours
CASES: list[tuple[type[BusinessCalendar], Callable[[Any], None], str]] = [
    (LandsAfterTheClose, lambda c: laws.check_between_of_add_is_the_duration(c, FRIDAY_NOON, H(1)),
     r"between\(t, add\(t, d\)\) == d"),
    (AddsAMicrosecondMore, lambda c: laws.check_add_is_additive(c, FRIDAY_NOON, H(1), H(2)),
     r"add\(add\(t, a\), b\) == add\(t, a \+ b\)"),
    (AddsBackwardInTime, lambda c: laws.check_add_is_monotonic(c, FRIDAY_3PM, SATURDAY, H(1), H(1)),
     r"t1 <= t2 implies add\(t1, d\) <= add\(t2, d\)"),
    (AddsLessForMore, lambda c: laws.check_add_is_monotonic(c, FRIDAY_3PM, FRIDAY_3PM, H(1), H(2)),
     r"a <= b implies add\(t, a\) <= add\(t, b\)"),
    (LandsAfterTheClose, lambda c: laws.check_add_lands_in_open_time_or_on_a_close(c, FRIDAY_3PM, H(1)),
     r"add\(t, d\) is open or a close"),
    (IgnoresTheLanding, lambda c: laws.check_add_lands_in_open_time_or_on_a_close(c, FRIDAY_3PM, H(1)),
     r"add\(t, d, landing='next_open'\) is the first opening"),
    (SubtractsAMinuteMore, lambda c: laws.check_subtract_undoes_add(c, FRIDAY_3PM, H(2)),
     r"subtract\(add\(t, d\), d\) == add\(t, 0\)"),
    (SubtractsAMinuteMore, lambda c: laws.check_negative_add_is_subtract(c, FRIDAY_3PM, H(2)),
     r"add\(t, -d\) == subtract\(t, d\)"),
    (MeasuresAMicrosecondMore, lambda c: laws.check_negative_add_is_subtract(c, FRIDAY_3PM, H(2)),
     r"between\(subtract\(t, d\), t\) == d"),
    (MeasuresAMicrosecondMore,
     lambda c: laws.check_between_is_antisymmetric_and_additive(c, FRIDAY_3PM, SATURDAY, SATURDAY),
     r"between\(a, b\) == -between\(b, a\)"),
    (MeasuresAwayFromZero,
     lambda c: laws.check_between_is_antisymmetric_and_additive(
         c, FRIDAY_3PM, FRIDAY_3PM.add(minutes=30), SATURDAY),
     r"between\(a, b\) \+ between\(b, c\) == between\(a, c\)"),
    (OpensWhenAsked, lambda c: laws.check_next_open_and_close_bracket_open_time(c, SATURDAY),
     r"next_open\(t\) is open and >= t"),
    (ClosesBeforeAsked, lambda c: laws.check_next_open_and_close_bracket_open_time(c, SATURDAY),
     r"next_close\(t\) is a close after t"),
    (ForgetsItsOpenings, lambda c: laws.check_next_open_and_close_bracket_open_time(c, SATURDAY),
     r"previous_open\(next_open\(t\)\) == next_open\(t\) when t is closed"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("broken", "check", "law"), CASES, ids=[f"{c[0].__name__}-{k}" for k, c in enumerate(CASES)]
)
def test_a_law_holds_on_the_desk_and_fails_on_a_calendar_that_breaks_it(
    broken: type[BusinessCalendar], check: Callable[[Any], None], law: str
) -> None:
    check(DESK)
    with pytest.raises(AssertionError, match=f"law broken: {law}") as info:
        check(_desk(broken))
    assert "calendar: broken desk (Europe/Copenhagen)" in str(info.value)


def test_a_wall_time_that_a_dst_change_skips_is_shown_with_its_fold() -> None:
    in_the_gap = dt.datetime(2026, 3, 29, 2, 30, tzinfo=zoneinfo.ZoneInfo(CPH), fold=1)
    laws.check_between_of_add_is_the_duration(DESK, in_the_gap, H(1))
    with pytest.raises(AssertionError) as info:
        laws.check_between_of_add_is_the_duration(_desk(LandsAfterTheClose), in_the_gap, H(1))
    assert "t = 2026-03-29T02:30:00+02:00 (fold=1)" in str(info.value)
    assert "d = BusinessHours(hours=1)" in str(info.value)
