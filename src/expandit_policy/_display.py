"""Deadlines as people say them: a deadline at local midnight is the end of the day before.

The engine reports the end of a day as the instant the next day begins (CPL-2's 14 calendar days
end at ``2026-04-08T00:00:00+02:00``); a desk says "Tuesday 24:00", or "by the end of Tuesday".
"""

from __future__ import annotations

import datetime as _dt
from typing import Literal, TypeAlias

import pendulum

from . import _time
from ._errors import InvalidValueError, WrongTypeError

__all__ = ["DueStyle", "format_due"]

#: How :func:`format_due` writes an instant: ``"time"`` ("Fri 24:00"), ``"date"`` ("Fri
#: 2026-03-20 24:00") or ``"offset"`` ("Fri 2026-03-20 24:00 +01:00").
DueStyle: TypeAlias = Literal["time", "date", "offset"]

_STYLES: tuple[DueStyle, ...] = ("time", "date", "offset")
#: Fixed English abbreviations: ``strftime("%a")`` would follow the machine's locale.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_ONE_DAY = _dt.timedelta(days=1)


def format_due(
    instant: _dt.datetime, *, timezone: str | None = None, style: DueStyle = "date"
) -> str:
    """A deadline as a desk reads it: local midnight is 24:00 of the day before, so a deadline
    that ends a day reads "Tue 2026-04-07 24:00" rather than "Wed 2026-04-08 00:00".

    Any other instant reads as its local time, "Mon 2026-03-09 09:30": to the minute, with
    seconds and microseconds only when it has them (never rounded, so a deadline at
    23:59:59.999999 does not become 24:00). ``instant`` must be aware; it is shown in its own
    zone, or in ``timezone`` (an IANA name, such as a calendar's ``timezone``). ``style``:

    * ``"date"`` (the default): weekday, date and time, "Tue 2026-04-07 24:00";
    * ``"time"``: weekday and time only, "Tue 24:00", for a feed that shows the coming week;
    * ``"offset"``: the date and the UTC offset, "Tue 2026-04-07 24:00 +02:00", which names one
      instant even in the hour that a change from summer time repeats.

    For machines, use ``instant.isoformat()``: many parsers refuse "24:00".

    >>> import pendulum
    >>> from expandit_policy import CalendarDays, format_due, presets
    >>> complaint = pendulum.datetime(2026, 3, 20, 10, tz="Europe/Copenhagen")
    >>> due = presets.denmark().add(complaint, CalendarDays(14))  # CPL-2
    >>> due.isoformat()
    '2026-04-08T00:00:00+02:00'
    >>> format_due(due)
    'Tue 2026-04-07 24:00'
    >>> format_due(due, style="time"), format_due(due, style="offset")
    ('Tue 24:00', 'Tue 2026-04-07 24:00 +02:00')
    >>> format_due(due, timezone="UTC")
    'Tue 2026-04-07 22:00'
    >>> format_due(pendulum.datetime(2026, 3, 9, 9, 30, 15, tz="Europe/Copenhagen"), style="time")
    'Mon 09:30:15'
    """
    us = _time.check_range(_time.to_us(instant, "instant"), "instant")
    if style not in _STYLES:
        raise (InvalidValueError if isinstance(style, str) else WrongTypeError)(
            f"style must be one of 'time', 'date' or 'offset', got {style!r}"
            + ("" if isinstance(style, str) else f" ({type(style).__name__})")
        )
    local = (_EPOCH + _time.us_timedelta(us)).astimezone(_display_zone(instant, timezone))
    day = local.date()
    if local.time() == _dt.time(0):
        day -= _ONE_DAY
        clock = "24:00"
    else:
        clock = f"{local.hour:02d}:{local.minute:02d}"
        if local.second or local.microsecond:
            clock += f":{local.second:02d}"
        if local.microsecond:
            clock += f".{local.microsecond:06d}"
    text = _WEEKDAYS[day.weekday()]
    if style != "time":
        text += " " + day.isoformat()
    text += " " + clock
    if style == "offset":
        offset = local.utcoffset()
        assert offset is not None  # to_us refused an instant without one
        text += " " + _offset(offset)
    return text


def _display_zone(instant: _dt.datetime, timezone: str | None) -> _dt.tzinfo:
    """The zone in which to show ``instant``: ``timezone`` when given, else its own."""
    if timezone is not None:
        return _time.stdlib_zone(_time.zone(timezone).key)
    tz = instant.tzinfo
    assert tz is not None  # to_us refused a naive instant
    if type(tz) is pendulum.Timezone:  # the same rules as the stdlib zone of that name
        return _time.stdlib_zone(tz.key)
    return tz


def _offset(offset: _dt.timedelta) -> str:
    """A UTC offset as "+01:00"; seconds when it has them, as local mean time did (and
    microseconds, which a hand-made ``tzinfo`` may have)."""
    sign = "-" if offset < _dt.timedelta(0) else "+"
    seconds, micro = divmod(abs(offset) // _dt.timedelta(microseconds=1), 1_000_000)
    text = f"{sign}{seconds // 3600:02d}:{seconds // 60 % 60:02d}"
    if seconds % 60 or micro:
        text += f":{seconds % 60:02d}"
    if micro:
        text += f".{micro:06d}"
    return text
