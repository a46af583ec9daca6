"""The compiled timeline behind every business calendar (private).

A calendar's open time is compiled, one local year at a time, into sorted, disjoint, non-touching
intervals of integer microseconds since the epoch, with a prefix sum of their lengths. With those
arrays, every query is one or two bisections, whatever the span:

* the *position* of an instant is the business time from the start of the compiled range to it;
* ``add`` moves a position forward and maps it back to an instant;
* ``between`` is the difference of two positions.

Years are compiled lazily as queries reach them. A compiled state is replaced whole, never changed in
place, so a reader that holds one sees a consistent snapshot.
"""

from __future__ import annotations

import datetime
import functools
import threading
import zoneinfo
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple

import pendulum

from . import _time

_ONE_US = datetime.timedelta(microseconds=1)
_fromordinal = datetime.date.fromordinal
_datetime = datetime.datetime
_new = datetime.datetime.__new__
_PDateTime = pendulum.DateTime
_DAY = _time.US_PER_DAY
_SECOND = _time.US_PER_SECOND

Interval = tuple[int, int]
Wall = Callable[[int, int], int]
Source = Callable[[int, int, int, Wall], list[Interval]]

#: Years searched without finding open time before the calendar is declared closed for good.
NEVER_OPEN_YEARS = 10
MIN_YEAR = 2
MAX_YEAR = 9998


class NeverOpensError(Exception):
    """Raised inside the engine when no open time exists within the search horizon."""

    def __init__(self, direction: str, year: int) -> None:
        super().__init__(direction, year)
        self.direction = direction
        self.year = year


class OutOfRangeError(Exception):
    """Raised inside the engine when a result would lie outside the representable years."""

    def __init__(self, yearly_us: int) -> None:
        super().__init__(yearly_us)
        self.yearly_us = yearly_us


class _Chunk(NamedTuple):
    """One compiled local year, or an older state seen as one piece."""

    lo: int
    hi: int
    spans: list[Interval]
    days: list[int]
    closes: list[int]
    off0: int
    tr_us: list[int]
    tr_off: list[int]


class _State(NamedTuple):
    first_year: int
    last_year: int
    lo: int  # start of the compiled range (local midnight, 1 January of first_year)
    hi: int  # end of the compiled range (local midnight, 1 January of last_year + 1)
    starts: list[int]
    ends: list[int]
    cum: list[int]  # cum[k]: open time before starts[k]; cum[-1]: all open time in the range
    days: list[int]  # ordinals of local dates with open time, ascending
    closes: list[int]  # closes[k]: end of the open time of days[k] (clipped to its midnight)
    off0: int  # the zone's UTC offset (µs) at lo
    tr_us: list[int]  # the instants in [lo, hi) at which the offset changes ...
    tr_off: list[int]  # ... and the offset from each of them on
    # The same table read from the local side: stretches of local wall time (µs on the local time
    # line) at least _MARGIN from every offset change and from the range's ends, and the offset in
    # each. A wall time inside one occurs exactly once, at wall - offset, so converting it needs
    # no fold or gap handling: one bisection instead of zoneinfo.
    wall_lo: list[int]
    wall_hi: list[int]
    wall_off: list[int]


#: Conversions between local wall time and instants take the table-driven fast path only when
#: no offset change lies within this margin, so folds and gaps always go the careful way.
_MARGIN = 2 * _time.US_PER_DAY
_SAMPLE = 6 * _time.US_PER_HOUR
_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()


def _offset(us: int, off0: int, tr_us: list[int], tr_off: list[int]) -> int:
    i = bisect_right(tr_us, us) - 1
    return tr_off[i] if i >= 0 else off0


def _fast_wall(
    wall: int, lo: int, hi: int, off0: int, tr_us: list[int], tr_off: list[int]
) -> int | None:
    """The instant of local wall time ``wall`` (µs on the local time line), or None when an
    offset change is near enough to need the careful conversion."""
    u = wall - _offset(wall - _offset(wall, off0, tr_us, tr_off), off0, tr_us, tr_off)
    if u < lo + _MARGIN or u >= hi - _MARGIN:
        return None
    j = bisect_right(tr_us, u)
    if (j and u - tr_us[j - 1] < _MARGIN) or (j < len(tr_us) and tr_us[j] - u < _MARGIN):
        return None
    return u


def _slow_offset(tz: zoneinfo.ZoneInfo, us: int) -> int:
    off = datetime.datetime.fromtimestamp(us // _time.US_PER_SECOND, tz).utcoffset()
    assert off is not None
    return off // _ONE_US


# A zone's local years and offset changes depend on the zone and the year only, and finding the
# changes to the second is most of the cost of compiling a year: every calendar in the zone (a
# desk, each person's availability, each generated test calendar) shares them. The values are
# immutable tuples, so sharing them keeps calendars independent.
@functools.lru_cache(maxsize=4096)
def _zone_year(
    tz: zoneinfo.ZoneInfo, year: int
) -> tuple[int, int, int, tuple[int, ...], tuple[int, ...]]:
    """Local year ``year`` in ``tz`` as ``[lo, hi)`` in µs, the offset at ``lo`` and every change
    of it in the year (instant, new offset), found to the second."""
    lo = _time.local_us(_ordinal(year), 0, tz)
    hi = _time.local_us(_ordinal(year + 1), 0, tz)
    off0 = prev_off = _slow_offset(tz, lo)
    tr_us: list[int] = []
    tr_off: list[int] = []
    prev = lo
    while prev < hi - 1:
        u = min(prev + _SAMPLE, hi - 1)
        off = _slow_offset(tz, u)
        if off != prev_off:
            a, b = prev // _time.US_PER_SECOND, u // _time.US_PER_SECOND
            while b - a > 1:
                mid = (a + b) // 2
                if _slow_offset(tz, mid * _time.US_PER_SECOND) == prev_off:
                    a = mid
                else:
                    b = mid
            tr_us.append(b * _time.US_PER_SECOND)
            tr_off.append(off)
        prev, prev_off = u, off
    return lo, hi, off0, tuple(tr_us), tuple(tr_off)


def merge(intervals: Sequence[Interval]) -> list[Interval]:
    """Sorted, disjoint, non-touching intervals covering the same time; empty ones dropped."""
    out: list[Interval] = []
    for s, e in sorted(i for i in intervals if i[1] > i[0]):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def intersect(a: Sequence[Interval], b: Sequence[Interval]) -> list[Interval]:
    """The intersection of two normalised interval lists."""
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        s = max(a[i][0], b[j][0])
        e = min(a[i][1], b[j][1])
        if s < e:
            out.append((s, e))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def subtract(a: Sequence[Interval], b: Sequence[Interval]) -> list[Interval]:
    """``a`` without ``b`` (both normalised)."""
    out: list[Interval] = []
    j = 0
    for s, e in a:
        while j < len(b) and b[j][1] <= s:
            j += 1
        k = j
        cur = s
        while k < len(b) and b[k][0] < e:
            if b[k][0] > cur:
                out.append((cur, b[k][0]))
            cur = max(cur, b[k][1])
            k += 1
        if cur < e:
            out.append((cur, e))
    return out


def clip(a: Sequence[Interval], lo: int, hi: int) -> list[Interval]:
    """The parts of ``a`` inside ``[lo, hi)``."""
    out: list[Interval] = []
    for s, e in a:
        s2, e2 = max(s, lo), min(e, hi)
        if s2 < e2:
            out.append((s2, e2))
    return out


class Timeline:
    """Open time of one calendar, compiled lazily by local year in ``tz``.

    ``source(year, lo, hi, wall)`` returns the open intervals inside ``[lo, hi)``, the bounds of
    that local year, sorted and disjoint; ``wall(day_ordinal, seconds)`` converts a local wall
    time of that year to an instant, quickly.
    """

    __slots__ = ("_lock", "_source", "_state", "tz")

    def __init__(self, tz: zoneinfo.ZoneInfo, source: Source):
        self.tz = tz
        self._source = source
        self._lock = threading.Lock()
        self._state: _State | None = None

    # -- compilation -------------------------------------------------------------------------

    def _year_bounds(self, year: int) -> tuple[int, int]:
        lo, hi, *_ = _zone_year(self.tz, year)
        return lo, hi

    def _compile(self, year: int) -> _Chunk:
        tz = self.tz
        lo, hi, off0, tr_us_cached, tr_off_cached = _zone_year(tz, year)
        tr_us, tr_off = list(tr_us_cached), list(tr_off_cached)

        def wall(day: int, seconds: int) -> int:
            w = (day - _EPOCH_ORDINAL) * _time.US_PER_DAY + seconds * _time.US_PER_SECOND
            fast = _fast_wall(w, lo, hi, off0, tr_us, tr_off)
            return _time.local_us(day, seconds, tz) if fast is None else fast

        spans = merge(self._source(year, lo, hi, wall))
        days: list[int] = []
        closes: list[int] = []
        for s, e in spans:
            local = s + _offset(s, off0, tr_us, tr_off)
            d = local // _time.US_PER_DAY + _EPOCH_ORDINAL
            while True:
                midnight = wall(d + 1, 0)
                if days and days[-1] == d:
                    closes[-1] = min(e, midnight)
                else:
                    days.append(d)
                    closes.append(min(e, midnight))
                if e <= midnight:
                    break
                d += 1
        return _Chunk(lo, hi, spans, days, closes, off0, tr_us, tr_off)

    def _extend(self, first_year: int, last_year: int) -> _State:
        """Make sure the years ``first_year..last_year`` are compiled; return the new state."""
        with self._lock:
            old = self._state
            if old is not None:
                if old.first_year <= first_year and last_year <= old.last_year:
                    return old
                first_year = min(first_year, old.first_year)
                last_year = max(last_year, old.last_year)
            if first_year < MIN_YEAR or last_year > MAX_YEAR:
                raise OutOfRangeError(0)
            chunks: list[_Chunk] = []
            for year in range(first_year, last_year + 1):
                if old is None or not old.first_year <= year <= old.last_year:
                    chunks.append(self._compile(year))
                elif year == old.first_year:
                    chunks.append(
                        _Chunk(
                            old.lo,
                            old.hi,
                            list(zip(old.starts, old.ends, strict=True)),
                            old.days,
                            old.closes,
                            old.off0,
                            old.tr_us,
                            old.tr_off,
                        )
                    )
            state = _assemble(first_year, last_year, chunks, old)
            self._state = state
            return state

    def covering(self, us: int) -> _State:
        """A compiled state whose range contains ``us`` with a margin of a year either side."""
        st = self._state
        if st is not None and st.lo < us < st.hi:
            return st
        year = _year_of(us, self.tz)
        return self._extend(max(MIN_YEAR, year - 1), min(MAX_YEAR, year + 1))

    def _open_after(self, st: _State, index: int) -> _State:
        """A state in which interval ``index`` exists (extend forward until it does)."""
        empty_years = 0
        while index >= len(st.starts):
            before = len(st.starts)
            if st.last_year >= MAX_YEAR:  # the edge of the years, not a closed calendar
                raise OutOfRangeError(0)
            st = self._extend(st.first_year, st.last_year + 1)
            empty_years = empty_years + 1 if len(st.starts) == before else 0
            if empty_years >= NEVER_OPEN_YEARS:
                raise NeverOpensError("after", st.last_year)
        return st

    def _open_before(self, st: _State, index: int) -> tuple[_State, int]:
        """A state in which interval ``index`` (negative means before the first) exists."""
        empty_years = 0
        while index < 0:
            before = len(st.starts)
            if st.first_year <= MIN_YEAR:
                raise OutOfRangeError(0)
            st = self._extend(st.first_year - 1, st.last_year)
            added = len(st.starts) - before
            index += added
            empty_years = empty_years + 1 if added == 0 else 0
            if empty_years >= NEVER_OPEN_YEARS and index < 0:
                raise NeverOpensError("before", st.first_year)
        return st, index

    def _reach(self, st: _State, target: int) -> _State:
        """A state whose total open time reaches position ``target`` (extend forward)."""
        empty_years = 0
        while st.cum[-1] < target:
            missing = target - st.cum[-1]
            last_lo = self._year_bounds(st.last_year)[0]
            k0 = bisect_left(st.starts, last_lo)
            yearly = st.cum[-1] - st.cum[k0]
            if yearly > 0:
                empty_years = 0
                years = -(-missing // yearly)
                if st.last_year + years > MAX_YEAR:
                    raise OutOfRangeError(yearly)
                step = min(years, 50)
            else:
                empty_years += 1
                if empty_years >= NEVER_OPEN_YEARS:
                    raise NeverOpensError("after", st.last_year)
                if st.last_year >= MAX_YEAR:
                    raise OutOfRangeError(0)
                step = 1
            st = self._extend(st.first_year, min(MAX_YEAR, st.last_year + step))
        return st

    def _reach_back(self, st: _State, target: int) -> _State:
        """A state whose compiled range reaches back to position ``target``."""
        empty_years = 0
        while target < st.cum[0]:
            first_hi = self._year_bounds(st.first_year)[1]
            yearly = st.cum[bisect_left(st.starts, first_hi)] - st.cum[0]
            if yearly > 0:
                empty_years = 0
                years = -(-(st.cum[0] - target) // yearly)
                if st.first_year - years < MIN_YEAR:
                    raise OutOfRangeError(yearly)
                step = min(years, 50)
            else:
                empty_years += 1
                if empty_years >= NEVER_OPEN_YEARS:
                    raise NeverOpensError("before", st.first_year)
                if st.first_year <= MIN_YEAR:
                    raise OutOfRangeError(0)
                step = 1
            st = self._extend(max(MIN_YEAR, st.first_year - step), st.last_year)
        return st

    # -- queries -----------------------------------------------------------------------------

    def position(self, st: _State, us: int) -> int:
        """Open time in the compiled range before ``us`` (``us`` must be inside the range)."""
        i = bisect_right(st.starts, us) - 1
        if i < 0:
            return st.cum[0]
        return st.cum[i] + min(us - st.starts[i], st.ends[i] - st.starts[i])

    def is_open(self, us: int) -> bool:
        st = self.covering(us)
        i = bisect_right(st.starts, us) - 1
        return i >= 0 and us < st.ends[i]

    def next_open(self, us: int) -> int:
        """``us`` when open, else the start of the next open span."""
        st = self.covering(us)
        i = bisect_right(st.ends, us)
        st = self._open_after(st, i)
        s = st.starts[i]
        return s if s > us else us

    def next_close(self, us: int) -> int:
        """The first close strictly after ``us``."""
        st = self.covering(us)
        i = bisect_right(st.ends, us)
        st = self._open_after(st, i)
        return st.ends[i]

    def previous_open(self, us: int) -> int:
        """The latest opening at or before ``us``."""
        st = self.covering(us)
        st, i = self._open_before(st, bisect_right(st.starts, us) - 1)
        return st.starts[i]

    def previous_close(self, us: int) -> int:
        """The latest close at or before ``us``."""
        st = self.covering(us)
        st, i = self._open_before(st, bisect_right(st.ends, us) - 1)
        return st.ends[i]

    def add(self, us: int, amount: int, next_open: bool = False) -> int:
        """The earliest instant with ``amount`` µs of open time since ``us`` (``amount`` >= 0).

        A zero amount gives ``us`` when open, else the next opening. With ``next_open`` a result
        that uses up a span exactly is moved to the following opening.
        """
        st = self._state
        if st is None or not st.lo < us < st.hi:
            st = self.covering(us)
        starts = st.starts
        i = bisect_right(st.ends, us)
        if i >= len(starts):
            st = self._open_after(st, i)
            starts = st.starts
        s = starts[i]
        if amount == 0:
            return s if s > us else us
        target = st.cum[i] + (us - s if us > s else 0) + amount
        cum = st.cum
        if target > cum[-1]:
            st = self._reach(st, target)
            starts, cum = st.starts, st.cum
        k = bisect_left(cum, target, i + 1)
        result = starts[k - 1] + target - cum[k - 1]
        if next_open and result == st.ends[k - 1]:
            st = self._open_after(st, k)
            result = st.starts[k]
        return result

    def subtract(self, us: int, amount: int) -> int:
        """The latest instant with ``amount`` µs of open time before ``us`` (``amount`` >= 0).

        A zero amount gives ``us`` when open, else the previous close.
        """
        st = self.covering(us)
        i = bisect_right(st.starts, us) - 1
        if amount == 0:
            st, i = self._open_before(st, i)
            e = st.ends[i]
            return us if us < e else e
        target = self.position(st, us) - amount
        if target < st.cum[0]:
            st = self._reach_back(st, target)
        k = bisect_right(st.cum, target) - 1
        return st.starts[k] + target - st.cum[k]

    def between(self, a: int, b: int) -> int:
        """Signed open time in ``[a, b)``."""
        lo, hi = (a, b) if a <= b else (b, a)
        st = self._state
        if st is None or not (st.lo < lo and hi < st.hi):
            self.covering(lo)
            st = self.covering(hi)
        diff = self.position(st, hi) - self.position(st, lo)
        return diff if a <= b else -diff

    def spans(self, a: int, b: int) -> list[Interval]:
        """The open spans inside ``[a, b)``, clipped to it."""
        self.covering(a)
        st = self.covering(b)
        i = bisect_right(st.ends, a)
        out: list[Interval] = []
        while i < len(st.starts) and st.starts[i] < b:
            out.append((max(a, st.starts[i]), min(b, st.ends[i])))
            i += 1
        return out

    # -- days --------------------------------------------------------------------------------

    def _day_state(self, day: int) -> _State:
        st = self._state
        if st is not None and st.days and st.days[0] < day < st.days[-1]:
            return st
        return self.covering(self.wall_us(day, 43_200))

    def is_working_day(self, day: int) -> bool:
        days = self._day_state(day).days
        i = bisect_left(days, day)
        return i < len(days) and days[i] == day

    def working_day_after(self, day: int, n: int) -> int:
        """The ``n``-th working day after ``day`` (``n`` >= 1); ``day`` itself does not count."""
        st = self._day_state(day)
        idx = bisect_right(st.days, day) + n - 1
        empty_years = 0
        while idx >= len(st.days):
            before = len(st.days)
            if st.last_year >= MAX_YEAR:
                raise OutOfRangeError(0)
            st = self._extend(st.first_year, st.last_year + 1)
            empty_years = empty_years + 1 if len(st.days) == before else 0
            if empty_years >= NEVER_OPEN_YEARS:
                raise NeverOpensError("after", st.last_year)
        return st.days[idx]

    def working_day_before(self, day: int, n: int) -> int:
        """The ``n``-th working day before ``day`` (``n`` >= 1); ``day`` itself does not count."""
        st = self._day_state(day)
        idx = bisect_left(st.days, day) - n
        empty_years = 0
        while idx < 0:
            before = len(st.days)
            if st.first_year <= MIN_YEAR:
                raise OutOfRangeError(0)
            st = self._extend(st.first_year - 1, st.last_year)
            added = len(st.days) - before
            idx += added
            empty_years = empty_years + 1 if added == 0 else 0
            if empty_years >= NEVER_OPEN_YEARS and idx < 0:
                raise NeverOpensError("before", st.first_year)
        return st.days[idx]

    def close_of_day(self, day: int) -> int:
        """The end of the open time of working day ``day`` (midnight if open across it)."""
        st = self._day_state(day)
        return st.closes[bisect_left(st.days, day)]

    def settle_on_day(self, wall: int, day: int) -> int:
        """``wall`` when it is open or a close; else the last close of ``day`` before it, or
        the first opening of ``day`` after it (the working day's own open time, never another
        day's)."""
        if self.is_open(wall):
            return wall
        close = self.previous_close(wall)
        if close >= self.wall_us(day, 0):
            return close
        return self.next_open(wall)

    def same_time_after(self, us: int, n: int) -> int:
        """The same local time of day as the clock's start (``us``, or the next opening), on
        the ``n``-th working day after the start's day (``n`` >= 1), settled into that day's
        open time.

        The common case (no offset change near either end, everything inside the compiled
        range) is one pass of bisections over one state; the rest goes the careful way.
        """
        st = self._state
        if st is None or not st.lo < us < st.hi:
            return self._same_time_after_careful(us, n)
        starts, ends = st.starts, st.ends
        i = bisect_right(ends, us)
        if i >= len(starts):
            return self._same_time_after_careful(us, n)
        start = starts[i] if starts[i] > us else us
        tr_us = st.tr_us
        j = bisect_right(tr_us, start)
        off = st.tr_off[j - 1] if j else st.off0
        day, time_of_day = divmod(start + off, _time.US_PER_DAY)
        days = st.days
        idx = bisect_right(days, day + _EPOCH_ORDINAL) + n - 1
        if idx >= len(days) or days[0] >= day + _EPOCH_ORDINAL:
            return self._same_time_after_careful(us, n)
        target = days[idx] - _EPOCH_ORDINAL
        u = target * _time.US_PER_DAY + time_of_day - off
        k = bisect_right(tr_us, u)
        if (
            k != j
            or (j and start - tr_us[j - 1] < _MARGIN)
            or (k < len(tr_us) and tr_us[k] - u < _MARGIN)
            or u >= st.hi - _MARGIN
        ):
            return self._same_time_after_careful(us, n)
        q = bisect_right(starts, u) - 1
        if q >= 0 and u < ends[q]:
            return u
        return self.settle_on_day(u, target + _EPOCH_ORDINAL)

    def _same_time_after_careful(self, us: int, n: int) -> int:
        """``same_time_after`` for every case, near offset changes and range edges too."""
        start = self.add(us, 0)
        st = self.covering(start)
        local = start + _offset(start, st.off0, st.tr_us, st.tr_off)
        day = local // _time.US_PER_DAY + _EPOCH_ORDINAL
        time_of_day = local % _time.US_PER_DAY
        days = st.days
        idx = bisect_right(days, day) + n - 1
        if days and days[0] < day and idx < len(days):
            target = days[idx]
        else:
            target = self.working_day_after(day, n)
            st = self.covering(self.wall_us(target, 43_200))
        wall = (target - _EPOCH_ORDINAL) * _time.US_PER_DAY + time_of_day
        u = _fast_wall(wall, st.lo, st.hi, st.off0, st.tr_us, st.tr_off)
        if u is None:
            seconds, micro = divmod(time_of_day, _time.US_PER_SECOND)
            u = _time.local_us(target, seconds, self.tz) + micro
        i = bisect_right(st.starts, u) - 1
        if i >= 0 and u < st.ends[i]:
            return u
        return self.settle_on_day(u, target)

    def instant(self, t: datetime.datetime, zone: pendulum.Timezone) -> int | None:
        """``_time.to_us(t)`` for an aware datetime in this zone (``self.tz`` or ``zone``, its
        pendulum twin) whose wall time lies in a stretch of the offset table, or None.

        The wall time's fields less the stretch's offset: a third cheaper than asking a stdlib
        datetime for its offset and subtracting the epoch (aware arithmetic and a timedelta
        division), half for a pendulum one; that is a large share of a short query.
        """
        st = self._state
        if st is None or (type(t) is not _datetime and type(t) is not _PDateTime):
            return None
        tz = t.tzinfo
        if tz is not self.tz and tz is not zone:
            return None
        w = (
            (t.toordinal() - _EPOCH_ORDINAL) * _DAY
            + ((t.hour * 60 + t.minute) * 60 + t.second) * _SECOND
            + t.microsecond
        )
        j = bisect_right(st.wall_lo, w) - 1
        if j < 0 or w >= st.wall_hi[j]:
            return None
        return w - st.wall_off[j]

    def add_open_time(
        self, t: datetime.datetime, amount: int, next_open: bool, zone: pendulum.Timezone
    ) -> pendulum.DateTime | None:
        """``to_datetime(add(to_us(t), amount, next_open), zone)`` for ``amount`` > 0 in one
        frame, or None when the careful route is needed.

        The common case of a deadline in business hours: ``t`` in this zone with its wall time
        in a stretch of the offset table (see ``instant``), the result inside the compiled
        range and not within a day after an offset change (see ``to_datetime``). Anything else
        returns None before any side effect.
        """
        st = self._state
        if st is None or (type(t) is not _datetime and type(t) is not _PDateTime):
            return None
        tz = t.tzinfo
        if tz is not self.tz and tz is not zone:
            return None
        # One unpacking instead of a lookup per field (this method is the whole query).
        _, _, _, hi, starts, ends, cum, _, _, off0, tr_us, tr_off, wall_lo, wall_hi, wall_off = st
        w = (
            (t.toordinal() - _EPOCH_ORDINAL) * _DAY
            + ((t.hour * 60 + t.minute) * 60 + t.second) * _SECOND
            + t.microsecond
        )
        j = bisect_right(wall_lo, w) - 1
        if j < 0 or w >= wall_hi[j]:
            return None
        us = w - wall_off[j]
        i = bisect_right(ends, us)
        if i >= len(starts):
            return None
        s = starts[i]
        target = cum[i] + (us - s if us > s else 0) + amount
        if target > cum[-1]:
            return None
        k = bisect_left(cum, target, i + 1)
        result = starts[k - 1] + target - cum[k - 1]
        if next_open and result == ends[k - 1]:
            if k >= len(starts):
                return None
            result = starts[k]
        # As in to_datetime: the offset from the table, unless a fold may be in play or the
        # offset beyond the range (a change right at its end) would be needed.
        j = bisect_right(tr_us, result)
        if (j and result - tr_us[j - 1] < _DAY) or result >= hi:
            return None
        day, rest = divmod(result + (tr_off[j - 1] if j else off0), _DAY)
        d = _fromordinal(day + _EPOCH_ORDINAL)
        seconds, micro = divmod(rest, _SECOND)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        return _new(_PDateTime, d.year, d.month, d.day, hour, minute, second, micro, zone)

    def add_working_days(
        self, t: datetime.datetime, n: int, close_of_day: bool, zone: pendulum.Timezone
    ) -> pendulum.DateTime | None:
        """``n`` (>= 1) working days after the aware datetime ``t``, straight from datetime to
        DateTime: ``same_time_after`` (or, with ``close_of_day``, the close of the n-th working
        day after ``t``'s day), or None when the careful route is needed.

        This is the common case of a deadline in days, done in one frame: ``t`` in this zone,
        no offset change within ``_MARGIN`` of ``t``, the start or the result, everything inside
        the compiled range, and (same time) the result open. Then every wall time here occurs
        exactly once, so local and universal time differ by one offset read from the table,
        and the local date and time of day are plain arithmetic. Anything else returns None,
        before any side effect, and the caller takes the careful route, which gives the same
        answer (the tests compare the two).
        """
        st = self._state
        if st is None or (type(t) is not _datetime and type(t) is not _PDateTime):
            return None
        tz = t.tzinfo
        if tz is not self.tz and tz is not zone:
            return None
        # One unpacking instead of a lookup per field (this method is the whole query).
        _, _, _, _, starts, ends, _, days, closes, _, _, _, wall_lo, wall_hi, wall_off = st
        ordinal = t.toordinal()
        hour, minute, second, micro = t.hour, t.minute, t.second, t.microsecond
        time_of_day = ((hour * 60 + minute) * 60 + second) * _SECOND + micro
        w = (ordinal - _EPOCH_ORDINAL) * _DAY + time_of_day
        j = bisect_right(wall_lo, w) - 1
        if j < 0 or w >= wall_hi[j]:
            return None
        if close_of_day:
            idx = bisect_right(days, ordinal) + n - 1
            return self.to_datetime(closes[idx], zone) if idx < len(days) else None
        off = wall_off[j]
        us = w - off
        i = bisect_right(ends, us)
        if i >= len(starts):
            return None
        s = starts[i]
        if s > us:  # closed: the clock starts at the next opening, if it is in the same stretch
            w = s + off
            if w >= wall_hi[j]:
                return None
            day, time_of_day = divmod(w, _DAY)
            ordinal = day + _EPOCH_ORDINAL
            seconds, micro = divmod(time_of_day, _SECOND)
            minutes, second = divmod(seconds, 60)
            hour, minute = divmod(minutes, 60)
        idx = bisect_right(days, ordinal) + n - 1
        if idx >= len(days):
            return None
        target = days[idx]
        w = (target - _EPOCH_ORDINAL) * _DAY + time_of_day
        j = bisect_right(wall_lo, w) - 1
        if j < 0 or w >= wall_hi[j]:
            return None
        u = w - wall_off[j]
        q = bisect_right(starts, u) - 1
        if q < 0 or u >= ends[q]:  # that time is closed on the target day: settle carefully
            return None
        d = _fromordinal(target)
        # datetime.__new__ builds the same DateTime as the class call, without the
        # keyword handling; fold is 0 as no wall time in the stretch repeats.
        return _new(_PDateTime, d.year, d.month, d.day, hour, minute, second, micro, zone)

    # -- local time ----------------------------------------------------------------------------

    def local_parts(self, us: int) -> tuple[int, int, int]:
        """Local date ordinal, seconds after midnight and microseconds of instant ``us``."""
        st = self.covering(us)
        local = us + _offset(us, st.off0, st.tr_us, st.tr_off)
        day, rest = divmod(local, _time.US_PER_DAY)
        seconds, micro = divmod(rest, _time.US_PER_SECOND)
        return day + _EPOCH_ORDINAL, seconds, micro

    def wall_us(self, day: int, seconds: int) -> int:
        """The first instant at which the local clock reads ``seconds`` after midnight of
        ``day``, or later (see ``_time.local_us``)."""
        st = self._state
        if st is not None:
            w = (day - _EPOCH_ORDINAL) * _time.US_PER_DAY + seconds * _time.US_PER_SECOND
            fast = _fast_wall(w, st.lo, st.hi, st.off0, st.tr_us, st.tr_off)
            if fast is not None:
                return fast
        return _time.local_us(day, seconds, self.tz)

    def to_datetime(self, us: int, zone: pendulum.Timezone) -> pendulum.DateTime:
        """Instant ``us`` as a pendulum DateTime in ``zone`` (this timeline's zone)."""
        st = self._state
        if st is not None and st.lo <= us < st.hi:
            tr = st.tr_us
            j = bisect_right(tr, us)
            if not j or us - tr[j - 1] >= _time.US_PER_DAY:  # no fold can be in play
                local = us + (st.tr_off[j - 1] if j else st.off0)
                day, rest = divmod(local, _DAY)
                d = _fromordinal(day + _EPOCH_ORDINAL)
                seconds, micro = divmod(rest, _SECOND)
                minutes, second = divmod(seconds, 60)
                hour, minute = divmod(minutes, 60)
                # datetime.__new__ gives what the class call gives (DateTime adds no __init__),
                # without its keyword handling.
                return _new(_PDateTime, d.year, d.month, d.day, hour, minute, second, micro, zone)
        return _time.from_us(us, zone)

    def working_days_between(self, first: int, last: int) -> int:
        """Working days ``d`` with ``first <= d < last``."""
        if last <= first:
            return 0
        self._day_state(first)
        st = self._day_state(last)
        return bisect_left(st.days, last) - bisect_left(st.days, first)


def _assemble(first_year: int, last_year: int, chunks: list[_Chunk], old: _State | None) -> _State:
    """One state from consecutive chunks, keeping the positions ``old`` gave to instants."""
    spans: list[Interval] = []
    days: list[int] = []
    closes: list[int] = []
    tr_us: list[int] = []
    tr_off: list[int] = []
    off = chunks[0].off0
    for chunk in chunks:
        for s, e in chunk.spans:
            if spans and spans[-1][1] == s:  # touching across a year boundary
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
        days += chunk.days
        closes += chunk.closes
        if chunk.off0 != off:  # an offset change exactly at the chunk boundary
            tr_us.append(chunk.lo)
            tr_off.append(chunk.off0)
        tr_us += chunk.tr_us
        tr_off += chunk.tr_off
        off = tr_off[-1] if tr_off else chunk.off0
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    raw = [0]
    total = 0
    for s, e in spans:
        total += e - s
        raw.append(total)
    # Positions stay stable across extensions: an instant keeps the position it had, so a
    # caller holding a position from an older state can keep using it.
    shift = 0
    if old is not None:
        if old.starts:
            s0 = old.starts[0]
            k = bisect_right(starts, s0) - 1
            shift = old.cum[0] - (raw[k] + s0 - starts[k])
        else:
            shift = old.cum[0] - raw[bisect_left(starts, old.lo)]
    cum = [c + shift for c in raw]
    lo, hi = chunks[0].lo, chunks[-1].hi
    wall_lo: list[int] = []
    wall_hi: list[int] = []
    wall_off: list[int] = []
    bounds = [lo, *tr_us, hi]
    for k, stretch_off in enumerate([chunks[0].off0, *tr_off]):
        # The offsets of neighbouring stretches differ by far less than 2 * _MARGIN, so these
        # wall stretches come out sorted and disjoint.
        a, b = bounds[k] + _MARGIN, bounds[k + 1] - _MARGIN
        if a < b:
            wall_lo.append(a + stretch_off)
            wall_hi.append(b + stretch_off)
            wall_off.append(stretch_off)
    return _State(
        first_year,
        last_year,
        lo,
        hi,
        starts,
        ends,
        cum,
        days,
        closes,
        chunks[0].off0,
        tr_us,
        tr_off,
        wall_lo,
        wall_hi,
        wall_off,
    )


def _ordinal(year: int) -> int:
    return datetime.date(year, 1, 1).toordinal()


def _year_of(us: int, tz: zoneinfo.ZoneInfo) -> int:
    return datetime.date.fromordinal(_time.local_ordinal(us, tz)).year
