"""Durations measured against a calendar: business hours, working days, calendar days, clock hours."""

from __future__ import annotations

import datetime as _dt
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal, TypeAlias

import attrs

from .. import _checks, _time
from .._errors import InvalidDurationError

__all__ = ["BusinessDays", "BusinessHours", "CalendarDays", "ClockHours", "DayReading", "Duration"]

Number: TypeAlias = int | float | Decimal | Fraction
DayReading: TypeAlias = Literal["same_time", "close_of_day"]


#: Decimal places a Decimal number of hours may have (a microsecond is about 2.8e-10 hours).
_MAX_PLACES = 30


def _hours_us(owner: str, hours: object) -> int:
    if isinstance(hours, bool) or not isinstance(hours, int | float | Decimal | Fraction):
        raise InvalidDurationError(
            f"{owner}.hours must be a number of hours (int, float, Decimal or Fraction), "
            f"got {_checks.shown(hours)} ({type(hours).__name__})"
        )
    if isinstance(hours, float | Decimal) and not math.isfinite(hours):
        raise InvalidDurationError(
            f"{owner}.hours must be a finite number of hours, got {_checks.shown(hours)}"
        )
    if isinstance(hours, Decimal):
        # Bound the exponent before building a Fraction: Decimal('1e-999999999') would need a
        # denominator of a billion digits, and Decimal('1e+999999999') a numerator as long.
        _, digits, exponent = hours.as_tuple()
        assert isinstance(exponent, int)  # finite, checked above
        # The exponent of the last significant digit (trailing zeros of the coefficient do not
        # make a number finer); normalize() would not do, as the context rounds such tiny
        # numbers to zero.
        zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
        if any(digits) and hours.adjusted() > 12:
            raise InvalidDurationError(
                f"{owner}.hours must be at most about 87 million hours (the span of years "
                f"2-9998), got {_checks.shown(hours)}"
            )
        if any(digits) and exponent + zeros < -_MAX_PLACES:
            raise InvalidDurationError(
                f"{owner}.hours must have at most {_MAX_PLACES} decimal places, got {_checks.shown(hours)}; "
                f"durations are kept to the microsecond"
            )
        if zeros and any(digits):
            # '2.000...0' with a million zeros is 2: drop them before making a Fraction, whose
            # cost grows with the square of the digits.
            sign = 1 if hours < 0 else 0
            hours = Decimal((sign, digits[: len(digits) - zeros], exponent + zeros))
    if isinstance(hours, int):
        us = hours * _time.US_PER_HOUR
    elif isinstance(hours, float):
        us = round(Fraction(hours) * _time.US_PER_HOUR)
    else:
        us = round(Fraction(hours) * _time.US_PER_HOUR)
    if abs(us) > _time.MAX_US - _time.MIN_US:
        raise InvalidDurationError(
            f"{owner}.hours must be at most about 87 million hours (the span of years 2-9998), "
            f"got {_checks.shown(hours)}"
        )
    return us


def _check_days(
    inst: BusinessDays | CalendarDays, attribute: attrs.Attribute[Any], value: Any
) -> None:
    name = type(inst).__name__
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidDurationError(
            f"{name}.days must be a whole number of days (int), got {_checks.shown(value)} "
            f"({type(value).__name__})"
        )
    if not 0 <= value <= 3_650_000:
        # calendar.subtract mirrors working days in the "same_time" reading only; calendar days
        # have no mirror there (they roll forward to a working day).
        back = (
            f"calendar.subtract(t, BusinessDays({_checks.shown(-value)}))"
            if isinstance(inst, BusinessDays)
            else f"t - datetime.timedelta(days={_checks.shown(-value)}) for plain calendar days"
        )
        hint = f"; to count back, use {back}" if value < 0 else ""
        raise InvalidDurationError(
            f"{name}.days must be between 0 and 3650000, got {_checks.shown(value)}{hint}"
        )


_READINGS: tuple[DayReading, ...] = ("same_time", "close_of_day")


def _check_reading(inst: BusinessDays, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or value not in _READINGS:
        raise InvalidDurationError(
            f"BusinessDays.reading must be one of 'same_time' (the same local time of day on the "
            f"last working day) or 'close_of_day' (the close of the last working day), got "
            f"{_checks.shown(value)} ({type(value).__name__})"
        )


@attrs.frozen
class BusinessHours:
    """An amount of open time: real elapsed time counted only while the calendar is open.

    Any number of hours (negative counts backward), to the microsecond.

    >>> BusinessHours(2).microseconds
    7200000000
    >>> BusinessHours.from_timedelta(_dt.timedelta(minutes=90))
    BusinessHours(hours=Fraction(3, 2))
    """

    hours: Number = attrs.field()
    """The amount, in hours."""
    _us: int = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_us", _hours_us("BusinessHours", self.hours))

    @property
    def microseconds(self) -> int:
        """The amount in whole microseconds (rounded to the nearest)."""
        return self._us

    @classmethod
    def from_timedelta(cls, delta: _dt.timedelta) -> BusinessHours:
        """The business hours equal to ``delta`` (exact)."""
        return cls(Fraction(_time.timedelta_us(delta), _time.US_PER_HOUR))

    def __str__(self) -> str:
        return f"{self.hours} business hours"


@attrs.frozen
class ClockHours:
    """Plain elapsed time, open or not.

    >>> ClockHours(24).microseconds
    86400000000
    """

    hours: Number = attrs.field()
    """The amount, in hours."""
    _us: int = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_us", _hours_us("ClockHours", self.hours))

    @property
    def microseconds(self) -> int:
        """The amount in whole microseconds (rounded to the nearest)."""
        return self._us

    def __str__(self) -> str:
        return f"{self.hours} clock hours"


@attrs.frozen
class BusinessDays:
    """Whole working days, in one of two readings.

    * ``"same_time"``: the clock starts at the next open instant; the deadline is the same local
      time of day on the n-th working day after (MAIL-3, MAIL-4, TEL-3).
    * ``"close_of_day"``: the day of receipt does not count; the deadline is the close of the n-th
      working day after it (CPL-1).

    >>> BusinessDays(2)
    BusinessDays(days=2, reading='same_time')
    >>> str(BusinessDays(2, "close_of_day"))
    '2 working days (by the close of the last)'
    """

    days: int = attrs.field(validator=_check_days)
    """How many working days."""
    reading: DayReading = attrs.field(default="same_time", validator=_check_reading)
    """How the last day is read: the same local time of day, or its close."""

    def __str__(self) -> str:
        tail = "same time of day" if self.reading == "same_time" else "by the close of the last"
        return f"{self.days} working days ({tail})"


@attrs.frozen
class CalendarDays:
    """Calendar days after the day of the start, ending at the end (24:00) of the last day; when
    that day is not a working day, the period runs to the end of the next working day (CPL-2).

    >>> str(CalendarDays(14))
    '14 calendar days (to the end of the last, rolled to a working day)'
    """

    days: int = attrs.field(validator=_check_days)
    """How many calendar days."""

    def __str__(self) -> str:
        return f"{self.days} calendar days (to the end of the last, rolled to a working day)"


Duration: TypeAlias = BusinessHours | BusinessDays | CalendarDays | ClockHours
"""Every kind of duration a calendar can add."""
