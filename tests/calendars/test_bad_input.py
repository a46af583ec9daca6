"""Bad input: each raises a typed error at once, whose message says what to fix."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from collections.abc import Callable
from decimal import Decimal

import pendulum
import pytest

from expandit_policy import (
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    CalendarDays,
    CalendarNeverOpensError,
    ClockHours,
    Closure,
    HolidayRule,
    Holidays,
    InvalidCalendarError,
    InvalidDurationError,
    NaiveDatetimeError,
    PolicyError,
    SpanOutOfRangeError,
    UnknownTimezoneError,
    Window,
    WorkingHours,
    WrongTypeError,
    presets,
)

CPH = "Europe/Copenhagen"
MONDAY = pendulum.datetime(2026, 3, 2, 9, tz=CPH)
WEEK = {"mon": [("08:00", "16:00")]}


def test_naive_datetimes_are_refused_everywhere() -> None:
    dk = presets.denmark()
    naive = dt.datetime(2026, 3, 2, 9)
    calls: list[Callable[[], object]] = [
        lambda: dk.add(naive, BusinessHours(1)),
        lambda: dk.subtract(naive, BusinessHours(1)),
        lambda: dk.between(MONDAY, naive),
        lambda: dk.is_open(naive),
        lambda: dk.next_open(naive),
        lambda: dk.next_close(naive),
        lambda: dk.previous_open(naive),
        lambda: dk.previous_close(naive),
        lambda: dk.open_spans(naive, MONDAY),
        lambda: dk.add_many([MONDAY, naive], BusinessHours(1)),
        lambda: Closure(naive, MONDAY),
    ]
    for call in calls:
        with pytest.raises(NaiveDatetimeError, match="aware datetime"):
            call()
    with pytest.raises(NaiveDatetimeError, match=r"instants\[1\]"):
        dk.add_many([MONDAY, naive], BusinessHours(1))
    assert issubclass(NaiveDatetimeError, TypeError)
    assert issubclass(NaiveDatetimeError, PolicyError)


def test_not_a_datetime() -> None:
    with pytest.raises(WrongTypeError, match="must be an aware datetime, got '2026-03-02'"):
        presets.denmark().is_open("2026-03-02")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["Europe/Kopenhagen", "Mars/Olympus", "", "+01:00"])
def test_unknown_time_zones(name: str) -> None:
    with pytest.raises(UnknownTimezoneError, match="IANA zone name"):
        BusinessCalendar.from_weekly(name, WEEK)


def test_time_zone_of_the_wrong_type() -> None:
    with pytest.raises(WrongTypeError, match="IANA zone name"):
        BusinessCalendar.from_weekly(3600, WEEK)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("weekly", "message"),
    [
        ({"mon": [("08:00", "12:00"), ("11:00", "16:00")]}, "mon: window 08:00-12:00 overlaps mon"),
        ({"mon": [("16:00", "08:00")]}, "mon: window 16:00-08:00 ends before it starts"),
        ({"tue": [("09:00", "09:00")]}, "tue: window 09:00-09:00 is empty"),
        ({"sun": [("22:00", "06:00", True)], "mon": [("05:00", "12:00")]}, "sun: .* overlaps mon"),
        ({"mon": [("22:00", "23:00", True)]}, "marked overnight but does not run past midnight"),
        ({"mon": [("25:00", "26:00")]}, "between 00:00 and 24:00"),
        ({"mon": [("8:00", "16:00")]}, "wall-clock time 'HH:MM'"),
        ({"monday": [("08:00", "16:00")]}, "weekly keys must be among mon"),
        ({"mon": ["08:00-16:00"]}, r'weekly\["mon"\]\[0\] must be'),
        ({"mon": [(8, 16)]}, 'must hold "HH:MM" strings'),
    ],
)
def test_malformed_windows(weekly: dict[str, list[tuple[object, ...]]], message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        BusinessCalendar.from_weekly(CPH, weekly)  # type: ignore[arg-type]


def test_window_values() -> None:
    with pytest.raises(InvalidCalendarError, match="between 0 and 86400"):
        Window(-1, 100)
    with pytest.raises(WrongTypeError, match="seconds after midnight"):
        Window("08:00", 100)  # type: ignore[arg-type]
    with pytest.raises(InvalidCalendarError, match="7 days"):
        WorkingHours(((),))
    with pytest.raises(WrongTypeError, match="must hold Window values"):
        WorkingHours([["08:00"]] * 7)  # type: ignore[list-item]
    with pytest.raises(WrongTypeError, match="must map weekday names"):
        WorkingHours.from_weekly([("08:00", "16:00")])  # type: ignore[arg-type]


def test_never_opening_calendars() -> None:
    with pytest.raises(CalendarNeverOpensError, match="never opens"):
        BusinessCalendar.from_weekly(CPH, {})
    # Closed from 2000 to 2060: a long closure, not a calendar that never opens. The search goes
    # through the closure, however long, to the Monday after it (and the one before it).
    shut = BusinessCalendar.from_weekly(
        CPH,
        WEEK,
        closures=[(pendulum.datetime(2000, 1, 1, tz=CPH), pendulum.datetime(2060, 1, 1, tz=CPH))],
    )
    assert shut.add(MONDAY, BusinessHours(1)) == pendulum.datetime(2060, 1, 5, 9, tz=CPH)
    assert shut.next_open(MONDAY) == pendulum.datetime(2060, 1, 5, 8, tz=CPH)
    assert shut.previous_close(MONDAY) == pendulum.datetime(1999, 12, 27, 16, tz=CPH)
    assert shut.add(MONDAY, BusinessDays(1)) == pendulum.datetime(2060, 1, 12, 8, tz=CPH)
    # Mondays that are Tuesdays: no open time in any year.
    never = BusinessCalendar.from_weekly(CPH, WEEK) & BusinessCalendar.from_weekly(
        CPH, {"tue": [("08:00", "16:00")]}
    )
    with pytest.raises(CalendarNeverOpensError, match="no open time after 2026"):
        never.add(MONDAY, BusinessHours(1))
    with pytest.raises(CalendarNeverOpensError, match="no open time after"):
        never.next_open(MONDAY)
    with pytest.raises(CalendarNeverOpensError, match="no open time before 2026"):
        never.previous_close(MONDAY)
    with pytest.raises(CalendarNeverOpensError):
        never.add(MONDAY, BusinessDays(1))
    nobody = presets.denmark() - presets.denmark()
    with pytest.raises(CalendarNeverOpensError, match="composition"):
        nobody.add(MONDAY, BusinessHours(1))


def test_absurd_durations() -> None:
    with pytest.raises(InvalidDurationError, match="at most about 87 million hours"):
        BusinessHours(10**12)
    with pytest.raises(SpanOutOfRangeError, match="use a smaller duration"):
        presets.denmark().add(MONDAY, BusinessHours(50_000_000))
    with pytest.raises(SpanOutOfRangeError):
        presets.denmark().subtract(MONDAY, BusinessHours(50_000_000))
    with pytest.raises(SpanOutOfRangeError):
        presets.denmark().add(MONDAY, ClockHours(80_000_000))
    with pytest.raises(InvalidDurationError, match="finite"):
        BusinessHours(float("inf"))
    with pytest.raises(InvalidDurationError, match="number of hours"):
        BusinessHours("2")  # type: ignore[arg-type]
    with pytest.raises(InvalidDurationError, match="whole number of days"):
        BusinessDays(1.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidDurationError, match="duration must be"):
        presets.denmark().add(MONDAY, dt.timedelta(hours=2))  # type: ignore[arg-type]


def test_instants_at_the_edge_of_time() -> None:
    far = pendulum.datetime(9999, 12, 31, 12, tz="UTC")
    with pytest.raises(SpanOutOfRangeError, match="between the years 2 and 9998"):
        presets.denmark().is_open(far)


# The engine compiles the local years 2 to 9998: an instant in year 1 or 9999 is refused rather
# than measured against years it never compiled (which would read as closed).
@pytest.mark.parametrize(
    "at",
    [
        pendulum.datetime(9999, 6, 1, 9, tz="Europe/Copenhagen"),
        pendulum.datetime(9998, 12, 31, 9, tz="Europe/Copenhagen"),
        pendulum.datetime(1, 6, 1, 9, tz="UTC"),
        pendulum.datetime(2, 1, 1, 9, tz="UTC"),
    ],
    ids=["9999-06-01", "9998-12-31", "0001-06-01", "0002-01-01"],
)
def test_instants_outside_the_compiled_years_are_refused_not_read_as_closed(
    at: pendulum.DateTime,
) -> None:
    dk = presets.denmark()
    calls: list[Callable[[], object]] = [
        lambda: dk.add(at, BusinessHours(2)),
        lambda: dk.subtract(at, BusinessHours(2)),
        lambda: dk.add(at, BusinessDays(2)),
        lambda: dk.between(at, at),
        lambda: dk.is_open(at),
        lambda: dk.next_open(at),
        lambda: dk.previous_close(at),
    ]
    for call in calls:
        with pytest.raises(SpanOutOfRangeError, match="between the years 2 and 9998"):
            call()


def test_a_search_that_runs_into_the_last_compiled_year_is_out_of_range_not_never_open() -> None:
    dk = presets.denmark()
    late = pendulum.datetime(9998, 12, 29, 15, tz="Europe/Copenhagen")
    with pytest.raises(SpanOutOfRangeError, match="outside the years 2 to 9998"):
        dk.add(late, BusinessHours(40))
    with pytest.raises(SpanOutOfRangeError, match="outside the years 2 to 9998"):
        dk.add(late, BusinessDays(5))
    early = pendulum.datetime(2, 1, 3, 9, tz="UTC")
    with pytest.raises(SpanOutOfRangeError, match="outside the years 2 to 9998"):
        dk.subtract(early, BusinessHours(40))


def test_unsupported_combinations() -> None:
    dk = presets.denmark()
    with pytest.raises(InvalidDurationError, match="landing must be"):
        dk.add(MONDAY, BusinessHours(1), landing="later")  # type: ignore[arg-type]
    with pytest.raises(InvalidDurationError, match="landing must be"):
        dk.add_many([MONDAY], BusinessHours(1), landing="later")  # type: ignore[arg-type]
    with pytest.raises(InvalidDurationError, match="business durations only"):
        dk.add(MONDAY, CalendarDays(1), landing="next_open")
    with pytest.raises(InvalidDurationError, match="subtract supports"):
        dk.subtract(MONDAY, CalendarDays(1))
    with pytest.raises(WrongTypeError, match="other must be a BusinessCalendar"):
        dk.union("Denmark")  # type: ignore[arg-type]


def test_holiday_inputs() -> None:
    with pytest.raises(WrongTypeError, match=r"holidays\[1\] must be a datetime.date"):
        BusinessCalendar.from_weekly(CPH, WEEK, holidays=[dt.date(2026, 1, 1), "2026-12-25"])  # type: ignore[list-item]
    with pytest.raises(WrongTypeError, match=r"holidays\[0\].*datetime"):
        Holidays.from_dates([dt.datetime(2026, 1, 1, tzinfo=dt.UTC)])
    with pytest.raises(InvalidCalendarError, match="either month and day, or easter_offset"):
        HolidayRule("odd", month=1, day=1, easter_offset=2)
    with pytest.raises(InvalidCalendarError, match="no valid month and day"):
        HolidayRule("odd", month=2, day=30)
    with pytest.raises(
        InvalidCalendarError, match=r"HolidayRule.first_year must be a year \(int\) from 1 to 9999"
    ):
        HolidayRule("odd", month=2, day=3, first_year=0)
    with pytest.raises(WrongTypeError, match="holidays"):
        Holidays.from_workalendar(object())  # type: ignore[arg-type]
    with pytest.raises(InvalidCalendarError, match="state must be"):
        presets.germany("Bavaria")


def test_closure_inputs() -> None:
    with pytest.raises(InvalidCalendarError, match="must end after it starts"):
        Closure(MONDAY, MONDAY)
    with pytest.raises(WrongTypeError, match=r"closures\[0\]"):
        BusinessCalendar.from_weekly(CPH, WEEK, closures=[MONDAY])  # type: ignore[list-item]
    with pytest.raises(WrongTypeError, match=r"openings\[0\]"):
        BusinessCalendar.from_weekly(CPH, WEEK, openings=["x"])  # type: ignore[list-item]
    with pytest.raises(WrongTypeError, match="datetime.date"):
        presets.denmark().is_working_day(MONDAY)


def test_inputs_are_never_changed() -> None:
    weekly = {"mon": [("08:00", "12:00"), ("07:00", "07:30")]}
    snapshot = copy.deepcopy(weekly)
    holidays = [dt.date(2026, 12, 25)]
    instants = [MONDAY, MONDAY.add(hours=1)]
    cal = BusinessCalendar.from_weekly(CPH, weekly, holidays=holidays)
    cal.add_many(instants, BusinessHours(3))
    assert weekly == snapshot
    assert holidays == [dt.date(2026, 12, 25)]
    assert instants == [MONDAY, MONDAY.add(hours=1)]


def test_values_are_frozen_picklable_and_comparable() -> None:
    cal = presets.denmark() | presets.germany("BY")
    cal.is_open(MONDAY)
    again = pickle.loads(pickle.dumps(cal))
    assert again == cal
    assert again.add(MONDAY, BusinessHours(10)) == cal.add(MONDAY, BusinessHours(10))
    assert copy.deepcopy(cal) == cal
    assert pickle.loads(pickle.dumps(BusinessHours(1.5))) == BusinessHours(1.5)


def test_every_search_on_a_never_opening_composition_raises() -> None:
    nobody = presets.denmark() & presets.denmark().difference(presets.denmark())
    searches: list[Callable[[], object]] = [
        lambda: nobody.next_open(MONDAY),
        lambda: nobody.next_close(MONDAY),
        lambda: nobody.previous_open(MONDAY),
        lambda: nobody.previous_close(MONDAY),
        lambda: nobody.subtract(MONDAY, BusinessHours(1)),
        lambda: nobody.subtract(MONDAY, BusinessDays(1)),
        lambda: nobody.add(MONDAY, BusinessDays(1, "close_of_day")),
        lambda: nobody.add(MONDAY, CalendarDays(1)),
        lambda: nobody.add_many([MONDAY], BusinessHours(1)),
    ]
    for search in searches:
        with pytest.raises(CalendarNeverOpensError, match="no open time"):
            search()
    assert not nobody.is_open(MONDAY)
    assert nobody.between(MONDAY, MONDAY.add(days=30)) == dt.timedelta(0)
    assert not nobody.is_working_day(MONDAY.date())


def test_a_tzinfo_without_an_offset_counts_as_naive() -> None:
    class Nowhere(dt.tzinfo):
        def utcoffset(self, d: dt.datetime | None) -> None:
            return None

        def dst(self, d: dt.datetime | None) -> None:
            return None

        def tzname(self, d: dt.datetime | None) -> str:
            return "nowhere"

    with pytest.raises(NaiveDatetimeError, match="aware datetime"):
        presets.denmark().is_open(dt.datetime(2026, 3, 2, 9, tzinfo=Nowhere()))


@pytest.mark.parametrize(
    "day", [dt.date(1, 1, 2), dt.date(1, 12, 31), dt.date(9999, 1, 4)], ids=str
)
def test_days_outside_the_compiled_years_are_refused_not_counted_as_closed(day: dt.date) -> None:
    dk = presets.denmark()
    with pytest.raises(SpanOutOfRangeError, match="between the years 2 and 9998"):
        dk.is_working_day(day)
    with pytest.raises(SpanOutOfRangeError, match="between the years 2 and 9998"):
        dk.working_days_between(day, day + dt.timedelta(days=1))
    # Monday 21 to Sunday 27 December 9998: Christmas Day falls on the Friday.
    assert dk.working_days_between(dt.date(9998, 12, 21), dt.date(9998, 12, 28)) == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("1e-999999999", "at most 30 decimal places", id="tiny exponent"),
        pytest.param("-1e-999999999", "at most 30 decimal places", id="tiny negative"),
        pytest.param("1E-31", "at most 30 decimal places", id="one place too fine"),
        pytest.param("1E+13", "at most about 87 million hours", id="huge exponent"),
    ],
)
def test_decimal_hours_with_an_extreme_exponent_are_refused_at_once(
    text: str, message: str
) -> None:
    # Building a Fraction of 1e-999999999 would need a billion-digit denominator: refused first.
    with pytest.raises(InvalidDurationError, match=message):
        BusinessHours(Decimal(text))


@pytest.mark.parametrize(
    ("text", "us"),
    [
        pytest.param("1E-30", 0, id="thirty places: rounds to zero"),
        pytest.param("1.0000000000000000000000000000000000000000", 3_600_000_000, id="trailing zeros are not finer"),
        pytest.param("0E-999999999", 0, id="zero with any exponent"),
        pytest.param("2.5", 9_000_000_000, id="plain"),
    ],
)  # fmt: skip
def test_decimal_hours_within_the_bounds_are_kept_to_the_microsecond(text: str, us: int) -> None:
    assert BusinessHours(Decimal(text)).microseconds == us


@pytest.mark.parametrize("reading", ["x", "same time", 1, None])
def test_a_reading_of_days_not_allowed_names_the_readings_allowed(reading: object) -> None:
    with pytest.raises(InvalidDurationError) as caught:
        BusinessDays(1, reading)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith("BusinessDays.reading must be one of 'same_time' ")
    assert "'close_of_day'" in message
    assert f"got {reading!r}" in message
    assert "Attribute(" not in message


def test_working_hours_of_another_type_are_refused_in_the_librarys_words() -> None:
    with pytest.raises(WrongTypeError) as caught:
        BusinessCalendar("UTC", "9-5")  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith("BusinessCalendar.hours must be a WorkingHours, got '9-5' (str)")
    assert "BusinessCalendar.from_weekly" in message
    assert "expandit_policy._" not in message
    with pytest.raises(WrongTypeError) as caught:
        BusinessCalendar("UTC", WorkingHours.from_weekly(WEEK), holidays=3)  # type: ignore[arg-type]
    assert str(caught.value).startswith("BusinessCalendar.holidays must be a Holidays, got 3 (int)")
    assert "expandit_policy._" not in str(caught.value)


def test_holiday_dates_given_as_one_string_are_refused_at_once() -> None:
    with pytest.raises(WrongTypeError) as caught:
        Holidays(dates="2026-12-25")  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith(
        "Holidays.dates must be a collection of Holiday, got '2026-12-25' (str)"
    )
    assert "wrap it: (Holiday(datetime.date.fromisoformat('2026-12-25')),)" in message
    with pytest.raises(WrongTypeError, match=r"Holidays.dates\[0\] must be a Holiday.*from_dates"):
        Holidays(dates=[dt.date(2026, 12, 25)])  # type: ignore[list-item]
    with pytest.raises(WrongTypeError, match="wrap it"):
        Holidays(added=HolidayRule("Boxing Day", 12, 26))  # type: ignore[arg-type]


def test_a_negative_count_of_days_advises_a_way_back_that_works() -> None:
    with pytest.raises(InvalidDurationError) as caught:
        CalendarDays(-1)
    message = str(caught.value)
    assert message.startswith("CalendarDays.days must be between 0 and 3650000, got -1")
    assert "t - datetime.timedelta(days=1)" in message
    assert "subtract" not in message  # calendar.subtract refuses CalendarDays
    with pytest.raises(InvalidDurationError, match="subtract supports"):
        presets.denmark().subtract(MONDAY, CalendarDays(1))
    with pytest.raises(InvalidDurationError) as caught:
        BusinessDays(-2)
    assert "calendar.subtract(t, BusinessDays(2))" in str(caught.value)
    assert presets.denmark().subtract(MONDAY, BusinessDays(2)) < MONDAY


# One reading of a clock time serves the API and JSON: each text is accepted by both or by neither.
@pytest.mark.parametrize(
    "text",
    [
        "08:00",
        "08:00:30",
        "\u0660\u0668:\u0660\u0660",  # Arabic-Indic digits
        "\uff10\uff18:00",  # fullwidth digits
        "08:00\n",
        "8:00",
        "24:01",
        "08:60",
        " 08:00",
    ],
)
def test_window_parse_and_the_json_loader_read_a_clock_time_alike(text: str) -> None:
    from expandit_policy import InvalidDocumentError, from_json_dict, to_json_dict

    document = {**to_json_dict(Window.parse("08:00", "24:00")), "start": text}
    try:
        from_json_dict(Window, document)
        json_accepts = True
    except InvalidDocumentError:
        json_accepts = False
    try:
        Window.parse(text, "24:00")
        api_accepts = True
    except InvalidCalendarError:
        api_accepts = False
    assert api_accepts == json_accepts


def test_window_parse_refuses_digits_other_than_ascii() -> None:
    with pytest.raises(InvalidCalendarError, match="start must be a wall-clock time 'HH:MM' in ASCII digits"):  # fmt: skip
        Window.parse("\u0660\u0668:\u0660\u0660", "16:00")


@pytest.mark.parametrize("offset", [4_000_000, -4_000_000, 251, -81])
def test_an_easter_offset_beyond_the_year_is_refused_when_the_rule_is_built(offset: int) -> None:
    with pytest.raises(InvalidCalendarError, match=r"easter_offset must be between -80 and 250 days"):  # fmt: skip
        HolidayRule("x", easter_offset=offset)


# Easter falls between 22 March and 25 April: the bounds reach 1 January and 31 December.
@pytest.mark.parametrize(
    ("offset", "year", "expected"),
    [
        (-80, 2285, dt.date(2285, 1, 1)),  # Easter on 22 March, a common year
        (-80, 1818, dt.date(1818, 1, 1)),  # Easter on 22 March
        (250, 2038, dt.date(2038, 12, 31)),  # Easter on 25 April
        (250, 1943, dt.date(1943, 12, 31)),  # Easter on 25 April
    ],
)
def test_the_easter_offsets_at_the_bounds_stay_in_easters_year(
    offset: int, year: int, expected: dt.date
) -> None:
    assert HolidayRule("x", easter_offset=offset).dates(year) == (expected,)


def test_a_calendar_with_easter_offsets_at_the_bounds_compiles_to_the_edge_of_time() -> None:
    rules = (HolidayRule("early", easter_offset=-80), HolidayRule("late", easter_offset=250))
    holidays = Holidays(added=rules)
    for year in (1, 2, 9998, 9999):
        assert all(d.year == year for d in holidays.in_year(year))
    calendar = BusinessCalendar("UTC", WorkingHours.from_weekly(WEEK), holidays)
    assert calendar.is_open(pendulum.datetime(9998, 12, 28, 9, tz="UTC"))
