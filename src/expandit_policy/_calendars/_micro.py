"""A calendar's arithmetic on integer microseconds: the internal API of the layers above.

``assess`` keeps every instant of a case as UTC microseconds (``_time.to_us``) and measures them
on the calendar directly: a case needs a few dozen sums and deadlines, and converting each to a
DateTime and back would cost more than the arithmetic. These three functions are the only way the
policy and evaluation layers reach a calendar's compiled timeline; the engine's own names stay
private to ``_calendars``.
"""

from __future__ import annotations

from collections.abc import Callable

import pendulum

from ._calendar import _SIGNALS, Calendar, _translated
from ._durations import BusinessDays, BusinessHours, Duration

__all__ = ["add_us", "between_us", "datetime_at", "stepper"]


def add_us(calendar: Calendar, us: int, duration: Duration, what: str = "assess") -> int:
    """``calendar.add`` on microseconds; engine signals become the library's typed errors,
    their message starting with ``what``."""
    try:
        return calendar._add_us(us, duration, False)
    except _SIGNALS as exc:
        raise _translated(exc, what) from None


def stepper(calendar: Calendar, duration: Duration, what: str = "assess") -> Callable[[int], int]:
    """``lambda us: add_us(calendar, us, duration, what)``, made once for a duration added many
    times (COM-9's periods): the two durations a policy's clocks use most go straight to the
    compiled timeline, with none of ``add_us``'s dispatch on each call."""
    tl = calendar._tl()
    kind = type(duration)
    straight: Callable[[int, int], int]
    if kind is BusinessDays and duration.days and duration.reading == "same_time":  # type: ignore[union-attr]
        straight, amount = tl.same_time_after, duration.days  # type: ignore[union-attr]
    elif kind is BusinessHours and duration._us >= 0:  # type: ignore[union-attr]
        straight, amount = tl.add, duration._us  # type: ignore[union-attr]
    else:
        return lambda us: add_us(calendar, us, duration, what)

    def step(us: int) -> int:
        try:
            return straight(us, amount)
        except _SIGNALS as exc:
            raise _translated(exc, what) from None

    return step


def between_us(calendar: Calendar, a: int, b: int, what: str = "assess") -> int:
    """Signed business time in ``[a, b)`` in microseconds, as ``calendar.between`` measures it."""
    try:
        return calendar._tl().between(a, b)
    except _SIGNALS as exc:
        raise _translated(exc, what, duration=False) from None


def datetime_at(calendar: Calendar, us: int) -> pendulum.DateTime:
    """Instant ``us`` as a pendulum DateTime in the calendar's zone."""
    return calendar._out(us)
