"""Property tests: the laws of business time, and agreement with a minute-by-minute reference.

The reference knows nothing of the engine: it walks a grid of whole minutes, reads each minute's
local wall time, and decides open or closed from the calendar's definition (a window opens at the
first instant whose local time reaches its start, closes at the first that reaches its end;
holidays remove a day's own windows; closures close; openings open).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from bisect import bisect_left
from dataclasses import dataclass

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from expandit_policy import BusinessCalendar, BusinessHours

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
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTE = 60_000_000
GRID_DAYS = 9


@dataclass(frozen=True)
class Case:
    """A small random calendar, its grid, and the reference's verdict per minute."""

    calendar: BusinessCalendar
    zone: str
    grid_start: int  # µs, a whole minute
    open_minutes: tuple[bool, ...]

    @property
    def tz(self) -> pendulum.Timezone:
        return pendulum.timezone(self.zone)

    def instant(self, minute: int) -> pendulum.DateTime:
        us = self.grid_start + minute * MINUTE
        return pendulum.from_timestamp(us // 1_000_000, tz=self.tz)

    def open_between(self, a: int, b: int) -> int:
        """Open minutes in [a, b) by the reference."""
        return sum(self.open_minutes[a:b])


def _fmt(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@st.composite
def windows_of_a_day(draw: st.DrawFn) -> list[tuple[int, int, bool]]:
    """Sorted, disjoint windows within one day, the last possibly overnight."""
    cuts = sorted(draw(st.lists(st.integers(0, 24 * 4), min_size=0, max_size=4, unique=True)))
    cuts = [c * 15 for c in cuts]
    out = [(cuts[k], cuts[k + 1], False) for k in range(0, len(cuts) - 1, 2)]
    if draw(st.booleans()) and draw(st.integers(0, 5)) == 0:
        last_end = out[-1][1] if out else 0
        if last_end < 23 * 60:
            start = draw(st.integers(max(last_end // 15 + 1, 12 * 4), 23 * 4)) * 15
            end = draw(st.integers(0, 6 * 4)) * 15
            out.append((start, end, True))
    return out


@st.composite
def cases(draw: st.DrawFn) -> Case:
    zone = draw(st.sampled_from(ZONES))
    tz = zoneinfo.ZoneInfo(zone)
    weekly_raw = [draw(windows_of_a_day()) for _ in WEEKDAYS]
    # Drop a Monday window that an overnight Sunday window would overlap.
    sunday_night = [w for w in weekly_raw[6] if w[2]]
    if sunday_night:
        weekly_raw[0] = [w for w in weekly_raw[0] if w[0] >= sunday_night[0][1]]
    for k in range(6):
        night = [w for w in weekly_raw[k] if w[2]]
        if night:
            weekly_raw[k + 1] = [w for w in weekly_raw[k + 1] if w[0] >= night[0][1]]
    if not any(weekly_raw):
        weekly_raw[draw(st.integers(0, 6))] = [(9 * 60, 17 * 60, False)]
    weekly = {
        WEEKDAYS[k]: [
            (_fmt(s), "24:00" if e == 24 * 60 else _fmt(e), True)
            if night
            else (_fmt(s), "24:00" if e == 24 * 60 else _fmt(e))
            for s, e, night in day
        ]
        for k, day in enumerate(weekly_raw)
    }
    anchor = draw(st.sampled_from(ANCHORS)) + dt.timedelta(days=draw(st.integers(-4, 0)))
    first_day = anchor - dt.timedelta(days=1)
    holidays = draw(
        st.lists(
            st.integers(-1, GRID_DAYS).map(lambda k: first_day + dt.timedelta(days=k)),
            max_size=3,
            unique=True,
        )
    )
    grid_start = (
        int(dt.datetime(first_day.year, first_day.month, first_day.day, tzinfo=tz).timestamp())
        // 60
        * MINUTE
    )
    n = GRID_DAYS * 24 * 60
    closure_minutes = draw(
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 2 * 24 * 60)), max_size=2)
    )
    opening_minutes = draw(
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 12 * 60)), max_size=1)
    )

    def at(minute: int) -> pendulum.DateTime:
        us = grid_start + minute * MINUTE
        return pendulum.from_timestamp(us // 1_000_000, tz="UTC")

    closures = [(at(m), at(m + length)) for m, length in closure_minutes]
    openings = [(at(m), at(m + length)) for m, length in opening_minutes]
    calendar = BusinessCalendar.from_weekly(
        zone, weekly, holidays=holidays, closures=closures, openings=openings
    )

    # The reference: local wall time of every minute of the grid, plus margins.
    margin = 2 * 24 * 60
    total = n + 2 * margin
    walls = [
        dt.datetime.fromtimestamp((grid_start + (m - margin) * MINUTE) // 1_000_000, tz).replace(
            tzinfo=None
        )
        for m in range(total)
    ]

    def first_minute_reaching(wall: dt.datetime) -> int:
        # The wall clock is increasing except in folds; scan forward from a bisection guess.
        k = max(0, bisect_left(walls, wall) - 180)
        while k < total and walls[k] < wall:
            k += 1
        return k - margin

    is_open = [False] * n
    for offset in range(-2, GRID_DAYS + 2):
        day = first_day + dt.timedelta(days=offset)
        if day in holidays:
            continue
        midnight = dt.datetime(day.year, day.month, day.day)
        for s, e, overnight in weekly_raw[day.weekday()]:
            a = first_minute_reaching(midnight + dt.timedelta(minutes=s))
            b = first_minute_reaching(
                midnight + dt.timedelta(minutes=e + (1440 if overnight else 0))
            )
            for m in range(max(a, 0), min(b, n)):
                is_open[m] = True
    for m, length in closure_minutes:
        for k in range(m, min(m + length, n)):
            is_open[k] = False
    for m, length in opening_minutes:
        for k in range(m, min(m + length, n)):
            is_open[k] = True
    return Case(calendar, zone, grid_start, tuple(is_open))


N = GRID_DAYS * 24 * 60
INNER = st.integers(2 * 24 * 60, N - 2 * 24 * 60)  # minutes whose answers stay inside the grid


@settings(max_examples=80)
@given(case=cases(), minutes=st.lists(st.integers(0, N - 1), min_size=1, max_size=40))
def test_is_open_agrees_with_the_minute_reference(case: Case, minutes: list[int]) -> None:
    for m in minutes:
        assert case.calendar.is_open(case.instant(m)) == case.open_minutes[m], case.instant(m)


@settings(max_examples=80)
@given(case=cases(), a=st.integers(0, N - 1), b=st.integers(0, N - 1))
def test_between_agrees_with_the_minute_reference(case: Case, a: int, b: int) -> None:
    expected = case.open_between(min(a, b), max(a, b)) * 60
    got = case.calendar.between(case.instant(a), case.instant(b))
    assert got == dt.timedelta(seconds=expected if a <= b else -expected)


@settings(max_examples=80)
@given(case=cases(), start=INNER, amount=st.integers(0, 24 * 60))
def test_add_agrees_with_the_minute_reference(case: Case, start: int, amount: int) -> None:
    """add(t, h) is the earliest u >= t with h of open time in [t, u); add(t, 0) is the next
    opening when closed."""
    used = 0
    u = start
    if amount == 0:
        while u < N and not case.open_minutes[u]:
            u += 1
    else:
        while u < N and used < amount:
            used += case.open_minutes[u]
            u += 1
    if u >= N:  # the answer lies beyond the grid: nothing to compare against
        return
    got = case.calendar.add(
        case.instant(start), BusinessHours.from_timedelta(dt.timedelta(minutes=amount))
    )
    assert got == case.instant(u)


# -- laws on the same random calendars, at any microsecond --------------------------------------

instants_us = st.integers(0, N * 60_000_000 - 1)
amounts = st.integers(0, 3 * 24 * 3_600_000_000)


def _us_instant(case: Case, us: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=case.grid_start + us)


def _hours(us: int) -> BusinessHours:
    return BusinessHours.from_timedelta(dt.timedelta(microseconds=us))


@given(case=cases(), t=instants_us, d=amounts)
def test_between_of_add_is_the_duration(case: Case, t: int, d: int) -> None:
    start = _us_instant(case, t)
    end = case.calendar.add(start, _hours(d))
    assert case.calendar.between(start, end) == dt.timedelta(microseconds=d)


@given(case=cases(), t=instants_us, a=amounts, b=amounts)
def test_add_is_additive(case: Case, t: int, a: int, b: int) -> None:
    """add(add(t, a), b) == add(t, a + b) whenever b > 0 (a zero b re-anchors at an opening)."""
    cal = case.calendar
    start = _us_instant(case, t)
    if b == 0:
        b = 1
    assert cal.add(cal.add(start, _hours(a)), _hours(b)) == cal.add(start, _hours(a + b))


@given(case=cases(), t1=instants_us, t2=instants_us, a=amounts, b=amounts)
def test_add_is_monotonic(case: Case, t1: int, t2: int, a: int, b: int) -> None:
    cal = case.calendar
    (t1, t2), (a, b) = sorted((t1, t2)), sorted((a, b))
    x, y = _us_instant(case, t1), _us_instant(case, t2)
    assert cal.add(x, _hours(a)) <= cal.add(y, _hours(a))
    assert cal.add(x, _hours(a)) <= cal.add(x, _hours(b))


@given(case=cases(), t=instants_us, d=amounts)
def test_results_lie_in_open_time_or_on_a_close(case: Case, t: int, d: int) -> None:
    cal = case.calendar
    u = cal.add(_us_instant(case, t), _hours(d))
    assert cal.is_open(u) or cal.previous_close(u) == u
    n = cal.add(_us_instant(case, t), _hours(d), landing="next_open")
    assert cal.is_open(n)
    assert n >= u
    assert cal.between(u, n) == dt.timedelta(0)


@given(case=cases(), t=instants_us, d=amounts)
def test_subtract_undoes_add(case: Case, t: int, d: int) -> None:
    """subtract(add(t, d), d) is t itself when t is open, else the opening the clock started at."""
    cal = case.calendar
    start = _us_instant(case, t)
    assert cal.subtract(cal.add(start, _hours(d)), _hours(d)) == cal.add(start, _hours(0))


@given(case=cases(), t=instants_us, d=amounts)
def test_negative_add_is_subtract(case: Case, t: int, d: int) -> None:
    cal = case.calendar
    start = _us_instant(case, t)
    assert cal.add(start, _hours(-d)) == cal.subtract(start, _hours(d))
    assert cal.between(cal.subtract(start, _hours(d)), start) == dt.timedelta(microseconds=d)


@given(case=cases(), a=instants_us, b=instants_us, c=instants_us)
def test_between_is_antisymmetric_and_additive(case: Case, a: int, b: int, c: int) -> None:
    cal = case.calendar
    x, y, z = (_us_instant(case, v) for v in (a, b, c))
    assert cal.between(x, y) == -cal.between(y, x)
    assert cal.between(x, y) + cal.between(y, z) == cal.between(x, z)


@given(case=cases(), t=instants_us)
def test_next_open_and_close_bracket_open_time(case: Case, t: int) -> None:
    cal = case.calendar
    start = _us_instant(case, t)
    opening = cal.next_open(start)
    close = cal.next_close(start)
    assert cal.is_open(opening)
    assert opening >= start
    assert close > start
    assert not cal.is_open(close)
    assert cal.previous_close(close) == close
    assert cal.previous_open(opening) == opening or cal.is_open(start)
