"""The text forms of the interchange: instants, dates, spans of time, exact numbers.

Each ``parse_*`` function raises :class:`BadValueError` with a message that says what was expected,
what came and how to fix it; the converter turns it into a problem at the value's path.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
import reprlib
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .._errors import InvalidDocumentError

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "MAX_EXPONENT",
    "MAX_LINE_BYTES",
    "BadValueError",
    "depth_problem",
    "format_hours",
    "format_instant",
    "format_span",
    "got",
    "join",
    "parse_date",
    "parse_decimal",
    "parse_hours",
    "parse_instant",
    "parse_json",
    "parse_line",
    "parse_span",
    "short",
    "too_long",
]

#: The largest JSON text of one document that :func:`parse_json` reads, in bytes of UTF-8:
#: 64 MiB, some hundred thousand cases, which Python holds in well under a gigabyte.
MAX_DOCUMENT_BYTES = 64 * 1024**2
#: The largest line of a JSON Lines file (one case, or one value), in bytes of UTF-8, without
#: its line break: 1 MiB, some hundred times the size of a long case.
MAX_LINE_BYTES = 1024**2
#: How deep objects and lists may nest in a document: the document itself is level 1, a value
#: in one of its fields level 2. The deepest value the format has, a policy whose calendar
#: composes 64 calendars (``MAX_COMPOSITION_DEPTH``), takes about 75 levels.
MAX_DEPTH = 128
#: The largest power of ten a number may be written with, either way: ``1e308`` and ``1e-308``
#: are read, ``1e309`` and ``1e-309`` are refused (a float would read them as infinity and as
#: zero or a denormal without saying so; an exact decimal would be built at any cost). The
#: exponent counted is the one of the first digit (``12.5e307`` is ``1.25e308``).
MAX_EXPONENT = 308

_US_PER_SECOND = 1_000_000
_INSTANT_EXAMPLE = "'2026-03-06T15:30:00+01:00'"
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_FRACTIONAL = re.compile(r"[.,]([0-9]+)")
#: The shape of an instant read: a date, hours and minutes, optional seconds with at most six
#: fractional digits, and an offset; ASCII digits only. ``datetime.fromisoformat`` alone also
#: reads "12.5" as 12:00:00.5 where ISO 8601 means 12:30, and other digits than ASCII.
_INSTANT_SHAPE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,6})?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)?)?",
    re.ASCII,
)
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


def join(path: str, key: str | int) -> str:
    """``path`` extended by a field name or a list index: ``cases[3].events``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key)}]"


def _nested_too_deep(depth: int) -> str:
    return (
        f"is nested too deeply: objects and lists may nest at most {MAX_DEPTH} levels, this "
        f"one is level {depth}; a document of the library's values never needs more"
    )


def _path(keys: list[str | int], path: str = "") -> str:
    for key in keys:
        path = join(path, key)
    return path


def depth_problem(data: object, path: str = "", level: int = 1) -> tuple[str, str] | None:
    """The path to the first object or list of ``data`` (a JSON-ready value at ``path``, on
    ``level`` of its document) that lies deeper than ``MAX_DEPTH`` levels, and what is wrong
    with it; None when there is none.

    >>> depth_problem({"a": [[1]]})
    >>> depth_problem({"a": [[1]]}, "cases[0]") is None
    True
    >>> deep: object = []
    >>> for _ in range(MAX_DEPTH):
    ...     deep = [deep]
    >>> depth_problem({"cases": deep})[0][:20]
    'cases[0][0][0][0][0]'
    """
    found = _find(data, level, numbers=False)
    if found is None:
        return None
    keys, message = found
    keys.reverse()
    return _path(keys, path), message


class _Refused:
    """A number of a JSON text that :func:`parse_json` refuses, kept in place until the whole
    text is read so that the problem can be reported with its path."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


class _Repeated(dict[str, Any]):
    """An object of a JSON text that gives a key twice (the first such key)."""

    def __init__(self, pairs: list[tuple[str, Any]], key: str) -> None:
        super().__init__(pairs)
        self.key = key


def _find(value: object, depth: int, numbers: bool) -> tuple[list[str | int], str] | None:
    """The keys (innermost first) leading to the first value of ``value`` that is nested too
    deeply, or (when ``numbers``) that :func:`parse_json` refused, and the problem's text."""
    items: Any
    if isinstance(value, dict):
        if depth > MAX_DEPTH:
            return [], _nested_too_deep(depth)
        if numbers and type(value) is _Repeated:
            return [], (
                f"gives the key {short(value.key)} twice; give each key once (JSON readers "
                f"differ on which value they keep)"
            )
        items = value.items()
    elif isinstance(value, list | tuple):
        if depth > MAX_DEPTH:
            return [], _nested_too_deep(depth)
        items = enumerate(value)
    elif isinstance(value, _Refused):
        return [], value.message
    else:
        return None
    for key, item in items:
        if numbers or isinstance(item, dict | list | tuple):
            found = _find(item, depth + 1, numbers)
            if found is not None:
                found[0].append(key)
                return found
    return None


def _number_problem(text: str) -> str | None:
    """What is wrong with the JSON number ``text``, or None when it may be read."""
    number = Decimal(text)
    exponent = number.adjusted()
    if number and not -MAX_EXPONENT <= exponent <= MAX_EXPONENT:
        return (
            f"must be a number between 1e-{MAX_EXPONENT} and 1e{MAX_EXPONENT} in size (or 0), "
            f"got {short(text)} (about 1e{exponent})"
        )
    return None


def _read_float(text: str) -> float | _Refused:
    problem = _number_problem(text)
    if problem is None:
        value = float(text)
        if math.isfinite(value):
            return value
        problem = f"must be a number that a float holds (at most about 1.8e308), got {short(text)}"
    return _Refused(problem)


def _read_int(text: str) -> int | _Refused:
    if len(text.lstrip("-")) > MAX_EXPONENT + 1:
        return _Refused(
            f"must be a number below 1e{MAX_EXPONENT + 1} in size, got a whole number of "
            f"{len(text.lstrip('-'))} digits"
        )
    return int(text)


def _read_constant(text: str) -> _Refused:
    return _Refused(f"must be a finite number, got {text} (not JSON)")


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]')


def _deep_path(text: str) -> tuple[str, str]:
    """The path to the first object or list of the JSON ``text`` that lies deeper than
    ``MAX_DEPTH`` levels (for a text too deep for ``json`` to read at all)."""
    stack: list[list[Any]] = []  # per open container: [is_list, key or index]
    last = ""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "{[":
            if len(stack) >= MAX_DEPTH:
                return _path([entry[1] for entry in stack]), _nested_too_deep(len(stack) + 1)
            stack.append([token == "[", 0 if token == "[" else ""])
        elif token in "}]":
            if stack:
                stack.pop()
        elif token == ",":
            if stack and stack[-1][0]:
                stack[-1][1] += 1
        elif token == ":":
            if stack and not stack[-1][0]:
                stack[-1][1] = last
        else:
            last = json.loads(token)
    return "", _nested_too_deep(MAX_DEPTH + 1)  # pragma: no cover - json read it, then


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return _Repeated(pairs, key)
        seen.add(key)
    raise AssertionError("unreachable: a key repeats")  # pragma: no cover


def _refuse(path: str, message: str) -> InvalidDocumentError:
    return InvalidDocumentError([(path, message)])


def parse_json(text: str, *, max_bytes: int = MAX_DOCUMENT_BYTES, one_line: bool = False) -> Any:
    """The JSON value of ``text``, read within the interchange's limits: at most ``max_bytes``
    bytes of UTF-8 (``MAX_DOCUMENT_BYTES``), objects and lists nested at most ``MAX_DEPTH``
    levels, numbers between ``1e-308`` and ``1e308`` in size (``MAX_EXPONENT``), no key given
    twice in one object, no ``NaN`` or ``Infinity``. A text that is not JSON is placed by line
    and column (by column alone when ``one_line``). Each is refused with an
    :class:`InvalidDocumentError` whose problem has the path of the offending value.

    >>> parse_json('{"hours": 2.5, "cases": []}')
    {'hours': 2.5, 'cases': []}
    >>> parse_json('{"cases": [{"hours": 1e-400}]}')
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidDocumentError: the document has 1 problem: cases[0].hours: must be a number between 1e-308 and 1e308 in size (or 0), got '1e-400' (about 1e-400)
    """
    size = len(text)
    if size > max_bytes or (size * 4 > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes):  # fmt: skip
        raise _refuse(
            "", f"is larger than the limit of {max_bytes} bytes; split it into smaller documents"
        )
    refused: list[object] = []

    def read_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = _object(pairs)
        if type(obj) is _Repeated:
            refused.append(obj)
        return obj

    def read_float(number: str) -> float | _Refused:
        value = _read_float(number)
        if type(value) is _Refused:
            refused.append(value)
        return value

    def read_int(number: str) -> int | _Refused:
        value = _read_int(number)
        if type(value) is _Refused:
            refused.append(value)
        return value

    def read_constant(name: str) -> _Refused:
        refused.append(name)
        return _read_constant(name)

    try:
        data = json.loads(
            text,
            object_pairs_hook=read_object,
            parse_float=read_float,
            parse_int=read_int,
            parse_constant=read_constant,
        )
    except json.JSONDecodeError as exc:
        where = f"column {exc.colno}" if one_line else f"line {exc.lineno}, column {exc.colno}"
        raise _refuse("", f"is not valid JSON: {exc.msg} at {where}") from None
    except RecursionError:
        raise _refuse(*_deep_path(text)) from None
    found = _find(data, 1, numbers=bool(refused))
    if found is not None:
        keys, message = found
        keys.reverse()
        raise _refuse(_path(keys), message)
    return data


def parse_line(text: str, *, max_bytes: int = MAX_LINE_BYTES) -> Any:
    """The JSON value of one line of a JSON Lines text (without its line break), read within
    the limits of :func:`parse_json` and at most ``max_bytes`` bytes long (``MAX_LINE_BYTES``);
    a text that is not JSON is placed by its column alone.

    >>> parse_line('{"schema": "expandit_policy/2", "type": "BusinessHours", "hours": 2}')["hours"]
    2
    """
    return parse_json(text, max_bytes=max_bytes, one_line=True)


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


class _Shown(reprlib.Repr):
    """A repr that goes a few levels deep and shows an int too long for ``repr`` by its size."""

    def repr_int(self, x: int, level: int) -> str:
        if too_long(x):
            return f"<a number of more than {sys.get_int_max_str_digits()} digits>"
        return super().repr_int(x, level)


_SHOWN = _Shown()
_SHOWN.maxlevel = 4
_SHOWN.maxstring = _SHOWN.maxother = 60


def short(value: object) -> str:
    """``repr(value)``, cut to 60 characters: a message quotes a value, not a whole document.

    A value that ``repr`` cannot show (an int of more digits than Python converts, or a list
    or dict holding one; lists or dicts nested too deeply for ``repr``) is shown in part.

    >>> short("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..."
    >>> short([10**5000])
    '[<a number of more than 4300 digits>]'
    """
    try:
        shown = repr(value)
    except (ValueError, RecursionError):  # see the docstring
        if isinstance(value, int):
            return f"a number of more than {sys.get_int_max_str_digits()} digits"
        shown = _SHOWN.repr(value)
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
    if ("." in value or "," in value) and any(
        len(digits) > 6 for digits in _FRACTIONAL.findall(value)
    ):
        raise BadValueError(
            f"must have at most 6 fractional digits of a second (microseconds), got "
            f"{short(value)}; round it to the microsecond"
        )
    if _INSTANT_SHAPE.fullmatch(value) is None:
        raise BadValueError(
            f"must be an ISO 8601 instant with an offset such as {_INSTANT_EXAMPLE} (hours and "
            f"minutes, seconds if any, then the offset; no fractions of an hour or a minute), "
            f"got {short(value)}"
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
    return _bounded_decimal(value)


def _bounded_decimal(text: str) -> Decimal:
    """The decimal ``text`` (already matched), refused when its size is past ``MAX_EXPONENT``."""
    problem = _number_problem(text)
    if problem is not None:
        raise BadValueError(problem)
    return Decimal(text)


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
            return _bounded_decimal(value)
    raise BadValueError(
        f"must be a number of hours: a number such as 2 or 1.5, or a string such as '1.5' or "
        f"'3/2' for an exact amount, got {got(value)}"
    )
