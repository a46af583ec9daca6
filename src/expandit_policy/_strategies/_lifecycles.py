"""Realistic case lifecycles: a request and the log a help desk writes for it, step by step, in
the order things happen on a desk, at the instants they happen (nights, weekends and the weekends
when the clocks change included). Built, not filtered: each step is chosen among those that may
come next."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .. import _time
from .._domain._case import (
    AcknowledgedInWriting,
    BoardAnalysisDone,
    Case,
    CaseEvent,
    Closed,
    CloseReason,
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
from .._domain._coverage import Coverage
from .._domain._parties import Contact, Mailbox, MailboxKind
from .._domain._requests import Channel, Request, RequestKind
from ._base import (
    DEFAULT_MAX_INSTANT,
    DEFAULT_MIN_INSTANT,
    check_count,
    check_strategy,
    drawn_zone,
    instant_range,
    one_of_values,
)
from ._domain import requests as _any_request
from ._time import timezones, transitions

__all__ = ["arrivals", "case_lifecycles"]

_SECOND = _time.US_PER_SECOND
_MINUTE = 60 * _SECOND
_HOUR = 60 * _MINUTE
_DAY = _time.US_PER_DAY

#: The zones a desk's requests arrive in by default, simplest first.
_DESK_ZONES = ("UTC", "Europe/Copenhagen", "Europe/Berlin")

#: How long the next step takes: seconds, minutes, hours or days (a unit, and the most of it).
#: Nights and weekends fall between steps as they do on a desk.
_GAPS = ((_SECOND, 59), (_MINUTE, 59), (_HOUR, 23), (_DAY, 9))

#: The channels a customer's follow-up comes on.
_FOLLOW_UP_CHANNELS = (
    Channel.SUPPORT_MAILBOX,
    Channel.SALES_MAILBOX,
    Channel.PERSONAL_MAILBOX,
    Channel.PHONE,
)

#: The customer's colleagues who write or call about a case: one earns fees (TEL-3), one not.
_COLLEAGUES = (
    Contact("Bo Holm", "bo@nordic.dk", fee_earner=True),
    Contact("Cy Lund", "cy@shop.dk"),
)

#: Staff writing from their own mailboxes.
_STAFF = (
    Mailbox(MailboxKind.PERSONAL, "kim@expandit.com"),
    Mailbox(MailboxKind.PERSONAL, "lene.s@expandit.com"),
)


@st.composite
def _arrivals(draw: st.DrawFn, zones: st.SearchStrategy[str], lo: int, hi: int) -> _dt.datetime:
    zone = drawn_zone(draw(zones))
    changes = transitions(zone, lo + 4 * _DAY, hi - 4 * _DAY) if hi - lo > 8 * _DAY else ()
    near_a_change: bool = bool(changes) and draw(st.booleans())
    if near_a_change:
        # Within three days of a change of clocks: the weekend it happens on, and the days around.
        at = draw(st.sampled_from(changes))[0]
        us = at + draw(st.integers(-3 * _DAY // _SECOND, 3 * _DAY // _SECOND)) * _SECOND
    else:
        us = draw(st.integers(lo // _SECOND, hi // _SECOND)) * _SECOND
    return _time.from_us(min(max(us, lo), hi), _time.zone(zone))


def arrivals(
    *,
    timezones: st.SearchStrategy[str] | None = None,
    min_value: _dt.datetime = DEFAULT_MIN_INSTANT,
    max_value: _dt.datetime = DEFAULT_MAX_INSTANT,
) -> st.SearchStrategy[_dt.datetime]:
    """Instants at which requests arrive, to the second, in a zone from ``timezones`` (by
    default UTC, Copenhagen and Berlin): any time of any day, and about half of them within three
    days of a change of the zone's clocks. Shrinks towards ``min_value`` in UTC. Use it as the
    ``received=`` of :func:`requests`.

    >>> import datetime
    >>> from hypothesis import given, settings
    >>> from hypothesis import strategies as st
    >>> in_2026 = arrivals(timezones=st.just("Europe/Copenhagen"),
    ...                    min_value=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    ...                    max_value=datetime.datetime(2026, 12, 31, tzinfo=datetime.UTC))
    >>> @settings(max_examples=10)
    ... @given(in_2026)
    ... def test_an_arrival_is_to_the_second_in_its_year(t):
    ...     assert t.microsecond == 0 and t.year == 2026
    >>> test_an_arrival_is_to_the_second_in_its_year()
    """
    zones = _any_zones() if timezones is None else timezones
    check_strategy(zones, "timezones")
    lo, hi = instant_range(min_value, max_value)
    return _arrivals(zones, lo, hi)


def _any_zones() -> st.SearchStrategy[str]:
    return timezones(zones=_DESK_ZONES)


def _shared_mailbox(channel: Channel) -> Mailbox:
    """The shared mailbox a request on ``channel`` belongs to (sales for the sales mailbox)."""
    return Mailbox.sales() if channel is Channel.SALES_MAILBOX else Mailbox.support()


class _Log:
    """A log being written: the clock moves forward by a plausible gap before each event."""

    def __init__(self, draw: st.DrawFn, request: Request) -> None:
        self.draw = draw
        self.us = _time.to_us(request.received_at)
        key = getattr(request.received_at.tzinfo, "key", None)
        self.zone = _time.zone(key if isinstance(key, str) else "UTC")
        self.events: list[CaseEvent] = []

    def next_instant(self) -> _dt.datetime:
        unit, most = self.draw(st.sampled_from(_GAPS))
        self.us += self.draw(st.integers(0, most)) * unit
        return _time.from_us(self.us, self.zone)

    def add(self, event: CaseEvent) -> None:
        self.events.append(event)


@st.composite
def _case_lifecycles(
    draw: st.DrawFn,
    request_strategy: st.SearchStrategy[Request],
    max_steps: int,
    max_reopens: int,
    closed: bool | None,
    close_reasons: tuple[CloseReason | None, ...],
) -> Case:
    request = draw(request_strategy)
    log = _Log(draw, request)
    shared = _shared_mailbox(request.channel)
    customer = [request.sender.email]
    claim = request.kind is RequestKind.MATERIAL_DEFECT_CLAIM

    # Receipt: the case is logged under a mailbox (CPL-3 asks for a shared one; now and then
    # someone files it under their own) and acknowledged in writing (CPL-1).
    if draw(st.booleans()):
        box = shared if draw(st.integers(0, 3)) < 3 else draw(st.sampled_from(_STAFF))
        log.add(LoggedUnderMailbox(log.next_instant(), box))
    if draw(st.booleans()):
        log.add(AcknowledgedInWriting(log.next_instant()))

    periods = 1 + draw(st.integers(0, max_reopens))
    escalated = analysed = False
    for period in range(periods):
        last = period == periods - 1
        if period:
            log.add(Reopened(log.next_instant()))
            if draw(st.booleans()):  # mostly the customer's message is why a case reopens
                log.add(_message(draw, log.next_instant(), request))
        waiting = False  # information asked of the customer and not yet received
        for _ in range(draw(st.integers(0, max_steps))):
            steps = ["reply", "message", "receive" if waiting else "ask", "fee"]
            if claim and not escalated:
                steps.append("escalate")
            elif claim and not analysed:
                steps.append("analyse")
            step = draw(st.sampled_from(steps))
            at = log.next_instant()
            if step == "reply":
                log.add(_reply(draw, at, shared, customer))
            elif step == "message":
                log.add(_message(draw, at, request))
            elif step == "ask":
                log.add(InformationRequested(at))
                waiting = True
            elif step == "receive":
                log.add(InformationReceived(at))
                waiting = False
            elif step == "fee":
                coverage = draw(st.sampled_from((Coverage.COVERED_BY_SA, Coverage.NEEDS_FEES)))
                note = "covered by Software Assurance" if coverage is Coverage.COVERED_BY_SA else "2 hours at EUR 150"  # fmt: skip
                log.add(FeeNoticeSent(at, coverage, note))
            elif step == "escalate":
                log.add(EscalatedToBoard(at))
                escalated = True
            else:
                log.add(BoardAnalysisDone(at))
                analysed = True
        if draw(st.booleans()):
            log.add(Resolved(log.next_instant()))
            if draw(st.booleans()):  # COM-8 may be asked before the case is closed
                log.add(SatisfactionAsked(log.next_instant()))
        # Every period but the last ends closed (a reopen needs a close); the last one as asked.
        if not last or (closed if closed is not None else draw(st.booleans())):
            log.add(Closed(log.next_instant(), _reason(draw, close_reasons)))
            if draw(st.booleans()):
                log.add(SatisfactionAsked(log.next_instant()))
    return Case(request, log.events)


def _reason(draw: st.DrawFn, close_reasons: tuple[CloseReason | None, ...]) -> CloseReason | None:
    """Why a case is closed: mostly an ordinary close (None) when that is allowed, now and then
    one that voids the case."""
    voids = [r for r in close_reasons if r is not None]
    if not voids or (None in close_reasons and draw(st.integers(0, 3)) < 3):
        return None
    return draw(st.sampled_from(voids))


def _message(draw: st.DrawFn, at: _dt.datetime, request: Request) -> MessageReceived:
    """A follow-up from the customer (MAIL-1, MAIL-4, TEL-3 answer each one): mostly on the
    request's channel, now and then on another; naming its sender, a colleague (a fee earner on
    the phone or not), or nobody."""
    channel = request.channel
    if channel is Channel.WRITTEN_COMPLAINT or draw(st.integers(0, 3)) == 0:
        channel = draw(st.sampled_from(_FOLLOW_UP_CHANNELS))
    sender = draw(st.sampled_from((None, request.sender, *_COLLEAGUES)))
    return MessageReceived(at, channel, sender)


def _reply(draw: st.DrawFn, at: _dt.datetime, shared: Mailbox, customer: list[str]) -> Replied:
    """A reply from the shared mailbox or from someone's own, copying the shared mailbox
    (COM-3) mostly, not always."""
    personal = draw(st.booleans())
    box = draw(st.sampled_from(_STAFF)) if personal else shared
    copied = draw(st.integers(0, 3)) < 3
    return Replied(at, box, customer, [shared.address] if copied else [])


def case_lifecycles(
    *,
    requests: st.SearchStrategy[Request] | None = None,
    max_steps: int = 6,
    max_reopens: int = 1,
    closed: bool | None = None,
    close_reasons: Sequence[CloseReason | None] = (None, *CloseReason),
) -> st.SearchStrategy[Case]:
    """Cases as a help desk's log records them, in an order :class:`~expandit_policy.Case`
    accepts: the request arrives (by default on any channel, at any time of day or week, often
    around a change of clocks: :func:`arrivals`); it is logged under a mailbox and acknowledged
    in writing, or not; then up to ``max_steps`` steps: replies from the shared mailbox or a
    person's own (copying the shared mailbox, or not), follow-up messages from the customer
    (mostly on the request's channel, some on another; a reopen is often followed by one), information asked of the customer and
    received (as many rounds as the steps allow), fee and coverage notices, and for a claim of a
    material defect its escalation to the board and the board's analysis; then perhaps a
    resolution, a satisfaction question, a close (ordinary, or with one of ``close_reasons``),
    another satisfaction question after it, and up to ``max_reopens`` reopens, each followed by
    further steps. ``closed`` True makes every case end closed, False none (None: either). Each
    step follows the one before after seconds, minutes, hours or days, so steps fall at night
    and at weekends too. Shrinks towards the request with an empty log (or a single close).

    >>> from hypothesis import given, settings
    >>> from expandit_policy import Closed, Reopened
    >>> @settings(max_examples=20)
    ... @given(case_lifecycles(closed=True))
    ... def test_a_closed_lifecycle_has_one_more_close_than_reopens(case):
    ...     closes = sum(isinstance(e, Closed) for e in case.events)
    ...     assert closes == sum(isinstance(e, Reopened) for e in case.events) + 1
    >>> test_a_closed_lifecycle_has_one_more_close_than_reopens()
    """
    request_strategy = _any_request(received=arrivals()) if requests is None else requests
    check_strategy(request_strategy, "requests")
    if closed is not None and not isinstance(closed, bool):
        raise InvalidArgument(f"closed must be True, False or None, got {closed!r}")
    reasons = one_of_values(close_reasons, "close_reasons")
    for reason in reasons:
        if reason is not None and not isinstance(reason, CloseReason):
            raise InvalidArgument(
                f"close_reasons must hold CloseReason members or None, got {reason!r}"
            )
    return _case_lifecycles(
        request_strategy,
        check_count(max_steps, "max_steps"),
        check_count(max_reopens, "max_reopens"),
        closed,
        reasons,
    )
