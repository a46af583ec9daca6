"""The laws of business time, as ready-made checks for your own tests.

Each ``check_*`` function computes both sides of one law on a calendar and raises
``AssertionError`` naming the law, the inputs and both sides when they differ, so it reads well
in a pytest or Hypothesis failure. They hold for every calendar, instant and amount of business
hours; run them on your calendars (with :mod:`expandit_policy.strategies` or your own values) to
check a configuration, or as the model when testing a system that computes deadlines itself.
This module does not import Hypothesis.

>>> import pendulum
>>> from expandit_policy import BusinessHours, laws, presets
>>> friday = pendulum.datetime(2026, 3, 6, 15, 30, tz="Europe/Copenhagen")
>>> laws.check_business_time_laws(presets.denmark(), friday, friday.add(days=3),
...                               BusinessHours(2), BusinessHours(5))
"""

from __future__ import annotations

import datetime as _dt

from . import _time
from ._calendars._calendar import Calendar
from ._calendars._durations import BusinessHours

__all__ = [
    "check_add_is_additive",
    "check_add_is_monotonic",
    "check_add_lands_in_open_time_or_on_a_close",
    "check_between_is_antisymmetric_and_additive",
    "check_between_of_add_is_the_duration",
    "check_business_time_laws",
    "check_negative_add_is_subtract",
    "check_next_open_and_close_bracket_open_time",
    "check_subtract_undoes_add",
]


def _describe(calendar: Calendar) -> str:
    name = getattr(calendar, "name", "") or type(calendar).__name__
    return f"{name} ({calendar.timezone})"


def _iso(t: _dt.datetime) -> str:
    """The instant as ISO text, with its ``fold`` when the wall time is ambiguous or skipped
    (then the fold decides which instant it is)."""
    wall, zone = t.replace(tzinfo=None), t.tzinfo
    assert zone is not None  # the calendar refused naive instants before any law is checked
    if zone.utcoffset(wall.replace(fold=0)) != zone.utcoffset(wall.replace(fold=1)):
        return f"{t.isoformat()} (fold={t.fold})"
    return t.isoformat()


def _broken(law: str, calendar: Calendar, **values: object) -> AssertionError:
    lines = [f"law broken: {law}", f"  calendar: {_describe(calendar)}"]
    for key, value in values.items():
        shown = _iso(value) if isinstance(value, _dt.datetime) else repr(value)
        lines.append(f"  {key} = {shown}")
    return AssertionError("\n".join(lines))


def _same(x: _dt.datetime, y: _dt.datetime) -> bool:
    # Instants, not wall times: Python compares two datetimes of one zone by their wall clocks
    # and ignores ``fold``, which would call the two 02:30s of a DST fold equal.
    return _time.to_us(x) == _time.to_us(y)


def _no_later(x: _dt.datetime, y: _dt.datetime) -> bool:
    return _time.to_us(x) <= _time.to_us(y)


def _hours(us: int) -> BusinessHours:
    whole, rest = divmod(us, _time.US_PER_HOUR)
    if rest == 0:  # shown as people write it: BusinessHours(hours=2)
        return BusinessHours(whole)
    return BusinessHours.from_timedelta(_dt.timedelta(microseconds=us))


def check_between_of_add_is_the_duration(
    calendar: Calendar, t: _dt.datetime, duration: BusinessHours
) -> None:
    """``between(t, add(t, d)) == d`` for every non-negative amount of business hours ``d``.

    >>> import pendulum
    >>> from expandit_policy import BusinessHours, presets
    >>> t = pendulum.datetime(2026, 3, 6, 15, 30, tz="Europe/Copenhagen")
    >>> check_between_of_add_is_the_duration(presets.denmark(), t, BusinessHours(2))
    """
    d = abs(duration.microseconds)
    end = calendar.add(t, _hours(d))
    measured = calendar.between(t, end)
    if measured != _dt.timedelta(microseconds=d):
        raise _broken(
            "between(t, add(t, d)) == d", calendar, t=t, d=_hours(d), add=end, between=measured
        )


def check_add_is_additive(
    calendar: Calendar, t: _dt.datetime, a: BusinessHours, b: BusinessHours
) -> None:
    """``add(add(t, a), b) == add(t, a + b)`` for non-negative ``a`` and a positive ``b`` (a zero
    ``b`` re-anchors at the next opening, so the check uses a microsecond instead).

    >>> import pendulum
    >>> from expandit_policy import BusinessHours, presets
    >>> t = pendulum.datetime(2026, 3, 6, 15, 30, tz="Europe/Copenhagen")
    >>> check_add_is_additive(presets.denmark(), t, BusinessHours(1), BusinessHours(3))
    """
    x, y = abs(a.microseconds), abs(b.microseconds) or 1
    stepwise = calendar.add(calendar.add(t, _hours(x)), _hours(y))
    at_once = calendar.add(t, _hours(x + y))
    if not _same(stepwise, at_once):
        raise _broken(
            "add(add(t, a), b) == add(t, a + b)",
            calendar,
            t=t,
            a=_hours(x),
            b=_hours(y),
            stepwise=stepwise,
            at_once=at_once,
        )


def check_add_is_monotonic(
    calendar: Calendar,
    t1: _dt.datetime,
    t2: _dt.datetime,
    a: BusinessHours,
    b: BusinessHours,
) -> None:
    """``add`` never goes back: for instants ``t1 <= t2`` and amounts ``a <= b`` (the check
    orders them), ``add(t1, a) <= add(t2, a)`` and ``add(t1, a) <= add(t1, b)``.

    >>> import pendulum
    >>> from expandit_policy import BusinessHours, presets
    >>> t = pendulum.datetime(2026, 3, 6, 15, 30, tz="Europe/Copenhagen")
    >>> check_add_is_monotonic(presets.denmark(), t, t.add(hours=1), BusinessHours(0),
    ...                        BusinessHours(1))
    """
    early, late = sorted((t1, t2), key=_time.to_us)
    small, large = sorted((abs(a.microseconds), abs(b.microseconds)))
    first = calendar.add(early, _hours(small))
    later_start = calendar.add(late, _hours(small))
    larger = calendar.add(early, _hours(large))
    if not _no_later(first, later_start):
        raise _broken(
            "t1 <= t2 implies add(t1, d) <= add(t2, d)",
            calendar,
            t1=early,
            t2=late,
            d=_hours(small),
            add_t1=first,
            add_t2=later_start,
        )
    if not _no_later(first, larger):
        raise _broken(
            "a <= b implies add(t, a) <= add(t, b)",
            calendar,
            t=early,
            a=_hours(small),
            b=_hours(large),
            add_a=first,
            add_b=larger,
        )


def check_add_lands_in_open_time_or_on_a_close(
    calendar: Calendar, t: _dt.datetime, duration: BusinessHours
) -> None:
    """``add(t, d)`` is an open instant or the close of a span; with ``landing="next_open"`` it is
    open, no earlier, and no business time apart.

    >>> import pendulum
    >>> from expandit_policy import BusinessHours, presets
    >>> t = pendulum.datetime(2026, 3, 6, 15, tz="Europe/Copenhagen")
    >>> check_add_lands_in_open_time_or_on_a_close(presets.denmark(), t, BusinessHours(1))
    """
    d = _hours(abs(duration.microseconds))
    u = calendar.add(t, d)
    if not (calendar.is_open(u) or _same(calendar.previous_close(u), u)):
        raise _broken("add(t, d) is open or a close", calendar, t=t, d=d, add=u)
    n = calendar.add(t, d, landing="next_open")
    if not calendar.is_open(n) or not _no_later(u, n) or calendar.between(u, n):
        raise _broken(
            "add(t, d, landing='next_open') is the first opening at or after add(t, d)",
            calendar,
            t=t,
            d=d,
            add=u,
            add_next_open=n,
        )


def check_subtract_undoes_add(calendar: Calendar, t: _dt.datetime, duration: BusinessHours) -> None:
    """``subtract(add(t, d), d)`` is ``t`` itself when ``t`` is open, else the opening at which
    the clock started (``add(t, 0)``).

    >>> import pendulum
    >>> from expandit_policy import BusinessHours, presets
    >>> t = pendulum.datetime(2026, 3, 7, 12, tz="Europe/Copenhagen")  # a Saturday
    >>> check_subtract_undoes_add(presets.denmark(), t, BusinessHours(3))
    """
    d = _hours(abs(duration.microseconds))
    back = calendar.subtract(calendar.add(t, d), d)
    start = calendar.add(t, _hours(0))
    if not _same(back, start):
        raise _broken(
            "subtract(add(t, d), d) == add(t, 0)", calendar, t=t, d=d, subtract=back, start=start
        )


def check_negative_add_is_subtract(
    calendar: Calendar, t: _dt.datetime, duration: BusinessHours
) -> None:
    """``add(t, -d) == subtract(t, d)`` for ``d > 0``, and ``between(subtract(t, d), t) == d``.

    >>> import pendulum
    >>> from expandit_policy import BusinessHours, presets
    >>> t = pendulum.datetime(2026, 3, 9, 9, tz="Europe/Copenhagen")
    >>> check_negative_add_is_subtract(presets.denmark(), t, BusinessHours(2))
    """
    d = abs(duration.microseconds)
    back = calendar.subtract(t, _hours(d))
    # Zero is not a negative amount: add(t, 0) is the next opening when closed, and subtract,
    # its mirror, gives the previous close; between(subtract(t, 0), t) == 0 still holds.
    backward = calendar.add(t, _hours(-d)) if d else back
    if not _same(backward, back):
        raise _broken(
            "add(t, -d) == subtract(t, d)", calendar, t=t, d=_hours(d), add=backward, subtract=back
        )
    measured = calendar.between(back, t)
    if measured != _dt.timedelta(microseconds=d):
        raise _broken(
            "between(subtract(t, d), t) == d",
            calendar,
            t=t,
            d=_hours(d),
            subtract=back,
            between=measured,
        )


def check_between_is_antisymmetric_and_additive(
    calendar: Calendar, a: _dt.datetime, b: _dt.datetime, c: _dt.datetime
) -> None:
    """``between(a, b) == -between(b, a)`` and ``between(a, b) + between(b, c) ==
    between(a, c)``.

    >>> import pendulum
    >>> from expandit_policy import presets
    >>> t = pendulum.datetime(2026, 3, 6, 15, tz="Europe/Copenhagen")
    >>> check_between_is_antisymmetric_and_additive(presets.denmark(), t, t.add(days=3),
    ...                                             t.add(hours=1))
    """
    ab, ba = calendar.between(a, b), calendar.between(b, a)
    if ab != -ba:
        raise _broken(
            "between(a, b) == -between(b, a)", calendar, a=a, b=b, between_ab=ab, between_ba=ba
        )
    bc, ac = calendar.between(b, c), calendar.between(a, c)
    if ab + bc != ac:
        raise _broken(
            "between(a, b) + between(b, c) == between(a, c)",
            calendar,
            a=a,
            b=b,
            c=c,
            between_ab=ab,
            between_bc=bc,
            between_ac=ac,
        )


def check_next_open_and_close_bracket_open_time(calendar: Calendar, t: _dt.datetime) -> None:
    """``next_open(t)`` is open and not before ``t``; ``next_close(t)`` is closed, after ``t``,
    and a close; ``previous_open`` finds the opening again unless ``t`` was already open.

    >>> import pendulum
    >>> from expandit_policy import presets
    >>> t = pendulum.datetime(2026, 3, 7, 12, tz="Europe/Copenhagen")
    >>> check_next_open_and_close_bracket_open_time(presets.denmark(), t)
    """
    opening, close = calendar.next_open(t), calendar.next_close(t)
    if not calendar.is_open(opening) or not _no_later(t, opening):
        raise _broken("next_open(t) is open and >= t", calendar, t=t, next_open=opening)
    is_a_close = not calendar.is_open(close) and _same(calendar.previous_close(close), close)
    if _no_later(close, t) or not is_a_close:
        raise _broken("next_close(t) is a close after t", calendar, t=t, next_close=close)
    if not _same(calendar.previous_open(opening), opening) and not calendar.is_open(t):
        raise _broken(
            "previous_open(next_open(t)) == next_open(t) when t is closed",
            calendar,
            t=t,
            next_open=opening,
            previous_open=calendar.previous_open(opening),
        )


def check_business_time_laws(
    calendar: Calendar,
    t: _dt.datetime,
    u: _dt.datetime,
    d: BusinessHours,
    e: BusinessHours,
) -> None:
    """Every law above, for instants ``t`` and ``u`` and amounts ``d`` and ``e`` (signs are
    ignored: the laws are stated for non-negative amounts).

    >>> import pendulum
    >>> from expandit_policy import BusinessHours, presets
    >>> t = pendulum.datetime(2026, 3, 6, 15, 30, tz="Europe/Copenhagen")
    >>> check_business_time_laws(presets.denmark(), t, t.add(days=3), BusinessHours(2),
    ...                          BusinessHours(0))
    """
    check_between_of_add_is_the_duration(calendar, t, d)
    check_add_is_additive(calendar, t, d, e)
    check_add_is_monotonic(calendar, t, u, d, e)
    check_add_lands_in_open_time_or_on_a_close(calendar, t, d)
    check_subtract_undoes_add(calendar, t, d)
    check_negative_add_is_subtract(calendar, t, d)
    check_between_is_antisymmetric_and_additive(calendar, t, u, calendar.add(t, d))
    check_next_open_and_close_bracket_open_time(calendar, t)
