"""The command line's input and output: files and standard input, arguments, progress, errors."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any, Protocol, TextIO

import attrs
import pendulum

from .._errors import InvalidDocumentError
from .._interchange._documents import from_json_dict, load_cases
from .._interchange._presets import preset
from .._interchange._text import MAX_LINE_BYTES, BadValueError, parse_instant, parse_json
from .._policy._policy import EXPANDIT_POLICY, Policy
from ._format import UNSAFE

__all__ = [
    "MAX_INPUT_SIZE",
    "Output",
    "SafeOutput",
    "Streams",
    "UsageError",
    "input_size",
    "instant",
    "policy_from",
    "progress",
    "read_cases",
    "read_json",
    "read_lines",
    "size_text",
]

#: A batch shorter than this is done before progress would be worth showing.
PROGRESS_FROM = 100
#: How many of a document's problems the one line of an error shows.
PROBLEMS_SHOWN = 10
#: The largest input file (or standard input) read by default, in bytes: 64 MiB, some hundred
#: thousand cases, which Python holds in well under a gigabyte; --max-input-size changes it.
#: Reading stops one byte past it, so an endless input (/dev/zero) is refused, not exhausted.
MAX_INPUT_SIZE = 64 * 1024**2

_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_SIZE = re.compile(r"\s*(\d{1,15})\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE | re.ASCII)


def input_size(text: str) -> int:
    """A size in bytes as --max-input-size gives it: a number of bytes, or of KiB, MiB or GiB
    with the suffix K, M or G.

    >>> input_size("64M"), input_size("1024"), input_size("2GiB")
    (67108864, 1024, 2147483648)
    """
    match = _SIZE.fullmatch(text)
    if match is None or int(match[1]) == 0:
        raise ValueError(
            f"a size must be a positive number of bytes, or of K, M or G, got {text!r}"
        )
    return int(match[1]) * _UNITS[match[2].lower()]


def size_text(size: int) -> str:
    """A size as messages give it: '64 MiB', or bytes when it is not a whole number of KiB.

    >>> size_text(64 * 1024**2), size_text(1000)
    ('64 MiB', '1000 bytes')
    """
    for unit, name in ((1024**3, "GiB"), (1024**2, "MiB"), (1024, "KiB")):
        if size >= unit and size % unit == 0:
            return f"{size // unit} {name}"
    return f"{size} byte{'s' if size != 1 else ''}"


class Output(Protocol):
    """Where a command writes its answer."""

    def write(self, text: str, /) -> int:
        """Write ``text``; return how many characters were written."""
        ...  # pragma: no cover

    def flush(self) -> None:
        """Write out what is buffered."""
        ...  # pragma: no cover


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class SafeOutput:
    r"""Standard output that never carries a character that would move, restyle or break a
    terminal (``_format.UNSAFE``), nor a lone surrogate, which would stop the output with an
    encoding error: each is written as a JSON escape (``\u001b``), which reads back as the same
    character in JSON output and shows what it is in text. Line breaks and tabs pass.

    >>> import io
    >>> out = io.StringIO()
    >>> _ = SafeOutput(out).write('{"id": "R-\ud800\x9b"}\n')
    >>> print(out.getvalue(), end="")
    {"id": "R-\ud800\u009b"}
    """

    def __init__(self, stream: Output) -> None:
        self.stream = stream

    def write(self, text: str, /) -> int:
        """Write ``text`` with its unsafe characters escaped."""
        return self.stream.write(_UNSAFE_OUT.sub(_json_escape, text))

    def flush(self) -> None:
        """Flush the stream underneath."""
        self.stream.flush()


#: What SafeOutput escapes: the unsafe characters but the line break and the tab, which the
#: commands write themselves.
_UNSAFE_OUT = re.compile(rf"(?![\n\t]){UNSAFE.pattern}")


class UsageError(Exception):
    """A mistake on the command line or in its input: reported in one line, exit status 2."""

    def __init__(self, message: str, prog: str = "expandit-policy") -> None:
        super().__init__(message)
        self.prog = prog


@attrs.frozen
class Streams:
    """Where the command line reads and writes: standard output, standard error and input."""

    out: Output
    err: TextIO
    stdin: TextIO
    max_input: int = MAX_INPUT_SIZE
    """The most bytes a command reads from one file or from standard input."""
    max_line: int = MAX_LINE_BYTES
    """The most bytes a command reads of one line of JSON Lines."""


def instant(text: str, option: str) -> pendulum.DateTime:
    """The instant an option gives: ISO 8601 with an offset, never a naive time."""
    try:
        parsed = parse_instant(text)  # the interchange's reader: one reading of an instant
    except BadValueError as exc:
        raise UsageError(f"{option} {exc}") from None
    return pendulum.instance(parsed)


def _source_name(path: str) -> str:
    return "standard input" if path == "-" else repr(path)


def _read_bounded(path: str, streams: Streams) -> str:
    """The text of file ``path`` ('-' for standard input), reading at most one byte past the
    limit, so that no input, however large or endless, is read whole before it is refused."""
    limit = streams.max_input
    if path == "-":
        buffer = getattr(streams.stdin, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read(limit + 1)
        else:  # a stream of text only (a test's): its characters, then their size in UTF-8
            text: str = streams.stdin.read(limit + 1)
            if len(text) > limit or len(text.encode("utf-8", "surrogatepass")) > limit:
                raise _too_large(path, limit)
            return text.removeprefix("\ufeff")
    else:
        with open(path, "rb") as file:
            data = file.read(limit + 1)
    if len(data) > limit:
        raise _too_large(path, limit)
    # A byte order mark may start a file or standard input: utf-8-sig drops it.
    return data.decode("utf-8-sig")


def _too_large(path: str, limit: int) -> UsageError:
    return UsageError(
        f"{_source_name(path)} is larger than the input limit of {size_text(limit)}; give "
        f"--max-input-size with a larger size to read it, e.g. --max-input-size "
        f"{max(2 * limit // 1024**2, 1)}M"
    )


@contextlib.contextmanager
def _reading(name: str) -> Iterator[None]:
    """Reading a file or standard input, its failures told in one line each."""
    try:
        yield
    except FileNotFoundError:
        raise UsageError(f"cannot read {name}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"cannot read {name}: it is a directory, not a file") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read {name}: it is not UTF-8 text ({exc.reason})") from None
    except UnicodeEncodeError:  # a lone surrogate that no file name on this system can hold
        raise UsageError(f"cannot read {name}: no file can have this name") from None
    except ValueError:  # open() refuses a NUL byte in a path
        raise UsageError(f"cannot read {name}: a file name cannot contain a NUL byte") from None
    except OSError as exc:
        raise UsageError(f"cannot read {name}: {exc.strerror or exc}") from None


#: How much of an over-long line is read at a time while it is skipped.
_SKIP_CHUNK = 64 * 1024


def read_lines(path: str, streams: Streams) -> Iterator[bytes | str]:
    """The lines of file ``path`` ('-' for standard input), one at a time as they are asked
    for. A line longer than ``streams.max_line`` bytes is given cut one byte past the limit (so
    that the reader refuses it as too long), and only when the next line is asked for is the
    rest of it skipped unread: memory holds one line however long the input or any of its
    lines. A line that runs on past ``streams.max_input`` bytes (an endless input such as
    /dev/zero) stops the reading: nothing after it can be trusted to be a line."""
    name = _source_name(path)
    limit = streams.max_line
    with _reading(name), contextlib.ExitStack() as stack:
        source: Any
        if path == "-":
            source = getattr(streams.stdin, "buffer", None) or streams.stdin
        else:
            source = stack.enter_context(open(path, "rb"))
        while True:
            line = source.readline(limit + 1)
            if not line:
                return
            yield line
            end = b"\n" if isinstance(line, bytes) else "\n"
            if len(line) <= limit or line.endswith(end):
                continue
            skipped = len(line)
            while not line.endswith(end):
                line = source.readline(_SKIP_CHUNK)
                if not line:
                    return
                skipped += len(line)
                if skipped > streams.max_input:
                    raise UsageError(
                        f"{name} has a line longer than {size_text(streams.max_input)}, the "
                        f"input limit, and stopped being read there; is it JSON Lines?"
                    )


def read_json(path: str, streams: Streams) -> Any:
    """The JSON value in file ``path`` ('-' for standard input), of at most
    ``streams.max_input`` bytes."""
    name = _source_name(path)
    with _reading(name):
        text = _read_bounded(path, streams)
    try:
        return parse_json(text, max_bytes=streams.max_input)
    except InvalidDocumentError as exc:
        # The interchange's one reader: its limits and words. A problem of the whole text
        # reads as a sentence about the file, one at a value as a document's problems do.
        if len(exc.problems) == 1 and not exc.problems[0][0]:
            raise UsageError(f"{name} {exc.problems[0][1]}") from None
        raise document_error(path, exc) from None


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
