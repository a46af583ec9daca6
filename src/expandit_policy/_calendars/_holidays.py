"""Holidays: whole local days on which a calendar's weekly windows do not open.

This is the only module that imports workalendar, and it always asks for an explicit year.
"""

from __future__ import annotations

import copy
import datetime as _dt
from collections.abc import Iterable
from typing import Any, Protocol

import attrs

from .. import _checks
from .._errors import InvalidCalendarError, WrongTypeError

__all__ = ["Holiday", "HolidayRule", "HolidaySource", "Holidays", "easter_sunday"]


class HolidaySource(Protocol):
    """What a workalendar-compatible calendar offers: ``holidays(year)`` as (date, name) pairs.

    Any object with that method will do, a workalendar or calendra calendar among them:

    >>> class Founders:
    ...     def holidays(self, year: int) -> list[tuple[_dt.date, str]]:
    ...         return [(_dt.date(year, 6, 1), "Founders' Day")]
    >>> Holidays.from_workalendar(Founders()).in_year(2026)
    {datetime.date(2026, 6, 1): "Founders' Day"}
    """

    def holidays(self, year: int) -> Iterable[tuple[_dt.date, str]]:
        """The holidays of ``year``."""


def easter_sunday(year: int) -> _dt.date:
    """Easter Sunday of ``year`` in the Gregorian calendar (the anonymous Gregorian algorithm).

    >>> easter_sunday(2026)
    datetime.date(2026, 4, 5)
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise WrongTypeError(f"year must be a year (int), got {_checks.got(year)}")
    if not 1 <= year <= 9999:
        raise InvalidCalendarError(f"year must be from 1 to 9999, got {_checks.shown(year)}")
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    la = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * la) // 451
    month, day = divmod(h + la - 7 * m + 114, 31)
    return _dt.date(year, month, day + 1)


@attrs.frozen(order=True)
class Holiday:
    """A named whole-day holiday.

    >>> Holiday(_dt.date(2026, 12, 25), "Christmas Day")
    Holiday(date=datetime.date(2026, 12, 25), name='Christmas Day')
    """

    date: _dt.date = attrs.field(validator=_checks.date)
    """The local date on which the calendar stays closed."""
    name: str = attrs.field(default="", validator=_checks.free_text)
    """What the day is called."""


_optional_year = _checks.integer(
    low=1, high=9999, what="a year", error=InvalidCalendarError, optional=True
)


#: Days from Easter Sunday a moveable holiday may lie: Easter falls between 22 March and 25 April,
#: so these keep the holiday in Easter's own year in every year (1 January to 31 December) and
#: every date the calendar computes in range. Every feast counted from Easter lies well inside.
EASTER_OFFSETS = range(-80, 251)


def _easter_offset(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongTypeError(
            f"HolidayRule.easter_offset must be a whole number of days (int) or None, got "
            f"{value!r} ({type(value).__name__})"
        )
    if value not in EASTER_OFFSETS:
        raise InvalidCalendarError(
            f"HolidayRule.easter_offset must be between {EASTER_OFFSETS[0]} and "
            f"{EASTER_OFFSETS[-1]} days (a day in the same year as Easter Sunday), got {value!r}; "
            f"give a holiday outside those as month and day"
        )


@attrs.frozen
class HolidayRule:
    """A yearly holiday: a fixed month and day, or a day relative to Easter, within some years.

    >>> HolidayRule("Women's Day", month=3, day=8, first_year=2023).dates(2026)
    (datetime.date(2026, 3, 8),)
    >>> HolidayRule("Great Prayer Day", easter_offset=26, last_year=2023).dates(2024)
    ()
    """

    name: str = attrs.field(validator=_checks.free_text)
    """What the day is called."""
    month: int | None = attrs.field(
        default=None,
        validator=_checks.integer(
            low=1, high=12, what="a month", error=InvalidCalendarError, optional=True
        ),
    )
    """Month of a fixed-date holiday."""
    day: int | None = attrs.field(
        default=None,
        validator=_checks.integer(
            low=1, high=31, what="a day of the month", error=InvalidCalendarError, optional=True
        ),
    )
    """Day of the month of a fixed-date holiday."""
    easter_offset: int | None = attrs.field(default=None, validator=_easter_offset)
    """Days after Easter Sunday (negative: before) of a moveable holiday."""
    first_year: int | None = attrs.field(default=None, validator=_optional_year)
    """The first year in which the rule applies (None: always did)."""
    last_year: int | None = attrs.field(default=None, validator=_optional_year)
    """The last year in which the rule applies (None: still does)."""

    def __attrs_post_init__(self) -> None:
        fixed = self.month is not None and self.day is not None
        moveable = self.easter_offset is not None
        if fixed == moveable or (not fixed and (self.month is not None or self.day is not None)):
            raise InvalidCalendarError(
                f"HolidayRule {self.name!r} must give either month and day, or easter_offset, "
                f"got month={self.month!r}, day={self.day!r}, easter_offset={self.easter_offset!r}"
            )
        first, last = self.first_year, self.last_year
        if first is not None and last is not None and first > last:
            raise InvalidCalendarError(
                f"HolidayRule {self.name!r} must not end before it starts, got "
                f"first_year={first} and last_year={last}; swap them"
            )
        if fixed:
            try:
                _dt.date(2000, self.month, self.day)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise InvalidCalendarError(
                    f"HolidayRule {self.name!r} has no valid month and day: "
                    f"month={self.month!r}, day={self.day!r}"
                ) from None

    def dates(self, year: int) -> tuple[_dt.date, ...]:
        """The dates on which the rule falls in ``year`` (none outside its years)."""
        if (self.first_year is not None and year < self.first_year) or (
            self.last_year is not None and year > self.last_year
        ):
            return ()
        if self.easter_offset is not None:
            return (easter_sunday(year) + _dt.timedelta(days=self.easter_offset),)
        assert self.month is not None and self.day is not None
        try:
            return (_dt.date(year, self.month, self.day),)
        except ValueError:  # 29 February in a common year
            return ()


def _source(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not callable(getattr(value, "holidays", None)):
        raise WrongTypeError(
            f"Holidays.source must offer holidays(year) like a workalendar calendar, or be None, "
            f"got {_checks.got(value)}"
        )


def _source_key(source: object) -> object:
    return None if source is None else (type(source).__module__, type(source).__qualname__)


def _items(value: object, field: str, cls: type, example: str) -> tuple[Any, ...]:
    # A string or a single value is iterable or not, but never what was meant: refuse it at once
    # rather than at the first query.
    if isinstance(value, str | bytes | cls | _dt.date) or not isinstance(value, Iterable):
        raise WrongTypeError(
            f"{field} must be a collection of {cls.__name__}, got {value!r} "
            f"({type(value).__name__}); wrap it: ({example},)"
        )
    items = tuple(value)
    for k, item in enumerate(items):
        if not isinstance(item, cls):
            hint = (
                "; give plain dates to Holidays.from_dates"
                if cls is Holiday and isinstance(item, _dt.date | str)
                else ""
            )
            raise WrongTypeError(
                f"{field}[{k}] must be a {cls.__name__}, got {item!r} ({type(item).__name__}){hint}"
            )
    return items


def _to_holidays(value: Iterable[Holiday]) -> tuple[Holiday, ...]:
    given: object = value  # what a caller without a type checker may pass
    example = (
        f"Holiday(datetime.date.fromisoformat({given!r}))"
        if isinstance(given, str)
        else "Holiday(datetime.date(2026, 12, 25))"
    )
    return tuple(sorted(_items(value, "Holidays.dates", Holiday, example)))


def _to_rules(value: Iterable[HolidayRule]) -> tuple[HolidayRule, ...]:
    return _items(
        value, "Holidays.added or .removed", HolidayRule, 'HolidayRule("Boxing Day", 12, 26)'
    )


@attrs.frozen
class Holidays:
    """The whole-day holidays of a calendar: a workalendar-compatible source, explicit dates and
    yearly rules, minus removed rules.

    ``in_year`` answers for one year; nothing here ever reads today's date.

    >>> hols = Holidays.from_dates([_dt.date(2026, 12, 24)])
    >>> hols.in_year(2026)
    {datetime.date(2026, 12, 24): ''}
    >>> _dt.date(2026, 12, 24) in hols
    True
    """

    source: HolidaySource | None = attrs.field(
        default=None,
        validator=_source,
        eq=attrs.cmp_using(eq=lambda a, b: _source_key(a) == _source_key(b)),
        hash=False,
    )
    """A workalendar-compatible calendar (anything with ``holidays(year)``), or None."""
    dates: tuple[Holiday, ...] = attrs.field(default=(), converter=_to_holidays)
    """Explicit holidays, sorted by date."""
    added: tuple[HolidayRule, ...] = attrs.field(default=(), converter=_to_rules)
    """Yearly rules that add holidays."""
    removed: tuple[HolidayRule, ...] = attrs.field(default=(), converter=_to_rules)
    """Yearly rules whose dates are not holidays, even when the source says they are."""

    @classmethod
    def from_dates(cls, dates: Iterable[_dt.date | Holiday]) -> Holidays:
        """Holidays from explicit dates (or :class:`Holiday` values).

        >>> len(Holidays.from_dates([_dt.date(2026, 1, 1), _dt.date(2026, 1, 1)]).dates)
        1
        """
        items: dict[_dt.date, Holiday] = {}
        for k, item in enumerate(dates):
            d: object = item
            if isinstance(d, Holiday):
                items.setdefault(d.date, d)
            elif isinstance(d, _dt.date) and not isinstance(d, _dt.datetime):
                items.setdefault(d, Holiday(d))
            else:
                hint = (
                    f"; parse it first, e.g. datetime.date.fromisoformat({d!r})"
                    if isinstance(d, str)
                    else ""
                )
                raise WrongTypeError(
                    f"holidays[{k}] must be a datetime.date, got {d!r} ({type(d).__name__}){hint}"
                )
        return cls(dates=items.values())

    @classmethod
    def from_workalendar(
        cls,
        calendar: HolidaySource,
        *,
        added: Iterable[HolidayRule] = (),
        removed: Iterable[HolidayRule] = (),
    ) -> Holidays:
        """Holidays from a workalendar-compatible calendar object, with corrections.

        >>> from workalendar.europe import Denmark
        >>> hols = Holidays.from_workalendar(Denmark())
        >>> _dt.date(2026, 12, 25) in hols
        True
        """
        if not callable(getattr(calendar, "holidays", None)):
            raise WrongTypeError(
                f"calendar must offer holidays(year) like a workalendar calendar, got {calendar!r}"
            )
        return cls(source=calendar, added=added, removed=removed)

    def __hash__(self) -> int:
        return hash((_source_key(self.source), self.dates, self.added, self.removed))

    def __reduce__(self) -> tuple[Any, ...]:
        # A pickle carries the definition only: a workalendar (or calendra) calendar keeps every
        # year it was asked for in a cache of its own, which goes empty.
        return (_restore, (_without_cache(self.source), self.dates, self.added, self.removed))

    def in_year(self, year: int) -> dict[_dt.date, str]:
        """The holidays of ``year`` as a mapping of date to name, sorted by date."""
        found: dict[_dt.date, str] = {}
        if self.source is not None:
            for d, name in self.source.holidays(year):
                found.setdefault(_as_date(d), str(name))
        for rule in self.added:
            for d in rule.dates(year):
                found.setdefault(d, rule.name)
        for h in self.dates:
            if h.date.year == year:
                found.setdefault(h.date, h.name)
        for rule in self.removed:
            for d in rule.dates(year):
                found.pop(d, None)
        return dict(sorted(found.items()))

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, _dt.date):
            return False
        return day in self.in_year(day.year)


def _without_cache(source: object) -> object:
    """``source``, or when it is a workalendar or calendra calendar (or a subclass of one) that
    has cached years, a shallow copy of it whose cache is empty."""
    cache = getattr(source, "_holidays", None)
    packages = {c.__module__.split(".")[0] for c in type(source).__mro__}
    if not cache or not isinstance(cache, dict) or not packages & {"workalendar", "calendra"}:
        return source
    clone = copy.copy(source)
    clone._holidays = {}  # type: ignore[attr-defined]  # workalendar's cache of computed years
    return clone


def _restore(
    source: HolidaySource | None,
    dates: tuple[Holiday, ...],
    added: tuple[HolidayRule, ...],
    removed: tuple[HolidayRule, ...],
) -> Holidays:
    return Holidays(source, dates, added, removed)


def _as_date(value: Any) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    raise WrongTypeError(f"a holiday source returned {value!r} where a date belongs")


def workalendar_calendar(code: str) -> HolidaySource:
    """An instance of workalendar's calendar registered under ISO code ``code`` (``"DK"``,
    ``"DE-BY"``).

    >>> type(workalendar_calendar("DE-BY")).__name__
    'Bavaria'
    """
    from workalendar.registry import registry

    cls = registry.get(code)
    if cls is None:
        raise InvalidCalendarError(f"workalendar has no calendar for {code!r}")
    instance: HolidaySource = cls()
    return instance
