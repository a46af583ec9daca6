"""The parser and the entry point: arguments in, exit status out."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

import attrs

from .._errors import PolicyError
from .._interchange._lines import MAX_LINE_BYTES
from .._interchange._presets import PRESETS
from . import _batch, _commands
from ._format import printable
from ._io import MAX_INPUT_SIZE, SafeOutput, Streams, UsageError, input_size, size_text

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors raised as one-line usage errors instead of printed usage."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)", self.prog)


def _preset(name: str) -> str:
    if name not in PRESETS:
        raise argparse.ArgumentTypeError(
            f"unknown preset {name!r}; the presets are {', '.join(PRESETS)}"
        )
    return name


def _size(text: str) -> int:
    try:
        return input_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_policy(parser: argparse.ArgumentParser, calendar_help: str) -> None:
    parser.add_argument(
        "--calendar",
        type=_preset,
        metavar="NAME",
        help=f"{calendar_help}: a preset, dk (Denmark), dk-xmas (closed on 24 December), de "
        f"(Germany) or de-<state> for a German state, e.g. de-by",
    )
    parser.add_argument(
        "--policy",
        metavar="FILE",
        help="a policy as JSON (a Policy document); ExpandIT's policy when not given",
    )
    parser.add_argument(
        "--max-input-size",
        type=_size,
        default=MAX_INPUT_SIZE,
        metavar="SIZE",
        help=f"the largest file (or standard input) to read, in bytes or with K, M or G "
        f"(KiB, MiB, GiB); {size_text(MAX_INPUT_SIZE)} when not given",
    )


def _add_batch(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input-format",
        choices=["json", "jsonl"],
        help="json (a cases document) or jsonl (JSON Lines, read one case at a time); by the "
        "file name's ending when not given (.jsonl and .ndjson are JSON Lines), json for '-'",
    )
    parser.add_argument(
        "--max-line-size",
        type=_size,
        default=MAX_LINE_BYTES,
        metavar="SIZE",
        help=f"the longest line of JSON Lines to read, in bytes or with K, M or G; "
        f"{size_text(MAX_LINE_BYTES)} when not given (--max-input-size does not apply to "
        f"JSON Lines)",
    )
    parser.add_argument(
        "--errors",
        choices=["strict", "collect"],
        default="strict",
        help="strict (the default): a case that cannot be read stops the run; collect: skip "
        f"it, tell it on standard error, and exit with status {_batch.SKIPPED}",
    )
    parser.add_argument(
        "--allow-skipped",
        action="store_true",
        help="with --errors collect, exit with status 0 even when cases were skipped",
    )
    parser.add_argument(
        "--resolution-target",
        action="append",
        type=_resolution_target,
        metavar="ID=DURATION",
        help="MAIL-2's target for the case with this request id, from its licence terms: a "
        "number and bd (business days), bh (business hours), cd (calendar days) or h (clock "
        "hours), e.g. R-1=10bd; repeat for more cases. Ids that name no case read are told on "
        "standard error at the end",
    )


def _resolution_target(text: str) -> tuple[str, object]:
    return _batch.resolution_target(text)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="expandit-policy",
        description="ExpandIT's service policy: deadlines on business calendars, and where "
        "cases stand. Instants are ISO 8601 with an offset; nothing reads the clock, so "
        "assess, agenda and report need --as-of.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    due = sub.add_parser("due", help="the deadlines a request starts, with their due instants")
    due.add_argument("--channel", required=True, choices=list(_commands.CHANNELS), help="where it arrived")  # fmt: skip
    due.add_argument(
        "--at", required=True, help="when it arrived: ISO 8601 with offset (2026-03-06T15:30+01:00)"
    )
    due.add_argument(
        "--kind",
        choices=list(_commands.KINDS),
        help="what it asks for (a question; a quote on sales; a complaint on complaint)",
    )
    due.add_argument("--party", choices=list(_commands.PARTIES), help="who sent it (end-customer)")
    due.add_argument(
        "--fee-earner", action="store_true", help="the caller earns fees by the hour (TEL-3)"
    )
    _add_policy(due, "the desk's calendar (the policy's, Denmark by default)")
    due.add_argument("--json", action="store_true", help="print JSON instead of text")

    cal = sub.add_parser("calendar", help="a calendar's opening hours, holidays and closures")
    cal.add_argument("--year", type=int, help="the year to show, e.g. 2026")
    cal.add_argument("--from", dest="start", metavar="DATE", help="the first day to show")
    cal.add_argument("--to", dest="end", metavar="DATE", help="the last day to show")
    _add_policy(cal, "the calendar to show (dk by default)")
    cal.add_argument("--json", action="store_true", help="print JSON instead of text")

    for name, summary in (
        ("assess", "what is due and what is late across a file of cases"),
        ("agenda", "what needs doing across a file of cases: breaches first, then by due time"),
        ("report", "compliance figures per clause, channel and party for a file of cases"),
    ):
        command = sub.add_parser(name, help=summary)
        command.add_argument(
            "file",
            metavar="FILE",
            help="the cases: a cases document as JSON, or JSON Lines (one case document per "
            "line; a name ending in .jsonl or .ndjson); '-' for standard input",
        )
        command.add_argument(
            "--as-of",
            required=True,
            help="the instant to assess at: ISO 8601 with offset (required: nothing reads the clock)",
        )
        _add_policy(command, "the desk's calendar instead of the policy's")
        _add_batch(command)
        if name == "report":
            command.add_argument(
                "--json", action="store_true", help="print JSON instead of a table"
            )
        else:
            shape = command.add_mutually_exclusive_group()
            shape.add_argument("--json", action="store_true", help="print JSON instead of a table")
            item = "assessment" if name == "assess" else "agenda item"
            shape.add_argument(
                "--json-lines",
                action="store_true",
                help=f"print JSON Lines, one {item} per line, as each case is read",
            )
        if name == "agenda":
            command.add_argument(
                "--needs-action",
                action="store_true",
                help="only what a person must act on: leave out clocks paused while the "
                "customer owes an answer",
            )
    return parser


_COMMANDS: dict[str, Callable[[argparse.Namespace, Streams], int | None]] = {
    "due": _commands.due,
    "calendar": _commands.calendar_command,
    "assess": _batch.assess_command,
    "agenda": _batch.agenda_command,
    "report": _batch.report_command,
}


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    *,
    err: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status (0 done, 2 a usage error or bad input,
    3 done but cases that could not be read were skipped, with ``--errors collect``).

    A usage error or bad input is one line on standard error, never a traceback. Nothing
    written, on either stream, carries a character that would rewrite a terminal: what the
    input files say is shown escaped.
    """
    raw_out = out or sys.stdout
    streams = Streams(SafeOutput(raw_out), err or sys.stderr, stdin or sys.stdin)
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # --help
            return int(exc.code or 0)
        streams = attrs.evolve(
            streams,
            max_input=args.max_input_size,
            max_line=getattr(args, "max_line_size", MAX_LINE_BYTES),
        )
        status = _COMMANDS[args.command](args, streams)
    except UsageError as exc:
        streams.err.write(f"{exc.prog}: error: {_one_line(str(exc))}\n")
        return 2
    except PolicyError as exc:
        streams.err.write(f"expandit-policy: error: {_one_line(str(exc))}\n")
        return 2
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other commands do. Point standard
        # output at nothing, so that the flush at exit does not fail again.
        _point_at_nothing(raw_out)
        return _BROKEN_PIPE
    return status or 0


#: The status of a command whose output was cut off, as a shell reports one ended by SIGPIPE.
_BROKEN_PIPE = 141


def _point_at_nothing(stream: TextIO) -> None:
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # an in-memory stream: nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _one_line(text: str) -> str:
    """A message on one line, with nothing in it that a terminal would act on."""
    return printable(" ".join(text.split()))
