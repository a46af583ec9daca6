"""The clause registry: every clause that ``assess`` checks, declared once.

Each declaration says what the clause applies to, what starts, stops, pauses and restarts it,
what closing the case (plainly or as void) does to it, its default reading and the words its
explanation uses. ``assess``, the default readings and the clause table of docs/clauses.md
follow from these declarations; adding a clause is one declaration, its tests and its docs row.

There are three shapes of clause, one class each:

* :class:`ClockRule`: a deadline with a clock (MAIL-1 to MAIL-4, TEL-3, CPL-1, CPL-2, COM-8,
  COM-9);
* :class:`DutyRule`: a duty done once, checked against the log (COM-4, COM-5, CPL-3, CPL-4);
* :class:`ReplyRule`: a check on every reply (COM-3).

Closing a case (CLAUSES.md, "Decisions on case flows") is the same for every clause of a shape
and is stated once, in :class:`Closing`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, Literal, TypeAlias

import attrs

from .. import _checks
from .._calendars._durations import BusinessDays, BusinessHours, CalendarDays, ClockHours, Duration
from .._domain._case import (
    AcknowledgedInWriting,
    BoardAnalysisDone,
    CaseEvent,
    Closed,
    EscalatedToBoard,
    FeeNoticeSent,
    InformationReceived,
    InformationRequested,
    LoggedUnderMailbox,
    MessageReceived,
    Reopened,
    Replied,
    Resolved,
    SatisfactionAsked,
)
from .._domain._parties import EndCustomer, Mailbox, ServiceTeam
from .._domain._requests import COMPLAINT_KINDS, Channel, Request, RequestKind
from .._errors import InvalidPolicyError, WrongTypeError
from ._catalogue import CATALOGUE, ClauseKind, get_clause

__all__ = [
    "CLAUSE_ORDER",
    "DEFAULT_READINGS",
    "NEXT_REPLY_CLAUSES",
    "REGISTRY",
    "SHARED_CHANNELS",
    "SHARED_MAILBOXES",
    "ClockRule",
    "Closing",
    "DutyRule",
    "Reading",
    "ReplyRule",
    "Rule",
]

EventTypes: TypeAlias = tuple[type, ...]

#: The clauses whose clock runs again for every further customer message (CLAUSES.md, "every
#: message"): the next-reply clocks. Their declarations say which messages (``messages``), and
#: each reading may turn it off (``Reading.every_message``).
NEXT_REPLY_CLAUSES = frozenset({"MAIL-1", "MAIL-4", "TEL-3"})

#: The shared mailbox a request arriving on a channel was sent to (MAIL-1, COM-3). A request does
#: not carry the address it arrived at, so the mailboxes' standard addresses stand for them.
SHARED_MAILBOXES = {
    Channel.SUPPORT_MAILBOX: Mailbox.support(),
    Channel.SALES_MAILBOX: Mailbox.sales(),
}

#: The channels that are shared mailboxes.
SHARED_CHANNELS = tuple(SHARED_MAILBOXES)


class Closing(enum.Enum):
    """What closing a case does to a clause (CLAUSES.md, "Decisions on case flows"): the rule is
    the same for every clause of a shape, so it is stated here once.

    >>> Closing.ENDS.plain(clock=True)
    'a running clock stops: met if in time, breached if overdue; paused, it is cancelled'
    """

    ENDS = "ends"
    """Closing ends it: the clause is about serving the request before it is closed."""
    RUNS_AFTER = "runs after"
    """It runs after closing: a post-close duty (COM-8), the only thing a closed case owes."""

    def plain(self, *, clock: bool) -> str:
        """What a plain close does to a clock (``clock``) or a duty, in words."""
        if self is Closing.RUNS_AFTER:
            return (
                "it keeps running (it starts at the close at the latest); a reopen changes nothing"
            )
        if clock:
            return "a running clock stops: met if in time, breached if overdue; paused, it is cancelled"
        return "an open duty is breached at the closing instant"

    def void(self, *, clock: bool) -> str:
        """What a close as void (duplicate, spam, withdrawn) does, in words."""
        if self is Closing.RUNS_AFTER:
            return (
                "not started by a void close, and cancelled if it was running: nothing was "
                "served to follow up"
            )
        if clock:
            return "running or paused: cancelled; a breach already made stays"
        return "an open duty is cancelled, not breached"


def _shared(request: Request) -> bool:
    return request.channel in SHARED_CHANNELS


def _not_complaint(channel: Channel) -> Callable[[Request], bool]:
    def applies(request: Request) -> bool:
        return request.channel is channel and request.kind not in COMPLAINT_KINDS

    return applies


def _complaint(request: Request) -> bool:
    return request.kind in COMPLAINT_KINDS


def _shared_reply(event: CaseEvent) -> bool:
    return isinstance(event, Replied) and event.from_mailbox.is_shared


def _shared_log(event: CaseEvent) -> bool:
    return isinstance(event, LoggedUnderMailbox) and event.mailbox.is_shared


def _of(*kinds: type) -> Callable[[CaseEvent], bool]:
    def test(event: CaseEvent) -> bool:
        return isinstance(event, kinds)

    return test


def _deadline_clause(inst: Reading, attribute: attrs.Attribute[Any], value: Any) -> None:
    if get_clause(value).kind is not ClauseKind.DEADLINE and value != "COM-8":
        raise InvalidPolicyError(
            f"Reading.clause must name a deadline clause (or COM-8's follow-up), got {value!r}, "
            f"of kind {get_clause(value).kind.value}"
        )


def _duration(inst: Reading, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, Duration):
        raise WrongTypeError(
            f"Reading.duration must be BusinessHours, BusinessDays, CalendarDays, ClockHours or "
            f"None, got {value!r} ({type(value).__name__})"
        )
    # A deadline before its start is no reading; zero is one (the next opening, or the same day's
    # close or end). Day counts are never negative: the durations refuse that themselves.
    if isinstance(value, BusinessHours | ClockHours) and value.hours < 0:
        raise InvalidPolicyError(
            f"Reading.duration must not be negative, got {value!r}; a reading counts forward "
            f"from the start (zero hours means the next opening)"
        )


def _every_message(inst: Reading, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, bool):
        raise WrongTypeError(
            f"Reading.every_message must be True or False, got {value!r} ({type(value).__name__})"
        )
    if value and inst.clause not in NEXT_REPLY_CLAUSES:
        raise InvalidPolicyError(
            f"Reading.every_message can be True only for a next-reply clock "
            f"({', '.join(sorted(NEXT_REPLY_CLAUSES))}), got True for {inst.clause!r}; leave it "
            f"out"
        )


@attrs.frozen
class Reading:
    """How one deadline clause is read: its duration (None when there is no default), a line
    saying what that means, and, for a next-reply clock (MAIL-1, MAIL-4, TEL-3), whether every
    further customer message starts it again.

    >>> Reading("MAIL-1", BusinessHours(4), "4 business hours").every_message
    True
    >>> Reading("MAIL-1", BusinessHours(4), "first replies only", every_message=False).duration
    BusinessHours(hours=4)
    """

    clause: str = attrs.field(validator=_deadline_clause)
    """The clause ID, e.g. 'MAIL-1'."""
    duration: Duration | None = attrs.field(validator=_duration)
    """The target, or None: MAIL-2 (the customer's licence terms give it), COM-9 (no cadence)."""
    description: str = attrs.field(validator=_checks.free_text)
    """The reading in a line."""
    every_message: bool = attrs.field(validator=_every_message)
    """Whether every further customer message on the clause's channel starts its clock again
    (or joins the one running): True by default for MAIL-1, MAIL-4 and TEL-3; False for a desk
    that promises first replies only, and for every other clause."""

    @every_message.default
    def _every_message_default(self) -> bool:
        return self.clause in NEXT_REPLY_CLAUSES


def _board_routing(policy: Any) -> list[str]:
    """CPL-4's note on the routing matrix (TEL-2): claims of defects go to the board first."""
    routing = policy.route(RequestKind.MATERIAL_DEFECT_CLAIM)
    lines = [f"routed to {routing.primary.value}, then {routing.secondary.value}"]
    if routing.primary is not ServiceTeam.BOARD:
        lines.append("the policy's routing does not send these claims to the board first")
    return lines


_FIRST_REPLY = (Replied, Resolved)  # a complete answer is a reply; an acknowledgement is not


def _on(*channels: Channel) -> Callable[[Request, MessageReceived], bool]:
    def starts(request: Request, message: MessageReceived) -> bool:
        return message.channel in channels

    return starts


def _fee_earner_call(request: Request, message: MessageReceived) -> bool:
    """TEL-3: a phone message from a fee earner (the request's caller when it names nobody)."""
    sender = message.contact or request.sender
    return message.channel is Channel.PHONE and sender.fee_earner


_SAME_TIME = "24 hours that skip closed days: 1 working day, same local time of day"


@attrs.frozen
class ClockRule:
    """A deadline clause: a clock that starts, may pause and resume (or restart), and stops.

    >>> REGISTRY[0].clause, [t.__name__ for t in REGISTRY[0].stops]
    ('MAIL-1', ['Replied', 'Resolved'])
    """

    clause: str
    """The clause ID."""
    applies_to: str
    """What it applies to, in words."""
    applies: Callable[[Request], bool]
    """Whether it applies to a request; it may look only at the request's channel, its kind,
    whether the caller is a fee earner and the kind of party (``assess`` keeps the answer per
    combination)."""
    stops: EventTypes
    """The events that meet it."""
    default: Reading
    """The default reading (CLAUSES.md)."""
    starts: EventTypes = ()
    """The events that start it (the first of them); empty: it starts at receipt."""
    pauses: EventTypes = ()
    """The events that pause it (waiting on the customer)."""
    resumes: EventTypes = ()
    """The events that resume it."""
    resume: Literal["keeps time", "restarts"] = "keeps time"
    """'keeps time': a resume continues with the business time already used (MAIL-2, MAIL-3);
    'restarts': every resume starts a new period, paused or not (CPL-2, COM-9)."""
    closing: Closing = Closing.ENDS
    """What closing the case does to it."""
    target: Literal["reading", "licence terms", "cadence"] = "reading"
    """Where the duration comes from: the policy's reading; the licence terms passed to
    ``assess`` (falling back on the reading); COM-9's cadence for the party."""
    stop_words: str = ""
    """What meets it, in words."""
    messages: Callable[[Request, MessageReceived], bool] | None = None
    """A next-reply clock: which further customer messages start an instance (or join the one
    running, while an answer is owed); None for a clock that runs once."""
    periods: bool = False
    """A recurring duty (COM-9): each period between contacts is an instance of its own."""
    relevant: frozenset[type] = attrs.field(init=False)
    """The event types the clock reacts to besides closing (derived; event types are exact)."""

    @relevant.default
    def _relevant(self) -> frozenset[type]:
        return frozenset((*self.stops, *self.pauses, *self.resumes))

    def starts_words(self) -> str:
        """What starts it, in words."""
        if self.messages is not None:
            return (
                "the request's receipt, and each `MessageReceived` on its channel while no "
                "answer is owed (an instance each; one that comes while an answer is owed joins "
                "the running instance)"
            )
        if self.periods:
            return "the request's receipt, then each contact and each `Reopened` (a period each)"
        if not self.starts:
            return "the request's receipt"
        return "the first " + " or ".join(t.__name__ for t in self.starts)


@attrs.frozen
class DutyRule:
    """A duty done once, checked against the log: open until done, breached when it can no
    longer be done right.

    >>> [r.clause for r in REGISTRY if isinstance(r, DutyRule)]
    ['COM-4', 'COM-5', 'CPL-3', 'CPL-4']
    """

    clause: str
    """The clause ID."""
    applies_to: str
    """What it applies to, in words."""
    applies: Callable[[Request], bool]
    """Whether it applies to a request (looking only at what :attr:`ClockRule.applies` may)."""
    done_by: Callable[[CaseEvent], bool]
    """Whether an event does the duty."""
    done_words: str
    """What does it, in words."""
    met_words: str
    """The word the explanation puts before the event that did it: 'logged', 'analysed'."""
    todo: str
    """What to do while it is open."""
    progress: EventTypes = ()
    """Events that bring it closer to done (CPL-4: the escalation); the first is named."""
    then: str = ""
    """What to do, once a ``progress`` event has happened."""
    too_late: EventTypes = ()
    """Events besides closing after which the duty can no longer be done right."""
    coverage: bool = False
    """COM-5: the duty is owed only when ``coverage()`` asks for a notice, and the notice must
    state the coverage it decides."""
    closing: Closing = Closing.ENDS
    """What closing the case does to it."""
    notes: Callable[[Any], list[str]] | None = None
    """Lines the explanation adds from the policy (CPL-4: the routing of claims)."""


@attrs.frozen
class ReplyRule:
    """A check on every reply: each one sent on behalf of a shared mailbox copies it.

    >>> [r.clause for r in REGISTRY if isinstance(r, ReplyRule)]
    ['COM-3']
    """

    clause: str
    """The clause ID."""
    applies_to: str
    """What it applies to, in words."""

    @staticmethod
    def applies(request: Request) -> bool:
        """Every case: whether a reply is checked depends on the reply."""
        return True


Rule: TypeAlias = ClockRule | DutyRule | ReplyRule
"""A declaration of the registry."""

REGISTRY: tuple[Rule, ...] = (
    ClockRule(
        "MAIL-1",
        "mail to the support or sales mailbox",
        _shared,
        stops=_FIRST_REPLY,
        stop_words="the first Replied, or a Resolved that comes first (a complete answer); "
        "an acknowledgement of receipt does not answer",
        messages=_on(*SHARED_CHANNELS),
        default=Reading(
            "MAIL-1",
            BusinessHours(2),
            "2 business hours; a mail that arrives while closed starts the clock at the next "
            "opening",
        ),
    ),
    ClockRule(
        "MAIL-2",
        "every request to the support mailbox except complaints and material-defect claims",
        _not_complaint(Channel.SUPPORT_MAILBOX),
        stops=(Resolved,),
        pauses=(InformationRequested,),
        resumes=(InformationReceived,),
        target="licence terms",
        stop_words="Resolved; paused while information is requested, resumed with the time "
        "used kept when it arrives",
        default=Reading(
            "MAIL-2", None, "set by the customer's licence terms (EULA); unknown until they are given"
        ),
    ),
    ClockRule(
        "MAIL-3",
        "every request to the sales mailbox except complaints and material-defect claims",
        _not_complaint(Channel.SALES_MAILBOX),
        stops=(Resolved,),
        pauses=(InformationRequested,),
        resumes=(InformationReceived,),
        stop_words="Resolved; paused while information is requested, resumed with the time "
        "used kept when it arrives",
        default=Reading(
            "MAIL-3", BusinessDays(2), "2 working days, same local time of day, from the next opening"
        ),
    ),
    ClockRule(
        "MAIL-4",
        "mail to a personal mailbox",
        lambda request: request.channel is Channel.PERSONAL_MAILBOX,
        stops=_FIRST_REPLY,
        stop_words="the first Replied, or a Resolved that comes first",
        messages=_on(Channel.PERSONAL_MAILBOX),
        default=Reading("MAIL-4", BusinessDays(1), _SAME_TIME),
    ),
    ClockRule(
        "TEL-3",
        "a call from a fee earner",
        lambda request: request.caller_is_fee_earner,
        stops=_FIRST_REPLY,
        stop_words="the first Replied, or a Resolved that comes first",
        messages=_fee_earner_call,
        default=Reading("TEL-3", BusinessDays(1), _SAME_TIME),
    ),
    ClockRule(
        "CPL-1",
        "complaints and material-defect claims",
        _complaint,
        stops=(AcknowledgedInWriting,),
        stop_words="AcknowledgedInWriting",
        default=Reading(
            "CPL-1",
            BusinessDays(2, "close_of_day"),
            "by the close of the 2nd working day after the day of receipt",
        ),
    ),
    ClockRule(
        "CPL-2",
        "complaints and material-defect claims",
        _complaint,
        stops=(Resolved,),
        pauses=(InformationRequested,),
        resumes=(InformationReceived,),
        resume="restarts",
        stop_words="Resolved; paused while information is requested, started again by each "
        "InformationReceived",
        default=Reading(
            "CPL-2",
            CalendarDays(14),
            "14 calendar days after the day the information arrived, to the end of that day; "
            "a closed last day rolls to the end of the next working day",
        ),
    ),
    ClockRule(
        "COM-8",
        "cases of end customers",
        lambda request: isinstance(request.party, EndCustomer),
        starts=(Resolved, Closed),
        stops=(SatisfactionAsked,),
        closing=Closing.RUNS_AFTER,
        stop_words="SatisfactionAsked",
        default=Reading(
            "COM-8",
            BusinessDays(1),
            "the satisfaction question within 1 working day of the problem's conclusion (the "
            "first Resolved or Closed), same local time of day",
        ),
    ),
    ClockRule(
        "COM-9",
        "every case whose party has a contact cadence",
        lambda request: True,
        stops=(),
        resumes=(
            Replied,
            AcknowledgedInWriting,
            InformationRequested,
            InformationReceived,
            FeeNoticeSent,
            SatisfactionAsked,
            MessageReceived,
            Reopened,
        ),
        resume="restarts",
        target="cadence",
        periods=True,
        stop_words="the next contact either way, which starts the next period; closing",
        default=Reading("COM-9", None, "no contact cadence set: nothing is reported until one is"),
    ),
    ReplyRule("COM-3", "every reply from a shared mailbox, and every reply on a case that "
              "arrived through one, whichever mailbox it is sent from"),
    DutyRule(
        "COM-4",
        "requests by personal mail or phone",
        lambda request: request.channel in (Channel.PERSONAL_MAILBOX, Channel.PHONE),
        done_by=_shared_reply,
        done_words="a reply from the support or sales mailbox",
        met_words="the conversation moved to a shared mailbox",
        todo="advise the sender to use the support or sales mailbox; a reply from a shared "
        "mailbox does so",
    ),
    DutyRule(
        "COM-5",
        "requests whose work coverage() says needs a notice (questions and fixes)",
        lambda request: True,
        done_by=_of(FeeNoticeSent),
        done_words="the first FeeNoticeSent, stating the coverage that coverage() decides",
        met_words="documented by",
        todo="send a FeeNoticeSent before resolving",
        too_late=(Resolved,),
        coverage=True,
    ),
    DutyRule(
        "CPL-3",
        "complaints and material-defect claims",
        _complaint,
        done_by=_shared_log,
        done_words="LoggedUnderMailbox with the support or sales mailbox",
        met_words="logged",
        todo="log the complaint under the support or sales mailbox",
    ),
    DutyRule(
        "CPL-4",
        "material-defect claims",
        lambda request: request.kind is RequestKind.MATERIAL_DEFECT_CLAIM,
        done_by=_of(BoardAnalysisDone),
        done_words="BoardAnalysisDone",
        met_words="analysed",
        todo="escalate the claim to the board",
        progress=(EscalatedToBoard,),
        then="await the board's analysis",
        notes=_board_routing,
    ),
)  # fmt: skip
"""Every clause ``assess`` checks, declared once."""

#: Each clause's position in the catalogue (CLAUSES.md order): results and rows are sorted by it.
CLAUSE_ORDER: dict[str, int] = {c.id: k for k, c in enumerate(CATALOGUE)}

DEFAULT_READINGS: tuple[Reading, ...] = tuple(
    r.default for r in REGISTRY if isinstance(r, ClockRule)
)
"""The default readings of CLAUSES.md, one per clause with a clock, from the registry."""


if {r.clause for r in REGISTRY if isinstance(r, ClockRule) and r.messages} != NEXT_REPLY_CLAUSES:
    raise AssertionError("NEXT_REPLY_CLAUSES must name the clocks that declare messages")


def _names(kinds: EventTypes) -> str:
    return ", ".join(f"`{t.__name__}`" for t in kinds) or "—"


def registry_rows() -> list[str]:
    """The registry as the rows of the table in docs/clauses.md ("How assess reads a case"):
    one per declaration, in catalogue order; the docs' table is tested against it.

    >>> registry_rows()[0].split(" | ")[:2]
    ['| COM-3', 'a check on every reply']
    """
    rows = []
    for rule in sorted(REGISTRY, key=lambda r: CLAUSE_ORDER[r.clause]):
        if isinstance(rule, ClockRule):
            shape = "a clock"
            starts = rule.starts_words()
            stops = rule.stop_words
            pauses = _names(rule.pauses)
            resumes = _names(rule.resumes)
            if rule.resumes:
                resumes += " (a new period)" if rule.resume == "restarts" else " (time used kept)"
            reading = str(rule.default.duration or "none")
        elif isinstance(rule, DutyRule):
            shape = "a duty done once"
            starts, stops, pauses, resumes = "the request's receipt", rule.done_words, "—", "—"
            if rule.too_late:
                stops += f"; breached by {_names(rule.too_late)} before it"
            reading = "—"
        else:
            shape = "a check on every reply"
            starts, stops, pauses, resumes, reading = "each reply", "a copy to the mailbox", "—", "—", "—"  # fmt: skip
        if isinstance(rule, ReplyRule):
            plain = void = "none: every reply is checked"
        else:
            clock = isinstance(rule, ClockRule)
            plain, void = rule.closing.plain(clock=clock), rule.closing.void(clock=clock)
        cells = [rule.clause, shape, rule.applies_to, starts, stops, pauses, resumes, plain, void,
                 reading]  # fmt: skip
        rows.append("| " + " | ".join(cells) + " |")
    return rows
