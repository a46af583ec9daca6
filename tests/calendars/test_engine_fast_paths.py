"""The table-driven fast paths against the careful route, near offset changes, at the edges of
the compiled years and away from both: the one-step deadlines in working days
(``Timeline.add_working_days``) and in business hours (``Timeline.add_open_time``), and the
input conversion (``Timeline.instant``). The careful route converts with zoneinfo at both ends."""

from __future__ import annotations

import datetime as dt
import functools
import typing

import pendulum
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from expandit_policy import (
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    DayReading,
    _time,
)

ZONES = ("Europe/Copenhagen", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
         "Pacific/Chatham", "Asia/Kolkata", "Africa/Casablanca", "UTC")  # fmt: skip
WEEKLY: dict[str, list[tuple[str, str] | tuple[str, str, bool]]] = {
    # Windows at the usual change times (00:00-03:00), a window running past midnight and a
    # Saturday window, so that results land on, near and across the changes.
    "mon": [("00:30", "03:00"), ("08:00", "16:00")],
    "tue": [("08:00", "16:00")],
    "wed": [("01:00", "02:30"), ("09:00", "17:00")],
    "thu": [("22:00", "02:30", True)],
    "fri": [("08:00", "16:00")],
    "sat": [("02:00", "04:00")],
}
# Open every day of the week around the changes (which mostly fall on a Sunday, between 22:00
# and 04:00), with window edges inside the repeated or skipped hours, and the same windows each
# day, so that the same time of day is often open on the target day too and results land in
# gaps and folds.
_WINDOWS = [("00:00", "01:45"), ("02:15", "02:40"), ("03:10", "04:00"), ("08:00", "16:00")]
EVERY_DAY: dict[str, list[tuple[str, str] | tuple[str, str, bool]]] = {
    d: [*_WINDOWS, ("22:00", "23:30")] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}
# Closed for days on end, so that the next opening lies beyond a change, and with different
# hours on its two days, so that the same time of day is sometimes closed on the target day.
SPARSE: dict[str, list[tuple[str, str] | tuple[str, str, bool]]] = {
    "tue": [("10:00", "12:00")],
    "wed": [("09:00", "12:00")],
}
WEEKS = {"weekly": WEEKLY, "every_day": EVERY_DAY, "sparse": SPARSE}
HOLIDAYS = [dt.date(2026, 3, 30), dt.date(2026, 10, 26), dt.date(2026, 4, 6)]
DAY_US = _time.US_PER_DAY
_HOUR_US = _time.US_PER_HOUR
_QUARTER_US = _HOUR_US // 4
CPH = "Europe/Copenhagen"


class _Range(typing.NamedTuple):
    """The compiled years' bounds and the zone's offset changes in them."""

    lo: int
    hi: int
    changes: list[int]


YEARS = (2025, 2026, 2027)


@functools.cache
def _compiled(zone: str, week: str = "weekly") -> tuple[BusinessCalendar, _Range]:
    """A calendar with 2025-2027 compiled (the one-step paths need a compiled year), and
    those years' bounds and offset changes. Shared: the careful route may compile more."""
    return _fresh(zone, week)


def _fresh(zone: str, week: str = "weekly") -> tuple[BusinessCalendar, _Range]:
    """``_compiled``, not shared: exactly 2025-2027 compiled."""
    cal = BusinessCalendar.from_weekly(zone, WEEKS[week], holidays=HOLIDAYS)
    tl = cal._tl()
    tables = [tl.year(y).zone for y in YEARS]
    changes = sorted({u for z in tables for u in z.tr_us if tables[0].lo <= u < tables[-1].hi})
    return cal, _Range(tables[0].lo, tables[-1].hi, changes)


def _careful(cal: BusinessCalendar, t: dt.datetime, duration: BusinessDays) -> pendulum.DateTime:
    """The careful route, with zoneinfo at both ends: exact instant, the timeline's working
    days, then the zone."""
    us = _time.check_range(_time.to_us(t), "t")
    tl = cal._tl()
    if duration.reading == "same_time":
        result = tl.same_time_after(us, duration.days)
    else:
        day = _time.local_ordinal(us, _time.stdlib_zone(cal.timezone))
        result = tl.close_of_day(tl.working_day_after(day, duration.days))
    return _time.from_us(result, cal.zone)


def _same(a: pendulum.DateTime, b: pendulum.DateTime) -> None:
    assert type(a) is type(b) is pendulum.DateTime
    assert (a, a.fold, a.isoformat(), a.tzinfo) == (b, b.fold, b.isoformat(), b.tzinfo)


@st.composite
def _queries(draw: st.DrawFn, zone: str) -> tuple[dt.datetime, int]:
    """A start and a number of days: anywhere in the compiled range, within days or hours of an
    offset change or of a range edge, or aimed so that the same time of day n days later falls
    within hours of a change. The start is a wall time in the zone with either fold (so gaps
    and folds are included), as a stdlib or a pendulum datetime."""
    state = _compiled(zone)[1]
    changes = state.changes or [(state.lo + state.hi) // 2]
    n = draw(st.integers(1, 12) | st.integers(1, 12) | st.integers(13, 400))
    hours = st.integers(-3 * _HOUR_US, 3 * _HOUR_US)
    near = st.integers(-5 * DAY_US, 5 * DAY_US) | hours | hours
    where = draw(st.sampled_from(["anywhere", "change", "edge", "aimed"]))
    if where == "anywhere":
        us = draw(st.integers(state.lo, state.hi - 1))
    elif where == "change":
        us = draw(st.sampled_from(changes)) + draw(near)
    elif where == "edge":
        us = draw(st.sampled_from([state.lo, state.hi])) + draw(near)
    else:
        n = draw(st.integers(1, 12))
        us = draw(st.sampled_from(changes)) - n * DAY_US + draw(hours)
        n = max(1, n + draw(st.integers(-1, 1)))
    if draw(st.booleans()):
        us -= us % _QUARTER_US  # on the quarter hour, where windows and changes are
    local = dt.datetime.fromtimestamp(us // 1_000_000, _time.stdlib_zone(zone)).replace(
        microsecond=us % 1_000_000
    )
    fold = draw(st.sampled_from([local.fold, 0, 1]))
    wall = local.replace(fold=fold)
    if draw(st.booleans()):
        return pendulum.instance(wall).replace(fold=fold), n
    return wall, n


@given(data=st.data(), zone=st.sampled_from(ZONES), week=st.sampled_from(sorted(WEEKS)))
def test_fast_days_match_the_careful_route(data: st.DataObject, zone: str, week: str) -> None:
    cal, _ = _compiled(zone, week)
    t, n = data.draw(_queries(zone))
    reading: DayReading = data.draw(st.sampled_from(["same_time", "close_of_day"]))
    duration = BusinessDays(n, reading)
    tl = cal._tl()
    fast = tl.add_working_days(t, n, reading == "close_of_day", cal.zone)
    event(f"{reading}: {'fast' if fast is not None else 'careful'}")
    careful = _careful(cal, t, duration)
    if fast is not None:
        _same(fast, careful)
    _same(cal.add(t, duration), careful)


def test_fast_path_answers_the_common_case_and_declines_the_rest() -> None:
    # Without this, the property above could pass with a fast path that always declines.
    for zone in ZONES:
        cal, _ = _fresh(zone)
        tl = cal._tl()
        monday = pendulum.datetime(2026, 6, 8, 9, 15, tz=zone)  # far from any change or edge
        readings: tuple[DayReading, ...] = ("same_time", "close_of_day")
        for reading in readings:
            fast = tl.add_working_days(monday, 2, reading == "close_of_day", cal.zone)
            assert fast is not None
            _same(fast, _careful(cal, monday, BusinessDays(2, reading)))
        stdlib = monday.astimezone(_time.stdlib_zone(zone))
        assert tl.add_working_days(stdlib, 2, False, cal.zone) is not None
    cal, _ = _fresh(CPH)
    tl = cal._tl()
    other_zone = pendulum.datetime(2026, 6, 8, 9, 15, tz="Europe/Berlin")
    at_the_change = pendulum.datetime(2026, 3, 29, 2, 30, tz=CPH)
    for declined in (other_zone, at_the_change, other_zone.naive()):
        assert tl.add_working_days(declined, 2, False, cal.zone) is None
    # A year that is not compiled yet: the careful route compiles it.
    fresh = BusinessCalendar.from_weekly(CPH, WEEKLY, holidays=HOLIDAYS)
    later = pendulum.datetime(2031, 6, 9, 9, tz=CPH)
    assert fresh._tl().add_working_days(later, 2, False, fresh.zone) is None
    assert fresh._tl().compiled_years() == ()
    _same(fresh.add(later, BusinessDays(2)), _careful(fresh, later, BusinessDays(2)))
    assert fresh._tl().add_working_days(later, 2, False, fresh.zone) is not None


@pytest.mark.parametrize(
    ("week", "start", "fold", "n", "taken", "expected"),
    [
        # Closed from the start until past the autumn change: the clock starts on Tuesday at
        # 10:00 CET (not 11:00, as the start's offset would say); Wednesday 10:00 is open.
        ("sparse", "2026-10-21T13:00", 0, 1, True, "2026-10-28T10:00:00+01:00"),
        # Same time (09:30) across the spring change is closed on the Tuesday, though 10:30
        # would be open: the day's own opening, 10:00 CEST.
        ("sparse", "2026-03-25T09:30", 0, 1, True, "2026-03-31T10:00:00+02:00"),
        # The first 02:20 of the autumn change is open (02:15-02:40), the second is not: a
        # start inside the repeated hour is converted the careful way (Monday 26 is a holiday).
        ("every_day", "2026-10-25T02:20", 0, 1, False, "2026-10-27T02:20:00+01:00"),
        ("every_day", "2026-10-25T02:20", 1, 1, False, "2026-10-27T03:10:00+01:00"),
        # Far from any change.
        ("every_day", "2026-06-10T02:20", 0, 3, True, "2026-06-13T02:20:00+02:00"),
        ("weekly", "2026-06-10T12:00", 0, 8, True, "2026-06-19T12:00:00+02:00"),
    ],
)
def test_fast_path_at_the_changes(
    week: str, start: str, fold: int, n: int, taken: bool, expected: str
) -> None:
    cal, _ = _compiled(CPH, week)
    tl = cal._tl()
    t = dt.datetime.fromisoformat(start).replace(tzinfo=_time.stdlib_zone(CPH), fold=fold)
    for reading in typing.get_args(DayReading):
        fast = tl.add_working_days(t, n, reading == "close_of_day", cal.zone)
        careful = _careful(cal, t, BusinessDays(n, reading))
        assert (fast is not None) == taken
        if fast is not None:
            _same(fast, careful)
        _same(cal.add(t, BusinessDays(n, reading)), careful)
        if reading == "same_time":
            assert careful.isoformat() == expected


@given(data=st.data(), zone=st.sampled_from(ZONES))
def test_table_instant_matches_to_us(data: st.DataObject, zone: str) -> None:
    cal, _ = _compiled(zone)
    tl = cal._tl()
    t, _ = data.draw(_queries(zone))
    got = tl.instant(t, cal.zone)
    event("table" if got is not None else "zoneinfo")
    if got is not None:
        assert got == _time.to_us(t)


def test_table_instant_answers_the_common_case_and_declines_the_rest() -> None:
    cal, _ = _fresh(CPH)
    tl = cal._tl()
    for t in (
        pendulum.datetime(2026, 6, 8, 9, 15, 1, 7, tz=CPH),
        dt.datetime(2026, 6, 8, 9, 15, 1, 7, tzinfo=_time.stdlib_zone(CPH)),
    ):
        assert tl.instant(t, cal.zone) == _time.to_us(t)
    for fold in (0, 1):  # inside the autumn change's repeated hour
        assert (
            tl.instant(pendulum.datetime(2026, 10, 25, 2, 30, tz=CPH, fold=fold), cal.zone) is None
        )
    for other in (
        pendulum.datetime(2026, 6, 8, 9, tz="Europe/Berlin"),
        pendulum.datetime(2026, 6, 8, 9, tz=CPH).naive(),
        pendulum.datetime(2024, 6, 8, 9, tz=CPH),  # a year not compiled
        pendulum.datetime(2031, 12, 31, 9, tz=CPH),
    ):
        assert tl.instant(other, cal.zone) is None


AMOUNTS = (
    st.integers(1, 48).map(lambda q: q * _QUARTER_US)  # windows and starts are on quarter hours
    | st.integers(1, 30 * _HOUR_US)
    | st.integers(1, 3_000).map(lambda h: h * _HOUR_US)  # past the end of the compiled range
)


def _careful_hours(
    cal: BusinessCalendar, t: dt.datetime, amount: int, next_open: bool
) -> pendulum.DateTime:
    """The careful route: exact instant, the timeline's ``add``, zoneinfo for the zone."""
    us = _time.check_range(_time.to_us(t), "t")
    return _time.from_us(cal._tl().add(us, amount, next_open), cal.zone)


@given(
    data=st.data(),
    zone=st.sampled_from(ZONES),
    week=st.sampled_from(sorted(WEEKS)),
    amount=AMOUNTS,
    next_open=st.booleans(),
)
def test_fast_open_time_matches_the_careful_route(
    data: st.DataObject, zone: str, week: str, amount: int, next_open: bool
) -> None:
    cal, _ = _compiled(zone, week)
    t, _ = data.draw(_queries(zone))
    tl = cal._tl()
    fast = tl.add_open_time(t, amount, next_open, cal.zone)
    event("fast" if fast is not None else "careful")
    careful = _careful_hours(cal, t, amount, next_open)
    if fast is not None:
        _same(fast, careful)
    hours = BusinessHours.from_timedelta(dt.timedelta(microseconds=amount))
    _same(cal.add(t, hours, landing="next_open" if next_open else "close"), careful)
    _same(cal.add_many([t], hours, landing="next_open" if next_open else "close")[0], careful)


@pytest.mark.parametrize(
    ("start", "hours", "next_open", "taken"),
    [
        ("2026-06-10T12:00", 2, False, True),
        ("2026-06-10T12:00", 4, False, True),  # uses the window up: its close, 16:00
        ("2026-06-10T12:00", 4, True, True),  # or the next opening
        ("2026-06-10T12:00", 1_000, True, True),
        # Ends within a day after the autumn change, where the table cannot rule out a fold.
        ("2026-10-22T12:00", 33, False, False),
        ("2027-12-01T12:00", 3_000, False, False),  # beyond the compiled years
        ("2026-12-30T12:00", 30, False, True),  # across New Year, both years compiled
    ],
)
def test_fast_open_time_cases(start: str, hours: int, next_open: bool, taken: bool) -> None:
    cal, _ = _fresh(CPH, "every_day")
    tl = cal._tl()
    t = dt.datetime.fromisoformat(start).replace(tzinfo=_time.stdlib_zone(CPH))
    fast = tl.add_open_time(t, hours * _HOUR_US, next_open, cal.zone)
    careful = _careful_hours(cal, t, hours * _HOUR_US, next_open)
    assert (fast is not None) == taken
    if fast is not None:
        _same(fast, careful)


@pytest.mark.parametrize("extra_us", [-1, 0, 1])
def test_fast_open_time_at_the_end_of_the_compiled_years(extra_us: int) -> None:
    cal = BusinessCalendar.from_weekly(CPH, EVERY_DAY, holidays=HOLIDAYS)
    tl = cal._tl()
    t = dt.datetime(2026, 6, 10, 12, tzinfo=_time.stdlib_zone(CPH))
    this_year = tl.year(2026).index
    left = this_year.total - this_year.position(_time.to_us(t)) + tl.year(2027).index.total
    amount = left + extra_us  # all open time to the end of 2027, and a microsecond either side
    fast = tl.add_open_time(t, amount, False, cal.zone)
    careful = _careful_hours(cal, t, amount, False)
    assert (fast is not None) == (extra_us <= 0)  # 2028 is not compiled
    if fast is not None:
        _same(fast, careful)
