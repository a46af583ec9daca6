"""The pure-integer interval index: open time as sorted intervals of integer microseconds.

Nothing here knows about zones, dates or datetimes: an instant is an ``int`` (µs since the
epoch), a span is a half-open ``(start, end)`` pair, and a day is a date ordinal given from
outside. :class:`YearIndex` is one local year of a calendar, with prefix sums that start at 0 in
that year, so a year's index never depends on which other years have been compiled.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Interval", "YearIndex", "clip", "intersect", "merge", "subtract"]

Interval = tuple[int, int]


def merge(intervals: Sequence[Interval]) -> list[Interval]:
    """Sorted, disjoint, non-touching intervals covering the same time; empty ones dropped.

    >>> merge([(5, 7), (1, 3), (3, 4), (6, 9), (10, 10)])
    [(1, 4), (5, 9)]
    """
    out: list[Interval] = []
    for s, e in sorted(i for i in intervals if i[1] > i[0]):
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def intersect(a: Sequence[Interval], b: Sequence[Interval]) -> list[Interval]:
    """The intersection of two normalised interval lists.

    >>> intersect([(0, 10), (20, 30)], [(5, 25)])
    [(5, 10), (20, 25)]
    """
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
    """``a`` without ``b`` (both normalised).

    >>> subtract([(0, 10)], [(2, 3), (5, 6)])
    [(0, 2), (3, 5), (6, 10)]
    """
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
    """The parts of ``a`` inside ``[lo, hi)``.

    >>> clip([(0, 10), (20, 30)], 5, 25)
    [(5, 10), (20, 25)]
    """
    out: list[Interval] = []
    for s, e in a:
        s2, e2 = max(s, lo), min(e, hi)
        if s2 < e2:
            out.append((s2, e2))
    return out


@dataclass(frozen=True, slots=True, eq=False)
class YearIndex:
    """The open time of one local year ``[lo, hi)``, compiled; never changed once built.

    ``starts``/``ends`` are the open spans clipped to the year (a span that runs across New Year
    ends at ``hi`` here and goes on at the next year's ``lo``). ``cum[k]`` is the open time in
    the year before ``starts[k]``; ``cum[-1]`` is ``total``, all of the year's open time.
    ``days`` are the ordinals of the local dates with open time, ascending, and ``closes[k]`` is
    the end of the open time of ``days[k]``, clipped to its midnight.

    >>> y = YearIndex.build(2026, 0, 100, [(10, 20), (30, 100)], [1, 2], [20, 100])
    >>> (y.total, y.position(35), y.first_at(15), y.last_at(10), y.is_open(100))
    (80, 15, 35, 30, False)
    """

    year: int
    lo: int
    hi: int
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    cum: tuple[int, ...]
    total: int
    days: tuple[int, ...]
    closes: tuple[int, ...]

    @classmethod
    def build(
        cls,
        year: int,
        lo: int,
        hi: int,
        spans: Sequence[Interval],
        days: Sequence[int],
        closes: Sequence[int],
    ) -> YearIndex:
        """The index of sorted, disjoint, non-touching ``spans`` inside ``[lo, hi)``."""
        cum = [0]
        total = 0
        for s, e in spans:
            total += e - s
            cum.append(total)
        return cls(
            year,
            lo,
            hi,
            tuple(s for s, _ in spans),
            tuple(e for _, e in spans),
            tuple(cum),
            total,
            tuple(days),
            tuple(closes),
        )

    @property
    def opens_at_start(self) -> bool:
        """Whether the year is open at its first instant (a span may go on from the year before)."""
        return bool(self.starts) and self.starts[0] == self.lo

    @property
    def open_at_end(self) -> bool:
        """Whether the year is open until its last instant (a span may go on into the next)."""
        return bool(self.ends) and self.ends[-1] == self.hi

    def is_open(self, us: int) -> bool:
        """Whether ``us`` (inside the year) lies in an open span."""
        i = bisect_right(self.starts, us) - 1
        return i >= 0 and us < self.ends[i]

    def position(self, us: int) -> int:
        """Open time in ``[lo, us)`` for ``lo <= us <= hi``."""
        i = bisect_right(self.starts, us) - 1
        if i < 0:
            return 0
        return self.cum[i] + min(us - self.starts[i], self.ends[i] - self.starts[i])

    def first_at(self, pos: int) -> int:
        """The earliest instant with ``pos`` (``0 < pos <= total``) open time before it."""
        cum = self.cum
        k = bisect_left(cum, pos, 1)
        return self.starts[k - 1] + pos - cum[k - 1]

    def last_at(self, pos: int) -> int:
        """The latest instant with ``pos`` (``0 <= pos < total``) open time before it."""
        cum = self.cum
        k = bisect_right(cum, pos) - 1
        return self.starts[k] + pos - cum[k]
