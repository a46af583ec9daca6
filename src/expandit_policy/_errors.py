"""The library's error hierarchy.

Every error the library raises on purpose derives from :class:`PolicyError` and from the builtin
that fits it best, so callers can catch either. Messages name the field, what was expected and
what arrived, and say how to fix it.
"""

from __future__ import annotations

__all__ = [
    "CalendarNeverOpensError",
    "InvalidCalendarError",
    "InvalidDurationError",
    "NaiveDatetimeError",
    "PolicyError",
    "SpanOutOfRangeError",
    "UnknownTimezoneError",
    "WrongTypeError",
]


class PolicyError(Exception):
    """Base class of every error raised by expandit_policy.

    >>> issubclass(NaiveDatetimeError, PolicyError)
    True
    """

    __module__ = "expandit_policy"


class NaiveDatetimeError(PolicyError, TypeError):
    """A datetime without a time zone was given where an instant is required.

    >>> import datetime
    >>> from expandit_policy import presets
    >>> presets.denmark().is_open(datetime.datetime(2026, 3, 2, 9, 0))
    Traceback (most recent call last):
    ...
    expandit_policy.NaiveDatetimeError: t must be an aware datetime (with tzinfo), got naive datetime.datetime(2026, 3, 2, 9, 0); attach a zone, e.g. pendulum.datetime(..., tz='Europe/Copenhagen')
    """

    __module__ = "expandit_policy"


class UnknownTimezoneError(PolicyError, ValueError):
    """A time-zone name is not in the IANA database.

    >>> from expandit_policy import BusinessCalendar
    >>> BusinessCalendar.from_weekly("Europe/Kopenhagen", {"mon": [("08:00", "16:00")]})
    Traceback (most recent call last):
    ...
    expandit_policy.UnknownTimezoneError: timezone must be an IANA zone name such as 'Europe/Copenhagen', got 'Europe/Kopenhagen'
    """

    __module__ = "expandit_policy"


class InvalidCalendarError(PolicyError, ValueError):
    """Working hours, holidays, closures or openings are malformed (overlapping, inverted, ...).

    >>> from expandit_policy import WorkingHours
    >>> WorkingHours.from_weekly({"mon": [("16:00", "08:00")]})
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidCalendarError: mon: window 16:00-08:00 ends before it starts; an overnight window must say so with overnight=True, e.g. ("22:00", "06:00", True), or use "24:00" for midnight
    """

    __module__ = "expandit_policy"


class CalendarNeverOpensError(PolicyError, ValueError):
    """A calculation needs open time, but the calendar has none where it was looked for.

    >>> from expandit_policy import BusinessCalendar
    >>> BusinessCalendar.from_weekly("UTC", {})
    Traceback (most recent call last):
    ...
    expandit_policy.CalendarNeverOpensError: the calendar never opens: weekly hours are empty and there are no special openings; give at least one window, e.g. {"mon": [("08:00", "16:00")]}
    """

    __module__ = "expandit_policy"


class SpanOutOfRangeError(PolicyError, OverflowError):
    """A result or a search would leave the range of representable dates (years 1 to 9999).

    >>> import pendulum
    >>> from expandit_policy import BusinessHours, presets
    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> presets.denmark().add(t, BusinessHours(20_000_000))
    Traceback (most recent call last):
    ...
    expandit_policy.SpanOutOfRangeError: adding 20000000 business hours from 2026-03-02T09:00:00+01:00 would end outside the years 2 to 9999 (about ... open hours a year); use a smaller duration
    """

    __module__ = "expandit_policy"


class InvalidDurationError(PolicyError, ValueError):
    """A duration is malformed: not a number, not finite, or of an unsupported kind for the call.

    >>> from expandit_policy import BusinessHours
    >>> BusinessHours(float("nan"))
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidDurationError: BusinessHours.hours must be a finite number of hours, got nan
    """

    __module__ = "expandit_policy"


class WrongTypeError(PolicyError, TypeError):
    """A value of the wrong type was given (a string where a date belongs, a float for money, ...).

    >>> from expandit_policy import Holidays
    >>> Holidays.from_dates(["2026-12-25"])
    Traceback (most recent call last):
    ...
    expandit_policy.WrongTypeError: holidays[0] must be a datetime.date, got '2026-12-25' (str); parse it first, e.g. datetime.date.fromisoformat('2026-12-25')
    """

    __module__ = "expandit_policy"
