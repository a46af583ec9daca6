"""The command line's input and output: files and standard input, arguments, progress, errors."""

from __future__ import annotations

import datetime as _dt
import json
import pathlib
import sys
from typing import Any, TextIO

import attrs
import pendulum

from .._errors import InvalidDocumentError
from .._interchange._documents import from_json_dict, load_cases
from .._interchange._presets import preset
from .._policy._policy import EXPANDIT_POLICY, Policy

__all__ = ["Streams", "UsageError", "instant", "policy_from", "progress", "read_cases", "read_json"]

#: A batch shorter than this is done before progress would be worth showing.
PROGRESS_FROM = 100
#: How many of a document's problems the one line of an error shows.
PROBLEMS_SHOWN = 10


class UsageError(Exception):
    """A mistake on the command line or in its input: reported in one line, exit status 2."""

    def __init__(self, message: str, prog: str = "expandit-policy") -> None:
        super().__init__(message)
        self.prog = prog


@attrs.frozen
class Streams:
    """Where the command line reads and writes: standard output, standard error and input."""

    out: TextIO
    err: TextIO
    stdin: TextIO


def instant(text: str, option: str) -> pendulum.DateTime:
    """The instant an option gives: ISO 8601 with an offset, never a naive time."""
    example = "2026-03-06T15:30:00+01:00"
    try:
        parsed = _dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option} must be an ISO 8601 instant with an offset, e.g. {example}, got {text!r}"
        ) from None
    if parsed.tzinfo is None:
        raise UsageError(f"{option} must carry an offset, e.g. {example}, got {text!r} (naive)")
    return pendulum.instance(parsed)


def _source_name(path: str) -> str:
    return "standard input" if path == "-" else repr(path)


def read_json(path: str, streams: Streams) -> Any:
    """The JSON value in file ``path`` ('-' for standard input)."""
    name = _source_name(path)
    try:
        text = streams.stdin.read() if path == "-" else pathlib.Path(path).read_text("utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"cannot read {name}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"cannot read {name}: it is a directory, not a file") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read {name}: it is not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None
    # Standard input may start with a byte order mark too (a file read with ``utf-8-sig`` does not).
    text = text.removeprefix("\ufeff")
    repeated: list[_Repeated] = []

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = _object(pairs)
        if isinstance(obj, _Repeated):
            repeated.append(obj)
        return obj

    try:
        data = json.loads(text, object_pairs_hook=unique)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise UsageError(f"{name} is nested too deeply to read as JSON") from None
    except ValueError as exc:
        # The only other ValueError json raises: an integer with more digits than Python will
        # convert (sys.get_int_max_str_digits()).
        if "digits" not in str(exc):
            raise UsageError(f"{name} is not valid JSON: {exc}") from None
        limit = sys.get_int_max_str_digits()
        raise UsageError(
            f"{name} holds a number too long to read: a number may have at most {limit} digits"
        ) from None
    if repeated:
        where, key = _first_duplicate(data)
        raise UsageError(
            f"{name} gives the key {key!r} twice in the object at {where or 'the top'}; "
            f"give each key once (JSON readers differ on which one they keep)"
        )
    return data


class _Repeated(dict[str, Any]):
    """An object of a JSON document that gives a key twice (the first such key)."""

    def __init__(self, pairs: list[tuple[str, Any]], key: str) -> None:
        super().__init__(pairs)
        self.key = key


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object of a JSON document; marked when it gives a key twice, since ``json`` would keep
    the last value silently and lose the others."""
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return _Repeated(pairs, key)
        seen.add(key)
    raise AssertionError("unreachable: a key repeats")  # pragma: no cover


def _first_duplicate(data: Any) -> tuple[str, str]:
    """Where a JSON document first gives a key twice, as the path to the object and the key."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, _Repeated):
            return where, value.key
        if isinstance(value, dict):
            children = [(f"{where}.{k}" if where else k, v) for k, v in value.items()]
        elif isinstance(value, list):
            children = [(f"{where}[{k}]", v) for k, v in enumerate(value)]
        else:
            continue
        stack.extend(reversed(children))
    raise AssertionError("unreachable: an object repeats a key")  # pragma: no cover


def document_error(path: str, error: InvalidDocumentError) -> UsageError:
    """One line for a document's problems: the first few with their paths, and how many more."""
    problems = error.problems
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    shown = "; ".join(f"{p or 'document'}: {m}" for p, m in problems[:PROBLEMS_SHOWN])
    more = len(problems) - PROBLEMS_SHOWN
    tail = f"; and {more} more" if more > 0 else ""
    return UsageError(f"{_source_name(path)} has {count}: {shown}{tail}")


def progress(streams: Streams, label: str) -> Any:
    """A callback ``(done, total)`` that shows progress on standard error when it is a terminal
    and the batch is long; otherwise it does nothing."""
    isatty = getattr(streams.err, "isatty", None)
    if not (callable(isatty) and isatty()):
        return None
    width = 0

    def show(done: int, total: int) -> None:
        nonlocal width
        if total < PROGRESS_FROM:
            return
        if done != total and done % max(1, total // 100):
            return
        text = f"{label} {done}/{total} ({100 * done // total}%)"
        width = max(width, len(text))
        # Overwrite the line in place; clear it when done, so that only the result remains.
        streams.err.write("\r" + (text if done != total else " " * width + "\r"))
        streams.err.flush()

    return show


def read_cases(path: str, streams: Streams) -> tuple[Any, ...]:
    """The cases of the document in ``path`` ('-' for standard input)."""
    data = read_json(path, streams)
    try:
        return load_cases(data, progress=progress(streams, "reading cases"))
    except InvalidDocumentError as exc:
        raise document_error(path, exc) from None


def policy_from(path: str | None, calendar: str | None, streams: Streams) -> Policy:
    """The policy to apply: ExpandIT's, or the one in file ``path``; on the preset ``calendar``
    when one is named, else on the policy's own calendar."""
    policy = EXPANDIT_POLICY
    if path is not None:
        try:
            policy = from_json_dict(Policy, read_json(path, streams))
        except InvalidDocumentError as exc:
            raise document_error(path, exc) from None
    if calendar is not None:
        policy = attrs.evolve(policy, calendar=preset(calendar))
    return policy
