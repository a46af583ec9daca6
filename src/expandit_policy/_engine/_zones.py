"""The conversion layer: one local year of a time zone, read as a table of UTC offsets.

Converting between instants (µs since the epoch) and local wall time with ``zoneinfo`` costs a
microsecond or more per call and needs care at DST folds and gaps. A zone's offsets change only a
few times a year, so a :class:`ZoneYear` finds those changes once (to the second) and answers
most conversions with one bisection; anything near a change goes the careful way, through
``_time``.

The table of a year reaches ``2 * MARGIN`` past both ends of the year, so an instant or a wall
time near New Year converts from the table like any other.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import zoneinfo
from bisect import bisect_right
from dataclasses import dataclass

import pendulum

from .. import _time

__all__ = ["EPOCH_ORDINAL", "MARGIN", "MAX_YEAR", "MIN_YEAR", "ZoneYear", "year_of", "zone_year"]

#: The local years a calendar covers. A local time in any zone must stay representable by
#: ``datetime`` a few days either side, hence a year to spare at both ends.
MIN_YEAR = 2
MAX_YEAR = 9998

#: Conversions take the table's fast path only when no offset change lies within this margin,
#: so folds and gaps always go the careful way.
MARGIN = 2 * _time.US_PER_DAY
#: Offsets are sampled this far apart and every change found to the second between samples;
#: no zone changes its offset and back within half a day.
_SAMPLE = 12 * _time.US_PER_HOUR
_ONE_US = datetime.timedelta(microseconds=1)
EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()
_DAY = _time.US_PER_DAY
_SECOND = _time.US_PER_SECOND
_fromordinal = datetime.date.fromordinal
_new = datetime.datetime.__new__
_PDateTime = pendulum.DateTime


@dataclass(frozen=True, slots=True, eq=False)
class ZoneYear:
    """Local year ``year`` of a zone: its bounds and the UTC offsets in force around it.

    ``lo`` and ``hi`` are the instants of local midnight on 1 January of ``year`` and of the year
    after. ``tr_us``/``tr_off`` list every offset change in ``[lo - 2 * MARGIN, hi + 2 * MARGIN)``
    and the offset from it on; ``off0`` is the offset before the first. ``wall_lo``/``wall_hi``/
    ``wall_off`` read the same table from the local side: stretches of local wall time (µs on the
    local time line) at least ``MARGIN`` from every change and from the table's ends, and the
    offset in each. A wall time inside one occurs exactly once, at ``wall - offset``.
    """

    year: int
    lo: int
    hi: int
    off0: int
    tr_us: tuple[int, ...]
    tr_off: tuple[int, ...]
    wall_lo: tuple[int, ...]
    wall_hi: tuple[int, ...]
    wall_off: tuple[int, ...]
    tz: zoneinfo.ZoneInfo

    def offset(self, us: int) -> int:
        """The UTC offset (µs) at instant ``us`` (inside the table's reach)."""
        i = bisect_right(self.tr_us, us) - 1
        return self.tr_off[i] if i >= 0 else self.off0

    def fast_wall(self, wall: int) -> int | None:
        """The instant of local wall time ``wall`` (µs on the local time line), or None when an
        offset change or the table's end is near enough to need the careful conversion."""
        j = bisect_right(self.wall_lo, wall) - 1
        if j < 0 or wall >= self.wall_hi[j]:
            return None
        return wall - self.wall_off[j]

    def wall_us(self, day: int, seconds: int) -> int:
        """The first instant at which the local clock reads ``seconds`` after midnight of local
        date ``day`` (an ordinal), or later (see ``_time.local_us``)."""
        w = (day - EPOCH_ORDINAL) * _DAY + seconds * _SECOND
        j = bisect_right(self.wall_lo, w) - 1
        if j >= 0 and w < self.wall_hi[j]:
            return w - self.wall_off[j]
        return _time.local_us(day, seconds, self.tz)

    def local_parts(self, us: int) -> tuple[int, int, int]:
        """Local date ordinal, seconds after midnight and microseconds of instant ``us``."""
        day, rest = divmod(us + self.offset(us), _DAY)
        seconds, micro = divmod(rest, _SECOND)
        return day + EPOCH_ORDINAL, seconds, micro

    def to_datetime(self, us: int, zone: pendulum.Timezone) -> pendulum.DateTime:
        """Instant ``us`` as a pendulum DateTime in ``zone`` (this table's zone)."""
        tr = self.tr_us
        j = bisect_right(tr, us)
        # After a backward change the repeated wall times need fold=1: within a day after a
        # change, and outside the table's reach, the careful conversion decides.
        if (not j or us - tr[j - 1] >= _DAY) and self.lo - MARGIN <= us < self.hi + MARGIN:
            day, rest = divmod(us + (self.tr_off[j - 1] if j else self.off0), _DAY)
            d = _fromordinal(day + EPOCH_ORDINAL)
            seconds, micro = divmod(rest, _SECOND)
            minutes, second = divmod(seconds, 60)
            hour, minute = divmod(minutes, 60)
            # datetime.__new__ gives what the class call gives (DateTime adds no __init__),
            # without its keyword handling.
            return _new(_PDateTime, d.year, d.month, d.day, hour, minute, second, micro, zone)
        return _time.from_us(us, zone)


def _slow_offset(tz: zoneinfo.ZoneInfo, us: int) -> int:
    off = datetime.datetime.fromtimestamp(us // _SECOND, tz).utcoffset()
    assert off is not None
    return off // _ONE_US


#: From this year on every zone's offsets follow its yearly rule (the POSIX TZ string of its
#: tz database entry: "the last Sunday of March at 01:00 UTC", ...), and before ``_LMT_YEAR``
#: every zone keeps one offset (its local mean time). In both stretches a year's offset changes
#: depend only on its calendar: the weekday of 1 January and whether it is a leap year.
_RULE_YEAR = 2200
_LMT_YEAR = 1700
_LMT_BASE = 1200


@functools.cache
def _calendar_twin(year: int) -> int:
    """The first year of ``year``'s stretch (see ``_RULE_YEAR``) with the same calendar, or
    ``year`` itself outside both stretches."""
    if _LMT_YEAR <= year < _RULE_YEAR:
        return year
    base = _RULE_YEAR if year >= _RULE_YEAR else _LMT_BASE
    pattern = (datetime.date(year, 1, 1).weekday(), calendar.isleap(year))
    for twin in range(base, base + 400):  # the Gregorian calendar repeats every 400 years
        if (datetime.date(twin, 1, 1).weekday(), calendar.isleap(twin)) == pattern:
            return twin
    return year  # not reached


# A zone's local years and offset changes depend on the zone and the year only, and finding the
# changes to the second is most of the cost of compiling a year: every calendar in the zone (a
# desk, each person's availability, each generated test calendar) shares them. The values are
# immutable, so sharing them keeps calendars independent; the cache is bounded.
@functools.lru_cache(maxsize=4096)
def zone_year(tz: zoneinfo.ZoneInfo, year: int) -> ZoneYear:
    """Local year ``year`` in ``tz`` with its offset table (see :class:`ZoneYear`).

    Far from the present a year's table is its calendar twin's, moved by the days between
    them: the same offsets on the same weekdays and dates.
    """
    twin = _calendar_twin(year)
    if twin != year:
        z = zone_year(tz, twin)
        d = (datetime.date(year, 1, 1).toordinal() - datetime.date(twin, 1, 1).toordinal()) * _DAY
        return ZoneYear(
            year,
            z.lo + d,
            z.hi + d,
            z.off0,
            tuple(u + d for u in z.tr_us),
            z.tr_off,
            tuple(w + d for w in z.wall_lo),
            tuple(w + d for w in z.wall_hi),
            z.wall_off,
            tz,
        )
    return _scanned(tz, year)


def _scanned(tz: zoneinfo.ZoneInfo, year: int) -> ZoneYear:
    """``zone_year`` found by sampling the zone's offsets through the year."""
    lo = _time.local_us(datetime.date(year, 1, 1).toordinal(), 0, tz)
    hi = _time.local_us(datetime.date(year + 1, 1, 1).toordinal(), 0, tz)
    scan_lo, scan_hi = lo - 2 * MARGIN, hi + 2 * MARGIN
    off0 = prev_off = _slow_offset(tz, scan_lo)
    tr_us: list[int] = []
    tr_off: list[int] = []
    prev = scan_lo
    while prev < scan_hi - 1:
        u = min(prev + _SAMPLE, scan_hi - 1)
        off = _slow_offset(tz, u)
        if off != prev_off:
            a, b = prev // _SECOND, u // _SECOND
            while b - a > 1:
                mid = (a + b) // 2
                if _slow_offset(tz, mid * _SECOND) == prev_off:
                    a = mid
                else:
                    b = mid
            tr_us.append(b * _SECOND)
            tr_off.append(off)
        prev, prev_off = u, off
    wall_lo: list[int] = []
    wall_hi: list[int] = []
    wall_off: list[int] = []
    bounds = [scan_lo, *tr_us, scan_hi]
    for k, stretch_off in enumerate([off0, *tr_off]):
        # Neighbouring offsets differ by far less than 2 * MARGIN, so these wall stretches come
        # out sorted and disjoint.
        a, b = bounds[k] + MARGIN, bounds[k + 1] - MARGIN
        if a < b:
            wall_lo.append(a + stretch_off)
            wall_hi.append(b + stretch_off)
            wall_off.append(stretch_off)
    return ZoneYear(
        year,
        lo,
        hi,
        off0,
        tuple(tr_us),
        tuple(tr_off),
        tuple(wall_lo),
        tuple(wall_hi),
        tuple(wall_off),
        tz,
    )


def year_of(us: int, tz: zoneinfo.ZoneInfo) -> int:
    """The local year in ``tz`` in which instant ``us`` falls."""
    y = _fromordinal(us // _DAY + EPOCH_ORDINAL).year  # the UTC year: the local one or a neighbour
    if y == MIN_YEAR - 1 and us >= zone_year(tz, MIN_YEAR).lo:
        return MIN_YEAR  # the first local year starts in UTC's year before (zones east of UTC)
    if y == MAX_YEAR + 1 and us < zone_year(tz, MAX_YEAR).hi:
        return MAX_YEAR  # the last local year ends in UTC's year after (zones west of UTC)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return y  # outside the years a calendar covers; the caller refuses it
    zy = zone_year(tz, y)
    if us < zy.lo:
        return y - 1
    if us >= zy.hi:
        return y + 1
    return y
