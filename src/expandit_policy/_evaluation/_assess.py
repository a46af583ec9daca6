"""assess(): a case against a policy as of an instant, clause by clause."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence

import attrs
import pendulum

from .. import _time
from .._calendars._durations import BusinessHours, Duration
from .._calendars._micro import add_us, between_us, datetime_at
from .._domain._case import (
    AcknowledgedInWriting,
    BoardAnalysisDone,
    Case,
    CaseEvent,
    Closed,
    EscalatedToBoard,
    FeeNoticeSent,
    InformationReceived,
    InformationRequested,
    LoggedUnderMailbox,
    Replied,
    Resolved,
    SatisfactionAsked,
)
from .._domain._coverage import Coverage, coverage
from .._domain._licences import Licence
from .._domain._parties import EndCustomer, ServiceTeam
from .._domain._requests import Channel, RequestKind
from .._errors import WrongTypeError
from .._policy._cadences import cadence_for
from .._policy._catalogue import CATALOGUE, get_clause
from .._policy._policy import Policy, PolicyHistory
from ._results import Assessment, ClauseResult, ClauseState, WarningLevel

__all__ = ["assess"]

_COMPLAINTS = (RequestKind.COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM)
_SHARED = (Channel.SUPPORT_MAILBOX, Channel.SALES_MAILBOX)
_ORDER = {c.id: k for k, c in enumerate(CATALOGUE)}


def _span(td: _dt.timedelta) -> str:
    """A non-negative duration as hours and minutes: '2h00m'."""
    minutes = _time.timedelta_us(td) // (60 * _time.US_PER_SECOND)
    return f"{minutes // 60}h{minutes % 60:02d}m"


@attrs.frozen
class _Mark:
    """An event of the log as a clock sees it: its instant, what it does, and its position in
    the log (its label is made only when an explanation needs it)."""

    us: int
    action: str  # "stop", "pause" or "resume"
    k: int


@attrs.frozen
class _Clock:
    clause: str
    start_us: int
    start_label: str
    duration: Duration | None
    description: str
    marks: tuple[_Mark, ...]
    restart: bool = False  # CPL-2, COM-9: each mark "resume" starts the period again


class _Context:
    """What every rule needs: the policy, the known events (at or before as_of) and helpers.

    Instants are kept as UTC microseconds and measured on the calendar's compiled timeline
    directly: a case needs a few dozen sums and deadlines, and converting each to a DateTime
    and back would cost more than the arithmetic."""

    def __init__(self, policy: Policy, case: Case, as_of_us: int) -> None:
        self.policy = policy
        self.case = case
        self.as_of_us = as_of_us
        self.calendar = policy.calendar
        self.received_us = _time.to_us(case.request.received_at)
        self.event_us = [_time.to_us(e.at) for e in case.events]
        self.known: list[tuple[int, int, CaseEvent]] = [
            (k, us, e)
            for k, (us, e) in enumerate(zip(self.event_us, case.events, strict=True))
            if us <= as_of_us
        ]
        self._labels: dict[int, str] = {}
        self._datetimes: dict[int, pendulum.DateTime] = {}
        name = getattr(self.calendar, "name", "") or "composed"
        self.calendar_line = f"calendar: {name} ({self.calendar.timezone})"

    def dt(self, us: int) -> pendulum.DateTime:
        """Instant ``us`` in the calendar's zone; the same few instants recur in a case."""
        out = self._datetimes.get(us)
        if out is None:
            out = self._datetimes[us] = datetime_at(self.calendar, us)
        return out

    def label(self, k: int) -> str:
        """'Replied at 2026-03-02T10:00:00+01:00 (events[3])': event ``k`` in explanations."""
        text = self._labels.get(k)
        if text is None:
            event = self.case.events[k]
            at = self.dt(self.event_us[k]).isoformat()
            text = self._labels[k] = f"{type(event).__name__} at {at} (events[{k}])"
        return text

    def between(self, a: int, b: int) -> _dt.timedelta:
        return _time.us_timedelta(between_us(self.calendar, a, b))

    def add(self, a: int, duration: Duration) -> int:
        return add_us(self.calendar, a, duration)

    def events(self, *kinds: type) -> list[tuple[int, int, CaseEvent]]:
        return [(k, us, e) for k, us, e in self.known if isinstance(e, kinds)]

    def shared_replies(self) -> list[tuple[int, int, Replied]]:
        """The known replies sent from the support or sales mailbox (COM-3, COM-4)."""
        return [
            (k, us, e)
            for k, us, e in self.known
            if isinstance(e, Replied) and e.from_mailbox.is_shared
        ]


def _run(ctx: _Context, clock: _Clock) -> ClauseResult:
    """A clock walked through the known log: start, pauses, restarts, the stop, a breach."""
    clause = get_clause(clock.clause)
    head = [
        f"{clock.clause}: {clause.summary}",
        f"reading: {clock.description} ({clock.duration or 'no duration'})",
        ctx.calendar_line,
    ]
    started = ctx.dt(clock.start_us)
    if ctx.as_of_us < clock.start_us:
        return ClauseResult(
            clock.clause,
            clause.kind,
            ClauseState.NOT_STARTED,
            started_at=started,
            next_change_at=started,
            explanation=[*head, f"starts at {clock.start_label}, after as_of"],
        )
    notes = [f"started by {clock.start_label}"]
    period = clock.start_us
    due = None if clock.duration is None else ctx.add(period, clock.duration)
    paused_at: int | None = None
    breached = False
    met: _Mark | None = None
    for mark in clock.marks:
        if mark.us < clock.start_us or mark.us > ctx.as_of_us:
            continue
        if due is not None and paused_at is None and not breached and mark.us > due:
            breached = True
            notes.append(f"breached at {ctx.dt(due).isoformat()}: due passed with no stop")
        if mark.action == "stop":
            met = mark
            notes.append(f"stopped by {ctx.label(mark.k)}")
            break
        if breached:
            notes.append(f"ignored {ctx.label(mark.k)}: the target was already breached")
        elif mark.action == "pause" and paused_at is None:
            paused_at = mark.us
            due = None
            notes.append(f"paused by {ctx.label(mark.k)}")
        elif mark.action == "resume" and clock.restart:
            paused_at = None
            period = mark.us
            due = None if clock.duration is None else ctx.add(period, clock.duration)
            notes.append(f"period started again by {ctx.label(mark.k)}")
    end = met.us if met is not None else ctx.as_of_us
    if paused_at is not None:
        end = paused_at
    used = ctx.between(period, end)
    elapsed = _time.us_timedelta(end - period)
    notes.append(
        f"since {ctx.dt(period).isoformat()}: {_span(elapsed)} elapsed, {_span(used)} of it "
        f"business time; {_span(elapsed - used)} outside opening hours skipped"
    )
    met_at = None if met is None else ctx.dt(met.us)
    if clock.duration is None:
        notes.append(f"{clock.clause}: the target is unknown; pass it in, it is never guessed")
        return ClauseResult(
            clock.clause, clause.kind, ClauseState.UNKNOWN, started, None, met_at, used,
            explanation=[*head, *notes],
        )  # fmt: skip
    warning = WarningLevel.NONE
    next_change: int | None = None
    if met is not None:
        state = ClauseState.MET_LATE if breached else ClauseState.MET
    elif paused_at is not None:
        state = ClauseState.PAUSED
    elif breached:
        state = ClauseState.BREACHED
    else:
        assert due is not None  # only a pause clears the due instant
        if ctx.as_of_us >= due:
            state = ClauseState.BREACHED
            notes.append(f"breached at {ctx.dt(due).isoformat()}: due passed with no stop")
        else:
            state = ClauseState.RUNNING
            warning, next_change = _warning(ctx, period, due)
    due_at = None if due is None else ctx.dt(due)
    left = None if due is None else ctx.between(end, due)
    if due_at is not None:
        notes.append(f"due {due_at.isoformat()}")
    return ClauseResult(
        clock.clause,
        clause.kind,
        state,
        ctx.dt(period),
        due_at,
        met_at,
        used,
        left,
        warning,
        None if next_change is None else ctx.dt(next_change),
        [*head, *notes],
    )


def _warning(ctx: _Context, period: int, due: int) -> tuple[WarningLevel, int]:
    """The warning level of a target running from ``period`` to ``due``, and the next instant at
    which its state or level changes: a threshold still ahead, or the due instant."""
    total = ctx.between(period, due)
    if total <= _dt.timedelta(0):  # due at the next opening: nothing to warn about
        return WarningLevel.NONE, due
    first, second = (
        ctx.add(period, BusinessHours.from_timedelta(total * f))
        for f in ctx.policy.warning_thresholds
    )
    if ctx.as_of_us >= second:
        return WarningLevel.SECOND, due
    if ctx.as_of_us >= first:
        return WarningLevel.FIRST, second
    return WarningLevel.NONE, first


def _marks(ctx: _Context, action: str, *kinds: type) -> list[_Mark]:
    return [
        _Mark(ctx.event_us[k], action, k)
        for k, e in enumerate(ctx.case.events)
        if isinstance(e, kinds)
    ]


def _clock(
    ctx: _Context,
    clause: str,
    marks: Sequence[_Mark],
    *,
    start: tuple[int, str] | None = None,
    target: tuple[Duration, str] | None = None,
    restart: bool = False,
) -> _Clock:
    """The clock of ``clause``: from receipt unless ``start`` says otherwise, on the policy's
    reading unless ``target`` (a duration and its description) replaces it."""
    reading = ctx.policy.reading(clause)
    start_us, start_label = start or (
        ctx.received_us,
        f"the request received at {ctx.dt(ctx.received_us).isoformat()}",
    )
    duration, description = target or (reading.duration, reading.description)
    ordered = tuple(sorted(marks, key=lambda m: m.us))
    return _Clock(clause, start_us, start_label, duration, description, ordered, restart)


def _deadlines(ctx: _Context, resolution_target: Duration | None) -> list[ClauseResult]:
    request = ctx.case.request
    out: list[ClauseResult] = []
    replied = _marks(ctx, "stop", Replied)
    resolved = _marks(ctx, "stop", Resolved)
    if request.channel in _SHARED:
        out.append(_run(ctx, _clock(ctx, "MAIL-1", replied)))
    if request.channel is Channel.SUPPORT_MAILBOX:
        target = None
        if resolution_target is not None:
            target = (resolution_target, "from the customer's licence terms (passed in)")
        out.append(_run(ctx, _clock(ctx, "MAIL-2", resolved, target=target)))
    if request.channel is Channel.SALES_MAILBOX and request.kind is RequestKind.QUOTE:
        out.append(_run(ctx, _clock(ctx, "MAIL-3", resolved)))
    if request.channel is Channel.PERSONAL_MAILBOX:
        out.append(_run(ctx, _clock(ctx, "MAIL-4", replied)))
    if request.caller_is_fee_earner:
        out.append(_run(ctx, _clock(ctx, "TEL-3", replied)))
    if request.kind in _COMPLAINTS:
        out.append(_run(ctx, _clock(ctx, "CPL-1", _marks(ctx, "stop", AcknowledgedInWriting))))
        pauses = _marks(ctx, "pause", InformationRequested)
        resumes = _marks(ctx, "resume", InformationReceived)
        out.append(_run(ctx, _clock(ctx, "CPL-2", [*resolved, *pauses, *resumes], restart=True)))
    return out


def _com8(ctx: _Context) -> ClauseResult | None:
    if not isinstance(ctx.case.request.party, EndCustomer):
        return None
    closes = [(k, e) for k, e in enumerate(ctx.case.events) if isinstance(e, Closed)]
    if not closes or ctx.event_us[closes[0][0]] > ctx.as_of_us:
        clause = get_clause("COM-8")
        return ClauseResult(
            "COM-8",
            clause.kind,
            ClauseState.NOT_STARTED,
            explanation=[
                f"COM-8: {clause.summary}",
                f"reading: {ctx.policy.reading('COM-8').description}",
                "starts when the case is closed; it is not closed yet",
            ],
        )
    k, _first = closes[0]
    start = ctx.event_us[k]
    asked = [m for m in _marks(ctx, "stop", SatisfactionAsked) if m.us >= start]
    clock = _clock(ctx, "COM-8", asked, start=(start, ctx.label(k)))
    return _run(ctx, clock)


#: COM-9: the events that are a contact with the party (either way).
_CONTACTS = (
    Replied,
    AcknowledgedInWriting,
    InformationRequested,
    InformationReceived,
    FeeNoticeSent,
    SatisfactionAsked,
)


def _com9(ctx: _Context) -> ClauseResult:
    """COM-9: while the case is open, no silence with the party longer than its cadence.

    The clock starts at receipt; every contact starts the period again; the first close stops
    it. With no cadence for the party there is nothing to report."""
    party = ctx.case.request.party
    reading = ctx.policy.reading("COM-9")
    cadence, why = cadence_for(party, ctx.policy.cadences, reading.duration)
    if cadence is None:
        clause = get_clause("COM-9")
        return ClauseResult(
            "COM-9",
            clause.kind,
            ClauseState.NOT_APPLICABLE,
            explanation=[f"COM-9: {clause.summary}", f"{party.name}: {why}"],
        )
    contacts = _marks(ctx, "resume", *_CONTACTS)
    closes = _marks(ctx, "stop", Closed)[:1]
    clock = _clock(ctx, "COM-9", [*contacts, *closes], target=(cadence, why), restart=True)
    return _run(ctx, clock)


def _obligation(
    clause_id: str, state: ClauseState, lines: Iterable[str], met_at: _dt.datetime | None = None
) -> ClauseResult:
    clause = get_clause(clause_id)
    return ClauseResult(
        clause_id,
        clause.kind,
        state,
        met_at=met_at,
        explanation=[f"{clause_id}: {clause.summary}", *lines],
    )


def _com3(ctx: _Context) -> ClauseResult | None:
    shared = ctx.shared_replies()
    if not shared:
        return None
    missing = [
        ctx.label(k)
        for k, _, e in shared
        if e.from_mailbox.address.lower() not in {c.lower() for c in e.cc}
    ]
    if missing:
        return _obligation(
            "COM-3",
            ClauseState.BREACHED,
            [f"no copy to the mailbox it was sent from: {m}" for m in missing],
        )
    return _obligation(
        "COM-3",
        ClauseState.MET,
        [f"{len(shared)} repl{'y' if len(shared) == 1 else 'ies'} from a shared mailbox, each "
         f"copied to it"],
    )  # fmt: skip


def _com4(ctx: _Context) -> ClauseResult | None:
    channel = ctx.case.request.channel
    if channel not in (Channel.PERSONAL_MAILBOX, Channel.PHONE):
        return None
    moved = [(k, e) for k, _, e in ctx.shared_replies()]
    if moved:
        k, _e = moved[0]
        return _obligation(
            "COM-4",
            ClauseState.MET,
            [f"the conversation moved to a shared mailbox: {ctx.label(k)}"],
            ctx.dt(ctx.event_us[k]),
        )
    return _obligation(
        "COM-4",
        ClauseState.OPEN,
        [
            f"the request came by {channel.value}: advise the sender to use the support or "
            f"sales mailbox; a reply from a shared mailbox does so"
        ],
    )


def _com5(ctx: _Context, licences: Sequence[Licence]) -> ClauseResult | None:
    request = ctx.case.request
    on = ctx.dt(ctx.received_us).date()
    decision = coverage(request.kind, request.party, licences, on)
    if not decision.notice_required:
        return None
    if decision.coverage is Coverage.UNKNOWN:
        return _obligation(
            "COM-5",
            ClauseState.UNKNOWN,
            [*decision.reasons, "pass the party's licences to know whether a notice is owed"],
        )
    notices = ctx.events(FeeNoticeSent)
    resolved = ctx.events(Resolved)
    first_resolved = resolved[0][1] if resolved else None
    on_time = [(k, e) for k, us, e in notices if first_resolved is None or us <= first_resolved]
    if on_time:
        k, _ = on_time[0]
        return _obligation(
            "COM-5",
            ClauseState.MET,
            [*decision.reasons, f"documented by {ctx.label(k)}"],
            ctx.dt(ctx.event_us[k]),
        )
    if resolved:
        k, _, _e = resolved[0]
        return _obligation(
            "COM-5",
            ClauseState.BREACHED,
            [*decision.reasons, f"no FeeNoticeSent before {ctx.label(k)}"],
        )
    return _obligation(
        "COM-5", ClauseState.OPEN, [*decision.reasons, "send a FeeNoticeSent before resolving"]
    )


def _cpl3(ctx: _Context) -> ClauseResult | None:
    if ctx.case.request.kind not in _COMPLAINTS:
        return None
    logged = [
        (k, us, e)
        for k, us, e in ctx.known
        if isinstance(e, LoggedUnderMailbox) and e.mailbox.is_shared
    ]
    closed = ctx.events(Closed)
    if logged and (not closed or logged[0][1] <= closed[0][1]):
        k, us, _log = logged[0]
        return _obligation("CPL-3", ClauseState.MET, [f"logged: {ctx.label(k)}"], ctx.dt(us))
    if closed:
        k, _, _close = closed[0]
        return _obligation(
            "CPL-3",
            ClauseState.BREACHED,
            [f"closed before being logged under the support or sales mailbox: "
             f"{ctx.label(k)}"],
        )  # fmt: skip
    return _obligation(
        "CPL-3", ClauseState.OPEN, ["log the complaint under the support or sales mailbox"]
    )


def _cpl4(ctx: _Context) -> ClauseResult | None:
    if ctx.case.request.kind is not RequestKind.MATERIAL_DEFECT_CLAIM:
        return None
    routing = ctx.policy.route(RequestKind.MATERIAL_DEFECT_CLAIM)
    lines = [f"routed to {routing.primary.value}, then {routing.secondary.value}"]
    if routing.primary is not ServiceTeam.BOARD:
        lines.append("the policy's routing does not send these claims to the board first")
    escalated = ctx.events(EscalatedToBoard)
    done = ctx.events(BoardAnalysisDone)
    closed = ctx.events(Closed)
    if escalated:
        lines.append(f"escalated: {ctx.label(escalated[0][0])}")
    if done and (not closed or done[0][1] <= closed[0][1]):
        k, us, _ = done[0]
        return _obligation(
            "CPL-4", ClauseState.MET, [*lines, f"analysed: {ctx.label(k)}"], ctx.dt(us)
        )
    if closed:
        k, _, _e = closed[0]
        return _obligation(
            "CPL-4",
            ClauseState.BREACHED,
            [*lines, f"closed before the board's analysis was done: {ctx.label(k)}"],
        )
    todo = "await the board's analysis" if escalated else "escalate the claim to the board"
    return _obligation("CPL-4", ClauseState.OPEN, [*lines, f"open: {todo}"])


def _policy_for(
    policy: Policy | PolicyHistory, case: Case, as_of: _dt.datetime
) -> tuple[Policy, list[str]]:
    if isinstance(policy, Policy):
        return policy, []
    if isinstance(policy, PolicyHistory):
        chosen = policy.for_case(case.request.received_at, as_of)
        why = (
            "in force when the request was received"
            if policy.choice == "keep_original"
            else "in force at as_of, applied to the whole case"
        )
        return chosen, [f"policy {chosen.version} ({why})"]
    raise WrongTypeError(
        f"policy must be a Policy or a PolicyHistory, got {policy!r} ({type(policy).__name__})"
    )


def assess(
    policy: Policy | PolicyHistory,
    case: Case,
    as_of: _dt.datetime,
    *,
    resolution_target: Duration | None = None,
    licences: Iterable[Licence] = (),
) -> Assessment:
    """Every clause that applies to ``case``, assessed as of ``as_of`` under ``policy``.

    Events after ``as_of`` are ignored: the log as it was known then. ``resolution_target`` is
    MAIL-2's target from the customer's licence terms (without it, MAIL-2 is UNKNOWN, unless the
    policy's reading gives one); ``licences`` are the party's licences, for COM-5.

    >>> import pendulum
    >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
    ...     Mailbox, Replied, Request, RequestKind)
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> friday = pendulum.datetime(2026, 3, 6, 15, 30, tz="Europe/Copenhagen")
    >>> request = Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, friday, ada,
    ...                   EndCustomer("Acme", [ada]))
    >>> monday_9 = pendulum.datetime(2026, 3, 9, 9, tz="Europe/Copenhagen")
    >>> case = Case(request, [Replied(monday_9, Mailbox.support(), ["ada@acme.dk"],
    ...                               cc=["support@expandit.com"])])
    >>> mail1 = assess(EXPANDIT_POLICY, case, monday_9.add(hours=1)).result("MAIL-1")
    >>> mail1.state, mail1.due_at.isoformat(), mail1.used
    (<ClauseState.MET: 'met'>, '2026-03-09T09:30:00+01:00', datetime.timedelta(seconds=5400))
    """
    if not isinstance(case, Case):
        raise WrongTypeError(f"case must be a Case, got {case!r} ({type(case).__name__})")
    as_of_us = _time.check_range(_time.to_us(as_of, "as_of"), "as_of")
    chosen, preface = _policy_for(policy, case, as_of)
    ctx = _Context(chosen, case, as_of_us)
    results: list[ClauseResult] = [*_deadlines(ctx, resolution_target), _com9(ctx)]
    for rule in (_com3, _com4, _com8, _cpl3, _cpl4):
        result = rule(ctx)
        if result is not None:
            results.append(result)
    com5 = _com5(ctx, tuple(licences))
    if com5 is not None:
        results.append(com5)
    results.sort(key=lambda r: _ORDER[r.clause])
    if preface:
        results = [attrs.evolve(r, explanation=(*r.explanation, *preface)) for r in results]
    return Assessment(case, ctx.dt(as_of_us), chosen.version, results)
