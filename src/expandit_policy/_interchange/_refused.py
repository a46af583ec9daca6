"""The values of a lenient load: the cases read, and each case refused with its problems.

Kept apart from the loading itself (``_lenient``) so that the converter can give them a JSON
form without importing itself back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from .. import _checks
from .._domain._case import Case
from .._errors import InvalidValueError, WrongTypeError
from ._text import got

__all__ = ["LoadedCases", "RefusedCase"]


def _problems(value: object) -> tuple[tuple[str, str], ...]:
    """``value`` as a tuple of ``(path, message)`` pairs of text, refused unless it is one."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongTypeError(
            f"RefusedCase.problems must be (path, message) pairs of text, got {got(value)}"
        )
    pairs = tuple(value)
    for pair in pairs:
        if not (
            isinstance(pair, tuple)
            and len(pair) == 2
            and all(isinstance(part, str) for part in pair)
        ):
            raise WrongTypeError(
                f"RefusedCase.problems must be (path, message) pairs of text, got {got(pair)} "
                f"among them"
            )
    if not pairs:
        raise InvalidValueError(
            "RefusedCase.problems must hold at least one (path, message) problem, got none"
        )
    return pairs


def _position(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidValueError(
            f"RefusedCase.position must be a whole number from 0, got {got(value)}"
        )


def _case_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise WrongTypeError(f"RefusedCase.case_id must be a str or None, got {got(value)}")
    _checks.identifier_or_none(instance, attribute, value)


def _all_of(value: object, kind: type, field: str) -> tuple[Any, ...]:
    """``value`` as a tuple, refused unless it is an iterable of ``kind``."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise WrongTypeError(f"{field} must be an iterable of {kind.__name__}, got {got(value)}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, kind):
            raise WrongTypeError(f"{field} must hold {kind.__name__} values, got {got(item)}")
    return items


def _cases(value: object) -> tuple[Case, ...]:
    return _all_of(value, Case, "LoadedCases.cases")


def _refused(value: object) -> tuple[RefusedCase, ...]:
    return _all_of(value, RefusedCase, "LoadedCases.refused")


@attrs.frozen
class RefusedCase:
    """A case of a batch that could not be read, with every problem found in it.

    ``position`` says where it was: in a cases document (:func:`load_cases`), its 0-based
    index in the document's ``"cases"`` list; in JSON Lines (:func:`iter_cases`), the 1-based
    number of its line. ``case_id`` is the request's id when the case gives one as a string,
    else None. ``problems`` are ``(path, message)`` pairs as :class:`InvalidDocumentError`
    gives them: from the document's top (``cases[3].request.id``) in a cases document, from the
    line's own document (``request.id``) in JSON Lines.

    >>> refused = RefusedCase(3, "R-4", [("cases[3].request.channel", "missing: this field is required")])
    >>> refused.position, refused.case_id, refused.problems[0][0]
    (3, 'R-4', 'cases[3].request.channel')
    """

    position: int = attrs.field(validator=_position)
    """Where the case was: a 0-based index in a document's case list, or a 1-based line number
    in JSON Lines."""
    case_id: str | None = attrs.field(validator=_case_id)
    """The request's id when the case gives one as a string; None otherwise."""
    problems: tuple[tuple[str, str], ...] = attrs.field(converter=_problems)
    """Every problem of the case, as ``(path, message)`` pairs in document order."""


@attrs.frozen
class LoadedCases:
    """What a lenient load gives: the cases that could be read, in order, and the ones refused.

    >>> loaded = LoadedCases((), [RefusedCase(0, None, [("cases[0]", "must be an object")])])
    >>> len(loaded.cases), [r.position for r in loaded.refused]
    (0, [0])
    """

    cases: tuple[Case, ...] = attrs.field(converter=_cases)
    """The cases read, in the order of the batch."""
    refused: tuple[RefusedCase, ...] = attrs.field(converter=_refused)
    """The cases that could not be read, in the order of the batch."""
