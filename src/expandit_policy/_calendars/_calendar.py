"""Business calendars and the deadline arithmetic on them.

A calendar compiles the local years it is asked about, keeps at most ``_engine.CACHED_YEARS`` of
them (and one total per year it has counted), and replaces what it keeps whole, never in place:
calendars, and the policies that hold them, are safe to share between threads, and every query
gives the answer it would give alone.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, NamedTuple, TypeAlias

import attrs
import pendulum

from .. import _checks, _engine, _time
from .._errors import (
    CalendarNeverOpensError,
    InvalidCalendarError,
    InvalidDurationError,
    PolicyError,
    SpanOutOfRangeError,
    WrongTypeError,
)
from ._durations import BusinessDays, BusinessHours, CalendarDays, ClockHours, Duration
from ._holidays import Holiday, Holidays
from ._hours import WorkingHours
from ._spans import Closure, Opening

__all__ = ["BusinessCalendar", "Calendar", "ComposedCalendar", "Landing"]

Landing: TypeAlias = Literal["close", "next_open"]
Operation: TypeAlias = Literal["union", "intersection", "difference"]
_LANDINGS = ("close", "next_open")


def _as_date(value: object, field: str) -> _dt.date:
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        # Only the years the engine compiles have an answer; others are refused, not guessed.
        if not _engine.MIN_YEAR <= value.year <= _engine.MAX_YEAR:
            raise SpanOutOfRangeError(
                f"{field} must lie between the years {_engine.MIN_YEAR} and "
                f"{_engine.MAX_YEAR}, got {value.isoformat()}"
            )
        return value
    raise WrongTypeError(f"{field} must be a datetime.date, got {value!r} ({type(value).__name__})")


_SIGNALS = (_engine.NeverOpensError, _engine.NoBreakError, _engine.OutOfRangeError)

#: How deeply compositions may nest. Each level compiles its years from the level below, so a
#: deeper chain costs stack and time for no gain: build one BusinessCalendar instead.
MAX_COMPOSITION_DEPTH = 64
#: The most calendars one composition may combine, counting a calendar each time it is used: a
#: calendar composed with itself twenty times over nests only twenty deep but combines a million.
MAX_COMPOSITION_PARTS = 256


def _translated(exc: Exception, what: str, duration: bool = True) -> Exception:
    """The library's typed error for one of the engine's internal signals; ``duration`` says
    whether ``what`` measures a duration (which a smaller one may bring inside the range)."""
    if isinstance(exc, _engine.NeverOpensError):
        return CalendarNeverOpensError(
            f"{what}: the calendar has no open time {exc.direction} {exc.year}: outside the years "
            f"of its closures, openings and holiday dates its weekly hours and holidays leave "
            f"none in {_engine.NEVER_OPEN_YEARS} years, so they never do; check its hours, "
            f"holidays, closures and composition"
        )
    if isinstance(exc, _engine.NoBreakError):
        # Reporting the end of the searched span as a close or an opening would invent one.
        event = "close" if exc.direction == "after" else "opening"
        if exc.edge:
            end = _engine.MAX_YEAR if exc.direction == "after" else _engine.MIN_YEAR
            return SpanOutOfRangeError(
                f"{what}: the calendar stays open without a break from {exc.year} to the "
                f"{'end' if exc.direction == 'after' else 'start'} of the year {end}, the "
                f"{'last' if exc.direction == 'after' else 'first'} year a calendar covers, so "
                f"there is no {event} to report"
            )
        return SpanOutOfRangeError(
            f"{what}: the calendar stays open without a break {exc.direction} {exc.year}: "
            f"outside the years of its closures, openings and holiday dates its weekly hours "
            f"and holidays leave no break in {_engine.NEVER_OPEN_YEARS} years, so it never "
            f"{'closes' if exc.direction == 'after' else 'opened'}; there is no {event} to report"
        )
    assert isinstance(exc, _engine.OutOfRangeError)
    rate = (
        f" (about {round(exc.yearly_us / _time.US_PER_HOUR)} open hours a year)"
        if exc.yearly_us
        else ""
    )
    if not duration:
        return SpanOutOfRangeError(
            f"{what} would need the calendar outside the years {_engine.MIN_YEAR} to "
            f"{_engine.MAX_YEAR}, which no calendar covers; ask about an instant further inside"
        )
    return SpanOutOfRangeError(
        f"{what} would end outside the years {_engine.MIN_YEAR} to {_engine.MAX_YEAR}"
        f"{rate}; use a smaller duration"
    )


class _CalendarOps:
    """Deadline arithmetic shared by every calendar kind (a compiled timeline underneath)."""

    __slots__ = ()

    # Provided by the concrete classes.
    _timeline: _engine.Timeline | None
    _pzone: pendulum.Timezone

    @property
    def zone(self) -> pendulum.Timezone:
        """The calendar's time zone; every result is expressed in it."""
        return self._pzone

    def _chunk(self, year: int, lo: int, hi: int, wall: _engine.Wall) -> list[_engine.Interval]:
        raise NotImplementedError

    def _quick_total(self, year: int, zone: _engine.ZoneYear, days: bool) -> int | None:
        """A year's open time (or number of working days) without compiling its spans, or None
        (see ``Timeline.total``)."""
        return None

    def _dated(self) -> tuple[int, int] | None:
        """The first and last year touched by a dated exception (a closure, an opening, an
        explicit holiday date), with a year to spare for zones, or None: outside them the
        calendar's open time repeats (see ``_engine.NEVER_OPEN_YEARS``)."""
        raise NotImplementedError

    def _tl(self) -> _engine.Timeline:
        tl = self._timeline
        if tl is None:
            tl = _engine.Timeline(
                _time.stdlib_zone(self._pzone.key),
                self._chunk,
                _spread(self._dated()),
                self._quick_total,
            )
            object.__setattr__(self, "_timeline", tl)
        return tl

    def _out(self, us: int) -> pendulum.DateTime:
        return (self._timeline or self._tl()).to_datetime(us, self._pzone)

    # -- instants ----------------------------------------------------------------------------

    def is_open(self, t: _dt.datetime) -> bool:
        """Whether the calendar is open at instant ``t`` (open spans include their start, not
        their end).

        >>> from expandit_policy import presets
        >>> dk = presets.denmark()
        >>> dk.is_open(pendulum.datetime(2026, 3, 2, 8, tz="Europe/Copenhagen"))
        True
        >>> dk.is_open(pendulum.datetime(2026, 3, 2, 16, tz="Europe/Copenhagen"))
        False
        """
        us = _time.to_us(t)
        try:
            return self._tl().is_open(_time.check_range(us, "t"))
        except _SIGNALS as exc:
            raise _translated(exc, f"is_open({t.isoformat()})", duration=False) from None

    def next_open(self, t: _dt.datetime) -> pendulum.DateTime:
        """``t`` itself when open, else the start of the next open span.

        >>> from expandit_policy import presets
        >>> presets.denmark().next_open(pendulum.datetime(2026, 3, 6, 17, tz="Europe/Copenhagen"))
        DateTime(2026, 3, 9, 8, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        """
        us = _time.check_range(_time.to_us(t), "t")
        try:
            return self._out(self._tl().next_open(us))
        except _SIGNALS as exc:
            raise _translated(exc, f"next_open({t.isoformat()})", duration=False) from None

    def next_close(self, t: _dt.datetime) -> pendulum.DateTime:
        """The first close strictly after ``t``: the end of the span ``t`` is in, or of the next.

        >>> from expandit_policy import presets
        >>> presets.denmark().next_close(pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen"))
        DateTime(2026, 3, 2, 16, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        """
        us = _time.check_range(_time.to_us(t), "t")
        try:
            return self._out(self._tl().next_close(us))
        except _SIGNALS as exc:
            raise _translated(exc, f"next_close({t.isoformat()})", duration=False) from None

    def previous_open(self, t: _dt.datetime) -> pendulum.DateTime:
        """The latest opening at or before ``t``.

        >>> from expandit_policy import presets
        >>> dk = presets.denmark()
        >>> dk.previous_open(pendulum.datetime(2026, 3, 7, 12, tz="Europe/Copenhagen"))
        DateTime(2026, 3, 6, 8, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        """
        us = _time.check_range(_time.to_us(t), "t")
        try:
            return self._out(self._tl().previous_open(us))
        except _SIGNALS as exc:
            raise _translated(exc, f"previous_open({t.isoformat()})", duration=False) from None

    def previous_close(self, t: _dt.datetime) -> pendulum.DateTime:
        """The latest close at or before ``t``.

        >>> from expandit_policy import presets
        >>> dk = presets.denmark()
        >>> dk.previous_close(pendulum.datetime(2026, 3, 9, 7, tz="Europe/Copenhagen"))
        DateTime(2026, 3, 6, 16, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        """
        us = _time.check_range(_time.to_us(t), "t")
        try:
            return self._out(self._tl().previous_close(us))
        except _SIGNALS as exc:
            raise _translated(exc, f"previous_close({t.isoformat()})", duration=False) from None

    def open_spans(
        self, start: _dt.datetime, end: _dt.datetime
    ) -> list[tuple[pendulum.DateTime, pendulum.DateTime]]:
        """The open spans between two instants, clipped to ``[start, end)``.

        >>> from expandit_policy import presets
        >>> dk = presets.denmark()
        >>> spans = dk.open_spans(pendulum.datetime(2026, 3, 6, 12, tz="Europe/Copenhagen"),
        ...                       pendulum.datetime(2026, 3, 9, 10, tz="Europe/Copenhagen"))
        >>> [(a.isoformat(), b.isoformat()) for a, b in spans]
        [('2026-03-06T12:00:00+01:00', '2026-03-06T16:00:00+01:00'), ('2026-03-09T08:00:00+01:00', '2026-03-09T10:00:00+01:00')]
        """
        a = _time.check_range(_time.to_us(start, "start"), "start")
        b = _time.check_range(_time.to_us(end, "end"), "end")
        try:
            return [(self._out(s), self._out(e)) for s, e in self._tl().spans(a, b)]
        except _SIGNALS as exc:
            raise _translated(exc, "open_spans", duration=False) from None

    # -- days --------------------------------------------------------------------------------

    def is_working_day(self, day: _dt.date) -> bool:
        """Whether the calendar is open at some time during local date ``day``.

        >>> import datetime
        >>> from expandit_policy import presets
        >>> presets.denmark().is_working_day(datetime.date(2026, 12, 25))
        False
        """
        d = _as_date(day, "day")
        try:
            return self._tl().is_working_day(d.toordinal())
        except _SIGNALS as exc:
            raise _translated(exc, f"is_working_day({d})", duration=False) from None

    def working_days_between(self, first: _dt.date, last: _dt.date) -> int:
        """The working days ``d`` with ``first <= d < last`` (zero when ``last <= first``).

        >>> import datetime
        >>> from expandit_policy import presets
        >>> presets.denmark().working_days_between(datetime.date(2026, 12, 21),
        ...                                        datetime.date(2026, 12, 28))
        4
        """
        a = _as_date(first, "first").toordinal()
        b = _as_date(last, "last").toordinal()
        try:
            return self._tl().working_days_between(a, b)
        except _SIGNALS as exc:
            raise _translated(
                exc, f"working_days_between({first}, {last})", duration=False
            ) from None

    # -- arithmetic --------------------------------------------------------------------------

    def between(self, a: _dt.datetime, b: _dt.datetime) -> _dt.timedelta:
        """Signed business time in ``[a, b)``: negative when ``b`` is before ``a``.

        >>> from expandit_policy import presets
        >>> dk = presets.denmark()
        >>> dk.between(pendulum.datetime(2026, 3, 6, 15, tz="Europe/Copenhagen"),
        ...            pendulum.datetime(2026, 3, 9, 9, tz="Europe/Copenhagen"))
        datetime.timedelta(seconds=7200)
        """
        tl, zone = self._timeline or self._tl(), self._pzone
        x = tl.instant(a, zone)  # the zone's offset table: None when it cannot tell
        if x is None:
            x = _time.check_range(_time.to_us(a, "a"), "a")
        y = tl.instant(b, zone)
        if y is None:
            y = _time.check_range(_time.to_us(b, "b"), "b")
        try:
            return _time.us_timedelta(tl.between(x, y))
        except _SIGNALS as exc:
            raise _translated(exc, "between", duration=False) from None

    def add(
        self, t: _dt.datetime, duration: Duration, landing: Landing = "close"
    ) -> pendulum.DateTime:
        """The deadline ``duration`` after ``t`` on this calendar.

        For business hours: the earliest instant with that much open time since ``t``; an arrival
        while closed starts the clock at the next opening; a deadline that uses a span up exactly
        lands on its close, or with ``landing="next_open"`` on the next opening.

        >>> from expandit_policy import BusinessDays, BusinessHours, CalendarDays, presets
        >>> dk = presets.denmark()
        >>> friday = pendulum.datetime(2026, 3, 6, 15, tz="Europe/Copenhagen")
        >>> dk.add(friday, BusinessHours(2))
        DateTime(2026, 3, 9, 9, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        >>> dk.add(friday, BusinessHours(1))
        DateTime(2026, 3, 6, 16, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        >>> dk.add(friday, BusinessHours(1), landing="next_open")
        DateTime(2026, 3, 9, 8, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        >>> dk.add(friday, BusinessDays(2))
        DateTime(2026, 3, 10, 15, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        >>> dk.add(friday, BusinessDays(2, "close_of_day"))
        DateTime(2026, 3, 10, 16, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        >>> dk.add(friday, CalendarDays(14))
        DateTime(2026, 3, 21, 0, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        """
        tl = self._timeline or self._tl()
        # The commonest queries: the engine answers the usual case in one step from datetime
        # to DateTime, or declines (None) and they go the careful way below.
        fast: pendulum.DateTime | None = None
        try:
            if type(duration) is BusinessHours:
                if duration._us > 0 and (landing == "close" or landing == "next_open"):
                    fast = tl.add_open_time(t, duration._us, landing == "next_open", self._pzone)
            elif type(duration) is BusinessDays and duration.days and landing == "close":
                fast = tl.add_working_days(
                    t, duration.days, duration.reading == "close_of_day", self._pzone
                )
            if fast is not None:
                return fast
            us = tl.instant(t, self._pzone)  # the zone's offset table: None when it cannot tell
            if us is None:
                us = _time.check_range(_time.to_us(t), "t")
            if landing not in _LANDINGS:
                raise InvalidDurationError(
                    f"landing must be 'close' or 'next_open', got {landing!r}"
                )
            return tl.to_datetime(self._add_us(us, duration, landing == "next_open"), self._pzone)
        except _SIGNALS as exc:
            raise _translated(exc, f"adding {duration} from {t.isoformat()}") from None

    def _add_us(self, us: int, duration: Duration, next_open: bool) -> int:
        tl = self._timeline or self._tl()
        kind = type(duration)
        if kind is BusinessHours:
            amount = duration._us  # type: ignore[union-attr]
            if amount >= 0:
                return tl.add(us, amount, next_open)
            return tl.subtract(us, -amount)
        if next_open and kind in (CalendarDays, ClockHours):
            raise InvalidDurationError(
                f"landing='next_open' applies to business durations only, got {duration!r}; "
                f"{kind.__name__} is not measured in open time"
            )
        if kind is ClockHours:
            return _clock(us + duration._us)  # type: ignore[union-attr]
        if kind is BusinessDays:
            if duration.days and duration.reading == "same_time" and not next_open:  # type: ignore[union-attr]
                return tl.same_time_after(us, duration.days)  # type: ignore[union-attr]
            return self._add_days(tl, us, duration, next_open)  # type: ignore[arg-type]
        if kind is CalendarDays:
            day = tl.local_parts(us)[0] + duration.days  # type: ignore[union-attr]
            if day > _LAST_DAY:  # past the last day a calendar covers (and perhaps any date)
                raise _engine.OutOfRangeError(0)
            if not tl.is_working_day(day):
                day = tl.working_day_after(day, 1)
            return tl.wall_us(day + 1, 0)
        raise InvalidDurationError(
            f"duration must be BusinessHours, BusinessDays, CalendarDays or ClockHours, "
            f"got {duration!r} ({type(duration).__name__})"
        )

    def _add_days(
        self, tl: _engine.Timeline, us: int, duration: BusinessDays, next_open: bool
    ) -> int:
        n = duration.days
        if duration.reading == "close_of_day":
            if n == 0:
                result = tl.close_of_day(tl.local_parts(tl.add(us, 0))[0])
            else:
                result = tl.close_of_day_after(us, n)
        else:
            if n == 0:
                return tl.add(us, 0)
            result = tl.same_time_after(us, n)
        if next_open and not tl.is_open(result) and tl.previous_close(result) == result:
            result = tl.next_open(result)
        return result

    def add_many(
        self,
        instants: Iterable[_dt.datetime],
        duration: Duration,
        landing: Landing = "close",
    ) -> list[pendulum.DateTime]:
        """``add`` for a batch of instants, in order (a notebook's column of tickets).

        >>> from expandit_policy import BusinessHours, presets
        >>> dk = presets.denmark()
        >>> arrivals = [pendulum.datetime(2026, 3, 2, h, tz="Europe/Copenhagen") for h in (7, 15)]
        >>> [d.isoformat() for d in dk.add_many(arrivals, BusinessHours(2))]
        ['2026-03-02T10:00:00+01:00', '2026-03-03T09:00:00+01:00']
        """
        if landing not in _LANDINGS:
            raise InvalidDurationError(f"landing must be 'close' or 'next_open', got {landing!r}")
        next_open = landing == "next_open"
        tl = self._tl()
        out, zone = tl.to_datetime, self._pzone
        results: list[pendulum.DateTime] = []
        append = results.append
        try:
            if type(duration) is BusinessHours and duration._us > 0:
                amount, tl_add, fast = duration._us, tl.add, tl.add_open_time
                for k, t in enumerate(instants):
                    # The one-step engine path when it can (as in ``add``), else the careful one.
                    done = fast(t, amount, next_open, zone)
                    if done is None:
                        done = out(tl_add(_checked_instant(t, k), amount, next_open), zone)
                    append(done)
            else:
                for us in _checked_instants(instants, tl, zone):
                    append(out(self._add_us(us, duration, next_open), zone))
        except _SIGNALS as exc:
            raise _translated(exc, f"adding {duration} to a batch") from None
        return results

    def subtract(self, t: _dt.datetime, duration: Duration) -> pendulum.DateTime:
        """The latest instant ``duration`` before ``t``: the mirror of :meth:`add`.

        Supports business hours, clock hours and ``BusinessDays`` in the ``"same_time"``
        reading; the other day readings count forward from a day of receipt and have no mirror.

        >>> from expandit_policy import BusinessHours, presets
        >>> dk = presets.denmark()
        >>> dk.subtract(pendulum.datetime(2026, 3, 9, 9, tz="Europe/Copenhagen"), BusinessHours(2))
        DateTime(2026, 3, 6, 15, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        """
        us = _time.check_range(_time.to_us(t), "t")
        tl = self._tl()
        try:
            if isinstance(duration, BusinessHours):
                # Not by negating: zero (and -0.0, which equals it) subtracted is the previous
                # close when closed, where zero added is the next opening.
                amount = duration._us
                return self._out(tl.subtract(us, amount) if amount >= 0 else tl.add(us, -amount))
            if isinstance(duration, ClockHours):
                return self._out(_clock(us - duration._us))
            if isinstance(duration, BusinessDays) and duration.reading == "same_time":
                n = duration.days
                start = tl.subtract(us, 0)
                if n == 0:
                    return self._out(start)
                day, seconds, micro = tl.local_parts(start)
                if seconds == 0 and micro == 0 and not tl.is_open(start):
                    # A close at midnight ends the day before's open time (a window to 24:00):
                    # the clock stops at 24:00 of that day, not at 00:00 of the next.
                    day, seconds = day - 1, 86_400
                target_day = tl.working_day_before(day, n)
                wall = tl.wall_time_us(target_day, seconds, micro)
                return self._out(tl.settle_on_day(wall, target_day))
            raise InvalidDurationError(
                f"subtract supports BusinessHours, ClockHours and BusinessDays(n, 'same_time'), "
                f"got {duration!r}"
            )
        except _SIGNALS as exc:
            raise _translated(exc, f"subtracting {duration} from {t.isoformat()}") from None

    # -- composition -------------------------------------------------------------------------

    def union(self, other: Calendar) -> ComposedCalendar:
        """Open when either calendar is open (results in this calendar's zone).

        >>> from expandit_policy import presets
        >>> both = presets.denmark().union(presets.germany())
        >>> both.is_open(pendulum.datetime(2026, 3, 2, 16, 30, tz="Europe/Copenhagen"))
        True
        """
        return ComposedCalendar("union", _as_calendar(self), _as_calendar(other))

    def intersection(self, other: Calendar) -> ComposedCalendar:
        """Open when both calendars are open.

        >>> from expandit_policy import presets
        >>> both = presets.denmark().intersection(presets.germany())
        >>> both.is_open(pendulum.datetime(2026, 3, 2, 16, 30, tz="Europe/Copenhagen"))
        False
        """
        return ComposedCalendar("intersection", _as_calendar(self), _as_calendar(other))

    def difference(self, other: Calendar) -> ComposedCalendar:
        """Open when this calendar is open and ``other`` is not: a desk minus a person's absences.

        >>> from expandit_policy import BusinessCalendar, presets
        >>> absent = BusinessCalendar.from_weekly("Europe/Copenhagen", {"mon": [("08:00", "12:00")]})
        >>> me = presets.denmark().difference(absent)
        >>> me.next_open(pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen"))
        DateTime(2026, 3, 2, 12, 0, 0, tzinfo=Timezone('Europe/Copenhagen'))
        """
        return ComposedCalendar("difference", _as_calendar(self), _as_calendar(other))

    __or__ = union
    __and__ = intersection
    __sub__ = difference


_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
#: The ordinal of the last local date a calendar covers.
_LAST_DAY = _dt.date(_engine.MAX_YEAR, 12, 31).toordinal()


def _clock(us: int) -> int:
    """An instant reached by clock hours; the engine's range signal when outside the range."""
    if not _time.MIN_US <= us <= _time.MAX_US:
        raise _engine.OutOfRangeError(0)
    return us


def _checked_instants(
    instants: Iterable[_dt.datetime], tl: _engine.Timeline, zone: pendulum.Timezone
) -> Iterator[int]:
    """Engine instants for a batch; an error names the offending item by position."""
    instant = tl.instant
    for k, t in enumerate(instants):
        us = instant(t, zone)  # the zone's offset table: None when it cannot tell
        yield _checked_instant(t, k) if us is None else us


def _checked_instant(t: _dt.datetime, k: int) -> int:
    """The engine instant of item ``k`` of a batch; an error names the item by position."""
    try:
        return _time.check_range(_time.to_us(t), "t")
    except PolicyError:  # again, to name the item (not done up front: it costs a format)
        return _time.check_range(_time.to_us(t, f"instants[{k}]"), f"instants[{k}]")


@attrs.frozen
class _Spans:
    """Sorted, disjoint spans (``merge``'s output) with their ends, for bisection."""

    spans: list[_engine.Interval]
    starts: list[int] = attrs.field(init=False)
    ends: list[int] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "starts", [s for s, _ in self.spans])
        object.__setattr__(self, "ends", [e for _, e in self.spans])

    def __bool__(self) -> bool:
        return bool(self.spans)

    def __iter__(self) -> Iterator[_engine.Interval]:
        return iter(self.spans)

    def within(self, lo: int, hi: int) -> list[_engine.Interval]:
        """The spans that reach into ``[lo, hi)``."""
        return self.spans[bisect.bisect_right(self.ends, lo) : bisect.bisect_left(self.starts, hi)]


class _Exceptions(NamedTuple):
    """A calendar's closures and openings, merged and sorted."""

    closed: _Spans
    opened: _Spans


def _spread(years: tuple[int, int] | None) -> tuple[int, int] | None:
    """Dated years widened by one either side: a UTC instant's local year is a neighbour."""
    return None if years is None else (years[0] - 1, years[1] + 1)


def _as_calendar(value: object) -> Calendar:
    if isinstance(value, BusinessCalendar | ComposedCalendar):
        return value
    raise WrongTypeError(
        f"other must be a BusinessCalendar or ComposedCalendar, got {value!r} "
        f"({type(value).__name__})"
    )


def _part(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, BusinessCalendar | ComposedCalendar):
        raise WrongTypeError(
            f"{_checks.field_name(inst, attribute)} must be a BusinessCalendar or "
            f"ComposedCalendar, got {_checks.got(value)}"
        )


def _timezone_name(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _time.zone(value)


def _closures(value: Iterable[Closure | tuple[_dt.datetime, _dt.datetime]]) -> tuple[Closure, ...]:
    out = []
    for k, c in enumerate(_checks.check_iterable(value, "BusinessCalendar.closures")):
        if isinstance(c, Closure):
            out.append(c)
        elif isinstance(c, tuple | list) and len(c) in (2, 3):
            out.append(Closure(*c))
        else:
            raise WrongTypeError(
                f"closures[{k}] must be a Closure or a (start, end) pair of aware datetimes, "
                f"got {c!r}"
            )
    return tuple(out)


def _openings(value: Iterable[Opening | tuple[_dt.datetime, _dt.datetime]]) -> tuple[Opening, ...]:
    out = []
    for k, o in enumerate(_checks.check_iterable(value, "BusinessCalendar.openings")):
        if isinstance(o, Opening):
            out.append(o)
        elif isinstance(o, tuple | list) and len(o) in (2, 3):
            out.append(Opening(*o))
        else:
            raise WrongTypeError(
                f"openings[{k}] must be an Opening or a (start, end) pair of aware datetimes, "
                f"got {o!r}"
            )
    return tuple(out)


def _working_hours(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, WorkingHours):
        raise WrongTypeError(
            f"BusinessCalendar.hours must be a WorkingHours, got {value!r} ({type(value).__name__}); build one "
            f'with WorkingHours.from_weekly({{"mon": [("09:00", "17:00")]}}), or the whole '
            f'calendar with BusinessCalendar.from_weekly(timezone, {{"mon": [("09:00", "17:00")]}})'
        )


def _holidays(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Holidays):
        raise WrongTypeError(
            f"BusinessCalendar.holidays must be a Holidays, got {value!r} ({type(value).__name__}); build one "
            f"with Holidays.from_dates([datetime.date(2026, 12, 25)]), or pass the dates to "
            f"BusinessCalendar.from_weekly"
        )


@attrs.frozen
class BusinessCalendar(_CalendarOps):
    """When a desk is open: a time zone, weekly hours, holidays, closures and special openings.

    Open time is the weekly windows of every day that is not a holiday, minus the closures, plus
    the special openings: an opening wins over a closure and a holiday; a closure wins over the
    weekly hours. Immutable, hashable and picklable; change it with ``attrs.evolve``. Safe to
    share between threads: its compiled years are a bounded cache, replaced whole.

    >>> import datetime
    >>> desk = BusinessCalendar.from_weekly(
    ...     "Europe/Copenhagen",
    ...     {d: [("09:00", "17:00")] for d in ("mon", "tue", "wed", "thu", "fri")},
    ...     holidays=[datetime.date(2026, 12, 24)],
    ... )
    >>> desk.is_working_day(datetime.date(2026, 12, 24))
    False
    >>> desk.timezone
    'Europe/Copenhagen'
    """

    timezone: str = attrs.field(validator=_timezone_name)
    """The IANA zone in which the weekly hours and holidays are read."""
    hours: WorkingHours = attrs.field(validator=_working_hours)
    """The weekly windows."""
    holidays: Holidays = attrs.field(factory=Holidays, validator=_holidays)
    """Whole local days on which the weekly windows do not open."""
    closures: tuple[Closure, ...] = attrs.field(default=(), converter=_closures)
    """Spans during which the calendar is closed whatever the weekly hours say."""
    openings: tuple[Opening, ...] = attrs.field(default=(), converter=_openings)
    """Spans during which the calendar is open whatever else says."""
    name: str = attrs.field(default="", validator=_checks.label)
    """A label for explanations and reports."""
    _pzone: pendulum.Timezone = attrs.field(init=False, eq=False, repr=False)
    _timeline: _engine.Timeline | None = attrs.field(init=False, default=None, eq=False, repr=False)
    # The closures and openings merged and sorted once (see ``_exceptions``).
    _sorted: _Exceptions | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_pzone", _time.zone(self.timezone))
        if not any(self.hours.days) and not self.openings:
            raise CalendarNeverOpensError(
                "the calendar never opens: weekly hours are empty and there are no special "
                'openings; give at least one window, e.g. {"mon": [("08:00", "16:00")]}'
            )

    @classmethod
    def from_weekly(
        cls,
        timezone: str,
        weekly: Mapping[str, Sequence[Sequence[str | bool]]],
        holidays: Iterable[_dt.date | Holiday] | Holidays = (),
        closures: Iterable[Closure | tuple[_dt.datetime, _dt.datetime]] = (),
        *,
        openings: Iterable[Opening | tuple[_dt.datetime, _dt.datetime]] = (),
        name: str = "",
    ) -> BusinessCalendar:
        """A calendar from plain values: a zone name, ``{"mon": [("08:00", "16:00")], ...}``,
        holiday dates and ``(start, end)`` closures.

        >>> cal = BusinessCalendar.from_weekly("Europe/Berlin", {"sat": [("10:00", "14:00")]})
        >>> cal.next_open(pendulum.datetime(2026, 3, 2, tz="Europe/Berlin"))
        DateTime(2026, 3, 7, 10, 0, 0, tzinfo=Timezone('Europe/Berlin'))
        """
        _time.zone(timezone)
        hols = holidays if isinstance(holidays, Holidays) else Holidays.from_dates(holidays)
        return cls(
            timezone,
            WorkingHours.from_weekly(weekly),
            hols,
            _closures(closures),
            _openings(openings),
            name,
        )

    def __getstate__(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in attrs.fields(type(self)) if f.init}

    def __setstate__(self, state: dict[str, object]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)
        object.__setattr__(self, "_timeline", None)
        object.__setattr__(self, "_sorted", None)
        object.__setattr__(self, "_pzone", _time.zone(self.timezone))

    def _dated(self) -> tuple[int, int] | None:
        closed, opened = self._exceptions()
        years = [_time.utc_year(us) for spans in (closed, opened) for span in spans for us in span]
        years += [h.date.year for h in self.holidays.dates]
        return (min(years), max(years)) if years else None

    def _exceptions(self) -> _Exceptions:
        """The closures and the openings as merged, sorted spans: sorted once per calendar, so
        a year's compile takes the few that reach into it by bisection."""
        got = self._sorted
        if got is None:
            got = _Exceptions(
                _Spans(_engine.merge([c.as_us() for c in self.closures])),
                _Spans(_engine.merge([o.as_us() for o in self.openings])),
            )
            object.__setattr__(self, "_sorted", got)
        return got

    def _quick_total(self, year: int, zone: _engine.ZoneYear, days: bool) -> int | None:
        """Local year ``year``'s open time counted from the weekly hours, without its spans:
        what ``_chunk`` returns, summed, when no closure or opening reaches into the year. With
        ``days``, the number of its working days instead (see ``_quick_days``).

        Weekly windows never overlap, so the year's open time is the sum of its days' windows'
        lengths (clipped to the year). A window's length is its wall-clock length unless an
        offset change falls inside it, and only days within two of a change (and the days at
        the year's ends, whose windows the year's bounds clip) can hold one: those are measured
        with ``wall`` as ``_chunk`` does, every other day counts its weekday's wall-clock length.
        """
        lo, hi, wall = zone.lo, zone.hi, zone.wall_us
        exceptions = self._exceptions()
        if exceptions.closed.within(lo, hi) or exceptions.opened.within(lo, hi):
            return None
        first = _dt.date(year, 1, 1).toordinal() - 1  # the last day of the year before
        last = _dt.date(year, 12, 31).toordinal()
        closed = {d.toordinal() for y in (year - 1, year) for d in self.holidays.in_year(y)}
        measured = {first, first + 1, last - 1, last}
        for t in zone.tr_us:
            day = (t + zone.offset(t)) // _time.US_PER_DAY + _EPOCH_ORDINAL
            measured.update(range(day - 2, day + 2))
        if days:
            return self._quick_days(first, last, closed, measured, wall)
        week = self.hours.days
        total = 0
        for ordinal in measured:
            if first <= ordinal <= last and ordinal not in closed:
                for w in week[(ordinal - 1) % 7]:
                    s, e = max(lo, wall(ordinal, w.start)), min(hi, wall(ordinal, w.end_offset))
                    if e > s:
                        total += e - s
        # Every other day: its weekday's wall-clock length, unless it is a holiday.
        nominal = [sum(w.end_offset - w.start for w in day) * _time.US_PER_SECOND for day in week]
        span = last - first + 1
        whole, rest = divmod(span, 7)
        for k in range(7):
            # ordinals first + k, first + k + 7, ...: weekday (first + k - 1) % 7
            total += nominal[(first + k - 1) % 7] * (whole + (k < rest))
        for ordinal in measured | closed:
            if first <= ordinal <= last:
                # A measured day was counted above; a holiday has no open time.
                total -= nominal[(ordinal - 1) % 7]
        return total

    def _quick_days(
        self, first: int, last: int, closed: set[int], measured: set[int], wall: _engine.Wall
    ) -> int:
        """The working days of the year ``[first + 1, last]`` (date ordinals): the dates with
        open time, as ``Timeline`` finds them in compiled spans. A date has open time when one
        of its own windows or an overnight window of the day before (neither a holiday) reaches
        into it; away from offset changes every window has its wall-clock length, so that is
        read from the weekly hours, and near one (the ``measured`` days) it is measured."""
        week = self.hours.days
        own = [bool(day) for day in week]
        overnight = [any(w.end_offset > 86_400 for w in day) for day in week]
        count = 0
        for d in range(first + 1, last + 1):
            wd, prev = (d - 1) % 7, (d - 2) % 7
            if d not in measured:
                if (own[wd] and d not in closed) or (overnight[prev] and d - 1 not in closed):
                    count += 1
                continue
            a, b = wall(d, 0), wall(d + 1, 0)
            reach = [] if d in closed else [(d, w) for w in week[wd]]
            if d - 1 not in closed:
                reach += [(d - 1, w) for w in week[prev] if w.end_offset > 86_400]
            for day, w in reach:
                if max(a, wall(day, w.start)) < min(b, wall(day, w.end_offset)):
                    count += 1
                    break
        return count

    def _chunk(self, year: int, lo: int, hi: int, wall: _engine.Wall) -> list[_engine.Interval]:
        exceptions = self._exceptions()
        shut = exceptions.closed.within(lo, hi)
        opened = exceptions.opened.within(lo, hi)
        if shut and not opened and shut[0][0] <= lo and shut[0][1] >= hi:
            return []  # the whole year inside one closure: no windows to build

        first = _dt.date(year, 1, 1).toordinal() - 1  # the last day of the year before
        last = _dt.date(year, 12, 31).toordinal()
        closed = {d.toordinal() for y in (year - 1, year) for d in self.holidays.in_year(y)}
        # Per weekday, Monday first, as date ordinals count them ((ordinal - 1) % 7 is the
        # weekday): the windows' bounds in seconds after the day's midnight.
        week = [[(w.start, w.end_offset) for w in day] for day in self.hours.days]
        windows: list[_engine.Interval] = []
        append = windows.append
        for ordinal in range(first, last + 1):
            if ordinal in closed:
                continue
            for start, end in week[(ordinal - 1) % 7]:
                append((wall(ordinal, start), wall(ordinal, end)))
        spans = _engine.merge(windows)
        if shut:
            spans = _engine.subtract(spans, shut)
        if opened:
            spans = _engine.merge(spans + opened)
        return _engine.clip(spans, lo, hi)


@attrs.frozen
class ComposedCalendar(_CalendarOps):
    """Two calendars combined: ``union`` (either open), ``intersection`` (both open) or
    ``difference`` (the left open and the right closed). Results are in the left one's zone.
    Compositions nest at most ``MAX_COMPOSITION_DEPTH`` (64) deep; past that, an
    :class:`~expandit_policy.InvalidCalendarError` says to combine the calendars otherwise.

    >>> from expandit_policy import presets
    >>> desk = presets.denmark()
    >>> (desk | presets.germany()).operation
    'union'
    """

    operation: Operation = attrs.field(
        validator=_checks.one_of(("union", "intersection", "difference"))
    )
    """How the two calendars combine."""
    left: Calendar = attrs.field(validator=_part)
    """The first calendar; its zone is the composed calendar's zone."""
    right: Calendar = attrs.field(validator=_part)
    """The second calendar."""
    _pzone: pendulum.Timezone = attrs.field(init=False, eq=False, repr=False)
    _timeline: _engine.Timeline | None = attrs.field(init=False, default=None, eq=False, repr=False)
    _depth: int = attrs.field(init=False, default=1, eq=False, repr=False)
    _parts: int = attrs.field(init=False, default=2, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        _as_calendar(self.left)
        _as_calendar(self.right)
        object.__setattr__(self, "_pzone", self.left.zone)
        object.__setattr__(self, "_depth", _composition_depth(self.left, self.right))
        object.__setattr__(self, "_parts", _composition_parts(self.left, self.right))

    @property
    def timezone(self) -> str:
        """The IANA zone of the composed calendar (the left one's)."""
        return self.left.timezone

    def __getstate__(self) -> dict[str, object]:
        return {"operation": self.operation, "left": self.left, "right": self.right}

    def __setstate__(self, state: dict[str, object]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)
        object.__setattr__(self, "_timeline", None)
        object.__setattr__(self, "_pzone", self.left.zone)
        object.__setattr__(self, "_depth", _composition_depth(self.left, self.right))
        object.__setattr__(self, "_parts", _composition_parts(self.left, self.right))

    def _dated(self) -> tuple[int, int] | None:
        parts = [d for d in (_spread(self.left._dated()), _spread(self.right._dated())) if d]
        if not parts:
            return None
        return min(d[0] for d in parts), max(d[1] for d in parts)

    def _chunk(self, year: int, lo: int, hi: int, wall: _engine.Wall) -> list[_engine.Interval]:
        a = self.left._tl().spans(lo, hi)
        b = self.right._tl().spans(lo, hi)
        if self.operation == "union":
            return _engine.merge(a + b)
        if self.operation == "intersection":
            return _engine.intersect(a, b)
        return _engine.subtract(a, b)


def _composition_depth(left: Calendar, right: Calendar) -> int:
    """How deeply a composition of ``left`` and ``right`` nests; a typed error past the bound."""
    depth = 1 + max(c._depth if isinstance(c, ComposedCalendar) else 0 for c in (left, right))
    if depth > MAX_COMPOSITION_DEPTH:
        raise InvalidCalendarError(
            f"a composed calendar may nest at most {MAX_COMPOSITION_DEPTH} compositions, got "
            f"{depth}; combine the hours, holidays and closures into fewer calendars (one "
            f"BusinessCalendar with the combined weekly hours, or closures for the absences)"
        )
    return depth


def _composition_parts(left: Calendar, right: Calendar) -> int:
    """How many calendars a composition of ``left`` and ``right`` combines, each counted every
    time it is used; a typed error past the bound."""
    parts = sum(c._parts if isinstance(c, ComposedCalendar) else 1 for c in (left, right))
    if parts > MAX_COMPOSITION_PARTS:
        raise InvalidCalendarError(
            f"a composed calendar may combine at most {MAX_COMPOSITION_PARTS} calendars, each "
            f"counted every time it is used, got {parts}; combine the hours, holidays and "
            f"closures into fewer calendars"
        )
    return parts


Calendar: TypeAlias = BusinessCalendar | ComposedCalendar
"""Any calendar the arithmetic accepts."""
