"""cattrs' nested validation errors turned into (path, message) problems, in document order."""

from __future__ import annotations

import difflib
import functools
import re
import sys

from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from .._errors import PolicyError
from ._converter import UnknownKeysError, known_keys, value_types
from ._text import BadValueError, join

__all__ = ["Problem", "join", "problems_of"]

Problem = tuple[str, str]
_OWN_CHECK = re.compile(r"(?P<type>[A-Z][A-Za-z0-9]*)\.(?P<field>[a-z_][a-z0-9_]*)\b")
_EVENT_PREFIX = re.compile(r"^events\[(\d+)\]\s*(?:\((?P<what>[^)]*)\))?")


def _unknown(path: str, keys: list[str], allowed: tuple[str, ...], owner: str) -> list[Problem]:
    out = []
    for key in keys:
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        out.append(
            (
                join(path, str(key)),
                f"unknown field; {hint}{owner} has {', '.join(allowed) or 'none'}",
            )
        )
    return out


@functools.cache
def _fields() -> dict[str, frozenset[str]]:
    """The fields of every type with a JSON form, by the type's name."""
    return {t.__name__: frozenset(known_keys(t)) for t in value_types()}


def _to_field(path: str, message: str) -> str:
    """``path`` extended by the field that a value's own check names first in ``message``
    ('Request.received_at must lie between ...'), so that the path leads to the bad field."""
    named = _OWN_CHECK.match(message)
    if named is None or named["field"] not in _fields().get(named["type"], ()):
        return path
    field = named["field"]
    if path == field or path.endswith("." + field):
        return path
    return join(path, field)


def _leaf(exc: BaseException, path: str) -> list[Problem]:
    if isinstance(exc, UnknownKeysError):
        return _unknown(path, exc.keys, exc.allowed, "this object")
    if isinstance(exc, BadValueError):
        return [(path, str(exc))]
    if isinstance(exc, KeyError):
        return [(path, "missing: this field is required")]
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = sorted(exc.extra_fields, key=str)
        return _unknown(path, keys, known_keys(exc.cl), exc.cl.__name__)
    if isinstance(exc, ClassValidationError | IterableValidationError):
        return problems_of(exc, path)
    if isinstance(exc, BaseExceptionGroup):
        # A value's own check that reports every problem at once (a case's log, a policy).
        found: list[Problem] = []
        for sub in exc.exceptions:
            message = str(sub)
            event = _EVENT_PREFIX.match(message)
            if event is not None:
                what = event["what"] or ""
                found.append(
                    (join(join(path, "events"), int(event[1])), what + message[event.end() :])
                )
            else:
                found += _leaf(sub, path)
        return found
    if isinstance(exc, PolicyError):
        return [(_to_field(path, str(exc)), str(exc))]
    if isinstance(exc, ValueError) and "sys.set_int_max_str_digits" in str(exc):
        # An int with more digits than Python converts: say so, not how to lift the limit.
        limit = sys.get_int_max_str_digits()
        return [(path, f"a number is too long to read: at most {limit} digits are allowed")]
    return [(path, f"invalid value: {exc}")]


def problems_of(exc: BaseException, path: str = "") -> list[Problem]:
    """Every problem inside ``exc``, each with the path to the bad value."""
    if isinstance(exc, IterableValidationError):
        with_index, without = exc.group_exceptions()
        found: list[Problem] = []
        for sub, index_note in with_index:
            found += _leaf(sub, join(path, index_note.index))
        for sub in without:
            found += _leaf(sub, path)
        return found
    if isinstance(exc, ClassValidationError):
        with_name, rest = exc.group_exceptions()
        found = []
        for sub, name_note in with_name:
            found += _leaf(sub, join(path, name_note.name))
        for sub in rest:
            found += _leaf(sub, path)
        return found
    return _leaf(exc, path)
