"""The boundary with pendulum and aware stdlib datetimes.

Inside the engine an instant is an ``int``: microseconds since 1970-01-01T00:00Z. That keeps the
arithmetic exact and fast; this module converts at the edges and is the only place that knows how.
"""

from __future__ import annotations

import datetime as _dt
import zoneinfo
from functools import cache

import pendulum

from ._errors import (
    NaiveDatetimeError,
    SpanOutOfRangeError,
    UnknownTimezoneError,
    WrongTypeError,
    shown,
)

US_PER_SECOND = 1_000_000
US_PER_HOUR = 3_600 * US_PER_SECOND
US_PER_DAY = 86_400 * US_PER_SECOND
_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
_ONE_US = _dt.timedelta(microseconds=1)

#: Instants the engine accepts: from 0002-01-02 to 9998-12-30 UTC. The engine compiles the local
#: years 2 to 9998 (``_engine.MIN_YEAR``, ``MAX_YEAR``), keeping a year either side so that a
#: local time in any zone stays representable by ``datetime``; the day to spare keeps every
#: accepted instant inside a compiled local year, so nothing outside them is taken for closed.
MIN_US = (_dt.date(2, 1, 2).toordinal() - _EPOCH_ORDINAL) * US_PER_DAY
MAX_US = (_dt.date(9998, 12, 30).toordinal() - _EPOCH_ORDINAL) * US_PER_DAY


def zone(name: str) -> pendulum.Timezone:
    """The pendulum zone called ``name``; a typed error if the IANA database does not know it."""
    if not isinstance(name, str):  # before the cache, which would fail on an unhashable name
        raise WrongTypeError(
            f"timezone must be an IANA zone name (str) such as 'Europe/Copenhagen', "
            f"got {shown(name)} ({type(name).__name__})"
        )
    return _zone(name)


@cache
def _zone(name: str) -> pendulum.Timezone:
    try:
        tz = pendulum.timezone(name)
    except Exception as exc:  # pendulum raises several kinds for unknown or malformed names
        raise UnknownTimezoneError(
            f"timezone must be an IANA zone name such as 'Europe/Copenhagen', got {shown(name)}"
        ) from exc
    if not isinstance(tz, pendulum.Timezone):  # a fixed offset such as "+01:00"
        raise UnknownTimezoneError(
            f"timezone must be an IANA zone name such as 'Europe/Copenhagen', got {shown(name)}"
        )
    return tz


@cache
def stdlib_zone(name: str) -> zoneinfo.ZoneInfo:
    """The stdlib ``ZoneInfo`` for ``name``: same rules as pendulum's, several times faster."""
    return zoneinfo.ZoneInfo(name)


_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_STDLIB_ZONES: dict[str, zoneinfo.ZoneInfo] = {}


def to_us(t: object, field: str = "t") -> int:
    """Microseconds since the epoch for an aware datetime; refuse naive values and non-datetimes."""
    if type(t) is _dt.datetime and t.tzinfo is not None:  # the common stdlib case, all in C
        try:
            return (t - _EPOCH) // _ONE_US
        except TypeError:  # a tzinfo whose utcoffset() is None: naive after all
            pass
    if not isinstance(t, _dt.datetime):
        raise WrongTypeError(
            f"{field} must be an aware datetime, got {shown(t)} ({type(t).__name__}); "
            f"e.g. pendulum.datetime(2026, 3, 2, 9, tz='Europe/Copenhagen')"
        )
    tz = t.tzinfo
    if type(tz) is pendulum.Timezone:
        # pendulum's zone answers utcoffset() in Python; the stdlib zone of the same name gives
        # the same answer from C, reading only the wall time and fold of ``t``.
        std = _STDLIB_ZONES.get(tz.key) or _STDLIB_ZONES.setdefault(tz.key, stdlib_zone(tz.key))
        off = std.utcoffset(t)
    else:
        off = t.utcoffset()
    if off is None:
        raise NaiveDatetimeError(
            f"{field} must be an aware datetime (with tzinfo), got naive {shown(t)}; attach a zone, "
            f"e.g. pendulum.datetime(..., tz='Europe/Copenhagen')"
        )
    return (
        (t.toordinal() - _EPOCH_ORDINAL) * US_PER_DAY
        + (t.hour * 3_600 + t.minute * 60 + t.second) * US_PER_SECOND
        + t.microsecond
        - off // _ONE_US
    )


def local_us(day_ordinal: int, seconds: int, tz: zoneinfo.ZoneInfo) -> int:
    """The first instant at which the local clock in ``tz`` reads ``seconds`` after midnight of
    ``day_ordinal``, or later.

    ``seconds`` may be 86 400 (24:00, the next midnight). A wall time that occurs twice (a DST
    fold) maps to its first occurrence; one that never occurs (a DST gap) maps to the end of the
    gap, the first instant whose local time is later.
    """
    day, seconds = divmod(seconds, 86_400)
    ordinal = day_ordinal + day
    d = _dt.date.fromordinal(ordinal)
    local = _dt.datetime(d.year, d.month, d.day, seconds // 3600, seconds // 60 % 60, seconds % 60)
    off0 = tz.utcoffset(local)
    off1 = tz.utcoffset(local.replace(fold=1))
    assert off0 is not None and off1 is not None  # a ZoneInfo always knows its offset
    wall_us = (ordinal - _EPOCH_ORDINAL) * US_PER_DAY + seconds * US_PER_SECOND
    if off0 >= off1:  # unambiguous, or a fold whose first occurrence has the larger offset
        return wall_us - off0 // _ONE_US
    # A gap: the answer is the transition, between the two readings; find it to the second.
    lo = (wall_us - off1 // _ONE_US) // US_PER_SECOND  # local time before the gap
    hi = (wall_us - off0 // _ONE_US) // US_PER_SECOND  # local time after the gap
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _dt.datetime.fromtimestamp(mid, tz).replace(tzinfo=None) >= local:
            hi = mid
        else:
            lo = mid
    return hi * US_PER_SECOND


def local_ordinal(us: int, tz: zoneinfo.ZoneInfo) -> int:
    """The ordinal of the local date on which instant ``us`` falls in ``tz``."""
    secs = us // US_PER_SECOND
    return _dt.datetime.fromtimestamp(secs, tz).toordinal()


def from_us(us: int, tz: pendulum.Timezone) -> pendulum.DateTime:
    """The instant ``us`` as a pendulum DateTime in zone ``tz``."""
    if not MIN_US <= us <= MAX_US:
        raise SpanOutOfRangeError(
            f"the result lies outside the years 2 to 9998 ({us} µs from the epoch); "
            f"use a smaller duration or an instant nearer the present"
        )
    secs, frac = divmod(us, US_PER_SECOND)
    x = _dt.datetime.fromtimestamp(secs, stdlib_zone(tz.key))
    return pendulum.DateTime(
        x.year, x.month, x.day, x.hour, x.minute, x.second, frac, tzinfo=tz, fold=x.fold
    )


def check_range(us: int, field: str) -> int:
    """``us`` itself when the engine can work around it; a typed error otherwise."""
    if not MIN_US <= us <= MAX_US:
        raise SpanOutOfRangeError(
            f"{field} must lie between the years 2 and 9998 with a day to spare, got an instant "
            f"{us} µs from the epoch"
        )
    return us


def timedelta_us(d: _dt.timedelta) -> int:
    """A timedelta as whole microseconds (exact)."""
    return d // _ONE_US


def us_timedelta(us: int) -> _dt.timedelta:
    """Whole microseconds as a timedelta (exact)."""
    return _dt.timedelta(microseconds=us)


def utc_year(us: int) -> int:
    """The UTC year of instant ``us``."""
    return _dt.date.fromordinal(us // US_PER_DAY + _EPOCH_ORDINAL).year
