"""A case: a request and the ordered, typed log of what happened to it."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias, TypeVar, get_args

import attrs

from .. import _checks, _time
from .._errors import (
    CaseEventError,
    InvalidCaseError,
    InvalidValueError,
    NaiveDatetimeError,
    PolicyError,
    WrongTypeError,
)
from ._coverage import Coverage
from ._parties import Contact, Mailbox
from ._requests import Channel, Request

__all__ = [
    "AcknowledgedInWriting",
    "BoardAnalysisDone",
    "Case",
    "CaseEvent",
    "CloseReason",
    "Closed",
    "EscalatedToBoard",
    "FeeNoticeSent",
    "InformationReceived",
    "InformationRequested",
    "LoggedUnderMailbox",
    "MessageReceived",
    "Reopened",
    "Replied",
    "Resolved",
    "SatisfactionAsked",
]


@attrs.frozen
class _Event:
    # pendulum pickles an instant without its fold; this keeps it (_checks)
    __reduce__ = _checks.reduce_keeping_folds

    at: _dt.datetime = attrs.field(validator=_checks.aware, eq=_checks.moment)
    """The instant it happened (an aware datetime)."""


@attrs.frozen
class AcknowledgedInWriting(_Event):
    """Receipt of the request was acknowledged in writing (CPL-1).

    >>> import pendulum
    >>> AcknowledgedInWriting(pendulum.datetime(2026, 3, 2, 10, tz="Europe/Copenhagen")).at.hour
    10
    """


def _addresses(value: Iterable[str]) -> tuple[str, ...]:
    return _checks.as_tuple(value)  # type: ignore[no-any-return]


def _recipients(inst: Replied, attribute: attrs.Attribute[Any], value: Any) -> None:
    _checks.emails(inst, attribute, value)
    if not value:
        raise InvalidValueError("Replied.to must name at least one address, got ()")


@attrs.frozen
class Replied(_Event):
    """A reply was sent: from which mailbox, to whom, with whom in copy (COM-3).

    >>> import pendulum
    >>> r = Replied(pendulum.datetime(2026, 3, 2, 10, tz="Europe/Copenhagen"), Mailbox.support(),
    ...             ["ada@acme.dk"], cc=["support@expandit.com"])
    >>> r.to, r.cc
    (('ada@acme.dk',), ('support@expandit.com',))
    """

    from_mailbox: Mailbox = attrs.field(validator=_checks.instance(Mailbox, "a Mailbox"))
    """The mailbox the reply was sent from."""
    to: tuple[str, ...] = attrs.field(converter=_addresses, validator=_recipients)
    """The addresses it was sent to."""
    cc: tuple[str, ...] = attrs.field(default=(), converter=_addresses, validator=_checks.emails)
    """The addresses copied."""


@attrs.frozen
class InformationRequested(_Event):
    """More information was asked of the sender (CPL-2's clock waits for it).

    >>> import pendulum
    >>> InformationRequested(pendulum.datetime(2026, 3, 2, 10, tz="UTC")).at.tzname()
    'UTC'
    """


@attrs.frozen
class InformationReceived(_Event):
    """The information asked for arrived (CPL-2's clock starts, or starts again).

    >>> import pendulum
    >>> InformationReceived(pendulum.datetime(2026, 3, 3, 8, tz="UTC")).at.day
    3
    """


def _notice(inst: FeeNoticeSent, attribute: attrs.Attribute[Any], value: Any) -> None:
    _checks.instance(Coverage, "a Coverage")(inst, attribute, value)
    if value not in (Coverage.COVERED_BY_SA, Coverage.NEEDS_FEES):
        raise InvalidValueError(
            f"FeeNoticeSent.coverage must be Coverage.COVERED_BY_SA (a coverage notice) or "
            f"Coverage.NEEDS_FEES (a fee notice), got {value!r}"
        )


@attrs.frozen
class FeeNoticeSent(_Event):
    """The customer was told, in writing, that the work needs extra fees or is covered by
    Software Assurance (COM-5).

    >>> import pendulum
    >>> n = FeeNoticeSent(pendulum.datetime(2026, 3, 2, 10, tz="UTC"), Coverage.NEEDS_FEES,
    ...                   "2 hours at EUR 150")
    >>> n.note
    '2 hours at EUR 150'
    """

    coverage: Coverage = attrs.field(validator=_notice)
    """COVERED_BY_SA for a coverage notice, NEEDS_FEES for a fee notice."""
    note: str = attrs.field(default="", validator=_checks.free_text)
    """What the notice said (the fee, the SA term that covers it)."""


@attrs.frozen
class Resolved(_Event):
    """A complete answer was given (a fix, a quote, the answer to a complaint).

    >>> import pendulum
    >>> Resolved(pendulum.datetime(2026, 3, 4, 12, tz="UTC")).at.day
    4
    """


class CloseReason(enum.Enum):
    """Why a case was closed without being served: a close for one of these reasons voids the
    case, so its running and paused clocks end CANCELLED and no open duty is breached.

    >>> CloseReason("duplicate")
    <CloseReason.DUPLICATE: 'duplicate'>
    """

    DUPLICATE = "duplicate"
    """The request repeats another case, which is served instead."""
    SPAM = "spam"
    """The request was not a real customer request."""
    WITHDRAWN = "withdrawn"
    """The customer withdrew the request."""


@attrs.frozen
class Closed(_Event):
    """The case was closed; with a ``reason``, closed as void (a duplicate, spam, withdrawn).

    Events compare by instant, so the same instant given in two zones is the same event:

    >>> import pendulum
    >>> Closed(pendulum.datetime(2026, 3, 4, 12, tz="UTC")) == Closed(
    ...     pendulum.datetime(2026, 3, 4, 13, tz="Europe/Copenhagen"))
    True
    >>> Closed(pendulum.datetime(2026, 3, 4, 12, tz="UTC"), CloseReason.DUPLICATE).reason.value
    'duplicate'
    """

    reason: CloseReason | None = attrs.field(
        default=None,
        validator=_checks.optional(CloseReason, "a CloseReason or None"),
    )
    """None for an ordinary close; a ``CloseReason`` for a close that voids the case."""


@attrs.frozen
class Reopened(_Event):
    """A closed case was opened again.

    >>> import pendulum
    >>> Reopened(pendulum.datetime(2026, 3, 5, 9, tz="UTC")).at.day
    5
    """


@attrs.frozen
class SatisfactionAsked(_Event):
    """The end customer was asked whether they were satisfied (COM-8).

    >>> import pendulum
    >>> SatisfactionAsked(pendulum.datetime(2026, 3, 5, 9, tz="UTC")).at.month
    3
    """


@attrs.frozen
class EscalatedToBoard(_Event):
    """A claim of a material defect went to the board (CPL-4).

    >>> import pendulum
    >>> EscalatedToBoard(pendulum.datetime(2026, 3, 2, 11, tz="UTC")).at.hour
    11
    """


@attrs.frozen
class BoardAnalysisDone(_Event):
    """The board finished its analysis of a claimed material defect (CPL-4).

    >>> import pendulum
    >>> BoardAnalysisDone(pendulum.datetime(2026, 3, 9, 15, tz="UTC")).at.day
    9
    """


@attrs.frozen
class LoggedUnderMailbox(_Event):
    """The case was logged under a mailbox (CPL-3 asks for the sales or support mailbox).

    >>> import pendulum
    >>> LoggedUnderMailbox(pendulum.datetime(2026, 3, 2, 10, tz="UTC"), Mailbox.sales()).mailbox.kind
    <MailboxKind.SALES: 'sales'>
    """

    mailbox: Mailbox = attrs.field(validator=_checks.instance(Mailbox, "a Mailbox"))
    """The mailbox the case is logged under."""


@attrs.frozen
class MessageReceived(_Event):
    """A further message from the customer on the case: a follow-up mail ("it still fails",
    "here is the log") or a call. On its clause's channel it starts a next-reply clock (MAIL-1,
    MAIL-4, TEL-3), or joins the one running; every message counts as a contact for COM-9.

    >>> import pendulum
    >>> from expandit_policy import Channel, Contact
    >>> m = MessageReceived(pendulum.datetime(2026, 3, 2, 13, tz="Europe/Copenhagen"),
    ...                     Channel.SUPPORT_MAILBOX, Contact("Ada Jensen", "ada@acme.dk"))
    >>> m.channel, m.contact.name
    (<Channel.SUPPORT_MAILBOX: 'support mailbox'>, 'Ada Jensen')
    """

    channel: Channel = attrs.field(validator=_checks.instance(Channel, "a Channel"))
    """The channel it came on."""
    contact: Contact | None = attrs.field(
        default=None, validator=_checks.optional(Contact, "a Contact or None")
    )
    """Who sent it; None: the request's sender (TEL-3 then asks whether the sender earns fees)."""


CaseEvent: TypeAlias = (
    AcknowledgedInWriting
    | Replied
    | InformationRequested
    | InformationReceived
    | FeeNoticeSent
    | Resolved
    | Closed
    | Reopened
    | SatisfactionAsked
    | EscalatedToBoard
    | BoardAnalysisDone
    | LoggedUnderMailbox
    | MessageReceived
)
"""Anything that can happen to a case."""

_EVENT_TYPES: tuple[type[CaseEvent], ...] = get_args(
    CaseEvent
)  # the union is the one list of events


T = TypeVar("T", int, _dt.datetime)


def _when(t: object) -> str:
    return t.isoformat() if isinstance(t, _dt.datetime) else repr(t)


def in_order(received: T, events: tuple[Any, ...], times: Sequence[T]) -> bool:
    """Whether a log of case events, which happened at ``times``, is sound for a request
    received at ``received``: each event at or after the request and the one before it, no reply
    or customer message while closed, no reopen without a close. The instants are µs since the
    epoch, or datetimes with a fixed offset (``datetime.timezone``, as ISO text is read), which
    compare as the moments they name; not datetimes in a zone with a change of clocks, which
    Python compares by wall time within the zone. The test that :func:`_problems` explains;
    alone, it formats nothing.
    """
    previous = received
    closed = False
    for event, at in zip(events, times, strict=True):
        if at < previous:
            return False
        previous = at
        role = _ROLES.get(type(event))
        if role is None:  # a class of the user's own, derived from an event: ask it
            role = next((r for kind, r in _ROLES.items() if isinstance(event, kind)), _OTHER)
        if role is _CLOSE:
            closed = True
        elif role is _REOPEN:
            if not closed:
                return False
            closed = False
        elif closed and role is _WRITE:
            return False
    return True


_OTHER, _CLOSE, _REOPEN, _WRITE = "other", "close", "reopen", "write"
#: What each event does to a log's state (replies and customer messages need an open case).
_ROLES: dict[type, str] = {
    **dict.fromkeys(_EVENT_TYPES, _OTHER),
    Closed: _CLOSE,
    Reopened: _REOPEN,
    Replied: _WRITE,
    MessageReceived: _WRITE,
}


def _times(events: tuple[Any, ...]) -> list[int] | None:
    """The instants of ``events`` in µs, or None when one is not a case event with a usable
    instant (then :func:`_problems` says which)."""
    times: list[int] = []
    for event in events:
        if not isinstance(event, _EVENT_TYPES):
            return None
        try:
            times.append(_time.to_us(event.at))
        except PolicyError:
            return None
    return times


def _problems(request: Request, events: tuple[Any, ...]) -> list[PolicyError]:
    """Every problem of the log, in order of position."""
    received = _time.to_us(request.received_at)
    times = _times(events)
    if times is not None and in_order(received, events, times):
        return []  # the common case, answered without formatting a message
    problems: list[PolicyError] = []
    previous: tuple[str, int] | None = None  # the last event with a usable time: its name and µs
    closed: Any = None  # the Closed event in force, if the case is closed
    for k, event in enumerate(events):
        if not isinstance(event, _EVENT_TYPES):
            problems.append(
                WrongTypeError(
                    f"events[{k}] must be a case event such as Replied or Closed, "
                    f"got {_checks.got(event)}"
                )
            )
            continue
        where = f"events[{k}] ({type(event).__name__} at {_when(event.at)})"
        try:
            us: int | None = _time.to_us(event.at, f"events[{k}] ({type(event).__name__}).at")
        except (NaiveDatetimeError, WrongTypeError) as exc:
            problems.append(exc)
            us = None
        if us is not None and us < received:
            problems.append(
                CaseEventError(
                    f"{where}: happened before the request was received at "
                    f"{_when(request.received_at)}; the log starts with the request"
                )
            )
        elif us is not None:
            if previous is not None and us < previous[1]:
                problems.append(
                    CaseEventError(
                        f"{where}: is earlier than {previous[0]} before it; the log must be in "
                        f"the order things happened"
                    )
                )
            previous = (where, us)
        if isinstance(event, Closed):
            closed = event
        elif isinstance(event, Reopened):
            if closed is None:
                problems.append(CaseEventError(f"{where}: a reopen without a prior close"))
            closed = None
        elif isinstance(event, Replied) and closed is not None:
            problems.append(
                CaseEventError(
                    f"{where}: a reply after the case was closed at {_when(closed.at)} without a "
                    f"reopen; add a Reopened event before it"
                )
            )
        elif isinstance(event, MessageReceived) and closed is not None:
            problems.append(
                CaseEventError(
                    f"{where}: a customer message after the case was closed at "
                    f"{_when(closed.at)} without a reopen; add a Reopened event before it"
                )
            )
    return problems


def _events(value: Iterable[CaseEvent]) -> tuple[CaseEvent, ...]:
    return _checks.as_tuple(value)  # type: ignore[no-any-return]


def _is_tuple(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple):
        raise WrongTypeError(
            f"Case.events must be a collection of case events, got {_checks.got(value)}"
        )


@attrs.frozen
class Case:
    """A request and its ordered log of events.

    Building a case checks the whole log and reports every problem at once in an
    :class:`InvalidCaseError`: events before the request was received, events out of order,
    naive timestamps, a reply or a customer message after closing without a reopen, a reopen
    without a close.

    >>> import pendulum
    >>> from expandit_policy import Channel, Contact, EndCustomer, Request, RequestKind
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> request = Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION,
    ...                   pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen"), ada,
    ...                   EndCustomer("Acme", [ada]))
    >>> t = pendulum.datetime(2026, 3, 2, 10, tz="Europe/Copenhagen")
    >>> case = Case(request).with_event(AcknowledgedInWriting(t)).with_event(Closed(t.add(hours=2)))
    >>> [type(e).__name__ for e in case.events]
    ['AcknowledgedInWriting', 'Closed']
    """

    request: Request = attrs.field(validator=_checks.instance(Request, "a Request"))
    """The request the case is about."""
    events: tuple[CaseEvent, ...] = attrs.field(default=(), converter=_events, validator=_is_tuple)
    """What happened, in the order it happened."""

    def __attrs_post_init__(self) -> None:
        problems = _problems(self.request, self.events)
        if problems:
            raise InvalidCaseError.of(self.request.id, problems)

    def with_event(self, event: CaseEvent) -> Case:
        """A new case with ``event`` appended to the log; the log is checked again.

        >>> import pendulum
        >>> from expandit_policy import Channel, Contact, EndCustomer, Request, RequestKind
        >>> ada = Contact("Ada Jensen", "ada@acme.dk")
        >>> request = Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION,
        ...                   pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen"), ada,
        ...                   EndCustomer("Acme", [ada]))
        >>> t = pendulum.datetime(2026, 3, 2, 10, tz="Europe/Copenhagen")
        >>> len(Case(request).with_event(Resolved(t)).events)
        1
        """
        return attrs.evolve(self, events=(*self.events, event))
