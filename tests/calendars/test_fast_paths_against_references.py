"""The engine's one-step paths against the references, not against its own careful route.

``add`` answers the common case of a deadline in one step (business hours, and working days in
both readings) when the instant is in the calendar's own zone, its year is compiled, and no
offset change is near; ``between`` reads instants from an offset table the same way. Everything
else goes a careful way. Here the inputs are aimed at the one-step paths and at the places
where they must hand over: anywhere in three compiled years, within hours or days of an offset
change, at the ends of the compiled years, and aimed so that the deadline falls next to a change.
Each answer is compared with ``tests/calendars/reference.py``, which reads only the calendar's
definition.

The calendars are the ones the engine's own fast-path tests use: windows at the hours the
offsets change, every day of the week, and a sparse week whose hours differ between its days.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pendulum
from hypothesis import given, note
from hypothesis import strategies as st

from expandit_policy import BusinessCalendar, BusinessDays, BusinessHours, Landing
from tests.calendars.reference import (
    DAY,
    HOUR,
    DayReference,
    from_us,
    local_wall,
    midnight,
    offset_changes,
    to_us,
)
from tests.calendars.test_reference_oracles import (
    DayCase,
    assert_same_instant,
    assert_same_time_deadline,
)

ZONES = (
    "Europe/Copenhagen",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Pacific/Chatham",
    "Asia/Kolkata",
    "UTC",
)
Weekly = dict[str, list[tuple[str, str] | tuple[str, str, bool]]]
WEEKLY: Weekly = {
    # Windows at the usual change times (00:00-03:00), one running past midnight, a Saturday.
    "mon": [("00:30", "03:00"), ("08:00", "16:00")],
    "tue": [("08:00", "16:00")],
    "wed": [("01:00", "02:30"), ("09:00", "17:00")],
    "thu": [("22:00", "02:30", True)],
    "fri": [("08:00", "16:00")],
    "sat": [("02:00", "04:00")],
}
# Every day, with window edges inside the hours that are skipped or repeated.
_WINDOWS = [("00:00", "01:45"), ("02:15", "02:40"), ("03:10", "04:00"), ("08:00", "16:00")]
EVERY_DAY: Weekly = {
    d: [*_WINDOWS, ("22:00", "23:30")] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}
# Closed for days on end, and different hours on its two days (the time is sometimes closed).
SPARSE: Weekly = {"tue": [("10:00", "12:00")], "wed": [("09:00", "12:00")]}
WEEKS = {"weekly": WEEKLY, "every_day": EVERY_DAY, "sparse": SPARSE}
HOLIDAYS = [dt.date(2026, 3, 30), dt.date(2026, 10, 26), dt.date(2026, 4, 6)]
QUARTER = HOUR // 4


@st.composite
def fast_path_cases(draw: st.DrawFn) -> DayCase:
    """A calendar compiled for 2025-2027 (by a query in mid-2026, as a service would have it),
    and a start in its own zone, as a pendulum or a stdlib datetime with either fold."""
    zone = draw(st.sampled_from(ZONES), label="zone")
    week = draw(st.sampled_from(sorted(WEEKS)), label="week")
    calendar = BusinessCalendar.from_weekly(zone, WEEKS[week], holidays=HOLIDAYS)
    calendar.is_open(pendulum.datetime(2026, 6, 1, tz="UTC"))
    tz = zoneinfo.ZoneInfo(zone)
    lo, hi = midnight(dt.date(2025, 1, 1), tz), midnight(dt.date(2028, 1, 1), tz)
    changes = offset_changes(zone, 2025, 2027) or ((lo + hi) // 2,)
    hours = st.integers(-3 * HOUR, 3 * HOUR)
    near = st.integers(-5 * DAY, 5 * DAY) | hours | hours
    where = draw(st.sampled_from(("anywhere", "change", "edge", "aimed")), label="where")
    if where == "anywhere":
        us = draw(st.integers(lo, hi - 1))
    elif where == "change":
        us = draw(st.sampled_from(changes)) + draw(near)
    elif where == "edge":
        us = draw(st.sampled_from((lo, hi))) + draw(near)
    else:  # so that the same time of day some days later is next to a change
        us = draw(st.sampled_from(changes)) - draw(st.integers(1, 12)) * DAY + draw(hours)
    if draw(st.booleans()):
        us -= us % QUARTER  # on the quarter hour, where windows and changes are
    wall = local_wall(us, tz).replace(fold=draw(st.sampled_from((from_us(us, tz).fold, 0, 1))))
    t: dt.datetime
    if draw(st.booleans()):
        t = pendulum.datetime(
            wall.year,
            wall.month,
            wall.day,
            wall.hour,
            wall.minute,
            wall.second,
            wall.microsecond,
            tz=calendar.zone,
            fold=wall.fold,
        )
    else:
        t = wall.replace(tzinfo=tz)
    start = to_us(t)  # the instant the engine is given (the fold may name the other one)
    return DayCase(calendar, DayReference(calendar), start, t, f"{week}, {where}")


WORKING_DAYS = st.integers(1, 12) | st.integers(1, 12) | st.integers(13, 400)


@given(case=fast_path_cases(), n=WORKING_DAYS)
def test_working_days_same_time_fast_path_agrees_with_the_day_reference(
    case: DayCase, n: int
) -> None:
    case.explain()
    assert_same_time_deadline(case.calendar.add(case.t, BusinessDays(n)), case, n)


@given(case=fast_path_cases(), n=WORKING_DAYS)
def test_working_days_close_of_day_fast_path_agrees_with_the_day_reference(
    case: DayCase, n: int
) -> None:
    case.explain()
    got = case.calendar.add(case.t, BusinessDays(n, "close_of_day"))
    assert_same_instant(got, case.reference.business_days_close_of_day(case.start, n), case)


@given(
    case=fast_path_cases(),
    amount=st.integers(1, 4 * DAY) | st.integers(1, 40).map(lambda q: q * QUARTER),
    next_open=st.booleans(),
)
def test_open_time_fast_path_agrees_with_the_span_reference(
    case: DayCase, amount: int, next_open: bool
) -> None:
    """``add`` and ``add_many`` in business hours, both landings."""
    case.explain()
    landing: Landing = "next_open" if next_open else "close"
    hours = BusinessHours.from_timedelta(dt.timedelta(microseconds=amount))
    expected = case.reference.add_hours(case.start, amount, next_open)
    assert_same_instant(case.calendar.add(case.t, hours, landing=landing), expected, case)
    assert_same_instant(case.calendar.add_many([case.t], hours, landing=landing)[0], expected, case)


@given(case=fast_path_cases(), delta=st.integers(-40 * DAY, 40 * DAY))
def test_between_with_table_instants_agrees_with_the_span_reference(
    case: DayCase, delta: int
) -> None:
    """``between`` reads both instants from the offset table when it can."""
    end = from_us(case.start + delta, case.reference.tz)
    note(f"to {end!r}")
    expected = case.reference.open_time_between(case.start, case.start + delta)
    assert case.calendar.between(case.t, end) == dt.timedelta(microseconds=expected)
