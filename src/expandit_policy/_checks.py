"""The validation layer, at the bottom of the package: validators and converters for every value
class. Each message names the field, the form expected and the value received, in the library's own
words."""

from __future__ import annotations

import datetime as _dt
import functools
import inspect
import types
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import attrs

from . import _time
from ._errors import InvalidValueError, PolicyError, WrongTypeError
from ._errors import shown as shown

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def field_name(inst: object, attribute: attrs.Attribute[Any]) -> str:
    """``Class.field``, as messages name it."""
    return f"{type(inst).__name__}.{attribute.name}"


def got(value: object) -> str:
    """The value received, with its type."""
    return f"{shown(value)} ({type(value).__name__})"


def escaped(char: str) -> str:
    """One character as a message shows it: quoted, and escaped when it cannot be printed
    (``'\\x1b'``, ``'\\ud800'``), so that a message never carries it raw."""
    return repr(char)  # repr escapes every character str.isprintable() refuses


def _first_surrogate(value: str) -> int | None:
    for k, char in enumerate(value):
        if "\ud800" <= char <= "\udfff":
            return k
    return None


#: The categories of the characters an identifier refuses besides surrogates: controls (C0, DEL
#: and C1: ESC, BEL, CR, LF, ...) and the line and paragraph separators, all of which move or
#: restyle a terminal's or an editor's output instead of showing as text.
_NOT_IN_IDENTIFIERS = frozenset({"Cc", "Zl", "Zp"})


def check_text(value: object, field: str) -> str:
    """``value`` when it is a string with something in it besides spaces, and no lone surrogate
    (half of a UTF-16 pair, which no encoding can write out).

    >>> check_text("R-\\ud800", "Request.id")
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidValueError: Request.id must be text without lone surrogates (half of a UTF-16 pair, which cannot be encoded), got '\\ud800' at position 2 of 'R-\\ud800'
    """
    check_free_text(value, field)
    assert isinstance(value, str)  # for the type checker: check_free_text refused anything else
    if not value.strip():
        raise InvalidValueError(f"{field} must not be empty or blank, got {shown(value)}")
    return value


def check_free_text(value: object, field: str) -> str:
    r"""``value`` when it is a string without lone surrogates: a note, a reason, a description,
    which may be empty and may run over several lines.

    >>> check_free_text("line one\nline two", "FeeNoticeSent.note")
    'line one\nline two'
    >>> check_free_text("\udc80", "FeeNoticeSent.note")
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidValueError: FeeNoticeSent.note must be text without lone surrogates (half of a UTF-16 pair, which cannot be encoded), got '\udc80' at position 0 of '\udc80'
    """
    if not isinstance(value, str):
        raise WrongTypeError(f"{field} must be a str, got {got(value)}")
    if value.isascii():  # the common case, answered without a scan in Python
        return value
    at = _first_surrogate(value)
    if at is not None:
        raise InvalidValueError(
            f"{field} must be text without lone surrogates (half of a UTF-16 pair, which cannot "
            f"be encoded), got {escaped(value[at])} at position {at} of {shown(value)}"
        )
    return value


def check_identifier(value: object, field: str) -> str:
    """``value`` when it is text (:func:`check_text`) without control characters or line
    breaks: an id or a name, shown in tables and messages on one line.

    >>> check_identifier("R-1\\x1b[2J", "Request.id")
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidValueError: Request.id must not contain control characters or line breaks, got '\\x1b' at position 3 of 'R-1\\x1b[2J'; remove it
    """
    if _plain_identifier(value):
        assert isinstance(value, str)  # for the type checker: just checked
        return value
    check_text(value, field)
    assert isinstance(value, str)  # for the type checker: check_text refused anything else
    for k, char in enumerate(value):
        if unicodedata.category(char) in _NOT_IN_IDENTIFIERS:
            raise InvalidValueError(
                f"{field} must not contain control characters or line breaks, got "
                f"{escaped(char)} at position {k} of {shown(value)}; remove it"
            )
    return value


def text(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A non-blank string without lone surrogates."""
    check_text(value, field_name(inst, attribute))


def free_text(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A string without lone surrogates, possibly empty or over several lines: a note, a
    reason, a description."""
    if type(value) is str and value.isascii():  # the common case, without building the name
        return
    check_free_text(value, field_name(inst, attribute))


def free_texts(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A tuple of free texts (:func:`free_text`): reasons, one line each."""
    name = field_name(inst, attribute)
    if not isinstance(value, tuple):
        hint = f"; wrap it: ({shown(value)},)" if isinstance(value, str) else ""
        raise WrongTypeError(f"{name} must be a collection of str, got {got(value)}{hint}")
    for k, item in enumerate(value):
        check_free_text(item, f"{name}[{k}]")


def _plain_identifier(value: Any) -> bool:
    """Whether ``value`` is certainly an identifier, decided without a scan in Python: a str
    that is printable (no controls, separators or surrogates) and not blank."""
    return type(value) is str and value.isprintable() and bool(value) and not value.isspace()


def identifier(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A non-blank string without lone surrogates, control characters or line breaks: an id or
    a name."""
    if _plain_identifier(value):  # the common case, without building the name
        return
    check_identifier(value, field_name(inst, attribute))


def label(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An optional name shown on one line (a calendar's in explanations): empty, or an
    identifier (:func:`identifier`)."""
    if value != "":
        identifier(inst, attribute, value)


def identifier_or_none(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """None, or an identifier (:func:`identifier`)."""
    if value is not None:
        identifier(inst, attribute, value)


def check_int(
    value: object,
    field: str,
    *,
    low: int | None = None,
    high: int | None = None,
    what: str = "a whole number",
    error: type[PolicyError] = InvalidValueError,
) -> int:
    """``value`` when it is an int (not a bool) within ``[low, high]``; ``what`` says what the
    number is, ``error`` is raised when it is out of bounds.

    >>> check_int(13, "HolidayRule.month", low=1, high=12, what="a month")
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidValueError: HolidayRule.month must be a month (int) from 1 to 12, got 13
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise WrongTypeError(f"{field} must be {what} (int), got {got(value)}")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = (
            f"from {low} to {high}"
            if low is not None and high is not None
            else f"of at least {low}"
            if low is not None
            else f"of at most {high}"
        )
        raise error(f"{field} must be {what} (int) {bounds}, got {shown(value)}")
    return value


def integer(
    *,
    low: int | None = None,
    high: int | None = None,
    what: str = "a whole number",
    error: type[PolicyError] = InvalidValueError,
    optional: bool = False,
) -> Validator:
    """A validator: an int within ``[low, high]`` (see :func:`check_int`); with ``optional``,
    None too."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        check_int(value, field_name(inst, attribute), low=low, high=high, what=what, error=error)

    return check


def one_of(choices: tuple[str, ...]) -> Validator:
    """A validator: one of the strings ``choices`` (the values of a ``Literal``)."""
    listed = ", ".join(repr(c) for c in choices)

    def check(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str):
            raise WrongTypeError(
                f"{field_name(inst, attribute)} must be one of {listed}, got {got(value)}"
            )
        if value not in choices:
            raise InvalidValueError(
                f"{field_name(inst, attribute)} must be one of {listed}, got {shown(value)}"
            )

    return check


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
    check_identifier(value, field)
    if not is_email(value):
        raise InvalidValueError(
            f"{field} must be an e-mail address with one '@' and a dot in the domain, "
            f"e.g. 'ada@example.com', got {shown(value)}"
        )
    return value


def email(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An e-mail address, validated loosely."""
    check_email(value, field_name(inst, attribute))


def emails(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A tuple of e-mail addresses."""
    name = field_name(inst, attribute)
    if not isinstance(value, tuple):
        hint = f"; wrap it: ({shown(value)},)" if isinstance(value, str) else ""
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
            f"; parse it first, e.g. datetime.date.fromisoformat({shown(value)})"
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
    try:
        if _time.MIN_US <= _time.to_us(value) <= _time.MAX_US:
            return  # the common case, without building the name
    except PolicyError:
        pass
    name = field_name(inst, attribute)
    _time.check_range(_time.to_us(value, name), name)


def aware_or_none(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """None, or an aware datetime within the years the engine represents."""
    if value is not None:
        aware(inst, attribute, value)


def moment(value: Any) -> Any:
    """The key by which an instant field compares and hashes: the moment it names, as a naive
    UTC datetime (None stays None). Python's own comparison of aware datetimes compares wall
    times within one zone, ignoring ``fold``, and never calls a time that a change of clocks
    repeats equal to one in another zone; as field keys, two instants are equal exactly when
    they are the same moment, whatever zone or offset names them.

    >>> import datetime as dt, zoneinfo
    >>> cph = zoneinfo.ZoneInfo("Europe/Copenhagen")
    >>> first = dt.datetime(2026, 10, 25, 2, 30, tzinfo=cph)  # summer time, the hour repeats
    >>> first == first.astimezone(dt.timezone(dt.timedelta(hours=2)))  # Python: not equal
    False
    >>> moment(first) == moment(first.astimezone(dt.timezone(dt.timedelta(hours=2))))
    True
    >>> moment(first) == moment(first.replace(fold=1))  # an hour apart
    False
    """
    if value is None or not isinstance(value, _dt.datetime):
        return value
    offset = value.utcoffset()
    return value.replace(tzinfo=None, fold=0) - offset if offset is not None else value


@attrs.frozen
class _Folded:
    """An instant with ``fold=1`` on its way through pickle, as its ``fold=0`` twin."""

    twin: _dt.datetime


def reduce_keeping_folds(self: Any) -> tuple[Any, ...]:
    """``__reduce__`` for a frozen attrs value that holds instants: pendulum's ``DateTime``
    pickles without its ``fold``, so the second 02:30 of the night the clocks go back would
    come back as the first, an hour earlier. Such an instant travels as its ``fold=0`` twin and
    a mark, and is made again on loading; nothing is checked again.

    >>> import pickle, pendulum
    >>> from expandit_policy import Closed
    >>> second = pendulum.datetime(2026, 10, 25, 2, 30, tz="Europe/Copenhagen", fold=1)
    >>> pickle.loads(pickle.dumps(second)).utcoffset()  # pendulum alone: the first 02:30
    datetime.timedelta(seconds=7200)
    >>> pickle.loads(pickle.dumps(Closed(second))).at.utcoffset()
    datetime.timedelta(seconds=3600)
    """
    cls = type(self)
    values = []
    for field in attrs.fields(cls):
        value = getattr(self, field.name)
        if isinstance(value, _dt.datetime) and value.fold:
            value = _Folded(value.replace(fold=0))
        values.append(value)
    return _revive, (cls, tuple(values))


def _revive(cls: type[T], values: tuple[Any, ...]) -> T:
    fields = {
        field.name: value.twin.replace(fold=1) if type(value) is _Folded else value
        for field, value in zip(attrs.fields(cls), values, strict=True)  # type: ignore[arg-type]
    }
    return unchecked(cls, **fields)


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
    return tuple(each(value, field))


def described(value: object) -> str:
    """A value as a message names it: one of the library's values by its type ('an
    Assessment'), which its whole repr would bury; anything else as :func:`got` shows it."""
    if attrs.has(type(value)):
        name = type(value).__name__
        return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"
    text = got(value)
    return text if len(text) <= 200 else text[:197] + "..."


def each(value: object, field: str) -> Iterator[Any]:
    """An argument that must be a collection (a list, a tuple, a generator...), as an iterator:
    read lazily, never held whole. One value where a collection was expected is refused with
    a hint to wrap it in a list.

    >>> list(each((1, 2), "values"))
    [1, 2]
    >>> each(None, "values")
    Traceback (most recent call last):
    ...
    expandit_policy.WrongTypeError: values must be a collection (a list, a tuple, a generator), got None (NoneType)
    """
    if isinstance(value, str | bytes | bytearray) or not isinstance(value, Iterable):
        hint = "; wrap one value in a list" if attrs.has(type(value)) else ""
        raise WrongTypeError(
            f"{field} must be a collection (a list, a tuple, a generator), got "
            f"{described(value)}{hint}"
        )
    return iter(value)


T = TypeVar("T")


_REQUIRED = object()


@functools.cache
def _defaults(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in attrs.fields(cls):
        assert not isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]  # would need calling
        out[f.name] = _REQUIRED if f.default is attrs.NOTHING else f.default
    return out


def builder_fields(cls: type) -> list[str]:
    """The fields of the attrs class ``cls`` in the order :func:`builder` takes them."""
    return list(_defaults(cls))


def builder(cls: type[T]) -> Callable[..., T]:
    """A function that builds a frozen attrs ``cls`` from its fields, given by name, without
    its validators, converters or ``__attrs_post_init__``: :func:`unchecked` for a class built
    many times over (a reader of documents), generated once per class. The fields are given by
    name or in the order of :func:`builder_fields`; a field with a default may be left out.

    >>> import datetime as dt
    >>> @attrs.frozen
    ... class Span:
    ...     start: dt.datetime = attrs.field(validator=aware)
    ...     note: str = ""
    >>> builder(Span)(start=dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc), note="n")
    Span(start=datetime.datetime(2026, 3, 2, 0, 0, tzinfo=datetime.timezone.utc), note='n')
    """
    return _builder(cls)  # type: ignore[arg-type]  # a class is hashable


@functools.cache
def _builder(cls: type) -> Callable[..., Any]:
    namespace: dict[str, Any] = {"_new": object.__new__, "_set": object.__setattr__, "_cls": cls}
    params: list[str] = []
    lines: list[str] = []
    for k, (name, default) in enumerate(_defaults(cls).items()):
        assert name.isidentifier()  # a field of an attrs class
        if default is _REQUIRED:
            params.append(name)
        else:
            namespace[f"_default_{k}"] = default
            params.append(f"{name}=_default_{k}")
        slot = inspect.getattr_static(cls, name, None)
        if isinstance(slot, types.MemberDescriptorType):  # a slot: set it directly (faster)
            namespace[f"_set_{k}"] = slot.__set__
            lines.append(f"    _set_{k}(inst, {name})")
        else:
            lines.append(f"    _set(inst, {name!r}, {name})")
    source = f"def build({', '.join(params)}):\n    inst = _new(_cls)\n" + "\n".join(lines)
    exec(source + "\n    return inst\n", namespace)  # the source is built above
    build: Callable[..., Any] = namespace["build"]
    build.__qualname__ = f"builder.<{cls.__name__}>"
    return build


def unchecked(cls: type[T], **fields: Any) -> T:
    """A frozen attrs ``cls`` built without its validators or converters: for values the library
    builds from values it has already checked, so that a user's mistake is still caught where the
    user builds a value while ``assess`` does not pay for the checks again. Every field without a
    default must be given, in its final form (a tuple, not a list).

    >>> import datetime as dt
    >>> @attrs.frozen
    ... class Span:
    ...     start: dt.datetime = attrs.field(validator=aware)
    ...     note: str = ""
    >>> unchecked(Span, start=dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc))
    Span(start=datetime.datetime(2026, 3, 2, 0, 0, tzinfo=datetime.timezone.utc), note='')
    """
    inst = object.__new__(cls)
    set_field = object.__setattr__
    for name, default in _defaults(cls).items():  # type: ignore[arg-type]  # a class is hashable
        set_field(
            inst, name, fields.pop(name) if default is _REQUIRED else fields.pop(name, default)
        )
    assert not fields, f"{cls.__name__} has no fields {sorted(fields)}"
    return inst
