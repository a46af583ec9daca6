"""Lenient loading: the valid cases of a batch, and each refused case with every problem."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .. import _checks
from .._domain._case import Case
from .._errors import InvalidDocumentError, PolicyError
from . import _versions
from ._converter import CONVERTER
from ._problems import Problem, join, problems_of
from ._refused import LoadedCases, RefusedCase
from ._text import got

__all__ = ["case_id_of", "cases_in", "load_cases_collecting", "unknown_fields"]

_MISSING = object()


def case_id_of(item: object) -> str | None:
    """The request id that a case's JSON form gives, when it gives one that is an id (text
    without control characters or lone surrogates: a refused case may be refused for its id)."""
    request = item.get("request") if isinstance(item, Mapping) else None
    case_id = request.get("id") if isinstance(request, Mapping) else None
    if not isinstance(case_id, str):
        return None
    try:
        return _checks.check_identifier(case_id, "request.id")
    except PolicyError:
        return None


def cases_in(body: dict[str, Any], problems: list[Problem]) -> list[Any] | tuple[Any, ...]:
    """The list of cases that a cases document's ``body`` holds, taken out of it; none, with a
    problem, when it is missing or not a list."""
    items = body.pop("cases", _MISSING)
    if isinstance(items, list | tuple):
        return items
    problems.append(
        ("cases", "missing: give the cases as a list")
        if items is _MISSING
        else ("cases", f"must be a list of cases, got {got(items)}")
    )
    return ()


def unknown_fields(body: dict[str, Any], problems: list[Problem]) -> None:
    """A problem for each field left in a cases document's ``body`` once its cases are out."""
    for key in body:
        problems.append((join("", key), 'unknown field; a cases document has "schema" and "cases"'))


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
    items = cases_in(body, problems)
    unknown_fields(body, problems)
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
