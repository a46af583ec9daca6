"""Strategies for time zones and aware instants, with DST gaps and folds as an explicit choice."""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .. import _time
from .._errors import PolicyError
from ._base import (
    DEFAULT_MAX_INSTANT,
    DEFAULT_MIN_INSTANT,
    check_flag,
    check_strategy,
    drawn_zone,
    instant_range,
)

__all__ = ["ZONES", "instants", "timezones", "transitions"]

#: The zones drawn by default, simplest first: UTC, the Danish desk, then zones whose rules make
#: business time hard (DST at midnight, half-hour and 45-minute offsets, a two-hour DST change,
#: a zone that skipped a whole day).
ZONES: tuple[str, ...] = (
    "UTC",
    "Europe/Copenhagen",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/St_Johns",  # -03:30 with DST
    "America/Santiago",  # DST changes at midnight: some days start at 01:00
    "America/Sao_Paulo",  # had DST until 2019, none since
    "Australia/Lord_Howe",  # a half-hour DST change
    "Asia/Kolkata",  # +05:30, no DST
    "Asia/Kathmandu",  # +05:45
    "Asia/Tokyo",
    "Pacific/Chatham",  # +12:45 / +13:45
    "Pacific/Kiritimati",  # +14:00
    "Pacific/Apia",  # skipped 30 December 2011
    "Africa/Casablanca",  # DST suspended every Ramadan
    "Antarctica/Troll",  # a two-hour DST change
)


def timezones(*, zones: Sequence[str] | None = None) -> st.SearchStrategy[str]:
    """IANA zone names the library accepts, shrinking towards ``"UTC"`` (or the first of ``zones``).

    By default a curated list (:data:`ZONES`) of zones whose rules make business time hard.

    >>> from hypothesis import find
    >>> find(timezones(), lambda zone: True)
    'UTC'
    >>> find(timezones(zones=["Europe/Copenhagen", "Asia/Kolkata"]), lambda z: "Asia" in z)
    'Asia/Kolkata'
    """
    names = ZONES if zones is None else tuple(zones)
    if not names or isinstance(zones, str):
        raise InvalidArgument(f"zones must be a non-empty sequence of IANA names, got {zones!r}")
    for name in names:
        try:
            _time.zone(name)
        except PolicyError as exc:
            raise InvalidArgument(f"zones: {exc}") from None
    return st.sampled_from(names)


_any_zone = timezones  # ``instants`` has an argument of the same name
_DAY_US = _time.US_PER_DAY
_SECOND = _time.US_PER_SECOND


@functools.cache
def transitions(zone: str, lo_us: int, hi_us: int) -> tuple[tuple[int, int, int], ...]:
    """The offset changes of ``zone`` strictly inside ``[lo_us, hi_us]``: (instant in µs, offset
    before and after in seconds), found by a daily scan and a bisection to the second."""
    tz = _time.stdlib_zone(zone)

    def offset(us: int) -> int:
        off = _dt.datetime.fromtimestamp(us // _SECOND, tz).utcoffset()
        assert off is not None
        return int(off.total_seconds())

    found: list[tuple[int, int, int]] = []
    # A day's step finds every change, since no zone changes its offset twice within a day.
    here, here_off = lo_us, offset(lo_us)
    while here < hi_us:
        there = min(here + _DAY_US, hi_us)
        there_off = offset(there)
        if there_off != here_off:
            a, b = here // _SECOND, there // _SECOND
            while b - a > 1:
                mid = (a + b) // 2
                if offset(mid * _SECOND) == here_off:
                    a = mid
                else:
                    b = mid
            found.append((b * _SECOND, here_off, there_off))
        here, here_off = there, there_off
    return tuple(found)


def _unambiguous(us: int, zone: str, lo: int, hi: int) -> int:
    """``us`` itself when its local wall time in ``zone`` occurs once; otherwise the nearest
    instant past the fold (or before it, at the end of the range) whose wall time does."""
    tz = _time.stdlib_zone(zone)
    for direction in (1, -1):
        here = us
        for _ in range(4):
            wall = _dt.datetime.fromtimestamp(here // _SECOND, tz).replace(tzinfo=None, fold=0)
            first, second = tz.utcoffset(wall), tz.utcoffset(wall.replace(fold=1))
            if first == second:
                return here
            assert first is not None and second is not None
            # Stepping by the size of the fold leaves it within two steps.
            here += direction * _time.timedelta_us(first - second)
            if not lo <= here <= hi:
                break
    return us  # a range that lies wholly inside one fold: nothing unambiguous to move to


@st.composite
def _instants(
    draw: st.DrawFn,
    zones: st.SearchStrategy[str],
    lo: int,
    hi: int,
    gaps_and_folds: bool,
) -> _dt.datetime:
    zone = drawn_zone(draw(zones))
    if gaps_and_folds:
        changes = transitions(zone, lo + _DAY_US, hi - _DAY_US) if hi - lo > 2 * _DAY_US else ()
        at_a_change: bool = bool(changes) and draw(st.booleans())
        if at_a_change:
            return draw(_wall_times_at_a_change(zone, changes))
    seconds = draw(st.integers(lo // _SECOND, hi // _SECOND))
    micro = draw(st.integers(0, _SECOND - 1))
    us = min(max(seconds * _SECOND + micro, lo), hi)
    if not gaps_and_folds:
        us = _unambiguous(us, zone, lo, hi)
    return _time.from_us(us, _time.zone(zone))


@st.composite
def _wall_times_at_a_change(
    draw: st.DrawFn, zone: str, changes: tuple[tuple[int, int, int], ...]
) -> _dt.datetime:
    """A local wall time inside the gap (spring forward) or the fold (fall back) of one of the
    zone's offset changes, with either fold, as a stdlib datetime: pendulum would normalise it."""
    at, before, after = draw(st.sampled_from(changes))
    # The wall times in [start, start + width) are skipped (a gap: the clock jumps from the
    # offset before to the larger one after) or occur twice (a fold: it falls back).
    start = _dt.datetime(1970, 1, 1) + _dt.timedelta(microseconds=at + min(before, after) * _SECOND)
    width = abs(after - before)
    wall = start + _dt.timedelta(seconds=draw(st.integers(0, width - 1)))
    fold = draw(st.integers(0, 1))
    return wall.replace(tzinfo=_time.stdlib_zone(zone), fold=fold)


def instants(
    *,
    timezones: st.SearchStrategy[str] | None = None,
    min_value: _dt.datetime = DEFAULT_MIN_INSTANT,
    max_value: _dt.datetime = DEFAULT_MAX_INSTANT,
    gaps_and_folds: bool = False,
) -> st.SearchStrategy[_dt.datetime]:
    """Aware instants between ``min_value`` and ``max_value`` (inclusive), each in a zone drawn
    from ``timezones``, shrinking towards ``min_value`` in UTC (2020-01-01 by default).

    With ``gaps_and_folds=False`` (the default) every value is a ``pendulum.DateTime`` whose local
    wall time occurs exactly once. With ``gaps_and_folds=True`` about half the values are local
    wall times that a DST change skips (a gap: the time never happens) or repeats (a fold), with
    ``fold`` 0 or 1, given as stdlib datetimes with a ``zoneinfo.ZoneInfo``; the rest are any
    instant of the range, folds included.

    >>> import datetime
    >>> from hypothesis import find
    >>> find(instants(), lambda t: True).isoformat()
    '2020-01-01T00:00:00+00:00'
    >>> edge = find(instants(timezones=timezones(zones=["Europe/Copenhagen"]),
    ...                      gaps_and_folds=True), lambda t: type(t) is datetime.datetime)
    >>> edge.tzinfo, edge.fold
    (zoneinfo.ZoneInfo(key='Europe/Copenhagen'), 0)
    """
    zones = _any_zone() if timezones is None else timezones
    check_strategy(zones, "timezones")
    lo, hi = instant_range(min_value, max_value)
    return _instants(zones, lo, hi, check_flag(gaps_and_folds, "gaps_and_folds"))
