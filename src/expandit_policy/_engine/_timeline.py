"""A calendar's open time, compiled one local year at a time, and the queries over it.

Each local year is compiled on demand into an immutable :class:`Compiled` (the year's
:class:`~._index.YearIndex` and its zone table). A :class:`Timeline` keeps at most
``CACHED_YEARS`` of them, in a mapping that is replaced whole under a lock and never changed
after it is published, and, for every year it has ever compiled, the year's total open time and
number of working days (two small integers). A query fetches the year objects it needs and works
on them alone: positions are counted from the start of a year, so nothing a query holds can be
shifted by another thread compiling other years. That makes a calendar safe to share between
threads, and keeps its memory bounded whatever years are asked about.

Open time that runs across New Year is one span to the queries (``next_close``,
``previous_open``, ...): a year's last span that ends at the year's end goes on at the next
year's start when that year opens at once.
"""

from __future__ import annotations

import datetime
import threading
import zoneinfo
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pendulum

from .. import _time
from ._index import Interval, YearIndex
from ._zones import EPOCH_ORDINAL, MAX_YEAR, MIN_YEAR, ZoneYear, year_of, zone_year

__all__ = [
    "CACHED_YEARS",
    "NEVER_OPEN_YEARS",
    "Compiled",
    "NeverOpensError",
    "NoBreakError",
    "OutOfRangeError",
    "Source",
    "Timeline",
    "Wall",
]

Wall = Callable[[int, int], int]
Source = Callable[[int, int, int, Wall], list[Interval]]
#: ``quick(year, zone, days)``: local year ``year``'s total open time (or, with ``days``, its
#: number of working days) found without compiling its spans, or None when only compiling can
#: tell.
QuickTotal = Callable[[int, ZoneYear, bool], "int | None"]

#: Years searched past a calendar's dated exceptions without finding what a query needs (open
#: time, or a close of a span that goes on) before the search gives up with a typed error.
#:
#: Outside the years of its closures, openings and explicit holiday dates, a calendar is its
#: weekly hours and its yearly holiday rules, which repeat (a week, and a year's holidays, recur
#: within a few years). So ``NEVER_OPEN_YEARS`` years with no open time (or with no break) outside
#: those years show that there is none in any year outside them; inside them anything may
#: happen, so the search goes through them whatever their length (a closure of twelve years, an
#: opening of twelve years).
NEVER_OPEN_YEARS = 10
#: Compiled years kept per calendar. A year of a desk's hours takes about 45 KB and 0.5-2 ms to
#: compile; 32 covers a service's working set (the years around today, a few past and future
#: deadlines) while a calendar's compiled spans stay under about 1.5 MB whatever is asked.
#: Past the bound the year compiled longest ago is dropped (unless it is the one in use).
CACHED_YEARS = 32

_DAY = _time.US_PER_DAY
_SECOND = _time.US_PER_SECOND
_fromordinal = datetime.date.fromordinal
_datetime = datetime.datetime
_new = datetime.datetime.__new__
_PDateTime = pendulum.DateTime


class NeverOpensError(Exception):
    """Raised inside the engine when there is no open time ``direction`` (``"after"`` or
    ``"before"``) local year ``year``: ``NEVER_OPEN_YEARS`` years without any past the calendar's
    dated exceptions (see ``NEVER_OPEN_YEARS``), or none up to the edge of the supported years
    (``edge``)."""

    def __init__(self, direction: str, year: int, edge: bool = False) -> None:
        super().__init__(direction, year, edge)
        self.direction = direction
        self.year = year
        self.edge = edge


class NoBreakError(Exception):
    """Raised inside the engine when open time goes on without a break ``direction`` local year
    ``year``: through ``NEVER_OPEN_YEARS`` years past the calendar's dated exceptions (its weekly
    hours never close), or up to the edge of the supported years (``edge``)."""

    def __init__(self, direction: str, year: int, edge: bool = False) -> None:
        super().__init__(direction, year, edge)
        self.direction = direction
        self.year = year
        self.edge = edge


class OutOfRangeError(Exception):
    """Raised inside the engine when a result would lie outside the representable years."""

    def __init__(self, yearly_us: int) -> None:
        super().__init__(yearly_us)
        self.yearly_us = yearly_us


@dataclass(frozen=True, slots=True, eq=False)
class Compiled:
    """One compiled local year: its open time and its zone table."""

    index: YearIndex
    zone: ZoneYear
    lo: int
    hi: int


@dataclass(frozen=True, slots=True, eq=False)
class _Closed:
    """A year known to have no open time without compiling it (see ``Timeline._shut``): the UTC
    year ``year`` as an empty index. Only years whose neighbours are closed too are read this
    way, so the hours by which it differs from the local year never hold open time."""

    index: YearIndex
    tz: zoneinfo.ZoneInfo

    @property
    def lo(self) -> int:
        return self.index.lo

    @property
    def hi(self) -> int:
        return self.index.hi

    @property
    def zone(self) -> ZoneYear:
        """The zone table of the local year of the same number (made when asked, not kept)."""
        return zone_year(self.tz, self.index.year)


def _closed_year(year: int, tz: zoneinfo.ZoneInfo) -> _Closed:
    lo = (datetime.date(year, 1, 1).toordinal() - EPOCH_ORDINAL) * _DAY
    hi = (datetime.date(year + 1, 1, 1).toordinal() - EPOCH_ORDINAL) * _DAY
    return _Closed(YearIndex.build(year, lo, hi, (), (), ()), tz)


def _beyond(needed: int, left: int) -> bool:
    """Whether ``needed`` more years, estimated at one year's rate, clearly exceed the ``left``
    years before the edge of the range. Rates vary a little from year to year (leap days,
    holidays on weekends), so near the edge the search goes on and the edge itself decides;
    far beyond it, the search stops at once instead of compiling thousands of years."""
    return needed - needed // 10 - 2 > left


def _utc_year(us: int) -> int:
    return _fromordinal(us // _DAY + EPOCH_ORDINAL).year


class Timeline:
    """Open time of one calendar, compiled lazily by local year in ``tz``.

    ``source(year, lo, hi, wall)`` returns the open intervals inside ``[lo, hi)``, the bounds of
    that local year, sorted, disjoint and not touching (as ``merge`` and ``clip`` leave them);
    ``wall(day_ordinal, seconds)`` converts a local wall time to an instant. ``dated`` is the
    first and last local year touched by the calendar's dated exceptions (closures, openings,
    explicit holiday dates), or None when it has none: outside them the calendar repeats.
    """

    __slots__ = (
        "_between",
        "_compiles",
        "_counts",
        "_dated",
        "_last",
        "_lock",
        "_quick",
        "_shut",
        "_source",
        "_totals",
        "_years",
        "tz",
    )

    def __init__(
        self,
        tz: zoneinfo.ZoneInfo,
        source: Source,
        dated: tuple[int, int] | None = None,
        quick: QuickTotal | None = None,
    ) -> None:
        self.tz = tz
        self._source = source
        self._dated = dated
        self._quick = quick
        # Set once a search has found NEVER_OPEN_YEARS years without open time outside the dated
        # years: then no year outside them has any (see NEVER_OPEN_YEARS), and every later query
        # there is answered at once, without compiling or keeping anything. One immutable fact.
        self._shut = False
        # How many years have been compiled (for tests: a search paid once shows here).
        self._compiles = 0
        self._lock = threading.Lock()
        # Replaced whole under the lock, never changed once published: readers need no lock.
        self._years: Mapping[int, Compiled] = {}
        # Only ever grown (under the lock) by keys whose value never changes: a year's total
        # open time and number of working days, kept for every year ever compiled.
        self._totals: dict[int, int] = {}
        self._counts: dict[int, int] = {}
        # The year ``at`` found last: a hint, checked before use; any thread may replace it.
        self._last: Compiled | None = None
        # The open time of the whole years between the last two years ``between`` measured
        # across, as (first, last, open time): immutable, replaced whole by any thread.
        self._between: tuple[int, int, int] = (0, 0, 0)

    # -- compilation -------------------------------------------------------------------------

    def compiled_years(self) -> tuple[int, ...]:
        """The years whose spans are kept now, oldest compiled first (for tests and benchmarks)."""
        return tuple(self._years)

    def counted_years(self) -> int:
        """How many years' totals are known (for tests and benchmarks)."""
        return len(self._totals)

    def compile_count(self) -> int:
        """How many years this timeline has compiled so far (for tests and benchmarks)."""
        return self._compiles

    def _outside(self, year: int) -> bool:
        """Whether local year ``year`` lies outside the calendar's dated exceptions."""
        dated = self._dated
        return dated is None or not dated[0] <= year <= dated[1]

    def _known_shut(self, year: int) -> bool:
        """Whether year ``year`` and the years either side are known to have no open time."""
        if not self._shut:
            return False
        dated = self._dated
        return dated is None or not dated[0] - 1 <= year <= dated[1] + 1

    def _ahead(self, year: int, step: int) -> int | None:
        """The dated year a search by ``step`` reaches next from ``year`` (outside the dated
        years), or None when none lies ahead."""
        dated = self._dated
        if dated is not None:
            if step > 0 and year < dated[0]:
                return dated[0]
            if step < 0 and year > dated[1]:
                return dated[1]
        return None

    def _never(self, year: int, step: int, seen: int) -> int:
        """The search by ``step`` found ``NEVER_OPEN_YEARS`` years without open time outside the
        dated years, up to ``year``: remember that no year outside them has any, and go on from
        the first dated year ahead (returned), or raise: none after (before) ``seen``."""
        self._shut = True
        ahead = self._ahead(year, step)
        if ahead is None:
            raise NeverOpensError("after" if step > 0 else "before", seen)
        return ahead

    def _beyond_open(self, year: int, step: int) -> bool:
        """Whether, once the calendar is known to be shut outside its dated years, no open time
        lies from ``year`` on by ``step``."""
        if not self._shut:
            return False
        dated = self._dated
        return dated is None or (year > dated[1] if step > 0 else year < dated[0])

    def _jump(self, year: int, step: int) -> int:
        """``year``, or the first dated year on the way when the years before it are known shut."""
        dated = self._dated
        if self._shut and dated is not None:
            if step > 0 and year < dated[0]:
                return dated[0]
            if step < 0 and year > dated[1]:
                return dated[1]
        return year

    def year(self, year: int) -> Compiled:
        """Local year ``year``, compiled (from the cache when it is there)."""
        got = self._years.get(year)
        return got if got is not None else self._compile(year)

    def _compile(self, year: int, keep_empty: bool = True) -> Compiled:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise OutOfRangeError(0)
        if self._known_shut(year):
            c = _closed_year(year, self.tz)  # compiled already once: no open time, kept as one fact
            return Compiled(c.index, zone_year(self.tz, year), c.lo, c.hi)
        self._compiles += 1
        zy = zone_year(self.tz, year)
        lo, hi = zy.lo, zy.hi
        # Compiled outside the lock: a composed calendar compiles its parts here, and two
        # threads compiling the same year get equal results, of which the first is kept.
        spans = self._source(year, lo, hi, zy.wall_us)
        days: list[int] = []
        closes: list[int] = []
        offset, fast_wall = zy.offset, zy.fast_wall
        for s, e in spans:
            d = (s + offset(s)) // _DAY + EPOCH_ORDINAL
            while True:
                # The instant of the next local midnight: from the table, or the careful way.
                midnight = fast_wall((d + 1 - EPOCH_ORDINAL) * _DAY)
                if midnight is None:
                    midnight = zy.wall_us(d + 1, 0)
                close = e if e < midnight else midnight
                if days and days[-1] == d:
                    closes[-1] = close
                else:
                    days.append(d)
                    closes.append(close)
                if e <= midnight:
                    break
                d += 1
        compiled = Compiled(YearIndex.build(year, lo, hi, spans, days, closes), zy, lo, hi)
        if not spans and not keep_empty:
            # A search passing through a closed year keeps its total (0), not its compiled year.
            with self._lock:
                self._totals[year] = 0
                self._counts[year] = 0
            return compiled
        with self._lock:
            current = self._years
            have = current.get(year)
            if have is not None:
                return have
            fresh = dict(current)
            fresh[year] = compiled
            if len(fresh) > CACHED_YEARS:
                # The year compiled longest ago goes, unless it is the one in use just now.
                keep = self._last
                del fresh[next(y for y, c in fresh.items() if c is not keep)]
            self._years = fresh
            self._totals[year] = compiled.index.total
            self._counts[year] = len(days)
        return compiled

    def total(self, year: int) -> int:
        """All open time of local year ``year`` (µs)."""
        got = self._totals.get(year)
        if got is not None:
            return got
        if self._known_shut(year):
            return 0
        have = self._years.get(year)
        if have is not None:
            return have.index.total
        if self._quick is not None and MIN_YEAR <= year <= MAX_YEAR:
            got = self._quick(year, zone_year(self.tz, year), False)
            if got is not None:
                with self._lock:
                    self._totals[year] = got
                return got
        return self._compile(year, False).index.total

    def day_count(self, year: int) -> int:
        """The number of working days of local year ``year``."""
        got = self._counts.get(year)
        if got is not None:
            return got
        if self._known_shut(year):
            return 0
        have = self._years.get(year)
        if have is not None:
            return len(have.index.days)
        if self._quick is not None and MIN_YEAR <= year <= MAX_YEAR:
            got = self._quick(year, zone_year(self.tz, year), True)
            if got is not None:
                with self._lock:
                    self._counts[year] = got
                return got
        return len(self._compile(year, False).index.days)

    def at(self, us: int) -> Compiled | _Closed:
        """The compiled local year in which instant ``us`` falls."""
        got = self._last
        if got is not None and got.lo <= us < got.hi:
            return got
        utc_year = _utc_year(us)
        if self._known_shut(utc_year):
            return _closed_year(utc_year, self.tz)  # not kept: nothing to keep
        got = self._years.get(utc_year)
        if got is None or not got.lo <= us < got.hi:
            got = self.year(year_of(us, self.tz))
        self._last = got
        return got

    def _open_year(self, year: int, step: int) -> YearIndex:
        """The first year from ``year`` on, going by ``step`` (+1 or -1), with open time."""
        empty, asked = 0, year - step
        year = self._jump(year, step)
        while True:
            if self._beyond_open(year, step):
                raise NeverOpensError("after" if step > 0 else "before", asked)
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise OutOfRangeError(0)
            if self.total(year) > 0:
                return self.year(year).index
            if self._outside(year):
                empty += 1
                if empty >= NEVER_OPEN_YEARS:
                    year, empty = self._never(year, step, asked) - step, 0
            else:
                empty = 0
            year += step

    def _opens_at_start(self, year: int) -> bool:
        if year > MAX_YEAR:
            return False
        return self.year(year).index.opens_at_start

    def _full(self, year: int) -> int | None:
        """The end of local year ``year`` when it is known to be open throughout, else None."""
        total = self._totals.get(year)
        if total is None:
            return None
        zy = zone_year(self.tz, year)
        return zy.hi if total == zy.hi - zy.lo else None

    def _end_of_span(self, ix: YearIndex, i: int) -> int:
        """The close of span ``i`` of ``ix``, followed across New Year while it goes on."""
        e = ix.ends[i]
        if e != ix.hi:
            return e
        year, full_years = ix.year, 0
        while True:
            year += 1
            if year > MAX_YEAR:
                raise NoBreakError("after", ix.year, edge=True)
            full = self._full(year)
            if full is None:
                nxt = self.year(year).index
                if not nxt.opens_at_start:
                    return e
                e = nxt.ends[0]
                if e != nxt.hi:
                    return e
            else:
                e = full
            full_years = full_years + 1 if self._outside(year) else 0
            if full_years >= NEVER_OPEN_YEARS:
                # Outside the dated years every year is open throughout (see NEVER_OPEN_YEARS):
                # the span goes on to the first dated year ahead, if any.
                ahead = self._ahead(year, 1)
                if ahead is None:
                    raise NoBreakError("after", ix.year)
                year, full_years = ahead - 1, 0
                e = zone_year(self.tz, year).hi

    def _start_of_span(self, ix: YearIndex, i: int) -> int:
        """The opening of span ``i`` of ``ix``, followed back across New Year while it goes on."""
        s = ix.starts[i]
        if s != ix.lo:
            return s
        year, full_years = ix.year, 0
        while True:
            year -= 1
            if year < MIN_YEAR:
                raise NoBreakError("before", ix.year, edge=True)
            if self._full(year) is None:
                prev = self.year(year).index
                if not prev.open_at_end:
                    return s
                s = prev.starts[-1]
                if s != prev.lo:
                    return s
            else:
                s = zone_year(self.tz, year).lo
            full_years = full_years + 1 if self._outside(year) else 0
            if full_years >= NEVER_OPEN_YEARS:
                ahead = self._ahead(year, -1)  # as in _end_of_span
                if ahead is None:
                    raise NoBreakError("before", ix.year)
                year, full_years = ahead + 1, 0
                s = zone_year(self.tz, year).lo

    # -- instants ----------------------------------------------------------------------------

    def is_open(self, us: int) -> bool:
        return self.at(us).index.is_open(us)

    def next_open(self, us: int) -> int:
        """``us`` when open, else the start of the next open span."""
        ix = self.at(us).index
        i = bisect_right(ix.ends, us)
        if i < len(ix.starts):
            s = ix.starts[i]
            return s if s > us else us
        return self._open_year(ix.year + 1, 1).starts[0]

    def next_close(self, us: int) -> int:
        """The first close strictly after ``us``."""
        ix = self.at(us).index
        i = bisect_right(ix.ends, us)
        if i == len(ix.ends):
            ix, i = self._open_year(ix.year + 1, 1), 0
        return self._end_of_span(ix, i)

    def previous_open(self, us: int) -> int:
        """The latest opening at or before ``us``."""
        ix = self.at(us).index
        i = bisect_right(ix.starts, us) - 1
        if i < 0:
            ix = self._open_year(ix.year - 1, -1)
            i = len(ix.starts) - 1
        return self._start_of_span(ix, i)

    def previous_close(self, us: int) -> int:
        """The latest close at or before ``us``."""
        ix = self.at(us).index
        i = bisect_right(ix.ends, us) - 1
        going_on, asked = 0, ix.year
        while True:
            if i < 0:
                ix = self._open_year(ix.year - 1, -1)
                i = len(ix.ends) - 1
            e = ix.ends[i]
            if e != ix.hi or not self._opens_at_start(ix.year + 1):
                return e
            # Not a close: the span goes on into the next year.
            going_on = going_on + 1 if self._outside(ix.year) else 0
            if going_on > NEVER_OPEN_YEARS:
                ahead = self._ahead(ix.year, -1)  # as in _end_of_span
                if ahead is None:
                    raise NoBreakError("before", asked)
                ix, going_on = self.year(ahead + 1).index, 0
                i = len(ix.ends)
            i -= 1

    def _through_years(
        self, year: int, step: int, need: int, measure: Callable[[int], int], *, rate: bool
    ) -> tuple[int, int]:
        """Walk from ``year`` (not counted) through the years in direction ``step`` (1 or -1)
        until one holds the ``need``-th unit (``need`` >= 1) of ``measure``, a year's open time
        (``total``) or its working days (``day_count``); return that year and how many of its
        units the walk uses (1 to all of them).

        The one walk behind adding and subtracting open time and working days past a year's
        end. Years are fetched one at a time, so no position is held across another thread's
        compilation. Empty years outside the dated exceptions end the search after
        ``NEVER_OPEN_YEARS`` (see ``_never``); the range's edges raise ``OutOfRangeError``, at
        once when the rate of the last year puts the answer clearly past them (with that rate
        when ``rate``).
        """
        edge = MAX_YEAR if step > 0 else MIN_YEAR
        direction = "after" if step > 0 else "before"
        seen = year
        empty = 0
        while True:
            year += step
            if (year - edge) * step > 0:
                raise OutOfRangeError(0)
            if self._beyond_open(year, step):
                raise NeverOpensError(direction, seen)
            amount = measure(year)
            if amount == 0:
                empty = empty + 1 if self._outside(year) else 0
                if empty >= NEVER_OPEN_YEARS:
                    year, empty = self._never(year, step, seen) - step, 0
                continue
            empty, seen = 0, year
            if need <= amount:
                return year, need
            need -= amount
            if _beyond(-(-need // amount), (edge - year) * step):
                raise OutOfRangeError(amount if rate else 0)

    def _forward(self, ix: YearIndex, pos: int) -> tuple[YearIndex, int]:
        """The year and year-local position of position ``pos`` of ``ix`` (``pos > total``)."""
        year, used = self._through_years(ix.year, 1, pos - ix.total, self.total, rate=True)
        return self.year(year).index, used

    def _backward(self, ix: YearIndex, pos: int) -> tuple[YearIndex, int]:
        """The year and year-local position of position ``pos`` of ``ix`` (``pos < 0``)."""
        year, used = self._through_years(ix.year, -1, -pos, self.total, rate=True)
        index = self.year(year).index
        return index, index.total - used

    def add(self, us: int, amount: int, next_open: bool = False) -> int:
        """The earliest instant with ``amount`` µs of open time since ``us`` (``amount`` >= 0).

        A zero amount gives ``us`` when open, else the next opening. With ``next_open`` a result
        that uses up a span exactly is moved to the following opening.
        """
        ix = self.at(us).index
        i = bisect_right(ix.ends, us)
        if i == len(ix.starts):
            ix, i = self._open_year(ix.year + 1, 1), 0
        s = ix.starts[i]
        if amount == 0:
            return s if s > us else us
        pos = ix.cum[i] + (us - s if us > s else 0) + amount
        if pos > ix.total:
            ix, pos = self._forward(ix, pos)
        result = ix.first_at(pos)
        if next_open and not self.is_open(result):
            result = self.next_open(result)
        return result

    def subtract(self, us: int, amount: int) -> int:
        """The latest instant with ``amount`` µs of open time before ``us`` (``amount`` >= 0).

        A zero amount gives ``us`` when open, else the previous close.
        """
        ix = self.at(us).index
        if amount == 0:
            i = bisect_right(ix.starts, us) - 1
            if i < 0:
                ix = self._open_year(ix.year - 1, -1)
                i = len(ix.starts) - 1
            e = ix.ends[i]
            return us if us < e else e
        pos = ix.position(us) - amount
        if pos < 0:
            ix, pos = self._backward(ix, pos)
        return ix.last_at(pos)

    def between(self, a: int, b: int) -> int:
        """Signed open time in ``[a, b)``."""
        lo, hi = (a, b) if a <= b else (b, a)
        first = self.at(lo).index
        starts = first.starts
        i = bisect_right(starts, lo) - 1  # the position of lo in its year, inline (hot path)
        at_lo = 0 if i < 0 else first.cum[i] + min(lo - starts[i], first.ends[i] - starts[i])
        if hi < first.hi:
            diff = first.position(hi) - at_lo
        else:
            last = self.at(hi).index
            diff = first.total - at_lo + last.position(hi)
            y0, y1, whole = self._between
            if (y0, y1) != (first.year, last.year):
                years = range(first.year + 1, last.year)
                try:  # the years in between are usually counted already: one pass in C
                    whole = sum(map(self._totals.__getitem__, years))
                except KeyError:
                    whole = sum(map(self.total, years))
                self._between = (first.year, last.year, whole)
            diff += whole
        return diff if a <= b else -diff

    def spans(self, a: int, b: int) -> list[Interval]:
        """The open spans inside ``[a, b)``, clipped to it; a span across New Year is one.

        Time outside the local years this timeline covers (``MIN_YEAR`` to ``MAX_YEAR`` in its
        zone) has no open spans: a composed calendar asks its parts about a year of its own zone,
        which reaches a few hours into year 1 or 9999 of another.
        """
        a = max(a, zone_year(self.tz, MIN_YEAR).lo)
        b = min(b, zone_year(self.tz, MAX_YEAR).hi)
        out: list[Interval] = []
        if a >= b:
            return out
        ix = self.at(a).index
        while True:
            starts, ends = ix.starts, ix.ends
            i = bisect_right(ends, a)
            while i < len(starts) and starts[i] < b:
                s, e = max(a, starts[i]), min(b, ends[i])
                if out and out[-1][1] == s:
                    out[-1] = (out[-1][0], e)
                else:
                    out.append((s, e))
                i += 1
            if ix.hi >= b:
                return out
            ix = self.year(ix.year + 1).index

    # -- days --------------------------------------------------------------------------------

    def _day_year(self, day: int) -> YearIndex:
        return self.year(_fromordinal(day).year).index

    def is_working_day(self, day: int) -> bool:
        days = self._day_year(day).days
        i = bisect_left(days, day)
        return i < len(days) and days[i] == day

    def working_day_after(self, day: int, n: int) -> int:
        """The ``n``-th working day after ``day`` (``n`` >= 1); ``day`` itself does not count."""
        ix = self._day_year(day)
        idx = bisect_right(ix.days, day) + n - 1
        if idx < len(ix.days):
            return ix.days[idx]
        need = idx - len(ix.days) + 1
        year, used = self._through_years(ix.year, 1, need, self.day_count, rate=False)
        return self.year(year).index.days[used - 1]

    def working_day_before(self, day: int, n: int) -> int:
        """The ``n``-th working day before ``day`` (``n`` >= 1); ``day`` itself does not count."""
        ix = self._day_year(day)
        idx = bisect_left(ix.days, day) - n
        if idx >= 0:
            return ix.days[idx]
        year, used = self._through_years(ix.year, -1, -idx, self.day_count, rate=False)
        days = self.year(year).index.days
        return days[len(days) - used]

    def working_days_between(self, first: int, last: int) -> int:
        """Working days ``d`` with ``first <= d < last``."""
        if last <= first:
            return 0
        a, b = self._day_year(first), self._day_year(last)
        if a.year == b.year:
            return bisect_left(a.days, last) - bisect_left(a.days, first)
        count = len(a.days) - bisect_left(a.days, first) + bisect_left(b.days, last)
        for year in range(a.year + 1, b.year):
            count += self.day_count(year)
        return count

    def close_of_day(self, day: int) -> int:
        """The end of the open time of working day ``day`` (midnight if open across it)."""
        ix = self._day_year(day)
        return ix.closes[bisect_left(ix.days, day)]

    def settle_on_day(self, wall: int, day: int) -> int:
        """``wall`` when it is open or a close; else the last close of ``day`` before it, or
        the first opening of ``day`` after it (the working day's own open time, never another
        day's)."""
        if self.is_open(wall):
            return wall
        close = self.previous_close(wall)
        # Strictly after the day's midnight: a close at midnight ends the day before's open
        # time (a window to 24:00), so it is not this day's.
        if close > self.wall_us(day, 0):
            return close
        return self.next_open(wall)

    def same_time_after(self, us: int, n: int) -> int:
        """The same local time of day as the clock's start (``us``, or the next opening), on
        the ``n``-th working day after the start's day (``n`` >= 1), settled into that day's
        open time."""
        return self._same_time(us, n)[0]

    def _same_time(self, us: int, n: int) -> tuple[int, int, int]:
        """``same_time_after`` as ``(instant, local day, local time of day)``; the day and time
        are those of the instant when it is that wall time read from the offset table (no fold
        or gap), else ``(instant, 0, -1)``.

        The one implementation of "n working days, same time of day". It works on the year
        objects it fetches, so the usual case costs a few bisections.
        """
        got = self.at(us)
        ix = got.index
        i = bisect_right(ix.ends, us)
        if i < len(ix.starts):
            s = ix.starts[i]
            start = s if s > us else us
        else:  # closed for the rest of the year: the clock starts in a later one
            start = self.add(us, 0)
            got = self.at(start)
        day, time_of_day = divmod(start + got.zone.offset(start), _DAY)
        day += EPOCH_ORDINAL
        days = got.index.days
        idx = bisect_right(days, day) + n - 1
        if idx < len(days):
            target = days[idx]
        else:
            target = self.working_day_after(day, n)
            got = self.year(_fromordinal(target).year)
        u = got.zone.fast_wall((target - EPOCH_ORDINAL) * _DAY + time_of_day)
        if u is None:  # near an offset change: the careful conversion (gaps, folds)
            seconds, micro = divmod(time_of_day, _SECOND)
            u = self.wall_time_us(target, seconds, micro)
            if self.is_open(u):
                return u, 0, -1
        else:
            ix = got.index
            q = bisect_right(ix.starts, u) - 1
            if q >= 0 and u < ix.ends[q]:
                return u, target, time_of_day
        return self.settle_on_day(u, target), 0, -1

    def close_of_day_after(self, us: int, n: int) -> int:
        """The close of the ``n``-th working day (``n`` >= 1) after the local day of ``us``."""
        return self._close_after(us, n)[0]

    def _close_after(self, us: int, n: int) -> tuple[int, ZoneYear]:
        """``close_of_day_after`` and the offset table of a year that reaches it."""
        got = self.at(us)
        day = (us + got.zone.offset(us)) // _DAY + EPOCH_ORDINAL
        ix = got.index
        idx = bisect_right(ix.days, day) + n - 1
        if idx < len(ix.days):
            return ix.closes[idx], got.zone
        target = self.working_day_after(day, n)
        got = self.year(_fromordinal(target).year)
        ix = got.index
        return ix.closes[bisect_left(ix.days, target)], got.zone

    # -- conversions ---------------------------------------------------------------------------

    def local_parts(self, us: int) -> tuple[int, int, int]:
        """Local date ordinal, seconds after midnight and microseconds of instant ``us``."""
        return self.at(us).zone.local_parts(us)

    def wall_us(self, day: int, seconds: int) -> int:
        """The first instant at which the local clock reads ``seconds`` after midnight of
        ``day``, or later (see ``_time.local_us``)."""
        year = _fromordinal(day).year
        got = self._years.get(year)
        if got is not None:
            return got.zone.wall_us(day, seconds)
        if not MIN_YEAR <= year <= MAX_YEAR:  # 24:00 on the last day: no table, but a time
            return _time.local_us(day, seconds, self.tz)
        return zone_year(self.tz, year).wall_us(day, seconds)

    def wall_time_us(self, day: int, seconds: int, micro: int) -> int:
        """The first instant at which the local clock reads ``seconds`` and ``micro`` after
        midnight of ``day``, or later: the end of a DST gap over that wall time, not the end
        of the gap plus ``micro``."""
        u = self.wall_us(day, seconds)
        if micro and self.local_parts(u) != (day, seconds, 0):
            return u  # the second is skipped, and every microsecond of it
        return u + micro

    def to_datetime(self, us: int, zone: pendulum.Timezone) -> pendulum.DateTime:
        """Instant ``us`` as a pendulum DateTime in ``zone`` (this timeline's zone)."""
        got = self._years.get(_utc_year(us))
        if got is not None:
            return got.zone.to_datetime(us, zone)
        return _time.from_us(us, zone)

    def instant(self, t: datetime.datetime, zone: pendulum.Timezone) -> int | None:
        """``_time.to_us(t)`` for an aware datetime in this zone (``self.tz`` or ``zone``, its
        pendulum twin) whose year is compiled and whose wall time lies in a stretch of the
        offset table, or None.

        The wall time's fields less the stretch's offset: a third cheaper than asking a stdlib
        datetime for its offset and subtracting the epoch, half for a pendulum one.
        """
        if type(t) is not _datetime and type(t) is not _PDateTime:
            return None
        tz = t.tzinfo
        if tz is not self.tz and tz is not zone:
            return None
        got = self._years.get(t.year)
        if got is None:
            return None
        us = got.zone.fast_wall(
            (t.toordinal() - EPOCH_ORDINAL) * _DAY
            + ((t.hour * 60 + t.minute) * 60 + t.second) * _SECOND
            + t.microsecond
        )
        return us if us is not None and _time.MIN_US <= us <= _time.MAX_US else None

    # -- one-step paths ------------------------------------------------------------------------

    def add_open_time(
        self, t: datetime.datetime, amount: int, next_open: bool, zone: pendulum.Timezone
    ) -> pendulum.DateTime | None:
        """``to_datetime(add(to_us(t), amount, next_open), zone)`` for ``amount`` > 0 in one
        frame, or None when the careful route is needed.

        The common case of a deadline in business hours: ``t`` in this zone with its wall time
        in a stretch of the offset table (see ``instant``), every year on the way compiled, and
        the result not within a day after an offset change. Anything else returns None before
        any side effect.
        """
        if type(t) is not _datetime and type(t) is not _PDateTime:
            return None
        tz = t.tzinfo
        if tz is not self.tz and tz is not zone:
            return None
        years = self._years  # one snapshot for the whole query
        got = years.get(t.year)
        if got is None:
            return None
        zy = got.zone
        w = (
            (t.toordinal() - EPOCH_ORDINAL) * _DAY
            + ((t.hour * 60 + t.minute) * 60 + t.second) * _SECOND
            + t.microsecond
        )
        j = bisect_right(zy.wall_lo, w) - 1
        if j < 0 or w >= zy.wall_hi[j]:
            return None
        us = w - zy.wall_off[j]
        ix = got.index
        ends = ix.ends
        i = bisect_right(ends, us)
        if i >= len(ends):
            return None
        s = ix.starts[i]
        pos = ix.cum[i] + (us - s if us > s else 0) + amount
        first = i + 1
        if pos > ix.total:
            year = ix.year
            while pos > ix.total:
                pos -= ix.total
                year += 1
                got = years.get(year)
                if got is None:
                    return None
                ix = got.index
            first = 1
        cum, starts = ix.cum, ix.starts
        k = bisect_left(cum, pos, first)
        result = starts[k - 1] + pos - cum[k - 1]
        if next_open and result == ix.ends[k - 1]:
            if k >= len(starts):
                return None
            result = starts[k]
        zy = got.zone
        tr = zy.tr_us
        j = bisect_right(tr, result)
        if j and result - tr[j - 1] < _DAY:  # a fold may be in play: the careful way
            return None
        day, rest = divmod(result + (zy.tr_off[j - 1] if j else zy.off0), _DAY)
        d = _fromordinal(day + EPOCH_ORDINAL)
        seconds, micro = divmod(rest, _SECOND)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        return _new(_PDateTime, d.year, d.month, d.day, hour, minute, second, micro, zone)

    def add_working_days(
        self, t: datetime.datetime, n: int, close_of_day: bool, zone: pendulum.Timezone
    ) -> pendulum.DateTime | None:
        """``n`` (>= 1) working days after the aware datetime ``t``, straight from datetime to
        DateTime (``same_time_after`` or ``close_of_day_after``), or None when ``t`` needs the
        careful conversion (see ``instant``)."""
        us = self.instant(t, zone)
        if us is None:
            return None
        if close_of_day:
            close, table = self._close_after(us, n)
            return table.to_datetime(close, zone)
        result, day, time_of_day = self._same_time(us, n)
        if time_of_day < 0:
            return self.to_datetime(result, zone)
        # The wall time is known and occurs once: build the DateTime from it directly.
        d = _fromordinal(day)
        seconds, micro = divmod(time_of_day, _SECOND)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        return _new(_PDateTime, d.year, d.month, d.day, hour, minute, second, micro, zone)
