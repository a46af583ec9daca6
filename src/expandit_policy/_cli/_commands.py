"""The commands on one request or calendar: due, calendar. Each reads its arguments and writes
its answer (assess, agenda and report, over a batch of cases, are in ``_batch``)."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
from typing import Any

import pendulum

from .._calendars._calendar import BusinessCalendar, Calendar
from .._calendars._hours import WEEKDAYS
from .._domain._case import Case
from .._domain._parties import Contact, EndCustomer, Partner, Reseller
from .._domain._requests import COMPLAINT_KINDS, Channel, Request, RequestKind
from .._engine import MAX_YEAR, MIN_YEAR
from .._evaluation._assess import assess
from .._evaluation._results import ClauseState
from .._interchange._documents import SCHEMA_VERSION, unstructure
from .._interchange._presets import preset
from .._policy._cadences import cadence_for
from .._policy._catalogue import ClauseKind, get_clause
from .._policy._policy import Policy
from .._policy._registry import CLAUSE_ORDER, REGISTRY, ClockRule
from ._format import local, local_date, printable
from ._io import Streams, UsageError, instant, policy_from

__all__ = ["CHANNELS", "KINDS", "PARTIES", "calendar_command", "due"]

#: The channels by their command-line names.
CHANNELS: dict[str, Channel] = {
    "support": Channel.SUPPORT_MAILBOX,
    "sales": Channel.SALES_MAILBOX,
    "personal": Channel.PERSONAL_MAILBOX,
    "phone": Channel.PHONE,
    "complaint": Channel.WRITTEN_COMPLAINT,
}
#: What a request on each channel asks for unless --kind says otherwise.
_DEFAULT_KINDS = {
    "support": RequestKind.QUESTION,
    "sales": RequestKind.QUOTE,
    "personal": RequestKind.QUESTION,
    "phone": RequestKind.QUESTION,
    "complaint": RequestKind.COMPLAINT,
}
#: The kinds of request by their command-line names.
KINDS: dict[str, RequestKind] = {k.value.replace(" ", "-"): k for k in RequestKind}
#: The kinds of party by their command-line names.
PARTIES: dict[str, type[Partner | Reseller | EndCustomer]] = {
    "end-customer": EndCustomer,
    "partner": Partner,
    "reseller": Reseller,
}
_ARTICLES = {"end-customer": "an end customer", "partner": "a partner", "reseller": "a reseller"}
_ORDER = CLAUSE_ORDER


def _write_json(streams: Streams, payload: dict[str, Any]) -> None:
    streams.out.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def _calendar_name(calendar: Calendar) -> str:
    if isinstance(calendar, BusinessCalendar):
        return calendar.name or "unnamed"
    return f"composed ({calendar.operation})"


# -- due ----------------------------------------------------------------------------------------


def due(args: argparse.Namespace, streams: Streams) -> None:
    """The deadlines a request starts, with their clauses, readings and due instants."""
    arrived = instant(args.at, "--at")
    policy = policy_from(args.policy, args.calendar, streams)
    calendar = policy.calendar
    kind = KINDS[args.kind] if args.kind else _DEFAULT_KINDS[args.channel]
    channel = CHANNELS[args.channel]
    if channel is Channel.WRITTEN_COMPLAINT and kind not in COMPLAINT_KINDS:
        raise UsageError(
            f"--kind must be complaint or material-defect-claim for --channel complaint, "
            f"got {args.kind}"
        )
    sender = Contact("the sender", "sender@example.com", fee_earner=args.fee_earner)
    party = PARTIES[args.party or "end-customer"]("the party", [sender])
    request = Request("due", channel, kind, arrived, sender, party)
    results = [
        r
        for r in assess(policy, Case(request), arrived).results
        if r.kind is ClauseKind.DEADLINE
        and r.state not in (ClauseState.NOT_APPLICABLE, ClauseState.NOT_STARTED)
    ]
    rows = [(r, get_clause(r.clause).summary, _reading(policy, r.clause, party)) for r in results]
    if args.json:
        _write_json(
            streams,
            {
                "schema": SCHEMA_VERSION,
                "channel": args.channel,
                "kind": kind.value,
                "party": args.party or "end-customer",
                "fee_earner": args.fee_earner,
                "received_at": arrived.isoformat(),
                "calendar": _calendar_name(calendar),
                "timezone": calendar.timezone,
                "deadlines": [
                    {
                        "clause": r.clause,
                        "demands": summary,
                        "due": None if r.due_at is None else r.due_at.isoformat(),
                        "reading": line,
                    }
                    for r, summary, line in rows
                ],
            },
        )
        return
    what = "A request"
    if args.kind or args.party or args.fee_earner:
        caller = " (a fee earner)" if args.fee_earner else ""
        what = f"A {kind.value} from {_ARTICLES[args.party or 'end-customer']}{caller}"
    out = streams.out
    out.write(
        f"{what} on the {args.channel} channel, received "
        f"{local(arrived, calendar.timezone)} ({calendar.timezone}), on the "
        f"{printable(_calendar_name(calendar))} calendar:\n"
    )
    for r, summary, line in rows:
        when = "unknown" if r.due_at is None else local(r.due_at, calendar.timezone, end=True)
        out.write(f"\n  {r.clause:<7} due {when}\n")
        out.write(f"  {'':<7} {summary}\n")
        out.write(f"  {'':<7} reading: {printable(line)}\n")
    if not rows:
        hint = (
            "; TEL-3 covers calls from fee earners (add --fee-earner)"
            if channel is Channel.PHONE and not args.fee_earner
            else ""
        )
        out.write(f"\n  No deadline applies{hint}.\n")


#: The clauses whose target is a contact cadence (COM-9), from the registry.
_CADENCED = frozenset(r.clause for r in REGISTRY if isinstance(r, ClockRule) and r.target == "cadence")  # fmt: skip


def _reading(policy: Policy, clause: str, party: Partner | Reseller | EndCustomer) -> str:
    if clause in _CADENCED:
        return cadence_for(party, policy.cadences, policy.reading(clause).duration)[1]
    return policy.reading(clause).description


# -- calendar -----------------------------------------------------------------------------------


#: The years the library's calendars cover (``_engine.MIN_YEAR`` to ``MAX_YEAR``).
_FIRST_YEAR, _LAST_YEAR = MIN_YEAR, MAX_YEAR
#: The most years one run of the calendar command shows: a longer span would take minutes.
MAX_SPAN_YEARS = 100


def _span_of(args: argparse.Namespace) -> tuple[_dt.date, _dt.date]:
    if args.year is not None:
        if not _FIRST_YEAR <= args.year <= _LAST_YEAR:
            raise UsageError(
                f"--year must be a year from {_FIRST_YEAR} to {_LAST_YEAR}, got {args.year}"
            )
        if args.start is not None or args.end is not None:
            raise UsageError("give either --year or --from and --to, not both")
        return _dt.date(args.year, 1, 1), _dt.date(args.year, 12, 31)
    if args.start is None or args.end is None:
        raise UsageError("give --year, or --from and --to (dates such as 2026-03-01)")
    first, last = (_date(text, option) for text, option in ((args.start, "--from"), (args.end, "--to")))  # fmt: skip
    if last < first:
        raise UsageError(
            f"--to must be on or after --from, got {last.isoformat()} before {first.isoformat()}"
        )
    if last.year - first.year >= MAX_SPAN_YEARS:
        raise UsageError(
            f"--from and --to may span at most {MAX_SPAN_YEARS} years (e.g. 2000-01-01 to "
            f"2099-12-31), got {first.isoformat()} to {last.isoformat()}"
        )
    return first, last


def _date(text: str, option: str) -> _dt.date:
    try:
        day = _dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} must be a date such as 2026-03-01, got {text!r}") from None
    if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        raise UsageError(
            f"{option} must be a date in the years {_FIRST_YEAR} to {_LAST_YEAR}, got {text!r}"
        )
    return day


def _holidays(calendar: BusinessCalendar, first: _dt.date, last: _dt.date) -> list[tuple[_dt.date, str]]:  # fmt: skip
    found = []
    for year in range(first.year, last.year + 1):
        found += [(d, n) for d, n in calendar.holidays.in_year(year).items() if first <= d <= last]
    return found


def _within(spans: Any, calendar: Calendar, first: _dt.date, last: _dt.date) -> list[Any]:
    start = pendulum.datetime(first.year, first.month, first.day, tz=calendar.timezone)
    end = pendulum.datetime(last.year, last.month, last.day, tz=calendar.timezone).add(days=1)
    return [s for s in spans if s.start < end and s.end > start]


def _describe(calendar: Calendar, first: _dt.date, last: _dt.date) -> list[str]:
    if not isinstance(calendar, BusinessCalendar):
        lines = [f"The {calendar.operation} of two calendars, in {calendar.timezone}:"]
        for part in (calendar.left, calendar.right):
            lines += ["", *("  " + line if line else "" for line in _describe(part, first, last))]
        return lines
    zone = calendar.timezone
    lines = [f"{printable(_calendar_name(calendar))} in {zone}; opening hours in local time:"]
    for day, windows in zip(WEEKDAYS, calendar.hours.days, strict=True):
        hours = ", ".join(str(w) + (" (overnight)" if w.overnight else "") for w in windows)
        lines.append(f"  {day.capitalize()}  {hours or 'closed'}")
    holidays = _holidays(calendar, first, last)
    lines += ["", f"Holidays: {len(holidays) or 'none'}"]
    lines += [f"  {local_date(d)}  {printable(name)}".rstrip() for d, name in holidays]
    for title, spans in (("Closures", calendar.closures), ("Special openings", calendar.openings)):
        shown = _within(spans, calendar, first, last)
        lines += ["", f"{title}: {len(shown) or 'none'}"]
        lines += [
            f"  {local(s.start, zone)} to {local(s.end, zone, end=True)}  {printable(s.reason)}".rstrip()
            for s in shown
        ]
    return lines


def _describe_json(calendar: Calendar, first: _dt.date, last: _dt.date) -> dict[str, Any]:
    if not isinstance(calendar, BusinessCalendar):
        return {
            "operation": calendar.operation,
            "timezone": calendar.timezone,
            "left": _describe_json(calendar.left, first, last),
            "right": _describe_json(calendar.right, first, last),
        }
    return {
        "name": calendar.name,
        "timezone": calendar.timezone,
        "hours": unstructure(calendar.hours),
        "holidays": [
            {"date": d.isoformat(), "name": n} for d, n in _holidays(calendar, first, last)
        ],
        "closures": [unstructure(c) for c in _within(calendar.closures, calendar, first, last)],
        "openings": [unstructure(o) for o in _within(calendar.openings, calendar, first, last)],
    }


def calendar_command(args: argparse.Namespace, streams: Streams) -> None:
    """A calendar's opening hours, and its holidays, closures and openings over a span."""
    first, last = _span_of(args)
    if args.policy is not None and args.calendar is not None:
        raise UsageError("give either --calendar or --policy (its calendar), not both")
    calendar = (
        policy_from(args.policy, None, streams).calendar
        if args.policy is not None
        else preset(args.calendar or "dk")
    )
    # Not working_days_between(first, last + 1 day): the day after 9998-12-31 is out of range.
    working = calendar.working_days_between(first, last) + calendar.is_working_day(last)
    if args.json:
        _write_json(
            streams,
            {
                "schema": SCHEMA_VERSION,
                "from": first.isoformat(),
                "to": last.isoformat(),
                "working_days": working,
                "calendar": _describe_json(calendar, first, last),
            },
        )
        return
    streams.out.write(f"From {local_date(first)} to {local_date(last)}: {working} working days\n\n")
    streams.out.write("\n".join(_describe(calendar, first, last)) + "\n")
