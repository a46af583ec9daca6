"""Reference business time, written from the documented definitions and nothing else.

These are the oracles the engine is tested against. They never call the engine's arithmetic: a
calendar is read only through its *definition* (zone, weekly windows, the holiday dates of each
year, closures, special openings; for a composed calendar its operation and two parts), and
evaluated with plain ``zoneinfo`` and ``datetime``, one local day at a time. Each function says
which documented sentence it implements (docs/business-time.md, the docstrings of
``BusinessHours``, ``BusinessDays``, ``CalendarDays`` and ``BusinessCalendar.add``).

Two references live here:

* :class:`DayReference`: the open spans of a calendar over a range of local days, as exact
  microsecond intervals, and the day-level and hour-level durations computed on them step by
  step (no prefix sums, no bisection of totals, no offset tables);
* :class:`MinuteGrid` and :func:`minute_grids`: a grid of whole minutes around a DST change, each
  minute decided open or closed from the definition (the original minute-by-minute reference).

Rules taken from the documentation:

* open time is the weekly windows of every day that is not a holiday, minus closures, plus
  special openings; an overnight window belongs to the day it starts; spans include their start
  and exclude their end;
* a window bound at a local wall time takes effect at the first instant whose local time reaches
  it: the end of a DST gap, the first occurrence in a fold (:func:`first_instant_reaching`);
* a working day is a local date with some open time; its close is the end of its open time on
  that date (midnight when it is open across midnight).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import zoneinfo
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pendulum
from hypothesis import strategies as st

from expandit_policy import BusinessCalendar, Calendar, ComposedCalendar, strategies

US = 1_000_000
MINUTE = 60 * US
HOUR = 3600 * US
DAY = 86_400 * US
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_ONE_US = dt.timedelta(microseconds=1)
_FAR = 1 << 62  # larger than any instant here

Span = tuple[int, int]


# -- instants and local wall time, with the standard library only ------------------------------


def to_us(t: dt.datetime) -> int:
    """Microseconds since the epoch of an aware datetime (pendulum or stdlib), by stdlib
    arithmetic on a plain copy (its zone and fold kept)."""
    assert t.tzinfo is not None
    plain = dt.datetime(
        t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond, t.tzinfo, fold=t.fold
    )
    return (plain - _EPOCH) // _ONE_US


def from_us(us: int, tz: dt.tzinfo) -> dt.datetime:
    """Instant ``us`` as a stdlib datetime in ``tz``."""
    return (_EPOCH + dt.timedelta(microseconds=us)).astimezone(tz)


def local_wall(us: int, tz: dt.tzinfo) -> dt.datetime:
    """The naive local wall time of instant ``us`` in ``tz``."""
    return from_us(us, tz).replace(tzinfo=None)


def first_instant_reaching(wall: dt.datetime, tz: zoneinfo.ZoneInfo) -> int:
    """The first instant whose local time in ``tz`` is ``wall`` or later: the first occurrence
    of a wall time that occurs twice, the end of the gap for one that never occurs."""
    readings = [to_us(wall.replace(tzinfo=tz, fold=fold)) for fold in (0, 1)]
    exact = [u for u in readings if local_wall(u, tz) == wall]
    if exact:
        return min(exact)
    # A gap: local time jumps over ``wall`` between the two readings; find the jump.
    lo, hi = min(readings), max(readings)
    assert local_wall(lo, tz) < wall <= local_wall(hi, tz)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if local_wall(mid, tz) >= wall:
            hi = mid
        else:
            lo = mid
    return hi


@functools.cache
def offset_changes(zone: str, first_year: int, last_year: int) -> tuple[int, ...]:
    """The instants at which ``zone``'s UTC offset changes in the given years: an hourly scan
    with ``zoneinfo``, each change then found to the second by bisection."""
    tz = zoneinfo.ZoneInfo(zone)
    lo = to_us(dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)) - DAY
    hi = to_us(dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC)) + DAY

    def offset(us: int) -> dt.timedelta | None:
        return from_us(us, tz).utcoffset()

    changes = []
    for a in range(lo, hi, HOUR):
        if offset(a) != offset(a + HOUR):
            x, y = a // US, (a + HOUR) // US  # the offset changes in (x, y], in seconds
            while y - x > 1:
                mid = (x + y) // 2
                x, y = (mid, y) if offset(mid * US) == offset(a) else (x, mid)
            changes.append(y * US)
    return tuple(changes)


def midnight(day: dt.date, tz: zoneinfo.ZoneInfo) -> int:
    """The instant local date ``day`` begins (its 00:00, or the end of a gap over it)."""
    return first_instant_reaching(dt.datetime(day.year, day.month, day.day), tz)


# -- open spans from the definition ------------------------------------------------------------


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if s >= e:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _inside(spans: list[Span], us: int) -> bool:
    """Whether ``us`` lies in one of the sorted, disjoint ``spans``."""
    i = bisect_right(spans, (us, _FAR)) - 1
    return i >= 0 and spans[i][0] <= us < spans[i][1]


def _combine(parts: list[list[Span]], is_open: Callable[..., bool], lo: int, hi: int) -> list[Span]:
    """The spans of ``[lo, hi)`` on which ``is_open(in_part_1, in_part_2, ...)`` holds, found by
    testing every elementary segment between consecutive boundaries of the ``parts`` (each
    sorted and disjoint)."""
    points = sorted({lo, hi, *(x for p in parts for s in p for x in s if lo < x < hi)})
    pieces = [
        (a, b) for a, b in itertools.pairwise(points) if is_open(*(_inside(p, a) for p in parts))
    ]
    return _merge(pieces)


def _holiday_dates(calendar: BusinessCalendar, first: dt.date, last: dt.date) -> set[dt.date]:
    out: set[dt.date] = set()
    for year in range(first.year, last.year + 1):
        out.update(calendar.holidays.in_year(year))
    return out


def open_spans(calendar: Calendar, lo: int, hi: int) -> list[Span]:
    """The open spans of ``calendar`` within ``[lo, hi)``, clipped to it, from its definition."""
    if isinstance(calendar, ComposedCalendar):
        left = open_spans(calendar.left, lo, hi)
        right = open_spans(calendar.right, lo, hi)
        rules = {
            "union": lambda a, b: a or b,
            "intersection": lambda a, b: a and b,
            "difference": lambda a, b: a and not b,
        }
        return _combine([left, right], rules[calendar.operation], lo, hi)
    tz = zoneinfo.ZoneInfo(calendar.timezone)
    # Every window that can reach [lo, hi): an overnight window of the day before runs into it.
    first = local_wall(lo, tz).date() - dt.timedelta(days=2)
    last = local_wall(hi, tz).date() + dt.timedelta(days=1)
    holidays = _holiday_dates(calendar, first, last)
    windows: list[Span] = []
    day = first
    while day <= last:
        if day not in holidays:
            base = dt.datetime(day.year, day.month, day.day)
            for w in calendar.hours.on(day.weekday()):
                windows.append(
                    (
                        first_instant_reaching(base + dt.timedelta(seconds=w.start), tz),
                        first_instant_reaching(base + dt.timedelta(seconds=w.end_offset), tz),
                    )
                )
        day += dt.timedelta(days=1)
    closures = [(to_us(c.start), to_us(c.end)) for c in calendar.closures]
    openings = [(to_us(o.start), to_us(o.end)) for o in calendar.openings]
    return _combine(
        [_merge(windows), _merge(closures), _merge(openings)],
        lambda weekly, closed, opened: (weekly and not closed) or opened,
        lo,
        hi,
    )


@dataclass
class DayReference:
    """A calendar's open time over a range of its local days, computed from the definition, and
    the durations computed on it the slow, obvious way. The range grows when a query needs it.
    """

    calendar: Calendar
    tz: zoneinfo.ZoneInfo = field(init=False)
    first: dt.date = field(init=False)
    last: dt.date = field(init=False)
    spans: list[Span] = field(init=False, default_factory=list)
    _covered: bool = field(init=False, default=False)
    _midnights: dict[dt.date, int] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.tz = zoneinfo.ZoneInfo(self.calendar.timezone)
        self.first = self.last = dt.date(1, 1, 1)

    # -- the days covered ---------------------------------------------------------------------

    def midnight(self, day: dt.date) -> int:
        if day not in self._midnights:
            self._midnights[day] = midnight(day, self.tz)
        return self._midnights[day]

    def cover(self, first: dt.date, last: dt.date) -> None:
        """Make the spans exact for every instant of local days ``first..last``, with two days
        to spare on either side (a span is clipped only at the ends of the covered days)."""
        margin = dt.timedelta(days=2)
        if self._covered and self.first <= first - margin and last + margin <= self.last:
            return
        if self._covered:
            first, last = min(first, self.first), max(last, self.last)
        if last - first > dt.timedelta(days=366 * 20):
            raise AssertionError("the reference found no answer within twenty years")
        # Grow by at least the width already covered, so that a long walk recomputes rarely.
        width = self.last - self.first if self._covered else dt.timedelta(0)
        self.first = first - dt.timedelta(days=7)
        self.last = last + max(dt.timedelta(days=30), width)
        self.spans = open_spans(
            self.calendar,
            self.midnight(self.first),
            self.midnight(self.last + dt.timedelta(days=1)),
        )
        self._covered = True

    def day_of(self, us: int) -> dt.date:
        """The local date of instant ``us``."""
        return local_wall(us, self.tz).date()

    def cover_instant(self, us: int) -> None:
        day = self.day_of(us)
        self.cover(day, day)

    # -- instants -----------------------------------------------------------------------------

    def is_open(self, us: int) -> bool:
        self.cover_instant(us)
        return _inside(self.spans, us)

    def next_open(self, us: int) -> int:
        """``us`` itself when open, else the start of the next open span."""
        here = us
        while True:
            self.cover_instant(here)
            for s, e in self.spans:
                if e > us:
                    return max(s, us)
            # Nothing open in the covered days: look further.
            here = self.midnight(self.last)

    def span_at(self, us: int) -> Span:
        """The whole open span that contains ``us`` (which must be open)."""
        while True:
            self.cover_instant(us)
            s, e = next(x for x in self.spans if x[0] <= us < x[1])
            before = self.last
            self.cover_instant(e)  # a span that reaches the covered days' end may run on
            if self.last == before:
                return s, e

    def add_hours(self, us: int, amount: int, next_open: bool = False) -> int:
        """``add(t, BusinessHours(h))`` for ``h >= 0``: the earliest ``u >= t`` with ``h`` of
        business time in ``[t, u)``; zero is ``t`` when open, else the next opening. With
        ``next_open``, a deadline that uses a span up exactly is reported at the next opening.
        """
        if amount == 0:
            return self.next_open(us)
        left, here = amount, us
        while True:
            here = self.next_open(here)
            end = self.span_at(here)[1]
            if here + left < end:
                return here + left
            if here + left == end:
                return self.next_open(end) if next_open else end
            left -= end - here
            here = end

    def open_time_between(self, a: int, b: int) -> int:
        """Signed business time in ``[a, b)``: the open time of the spans, clipped, summed."""
        if b < a:
            return -self.open_time_between(b, a)
        self.cover(self.day_of(a), self.day_of(b))
        return sum(max(0, min(e, b) - max(s, a)) for s, e in self.spans)

    # -- days ---------------------------------------------------------------------------------

    def _day_spans(self, day: dt.date) -> list[Span]:
        """The open time of local date ``day``: the spans clipped to its first and last instant."""
        self.cover(day, day)
        a, b = self.midnight(day), self.midnight(day + dt.timedelta(days=1))
        i = max(0, bisect_right(self.spans, (a, _FAR)) - 1)  # the first span that can reach a
        out = []
        for s, e in self.spans[i:]:
            if s >= b:
                break
            if e > a:
                out.append((max(s, a), min(e, b)))
        return out

    def is_working_day(self, day: dt.date) -> bool:
        """A working day is a local date with some open time."""
        return bool(self._day_spans(day))

    def working_day_after(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (``day`` itself does not count)."""
        found = 0
        while found < n:
            day += dt.timedelta(days=1)
            found += self.is_working_day(day)
        return day

    def close_of(self, day: dt.date) -> int:
        """The close of a working day: the end of its open time on that date (midnight when it
        is open across midnight)."""
        spans = self._day_spans(day)
        assert spans, f"{day} is not a working day"
        return spans[-1][1]

    # -- the day-level durations ----------------------------------------------------------------

    def business_days_same_time(self, us: int, n: int) -> int:
        """``BusinessDays(n)``, ``n >= 1``: the clock starts at the next open instant; the
        deadline is the same local time of day on the n-th working day after; when that time of
        day is closed on the target day, the deadline is that day's last close before it, or its
        first opening after it when there is none (the working day's own open time, never
        another day's): the close of a window to 24:00 the day before, at the target day's very
        first instant, is the day before's.
        """
        assert n >= 1
        start = self.next_open(us)
        wall = local_wall(start, self.tz)
        target = self.working_day_after(wall.date(), n)
        u = first_instant_reaching(dt.datetime.combine(target, wall.time()), self.tz)
        own = self._day_spans(target)
        if any(s <= u < e for s, e in own):
            return u
        closes = [e for s, e in own if e <= u]
        if closes:
            return closes[-1]
        return next(s for s, e in own if s > u)

    def business_days_close_of_day(self, us: int, n: int) -> int:
        """``BusinessDays(n, "close_of_day")``, ``n >= 1``: the day of receipt does not count;
        the deadline is the close of the n-th working day after it."""
        assert n >= 1
        return self.close_of(self.working_day_after(self.day_of(us), n))

    def calendar_days(self, us: int, n: int) -> int:
        """``CalendarDays(n)``: the end (24:00) of the n-th day after the day of receipt; when
        that day is not a working day, the end of the next working day."""
        day = self.day_of(us) + dt.timedelta(days=n)
        if not self.is_working_day(day):
            day = self.working_day_after(day, 1)
        return self.midnight(day + dt.timedelta(days=1))

    # -- for explanations in failing examples -------------------------------------------------

    def describe(self, first: dt.date, last: dt.date) -> Iterator[str]:
        """The open spans of local days ``first..last`` in local wall time."""
        self.cover(first, last)
        a, b = self.midnight(first), self.midnight(last + dt.timedelta(days=1))
        for s, e in self.spans:
            if s < b and e > a:
                yield f"{from_us(s, self.tz).isoformat()} .. {from_us(e, self.tz).isoformat()}"


# -- the minute-by-minute reference, on small random calendars around DST changes -------------

ZONES = (
    "UTC",
    "Europe/Copenhagen",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",  # half-hour DST
    "Asia/Kolkata",  # +05:30, no DST
    "Pacific/Chatham",  # +12:45 / +13:45
    "America/Santiago",  # DST changes at midnight
)
# Days on or near which one of the zones above changes its offset.
ANCHORS = (
    dt.date(2026, 3, 8),
    dt.date(2026, 3, 29),
    dt.date(2026, 4, 5),
    dt.date(2026, 9, 6),
    dt.date(2026, 9, 27),
    dt.date(2026, 10, 4),
    dt.date(2026, 10, 25),
    dt.date(2026, 11, 1),
    dt.date(2026, 12, 31),
)
GRID_DAYS = 9
GRID_MINUTES = GRID_DAYS * 24 * 60


@dataclass(frozen=True)
class GridCalendar:
    """A small random calendar around a DST change of its zone, and the start of a grid of
    ``GRID_MINUTES`` whole minutes on which its holidays, closures and openings lie."""

    calendar: BusinessCalendar
    zone: str
    grid_start: int  # µs, a whole minute

    def instant(self, minute: int) -> pendulum.DateTime:
        us = self.grid_start + minute * MINUTE
        return pendulum.from_timestamp(us // US, tz=pendulum.timezone(self.zone))


@dataclass(frozen=True)
class MinuteGrid(GridCalendar):
    """A grid calendar and the reference's verdict, open or closed, for every minute."""

    open_minutes: tuple[bool, ...]

    def open_between(self, a: int, b: int) -> int:
        """Open minutes in [a, b) by the reference."""
        return sum(self.open_minutes[a:b])


@st.composite
def grid_calendars(draw: st.DrawFn) -> GridCalendar:
    """A small random calendar from the public strategy, around a DST change of its zone: its
    holidays on the grid's days, its closures and openings on the grid's whole minutes."""
    zone = draw(strategies.timezones(zones=ZONES))
    tz = zoneinfo.ZoneInfo(zone)
    anchor = draw(st.sampled_from(ANCHORS)) + dt.timedelta(days=draw(st.integers(-4, 0)))
    first_day = anchor - dt.timedelta(days=1)
    grid_start = (
        int(dt.datetime(first_day.year, first_day.month, first_day.day, tzinfo=tz).timestamp())
        // 60
        * MINUTE
    )

    def at(minute: int) -> dt.datetime:
        return from_us(grid_start + minute * MINUTE, dt.UTC)

    calendar = draw(
        strategies.business_calendars(
            timezones=st.just(zone),
            holidays=strategies.holiday_sets(
                min_date=first_day - dt.timedelta(days=1),
                max_date=first_day + dt.timedelta(days=GRID_DAYS),
                max_dates=3,
                max_rules=0,
            ),
            min_value=at(0),
            max_value=at(GRID_MINUTES),
            granularity=dt.timedelta(minutes=1),
            max_closures=2,
            max_openings=1,
        )
    )
    return GridCalendar(calendar, zone, grid_start)


def decide_minutes(grid: GridCalendar) -> MinuteGrid:
    """Each minute of the grid decided open or closed from the calendar's definition: the
    local wall time of every minute, the windows of every day that is not a holiday, then the
    closures, then the openings."""
    calendar, tz, grid_start, n = (
        grid.calendar,
        zoneinfo.ZoneInfo(grid.zone),
        grid.grid_start,
        GRID_MINUTES,
    )
    first_day = local_wall(grid_start, tz).date()
    margin = 2 * 24 * 60
    total = n + 2 * margin
    walls = [local_wall(grid_start + (m - margin) * MINUTE, tz) for m in range(total)]

    def first_minute_reaching(wall: dt.datetime) -> int:
        # The wall clock is increasing except in folds; scan forward from a bisection guess.
        k = max(0, bisect_left(walls, wall) - 180)
        while k < total and walls[k] < wall:
            k += 1
        return k - margin

    def minute_of(t: dt.datetime) -> int:
        return (to_us(t) - grid_start) // MINUTE

    holidays = {h.date for h in calendar.holidays.dates}
    is_open = [False] * n
    for offset in range(-2, GRID_DAYS + 2):
        day = first_day + dt.timedelta(days=offset)
        if day in holidays:
            continue
        base = dt.datetime(day.year, day.month, day.day)
        for w in calendar.hours.on(day.weekday()):
            a = first_minute_reaching(base + dt.timedelta(seconds=w.start))
            b = first_minute_reaching(base + dt.timedelta(seconds=w.end_offset))
            for m in range(max(a, 0), min(b, n)):
                is_open[m] = True
    for closure in calendar.closures:
        for k in range(max(minute_of(closure.start), 0), min(minute_of(closure.end), n)):
            is_open[k] = False
    for opening in calendar.openings:
        for k in range(max(minute_of(opening.start), 0), min(minute_of(opening.end), n)):
            is_open[k] = True
    return MinuteGrid(calendar, grid.zone, grid_start, tuple(is_open))


def minute_grids() -> st.SearchStrategy[MinuteGrid]:
    """Grid calendars with the reference's verdict for every minute."""
    return grid_calendars().map(decide_minutes)
