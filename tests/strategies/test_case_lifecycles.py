"""What ``case_lifecycles()`` promises: logs in the order a desk writes them, reaching every
flow the desk produces (every channel and event, both kinds of mailbox, several rounds of
information, void closes, reopens, nights, weekends and changes of clocks), shrinking to the
simplest, with its arguments checked; and ``st.from_type(Closed)`` drawing every close reason."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from expandit_policy import (
    BoardAnalysisDone,
    Case,
    Channel,
    Closed,
    CloseReason,
    Coverage,
    EscalatedToBoard,
    FeeNoticeSent,
    InformationReceived,
    InformationRequested,
    MailboxKind,
    MessageReceived,
    Reopened,
    Replied,
    RequestKind,
    Resolved,
    SatisfactionAsked,
    from_json_dict,
    strategies,
    to_json_dict,
)
from expandit_policy._strategies._time import transitions

LIFECYCLES = strategies.case_lifecycles()


def _closed_now(case: Case) -> bool:
    state = False
    for event in case.events:
        if isinstance(event, Closed):
            state = True
        elif isinstance(event, Reopened):
            state = False
    return state


def _near_a_change_of_clocks(t: dt.datetime) -> bool:
    key = getattr(t.tzinfo, "key", "UTC")
    us = int(t.timestamp() * 1_000_000)
    return bool(transitions(key, us - 3 * 86_400_000_000, us + 3 * 86_400_000_000))


def _on(channel: Channel) -> Callable[[Case], bool]:
    return lambda c: c.request.channel is channel


def _has(kind: type) -> Callable[[Case], bool]:
    return lambda c: any(type(e) is kind for e in c.events)


def _closed_as(reason: CloseReason | None) -> Callable[[Case], bool]:
    return lambda c: any(isinstance(e, Closed) and e.reason is reason for e in c.events)


#: Every flow the strategy must reach, each a predicate on a case.
FLOWS: dict[str, Callable[[Case], bool]] = {
    **{f"received by {channel.value}": _on(channel) for channel in Channel},
    **{f"a {kind.__name__}": _has(kind) for kind in strategies.EVENT_TYPES},
    **{f"closed as {reason}": _closed_as(reason) for reason in (None, *CloseReason)},
    "a reply from a personal mailbox copying the shared one": lambda c: any(
        isinstance(e, Replied) and e.from_mailbox.kind is MailboxKind.PERSONAL and e.cc
        for e in c.events
    ),
    "a reply from a personal mailbox without a copy": lambda c: any(
        isinstance(e, Replied) and e.from_mailbox.kind is MailboxKind.PERSONAL and not e.cc
        for e in c.events
    ),
    "a reply from a shared mailbox": lambda c: any(
        isinstance(e, Replied) and e.from_mailbox.is_shared for e in c.events
    ),
    "a fee notice": lambda c: any(
        isinstance(e, FeeNoticeSent) and e.coverage is Coverage.NEEDS_FEES for e in c.events
    ),
    "a coverage notice": lambda c: any(
        isinstance(e, FeeNoticeSent) and e.coverage is Coverage.COVERED_BY_SA for e in c.events
    ),
    "two rounds of information": lambda c: (
        sum(isinstance(e, InformationReceived) for e in c.events) >= 2
    ),
    "information still awaited": lambda c: _awaiting(c),
    "a reply after a reopen": lambda c: any(
        isinstance(a, Reopened) and any(isinstance(b, Replied) for b in c.events[k:])
        for k, a in enumerate(c.events)
    ),
    "satisfaction asked before the close": lambda c: any(
        isinstance(e, SatisfactionAsked) and not any(isinstance(x, Closed) for x in c.events[:k])
        for k, e in enumerate(c.events)
    ),
    "satisfaction asked after the close": lambda c: any(
        isinstance(e, SatisfactionAsked) and any(isinstance(x, Closed) for x in c.events[:k])
        for k, e in enumerate(c.events)
    ),
    "a follow-up on the request's channel": lambda c: any(
        isinstance(e, MessageReceived) and e.channel is c.request.channel for e in c.events
    ),
    "a follow-up on another channel": lambda c: any(
        isinstance(e, MessageReceived) and e.channel is not c.request.channel for e in c.events
    ),
    "a call back from a fee earner": lambda c: any(
        isinstance(e, MessageReceived)
        and e.channel is Channel.PHONE
        and (e.contact or c.request.sender).fee_earner
        for e in c.events
    ),
    "two follow-ups with no reply between them": lambda c: _unanswered_twice(c),
    "a message after a reopen": lambda c: any(
        isinstance(a, Reopened) and isinstance(b, MessageReceived)
        for a, b in itertools.pairwise(c.events)
    ),
    "an event at night": lambda c: any(e.at.hour < 6 or e.at.hour >= 20 for e in c.events),
    "an event at a weekend": lambda c: any(e.at.weekday() >= 5 for e in c.events),
    "received around a change of clocks": lambda c: _near_a_change_of_clocks(c.request.received_at),
    "still open": lambda c: not _closed_now(c),
    "closed in the end": _closed_now,
}


def _unanswered_twice(case: Case) -> bool:
    """Two customer messages in a row with no reply or resolution between them (one joins the
    other's next-reply clock)."""
    previous_was_message = False
    for event in case.events:
        if isinstance(event, MessageReceived):
            if previous_was_message:
                return True
            previous_was_message = True
        elif isinstance(event, Replied | Resolved):
            previous_was_message = False
    return False


def _awaiting(case: Case) -> bool:
    waiting = False
    for event in case.events:
        if isinstance(event, InformationRequested):
            waiting = True
        elif isinstance(event, InformationReceived):
            waiting = False
    return waiting


def test_case_lifecycles_reach_every_flow_of_a_desk() -> None:
    seen: set[str] = set()

    @settings(max_examples=400, derandomize=True, database=None)
    @given(LIFECYCLES)
    def draw(case: Case) -> None:
        seen.update(name for name, holds in FLOWS.items() if holds(case))

    draw()
    assert sorted(set(FLOWS) - seen) == []


@given(LIFECYCLES)
def test_a_lifecycle_is_in_the_order_a_desk_writes_it(case: Case) -> None:
    kinds = [type(e) for e in case.events]
    claim = case.request.kind is RequestKind.MATERIAL_DEFECT_CLAIM
    assert claim or EscalatedToBoard not in kinds
    if BoardAnalysisDone in kinds:
        assert kinds.index(EscalatedToBoard) < kinds.index(BoardAnalysisDone)
    waiting = closed = False
    for event in case.events:
        # information arrives only when asked for, and is not asked for twice at once
        if isinstance(event, InformationReceived):
            assert waiting
        if isinstance(event, InformationRequested):
            assert not waiting
        if isinstance(event, InformationRequested | InformationReceived):
            waiting = isinstance(event, InformationRequested)
        if isinstance(event, Reopened):
            assert closed
            waiting = closed = False
        elif isinstance(event, Closed):
            closed = True
        else:
            # after a close only a satisfaction question, until the case is reopened
            assert not closed or isinstance(event, SatisfactionAsked)
    # replies go to the one who asked, and events are given in the request's zone
    for event in case.events:
        if isinstance(event, Replied):
            assert event.to == (case.request.sender.email,)
        assert event.at.tzinfo == case.request.received_at.tzinfo


@given(LIFECYCLES)
def test_a_lifecycle_survives_a_round_trip_through_its_document(case: Case) -> None:
    # Compared as documents: in the hour a change of clocks repeats, Python calls no two
    # instants of different zones equal, though they are the same moment (docs/interchange.md).
    document = to_json_dict(case)
    read = from_json_dict(Case, document)
    assert to_json_dict(read) == document
    assert [e.at.timestamp() for e in read.events] == [e.at.timestamp() for e in case.events]
    assert [type(e) for e in read.events] == [type(e) for e in case.events]


@pytest.mark.parametrize("closed", [True, False])
def test_closed_says_how_every_lifecycle_ends(closed: bool) -> None:
    @settings(max_examples=30)
    @given(strategies.case_lifecycles(closed=closed, max_reopens=2))
    def check(case: Case) -> None:
        assert _closed_now(case) is closed

    check()


def test_close_reasons_limit_the_reasons_drawn() -> None:
    @settings(max_examples=30)
    @given(strategies.case_lifecycles(closed=True, close_reasons=[CloseReason.SPAM]))
    def check(case: Case) -> None:
        assert {e.reason for e in case.events if isinstance(e, Closed)} == {CloseReason.SPAM}

    check()


def test_requests_fix_the_requests_drawn() -> None:
    calls = strategies.requests(channels=[Channel.PHONE], kinds=[RequestKind.FIX])

    @settings(max_examples=20)
    @given(strategies.case_lifecycles(requests=calls))
    def check(case: Case) -> None:
        assert (case.request.channel, case.request.kind) == (Channel.PHONE, RequestKind.FIX)

    check()


def test_case_lifecycles_shrink_towards_a_question_with_an_empty_log() -> None:
    case = find(LIFECYCLES, lambda c: True)
    assert case.events == ()
    assert (case.request.channel, case.request.kind) == (
        Channel.SUPPORT_MAILBOX,
        RequestKind.QUESTION,
    )
    assert case.request.received_at.isoformat() == "2020-01-01T00:00:00+00:00"


def test_a_closed_lifecycle_shrinks_towards_a_single_ordinary_close() -> None:
    case = find(strategies.case_lifecycles(closed=True), lambda c: True)
    assert case.events == (Closed(case.request.received_at),)


def test_a_lifecycle_with_a_resolution_shrinks_towards_just_that() -> None:
    case = find(LIFECYCLES, lambda c: any(isinstance(e, Resolved) for e in c.events))
    assert case.events == (Resolved(case.request.received_at),)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"requests": "R-1"}, "requests must be a Hypothesis strategy"),
        ({"max_steps": -1}, "max_steps must be an int of at least 0"),
        ({"max_reopens": 1.5}, "max_reopens must be an int of at least 0"),
        ({"closed": "yes"}, "closed must be True, False or None"),
        ({"close_reasons": []}, "close_reasons must not be empty"),
        ({"close_reasons": ["spam"]}, "close_reasons must hold CloseReason members or None"),
    ],
)
def test_case_lifecycles_refuse_bad_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        strategies.case_lifecycles(**options)


def test_from_type_draws_every_close_reason() -> None:
    seen: set[CloseReason | None] = set()

    @settings(max_examples=100, derandomize=True, database=None)
    @given(st.from_type(Closed))
    def draw(event: Closed) -> None:
        seen.add(event.reason)

    draw()
    assert seen == {None, *CloseReason}
