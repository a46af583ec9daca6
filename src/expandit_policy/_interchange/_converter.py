"""The cattrs converter between the library's values and JSON-ready dicts.

Loading is strict: a string is not a number, a number is not a string, an unknown field is an
error, and every problem is collected (cattrs' detailed validation) so that the caller can report
them all at once with their paths. The hooks here only shape values; the values' own validators
(an e-mail address, an ordered event log, a policy's readings) still run when they are built.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .. import _checks, _time
from .._calendars._calendar import BusinessCalendar
from .._calendars._holidays import (
    Holidays,
    HolidaySource,
    workalendar_calendar,
)
from .._calendars._hours import (
    WEEKDAYS,
    ClockFormError,
    ClockRangeError,
    Window,
    WorkingHours,
    clock_seconds,
)
from .._domain._licences import FeatureLevel
from .._domain._money import Money, PriceList
from .._errors import WrongTypeError
from . import _presets, _text, _versions
from ._text import BadValueError, got, short

__all__ = [
    "CONVERTER",
    "UnknownKeysError",
    "families",
    "known_keys",
    "public_types",
    "unions",
    "value_types",
]


def public_types(package: object) -> tuple[tuple[type, ...], dict[str, object]]:
    """The value types that ``package`` exports (every attrs class named in its ``__all__``),
    by name, and the unions of them it exports (its type aliases whose every member is a value
    type: ``CaseEvent``, ``Party``, ``Duration``, ``Calendar``), by alias.

    Every value type has a JSON form, and every such union is written in tagged form,
    ``{"type": "Replied", ...}``; nothing else lists them.

    >>> import expandit_policy
    >>> classes, unions = public_types(expandit_policy)
    >>> expandit_policy.Case in classes, sorted(unions)
    (True, ['Calendar', 'CaseEvent', 'Duration', 'Party'])
    """
    classes: list[type] = []
    unions: dict[str, object] = {}
    for name in getattr(package, "__all__", ()):
        value = getattr(package, name)
        if isinstance(value, type) and attrs.has(value):
            classes.append(value)
        elif _is_union(value) and all(
            isinstance(m, type) and attrs.has(m) for m in get_args(value)
        ):
            unions[name] = value
    return tuple(sorted(classes, key=lambda c: c.__name__)), unions


@functools.cache
def _public() -> tuple[tuple[type, ...], dict[str, object]]:
    import expandit_policy  # the package is loaded by the time a value is read or written

    return public_types(expandit_policy)


def value_types() -> tuple[type, ...]:
    """Every value type of the public surface (each has a JSON form), sorted by name."""
    return _public()[0]


def unions() -> dict[str, object]:
    """The public unions of value types, by alias, written in tagged form."""
    return _public()[1]


@functools.cache
def families() -> tuple[frozenset[type], ...]:
    """The members of each public union: a union of some members of one is tagged the same way."""
    return tuple(frozenset(get_args(union)) for union in unions().values())


_NUMBER = frozenset({int, float, Decimal, Fraction})
_CLOCK_EXAMPLE = "'08:00' (24-hour wall-clock time; '24:00' for midnight at the end of a day)"


class UnknownKeysError(BadValueError):
    """Keys of an object that its type does not have."""

    def __init__(self, keys: Iterable[str], allowed: Iterable[str]) -> None:
        self.keys = sorted(keys, key=str)
        self.allowed = tuple(allowed)
        super().__init__(f"unknown keys {self.keys!r}")


def known_keys(cl: type) -> tuple[str, ...]:
    """The keys an object of type ``cl`` may have (its fields, as documents name them)."""
    return tuple(a.name for a in attrs.fields(cl) if a.init)


def _note(exc: Exception, note: str) -> Exception:
    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
    return exc


def _field_error(exc: Exception, cl: type, name: str) -> Exception:
    return _note(exc, AttributeValidationNote(f"Structuring {cl.__name__} @ {name}", name, cl))


def _is_union(t: Any) -> bool:
    return get_origin(t) in (typing.Union, types.UnionType)


def _members(t: Any) -> tuple[list[Any], bool]:
    """The members of union ``t`` other than None, and whether None is one."""
    args = get_args(t)
    return [a for a in args if a is not type(None)], type(None) in args


# -- text forms -------------------------------------------------------------------------------


def _clock(value: object) -> int:
    if not isinstance(value, str):
        raise BadValueError(f"must be a wall-clock time such as {_CLOCK_EXAMPLE}, got {got(value)}")
    try:
        return clock_seconds(value)
    except ClockFormError:
        raise BadValueError(
            f"must be a wall-clock time such as {_CLOCK_EXAMPLE}, got {short(value)}"
        ) from None
    except ClockRangeError:
        raise BadValueError(
            f"must be a wall-clock time between '00:00' and '24:00', got {short(value)}"
        ) from None


def _clock_text(seconds: int) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}" + (f":{s:02d}" if s else "")


def _source(value: object) -> HolidaySource | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadValueError(
            f"must be the ISO code of a workalendar calendar such as 'DK' or 'DE-BY', or null, "
            f"got {got(value)}"
        )
    return workalendar_calendar(value)


def _source_code(source: HolidaySource | None) -> str | None:
    if source is None:
        return None
    # workalendar's registry marks each class it registers with (code, name); the class must
    # be the registered one itself (not a subclass) for the code to bring it back.
    mark = type(source).__dict__.get("__iso_code")
    if isinstance(mark, tuple) and mark and isinstance(mark[0], str):
        code = mark[0]
        if type(workalendar_calendar(code)) is type(source):
            return code
    raise WrongTypeError(
        f"Holidays.source must be a workalendar calendar registered under an ISO code (such as "
        f"'DK') to be written as JSON, got {source!r} ({type(source).__name__}); give its "
        f"holidays as dates and rules instead (Holidays.from_dates, HolidayRule)"
    )


def _prices(value: object) -> tuple[tuple[FeatureLevel, Money], ...]:
    if not isinstance(value, list | tuple):
        raise BadValueError(
            f'must be a list of {{"level": ..., "price": ...}} objects, got {got(value)}'
        )
    pairs = []
    errors: list[Exception] = []
    for k, item in enumerate(value):
        try:
            pairs.append(_price(item))
        except Exception as exc:
            errors.append(_note(exc, IterableValidationNote(f"prices @ index {k}", k, object)))
    if errors:
        raise IterableValidationError("While structuring PriceList.prices", errors, list)
    return tuple(pairs)


def _price(item: object) -> tuple[FeatureLevel, Money]:
    fields = _object(item, "a price", {"level": FeatureLevel, "price": Money})
    return fields["level"], fields["price"]


def _object(value: object, what: str, fields: Mapping[str, type]) -> dict[str, Any]:
    """The fields of a plain JSON object whose every field is required."""
    if not isinstance(value, Mapping):
        raise BadValueError(f"must be {what}, an object with {', '.join(fields)}, got {got(value)}")
    out: dict[str, Any] = {}
    errors: list[Exception] = []
    for name, kind in fields.items():
        try:
            out[name] = CONVERTER.structure(value[name], kind)
        except Exception as exc:
            errors.append(_field_error(exc, object, name))
    extra = set(value) - set(fields)
    if extra:
        errors.append(UnknownKeysError(extra, fields))
    if errors:
        raise ClassValidationError(f"While structuring {what}", errors, object)
    return out


# -- the converter ----------------------------------------------------------------------------


def _strict(kind: type, what: str) -> Callable[[Any, Any], Any]:
    def hook(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            raise BadValueError(f"must be {what}, got {got(value)}")
        return value

    return hook


def _integer(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValueError(f"must be a whole number, got {got(value)}")
    return value


def _float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValueError(f"must be a number, got {got(value)}")
    return float(value)


def _enum_hook(kind: type[enum.Enum]) -> Callable[[Any, Any], Any]:
    values = {member.value: member for member in kind}
    choices = ", ".join(repr(v) for v in values)

    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, str) and value in values:
            return values[value]
        raise BadValueError(f"must be one of {choices}, got {got(value)}")

    return hook


def _literal_hook(kind: Any) -> Callable[[Any, Any], Any]:
    allowed = get_args(kind)
    choices = ", ".join(repr(v) for v in allowed)

    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, str) and value in allowed:
            return value
        raise BadValueError(f"must be one of {choices}, got {got(value)}")

    return hook


def _sequence_hook(kind: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    origin = get_origin(kind)
    args = get_args(kind)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        return _fixed_tuple_hook(args, converter)
    item = args[0]
    build: Callable[[list[Any]], Any] = frozenset if origin is frozenset else tuple
    item_hook = converter.get_structure_hook(item)

    def hook(value: Any, _: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise BadValueError(f"must be a list, got {got(value)}")
        out = []
        errors: list[Exception] = []
        for k, v in enumerate(value):
            try:
                out.append(item_hook(v, item))
            except Exception as exc:
                errors.append(_note(exc, IterableValidationNote(f"@ index {k}", k, item)))
        if errors:
            raise IterableValidationError(f"While structuring {kind}", errors, kind)
        return build(out)

    return hook


def _fixed_tuple_hook(
    args: tuple[Any, ...], converter: cattrs.Converter
) -> Callable[[Any, Any], Any]:
    hooks = [converter.get_structure_hook(a) for a in args]

    def hook(value: Any, kind: Any) -> Any:
        if not isinstance(value, list | tuple) or len(value) != len(args):
            raise BadValueError(f"must be a list of {len(args)} values, got {got(value)}")
        out = []
        errors: list[Exception] = []
        for k, (v, h, a) in enumerate(zip(value, hooks, args, strict=True)):
            try:
                out.append(h(v, a))
            except Exception as exc:
                errors.append(_note(exc, IterableValidationNote(f"@ index {k}", k, a)))
        if errors:
            raise IterableValidationError(f"While structuring {kind}", errors, kind)
        return tuple(out)

    return hook


def _sequence_unhook(kind: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
    origin = get_origin(kind)
    args = get_args(kind)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        unhooks = [converter.get_unstructure_hook(a) for a in args]
        return lambda value: [u(v) for u, v in zip(unhooks, value, strict=True)]
    unhook = converter.get_unstructure_hook(args[0])
    if origin is frozenset:
        # A set has no order of its own; write it sorted so the same value gives the same text.
        return lambda value: sorted((unhook(v) for v in value), key=repr)
    return lambda value: [unhook(v) for v in value]


def _family(members: list[Any]) -> frozenset[type] | None:
    if len(members) < 2:
        return None
    for family in families():
        if set(members) <= family:
            return family
    return None


def _tagged_hook(members: list[type], nullable: bool) -> Callable[[Any, Any], Any]:
    by_tag = {m.__name__: m for m in members}
    names = ", ".join(by_tag)
    hooks: dict[str, Callable[[Any, Any], Any]] = {}
    calendars = BusinessCalendar in by_tag.values()
    presets = ", ".join(_presets.PRESETS)

    def hook(value: Any, kind: Any) -> Any:
        if value is None and nullable:
            return None
        if calendars and isinstance(value, str):
            if value not in _presets.PRESETS:
                raise BadValueError(f"must be a calendar preset ({presets}), got {short(value)}")
            return _presets.preset(value)
        if type(value) is not dict and not isinstance(value, Mapping):
            preset_hint = f", or the name of a preset ({presets})" if calendars else ""
            raise BadValueError(
                f'must be an object with a "type" ({names}){preset_hint}, got {got(value)}'
            )
        tag = value.get("type")
        if not isinstance(tag, str) or tag not in by_tag:
            if "type" not in value:
                problem = BadValueError(f"missing: say which kind of value this is, one of {names}")
            elif not isinstance(tag, str):
                problem = BadValueError(
                    f"must be a string naming the kind of value, one of {names}, got {got(tag)}"
                )
            else:
                problem = BadValueError(f"must be one of {names}, got {got(tag)}")
            raise ClassValidationError("While structuring a union", [_field_error(problem, object, "type")], object)  # fmt: skip
        member = by_tag[tag]
        hook = hooks.get(tag)
        if hook is None:
            hook = hooks[tag] = CONVERTER.get_structure_hook(member)
        body = dict(value)
        del body["type"]
        return hook(body, member)

    return hook


def _tagged_unhook(nullable: bool, calendars: bool) -> Callable[[Any], Any]:
    def unhook(value: Any) -> Any:
        if value is None and nullable:
            return None
        if calendars:
            name = _presets.preset_name(value)
            if name is not None:
                return name
        kind = type(value)
        return {"type": kind.__name__, **CONVERTER.get_unstructure_hook(kind)(value)}

    return unhook


def _union_hook(kind: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    members, nullable = _members(kind)
    if set(members) == _NUMBER:
        return lambda value, _: _text.parse_hours(value)
    if _family(members) is not None:
        return _tagged_hook(members, nullable)
    if len(members) == 1 and nullable:
        inner = members[0]
        inner_hook = converter.get_structure_hook(inner)
        return lambda value, _: None if value is None else inner_hook(value, inner)
    raise TypeError(f"no JSON form for the union {kind}")  # a type the library does not use


def _union_unhook(kind: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
    members, nullable = _members(kind)
    if set(members) == _NUMBER:
        return _text.format_hours
    family = _family(members)
    if family is not None:
        return _tagged_unhook(nullable, BusinessCalendar in family)
    if len(members) == 1 and nullable:
        inner = converter.get_unstructure_hook(members[0])
        return lambda value: None if value is None else inner(value)
    raise TypeError(f"no JSON form for the union {kind}")  # a type the library does not use


def _working_hours(value: Any, _: Any) -> WorkingHours:
    if not isinstance(value, Mapping):
        raise BadValueError(
            f'must be an object of weekdays to windows, e.g. {{"mon": [{{"start": "08:00", '
            f'"end": "16:00"}}]}}, got {got(value)}'
        )
    windows = CONVERTER.get_structure_hook(tuple[Window, ...])
    days: list[tuple[Window, ...]] = []
    errors: list[Exception] = []
    for day in WEEKDAYS:
        try:
            days.append(windows(value[day], tuple[Window, ...]))
        except Exception as exc:
            errors.append(_field_error(exc, WorkingHours, day))
    extra = set(value) - set(WEEKDAYS)
    if extra:
        errors.append(UnknownKeysError(extra, WEEKDAYS))
    if errors:
        raise ClassValidationError("While structuring WorkingHours", errors, WorkingHours)
    try:
        return WorkingHours(days)
    except Exception as exc:
        raise ClassValidationError("While structuring WorkingHours", [exc], WorkingHours) from None


def _working_hours_out(value: WorkingHours) -> dict[str, Any]:
    window = CONVERTER.get_unstructure_hook(Window)
    return {day: [window(w) for w in windows] for day, windows in zip(WEEKDAYS, value.days, strict=True)}  # fmt: skip


#: Fields whose JSON form is not the one their type would give.
_OVERRIDES: dict[type, dict[str, Any]] = {
    Window: {
        "start": override(struct_hook=lambda v, _: _clock(v), unstruct_hook=_clock_text),
        "end": override(struct_hook=lambda v, _: _clock(v), unstruct_hook=_clock_text),
    },
    Holidays: {"source": override(struct_hook=lambda v, _: _source(v), unstruct_hook=_source_code)},
    PriceList: {
        "prices": override(
            struct_hook=lambda v, _: _prices(v),
            unstruct_hook=lambda prices: [
                {"level": CONVERTER.unstructure(level), "price": CONVERTER.unstructure(price)}
                for level, price in prices
            ],
        )
    },
}


def _attrs_hook(kind: type, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    generated: Callable[[Any, Any], Any] = make_dict_structure_fn(
        kind, converter, **_OVERRIDES.get(kind, {})
    )
    names = known_keys(kind)
    required = frozenset(names)
    fields = ", ".join(names)
    current = _versions.CURRENT
    built: dict[tuple[Any, ...], Any] | None = {} if _of_scalars(kind) else None

    def hook(value: Any, _: Any) -> Any:
        if type(value) is dict:
            # The common case first: a document of the current version with every field.
            if value.keys() >= required and _versions.schema_version() == current:
                if built is None:
                    return generated(value, kind)
                return _built_once(built, generated, kind, value)
        elif not isinstance(value, Mapping):
            raise BadValueError(f"must be an object with the fields of {kind.__name__} ({fields}), got {got(value)}")  # fmt: skip
        version = _versions.schema_version()
        added = _versions.added_fields(kind, version)
        errors: list[Exception] = []
        if added:
            value, errors = _older(kind, value, added, version)
        missing = [name for name in names if name not in value and name not in added]
        if not missing and not errors:
            return generated(value, kind)
        # Every field is required, those with a default too: a document says what it means
        # without leaning on defaults that a later version of the library may change.
        errors += [_field_error(KeyError(name), kind, name) for name in missing]
        try:
            generated(value, kind)
        except ClassValidationError as exc:
            errors += [e for e in exc.exceptions if _names_a_field(e, missing)]
        errors.sort(key=lambda e: _position(e, names))
        raise ClassValidationError(f"While structuring {kind.__name__}", errors, kind)

    return hook


#: JSON types of the fields of a value that :func:`_built_once` keeps.
_SCALARS = frozenset({str, bool, int, type(None)})
#: How many values of one type :func:`_built_once` keeps (then it starts again).
_BUILT_ONCE = 4096


def _of_scalars(kind: type) -> bool:
    """Whether every field of ``kind`` is text, a truth value or an enumeration: a small value
    (a contact, a mailbox) that a batch of cases repeats in every case and every reply."""
    try:
        hints = typing.get_type_hints(kind)
    except Exception:  # a name that does not resolve: not worth keeping
        return False
    found = [hints.get(a.name) for a in attrs.fields(kind) if a.init]
    return bool(found) and all(t in (str, bool) or _is_enum(t) for t in found)


def _built_once(
    built: dict[tuple[Any, ...], Any],
    generated: Callable[[Any, Any], Any],
    kind: type,
    value: dict[str, Any],
) -> Any:
    """The value of ``kind`` that the object ``value`` holds, built (and checked) once for each
    text: a frozen value is the same whichever object it is read from. The key has each field's
    JSON type too, since ``True == 1`` and the one is read where the other is refused."""
    key = tuple((k, type(v), v) for k, v in value.items())
    if not all(t in _SCALARS for _, t, _ in key):
        return generated(value, kind)
    out = built.get(key)
    if out is None:
        out = generated(value, kind)
        if len(built) >= _BUILT_ONCE:
            built.clear()  # a bound on memory, whatever the batch holds
        built[key] = out
    return out


def _older(
    kind: type, value: Mapping[str, Any], added: tuple[str, ...], version: int
) -> tuple[dict[str, Any], list[Exception]]:
    """``value``, of a document of an older ``version``, with the documented value of each
    field added since (its default, or the one in ``_versions.VALUES``), and the problems of
    a field that the older version did not have but the document gives anyway."""
    out = dict(value)
    errors: list[Exception] = []
    schema = next(s for s, v in _versions.SCHEMAS.items() if v == version)
    for name in added:
        if name in out:
            problem = BadValueError(
                f"{kind.__name__}.{name} is not part of {schema!r}: write the document as "
                f"{_versions.WRITTEN!r}, or leave the field out"
            )
            errors.append(_field_error(problem, kind, name))
        elif (kind.__name__, name) in _versions.VALUES:
            out[name] = _versions.VALUES[kind.__name__, name]
        # Otherwise the field stays out and the generated hook gives it its default (a test
        # checks that every added field has a default or a value in VALUES).
    return out, errors


def _position(exc: Exception, names: tuple[str, ...]) -> int:
    """Where the field ``exc`` is about comes in the document (unknown keys last)."""
    for note in getattr(exc, "__notes__", []):
        if isinstance(note, AttributeValidationNote) and note.name in names:
            return names.index(note.name)
    return len(names)


def _names_a_field(exc: Exception, missing: list[str]) -> bool:
    """Whether ``exc`` is about a field that is there, or about unknown keys (not about the
    value built from defaults, nor a missing field again)."""
    notes = getattr(exc, "__notes__", [])
    return isinstance(exc, ForbiddenExtraKeysError) or any(
        isinstance(n, AttributeValidationNote) and n.name not in missing for n in notes
    )


def _attrs_unhook(kind: type, converter: cattrs.Converter) -> Callable[[Any], Any]:
    return make_dict_unstructure_fn(kind, converter, **_OVERRIDES.get(kind, {}))


def _is_sequence(t: Any) -> bool:
    return get_origin(t) in (tuple, frozenset)


_LITERAL: Any = typing.Literal


def _is_literal(t: Any) -> bool:
    return get_origin(t) is _LITERAL


def _is_case(t: Any) -> bool:
    from .._domain._case import Case

    return t is Case


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


# -- the fast path for cases ------------------------------------------------------------------
#
# A batch of cases is read far more often than any other document, and nearly always holds
# nothing wrong. For a case of the current version, the reader below checks the plain JSON
# values directly (strings are already str, so each check is cheap) and builds the values
# without running their validators again. It is a proof of soundness, not a reader of its own:
# whatever it cannot prove sound at a glance (a value of another JSON type, a missing or extra
# key, text outside the plain forms, an older document, a log out of order) it leaves to the
# general path above, which reads it or says what is wrong with every path. So a case it reads is
# the case the general path reads, and every problem is reported by the general path alone.


class _SlowPathError(Exception):
    """The fast reader cannot vouch for this case: the general path reads it."""


def _fast_identifier(value: object) -> str:
    # the plain identifier that _checks.identifier passes without a scan
    if type(value) is str and value.isprintable() and value and not value.isspace():
        return value
    raise _SlowPathError


#: Text already checked to be an e-mail address, so that a batch checks each address once.
_EMAILS: set[str] = set()


def _fast_email(value: object) -> str:
    if type(value) is str and value in _EMAILS:
        return value
    if type(value) is not str or not value.isprintable() or not _checks.is_email(value):
        raise _SlowPathError  # (a printable str is not blank when it is an e-mail address)
    if len(_EMAILS) >= _BUILT_ONCE:
        _EMAILS.clear()  # a bound on memory, whatever the batch holds
    _EMAILS.add(value)
    return value


def _fast_emails(value: object) -> tuple[str, ...]:
    if type(value) is not list:
        raise _SlowPathError
    return tuple([_fast_email(item) for item in value])


def _fast_member(members: dict[str, Any], value: object) -> Any:
    if type(value) is not str:
        raise _SlowPathError
    member = members.get(value)
    if member is None:
        raise _SlowPathError
    return member


def _members_by_value(kind: type[enum.Enum]) -> dict[str, Any]:
    return {member.value: member for member in kind}


def _year_of(us: int) -> int:
    return (_EPOCH + _dt.timedelta(microseconds=us)).year


_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
#: The local years whose every instant, at any offset (less than a day), lies within the years
#: the engine represents (``_time.MIN_US`` to ``MAX_US``): 3 to 9997.
_FIRST_YEAR, _LAST_YEAR = _year_of(_time.MIN_US) + 1, _year_of(_time.MAX_US) - 1


def _fast_instant(value: object) -> _dt.datetime:
    """The instant ``value`` as :func:`_text.parse_instant` reads it, when it lies in the years
    from ``_FIRST_YEAR`` to ``_LAST_YEAR`` (so the ``aware`` validator passes it too)."""
    if type(value) is not str or "." in value or "," in value:  # fractions: the general path
        raise _SlowPathError
    try:
        parsed = _FROM_ISO(value)
    except ValueError:
        raise _SlowPathError from None
    if parsed.tzinfo is None or not _FIRST_YEAR <= parsed.year <= _LAST_YEAR:
        raise _SlowPathError
    return parsed


_FROM_ISO = _dt.datetime.fromisoformat


class _FastCases:
    """The fast reader of a case (see above), built on first use."""

    def __init__(self) -> None:
        from .._domain import _case, _parties, _requests
        from .._domain._coverage import Coverage

        self.in_order = _case.in_order
        self.case_keys = frozenset(known_keys(_case.Case))
        self.request_class = _requests.Request
        self.mailbox_class = _parties.Mailbox
        self.keys: dict[type, frozenset[str]] = {}
        self.build: dict[type, Callable[..., Any]] = {}
        plain: tuple[type, ...] = (
            _case.Case,
            _requests.Request,
            _parties.Contact,
            _parties.Mailbox,
        )
        for kind in plain:
            self._learn(kind)
        # Built with their fields in order: the order is checked here.
        self.build_case = self._ordered(_case.Case, "request", "events")
        self.build_request = self._ordered(
            _requests.Request, "id", "channel", "kind", "received_at", "sender", "party"
        )
        self.contact_keys = self.keys[_parties.Contact]
        self.build_contact = self.build[_parties.Contact]
        self.parties: dict[str, type] = {}
        event_types: tuple[type, ...] = _case._EVENT_TYPES
        for kind in (*_parties.PARTIES, *event_types):
            self._learn(kind, tagged=True)
        for kind in _parties.PARTIES:
            self.parties[kind.__name__] = kind
        self.events: dict[str, tuple[int, Callable[..., Any] | None, Callable[..., Any]]] = {}
        self.channels = _members_by_value(_requests.Channel)
        self.kinds = _members_by_value(_requests.RequestKind)
        self.mailbox_kinds = _members_by_value(_parties.MailboxKind)
        self.reasons = _members_by_value(_case.CloseReason)
        self.notices = {c.value: c for c in (Coverage.COVERED_BY_SA, Coverage.NEEDS_FEES)}
        self.complaint = _requests.Channel.WRITTEN_COMPLAINT
        self.complaint_kinds = _requests.COMPLAINT_KINDS
        self.contacts: dict[tuple[str, str, bool], Any] = {}
        self.mailboxes: dict[tuple[str, str], Any] = {}
        self.party_of: dict[tuple[object, ...], Any] = {}
        c = _case
        # How each event is read from its object and its instant, and the fields it reads
        # after the instant, in the order of the class's fields: they must be exactly the
        # class's (checked here, so that a field added to an event is never skipped).
        readers: dict[type, tuple[tuple[str, ...], Callable[..., Any] | None]] = {
            c.Replied: (("from_mailbox", "to", "cc"), self._replied),
            c.FeeNoticeSent: (("coverage", "note"), self._fee_notice),
            c.Closed: (("reason",), self._closed),
            c.LoggedUnderMailbox: (("mailbox",), self._logged),
            c.MessageReceived: (("channel", "contact"), self._message),
        }
        for kind in event_types:
            names, reader = readers.get(kind, ((), None))
            if tuple(_checks.builder_fields(kind)) != ("at", *names):
                raise TypeError(f"the fast reader does not know the fields of {kind.__name__}")
            self.events[kind.__name__] = (len(self.keys[kind]), reader, self.build[kind])

    def _ordered(self, kind: type, *names: str) -> Callable[..., Any]:
        if tuple(_checks.builder_fields(kind)) != names:
            raise TypeError(f"the fast reader does not know the fields of {kind.__name__}")
        return self.build[kind]

    def _learn(self, kind: type, tagged: bool = False) -> None:
        names = known_keys(kind)
        self.keys[kind] = frozenset({"type", *names} if tagged else names)
        self.build[kind] = _checks.builder(kind)

    def case(self, value: object) -> Any:
        """The case that ``value`` holds; :class:`_SlowPathError` for the general path to read."""
        if type(value) is not dict or value.keys() != self.case_keys:
            raise _SlowPathError
        request, received = self.request(value["request"])
        items = value["events"]
        if type(items) is not list:
            raise _SlowPathError
        readers = self.events
        events: list[Any] = []
        times: list[_dt.datetime] = []
        for item in items:
            if type(item) is not dict:
                raise _SlowPathError
            tag = item.get("type")
            entry = readers.get(tag) if type(tag) is str else None
            if entry is None:
                raise _SlowPathError
            size, read, build = entry
            # An event has just its keys when it has as many and each is read below (a missing
            # one raises KeyError: the general path then says which): cheaper than comparing.
            if len(item) != size:
                raise _SlowPathError
            text = item["at"]  # read as _fast_instant reads it, here for speed
            if type(text) is not str or "." in text or "," in text:
                raise _SlowPathError
            try:
                at = _FROM_ISO(text)
            except ValueError:
                raise _SlowPathError from None
            if at.tzinfo is None or not _FIRST_YEAR <= at.year <= _LAST_YEAR:
                raise _SlowPathError
            events.append(build(at) if read is None else read(build, item, at))
            times.append(at)
        log = tuple(events)
        if not self.in_order(received, log, times):
            raise _SlowPathError
        return self.build_case(request, log)

    def request(self, value: object) -> tuple[Any, _dt.datetime]:
        if type(value) is not dict or value.keys() != self.keys[self.request_class]:
            raise _SlowPathError
        channel = _fast_member(self.channels, value["channel"])
        kind = _fast_member(self.kinds, value["kind"])
        if channel is self.complaint and kind not in self.complaint_kinds:
            raise _SlowPathError
        received_at = _fast_instant(value["received_at"])
        request = self.build_request(
            _fast_identifier(value["id"]),
            channel,
            kind,
            received_at,
            self.contact(value["sender"]),
            self.party(value["party"]),
        )
        return request, received_at

    def contact(self, value: object) -> Any:
        if type(value) is not dict or value.keys() != self.contact_keys:
            raise _SlowPathError
        name, email, fee_earner = value["name"], value["email"], value["fee_earner"]
        if type(name) is not str or type(email) is not str or type(fee_earner) is not bool:
            raise _SlowPathError
        key = (name, email, fee_earner)
        out = self.contacts.get(key)
        if out is None:
            out = self.build_contact(
                name=_fast_identifier(name), email=_fast_email(email), fee_earner=fee_earner
            )
            if len(self.contacts) >= _BUILT_ONCE:
                self.contacts.clear()  # a bound on memory, whatever the batch holds
            self.contacts[key] = out
        return out

    def mailbox(self, value: object) -> Any:
        if type(value) is not dict or value.keys() != self.keys[self.mailbox_class]:
            raise _SlowPathError
        kind, address = value["kind"], value["address"]
        if type(kind) is not str or type(address) is not str:
            raise _SlowPathError
        out = self.mailboxes.get((kind, address))
        if out is None:
            out = self.build[self.mailbox_class](
                kind=_fast_member(self.mailbox_kinds, kind), address=_fast_email(address)
            )
            if len(self.mailboxes) >= _BUILT_ONCE:
                self.mailboxes.clear()  # a bound on memory, whatever the batch holds
            self.mailboxes[kind, address] = out
        return out

    def party(self, value: object) -> Any:
        if type(value) is not dict:
            raise _SlowPathError
        tag = value.get("type")
        if type(tag) is not str or tag not in self.parties:
            raise _SlowPathError
        kind = self.parties[tag]
        if value.keys() != self.keys[kind]:
            raise _SlowPathError
        name, contacts, identifier = value["name"], value["contacts"], value["identifier"]
        if type(contacts) is not list or type(name) is not str:
            raise _SlowPathError
        if identifier is not None and type(identifier) is not str:
            raise _SlowPathError
        people = tuple([self.contact(c) for c in contacts])
        # The contacts are the ones kept in self.contacts, and a party kept here holds its
        # own: while it is kept, their ids name them.
        key = (tag, name, identifier, *map(id, people))
        out = self.party_of.get(key)
        if out is None:
            out = self.build[kind](
                name=_fast_identifier(name),
                contacts=people,
                identifier=None if identifier is None else _fast_identifier(identifier),
            )
            if len(self.party_of) >= _BUILT_ONCE:
                self.party_of.clear()  # a bound on memory, whatever the batch holds
            self.party_of[key] = out
        return out

    def _replied(self, build: Callable[..., Any], item: dict[str, Any], at: Any) -> Any:
        to = _fast_emails(item["to"])
        if not to:
            raise _SlowPathError
        return build(at, self.mailbox(item["from_mailbox"]), to, _fast_emails(item["cc"]))

    def _fee_notice(self, build: Callable[..., Any], item: dict[str, Any], at: Any) -> Any:
        note = item["note"]
        if type(note) is not str or not note.isascii():  # other text: the general path
            raise _SlowPathError
        return build(at, _fast_member(self.notices, item["coverage"]), note)

    def _closed(self, build: Callable[..., Any], item: dict[str, Any], at: Any) -> Any:
        reason = item["reason"]
        return build(at, None if reason is None else _fast_member(self.reasons, reason))

    def _logged(self, build: Callable[..., Any], item: dict[str, Any], at: Any) -> Any:
        return build(at, self.mailbox(item["mailbox"]))

    def _message(self, build: Callable[..., Any], item: dict[str, Any], at: Any) -> Any:
        contact = item["contact"]
        channel = _fast_member(self.channels, item["channel"])
        return build(at, channel, None if contact is None else self.contact(contact))


@functools.cache
def _fast_cases() -> _FastCases:
    return _FastCases()


def fast_case(value: object) -> Any:
    """The case that ``value`` (a case of a document of the current version) holds, read by the
    fast path; None when the general path must read it (to read it, or to say what is wrong)."""
    try:
        return _fast_cases().case(value)
    except Exception:  # _SlowPathError, a KeyError for a missing key, or anything unforeseen
        return None


def _case_hook(kind: type, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    general = _attrs_hook(kind, converter)
    current = _versions.CURRENT
    fast = _fast_cases()

    def hook(value: Any, _: Any) -> Any:
        if _versions.schema_version() == current:
            try:
                return fast.case(value)
            except (
                Exception
            ):  # _SlowPathError, a KeyError for a missing key, or anything unforeseen
                pass
        return general(value, kind)

    return hook


def _build() -> cattrs.Converter:
    c = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    # Classes go through singledispatch, which cattrs consults first; the rest are predicates,
    # the last registered tried first.
    c.register_structure_hook(str, _strict(str, "a string"))
    c.register_structure_hook(bool, _strict(bool, "true or false"))
    c.register_structure_hook(int, _integer)
    c.register_structure_hook(float, _float)
    c.register_structure_hook(_dt.datetime, lambda v, _: _text.parse_instant(v))
    c.register_structure_hook(_dt.date, lambda v, _: _text.parse_date(v))
    c.register_structure_hook(_dt.timedelta, lambda v, _: _text.parse_span(v))
    c.register_structure_hook(Decimal, lambda v, _: _text.parse_decimal(v, "an exact amount"))
    c.register_unstructure_hook(_dt.datetime, _text.format_instant)
    c.register_unstructure_hook(_dt.date, lambda d: d.isoformat())
    c.register_unstructure_hook(_dt.timedelta, _text.format_span)
    c.register_unstructure_hook(Decimal, str)
    c.register_structure_hook_factory(attrs.has, _attrs_hook)
    c.register_structure_hook_factory(_is_case, _case_hook)
    c.register_unstructure_hook_factory(attrs.has, _attrs_unhook)
    c.register_structure_hook_factory(_is_enum, _enum_hook)
    c.register_unstructure_hook_factory(_is_enum, lambda _: lambda member: member.value)
    c.register_structure_hook_factory(_is_literal, _literal_hook)
    c.register_structure_hook_factory(_is_sequence, _sequence_hook)
    c.register_unstructure_hook_factory(_is_sequence, _sequence_unhook)
    c.register_structure_hook_factory(_is_union, _union_hook)
    c.register_unstructure_hook_factory(_is_union, _union_unhook)
    c.register_structure_hook_func(lambda t: t is WorkingHours, _working_hours)
    c.register_unstructure_hook_func(lambda t: t is WorkingHours, _working_hours_out)
    return c


CONVERTER: cattrs.Converter = _build()
"""The one converter; built once at import, its hooks generated on first use of each type."""
