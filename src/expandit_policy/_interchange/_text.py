"""The text forms of the interchange: instants, dates, spans of time, exact numbers.

Each ``parse_*`` function raises :class:`BadValueError` with a message that says what was expected,
what came and how to fix it; the converter turns it into a problem at the value's path.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import sys
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "BadValueError",
    "format_hours",
    "format_instant",
    "format_span",
    "got",
    "parse_date",
    "parse_decimal",
    "parse_hours",
    "parse_instant",
    "parse_span",
    "short",
    "too_long",
]

_US_PER_SECOND = 1_000_000
_INSTANT_EXAMPLE = "'2026-03-06T15:30:00+01:00'"
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_FRACTIONAL = re.compile(r"[.,]([0-9]+)")
_FRACTION = re.compile(r"([+-]?\d+)/(\d+)", re.ASCII)
_SPAN = re.compile(
    r"(?P<sign>-)?P(?:(?P<d>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)(?:\.(?P<f>\d{1,6}))?S)?)?",
    re.ASCII,
)


class BadValueError(ValueError):
    """A value of a document that cannot be read; the message says what to fix."""


def _whole(digits: str, value: str) -> int:
    """The whole number ``digits`` (a part of ``value``), refused when it is too long to read."""
    try:
        return int(digits)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits())
        limit = sys.get_int_max_str_digits()
        raise BadValueError(
            f"has a number too long to read: {len(digits.lstrip('+-'))} digits, at most {limit} "
            f"are allowed, got {short(value)}"
        ) from None


def got(value: object) -> str:
    """The value received, with its JSON type, as messages name it."""
    kinds = {
        bool: "boolean",
        int: "number",
        float: "number",
        str: "string",
        list: "array",
        tuple: "array",
        dict: "object",
        type(None): "null",
    }
    return f"{short(value)} ({kinds.get(type(value), type(value).__name__)})"


def too_long(value: int) -> bool:
    """Whether ``value`` has more digits than Python shows or reads (sys.get_int_max_str_digits())."""
    if value.bit_length() < 3 * sys.get_int_max_str_digits():  # fewer digits than the limit
        return False
    try:
        repr(value)
    except ValueError:
        return True
    return False


def short(value: object) -> str:
    """``repr(value)``, cut to 60 characters: a message quotes a value, not a whole document."""
    try:
        shown = repr(value)
    except ValueError:  # an int too long to show in decimal (sys.get_int_max_str_digits())
        if not isinstance(value, int):
            raise
        return f"a number of more than {sys.get_int_max_str_digits()} digits"
    return shown if len(shown) <= 60 else shown[:57] + "..."


def format_instant(t: _dt.datetime) -> str:
    """An aware datetime as ISO 8601 with its UTC offset: '2026-03-06T15:30:00+01:00'."""
    return t.isoformat()


def parse_instant(value: object) -> _dt.datetime:
    """An aware datetime from ISO 8601 text with an offset; the offset is kept as given."""
    if not isinstance(value, str):
        raise BadValueError(
            f"must be an ISO 8601 instant with an offset (a string) such as {_INSTANT_EXAMPLE}, "
            f"got {got(value)}"
        )
    # fromisoformat reads any number of fractional digits and drops all but six: refuse them
    # rather than change the instant silently.
    if any(len(digits) > 6 for digits in _FRACTIONAL.findall(value)):
        raise BadValueError(
            f"must have at most 6 fractional digits of a second (microseconds), got "
            f"{short(value)}; round it to the microsecond"
        )
    try:
        parsed = _dt.datetime.fromisoformat(value)
    except ValueError:
        raise BadValueError(
            f"must be an ISO 8601 instant with an offset such as {_INSTANT_EXAMPLE}, got {short(value)}"
        ) from None
    if parsed.tzinfo is None:
        raise BadValueError(
            f"must carry a UTC offset such as {_INSTANT_EXAMPLE}, got {short(value)} (naive: no "
            f"offset); add the offset that was in force where it happened"
        )
    return parsed


def parse_date(value: object) -> _dt.date:
    """A date from ISO 8601 text: '2026-03-06'."""
    if not isinstance(value, str):
        raise BadValueError(f"must be an ISO 8601 date such as '2026-03-06', got {got(value)}")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise BadValueError(
            f"must be an ISO 8601 date such as '2026-03-06', got {short(value)}"
        ) from None


def format_span(td: _dt.timedelta) -> str:
    """A span of time as an ISO 8601 duration in hours, minutes and seconds, with a leading '-'
    when negative: 'PT1H30M', 'PT0S', '-PT0.5S'."""
    us = (td.days * 86_400 + td.seconds) * _US_PER_SECOND + td.microseconds
    sign = "-" if us < 0 else ""
    seconds, fraction = divmod(abs(us), _US_PER_SECOND)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}H" if hours else "", f"{minutes}M" if minutes else ""]
    if fraction:
        parts.append(f"{secs}.{fraction:06d}".rstrip("0") + "S")
    elif secs or not (hours or minutes):
        parts.append(f"{secs}S")
    return f"{sign}PT{''.join(parts)}"


def parse_span(value: object) -> _dt.timedelta:
    """A span of time from an ISO 8601 duration of days, hours, minutes and seconds."""
    example = "'PT1H30M' (an ISO 8601 duration; '-PT15M' when negative)"
    if not isinstance(value, str):
        raise BadValueError(f"must be a span of time such as {example}, got {got(value)}")
    m = _SPAN.fullmatch(value)
    if m is None or value in ("P", "-P"):
        raise BadValueError(f"must be a span of time such as {example}, got {short(value)}")
    micros = int((m["f"] or "0").ljust(6, "0"))
    seconds = (
        _whole(m["d"] or "0", value) * 86_400
        + _whole(m["h"] or "0", value) * 3600
        + _whole(m["m"] or "0", value) * 60
        + _whole(m["s"] or "0", value)
    )
    try:
        span = _dt.timedelta(seconds=seconds, microseconds=micros)
    except OverflowError:
        raise BadValueError(
            f"must be a span of at most 999999999 days, got {short(value)}"
        ) from None
    return -span if m["sign"] else span


def parse_decimal(value: object, what: str) -> Decimal:
    """An exact decimal from a string such as '2500.00' (never a JSON number: it may be a float)."""
    if not isinstance(value, str):
        number = _is_number(value) and not (isinstance(value, int) and too_long(value))
        hint = f"; write it as a string, e.g. {json_str(value)}" if number else ""
        raise BadValueError(
            f"must be {what} written as a string such as '2500.00', got {got(value)}{hint}"
        )
    if _DECIMAL.fullmatch(value) is None:
        raise BadValueError(
            f"must be {what} written as a string such as '2500.00', got {short(value)}"
        )
    return Decimal(value)


def json_str(value: object) -> str:
    """``value`` as a JSON string literal would show it: '"2500.5"'."""
    return f'"{value}"'


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def format_hours(hours: int | float | Decimal | Fraction) -> int | float | str:
    """A number of hours as JSON keeps it exactly: an int or float as a number, a Decimal as a
    string ('1.5'), a Fraction as a string with a slash ('3/2')."""
    if isinstance(hours, Fraction):
        return f"{hours.numerator}/{hours.denominator}"
    if isinstance(hours, Decimal):
        return str(hours)
    return hours


def parse_hours(value: object) -> int | float | Decimal | Fraction:
    """A number of hours: a JSON number, or a string holding a decimal ('1.5') or a fraction
    ('3/2') for amounts a float cannot hold exactly."""
    if isinstance(value, int) and not isinstance(value, bool):
        if too_long(value):
            raise BadValueError(
                f"must be a number of hours, got a number too long to read: at most "
                f"{sys.get_int_max_str_digits()} digits are allowed"
            )
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BadValueError(f"must be a finite number of hours, got {short(value)}")
        return value
    if isinstance(value, str):
        fraction = _FRACTION.fullmatch(value)
        if fraction is not None:
            numerator, denominator = _whole(fraction[1], value), _whole(fraction[2], value)
            if denominator == 0:
                raise BadValueError(
                    f"must be a fraction with a denominator above 0, got {short(value)}"
                )
            return Fraction(numerator, denominator)
        if _DECIMAL.fullmatch(value) is not None:
            return Decimal(value)
    raise BadValueError(
        f"must be a number of hours: a number such as 2 or 1.5, or a string such as '1.5' or "
        f"'3/2' for an exact amount, got {got(value)}"
    )
