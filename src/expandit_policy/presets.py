"""Ready calendars: the Danish default desk and a German desk, with corrected public holidays.

workalendar 17 (early 2023) is out of date in places; each preset lists its corrections as
:class:`~expandit_policy.HolidayRule` values, and the test suite checks every preset year by year
(2020-2035) against the maintained ``holidays`` package.

>>> import datetime
>>> from expandit_policy import presets
>>> presets.denmark().is_working_day(datetime.date(2026, 5, 1))  # Store Bededag 2026: abolished
True
>>> presets.germany("MV").is_working_day(datetime.date(2027, 3, 8))  # Women's Day in MV from 2023
False
"""

from __future__ import annotations

from ._calendars._calendar import BusinessCalendar
from ._calendars._holidays import HolidayRule, Holidays, workalendar_calendar
from ._calendars._hours import WorkingHours
from ._errors import InvalidCalendarError, WrongTypeError

__all__ = [
    "DENMARK_CORRECTIONS",
    "GERMANY_CORRECTIONS",
    "GERMAN_STATES",
    "denmark",
    "germany",
]

#: Corrections to workalendar's Denmark: (rules added, rules removed).
DENMARK_CORRECTIONS: tuple[tuple[HolidayRule, ...], tuple[HolidayRule, ...]] = (
    (),
    (
        # Act no. 214 of 2023 abolished Store Bededag (the fourth Friday after Easter) from 2024.
        HolidayRule("Store Bededag (abolished from 2024)", easter_offset=26, first_year=2024),
    ),
)
_CHRISTMAS_EVE = HolidayRule("Christmas Eve", month=12, day=24)

#: The German states by their two-letter codes, as workalendar and ISO 3166-2:DE name them.
GERMAN_STATES: dict[str, str] = {
    "BW": "Baden-Württemberg",
    "BY": "Bavaria",
    "BE": "Berlin",
    "BB": "Brandenburg",
    "HB": "Bremen",
    "HH": "Hamburg",
    "HE": "Hesse",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Lower Saxony",
    "NW": "North Rhine-Westphalia",
    "RP": "Rhineland-Palatinate",
    "SL": "Saarland",
    "SN": "Saxony",
    "ST": "Saxony-Anhalt",
    "SH": "Schleswig-Holstein",
    "TH": "Thuringia",
}

#: Holidays that German states added after workalendar 17 was released, by state code.
GERMANY_CORRECTIONS: dict[str, tuple[HolidayRule, ...]] = {
    "BE": (
        HolidayRule(
            "80th anniversary of the liberation (one-off)",
            month=5,
            day=8,
            first_year=2025,
            last_year=2025,
        ),
        HolidayRule(
            "75th anniversary of the 1953 uprising (one-off)",
            month=6,
            day=17,
            first_year=2028,
            last_year=2028,
        ),
    ),
    "BB": (HolidayRule("Whit Sunday", easter_offset=49),),
    "MV": (HolidayRule("International Women's Day", month=3, day=8, first_year=2023),),
    "TH": (HolidayRule("World Children's Day", month=9, day=20, first_year=2019),),
}

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def denmark(*, christmas_eve: bool = False) -> BusinessCalendar:
    """The default desk: Europe/Copenhagen, Monday to Friday 08:00-16:00, Danish public holidays
    as in force today (no Store Bededag from 2024). 24 December is closed only when asked.

    >>> import datetime
    >>> denmark().is_working_day(datetime.date(2026, 12, 24))
    True
    >>> denmark(christmas_eve=True).is_working_day(datetime.date(2026, 12, 24))
    False
    """
    added, removed = DENMARK_CORRECTIONS
    if not christmas_eve:
        removed = (*removed, _CHRISTMAS_EVE)
    holidays = Holidays.from_workalendar(workalendar_calendar("DK"), added=added, removed=removed)
    return BusinessCalendar(
        "Europe/Copenhagen",
        WorkingHours.from_weekly({d: [("08:00", "16:00")] for d in _WEEKDAYS}),
        holidays,
        name="Denmark" + (" (closed 24 December)" if christmas_eve else ""),
    )


def _state_code(state: object) -> str | None:
    """``state`` as a key of :data:`GERMAN_STATES`, in any letter case and with or without the
    country (``"by"``, ``"DE-BY"``); None when it names no state."""
    if not isinstance(state, str) or not state.isascii():
        return None
    code = state.upper()
    code = code.removeprefix("DE-")
    return code if code in GERMAN_STATES else None


def germany(state: str | None = None) -> BusinessCalendar:
    """A German desk: Europe/Berlin, Monday to Friday 08:00-17:00, national holidays, or one
    state's (its two-letter code: ``"BY"``, ``"MV"``, ...; in any letter case, and with the
    country too, as ISO 3166-2 writes it: ``"by"``, ``"DE-BY"``).

    Bavaria keeps Assumption Day (15 August), which the law makes a holiday in its mostly
    Catholic municipalities, Munich among them.

    >>> import datetime
    >>> germany().is_working_day(datetime.date(2026, 10, 3))
    False
    >>> germany("BY").is_working_day(datetime.date(2026, 1, 6))
    False
    >>> germany("de-by") == germany("BY")
    True
    >>> germany("XX")
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidCalendarError: state must be None or a German state's two-letter code (BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH), got 'XX'
    """
    if state is not None:
        code = _state_code(state)
        if code is None:
            error = InvalidCalendarError if isinstance(state, str) else WrongTypeError
            raise error(
                f"state must be None or a German state's two-letter code "
                f"({', '.join(GERMAN_STATES)}), got {state!r}"
            )
        state = code
    code = "DE" if state is None else f"DE-{state}"
    added = () if state is None else GERMANY_CORRECTIONS.get(state, ())
    holidays = Holidays.from_workalendar(workalendar_calendar(code), added=added)
    return BusinessCalendar(
        "Europe/Berlin",
        WorkingHours.from_weekly({d: [("08:00", "17:00")] for d in _WEEKDAYS}),
        holidays,
        name="Germany" if state is None else f"Germany ({GERMAN_STATES[state]})",
    )
