"""Closures and special openings: spans of real time given as aware datetimes."""

from __future__ import annotations

import datetime as _dt

import attrs

from .. import _checks, _time
from .._errors import InvalidCalendarError

__all__ = ["Closure", "Opening"]


def _ordered(inst: Closure | Opening) -> None:
    if _time.to_us(inst.end) <= _time.to_us(inst.start):
        raise InvalidCalendarError(
            f"{type(inst).__name__} must end after it starts, got start={inst.start.isoformat()} "
            f"and end={inst.end.isoformat()}"
        )


@attrs.frozen
class Closure:
    """A span during which the calendar is closed whatever its weekly hours say (a half day, an
    afternoon, a whole week).

    >>> import pendulum
    >>> c = Closure(pendulum.datetime(2026, 12, 23, 12, tz="Europe/Copenhagen"),
    ...             pendulum.datetime(2026, 12, 23, 16, tz="Europe/Copenhagen"), "staff party")
    >>> c.reason
    'staff party'
    """

    # pendulum pickles an instant without its fold; this keeps it (_checks)
    __reduce__ = _checks.reduce_keeping_folds

    start: _dt.datetime = attrs.field(validator=_checks.aware, eq=_checks.moment)
    """The first closed instant."""
    end: _dt.datetime = attrs.field(validator=_checks.aware, eq=_checks.moment)
    """The instant the closure ends (exclusive)."""
    reason: str = attrs.field(default="", validator=_checks.free_text)
    """Why the calendar is closed."""

    def __attrs_post_init__(self) -> None:
        _ordered(self)

    def as_us(self) -> tuple[int, int]:
        """The span as engine microseconds."""
        return _time.to_us(self.start), _time.to_us(self.end)


@attrs.frozen
class Opening:
    """A span during which the calendar is open whatever its weekly hours, holidays and closures
    say (a Saturday opening before a release).

    >>> import pendulum
    >>> o = Opening(pendulum.datetime(2026, 11, 28, 9, tz="Europe/Copenhagen"),
    ...             pendulum.datetime(2026, 11, 28, 13, tz="Europe/Copenhagen"))
    >>> o.end.hour
    13
    """

    # pendulum pickles an instant without its fold; this keeps it (_checks)
    __reduce__ = _checks.reduce_keeping_folds

    start: _dt.datetime = attrs.field(validator=_checks.aware, eq=_checks.moment)
    """The first open instant."""
    end: _dt.datetime = attrs.field(validator=_checks.aware, eq=_checks.moment)
    """The instant the opening ends (exclusive)."""
    reason: str = attrs.field(default="", validator=_checks.free_text)
    """Why the calendar is open."""

    def __attrs_post_init__(self) -> None:
        _ordered(self)

    def as_us(self) -> tuple[int, int]:
        """The span as engine microseconds."""
        return _time.to_us(self.start), _time.to_us(self.end)
