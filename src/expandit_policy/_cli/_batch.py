"""The commands over a batch of cases: assess, agenda, report.

Each reads its cases one at a time (a JSON Lines file in the memory of one case; a JSON document
whole), assesses each once, and keeps only what its output needs: the counts and the lists the
text shows, the report's figures. Cases that cannot be read stop the run, or, with
``--errors collect``, are skipped and told on standard error.
"""

from __future__ import annotations

import argparse
import collections
import datetime as _dt
import json
import re
import textwrap
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs

from .._calendars._durations import BusinessDays, BusinessHours, CalendarDays, ClockHours, Duration
from .._domain._case import Case
from .._errors import InvalidDocumentError, PolicyError
from .._evaluation._agenda import AgendaItem, ReportRow, agenda, agenda_order, report
from .._evaluation._assess import assess
from .._evaluation._results import Assessment, ClauseState, WarningLevel
from .._interchange._documents import SCHEMA_VERSION, load_cases, unstructure
from .._interchange._lines import iter_cases, to_json_lines
from .._interchange._refused import RefusedCase
from .._interchange._text import format_span
from .._policy._policy import Policy
from .._policy._registry import CLAUSE_ORDER
from .._time import to_us
from ._commands import CHANNELS
from ._format import Table, local, printable, span
from ._io import (
    Streams,
    UsageError,
    document_error,
    instant,
    policy_from,
    progress,
    read_json,
    read_lines,
)

__all__ = [
    "SKIPPED",
    "agenda_command",
    "assess_command",
    "is_json_lines",
    "report_command",
    "resolution_target",
]

#: The exit status of a run that skipped cases it could not read (``--errors collect``) without
#: ``--allow-skipped``: its output is complete for the cases read, but not for the whole input.
#: 2 is taken by usage errors and bad input.
SKIPPED = 3

#: The file name endings read as JSON Lines unless --input-format says otherwise.
_LINE_SUFFIXES = (".jsonl", ".ndjson")

_DURATION = re.compile(
    r"(?P<n>\d{1,9}(?:\.\d{1,6})?)\s*(?P<unit>bd|bh|cd|h)", re.IGNORECASE | re.ASCII
)
_UNITS = "bd (business days), bh (business hours), cd (calendar days) or h (clock hours)"


def resolution_target(text: str) -> tuple[str, Duration]:
    """A MAIL-2 target as ``--resolution-target`` gives it: ``ID=DURATION``, the duration a
    number and a unit, ``10bd``, ``8bh``, ``14cd`` or ``48h``.

    >>> resolution_target("R-1=10bd")
    ('R-1', BusinessDays(days=10, reading='same_time'))
    >>> resolution_target("R=2=1.5bh")
    ('R=2', BusinessHours(hours=Decimal('1.5')))
    """
    case_id, equals, amount = text.rpartition("=")
    match = _DURATION.fullmatch(amount.strip())
    if not equals or not case_id or match is None:
        raise argparse.ArgumentTypeError(
            f"a resolution target must be ID=DURATION, the duration a number and one of "
            f"{_UNITS}, e.g. R-1=10bd, got {text!r}"
        )
    number, unit = match["n"], match["unit"].lower()
    try:
        if unit in ("bd", "cd"):
            if "." in number:
                raise argparse.ArgumentTypeError(
                    f"a resolution target in days must be a whole number of days, got {text!r}"
                )
            return case_id, (BusinessDays if unit == "bd" else CalendarDays)(int(number))
        hours: int | Decimal = Decimal(number) if "." in number else int(number)
        return case_id, (BusinessHours if unit == "bh" else ClockHours)(hours)
    except PolicyError as exc:
        raise argparse.ArgumentTypeError(f"resolution target {text!r}: {exc}") from None


def is_json_lines(args: argparse.Namespace) -> bool:
    """Whether the cases come as JSON Lines: --input-format, else the file name's ending."""
    if args.input_format is not None:
        return bool(args.input_format == "jsonl")
    return str(args.file).lower().endswith(_LINE_SUFFIXES)


@attrs.define
class _Batch:
    """One run over a batch: where its cases come from, what it skipped, which MAIL-2 targets
    it used."""

    args: argparse.Namespace
    streams: Streams
    policy: Policy
    as_of: _dt.datetime
    targets: dict[str, Duration]
    seen: int = 0
    skipped: int = 0
    unassessed: int = 0
    """Of the skipped, how many were read but could not be assessed (``--errors collect``)."""
    total: int | None = None
    """How many cases there are to assess, when known before they are read (not in JSON Lines)."""
    used: set[str] = attrs.field(factory=set)
    ids: set[str] = attrs.field(factory=set)
    """The request ids read so far."""
    repeated: set[str] = attrs.field(factory=set)
    """The request ids read more than once."""

    def cases(self) -> Iterator[tuple[str, Case]]:
        """Each case read with where it was ('line 3', 'cases[2]'); each refused one told, and
        each id that repeats noted (told by :meth:`finish`: every copy is counted)."""
        for where, case in self._read():
            case_id = case.request.id
            if case_id in self.ids:
                self.repeated.add(case_id)
            else:
                self.ids.add(case_id)
            yield where, case

    def _read(self) -> Iterator[tuple[str, Case]]:
        """Each case read with where it was; each refused one told."""
        path = self.args.file
        collect = self.args.errors == "collect"
        if is_json_lines(self.args):
            read = 0

            def lines() -> Iterator[bytes | str]:
                nonlocal read
                for line in read_lines(path, self.streams):
                    read += 1
                    yield line

            errors: Literal["strict", "collect"] = "collect" if collect else "strict"
            try:
                # iter_cases reads a line only when the case before it is taken, so ``read`` is
                # the number of the line each case comes from.
                for item in iter_cases(lines(), errors=errors, max_line_bytes=self.streams.max_line):  # fmt: skip
                    if isinstance(item, RefusedCase):
                        self._skip(item, f"line {item.position}")
                    else:
                        self.seen += 1
                        yield f"line {read}", item
            except InvalidDocumentError as exc:
                raise document_error(path, exc) from None
            return
        data = read_json(path, self.streams)
        show = progress(self.streams, "reading cases")
        try:
            if not collect:
                cases: tuple[Case, ...] = load_cases(data, progress=show)
                self.total = len(cases)
                for k, case in enumerate(cases):
                    self.seen += 1
                    yield f"cases[{k}]", case
                return
            loaded = load_cases(data, progress=show, errors="collect")
        except InvalidDocumentError as exc:
            raise document_error(path, exc) from None
        self.total = len(loaded.cases)
        refused = {r.position: r for r in loaded.refused}
        taken = iter(loaded.cases)
        for k in range(len(loaded.cases) + len(refused)):
            if k in refused:
                self._skip(refused[k], f"cases[{k}]")
            else:
                self.seen += 1
                yield f"cases[{k}]", next(taken)

    def _skip(self, refused: RefusedCase, where: str) -> None:
        self.skipped += 1
        path, message = refused.problems[0]
        more = len(refused.problems) - 1
        tail = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
        who = "" if refused.case_id is None else f" ({refused.case_id!r})"
        self.streams.err.write(
            _one_line(
                f"expandit-policy: skipped {where}{who}: {f'{path}: ' if path else ''}{message}{tail}"
            )
        )

    def failed(self, where: str, case: Case, exc: PolicyError) -> None:
        """A case read but not assessed: with ``--errors collect`` it is skipped and told, as a
        case that could not be read is; otherwise the run stops on it."""
        if self.args.errors != "collect":
            raise UsageError(f"{where} ({case.request.id!r}): {exc}") from None
        self.seen -= 1
        self.skipped += 1
        self.unassessed += 1
        self.streams.err.write(
            _one_line(
                f"expandit-policy: skipped {where} ({case.request.id!r}): cannot be assessed: {exc}"
            )
        )

    def target(self, case: Case) -> Duration | None:
        """The MAIL-2 target given for ``case``, noted as used."""
        found = self.targets.get(case.request.id)
        if found is not None:
            self.used.add(case.request.id)
        return found

    def assessments(self) -> Iterator[Assessment]:
        """Each case read, assessed once."""
        show = progress(self.streams, "assessing cases")
        for where, case in self.cases():
            try:
                made = assess(self.policy, case, self.as_of, resolution_target=self.target(case))
            except PolicyError as exc:
                self.failed(where, case, exc)
                continue
            yield made
            if show is not None and self.total is not None:  # JSON Lines: no total to show
                show(self.seen, self.total)

    def finish(self) -> int:
        """Tell what was skipped and which targets named no case; the exit status."""
        err = self.streams.err
        unused = sorted(set(self.targets) - self.used)
        if unused:
            err.write(
                _one_line(
                    f"expandit-policy: warning: --resolution-target names no case read: "
                    f"{', '.join(map(repr, unused))}"
                )
            )
        if self.repeated:
            shown = sorted(self.repeated)
            more = f" and {len(shown) - 10} more" if len(shown) > 10 else ""
            err.write(
                _one_line(
                    f"expandit-policy: warning: {len(shown)} request id"
                    f"{'s' if len(shown) != 1 else ''} given to more than one case, each copy "
                    f"counted: {', '.join(map(repr, shown[:10]))}{more}"
                )
            )
        if not self.skipped:
            return 0
        total = self.seen + self.skipped
        allowed = self.args.allow_skipped
        err.write(
            _one_line(
                f"expandit-policy: skipped {self.skipped} of {total} case{'s' if total != 1 else ''} "
                f"that could not be read{' or assessed' if self.unassessed else ''}"
                + ("" if allowed else f"; exit status {SKIPPED} (--allow-skipped makes it 0)")
            )
        )
        return 0 if allowed else SKIPPED


def _one_line(text: str) -> str:
    return printable(" ".join(text.split())) + "\n"


def _batch(args: argparse.Namespace, streams: Streams) -> _Batch:
    if args.allow_skipped and args.errors != "collect":
        raise UsageError(
            "--allow-skipped only applies with --errors collect, which skips the cases that "
            "cannot be read; give both, or neither"
        )
    as_of = instant(args.as_of, "--as-of")
    policy = policy_from(args.policy, args.calendar, streams)
    given: list[tuple[str, Duration]] = args.resolution_target or []
    targets = dict(given)
    if len(targets) != len(given):
        twice = sorted({k for k, _ in given if sum(k == j for j, _ in given) > 1})
        raise UsageError(
            f"--resolution-target gives {', '.join(map(repr, twice))} more than once; give one "
            f"target per case"
        )
    return _Batch(args, streams, policy, as_of, targets)


def _headline(what: str, policy: Policy, as_of: _dt.datetime, count: int) -> str:
    zone = policy.calendar.timezone
    cases = f"{count} case{'s' if count != 1 else ''}"
    return f"As of {local(as_of, zone)} ({zone})\n" + _wrap(
        what.format(cases=cases, version=printable(policy.version))
    )


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=80, subsequent_indent="  ", break_on_hyphens=False) + "\n"


def _instance(clause: str, instance: int) -> str:
    """'MAIL-1' for a clause's first instance, 'MAIL-1 #2' for its third."""
    return clause if instance == 0 else f"{clause} #{instance}"


def _iso(t: _dt.datetime | None) -> str | None:
    return None if t is None else t.isoformat()


def _span_iso(td: _dt.timedelta | None) -> str | None:
    return None if td is None else format_span(td)


# -- assess -------------------------------------------------------------------------------------


@attrs.frozen
class _Listed:
    """One late or open result as the assess command lists it: no more than it shows."""

    case_id: str
    clause: str
    instance: int
    state: ClauseState
    due_at: _dt.datetime | None
    left: _dt.timedelta | None
    warning: WarningLevel

    def key(self) -> tuple[bool, int, str, int, str, int]:
        # soonest due first, as moments (the repeated hour of a change of clocks included)
        when = 0 if self.due_at is None else to_us(self.due_at)
        order = CLAUSE_ORDER.get(self.clause, len(CLAUSE_ORDER))
        return (self.due_at is None, when, self.case_id, order, self.clause, self.instance)

    def late_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "clause": self.clause,
            "instance": self.instance,
            "due_at": _iso(self.due_at),
            "overdue": _span_iso(None if self.left is None else -self.left),
        }

    def due_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "clause": self.clause,
            "instance": self.instance,
            "state": self.state.value,
            "due_at": _iso(self.due_at),
            "left": _span_iso(self.left),
            "warning": self.warning.value,
        }


_OPEN_STATES = (ClauseState.RUNNING, ClauseState.PAUSED, ClauseState.OPEN)


def assess_command(args: argparse.Namespace, streams: Streams) -> int:
    """What is due and what is late across a file of cases, as of an instant."""
    batch = _batch(args, streams)
    out = streams.out
    if args.json_lines:
        for line in to_json_lines(batch.assessments()):
            out.write(line)
        return batch.finish()
    late: list[_Listed] = []
    pending: list[_Listed] = []
    counts: collections.Counter[ClauseState] = collections.Counter()
    if args.json:
        # The assessments are written as they are made, one to a line, so that memory holds
        # one case; the lists and counts follow them.
        out.write(
            "{"
            + json.dumps(
                {
                    "schema": SCHEMA_VERSION,
                    "as_of": batch.as_of.isoformat(),
                    "policy_version": batch.policy.version,
                },
                ensure_ascii=False,
            )[1:-1]
            + ', "assessments": ['
        )
    count = 0
    for a in batch.assessments():
        if args.json:
            out.write(
                ("\n" if count == 0 else ",\n") + json.dumps(unstructure(a), ensure_ascii=False)
            )
        count += 1
        for r in a.results:
            counts[r.state] += 1
            if r.state is ClauseState.BREACHED or r.state in _OPEN_STATES:
                listed = _Listed(a.case.request.id, r.clause, r.instance, r.state, r.due_at, r.left, r.warning)  # fmt: skip
                (late if r.state is ClauseState.BREACHED else pending).append(listed)
    late.sort(key=_Listed.key)
    pending.sort(key=_Listed.key)
    if args.json:
        tail = {
            "cases": count,
            "late": [x.late_json() for x in late],
            "due": [x.due_json() for x in pending],
            "counts": {s.value: counts[s] for s in ClauseState if counts[s]},
        }
        out.write(("\n" if count else "") + "], " + json.dumps(tail, ensure_ascii=False)[1:] + "\n")
        return batch.finish()
    zone = batch.policy.calendar.timezone
    out.write(_headline("{cases} assessed under policy {version}", batch.policy, batch.as_of, count))  # fmt: skip
    out.write(f"\nLate: {len(late) or 'nothing'}{' breached' if late else ''}\n")
    if late:
        table = Table(["case", "clause", "was due", "overdue"], right=[3], limits=[16])
        for x in late:
            overdue = None if x.left is None else -x.left
            table.add(x.case_id, _instance(x.clause, x.instance), _when(x.due_at, zone), span(overdue))  # fmt: skip
        out.write("\n".join(table.lines()) + "\n")
    out.write(f"\nDue: {len(pending) or 'nothing'}{' open' if pending else ''}\n")
    if pending:
        table = Table(["case", "clause", "state", "due", "left", "warning"], right=[4], limits=[16])
        for x in pending:
            warn = "" if x.warning is WarningLevel.NONE else x.warning.value.split()[0]
            table.add(
                x.case_id, _instance(x.clause, x.instance), x.state.value, _when(x.due_at, zone),
                span(x.left), warn,
            )  # fmt: skip
        out.write("\n".join(table.lines()) + "\n")
    summary = ", ".join(f"{counts[s]} {s.value}" for s in ClauseState if counts[s])
    out.write("\n" + _wrap(f"All results: {summary or 'none'}"))
    return batch.finish()


def _when(due_at: _dt.datetime | None, zone: str) -> str:
    return "-" if due_at is None else local(due_at, zone, offset=False, end=True)


# -- agenda -------------------------------------------------------------------------------------


def _agenda_items(batch: _Batch) -> Iterator[AgendaItem]:
    """Each case's agenda, case by case in the order read."""
    for where, case in batch.cases():
        target = batch.target(case)
        targets: Mapping[str, Duration] | None = None if target is None else {case.request.id: target}  # fmt: skip
        try:
            items = agenda(
                batch.policy,
                [case],
                batch.as_of,
                resolution_targets=targets,
                needs_action=getattr(batch.args, "needs_action", False),
            )
        except PolicyError as exc:
            batch.failed(where, case, exc)
            continue
        yield from items


def agenda_command(args: argparse.Namespace, streams: Streams) -> int:
    """What needs doing across a file of cases as of an instant: breaches first, then by due."""
    batch = _batch(args, streams)
    out = streams.out
    if args.json_lines:
        # Case by case, as read: the whole agenda's order would need every item at once.
        for line in to_json_lines(_agenda_items(batch)):
            out.write(line)
        return batch.finish()
    items = sorted(_agenda_items(batch), key=agenda_order)
    if args.json:
        payload = {
            "schema": SCHEMA_VERSION,
            "as_of": batch.as_of.isoformat(),
            "policy_version": batch.policy.version,
            "cases": batch.seen,
            "items": [unstructure(item) for item in items],
        }
        out.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return batch.finish()
    zone = batch.policy.calendar.timezone
    out.write(_headline("Agenda for {cases} under policy {version}", batch.policy, batch.as_of, batch.seen))  # fmt: skip
    if not items:
        out.write("\nNothing to do.\n")
        return batch.finish()
    # "when": the breach for a breached item (the order's key), the due time for the rest
    table = Table(["case", "clause", "state", "when", "warning"], limits=[16])
    for item in items:
        when = item.breached_at if item.state is ClauseState.BREACHED else item.due_at
        warn = "" if item.warning is WarningLevel.NONE else item.warning.value.split()[0]
        table.add(item.case_id, _instance(item.clause, item.instance), item.state.value, _when(when, zone), warn)  # fmt: skip
    out.write(f"\n{len(items)} to act on:\n" + "\n".join(table.lines()) + "\n")
    return batch.finish()


# -- report -------------------------------------------------------------------------------------


def _figures(row: ReportRow) -> dict[str, Any]:
    median, p90 = row.median_time_to_meet, row.p90_time_to_meet
    return {
        **unstructure(row),
        "compliance_rate": row.compliance_rate,
        "median_time_to_meet": None if median is None else format_span(median),
        "p90_time_to_meet": None if p90 is None else format_span(p90),
    }


def report_command(args: argparse.Namespace, streams: Streams) -> int:
    """Compliance figures (AIM-1, AIM-2) for a file of cases, as of an instant."""
    batch = _batch(args, streams)
    # report() takes the assessments one at a time as they are made; it keeps its figures, not
    # the assessments.
    rows = report(batch.assessments())
    count = batch.seen
    if args.json:
        payload = {
            "schema": SCHEMA_VERSION,
            "as_of": batch.as_of.isoformat(),
            "policy_version": batch.policy.version,
            "cases": count,
            "rows": [_figures(row) for row in rows],
        }
        streams.out.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return batch.finish()
    short = {channel: name for name, channel in CHANNELS.items()}
    out = streams.out
    what = "Compliance figures for {cases} under policy {version}"
    out.write(_headline(what, batch.policy, batch.as_of, count) + "\n")
    counted = [r for r in rows if r.met + r.met_late + r.breached + r.open + r.cancelled]
    # cancelled results (closed while waiting on the customer, or closed as void) get a column
    # whenever there are any, so that a desk sees when closing is used to dodge a breach
    cancel = any(r.cancelled for r in counted)
    headers = ["clause", "channel", "party", "met", "late", "breach", "open"]
    headers += ["cancel"] * cancel + ["rate", "median", "p90"]
    table = Table(headers, right=range(3, len(headers)))
    for r in counted:
        rate = "-" if r.compliance_rate is None else f"{r.compliance_rate:.0%}"
        cells = [str(n) for n in (r.met, r.met_late, r.breached, r.open)]
        cells += [str(r.cancelled)] * cancel
        table.add(
            r.clause, short[r.channel], r.party_kind, *cells, rate,
            span(r.median_time_to_meet), span(r.p90_time_to_meet),
        )  # fmt: skip
    if counted:
        out.write("\n".join(table.lines(indent="")) + "\n")
    else:
        out.write("No clause has a result met, late, breached, open or cancelled yet.\n")
    rest = sorted({r.clause for r in rows} - {r.clause for r in counted}, key=CLAUSE_ORDER.__getitem__)  # fmt: skip
    if rest:
        out.write(
            "\n"
            + _wrap(
                f"Not shown, with nothing met, late, breached, open or cancelled (unknown, not "
                f"applicable or not started): {', '.join(rest)}"
            )
        )
    return batch.finish()
