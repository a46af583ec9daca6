"""The command line: the only code that reads argv and writes to stdout and stderr."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

import pendulum

from . import presets
from ._calendars._calendar import BusinessCalendar
from ._errors import PolicyError
from ._policy._catalogue import get_clause
from ._policy._policy import EXPANDIT_POLICY
from ._policy._readings import CHANNEL_CLAUSES, CHANNELS, Channel

PRESETS: dict[str, Callable[[], BusinessCalendar]] = {
    "dk": presets.denmark,
    "dk-xmas": lambda: presets.denmark(christmas_eve=True),
    "de": presets.germany,
    **{
        f"de-{code.lower()}": functools.partial(presets.germany, code)
        for code in presets.GERMAN_STATES
    },
}


class UsageError(Exception):
    """A mistake on the command line: reported in one line, exit status 2."""


def _instant(text: str) -> pendulum.DateTime:
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--at must be an ISO 8601 instant with an offset, e.g. 2026-03-06T15:30:00+01:00, "
            f"got {text!r}"
        ) from None
    if parsed.tzinfo is None:
        raise UsageError(
            f"--at must carry an offset, e.g. 2026-03-06T15:30:00+01:00, got {text!r} (naive)"
        )
    return pendulum.instance(parsed)


def _local(when: pendulum.DateTime) -> str:
    """A due instant in local time; local midnight reads as 24:00 of the day before."""
    if (when.hour, when.minute, when.second, when.microsecond) == (0, 0, 0, 0):
        return when.subtract(days=1).format("ddd YYYY-MM-DD") + " 24:00 " + when.format("Z")
    return when.format("ddd YYYY-MM-DD HH:mm Z")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="expandit-policy",
        description="ExpandIT's service policy: deadlines on business calendars.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    due = sub.add_parser("due", help="the deadlines a request starts, with their due instants")
    due.add_argument("--channel", required=True, choices=CHANNELS, help="where it arrived")
    due.add_argument(
        "--at", required=True, help="when it arrived: ISO 8601 with offset (2026-03-06T15:30+01:00)"
    )
    due.add_argument(
        "--calendar", default="dk", choices=sorted(PRESETS), help="the desk's calendar (dk)"
    )
    due.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def _due(args: argparse.Namespace, out: TextIO) -> None:
    arrived = _instant(args.at)
    calendar = PRESETS[args.calendar]()
    channel: Channel = args.channel
    rows = []
    for clause_id in CHANNEL_CLAUSES[channel]:
        reading = EXPANDIT_POLICY.reading(clause_id)
        due = None if reading.duration is None else calendar.add(arrived, reading.duration)
        rows.append((clause_id, get_clause(clause_id).summary, reading.description, due))
    if args.json:
        payload = {
            "channel": channel,
            "received_at": arrived.isoformat(),
            "calendar": calendar.name,
            "timezone": calendar.timezone,
            "deadlines": [
                {
                    "clause": clause_id,
                    "demands": summary,
                    "due": None if due is None else due.isoformat(),
                    "reading": line,
                }
                for clause_id, summary, line, due in rows
            ],
        }
        out.write(json.dumps(payload, indent=2) + "\n")
        return
    local = arrived.in_timezone(calendar.timezone)
    out.write(
        f"A request on the {channel} channel, received {_local(local)} ({calendar.timezone}), "
        f"on the {calendar.name} calendar:\n"
    )
    for clause_id, summary, line, due in rows:
        when = "unknown" if due is None else _local(due)
        out.write(f"\n  {clause_id:<7} due {when}\n")
        out.write(f"  {'':<7} {summary}\n")
        out.write(f"  {'':<7} reading: {line}\n")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (0 done, 2 a usage error)."""
    stdout = out if out is not None else sys.stdout
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        if args.command == "due":
            _due(args, stdout)
    except (UsageError, PolicyError) as exc:
        sys.stderr.write(f"expandit-policy: error: {exc}\n")
        return 2
    return 0
