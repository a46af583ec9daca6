"""JSON Lines: one document per line, read and written one line at a time.

The core does no I/O: it reads from any iterable of lines (an open file, ``text.split("\\n")``,
a generator of chunks from a queue) and yields lines for the caller to write. Nothing is read
before it is asked for, so a batch of any length runs in the memory of one case.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Literal, overload

from .. import _checks
from .._domain._case import Case
from .._errors import InvalidDocumentError, WrongTypeError
from ._documents import from_json_dict, to_json_dict
from ._lenient import case_id_of
from ._problems import Problem
from ._refused import RefusedCase
from ._text import MAX_LINE_BYTES, got, parse_line

__all__ = ["MAX_LINE_BYTES", "iter_cases", "to_json_lines"]


class _LineError(Exception):
    """A line that is not one JSON document; the message says what is wrong with it."""


def _text_of(line: str | bytes, number: int, limit: int) -> str:
    """The text of one line, checked against the limit and decoded, its line break dropped."""
    if isinstance(line, bytes | bytearray):
        line = bytes(line).rstrip(b"\r\n")  # the limit is on the line, not its line break
        size = len(line)
        if size > limit:
            raise _LineError(_too_long(limit))
        try:
            text = bytes(line).decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise _LineError(f"is not UTF-8 text ({exc.reason})") from None
    elif isinstance(line, str):
        line = line.rstrip("\r\n")
        # Each character takes one to four bytes of UTF-8: count them only when it matters.
        if len(line) > limit or (
            4 * len(line) > limit and len(line.encode("utf-8", "surrogatepass")) > limit
        ):
            raise _LineError(_too_long(limit))
        text = line.removeprefix("\ufeff") if number == 1 else line
    else:
        raise WrongTypeError(f"each line must be a str or bytes, got {got(line)} at line {number}")
    return text


def _too_long(limit: int) -> str:
    return (
        f"is longer than the limit of {limit} bytes for one line; split the case's log, or "
        f"raise the limit (max_line_bytes, or --max-line-size on the command line)"
    )


def _where(number: int, path: str) -> str:
    return f"line {number}" + (f", {path}" if path else "")


@overload
def iter_cases(
    lines: Iterable[str | bytes],
    *,
    errors: Literal["strict"] = "strict",
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[Case]: ...
@overload
def iter_cases(
    lines: Iterable[str | bytes],
    *,
    errors: Literal["collect"],
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[Case | RefusedCase]: ...
def iter_cases(
    lines: Iterable[str | bytes],
    *,
    errors: Literal["strict", "collect"] = "strict",
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[Case | RefusedCase]:
    """The cases of JSON Lines, one case document (as :func:`to_json_dict` or
    :func:`to_json_lines` writes it) per line, read lazily: each line is read when the case
    before it has been taken, so a file of any length is read in the memory of one line.

    ``lines`` is any iterable of ``str`` or ``bytes`` lines (UTF-8), such as an open file;
    a trailing line break is dropped and a blank line is skipped. A line longer than
    ``max_line_bytes`` bytes of UTF-8, not counting its line break, is refused unread.

    Strict by default: the first line that is not a valid case raises an
    :class:`InvalidDocumentError` whose paths start with the line number (``line 3,
    request.id``). With ``errors="collect"``, such a line is yielded as a
    :class:`RefusedCase` in its place (its ``position`` the 1-based line number, its paths
    within the line's document) and reading goes on.

    >>> import pendulum
    >>> from expandit_policy import Case, Channel, Contact, EndCustomer, Request, RequestKind
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> case = Case(Request("R-1", Channel.PHONE, RequestKind.QUESTION, t, ada,
    ...                     EndCustomer("Acme", [ada])))
    >>> lines = [*to_json_lines([case]), '{"schema": "expandit_policy/2", "request": {}}']
    >>> [type(x).__name__ for x in iter_cases(lines, errors="collect")]
    ['Case', 'RefusedCase']
    >>> next(iter_cases(["[1, 2"]))
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidDocumentError: the document has 1 problem: line 1: is not valid JSON: Expecting ',' delimiter at column 6
    """
    if isinstance(lines, str | bytes | bytearray):
        raise WrongTypeError(
            f"lines must be an iterable of lines (an open file, or text.split('\\n')), got "
            f"{got(lines)}, one whole text"
        )
    lines = _checks.each(lines, "lines")
    if errors not in ("strict", "collect"):
        raise WrongTypeError(f"errors must be 'strict' or 'collect', got {errors!r}")
    if (
        not isinstance(max_line_bytes, int)
        or isinstance(max_line_bytes, bool)
        or max_line_bytes < 1
    ):
        raise WrongTypeError(f"max_line_bytes must be a whole number above 0, got {got(max_line_bytes)}")  # fmt: skip
    return _cases(lines, errors == "collect", max_line_bytes)


def _cases(lines: Iterable[str | bytes], collect: bool, limit: int) -> Iterator[Case | RefusedCase]:
    for number, line in enumerate(lines, start=1):
        data: object = None
        problems: list[Problem] = []
        try:
            text = _text_of(line, number, limit)
            if not text.strip():
                continue
            data = parse_line(text, max_bytes=limit)
            case = from_json_dict(Case, data)
        except _LineError as exc:
            problems = [("", str(exc))]
        except InvalidDocumentError as exc:
            problems = list(exc.problems)
        if not problems:
            yield case
            continue
        if not collect:
            raise InvalidDocumentError([(_where(number, p), m) for p, m in problems])
        yield RefusedCase(number, case_id_of(data), problems)


def to_json_lines(values: Iterable[object]) -> Iterator[str]:
    """One line of JSON per value, each ending in a line break: the document
    :func:`to_json_dict` makes of it, on one line, with every character beyond ASCII escaped so
    that no reader splits a line where it should not. Cases, assessments, agenda items and
    report rows alike; the lines are made as they are asked for.

    >>> from expandit_policy import BusinessHours
    >>> list(to_json_lines([BusinessHours(2)]))
    ['{"schema":"expandit_policy/2","type":"BusinessHours","hours":2}\\n']
    """
    if isinstance(values, str | bytes | bytearray):
        raise WrongTypeError(f"values must be an iterable of the library's values, got {got(values)}")  # fmt: skip
    given = _checks.each(values, "values")
    return (json.dumps(to_json_dict(v), separators=(",", ":")) + "\n" for v in given)
