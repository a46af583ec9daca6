"""Strategies for the calendar layer: windows, working hours, holidays, closures, openings,
calendars (business and composed) and durations."""

from __future__ import annotations

import datetime as _dt
import functools
from fractions import Fraction
from typing import TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .. import _time
from .._calendars._calendar import BusinessCalendar, Calendar, ComposedCalendar, Operation
from .._calendars._durations import (
    BusinessDays,
    BusinessHours,
    CalendarDays,
    ClockHours,
    DayReading,
    Duration,
)
from .._calendars._holidays import (
    Holiday,
    HolidayRule,
    Holidays,
    HolidaySource,
    workalendar_calendar,
)
from .._calendars._hours import Window, WorkingHours
from .._calendars._spans import Closure, Opening
from ._base import (
    DEFAULT_MAX_DATE,
    DEFAULT_MAX_INSTANT,
    DEFAULT_MIN_DATE,
    DEFAULT_MIN_INSTANT,
    check_count,
    check_flag,
    check_strategy,
    count_range,
    date_range,
    drawn_zone,
    instant_range,
    one_of_values,
    positive_span_us,
    step_seconds,
)
from ._time import timezones as _timezones

__all__ = [
    "business_calendars",
    "business_days",
    "business_hours",
    "calendar_days",
    "calendars",
    "clock_hours",
    "closures",
    "composed_calendars",
    "durations",
    "holiday_rules",
    "holiday_sets",
    "holiday_sources",
    "holidays",
    "openings",
    "windows",
    "working_hours",
]

_DAY = 86_400
_HOUR = 3_600
_NINE, _EIGHT_HOURS = 9 * _HOUR, 8 * _HOUR
#: An overnight window ends by 06:00, so it never reaches into a default 09:00 opening.
_LATEST_OVERNIGHT_END = 6 * _HOUR
_QUARTER_HOUR = _dt.timedelta(minutes=15)


# -- windows and working hours ----------------------------------------------------------------


def _day_start(draw: st.DrawFn, earliest: int, step: int) -> int:
    """The first opening of a day, on the grid, no earlier than ``earliest`` (which is at most
    06:00, the latest end of an overnight window) and a step before midnight at the latest,
    shrinking towards 09:00."""
    lowest, highest = -((_NINE - earliest) // step), (_DAY - _NINE) // step - 1
    return _NINE + draw(st.integers(lowest, highest)) * step


def _length(draw: st.DrawFn, step: int) -> int:
    """A window's length, shrinking towards eight hours."""
    steps = st.integers(-(_EIGHT_HOURS // step - 1), (_DAY - _EIGHT_HOURS) // step)
    return _EIGHT_HOURS + draw(steps) * step


@st.composite
def _general_day(
    draw: st.DrawFn, earliest: int, step: int, max_windows: int, overnight_until: int | None
) -> list[Window]:
    """Up to ``max_windows`` disjoint windows from ``earliest`` on, built one after the other
    (a gap between two is a lunch break; running into midnight ends the window at 24:00), the
    last possibly overnight, ending by ``overnight_until``."""
    day: list[Window] = []
    opening = _day_start(draw, earliest, step)
    cursor = earliest
    count = draw(st.integers(1, max_windows))
    while opening < _DAY and len(day) < count:
        end = min(opening + _length(draw, step), _DAY)
        day.append(Window(opening, end))
        cursor = end
        opening = end + draw(st.integers(0, 4 * _HOUR // step)) * step  # a break, maybe none
    # An overnight window in one day of four; shrinking (towards 0) leaves it out.
    if overnight_until is not None and cursor < _DAY and draw(st.integers(0, 3)) == 3:
        late = cursor + draw(st.integers(0, (_DAY - cursor) // step - 1)) * step
        latest_end = min(overnight_until, late - step)
        if latest_end >= step:
            day.append(Window(late, draw(st.integers(1, latest_end // step)) * step, True))
    return day


@st.composite
def _working_hours(draw: st.DrawFn, step: int, max_windows: int, overnight: bool) -> WorkingHours:
    days: list[list[Window]] = []
    earliest = 0  # an overnight window of the day before keeps the morning closed until it ends
    for weekday in range(7):
        # 0 (where shrinking leads): Monday-Friday 09:00-17:00, the weekend closed.
        shape = draw(st.integers(0, 2))
        if shape == 0:
            day = [Window(_NINE, _NINE + _EIGHT_HOURS)] if weekday < 5 else []
        elif shape == 1:
            day = []
        else:
            cap: int | None = None
            if overnight:
                first_monday = days[0][0].start if weekday == 6 and days[0] else _DAY
                cap = min(_LATEST_OVERNIGHT_END, first_monday)
            day = draw(_general_day(earliest, step, max_windows, cap))
        days.append(day)
        last = day[-1] if day else None
        earliest = last.end if last is not None and last.overnight else 0
    if not any(days):  # a week that never opens makes no calendar: open Monday as by default
        days[0] = [Window(_NINE, _NINE + _EIGHT_HOURS)]
    return WorkingHours(days)


def working_hours(
    *,
    granularity: _dt.timedelta = _QUARTER_HOUR,
    max_windows_per_day: int = 3,
    overnight: bool = True,
) -> st.SearchStrategy[WorkingHours]:
    """Weekly working hours that open at least once a week, shrinking towards Monday to Friday
    09:00-17:00.

    A day may be closed, have one window, or several with breaks between them (a lunch break);
    a window that runs into midnight ends at 24:00; with ``overnight=True`` the last window of a
    day may run past midnight (ending by 06:00, and never into the next day's first window).
    Window edges lie on a grid of ``granularity`` (which must divide an hour).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(working_hours())
    ... def test_the_week_opens_and_windows_stay_on_the_grid(hours):
    ...     assert hours.weekly_seconds > 0
    ...     assert all(w.start % 900 == 0 and w.end % 900 == 0 for day in hours.days for w in day)
    >>> test_the_week_opens_and_windows_stay_on_the_grid()
    """
    step = step_seconds(granularity, "granularity")
    count = check_count(max_windows_per_day, "max_windows_per_day", low=1)
    return _working_hours(step, count, check_flag(overnight, "overnight"))


@st.composite
def _windows(draw: st.DrawFn, step: int, overnight: bool) -> Window:
    if overnight and draw(st.integers(0, 3)) == 3:
        start = _DAY - draw(st.integers(1, (_DAY - _NINE) // step)) * step
        return Window(start, draw(st.integers(1, _LATEST_OVERNIGHT_END // step)) * step, True)
    opening = _day_start(draw, 0, step)
    return Window(opening, min(opening + _length(draw, step), _DAY))


def windows(
    *, granularity: _dt.timedelta = _QUARTER_HOUR, overnight: bool = True
) -> st.SearchStrategy[Window]:
    """Single opening windows on a grid of ``granularity``, shrinking towards 09:00-17:00; some
    end at 24:00 and, with ``overnight=True``, some run past midnight.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(windows())
    ... def test_a_window_lasts_at_most_a_day(window):
    ...     assert 0 < window.length_seconds <= 86_400
    >>> test_a_window_lasts_at_most_a_day()
    """
    step = step_seconds(granularity, "granularity")
    return _windows(step, check_flag(overnight, "overnight"))


# -- holidays ---------------------------------------------------------------------------------

_HOLIDAY_NAMES = ("", "Founders' Day", "Stocktaking", "Christmas Eve", "Sommerfest")


def holidays(
    *, min_date: _dt.date = DEFAULT_MIN_DATE, max_date: _dt.date = DEFAULT_MAX_DATE
) -> st.SearchStrategy[Holiday]:
    """Named whole-day holidays between two dates, shrinking towards an unnamed ``min_date``.

    >>> import datetime
    >>> from hypothesis import given, settings
    >>> christmas = datetime.date(2026, 12, 24), datetime.date(2026, 12, 26)
    >>> @settings(max_examples=5)
    ... @given(holidays(min_date=christmas[0], max_date=christmas[1]))
    ... def test_a_holiday_lies_between_the_dates(holiday):
    ...     assert christmas[0] <= holiday.date <= christmas[1]
    >>> test_a_holiday_lies_between_the_dates()
    """
    lo, hi = date_range(min_date, max_date)
    return st.builds(Holiday, st.dates(lo, hi), st.sampled_from(_HOLIDAY_NAMES))


@st.composite
def _holiday_rules(draw: st.DrawFn, first: int, last: int) -> HolidayRule:
    name = draw(st.sampled_from(_HOLIDAY_NAMES[1:]))
    years: dict[str, int | None] = {"first_year": None, "last_year": None}
    if draw(st.booleans()):
        a, b = sorted((draw(st.integers(first, last)), draw(st.integers(first, last))))
        years = {
            "first_year": draw(st.none() | st.just(a)),
            "last_year": draw(st.none() | st.just(b)),
        }
    if draw(st.booleans()):
        return HolidayRule(name, easter_offset=draw(st.integers(-60, 60)), **years)
    # One draw for a fixed date (a day of a leap year), shrinking towards 1 January.
    day = _LEAP_YEAR_START + _dt.timedelta(days=draw(st.integers(0, 365)))
    return HolidayRule(name, month=day.month, day=day.day, **years)


_LEAP_YEAR_START = _dt.date(2000, 1, 1)  # 29 February is a valid rule


def holiday_rules(
    *, min_year: int = DEFAULT_MIN_DATE.year, max_year: int = DEFAULT_MAX_DATE.year
) -> st.SearchStrategy[HolidayRule]:
    """Yearly holiday rules: a fixed month and day (29 February included) or a day relative to
    Easter, sometimes limited to years between ``min_year`` and ``max_year``.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(holiday_rules())
    ... def test_a_rule_falls_at_most_once_a_year(rule):
    ...     assert len(rule.dates(2028)) <= 1
    >>> test_a_rule_falls_at_most_once_a_year()
    """
    first, last = check_count(min_year, "min_year", low=1), check_count(max_year, "max_year", low=1)
    if last < first or last > 9999:
        raise InvalidArgument(
            f"years must satisfy 1 <= min_year <= max_year <= 9999, got min_year={min_year!r} "
            f"and max_year={max_year!r}"
        )
    return _holiday_rules(first, last)


@functools.cache
def _workalendar(code: str) -> HolidaySource:
    return workalendar_calendar(code)


#: Workalendar calendars offered as holiday sources (the presets' own among them).
_SOURCES = ("DK", "DE", "DE-BY", "DE-MV", "GB", "FR")


def holiday_sources(*, codes: tuple[str, ...] = _SOURCES) -> st.SearchStrategy[HolidaySource]:
    """Workalendar calendars (anything with ``holidays(year)`` will do as a source), by ISO code,
    shrinking towards Denmark's.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(holiday_sources())
    ... def test_a_source_knows_new_years_day(source):
    ...     assert any(day.month == 1 and day.day == 1 for day, _ in source.holidays(2026))
    >>> test_a_source_knows_new_years_day()
    """
    items = one_of_values(codes, "codes")
    return st.sampled_from(items).map(_workalendar)


@st.composite
def _holiday_sets(
    draw: st.DrawFn,
    lo: _dt.date,
    hi: _dt.date,
    max_dates: int,
    max_rules: int,
    sources: st.SearchStrategy[HolidaySource] | None,
) -> Holidays:
    source = None if sources is None or not draw(st.booleans()) else draw(sources)
    dates = draw(st.lists(holidays(min_date=lo, max_date=hi), max_size=max_dates))
    added = draw(st.lists(_holiday_rules(lo.year, hi.year), max_size=max_rules))
    removed = []
    if source is not None:
        removed = draw(st.lists(_holiday_rules(lo.year, hi.year), max_size=max_rules))
    return Holidays(source, dates, added, removed)


def holiday_sets(
    *,
    min_date: _dt.date = DEFAULT_MIN_DATE,
    max_date: _dt.date = DEFAULT_MAX_DATE,
    max_dates: int = 4,
    max_rules: int = 1,
    sources: st.SearchStrategy[HolidaySource] | None = None,
) -> st.SearchStrategy[Holidays]:
    """The holidays of a calendar: up to ``max_dates`` explicit holidays between two dates, up to
    ``max_rules`` yearly rules, and, when ``sources`` is given, sometimes a workalendar-compatible
    source with rules that remove some of its days. Shrinks towards no holidays at all.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(holiday_sets(sources=holiday_sources()))
    ... def test_explicit_holidays_are_holidays(days_off):
    ...     assert all(h.date in days_off.in_year(h.date.year) for h in days_off.dates)
    >>> test_explicit_holidays_are_holidays()
    """
    lo, hi = date_range(min_date, max_date)
    if sources is not None:
        check_strategy(sources, "sources")
    return _holiday_sets(
        lo,
        hi,
        check_count(max_dates, "max_dates"),
        check_count(max_rules, "max_rules"),
        sources,
    )


# -- closures and openings --------------------------------------------------------------------


Span = TypeVar("Span", Closure, Opening)


_REASONS = ("", "staff party", "stocktaking", "release weekend")


def _draw_span(
    draw: st.DrawFn, kind: type[Span], zone: str, lo: int, hi: int, step_us: int, longest_us: int
) -> Span:
    """A span from a grid point in ``[lo, hi)`` on, one to ``longest_us`` long (cut at ``hi``)."""
    tz = _time.zone(zone)
    first = -(lo // -step_us)  # the first grid point at or after lo
    last = hi // step_us - 1  # a span needs one step of room before hi
    start = draw(st.integers(first, max(first, last))) * step_us
    length = draw(st.integers(1, max(1, longest_us // step_us))) * step_us
    end = min(start + length, max(hi, start + step_us))
    reason = draw(st.sampled_from(_REASONS))
    return kind(_time.from_us(start, tz), _time.from_us(end, tz), reason)


@st.composite
def _spans(
    draw: st.DrawFn,
    kind: type[Span],
    zones: st.SearchStrategy[str],
    lo: int,
    hi: int,
    step_us: int,
    longest_us: int,
) -> Span:
    return _draw_span(draw, kind, drawn_zone(draw(zones)), lo, hi, step_us, longest_us)


def _span_strategy(
    kind: type[Span],
    timezones: st.SearchStrategy[str] | None,
    min_value: _dt.datetime,
    max_value: _dt.datetime,
    granularity: _dt.timedelta,
    max_length: _dt.timedelta,
) -> st.SearchStrategy[Span]:
    zones = st.just("UTC") if timezones is None else timezones
    check_strategy(zones, "timezones")
    lo, hi = instant_range(min_value, max_value)
    step_us = step_seconds(granularity, "granularity") * _time.US_PER_SECOND
    return _spans(kind, zones, lo, hi, step_us, positive_span_us(max_length, "max_length"))


def closures(
    *,
    timezones: st.SearchStrategy[str] | None = None,
    min_value: _dt.datetime = DEFAULT_MIN_INSTANT,
    max_value: _dt.datetime = DEFAULT_MAX_INSTANT,
    granularity: _dt.timedelta = _dt.timedelta(minutes=1),
    max_length: _dt.timedelta = _dt.timedelta(days=2),
) -> st.SearchStrategy[Closure]:
    """Closures between ``min_value`` and ``max_value``, their ends on a grid of
    ``granularity`` and at most ``max_length`` long, expressed in a zone from ``timezones``
    (UTC by default). Shrinks towards the shortest closure at ``min_value``.

    >>> import datetime
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(closures())
    ... def test_a_closure_ends_after_it_starts_within_two_days(closure):
    ...     assert datetime.timedelta(0) < closure.end - closure.start <= datetime.timedelta(days=2)
    >>> test_a_closure_ends_after_it_starts_within_two_days()
    """
    return _span_strategy(Closure, timezones, min_value, max_value, granularity, max_length)


def openings(
    *,
    timezones: st.SearchStrategy[str] | None = None,
    min_value: _dt.datetime = DEFAULT_MIN_INSTANT,
    max_value: _dt.datetime = DEFAULT_MAX_INSTANT,
    granularity: _dt.timedelta = _dt.timedelta(minutes=1),
    max_length: _dt.timedelta = _dt.timedelta(hours=12),
) -> st.SearchStrategy[Opening]:
    """Special openings, like :func:`closures` (at most 12 hours long by default).

    >>> import datetime
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(openings(granularity=datetime.timedelta(minutes=30)))
    ... def test_an_opening_starts_on_the_half_hour(opening):
    ...     assert opening.start.minute in (0, 30) and opening.start.second == 0
    >>> test_an_opening_starts_on_the_half_hour()
    """
    return _span_strategy(Opening, timezones, min_value, max_value, granularity, max_length)


# -- calendars --------------------------------------------------------------------------------


@st.composite
def _business_calendars(
    draw: st.DrawFn,
    zones: st.SearchStrategy[str],
    hours: st.SearchStrategy[WorkingHours],
    holiday_sets_: st.SearchStrategy[Holidays],
    lo: int,
    hi: int,
    step_us: int,
    longest_us: int,
    max_closures: int,
    max_openings: int,
) -> BusinessCalendar:
    zone = drawn_zone(draw(zones))
    weekly = draw(hours)
    days_off = draw(holiday_sets_)
    spans = (lo, hi, step_us, longest_us)
    shut = [
        _draw_span(draw, Closure, zone, *spans) for _ in range(draw(st.integers(0, max_closures)))
    ]
    extra = [
        _draw_span(draw, Opening, zone, *spans) for _ in range(draw(st.integers(0, max_openings)))
    ]
    name = draw(st.sampled_from(("", "desk", "support desk")))
    return BusinessCalendar(zone, weekly, days_off, shut, extra, name)


def business_calendars(
    *,
    timezones: st.SearchStrategy[str] | None = None,
    hours: st.SearchStrategy[WorkingHours] | None = None,
    holidays: st.SearchStrategy[Holidays] | None = None,
    min_value: _dt.datetime = DEFAULT_MIN_INSTANT,
    max_value: _dt.datetime = DEFAULT_MAX_INSTANT,
    granularity: _dt.timedelta = _dt.timedelta(minutes=1),
    max_span_length: _dt.timedelta = _dt.timedelta(days=2),
    max_closures: int = 2,
    max_openings: int = 1,
) -> st.SearchStrategy[BusinessCalendar]:
    """Business calendars that open every week: a zone from ``timezones``, weekly ``hours``,
    ``holidays``, and up to ``max_closures`` closures and ``max_openings`` special openings
    between ``min_value`` and ``max_value`` (edges on a grid of ``granularity``, each span at most
    ``max_span_length``). Shrinks towards UTC, Monday to Friday 09:00-17:00, no holidays, no
    closures.

    >>> from hypothesis import given, settings
    >>> from expandit_policy.strategies import instants
    >>> @settings(max_examples=5)
    ... @given(business_calendars(), instants())
    ... def test_the_next_opening_is_open(calendar, t):
    ...     assert calendar.is_open(calendar.next_open(t))
    >>> test_the_next_opening_is_open()
    """
    zones = _timezones() if timezones is None else timezones
    weekly = working_hours() if hours is None else hours
    days = holiday_sets() if holidays is None else holidays
    for name, value in (("timezones", zones), ("hours", weekly), ("holidays", days)):
        check_strategy(value, name)
    lo, hi = instant_range(min_value, max_value)
    return _business_calendars(
        zones,
        weekly,
        days,
        lo,
        hi,
        step_seconds(granularity, "granularity") * _time.US_PER_SECOND,
        positive_span_us(max_span_length, "max_span_length"),
        check_count(max_closures, "max_closures"),
        check_count(max_openings, "max_openings"),
    )


_OPERATIONS: tuple[Operation, ...] = ("union", "intersection", "difference")


def _operation(name: str) -> Operation:
    if name in _OPERATIONS:
        return name
    raise InvalidArgument(f"operations must be among {_OPERATIONS}, got {name!r}")


@st.composite
def _composed_calendars(
    draw: st.DrawFn,
    operations: tuple[Operation, ...],
    business: st.SearchStrategy[BusinessCalendar],
) -> ComposedCalendar:
    left = draw(business)
    operation = draw(st.sampled_from(operations))
    spans = [(d, w) for d, day in enumerate(left.hours.days) for w in day]
    if operation == "union" or not spans:
        return ComposedCalendar("union", left, draw(business))
    # The right-hand side keeps some of the left's weekly windows (a person's hours within the
    # desk's), so that the result opens every week: an intersection keeps at least one window,
    # a difference leaves at least one out.
    chosen = draw(st.lists(st.sampled_from(range(len(spans))), unique=True, max_size=len(spans)))
    keep = set(chosen)
    if operation == "intersection" and not keep:
        keep = {0}
    if operation == "difference" and len(keep) == len(spans):
        keep.discard(chosen[-1])
    days: list[list[Window]] = [[] for _ in range(7)]
    for k in sorted(keep):
        days[spans[k][0]].append(spans[k][1])
    one_off: list[Opening] = []
    if not keep:
        # A calendar must open at some time: this one does once, an hour long ago, so the
        # difference is the left calendar itself.
        long_ago = _time.from_us(_LONG_AGO_US, left.zone)
        one_off.append(Opening(long_ago, long_ago + _dt.timedelta(hours=1), "a one-off"))
    right = BusinessCalendar(left.timezone, WorkingHours(days), openings=one_off, name="staff")
    return ComposedCalendar(operation, left, right)


_LONG_AGO_US = _time.to_us(_dt.datetime(2000, 1, 3, 9, tzinfo=_dt.UTC))


def composed_calendars(
    *,
    operations: tuple[Operation, ...] = _OPERATIONS,
    calendars: st.SearchStrategy[BusinessCalendar] | None = None,
) -> st.SearchStrategy[ComposedCalendar]:
    """Two business calendars combined by one of ``operations``, built so that the result opens
    every week: a union of any two; an intersection or difference of a desk and a calendar in
    its zone that keeps some of its weekly windows (at least one inside, at least one outside).
    Shrinks towards the simplest calendar minus nothing, or with itself.

    >>> import datetime, pendulum
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(composed_calendars(operations=("intersection", "difference")))
    ... def test_a_composed_calendar_opens_within_a_year(calendar):
    ...     monday = pendulum.datetime(2026, 3, 2, tz=calendar.timezone)
    ...     assert calendar.between(monday, monday.add(years=1)) > datetime.timedelta(0)
    >>> test_a_composed_calendar_opens_within_a_year()
    """
    ops = tuple(_operation(op) for op in one_of_values(operations, "operations"))
    business = business_calendars() if calendars is None else calendars
    check_strategy(business, "calendars")
    return _composed_calendars(ops, business)


def calendars(
    *,
    business: st.SearchStrategy[BusinessCalendar] | None = None,
    composed: bool = True,
) -> st.SearchStrategy[Calendar]:
    """Any calendar the arithmetic accepts: business calendars, and (with ``composed=True``)
    compositions of two. Shrinks towards the simplest business calendar.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(calendars())
    ... def test_a_calendar_knows_its_zone(calendar):
    ...     assert calendar.zone.name == calendar.timezone
    >>> test_a_calendar_knows_its_zone()
    """
    plain = business_calendars() if business is None else business
    check_strategy(plain, "business")
    if not check_flag(composed, "composed"):
        return plain
    return st.one_of(plain, composed_calendars(calendars=plain))


# -- durations --------------------------------------------------------------------------------


def _hours_value(us: int) -> int | Fraction:
    """Whole hours as an int (how people write them), anything else as an exact Fraction."""
    whole, rest = divmod(us, _time.US_PER_HOUR)
    return whole if rest == 0 else Fraction(us, _time.US_PER_HOUR)


@st.composite
def _hour_amounts(draw: st.DrawFn, lo: int, hi: int) -> int | Fraction:
    # Whole hours where shrinking leads (a False draw), so that it ends on a round amount; else
    # any microsecond.
    if not draw(st.booleans()):
        low_h, high_h = -(lo // -_time.US_PER_HOUR), hi // _time.US_PER_HOUR
        if low_h <= high_h:
            return draw(st.integers(low_h, high_h))
    return _hours_value(draw(st.integers(lo, hi)))


#: The largest amount of hours a duration may hold.
_LONGEST_US = _time.MAX_US - _time.MIN_US
#: The most days a duration may hold.
_MOST_DAYS = 3_650_000


def _span_bounds(min_value: _dt.timedelta, max_value: _dt.timedelta) -> tuple[int, int]:
    for name, value in (("min_value", min_value), ("max_value", max_value)):
        if not isinstance(value, _dt.timedelta):
            raise InvalidArgument(f"{name} must be a datetime.timedelta, got {value!r}")
    lo, hi = _time.timedelta_us(min_value), _time.timedelta_us(max_value)
    for name, us in (("min_value", lo), ("max_value", hi)):
        if abs(us) > _LONGEST_US:
            raise InvalidArgument(
                f"{name} must be at most about 87 million hours either way (the span of years "
                f"2-9998), got {min_value if name == 'min_value' else max_value!r}"
            )
    if hi < lo:
        raise InvalidArgument(
            f"max_value must not be below min_value, got {min_value!r} and {max_value!r}"
        )
    return lo, hi


def business_hours(
    *,
    min_value: _dt.timedelta = _dt.timedelta(0),
    max_value: _dt.timedelta = _dt.timedelta(hours=200),
) -> st.SearchStrategy[BusinessHours]:
    """Amounts of business hours between two spans (negative ones count backward), exact to the
    microsecond: whole hours as ints, the rest as Fractions. Shrinks towards ``min_value``
    (nothing, by default).

    >>> import datetime
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(business_hours(min_value=datetime.timedelta(hours=-8)))
    ... def test_hours_are_exact_to_the_microsecond(amount):
    ...     assert amount == BusinessHours.from_timedelta(
    ...         datetime.timedelta(microseconds=amount.microseconds))
    >>> test_hours_are_exact_to_the_microsecond()
    """
    lo, hi = _span_bounds(min_value, max_value)
    return _hour_amounts(lo, hi).map(BusinessHours)


def clock_hours(
    *,
    min_value: _dt.timedelta = _dt.timedelta(0),
    max_value: _dt.timedelta = _dt.timedelta(hours=200),
) -> st.SearchStrategy[ClockHours]:
    """Plain elapsed hours, like :func:`business_hours`.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(clock_hours())
    ... def test_clock_hours_are_not_negative(amount):
    ...     assert amount.microseconds >= 0
    >>> test_clock_hours_are_not_negative()
    """
    lo, hi = _span_bounds(min_value, max_value)
    return _hour_amounts(lo, hi).map(ClockHours)


def business_days(
    *,
    min_value: int = 0,
    max_value: int = 30,
    readings: tuple[DayReading, ...] = ("same_time", "close_of_day"),
) -> st.SearchStrategy[BusinessDays]:
    """Whole working days in either reading, shrinking towards ``BusinessDays(min_value)`` read
    at the same time of day.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(business_days(readings=("close_of_day",)))
    ... def test_the_reading_is_one_asked_for(days):
    ...     assert days.reading == "close_of_day" and 0 <= days.days <= 30
    >>> test_the_reading_is_one_asked_for()
    """
    lo, hi = count_range(min_value, max_value, high=_MOST_DAYS)
    kinds = one_of_values(readings, "readings")
    for kind in kinds:
        if kind not in ("same_time", "close_of_day"):
            raise InvalidArgument(
                f"readings must be among ('same_time', 'close_of_day'), got {kind!r}"
            )
    return st.builds(BusinessDays, st.integers(lo, hi), st.sampled_from(kinds))


def calendar_days(*, min_value: int = 0, max_value: int = 60) -> st.SearchStrategy[CalendarDays]:
    """Calendar days, shrinking towards ``CalendarDays(min_value)``.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(calendar_days(min_value=14, max_value=14))
    ... def test_fourteen_days(days):
    ...     assert days == CalendarDays(14)
    >>> test_fourteen_days()
    """
    lo, hi = count_range(min_value, max_value, high=_MOST_DAYS)
    return st.builds(CalendarDays, st.integers(lo, hi))


def durations(*, positive: bool = False) -> st.SearchStrategy[Duration]:
    """Every kind of duration, non-negative (or, with ``positive=True``, at least one unit),
    shrinking towards ``BusinessHours(0)``.

    >>> import pendulum
    >>> from hypothesis import given, settings
    >>> from expandit_policy import presets
    >>> monday = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> @settings(max_examples=5)
    ... @given(durations())
    ... def test_a_deadline_is_never_before_the_start(duration):
    ...     assert presets.denmark().add(monday, duration) >= monday
    >>> test_a_deadline_is_never_before_the_start()
    """
    least = 1 if check_flag(positive, "positive") else 0
    tick = _dt.timedelta(microseconds=least)
    return st.one_of(
        # Whole business hours first, in a single draw, so that shrinking ends there.
        st.integers(least, 200).map(BusinessHours),
        business_days(min_value=least),
        calendar_days(min_value=least),
        clock_hours(min_value=tick),
        business_hours(min_value=tick),
    )
