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
import threading
import zoneinfo
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import NamedTuple

from . import _time

Interval = tuple[int, int]

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


class _State(NamedTuple):
    first_year: int
    last_year: int
    lo: int  # start of the compiled range (local midnight, 1 January of first_year)
    hi: int  # end of the compiled range (local midnight, 1 January of last_year + 1)
    starts: list[int]
    ends: list[int]
    cum: list[int]  # cum[k]: open time before starts[k]; cum[-1]: all open time in the range
    days: list[int]  # ordinals of local dates with open time, ascending
    day_close: dict[int, int]  # day ordinal -> end of its open time (clipped to its midnight)


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

    ``source(year, lo, hi)`` returns the open intervals inside ``[lo, hi)``, the bounds of that
    local year; they must be sorted and disjoint.
    """

    __slots__ = ("_lock", "_source", "_state", "tz")

    def __init__(self, tz: zoneinfo.ZoneInfo, source: Callable[[int, int, int], list[Interval]]):
        self.tz = tz
        self._source = source
        self._lock = threading.Lock()
        self._state: _State | None = None

    # -- compilation -------------------------------------------------------------------------

    def _year_bounds(self, year: int) -> tuple[int, int]:
        jan1 = _time.local_us(_ordinal(year), 0, self.tz)
        next_jan1 = _time.local_us(_ordinal(year + 1), 0, self.tz)
        return jan1, next_jan1

    def _compile(self, year: int) -> tuple[int, int, list[Interval], list[int], dict[int, int]]:
        lo, hi = self._year_bounds(year)
        spans = merge(self._source(year, lo, hi))
        days: list[int] = []
        day_close: dict[int, int] = {}
        for s, e in spans:
            d = _time.local_ordinal(s, self.tz)
            while True:
                midnight = _time.local_us(d + 1, 0, self.tz)
                if not days or days[-1] != d:
                    days.append(d)
                day_close[d] = min(e, midnight)
                if e <= midnight:
                    break
                d += 1
        return lo, hi, spans, days, day_close

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
            chunks = []
            for year in range(first_year, last_year + 1):
                if old is not None and old.first_year <= year <= old.last_year:
                    continue
                chunks.append((year, self._compile(year)))
            spans: list[Interval] = []
            days: list[int] = []
            day_close: dict[int, int] = {} if old is None else dict(old.day_close)
            before = [c for c in chunks if old is None or c[0] < old.first_year]
            after = [c for c in chunks if old is not None and c[0] > old.last_year]
            pieces: list[list[Interval]] = [c[1][2] for c in before]
            day_pieces: list[list[int]] = [c[1][3] for c in before]
            if old is not None:
                pieces.append(list(zip(old.starts, old.ends, strict=True)))
                day_pieces.append(old.days)
            pieces += [c[1][2] for c in after]
            day_pieces += [c[1][3] for c in after]
            for _, (_, _, _, _, closes) in chunks:
                day_close.update(closes)
            for piece in pieces:
                for s, e in piece:
                    if spans and spans[-1][1] == s:  # touching across a year boundary
                        spans[-1] = (spans[-1][0], e)
                    else:
                        spans.append((s, e))
            for piece_days in day_pieces:
                for d in piece_days:
                    if not days or days[-1] != d:
                        days.append(d)
            lo = self._year_bounds(first_year)[0]
            hi = self._year_bounds(last_year)[1]
            starts = [s for s, _ in spans]
            ends = [e for _, e in spans]
            raw = [0]
            total = 0
            for s, e in spans:
                total += e - s
                raw.append(total)
            # Positions stay stable across extensions: an instant keeps the position it had, so
            # a caller holding a position from an older state can keep using it.
            offset = 0
            if old is not None:
                if old.starts:
                    s0 = old.starts[0]
                    k = bisect_right(starts, s0) - 1
                    offset = old.cum[0] - (raw[k] + s0 - starts[k])
                else:
                    offset = old.cum[0] - raw[bisect_left(starts, old.lo)]
            cum = [c + offset for c in raw]
            state = _State(first_year, last_year, lo, hi, starts, ends, cum, days, day_close)
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
            if st.last_year >= MAX_YEAR:
                raise NeverOpensError("after", st.last_year)
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
                raise NeverOpensError("before", st.first_year)
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
                if empty_years >= NEVER_OPEN_YEARS or st.last_year >= MAX_YEAR:
                    raise NeverOpensError("after", st.last_year)
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
                if empty_years >= NEVER_OPEN_YEARS or st.first_year <= MIN_YEAR:
                    raise NeverOpensError("before", st.first_year)
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
        return self.covering(_time.local_us(day, 43_200, self.tz))

    def is_working_day(self, day: int) -> bool:
        return day in self._day_state(day).day_close

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
        return self._day_state(day).day_close[day]

    def working_days_between(self, first: int, last: int) -> int:
        """Working days ``d`` with ``first <= d < last``."""
        if last <= first:
            return 0
        self._day_state(first)
        st = self._day_state(last)
        return bisect_left(st.days, last) - bisect_left(st.days, first)


def _ordinal(year: int) -> int:
    return datetime.date(year, 1, 1).toordinal()


def _year_of(us: int, tz: zoneinfo.ZoneInfo) -> int:
    return datetime.date.fromordinal(_time.local_ordinal(us, tz)).year
