"""Validators and converters shared by the domain values: each message names the field, the form
expected and the value received."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from .. import _time
from .._errors import InvalidValueError, WrongTypeError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def field_name(inst: object, attribute: attrs.Attribute[Any]) -> str:
    """``Class.field``, as messages name it."""
    return f"{type(inst).__name__}.{attribute.name}"


def got(value: object) -> str:
    """The value received, with its type."""
    return f"{value!r} ({type(value).__name__})"


def check_text(value: object, field: str) -> str:
    """``value`` when it is a string with something in it besides spaces."""
    if not isinstance(value, str):
        raise WrongTypeError(f"{field} must be a str, got {got(value)}")
    if not value.strip():
        raise InvalidValueError(f"{field} must not be empty or blank, got {value!r}")
    return value


def text(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A non-blank string."""
    check_text(value, field_name(inst, attribute))


def is_email(value: str) -> bool:
    """Loosely an e-mail address: one '@', something before it, a dot inside the domain, no
    spaces."""
    local, at, domain = value.partition("@")
    return (
        bool(at and local)
        and "@" not in domain
        and "." in domain.strip(".")
        and not domain.startswith(".")
        and not domain.endswith(".")
        and not any(c.isspace() for c in value)
    )


def check_email(value: object, field: str) -> str:
    """``value`` when it is loosely an e-mail address."""
    if not isinstance(value, str):
        raise WrongTypeError(f"{field} must be an e-mail address (str), got {got(value)}")
    if not is_email(value):
        raise InvalidValueError(
            f"{field} must be an e-mail address with one '@' and a dot in the domain, "
            f"e.g. 'ada@example.com', got {value!r}"
        )
    return value


def email(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An e-mail address, validated loosely."""
    check_email(value, field_name(inst, attribute))


def emails(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A tuple of e-mail addresses."""
    name = field_name(inst, attribute)
    if not isinstance(value, tuple):
        hint = f"; wrap it: ({value!r},)" if isinstance(value, str) else ""
        raise WrongTypeError(f"{name} must be a tuple of e-mail addresses, got {got(value)}{hint}")
    for k, item in enumerate(value):
        check_email(item, f"{name}[{k}]")


def boolean(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """True or False, nothing merely truthy."""
    if not isinstance(value, bool):
        raise WrongTypeError(f"{field_name(inst, attribute)} must be a bool, got {got(value)}")


def check_date(value: object, field: str) -> _dt.date:
    """``value`` when it is a date (a datetime is refused: these rules are day-level)."""
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        hint = (
            f"; parse it first, e.g. datetime.date.fromisoformat({value!r})"
            if isinstance(value, str)
            else "; use its .date() in the zone that matters"
            if isinstance(value, _dt.datetime)
            else ""
        )
        raise WrongTypeError(f"{field} must be a datetime.date, got {got(value)}{hint}")
    return value


def date(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A calendar date, not a datetime."""
    check_date(value, field_name(inst, attribute))


def aware(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An aware datetime within the years the engine represents."""
    name = field_name(inst, attribute)
    _time.check_range(_time.to_us(value, name), name)


def instance(cls: type | tuple[type, ...], expected: str) -> Validator:
    """A validator: the value is an instance of ``cls``, described to the user as ``expected``."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, cls):
            raise WrongTypeError(
                f"{field_name(inst, attribute)} must be {expected}, got {got(value)}"
            )

    return check


def optional(cls: type | tuple[type, ...], expected: str) -> Validator:
    """A validator: None or an instance of ``cls``."""
    inner = instance(cls, expected)

    def check(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            inner(inst, attribute, value)

    return check


def items(cls: type | tuple[type, ...], expected: str) -> Validator:
    """A validator: a tuple whose every item is an instance of ``cls``."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = field_name(inst, attribute)
        if not isinstance(value, tuple):
            raise WrongTypeError(f"{name} must be a collection of {expected}, got {got(value)}")
        for k, item in enumerate(value):
            if not isinstance(item, cls):
                raise WrongTypeError(f"{name}[{k}] must be {expected}, got {got(item)}")

    return check


def as_tuple(value: Any) -> Any:
    """An iterable as a tuple; a string or a non-iterable is left for the validator to refuse."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def check_iterable(value: object, field: str) -> tuple[Any, ...]:
    """A function argument that must be a collection, as a tuple."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongTypeError(f"{field} must be a collection, got {got(value)}")
    return tuple(value)
