"""Documents: the library's values as JSON-ready dicts with a schema version, and back."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Literal, TypeVar, overload

from .._domain._case import Case
from .._errors import InvalidDocumentError, WrongTypeError
from . import _versions
from ._converter import CONVERTER, unions, value_types
from ._lenient import cases_in, load_cases_collecting, unknown_fields
from ._problems import Problem, join, problems_of
from ._refused import LoadedCases
from ._text import depth_problem, got

__all__ = [
    "SCHEMA_VERSION",
    "dump_cases",
    "from_json_dict",
    "load_cases",
    "to_json_dict",
    "unstructure",
]

#: The most problems a strict :func:`load_cases` collects before it stops reading: a document of
#: a million broken cases is refused after its first problems, not after reading them all.
MAX_PROBLEMS = 1000

T = TypeVar("T")

SCHEMA_VERSION = _versions.WRITTEN
"""The version of the document format this library writes. It reads this one and every older
one (``expandit_policy/1``); in an older document, each field added since takes a documented
value (docs/interchange.md)."""


def _type_names() -> str:
    return ", ".join(t.__name__ for t in value_types())


def _check_type(value: object) -> type:
    kind = type(value)
    if kind not in value_types():
        raise WrongTypeError(
            f"value must be one of the library's value types ({_type_names()}), got {got(value)}"
        )
    return kind


def unstructure(value: object) -> dict[str, Any]:
    """``value``'s JSON form without the document's header (for documents that embed values)."""
    kind = _check_type(value)
    body: dict[str, Any] = CONVERTER.unstructure(value, kind)
    return body


def to_json_dict(value: object) -> dict[str, Any]:
    """``value`` (a case, a policy, an assessment, a calendar, ...) as a JSON-ready dict: a
    document that names its schema and its type, then the value's fields.

    Instants are ISO 8601 with their offset, dates ISO 8601, spans of time ISO 8601 durations,
    money and exact numbers strings; events, parties, durations and calendars in a union carry a
    ``"type"``, and a calendar equal to a preset is written as the preset's name ("dk").

    >>> import json, pendulum
    >>> from expandit_policy import Closed
    >>> print(json.dumps(to_json_dict(Closed(pendulum.datetime(2026, 3, 6, 16, tz="Europe/Copenhagen")))))
    {"schema": "expandit_policy/2", "type": "Closed", "at": "2026-03-06T16:00:00+01:00", "reason": null}
    """
    kind = _check_type(value)
    return {"schema": SCHEMA_VERSION, "type": kind.__name__, **CONVERTER.unstructure(value, kind)}


_READS = " and ".join(repr(s) for s in _versions.SCHEMAS)


def _header(data: object, problems: list[Problem]) -> tuple[dict[str, Any], int]:
    """The document's body and its schema's version, after checking that it is an object of a
    schema this library reads."""
    if not isinstance(data, Mapping):
        raise InvalidDocumentError(
            [("", f'must be a JSON object with "schema": "{SCHEMA_VERSION}", got {got(data)}')]
        )
    body = dict(data)
    if "schema" not in body:
        problems.append(("schema", f'missing: add "schema": "{SCHEMA_VERSION}" to the document'))
        return body, _versions.CURRENT
    schema = body.pop("schema")
    version = _versions.SCHEMAS.get(schema) if isinstance(schema, str) else None
    if version is None:
        raise InvalidDocumentError(
            [
                (
                    "schema",
                    f"this library reads {_READS} documents, got {got(schema)}; write the "
                    f"document in one of those formats or use a library that reads its version",
                )
            ]
        )
    return body, version


@overload
def from_json_dict(kind: type[T], data: object) -> T: ...
@overload
def from_json_dict(kind: object, data: object) -> Any: ...
def from_json_dict(kind: object, data: object) -> Any:
    """The value of type ``kind`` that the document ``data`` holds (as :func:`to_json_dict`
    writes it). ``kind`` is one of the library's value types, or one of the unions ``CaseEvent``,
    ``Party``, ``Duration`` and ``Calendar`` (then ``"type"`` says which member it is).

    Loading is strict: an unknown field, a value of the wrong JSON type, an instant without an
    offset or a missing field is refused with an :class:`InvalidDocumentError` that lists every
    problem with its path. The input is not changed. A document of the older schema
    ``expandit_policy/1`` is read too: each field added since takes the value that
    docs/interchange.md lists (``Closed.reason`` is None).

    >>> from expandit_policy import BusinessHours, Closed, Duration
    >>> from_json_dict(BusinessHours, {"schema": "expandit_policy/2", "hours": 2})
    BusinessHours(hours=2)
    >>> from_json_dict(Duration, {"schema": "expandit_policy/2", "type": "CalendarDays", "days": 14})
    CalendarDays(days=14)
    >>> from_json_dict(Closed, {"schema": "expandit_policy/1", "at": "2026-03-06T16:00:00+01:00"})
    Closed(at=datetime.datetime(2026, 3, 6, 16, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600))), reason=None)
    >>> from_json_dict(BusinessHours, {"schema": "expandit_policy/2", "hours": "two"})
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidDocumentError: the document has 1 problem: hours: must be a number of hours: a number such as 2 or 1.5, or a string such as '1.5' or '3/2' for an exact amount, got 'two' (string)
    """
    union = next((u for u in unions().values() if u == kind), None)
    if union is None and kind not in value_types():
        raise WrongTypeError(
            f"kind must be one of the library's value types ({_type_names()}) or one of "
            f"{', '.join(unions())}, got {kind!r}"
        )
    deep = depth_problem(data)
    if deep is not None:
        raise InvalidDocumentError([deep])
    problems: list[Problem] = []
    body, version = _header(data, problems)
    if union is None:
        assert isinstance(kind, type)
        tag = body.pop("type", kind.__name__)
        if tag != kind.__name__:
            raise InvalidDocumentError(
                [("type", f"the document holds a {got(tag)}, not a {kind.__name__}")]
            )
    try:
        with _versions.reading(version):
            value: Any = CONVERTER.structure(body, kind)  # type: ignore[arg-type]
    except Exception as exc:
        problems += problems_of(exc)
    if problems:
        raise InvalidDocumentError(problems)
    return value


def dump_cases(cases: Iterable[Case]) -> dict[str, Any]:
    """A batch of cases as one JSON-ready document, ``{"schema": ..., "cases": [...]}``: the
    form the command line's ``assess`` and ``report`` read.

    >>> import pendulum
    >>> from expandit_policy import Case, Channel, Contact, EndCustomer, Request, RequestKind
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> case = Case(Request("R-1", Channel.PHONE, RequestKind.QUESTION,
    ...                     pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen"), ada,
    ...                     EndCustomer("Acme", [ada])))
    >>> document = dump_cases([case])
    >>> document["cases"][0]["request"]["party"]["type"], load_cases(document) == (case,)
    ('EndCustomer', True)
    """
    out = []
    for k, case in enumerate(cases):
        if not isinstance(case, Case):
            raise WrongTypeError(f"cases[{k}] must be a Case, got {got(case)}")
        out.append(CONVERTER.unstructure(case, Case))
    return {"schema": SCHEMA_VERSION, "cases": out}


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a batch is read, and running again after, if it ran
    before. The values read hold no cycles, so it would find nothing to free in them, yet it
    would walk the document and the cases already read again and again: about a third of the
    time of a batch just parsed from JSON text. Reference counting frees all the same."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@overload
def load_cases(
    data: object,
    *,
    progress: Callable[[int, int], object] | None = None,
    errors: Literal["strict"] = "strict",
) -> tuple[Case, ...]: ...
@overload
def load_cases(
    data: object,
    *,
    progress: Callable[[int, int], object] | None = None,
    errors: Literal["collect"],
) -> LoadedCases: ...
def load_cases(
    data: object,
    *,
    progress: Callable[[int, int], object] | None = None,
    errors: Literal["strict", "collect"] = "strict",
) -> tuple[Case, ...] | LoadedCases:
    """The cases of a document written by :func:`dump_cases` (or by hand in its format).

    Every problem of every case is reported at once, with its path, in one
    :class:`InvalidDocumentError` (up to ``MAX_PROBLEMS``, 1,000: past them the reading stops and
    says where). ``progress``, when given, is called as ``progress(done,
    total)`` after each case (a command line shows it; the library itself prints nothing).

    With ``errors="collect"``, a case that cannot be read does not stop the batch: the result
    is a :class:`LoadedCases` with the cases read and, for each case refused, a
    :class:`RefusedCase` with its 0-based position in ``"cases"``, its id when readable and every
    problem with its path. A problem of the document itself (no schema, no list of cases, an
    unknown top-level field) is still raised.

    >>> import pendulum
    >>> from expandit_policy import Case, Channel, Contact, EndCustomer, Request, RequestKind
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> document = dump_cases([Case(Request(f"R-{n}", Channel.PHONE, RequestKind.QUESTION, t,
    ...                                     ada, EndCustomer("Acme", [ada]))) for n in (1, 2)])
    >>> document["cases"][1]["request"]["received_at"] = "Monday"
    >>> loaded = load_cases(document, errors="collect")
    >>> [c.request.id for c in loaded.cases]
    ['R-1']
    >>> [(r.position, r.case_id, r.problems[0][0]) for r in loaded.refused]
    [(1, 'R-2', 'cases[1].request.received_at')]

    >>> load_cases({"schema": "expandit_policy/2", "cases": [{"request": {}, "events": "none"}]})
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidDocumentError: the document has 7 problems: cases[0].request.id: missing: this field is required; ... cases[0].events: must be a list, got 'none' (string)
    """
    if errors not in ("strict", "collect"):
        raise WrongTypeError(f"errors must be 'strict' or 'collect', got {errors!r}")
    if progress is not None and not callable(progress):
        raise WrongTypeError(f"progress must be a function (done, total) or None, got {got(progress)}")  # fmt: skip
    problems: list[Problem] = []
    body, version = _header(data, problems)
    if errors == "collect":
        return load_cases_collecting(body, version, problems, progress)
    cases: list[Case] = []
    items = cases_in(body, problems)
    hook = CONVERTER.get_structure_hook(Case)
    with _versions.reading(version), _collector_paused():
        for k, item in enumerate(items):
            try:
                cases.append(hook(item, Case))
            except Exception as exc:
                # A case nests a few levels deep, so one nested past the limit is never read;
                # only then is it worth walking it, to report the nesting at its path.
                deep = depth_problem(item, join("cases", k), level=3)
                problems += [deep] if deep is not None else problems_of(exc, join("cases", k))
            if progress is not None:
                progress(k + 1, len(items))
            if len(problems) >= MAX_PROBLEMS and k + 1 < len(items):
                # A hostile document can hold millions of problems: report the first ones.
                problems.append(
                    ("cases", f"reading stopped after {len(problems)} problems in the first "
                     f"{k + 1} of {len(items)} cases; mend these and read it again")
                )  # fmt: skip
                break
    unknown_fields(body, problems)
    if problems:
        raise InvalidDocumentError(problems)
    return tuple(cases)
