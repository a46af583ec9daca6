"""Weekly working hours: local wall-clock windows per weekday."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from .. import _checks
from .._errors import InvalidCalendarError, WrongTypeError

__all__ = ["WEEKDAYS", "Window", "WorkingHours"]

#: Weekday keys in the order of ``datetime.date.weekday()``.
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = 86_400


class ClockFormError(ValueError):
    """Not of the form 'HH:MM' or 'HH:MM:SS' in ASCII digits."""


class ClockRangeError(ValueError):
    """Of the form, but not a time between 00:00 and 24:00."""


def clock_seconds(text: str) -> int:
    """The seconds after midnight of a wall-clock time 'HH:MM' or 'HH:MM:SS' in ASCII digits,
    '00:00' to '24:00': the one reading of a clock time, for the API and for JSON alike.

    >>> clock_seconds("08:30"), clock_seconds("24:00")
    (30600, 86400)
    """
    parts = text.split(":")
    # ASCII only: str.isdigit() alone also takes Arabic-Indic and other digits, which int() reads.
    if not (2 <= len(parts) <= 3 and all(len(p) == 2 and p.isascii() and p.isdigit() for p in parts)):  # fmt: skip
        raise ClockFormError(text)
    h, m, s = (int(p) for p in (*parts, "00")[:3])
    if (h, m, s) == (24, 0, 0):
        return _DAY
    if h > 23 or m > 59 or s > 59:
        raise ClockRangeError(text)
    return h * 3600 + m * 60 + s


def _clock(text: str, field: str) -> int:
    if not isinstance(text, str):
        raise WrongTypeError(
            f"{field} must be a wall-clock time 'HH:MM', got {_checks.shown(text)}"
        )
    try:
        return clock_seconds(text)
    except ClockFormError:
        raise InvalidCalendarError(
            f"{field} must be a wall-clock time 'HH:MM' in ASCII digits, got {_checks.shown(text)}"
        ) from None
    except ClockRangeError:
        raise InvalidCalendarError(
            f"{field} must be a wall-clock time between 00:00 and 24:00, got {_checks.shown(text)}"
        ) from None


def _fmt(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}" + (f":{s:02d}" if s else "")


def _check_window(inst: Window, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise WrongTypeError(
            f"Window.{attribute.name} must be seconds after midnight (int), got {_checks.shown(value)}"
        )
    if not 0 <= value <= _DAY:
        raise InvalidCalendarError(
            f"Window.{attribute.name} must lie between 0 and 86400 seconds (00:00 to 24:00), "
            f"got {_checks.shown(value)}"
        )


@attrs.frozen
class Window:
    """One opening window of a day, in local wall-clock seconds after midnight.

    ``end`` may be 86 400 (24:00). An overnight window (``overnight=True``) runs past midnight and
    belongs to the day it starts: a holiday on that day removes it whole.

    >>> Window.parse("08:00", "16:00")
    Window(start=28800, end=57600, overnight=False)
    >>> Window.parse("22:00", "06:00", overnight=True).length_seconds
    28800
    """

    start: int = attrs.field(validator=_check_window)
    """Seconds after local midnight at which the window opens."""
    end: int = attrs.field(validator=_check_window)
    """Seconds after local midnight (of the next day when overnight) at which it closes."""
    overnight: bool = attrs.field(default=False, validator=_checks.boolean)
    """Whether the window runs past midnight into the next day."""

    def __attrs_post_init__(self) -> None:
        if self.overnight:
            if self.end >= self.start or self.start == _DAY:
                raise InvalidCalendarError(
                    f"window {self} is marked overnight but does not run past midnight; "
                    f"an overnight window ends before it starts, e.g. 22:00-06:00"
                )
        elif self.end <= self.start:
            what = "is empty" if self.end == self.start else "ends before it starts"
            raise InvalidCalendarError(
                f"window {self} {what}; an overnight window must say so with overnight=True, "
                f'e.g. ("22:00", "06:00", True), or use "24:00" for midnight'
            )

    def __str__(self) -> str:
        return f"{_fmt(self.start)}-{_fmt(self.end)}"

    @classmethod
    def parse(cls, start: str, end: str, overnight: bool = False) -> Window:
        """A window from ``"HH:MM"`` strings (``"24:00"`` allowed as an end).

        >>> str(Window.parse("12:30", "24:00"))
        '12:30-24:00'
        """
        return cls(_clock(start, "start"), _clock(end, "end"), overnight)

    @property
    def length_seconds(self) -> int:
        """The nominal length of the window (a DST change makes the real one differ that day).

        >>> Window.parse("08:00", "12:00").length_seconds
        14400
        """
        return self.end - self.start + (_DAY if self.overnight else 0)

    @property
    def end_offset(self) -> int:
        """Seconds after the owning day's midnight at which the window closes.

        >>> Window.parse("22:00", "06:00", overnight=True).end_offset
        108000
        """
        return self.end + (_DAY if self.overnight else 0)


def _windows_tuple(value: Iterable[Iterable[Window]]) -> tuple[tuple[Window, ...], ...]:
    # What is not a collection is kept for the validator to refuse by name.
    days = _checks.as_tuple(value)
    if not isinstance(days, tuple):
        return days  # type: ignore[no-any-return]
    return tuple(_checks.as_tuple(day) for day in days)


def _check_week(inst: WorkingHours, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple) or len(value) != 7:
        raise InvalidCalendarError(
            f"WorkingHours.days must hold 7 days of windows (Monday first), got {_checks.shown(value)}"
        )
    spans: list[tuple[int, int, str, Window]] = []
    for weekday, day in enumerate(value):
        if not isinstance(day, tuple):
            raise WrongTypeError(
                f"WorkingHours.days[{weekday}] ({WEEKDAYS[weekday]}) must be a collection of "
                f"Window values, got {_checks.got(day)}"
            )
        for w in day:
            if not isinstance(w, Window):
                raise WrongTypeError(
                    f"WorkingHours.days[{weekday}] ({WEEKDAYS[weekday]}) must hold Window "
                    f"values, got {_checks.shown(w)}"
                )
            base = weekday * _DAY
            spans.append((base + w.start, base + w.end_offset, WEEKDAYS[weekday], w))
    # Compare every window with its successor, and the last with the first a week later
    # (a Sunday overnight window runs into Monday).
    spans.sort(key=lambda span: span[0])
    pairs = list(itertools.pairwise(spans))
    if spans:
        first = spans[0]
        pairs.append((spans[-1], (first[0] + 7 * _DAY, first[1], first[2], first[3])))
    for (_, e, day, w), (s2, _, day2, w2) in pairs:
        if s2 < e:
            raise InvalidCalendarError(
                f"{day}: window {w} overlaps {day2}: window {w2}; windows may touch but not overlap"
            )


@attrs.frozen
class WorkingHours:
    """The weekly opening hours: for each weekday (Monday first), its windows in local time.

    >>> hours = WorkingHours.from_weekly({"mon": [("08:00", "12:00"), ("12:30", "16:00")]})
    >>> [str(w) for w in hours.on(0)]
    ['08:00-12:00', '12:30-16:00']
    >>> hours.weekly_seconds
    27000
    """

    days: tuple[tuple[Window, ...], ...] = attrs.field(
        converter=_windows_tuple, validator=_check_week
    )
    """Seven tuples of windows, Monday first, each sorted by start."""

    @classmethod
    def from_weekly(cls, weekly: Mapping[str, Sequence[Sequence[str | bool]]]) -> WorkingHours:
        """Working hours from a mapping of ``"mon"``..``"sun"`` to ``("HH:MM", "HH:MM")`` pairs.

        A third item ``True`` marks an overnight window. Days left out are closed.

        >>> WorkingHours.from_weekly({"fri": [("22:00", "06:00", True)]}).on(4)
        (Window(start=79200, end=21600, overnight=True),)
        """
        if not isinstance(weekly, Mapping):
            raise WrongTypeError(
                f'weekly must map weekday names to windows, e.g. {{"mon": [("08:00", "16:00")]}}, '
                f"got {_checks.shown(weekly)}"
            )
        unknown = sorted(set(weekly) - set(WEEKDAYS), key=str)
        if unknown:
            raise InvalidCalendarError(
                f"weekly keys must be among {', '.join(WEEKDAYS)}, got {_checks.shown(unknown)}"
            )
        days: list[list[Window]] = [[] for _ in WEEKDAYS]
        for weekday, name in enumerate(WEEKDAYS):
            windows = weekly.get(name, ())
            if isinstance(windows, str | bytes | Mapping) or not isinstance(windows, Iterable):
                raise WrongTypeError(
                    f'weekly["{name}"] must be a list of windows, e.g. [("08:00", "16:00")], got '
                    f"{_checks.got(windows)}"
                )
            for k, item in enumerate(windows):
                if (
                    isinstance(item, str | bytes | Mapping)
                    or not isinstance(item, Sequence)
                    or len(item) not in (2, 3)
                    or (len(item) == 3 and not isinstance(item[2], bool))
                ):
                    raise InvalidCalendarError(
                        f'weekly["{name}"][{k}] must be ("HH:MM", "HH:MM") or ("HH:MM", "HH:MM", '
                        f"True) for an overnight window, got {_checks.got(item)}"
                    )
                start, end = item[0], item[1]
                overnight = bool(item[2]) if len(item) == 3 else False
                if not isinstance(start, str) or not isinstance(end, str):
                    raise WrongTypeError(
                        f'weekly["{name}"][{k}] must hold "HH:MM" strings, got {_checks.shown(item)}'
                    )
                try:
                    window = Window.parse(start, end, overnight)
                except InvalidCalendarError as exc:
                    raise InvalidCalendarError(f"{name}: {exc}") from None
                days[weekday].append(window)
            days[weekday].sort(key=lambda w: w.start)
        return cls(days)

    def on(self, weekday: int) -> tuple[Window, ...]:
        """The windows of ``weekday`` (0 is Monday).

        >>> WorkingHours.from_weekly({}).on(6)
        ()
        """
        return self.days[weekday]

    @property
    def weekly_seconds(self) -> int:
        """Nominal open seconds in a week without holidays.

        >>> WorkingHours.from_weekly({d: [("08:00", "16:00")] for d in WEEKDAYS[:5]}).weekly_seconds
        144000
        """
        return sum(w.length_seconds for day in self.days for w in day)
