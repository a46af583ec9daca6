"""Lenient loading: the valid cases of a batch, and each refused case with every problem."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from .._domain._case import Case
from .._errors import InvalidDocumentError, InvalidValueError, WrongTypeError
from . import _versions
from ._converter import CONVERTER
from ._problems import Problem, join, problems_of
from ._text import got

__all__ = ["LoadedCases", "RefusedCase", "case_id_of", "load_cases_collecting"]

_MISSING = object()


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


def case_id_of(item: object) -> str | None:
    """The request id that a case's JSON form gives, when it gives one as a string."""
    request = item.get("request") if isinstance(item, Mapping) else None
    case_id = request.get("id") if isinstance(request, Mapping) else None
    return case_id if isinstance(case_id, str) else None


def load_cases_collecting(
    body: dict[str, Any],
    version: int,
    problems: list[Problem],
    progress: Callable[[int, int], object] | None,
) -> LoadedCases:
    """The readable cases of a cases document's ``body`` (its header already read, with the
    header's ``problems``), and every refused case.

    A problem of the document itself (a missing schema or cases list, an unknown top-level
    field) leaves nothing to trust, so it is still raised, as the strict load raises it.
    """
    items = body.pop("cases", _MISSING)
    if not isinstance(items, list | tuple):
        problems.append(
            ("cases", "missing: give the cases as a list")
            if items is _MISSING
            else ("cases", f"must be a list of cases, got {got(items)}")
        )
        items = ()
    for key in body:
        problems.append((join("", key), 'unknown field; a cases document has "schema" and "cases"'))
    if problems:
        raise InvalidDocumentError(problems)
    hook = CONVERTER.get_structure_hook(Case)
    cases: list[Case] = []
    refused: list[RefusedCase] = []
    for k, item in enumerate(items):
        try:
            with _versions.reading(version):
                cases.append(hook(item, Case))
        except Exception as exc:
            found = problems_of(exc, join("cases", k))
            refused.append(RefusedCase(k, case_id_of(item), found))
        if progress is not None:
            progress(k + 1, len(items))
    return LoadedCases(cases, refused)
