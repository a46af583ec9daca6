"""assess(): a case against a policy as of an instant, driven by the clause registry.

Every clause is declared once in ``_policy._registry``; this module knows three shapes of
clause (a clock, a duty done once, a check on every reply) and what closing a case does to
each shape, and nothing about any one clause.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from .. import _time
from .._calendars._calendar import Calendar
from .._calendars._durations import BusinessHours, CalendarDays, ClockHours, Duration
from .._calendars._micro import add_us, between_us, datetime_at, stepper
from .._domain import _checks
from .._domain._case import (
    Case,
    CaseEvent,
    Closed,
    FeeNoticeSent,
    MessageReceived,
    Reopened,
    Replied,
)
from .._domain._coverage import Coverage, decide
from .._domain._entitlements import check_licences
from .._domain._licences import Licence
from .._domain._parties import MailboxKind
from .._domain._requests import Request
from .._engine._zones import EPOCH_ORDINAL, MAX_YEAR, MIN_YEAR, zone_year
from .._errors import InvalidPolicyError, WrongTypeError
from .._policy._cadences import cadence_for
from .._policy._catalogue import CATALOGUE
from .._policy._policy import Policy, PolicyHistory
from .._policy._registry import (
    CLAUSE_ORDER,
    REGISTRY,
    SHARED_MAILBOXES,
    ClockRule,
    Closing,
    DutyRule,
    ReplyRule,
    Rule,
)
from ._results import (
    Assessment,
    ClauseResult,
    ClauseState,
    WarningLevel,
    _Later,
    made,
    made_assessment,
)

__all__ = ["assess"]


def _span(td: _dt.timedelta) -> str:
    """A non-negative duration as hours and minutes: '2h00m'."""
    minutes = _time.timedelta_us(td) // (60 * _time.US_PER_SECOND)
    return f"{minutes // 60}h{minutes % 60:02d}m"


#: Each clause's first explanation line and kind, made once.
_HEADS = {c.id: f"{c.id}: {c.summary}" for c in CATALOGUE}
_KINDS = {c.id: c.kind for c in CATALOGUE}
#: What an error from the calendar names as its operation, per clause (made once, not per case).
_WHAT = {c.id: f"assess ({c.id})" for c in CATALOGUE}
#: The registry in catalogue order: results come out in that order with no sorting.
_IN_ORDER = tuple(sorted(REGISTRY, key=lambda r: CLAUSE_ORDER[r.clause]))


#: Per (zone name, local year): how that year's table turns a local wall time into an instant,
#: far from an offset change (see ``_engine._zones.ZoneYear.fast_wall``).
_WALLS: dict[tuple[str, int], Callable[[int], int | None]] = {}
#: At most this many (zone, year) tables are kept by :data:`_WALLS`.
_MAX_WALLS = 1024
_DateTime = pendulum.DateTime
_Timezone = pendulum.Timezone
_DAY_US = _time.US_PER_DAY
_SECOND_US = _time.US_PER_SECOND


def event_us(t: _dt.datetime) -> int:
    """:func:`_time.to_us` of an instant the case has checked, faster for a pendulum DateTime
    in an IANA zone: its wall time read through the zone's table for the year, and the careful
    conversion only near an offset change (where a fold or a gap needs it) or at the ends of
    the supported years."""
    return instants_us((t,))[0]


def instants_us(times: Iterable[_dt.datetime]) -> list[int]:
    """:func:`event_us` of each of ``times``; the instants of a case share a zone and most often
    a year, whose table is looked up once."""
    out: list[int] = []
    last: tuple[str, int] | None = None
    wall: Callable[[int], int | None] | None = None
    for t in times:
        tz = t.tzinfo
        if type(t) is _DateTime and type(tz) is _Timezone:
            key = (tz.key, t.year)
            if key != last:
                last, wall = key, _WALLS.get(key)
                if wall is None and MIN_YEAR < key[1] < MAX_YEAR:
                    if len(_WALLS) >= _MAX_WALLS:
                        _WALLS.clear()
                    wall = _WALLS[key] = zone_year(_time.stdlib_zone(key[0]), key[1]).fast_wall
            if wall is not None:
                us = wall(
                    (t.toordinal() - EPOCH_ORDINAL) * _DAY_US
                    + (t.hour * 3_600 + t.minute * 60 + t.second) * _SECOND_US
                    + t.microsecond
                )
                if us is not None:
                    out.append(us)
                    continue
        out.append(_time.to_us(t))
    return out


def _calendar_line(calendar: Calendar) -> str:
    """'calendar: Denmark (Europe/Copenhagen)': the calendar as every explanation names it."""
    name = getattr(calendar, "name", "") or "composed"
    return f"calendar: {name} ({calendar.timezone})"


class _Context:
    """What every rule needs: the policy, the known events (at or before as_of) and helpers.

    Instants are kept as UTC microseconds and measured on the calendar's compiled timeline
    directly: a case needs a few dozen sums and deadlines, and converting each to a DateTime
    and back would cost more than the arithmetic."""

    def __init__(
        self,
        policy: Policy,
        case: Case,
        as_of_us: int,
        resolution_target: Duration | None,
        licences: tuple[Licence, ...],
    ) -> None:
        self.policy = policy
        self.case = case
        self.as_of_us = as_of_us
        self.resolution_target = resolution_target
        self.licences = licences
        self.calendar: Calendar = policy.calendar
        self.calendar_line = _calendar_line(policy.calendar)
        if policy.desk_calendars:  # a calendar per desk: the most specific that serves it
            self.calendar = policy.calendar_for(case.request)
            self.calendar_line = f"calendar: {policy.calendar_words(case.request)}"
        # the request's instant and its events', converted together (they share a zone's table)
        self.received_us, *self.event_us = instants_us(
            [case.request.received_at, *[e.at for e in case.events]]
        )
        #: How an error of the calendar's arithmetic starts: the clause being assessed, once
        #: there is one, so that a deadline past the supported years names its clause.
        self.what = "assess"
        self.known: list[tuple[int, int, CaseEvent]] = []
        # the first close known: it ends every clause that closing ends (a reopen revives none)
        self.close: tuple[int, int, Closed] | None = None
        #: The customer's messages known: without one, no next-reply clock applies through the
        #: customer's messages alone, and the next-reply clocks look through these only.
        self.messages: list[tuple[int, int, MessageReceived]] = []
        for k, (us, e) in enumerate(zip(self.event_us, case.events, strict=True)):
            if us > as_of_us:
                continue
            self.known.append((k, us, e))
            if isinstance(e, Closed):
                if self.close is None:
                    self.close = (k, us, e)
            elif isinstance(e, MessageReceived):
                self.messages.append((k, us, e))
        self._labels: dict[int, str] = {}
        self._datetimes: dict[int, pendulum.DateTime] = {}
        self._isos: dict[int, str] = {}

    @property
    def void(self) -> bool:
        """Whether the first close voids the case (a duplicate, spam, withdrawn)."""
        return self.close is not None and self.close[2].reason is not None

    def dt(self, us: int) -> pendulum.DateTime:
        """Instant ``us`` in the calendar's zone; the same few instants recur in a case."""
        out = self._datetimes.get(us)
        if out is None:
            out = self._datetimes[us] = datetime_at(self.calendar, us)
        return out

    def iso(self, us: int) -> str:
        """Instant ``us`` as explanations write it: '2026-03-02T10:00:00+01:00'."""
        text = self._isos.get(us)
        if text is None:
            text = self._isos[us] = self.dt(us).isoformat()
        return text

    def request_label(self) -> str:
        """'the request received at 2026-03-02T10:00:00+01:00', as explanations say it."""
        return f"the request received at {self.iso(self.received_us)}"

    def label_of(self, k: int) -> Callable[[], str]:
        """:meth:`label` of event ``k``, made when an explanation is read."""
        return functools.partial(self.label, k)

    def label(self, k: int) -> str:
        """'Replied at 2026-03-02T10:00:00+01:00 (events[3])': event ``k`` in explanations."""
        text = self._labels.get(k)
        if text is None:
            event = self.case.events[k]
            at = self.iso(self.event_us[k])
            why = ""
            if isinstance(event, Closed) and event.reason is not None:
                why = f" as {event.reason.value}"
            text = self._labels[k] = f"{type(event).__name__}{why} at {at} (events[{k}])"
        return text

    def between(self, a: int, b: int) -> _dt.timedelta:
        return _time.us_timedelta(between_us(self.calendar, a, b, self.what))

    def field(self, parts: _Parts, name: str) -> object:
        """Field ``name`` of a result, from the parts :func:`_result` kept: made on first read."""
        if name == "explanation":
            return _text(self, parts[0])
        if name == "used" or name == "left":
            span = parts[6] if name == "used" else parts[7]
            return None if span is None else span[2] + self.between(span[0], span[1])
        us = parts[_INSTANT_PART[name]]
        return None if us is None else self.dt(us)  # type: ignore[arg-type]  # an instant

    def as_of(self, us: int, name: str) -> pendulum.DateTime:
        """An assessment's ``as_of``, made on first read."""
        return self.dt(us)

    def add(self, a: int, duration: Duration) -> int:
        return add_us(self.calendar, a, duration, self.what)

    def head(self, clause: str) -> list[Line]:
        return [_HEADS[clause]]


#: A line of an explanation: its text, or what makes the text when the explanation is read: a
#: callable; a template with the position of the event it names as ``{label}`` and the instant
#: it names as ``{due}`` (either None when the template names none); or a function and its
#: arguments. The tuples are smaller and cheaper to make than closures.
Line = str | Callable[..., str] | tuple[str, int | None, int | None] | tuple[Any, ...]


class _Explained:
    """An explanation kept as its head (lines) and what makes the rest: ``make(*args)`` gives
    the lines after the head, when the explanation is first read. Smaller and cheaper to keep
    than a closure per line."""

    __slots__ = ("args", "head", "make")

    def __init__(
        self, head: Sequence[Line], make: Callable[..., tuple[str, ...]], args: tuple[Any, ...]
    ) -> None:
        self.head = head
        self.make = make
        self.args = args


def _text(ctx: _Context, lines: Sequence[Line] | _Explained) -> tuple[str, ...]:
    """The explanation of ``lines``: each made now, the first time it is read."""
    if type(lines) is _Explained:
        return (*_text(ctx, lines.head), *lines.make(*lines.args))
    return tuple(_line(ctx, line) for line in lines)  # type: ignore[union-attr]


def _line(ctx: _Context, line: Line) -> str:
    if type(line) is str:
        return line
    if type(line) is tuple:
        if type(line[0]) is not str:  # what makes the line, and its arguments
            return line[0](*line[1:])  # type: ignore[no-any-return]
        template, k, due = line
        text: str = template.format(
            label="" if k is None else ctx.label(k), due="" if due is None else ctx.iso(due)
        )
        return text
    return line()  # type: ignore[operator]


#: Business time between two instants, plus a duration already used: (from, to, before).
_Span = tuple[int, int, _dt.timedelta]
_NONE = _dt.timedelta(0)
#: Where each instant of a result is in its parts (:data:`_Parts`).
_INSTANT_PART = {"started_at": 1, "due_at": 2, "met_at": 3, "next_change_at": 4, "breached_at": 5}
#: What :meth:`_Context.fields` makes a result's lazy fields from.
_Parts = tuple[
    Sequence[Line] | _Explained, int | None, int | None, int | None, int | None, int | None,
    _Span | None, _Span | None,
]  # fmt: skip


def _result(
    ctx: _Context,
    clause: str,
    state: ClauseState,
    lines: Sequence[Line],
    *,
    started_at: int | None = None,
    due_at: int | None = None,
    met_at: int | None = None,
    used: _Span | None = None,
    left: _Span | None = None,
    warning: WarningLevel = WarningLevel.NONE,
    next_change_at: int | None = None,
    breached_at: int | None = None,
    instance: int = 0,
) -> ClauseResult:
    """A result; a breached one is flagged with the top warning level (CLAUSES.md: breaches).
    Instants are UTC microseconds and spans their ends, made into DateTimes, timedeltas and the
    explanation's text when the result is first read."""
    if state is ClauseState.BREACHED:
        warning = WarningLevel.BREACHED
    parts = (lines, started_at, due_at, met_at, next_change_at, breached_at, used, left)
    return made(clause, _KINDS[clause], state, warning, instance, _Later(ctx.field, parts))


# -- clocks ------------------------------------------------------------------------------------


def _target(ctx: _Context, rule: ClockRule) -> tuple[Duration | None, str, bool]:
    """The clock's duration, its description, and whether the clause applies (COM-9 does not
    without a cadence for the party)."""
    reading = ctx.policy.reading(rule.clause)
    if rule.target == "licence terms" and ctx.resolution_target is not None:
        return ctx.resolution_target, "from the customer's licence terms (passed in)", True
    if rule.target == "cadence":
        every, why = cadence_for(ctx.case.request.party, ctx.policy.cadences, reading.duration)
        return every, why, every is not None
    return reading.duration, reading.description, True


def _remaining(ctx: _Context, duration: Duration, at: int, due: int) -> Duration:
    """What is left of a clock paused at ``at`` before ``due``: business time for business
    durations, elapsed time for calendar and clock durations (MAIL-2, MAIL-3 keep time used)."""
    if isinstance(duration, ClockHours | CalendarDays):
        return ClockHours(Fraction(max(0, due - at), _time.US_PER_HOUR))
    return BusinessHours.from_timedelta(max(ctx.between(at, due), _dt.timedelta(0)))


def _nth(instance: int | None) -> str:
    """'instance 2: ' before what started a later instance; nothing for the first (or only)
    one, whose explanation reads as a clause that runs once."""
    return f"instance {instance}: " if instance else ""


def _run_clock(ctx: _Context, rule: ClockRule) -> list[ClauseResult]:
    """A clock: one result, or one per instance for a next-reply clock (``rule.messages``, when
    the reading says every message) and for a recurring duty (``rule.periods``)."""
    duration, description, applies = _target(ctx, rule)
    clause = rule.clause
    if not applies:
        party = ctx.case.request.party.name
        return [
            _result(
                ctx,
                clause,
                ClauseState.NOT_APPLICABLE,
                [*ctx.head(clause), f"{party}: {description}", ctx.calendar_line],
            )
        ]
    head = _clock_head(ctx, rule, duration, description)
    if rule.periods and duration is not None:
        return _periods(ctx, rule, duration, head)
    if rule.messages is not None and ctx.policy.reading(clause).every_message:
        return _next_replies(ctx, rule, duration, head)
    if rule.starts:
        first = next(((k, us) for k, us, e in ctx.known if isinstance(e, rule.starts)), None)
        if first is None or (ctx.void and first[1] >= ctx.close[1]):  # type: ignore[index]
            if ctx.close is not None:
                return [_result(
                    ctx, clause, ClauseState.NOT_APPLICABLE,
                    [*head, lambda k=ctx.close[0]: f"the case was closed as void: "
                     f"{ctx.label(k)}; {rule.closing.void(clock=True)}"],
                )]  # fmt: skip
            names = " or ".join(t.__name__ for t in rule.starts)
            return [
                _result(
                    ctx, clause, ClauseState.NOT_STARTED, [*head, f"starts at the first {names}"]
                )
            ]
        start_us, start_label = first[1], ctx.label_of(first[0])
    else:
        start_us, start_label = ctx.received_us, ctx.request_label
    # A plain close ends the clocks that must be done by then; a void close ends every clock,
    # the post-close follow-up (COM-8) included: nothing was served to follow up.
    close = ctx.close if rule.closing is Closing.ENDS or ctx.void else None
    result, _ = _walk(ctx, rule, duration, head, start_us, start_label, close=close)
    return [result]


def _clock_head(
    ctx: _Context, rule: ClockRule, duration: Duration | None, description: str
) -> list[Line]:
    """A clock's first explanation lines: the clause, the reading, the calendar."""
    return [
        *ctx.head(rule.clause),
        (_reading_line, description, duration),
        ctx.calendar_line,
    ]


def _reading_line(description: str, duration: Duration | None) -> str:
    return f"reading: {description} ({duration or 'no duration'})"


def _run_messages_only(ctx: _Context, rule: ClockRule) -> list[ClauseResult]:
    """A next-reply clock whose clause does not apply to the request (a call back on a mail
    case, a mail on a phone case): its instances start at the customer's messages on its
    channel, if the reading says every message; without such a message it does not apply."""
    if not ctx.messages or rule.messages is None:
        return []
    if not ctx.policy.reading(rule.clause).every_message:
        return []
    request = ctx.case.request
    starts = rule.messages
    if not any(starts(request, e) for _, _, e in ctx.messages):
        return []
    duration, description, _ = _target(ctx, rule)
    head = _clock_head(ctx, rule, duration, description)
    head.append(f"applies through the customer's messages: the request came by {request.channel.value}")  # fmt: skip
    return _next_replies(ctx, rule, duration, head, from_request=False)


def _next_replies(
    ctx: _Context,
    rule: ClockRule,
    duration: Duration | None,
    head: list[Line],
    *,
    from_request: bool = True,
) -> list[ClauseResult]:
    """A next-reply clock (CLAUSES.md, "every message"): an instance for the request (when the
    clause applies to it) and for each further message on the clause's channel that comes while
    no answer is owed; a message that comes while one is owed joins the running instance, whose
    clock runs from the oldest unanswered message. Each instance ends at the first answer after
    it, or at the next close."""
    assert rule.messages is not None
    request = ctx.case.request
    starts = rule.messages

    def joins(event: CaseEvent) -> bool:
        return isinstance(event, MessageReceived) and starts(request, event)

    results: list[ClauseResult] = []
    after_k, start_us = -1, ctx.received_us
    label: Callable[[], str] = ctx.request_label
    if not from_request:
        after_k, start_us = next((k, us) for k, us, e in ctx.messages if starts(request, e))
        label = ctx.label_of(after_k)
    while True:
        close = next(
            ((k, us, e) for k, us, e in ctx.known if k > after_k and isinstance(e, Closed)), None
        )
        result, end_k = _walk(
            ctx, rule, duration, head, start_us, label,
            close=close, after_k=after_k, instance=len(results), joins=joins,
        )  # fmt: skip
        results.append(result)
        if end_k is None:
            return results
        following = next(
            ((k, us) for k, us, e in ctx.messages if k > end_k and starts(request, e)), None
        )
        if following is None:
            return results
        after_k, start_us = following
        label = ctx.label_of(after_k)


def _walk(
    ctx: _Context,
    rule: ClockRule,
    duration: Duration | None,
    head: list[Line],
    start_us: int,
    start_label: Callable[[], str],
    *,
    close: tuple[int, int, Closed] | None,
    after_k: int = -1,
    instance: int | None = None,
    joins: Callable[[CaseEvent], bool] | None = None,
) -> tuple[ClauseResult, int | None]:
    """One run of a clock through the known log from ``start_us`` (events after position
    ``after_k``): start, pauses, resumes or restarts, the stop, the ``close`` that ends it, a
    breach. Returns the result and the position of the event that ended it (a stop or the
    close), if any. ``instance`` numbers an instance of a clause with several; ``joins`` tells
    the messages that join it."""
    clause = rule.clause
    void = close is not None and close[2].reason is not None
    figures: dict[str, Any] = {} if instance is None else {"instance": instance}
    if ctx.as_of_us < start_us:
        started = start_us
        return _result(
            ctx, clause, ClauseState.NOT_STARTED,
            [*head, lambda: f"starts at {start_label()}, after as_of"],
            started_at=started, next_change_at=started, **figures,
        ), None  # fmt: skip
    notes: list[Line] = [(_started_at, instance, start_label)]
    restarts = rule.resume == "restarts"
    period = start_us  # the start of the current period (restarts) or of the current run
    used_before = _dt.timedelta(0)  # business time used by earlier runs (keeps time)
    due = None if duration is None else ctx.add(period, duration)
    paused_at: int | None = None
    left_at_pause: Duration | None = None
    breached_at: int | None = None
    stop: int | None = None  # the instant the clock stopped
    end_k: int | None = None  # the event that ended it
    met_k: int | None = None  # the event that met it
    ending: ClauseState | None = None  # set by a close
    close_k = close[0] if close is not None else -1
    relevant = rule.relevant
    for k, us, event in ctx.known:
        if k <= after_k or us < start_us:
            continue
        kind = type(event)
        closing = k == close_k
        if joins is not None and isinstance(event, MessageReceived) and joins(event):
            notes.append(("joined by {label}: an answer was already owed", k, None))
            continue
        if kind not in relevant and not closing:
            continue
        is_stop = kind in rule.stops
        is_pause = kind in rule.pauses
        is_resume = kind in rule.resumes
        if due is not None and paused_at is None and breached_at is None and us > due:
            breached_at = due
            notes.append(("breached at {due}: due passed with no stop", None, due))
        if is_stop:
            stop, met_k, end_k = us, k, k
            notes.append(("stopped by {label}", k, None))
            break
        if closing:
            stop, end_k = us, k
            if breached_at is not None:
                ending = ClauseState.BREACHED
                notes.append(("ended by {label}: already breached", k, None))
            elif void:
                ending = ClauseState.CANCELLED
                notes.append(("cancelled by {label}: the case is void", k, None))
            elif paused_at is not None:
                ending = ClauseState.CANCELLED
                notes.append(
                    ("cancelled by {label}: closed while waiting on the customer", k, None)
                )
            elif due is not None:
                ending = ClauseState.MET
                met_k = k
                notes.append(("stopped by {label}, in time", k, None))
            break
        if breached_at is not None:
            notes.append(("ignored {label}: the target was already breached", k, None))
        elif is_pause and paused_at is None:
            paused_at = us
            if due is not None and duration is not None and not restarts:
                left_at_pause = _remaining(ctx, duration, us, due)
            due = None
            notes.append(("paused by {label}", k, None))
        elif is_resume and restarts:
            paused_at = None
            period = us
            due = None if duration is None else ctx.add(period, duration)
            notes.append(("period started again by {label}", k, None))
        elif is_resume and paused_at is not None:
            used_before += ctx.between(period, paused_at)
            paused_at = None
            period = us
            due = None if left_at_pause is None else ctx.add(period, left_at_pause)
            notes.append(("resumed by {label}, the time already used kept", k, None))
    end = stop if stop is not None else ctx.as_of_us
    if paused_at is not None:
        end = paused_at
    used = (period, end, used_before)

    notes.append((_since, ctx, period, end))
    met_at = None if met_k is None else stop
    first_at = start_us if not restarts else period
    if duration is None:
        notes.append(f"{clause}: the target is unknown; pass it in, it is never guessed")
        return _result(
            ctx, clause, ClauseState.UNKNOWN, [*head, *notes],
            started_at=first_at, met_at=met_at, used=used, **figures,
        ), end_k  # fmt: skip
    warning = WarningLevel.NONE
    next_change: int | None = None
    if ending is not None:
        state = ending
    elif met_k is not None:
        state = ClauseState.MET_LATE if breached_at is not None else ClauseState.MET
    elif paused_at is not None:
        state = ClauseState.PAUSED
    elif breached_at is not None:
        state = ClauseState.BREACHED
    else:
        assert due is not None  # only a pause clears the due instant
        if ctx.as_of_us >= due:
            state = ClauseState.BREACHED
            breached_at = due
            notes.append(("breached at {due}: due passed with no stop", None, due))
        else:
            state = ClauseState.RUNNING
            warning, next_change = _warning(ctx, period, due)
    left = None if due is None else (end, due, _NONE)
    if due is not None:
        notes.append(("due {due}", None, due))
    if state is ClauseState.BREACHED:
        warning = WarningLevel.BREACHED
    return _result(
        ctx, clause, state, (*head, *notes), started_at=first_at, due_at=due, met_at=met_at,
        used=used, left=left, warning=warning, next_change_at=next_change,
        breached_at=breached_at, instance=instance or 0,
    ), end_k  # fmt: skip


def _started_at(instance: int | None, start_label: Callable[[], str]) -> str:
    return f"{_nth(instance)}started by {start_label()}"


def _since(ctx: _Context, period: int, end: int) -> str:
    elapsed = _time.us_timedelta(end - period)
    run = ctx.between(period, end)
    return (
        f"since {ctx.iso(period)}: {_span(elapsed)} elapsed, {_span(run)} of it "
        f"business time; {_span(elapsed - run)} outside opening hours skipped"
    )


def _periods(
    ctx: _Context, rule: ClockRule, every: Duration, head: list[Line]
) -> list[ClauseResult]:
    """A recurring duty (COM-9): each period while the case is open is an instance. A period
    starts at the request's receipt, at a contact either way or at a reopen; the next contact
    ends it, MET if it came by the due instant and BREACHED if the silence ran past it. A close
    ends the running period (met if in time, breached if overdue; cancelled if the close voids
    the case), and none runs until a reopen.

    Each period keeps its explanation as the arguments of :func:`_period_lines`, made into text
    when the explanation is read; the case's COM-9 periods are most of an assessment's results."""
    results: list[ClauseResult] = []
    append = results.append
    step = stepper(ctx.calendar, every, ctx.what)  # the cadence, added once per period
    received_us = start_us = ctx.received_us
    due = step(start_us)
    start_k = -1  # the event that started the period; -1 for the request
    is_open = True  # a close ends the running period; only a reopen starts one again
    contacts = (*rule.resumes, Closed)
    met, breached = ClauseState.MET, ClauseState.BREACHED
    for k, us, event in ctx.known:
        if us < received_us or not isinstance(event, contacts):
            continue
        if not is_open:
            if isinstance(event, Reopened):
                start_us, start_k, due, is_open = us, k, step(us), True
            continue
        if isinstance(event, Closed):
            if us > due:
                state, why, met_at = breached, _ENDED_LATE, None
            elif event.reason is not None:
                state, why, met_at = ClauseState.CANCELLED, _VOIDED, None
            else:
                state, why, met_at = met, _CLOSED_IN_TIME, us
            is_open = False
        elif us != start_us:  # a contact at the instant the period starts makes no empty period
            if us > due:
                state, why, met_at = breached, _LATE_CONTACT, None
            else:
                state, why, met_at = met, _CONTACT, us
        else:
            continue
        warning = WarningLevel.BREACHED if state is breached else WarningLevel.NONE
        append(_period(ctx, rule, head, len(results), state, warning, None, why, k, us, met_at,
                       start_us, start_k, due))  # fmt: skip
        if is_open:
            start_us, start_k, due = us, k, step(us)
    if is_open:  # the running period, as of as_of
        as_of = ctx.as_of_us
        if as_of >= due:
            state, why, warning, next_change = breached, _NO_CONTACT, WarningLevel.BREACHED, None
        else:
            state, why = ClauseState.RUNNING, _RUNNING
            warning, next_change = _warning(ctx, start_us, due)
        append(_period(ctx, rule, head, len(results), state, warning, next_change, why, -1, as_of,
                       None, start_us, start_k, due))  # fmt: skip
    return results


def _period(
    ctx: _Context, rule: ClockRule, head: list[Line], n: int, state: ClauseState,
    warning: WarningLevel, next_change: int | None, why: str, why_k: int, end: int,
    met_at: int | None, start: int, start_k: int, due: int,
) -> ClauseResult:  # fmt: skip
    """COM-9's period ``n``, from ``start`` (event ``start_k``) to ``end`` (event ``why_k``),
    due at ``due``: its explanation kept as the arguments of :func:`_period_lines`."""
    lines = _Explained(head, _period_lines, (ctx, n, start, start_k, why, why_k, end, due))
    parts = (
        lines, start, due, met_at, next_change, due if state is ClauseState.BREACHED else None,
        (start, end, _NONE), (end, due, _NONE),
    )  # fmt: skip
    return made(rule.clause, _KINDS[rule.clause], state, warning, n, _Later(ctx.field, parts))


#: How a COM-9 period ended, as its explanation says it: ``{label}`` is the event that ended it,
#: ``{due}`` the due instant.
_ENDED_LATE = "silence past the due instant; ended by {label}"
_VOIDED = "cancelled by {label}: the case is void"
_CLOSED_IN_TIME = "stopped by {label}, in time"
_LATE_CONTACT = "silence past the due instant; the next contact: {label}"
_CONTACT = "met by the contact {label}"
_NO_CONTACT = "breached at {due}: no contact by the due instant"
_RUNNING = "running: the next contact meets it"


def _period_lines(
    ctx: _Context, n: int, start: int, start_k: int, why: str, why_k: int, end: int, due: int
) -> tuple[str, ...]:
    """The lines of a COM-9 period's explanation after its head (see :func:`_periods`)."""
    started_by = ctx.request_label() if start_k < 0 else ctx.label(start_k)
    elapsed = _time.us_timedelta(end - start)
    run = ctx.between(start, end)
    return (
        f"{_nth(n)}a period started by {started_by}",
        why.format(label=ctx.label(why_k) if why_k >= 0 else "", due=ctx.iso(due)),
        f"since {ctx.iso(start)}: {_span(elapsed)} elapsed, {_span(run)} of it business time",
        f"due {ctx.iso(due)}",
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


# -- duties done once --------------------------------------------------------------------------


def _run_duty(ctx: _Context, rule: DutyRule) -> ClauseResult | None:
    """A duty done once: MET by the first event that does it; BREACHED by an event after which
    it is too late, or by closing; OPEN until then."""
    clause = rule.clause
    request = ctx.case.request
    lines: list[str] = []
    expected: Coverage | None = None
    if rule.coverage:
        # the request's kind and party were checked when the case was built; the licences
        # come straight from the caller and are checked here, as coverage() checks them
        decision = decide(
            request.kind,
            request.party,
            check_licences(ctx.licences),
            lambda: ctx.dt(ctx.received_us).date(),
        )
        if not decision.notice_required:
            return None
        lines += decision.reasons
        expected = None if decision.coverage is Coverage.UNKNOWN else decision.coverage
    if rule.notes is not None:
        lines += rule.notes(ctx.policy)
    head: list[Line] = [*ctx.head(clause), *lines, ctx.calendar_line]
    todo = rule.todo
    for k, us, event in ctx.known:
        if rule.progress and todo is rule.todo and isinstance(event, rule.progress):
            head.append(("so far: {label}", k, None))
            todo = rule.then
        if rule.done_by(event):
            stated = event.coverage if isinstance(event, FeeNoticeSent) else None
            if rule.coverage and expected is not None and stated is not expected:
                said = "nothing" if stated is None else repr(stated.value)
                return _result(
                    ctx, clause, ClauseState.BREACHED,
                    [*head, lambda k=k, said=said: f"{ctx.label(k)} states {said}, but "
                     f"coverage() decides {expected.value!r}"],
                    breached_at=us,
                )  # fmt: skip
            return _result(
                ctx,
                clause,
                ClauseState.MET,
                [*head, lambda k=k: f"{rule.met_words}: {ctx.label(k)}"],
                met_at=us,
            )
        too_late = isinstance(event, rule.too_late)
        closing = isinstance(event, Closed) and rule.closing is Closing.ENDS
        if closing and ctx.void:
            return _result(
                ctx, clause, ClauseState.CANCELLED,
                [*head, ("cancelled by {label}: the case is void", k, None)],
            )  # fmt: skip
        if too_late or closing:
            what = "closed" if closing else "concluded"
            if rule.coverage and expected is None:
                # Coverage unknown: any notice in time meets it, none leaves it unknown, and
                # a notice after the work is concluded cannot change a finished result.
                return _result(
                    ctx, clause, ClauseState.UNKNOWN,
                    [*head, lambda k=k, what=what: f"{what} with no notice while coverage is "
                     f"unknown: "
                     f"{ctx.label(k)}; a later notice does not count"],
                )  # fmt: skip
            return _result(
                ctx, clause, ClauseState.BREACHED,
                [*head, lambda k=k, what=what: f"{what} before {rule.done_words}: "
                 f"{ctx.label(k)}"],
                breached_at=us,
            )  # fmt: skip
    if rule.coverage and expected is None:
        return _result(
            ctx, clause, ClauseState.UNKNOWN,
            [*head, "pass the party's licences to know which notice is owed; any notice "
             "meets COM-5 meanwhile"],
        )  # fmt: skip
    return _result(ctx, clause, ClauseState.OPEN, [*head, f"open: {todo}"])


# -- a check on every reply --------------------------------------------------------------------


def _run_replies(ctx: _Context, rule: ReplyRule) -> list[ClauseResult]:
    """Every reply sent on behalf of a shared mailbox copies it: a reply from a shared mailbox
    copies that mailbox; any reply on a case that arrived through a shared mailbox copies the
    mailbox it arrived on, whichever mailbox it is sent from. Each reply checked is an instance:
    MET when it copies the mailbox, BREACHED at the reply when it does not."""
    arrival = SHARED_MAILBOXES.get(ctx.case.request.channel)
    clause = rule.clause
    head = [*ctx.head(clause), ctx.calendar_line]
    results: list[ClauseResult] = []
    # The addresses a shared mailbox of each kind goes by in this case so far: the standard one,
    # and any a desk uses for it (seen as the sender of an earlier or this reply). Only the log
    # up to each reply counts, so a later event never changes a reply's result.
    addresses: dict[MailboxKind, set[str]] = {kind: {address} for kind, address in _STANDARD}
    for k, us, event in ctx.known:
        if not isinstance(event, Replied):
            continue
        sender = event.from_mailbox
        if sender.is_shared:
            addresses[sender.kind].add(sender.address.lower())
        # A case that arrived through a shared mailbox is answered on its behalf, whichever
        # mailbox a reply is sent from; on other cases a reply from a shared mailbox is sent on
        # behalf of that mailbox.
        box = arrival if arrival is not None else (sender if sender.is_shared else None)
        if box is None:
            continue
        at = us
        n = len(results)
        started = functools.partial(_started_by, ctx, n, k)
        if {c.lower() for c in event.cc} & addresses[box.kind]:
            results.append(_result(
                ctx, clause, ClauseState.MET,
                [*head, started, f"copied to the mailbox it was sent on behalf of "
                 f"({box.address})"],
                started_at=at, met_at=at, instance=n,
            ))  # fmt: skip
        else:
            results.append(_result(
                ctx, clause, ClauseState.BREACHED,
                [*head, started, functools.partial(_no_copy, ctx, box.address, k)],
                started_at=at, breached_at=at, instance=n,
            ))  # fmt: skip
    return results


#: Each kind of shared mailbox and its standard address, as replies are compared with it.
_STANDARD = tuple((box.kind, box.address.lower()) for box in SHARED_MAILBOXES.values())


def _started_by(ctx: _Context, n: int, k: int) -> str:
    return f"{_nth(n)}started by {ctx.label(k)}"


def _no_copy(ctx: _Context, address: str, k: int) -> str:
    return f"no copy to the mailbox it was sent on behalf of ({address}): {ctx.label(k)}"


def _run_duty_once(ctx: _Context, rule: DutyRule) -> list[ClauseResult]:
    result = _run_duty(ctx, rule)
    return [] if result is None else [result]


_RUNNERS: dict[type, Callable[[_Context, Rule], list[ClauseResult]]] = {
    ClockRule: _run_clock,  # type: ignore[dict-item]
    DutyRule: _run_duty_once,  # type: ignore[dict-item]
    ReplyRule: _run_replies,  # type: ignore[dict-item]
}


#: A rule to run: what runs it, the rule, and how an error of the calendar names it.
_Step = tuple[Callable[[_Context, Any], list[ClauseResult]], Rule, str]
_APPLYING: dict[tuple[object, ...], tuple[_Step, ...]] = {}


def _rules_for(request: Request) -> tuple[_Step, ...]:
    """The rules to run for ``request``, in catalogue order, each with what runs it: its shape's
    runner for those that apply to the request, and for the next-reply clocks that do not,
    :func:`_run_messages_only` (they also apply through the customer's messages on their
    channel). A rule's ``applies`` looks only at the request's channel, kind, fee-earning caller
    and kind of party (see the registry), so the plan is kept per combination: at most a few
    hundred, made once each."""
    key = (request.channel, request.kind, request.caller_is_fee_earner, type(request.party))
    steps = _APPLYING.get(key)
    if steps is None:
        steps = _APPLYING[key] = tuple(
            (_RUNNERS[type(r)] if applies else _run_messages_only, r, _WHAT[r.clause])
            for r in _IN_ORDER
            if (applies := r.applies(request))
            or (isinstance(r, ClockRule) and r.messages is not None)
        )
    return steps


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


def _check_target(target: object) -> None:
    """A MAIL-2 target: a duration that counts forward, as a reading's must."""
    if not isinstance(target, Duration):
        raise WrongTypeError(
            f"resolution_target must be BusinessHours, BusinessDays, CalendarDays, ClockHours or "
            f"None, got {_checks.got(target)}"
        )
    if isinstance(target, BusinessHours | ClockHours) and target.hours < 0:
        raise InvalidPolicyError(
            f"resolution_target must not be negative, got {target!r}; a target counts forward "
            f"from the request (zero hours means the next opening)"
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
    if type(as_of) is _DateTime and type(as_of.tzinfo) is _Timezone:  # aware: the zone's table
        as_of_us = _time.check_range(event_us(as_of), "as_of")
    else:
        as_of_us = _time.check_range(_time.to_us(as_of, "as_of"), "as_of")
    chosen, preface = _policy_for(policy, case, as_of)
    # a collection of licences (each is checked where COM-5 decides); not a text or a number
    held = licences if type(licences) is tuple else _checks.check_iterable(licences, "licences")
    if resolution_target is not None:
        _check_target(resolution_target)
    ctx = _Context(chosen, case, as_of_us, resolution_target, held)
    results: list[ClauseResult] = []
    for run, rule, what in _rules_for(case.request):
        ctx.what = what
        results += run(ctx, rule)
    if preface:
        results = [
            _checks.unchecked(
                ClauseResult,
                **{**attrs.asdict(r, recurse=False), "explanation": (*r.explanation, *preface)},
            )
            for r in results
        ]
    return made_assessment(case, _Later(ctx.as_of, as_of_us), chosen.version, tuple(results))
