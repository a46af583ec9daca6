"""expandit_policy: ExpandIT's customer-service policy as typed values and exact business time.

>>> import pendulum
>>> from expandit_policy import BusinessHours, presets
>>> arrival = pendulum.datetime(2026, 3, 6, 15, 30, tz="Europe/Copenhagen")
>>> presets.denmark().add(arrival, BusinessHours(2)).isoformat()
'2026-03-09T09:30:00+01:00'
"""

from . import presets as presets
from ._calendars._calendar import BusinessCalendar as BusinessCalendar
from ._calendars._calendar import Calendar as Calendar
from ._calendars._calendar import ComposedCalendar as ComposedCalendar
from ._calendars._calendar import Landing as Landing
from ._calendars._durations import BusinessDays as BusinessDays
from ._calendars._durations import BusinessHours as BusinessHours
from ._calendars._durations import CalendarDays as CalendarDays
from ._calendars._durations import ClockHours as ClockHours
from ._calendars._durations import DayReading as DayReading
from ._calendars._durations import Duration as Duration
from ._calendars._holidays import Holiday as Holiday
from ._calendars._holidays import HolidayRule as HolidayRule
from ._calendars._holidays import Holidays as Holidays
from ._calendars._holidays import HolidaySource as HolidaySource
from ._calendars._holidays import easter_sunday as easter_sunday
from ._calendars._hours import Window as Window
from ._calendars._hours import WorkingHours as WorkingHours
from ._calendars._spans import Closure as Closure
from ._calendars._spans import Opening as Opening
from ._errors import CalendarNeverOpensError as CalendarNeverOpensError
from ._errors import InvalidCalendarError as InvalidCalendarError
from ._errors import InvalidDurationError as InvalidDurationError
from ._errors import NaiveDatetimeError as NaiveDatetimeError
from ._errors import PolicyError as PolicyError
from ._errors import SpanOutOfRangeError as SpanOutOfRangeError
from ._errors import UnknownTimezoneError as UnknownTimezoneError
from ._errors import WrongTypeError as WrongTypeError

__all__ = [
    "BusinessCalendar",
    "BusinessDays",
    "BusinessHours",
    "Calendar",
    "CalendarDays",
    "CalendarNeverOpensError",
    "ClockHours",
    "Closure",
    "ComposedCalendar",
    "DayReading",
    "Duration",
    "Holiday",
    "HolidayRule",
    "HolidaySource",
    "Holidays",
    "InvalidCalendarError",
    "InvalidDurationError",
    "Landing",
    "NaiveDatetimeError",
    "Opening",
    "PolicyError",
    "SpanOutOfRangeError",
    "UnknownTimezoneError",
    "Window",
    "WorkingHours",
    "WrongTypeError",
    "easter_sunday",
    "presets",
]
