"""What every strategy module shares: the default ranges and the checks of strategy arguments."""

from __future__ import annotations

import datetime as _dt
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .. import _time
from .._errors import PolicyError

T = TypeVar("T")

#: The default span of generated instants and dates: the years the presets are checked for.
DEFAULT_MIN_INSTANT = _dt.datetime(2020, 1, 1, tzinfo=_dt.UTC)
DEFAULT_MAX_INSTANT = _dt.datetime(2035, 12, 31, 23, 59, 59, tzinfo=_dt.UTC)
DEFAULT_MIN_DATE = _dt.date(2020, 1, 1)
DEFAULT_MAX_DATE = _dt.date(2035, 12, 31)


def check_strategy(value: object, name: str) -> None:
    """Refuse an argument that should be a strategy and is not (a common slip: a plain value)."""
    if not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(
            f"{name} must be a Hypothesis strategy, got {value!r} ({type(value).__name__}); "
            f"wrap a single value in st.just(...)"
        )


def check_count(value: object, name: str, *, low: int = 0) -> int:
    """An int argument of at least ``low``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise InvalidArgument(f"{name} must be an int of at least {low}, got {value!r}")
    return value


def count_range(
    min_value: object, max_value: object, *, low: int = 0, high: int | None = None
) -> tuple[int, int]:
    """The bounds of a range of ints, each of at least ``low`` (and at most ``high``), in order."""
    lo, hi = (
        check_count(min_value, "min_value", low=low),
        check_count(max_value, "max_value", low=low),
    )
    if high is not None and hi > high:
        raise InvalidArgument(f"max_value must be at most {high}, got {max_value!r}")
    if hi < lo:
        raise InvalidArgument(
            f"max_value must not be below min_value, got min_value={min_value!r} and "
            f"max_value={max_value!r}"
        )
    return lo, hi


def drawn_zone(name: object, argument: str = "timezones") -> str:
    """A zone name drawn from a user's strategy, which cannot be checked before it is drawn: an
    unknown one is a bad argument, said so at draw time."""
    try:
        if not isinstance(name, str):
            raise TypeError(f"a str, got {type(name).__name__}")
        _time.zone(name)
    except (PolicyError, TypeError) as exc:
        raise InvalidArgument(
            f"{argument} drew {name!r}, which is not an IANA zone name the library knows "
            f"(such as 'Europe/Copenhagen'): {exc}"
        ) from None
    return name


def check_flag(value: object, name: str) -> bool:
    """A bool argument (nothing merely truthy)."""
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name} must be True or False, got {value!r}")
    return value


def instant_us(value: object, name: str) -> int:
    """An aware datetime argument, as engine microseconds."""
    if not isinstance(value, _dt.datetime) or value.utcoffset() is None:
        raise InvalidArgument(
            f"{name} must be an aware datetime, got {value!r}; e.g. "
            f"datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC)"
        )
    return _time.to_us(value)


def instant_range(min_value: object, max_value: object) -> tuple[int, int]:
    """The bounds of an instant range, as engine microseconds, in order."""
    lo, hi = instant_us(min_value, "min_value"), instant_us(max_value, "max_value")
    for us, name in ((lo, "min_value"), (hi, "max_value")):
        try:
            _time.check_range(us, name)
        except PolicyError as exc:
            raise InvalidArgument(str(exc)) from None
    if hi < lo:
        raise InvalidArgument(
            f"max_value must not be before min_value, got min_value={min_value!r} and "
            f"max_value={max_value!r}"
        )
    return lo, hi


def date_range(min_date: object, max_date: object) -> tuple[_dt.date, _dt.date]:
    """The bounds of a date range, in order."""
    for name, value in (("min_date", min_date), ("max_date", max_date)):
        if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
            raise InvalidArgument(f"{name} must be a datetime.date, got {value!r}")
    assert isinstance(min_date, _dt.date) and isinstance(max_date, _dt.date)
    if max_date < min_date:
        raise InvalidArgument(
            f"max_date must not be before min_date, got min_date={min_date} and max_date={max_date}"
        )
    return min_date, max_date


def step_seconds(value: object, name: str) -> int:
    """A granularity: a whole number of seconds that divides an hour evenly."""
    ok = isinstance(value, _dt.timedelta) and value > _dt.timedelta(0)
    seconds = int(value.total_seconds()) if isinstance(value, _dt.timedelta) else 0
    if not ok or _dt.timedelta(seconds=seconds) != value or 3600 % seconds:
        raise InvalidArgument(
            f"{name} must be a whole number of seconds that divides an hour evenly, e.g. "
            f"datetime.timedelta(minutes=15), got {value!r}"
        )
    return seconds


def positive_span_us(value: object, name: str) -> int:
    """A positive timedelta argument, as microseconds."""
    if not isinstance(value, _dt.timedelta) or value <= _dt.timedelta(0):
        raise InvalidArgument(f"{name} must be a positive datetime.timedelta, got {value!r}")
    return _time.timedelta_us(value)


def one_of_values(values: Any, name: str) -> tuple[Any, ...]:
    """A non-empty collection argument, as a tuple."""
    try:
        items = tuple(values)
    except TypeError:
        raise InvalidArgument(f"{name} must be a collection, got {values!r}") from None
    if not items:
        raise InvalidArgument(f"{name} must not be empty")
    return items
