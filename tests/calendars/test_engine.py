"""The compiled timeline at the edges of what it has compiled: far spans, backward searches,
composition, and cache behaviour."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    _time,
    presets,
    strategies,
)
from expandit_policy._engine import _zones

CPH = "Europe/Copenhagen"
MONDAY = pendulum.datetime(2026, 3, 2, 9, tz=CPH)


def test_far_forward_and_back_on_fresh_calendars() -> None:
    far = presets.denmark().add(MONDAY, BusinessHours(20_000))
    assert presets.denmark().between(MONDAY, far) == dt.timedelta(hours=20_000)
    back = presets.denmark().subtract(MONDAY, BusinessHours(20_000))
    assert presets.denmark().between(back, MONDAY) == dt.timedelta(hours=20_000)
    assert presets.denmark().add(back, BusinessHours(20_000)) == MONDAY


def test_working_days_far_away() -> None:
    dk = presets.denmark()
    later = dk.add(MONDAY, BusinessDays(600))
    assert dk.working_days_between(MONDAY.date(), later.date()) == 600
    assert presets.denmark().subtract(later, BusinessDays(600)) == MONDAY
    assert dk.add(MONDAY, BusinessDays(600, "close_of_day")).hour == 16


def test_backward_searches_reach_earlier_years() -> None:
    january = pendulum.datetime(2026, 1, 1, 12, tz=CPH)
    assert presets.denmark().previous_open(january).isoformat() == "2025-12-31T08:00:00+01:00"
    assert presets.denmark().previous_close(january).isoformat() == "2025-12-31T16:00:00+01:00"
    sparse = BusinessCalendar.from_weekly(
        CPH, {"mon": [("08:00", "09:00")]},
        closures=[(pendulum.datetime(2019, 1, 1, tz=CPH), pendulum.datetime(2026, 1, 1, tz=CPH))],
    )  # fmt: skip
    assert sparse.previous_close(january).isoformat() == "2018-12-31T09:00:00+01:00"
    assert sparse.subtract(january, BusinessHours(2)).isoformat() == "2018-12-24T08:00:00+01:00"
    assert sparse.next_open(pendulum.datetime(2018, 12, 31, 10, tz=CPH)).year == 2026


def test_intersection_and_union() -> None:
    dk, de = presets.denmark(), presets.germany()
    both = dk & de
    either = dk | de
    t = pendulum.datetime(2026, 3, 2, 7, tz=CPH)
    assert both.add(t, BusinessHours(8)).isoformat() == "2026-03-02T16:00:00+01:00"
    assert either.add(t, BusinessHours(9)).isoformat() == "2026-03-02T17:00:00+01:00"
    # Good Friday closes both; 1 May closes Germany only.
    assert not either.is_working_day(dt.date(2026, 4, 3))
    assert either.is_working_day(dt.date(2026, 5, 1))
    assert not both.is_working_day(dt.date(2026, 5, 1))
    assert both.timezone == CPH


def test_compiled_state_is_a_cache_not_a_value() -> None:
    fresh, used = presets.denmark(), presets.denmark()
    used.add(MONDAY, BusinessHours(5_000))
    assert fresh == used
    assert hash(fresh) == hash(used)
    assert "_timeline" not in repr(used)


# -- the zone-offset table agrees with the careful, zoneinfo-driven conversions ----------------

ZONES = ("Europe/Copenhagen", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
         "Pacific/Chatham", "Asia/Kolkata", "Africa/Casablanca", "UTC")  # fmt: skip
SPAN_US = 3 * 366 * _time.US_PER_DAY
BASE_US = _time.to_us(pendulum.datetime(2025, 1, 1, tz="UTC"))


def _calendar(zone: str) -> BusinessCalendar:
    cal = BusinessCalendar.from_weekly(zone, {"mon": [("09:00", "10:00")]})
    cal.is_open(pendulum.datetime(2026, 6, 1, tz="UTC"))  # compile 2025-2027
    return cal


@given(zone=strategies.timezones(zones=ZONES), offset=st.integers(0, SPAN_US))
def test_table_local_parts_and_output_match_zoneinfo(zone: str, offset: int) -> None:
    cal = _calendar(zone)
    us = BASE_US + offset
    tl = cal._tl()
    expected = dt.datetime.fromtimestamp(us // 1_000_000, _time.stdlib_zone(zone))
    day, seconds, micro = tl.local_parts(us)
    assert day == expected.toordinal()
    assert seconds == expected.hour * 3600 + expected.minute * 60 + expected.second
    assert micro == us % 1_000_000
    fast = tl.to_datetime(us, cal.zone)
    careful = _time.from_us(us, cal.zone)
    assert (fast, fast.fold, fast.isoformat()) == (careful, careful.fold, careful.isoformat())


@given(
    zone=strategies.timezones(zones=ZONES),
    day=st.integers(0, 3 * 366 - 1),
    seconds=st.integers(0, 86_400).map(lambda s: s - s % 60),
)
def test_table_wall_times_match_zoneinfo(zone: str, day: int, seconds: int) -> None:
    tl = _calendar(zone)._tl()
    ordinal = dt.date(2025, 1, 1).toordinal() + day
    assert tl.wall_us(ordinal, seconds) == _time.local_us(ordinal, seconds, _time.stdlib_zone(zone))


@given(
    zone=strategies.timezones(zones=ZONES),
    offset=st.integers(0, SPAN_US),
    n=st.integers(1, 12),
)
def test_same_time_lands_on_the_nth_working_day_counted_day_by_day(
    zone: str, offset: int, n: int
) -> None:
    cal = BusinessCalendar.from_weekly(
        zone,
        {d: [("00:30", "03:00"), ("08:00", "16:00")] for d in ("mon", "tue", "wed", "fri")},
        holidays=[dt.date(2026, 3, 30), dt.date(2026, 10, 26)],
    )
    tl = cal._tl()
    us = BASE_US + offset
    start = _time.from_us(tl.add(us, 0), cal.zone)
    got = _time.from_us(tl.same_time_after(us, n), cal.zone)
    day, counted = start.date(), 0
    while counted < n:
        day += dt.timedelta(days=1)
        counted += cal.is_working_day(day)
    # Settled into the target day's open time, or on its close (midnight at the latest).
    assert got.date() == day or (
        got.date() == day + dt.timedelta(days=1) and got.time() == dt.time()
    )
    same_time = pendulum.datetime(
        day.year, day.month, day.day, start.hour, start.minute, start.second,
        start.microsecond, tz=zone,
    )  # fmt: skip
    if same_time.time() == start.time() and cal.is_open(same_time):
        assert got == same_time


# -- far from the present, a year's offset table is its calendar twin's -------------------------

TWIN_ZONES = (*ZONES, "Europe/London", "America/Sao_Paulo", "Asia/Tehran", "Asia/Gaza",
              "Antarctica/Troll", "Pacific/Apia", "America/Godthab", "Europe/Dublin")  # fmt: skip


@pytest.mark.parametrize("zone", TWIN_ZONES)
def test_far_years_take_their_calendar_twins_offsets(zone: str) -> None:
    tz = _time.stdlib_zone(zone)
    fields = ("lo", "hi", "off0", "tr_us", "tr_off", "wall_lo", "wall_hi", "wall_off")
    for year in (2, 1000, 1699, 2229, 4321, 9998):
        twin = _zones._calendar_twin(year)
        assert twin != year
        assert dt.date(twin, 1, 1).weekday() == dt.date(year, 1, 1).weekday()
        shifted, scanned = _zones.zone_year(tz, year), _zones._scanned(tz, year)
        assert [getattr(shifted, f) for f in fields] == [getattr(scanned, f) for f in fields]
    assert _zones._calendar_twin(2026) == 2026
