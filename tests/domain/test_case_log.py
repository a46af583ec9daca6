"""Requests and the event log of a case: what a valid log looks like, every problem reported at
once, and the count of problems matching the count injected."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    AcknowledgedInWriting,
    BoardAnalysisDone,
    Case,
    CaseEvent,
    CaseEventError,
    Channel,
    Closed,
    Contact,
    Coverage,
    EndCustomer,
    EscalatedToBoard,
    FeeNoticeSent,
    InformationReceived,
    InformationRequested,
    InvalidCaseError,
    InvalidValueError,
    LoggedUnderMailbox,
    Mailbox,
    MessageReceived,
    NaiveDatetimeError,
    PolicyError,
    Reopened,
    Replied,
    Request,
    RequestKind,
    Resolved,
    SatisfactionAsked,
    WrongTypeError,
)

CPH = "Europe/Copenhagen"
RECEIVED = pendulum.datetime(2026, 3, 2, 9, tz=CPH)
ADA = Contact("Ada Jensen", "ada@acme.dk", fee_earner=True)
ACME = EndCustomer("Acme", [ADA])


def request(
    channel: Channel = Channel.SUPPORT_MAILBOX, kind: RequestKind = RequestKind.FIX
) -> Request:
    return Request("R-1", channel, kind, RECEIVED, ADA, ACME)


def h(hours: float) -> pendulum.DateTime:
    """An instant ``hours`` after the request was received."""
    return RECEIVED.add(minutes=round(hours * 60))


def reply(at: dt.datetime) -> Replied:
    return Replied(at, Mailbox.support(), ["ada@acme.dk"], cc=["support@expandit.com"])


# Requests ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "fee_earner", "expected"),
    [
        pytest.param(Channel.PHONE, True, True, id="TEL-3-call-from-a-fee-earner"),
        pytest.param(Channel.PHONE, False, False, id="TEL-3-call-from-someone-else"),
        pytest.param(Channel.SUPPORT_MAILBOX, True, False, id="TEL-3-mail-is-not-a-call"),
    ],
)
def test_caller_is_fee_earner_is_derived_from_the_contact_on_the_phone(
    channel: Channel, fee_earner: bool, expected: bool
) -> None:
    sender = attrs.evolve(ADA, fee_earner=fee_earner)
    req = Request("R-2", channel, RequestKind.QUESTION, RECEIVED, sender, ACME)
    assert req.caller_is_fee_earner is expected


def test_a_written_complaint_must_be_a_complaint() -> None:
    with pytest.raises(InvalidValueError, match="COMPLAINT or MATERIAL_DEFECT_CLAIM"):
        request(Channel.WRITTEN_COMPLAINT, RequestKind.QUOTE)
    assert request(Channel.WRITTEN_COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM).kind is (
        RequestKind.MATERIAL_DEFECT_CLAIM
    )


def test_a_request_needs_an_aware_instant() -> None:
    with pytest.raises(NaiveDatetimeError, match="Request.received_at must be an aware datetime"):
        Request("R-3", Channel.PHONE, RequestKind.FIX, dt.datetime(2026, 3, 2, 9), ADA, ACME)


# Valid logs -------------------------------------------------------------------------------------


def test_a_complete_complaint_log_is_valid() -> None:
    events: list[CaseEvent] = [
        LoggedUnderMailbox(h(0), Mailbox.support()),
        AcknowledgedInWriting(h(1)),
        EscalatedToBoard(h(1)),  # the same instant as the one before: allowed
        InformationRequested(h(2)),
        InformationReceived(h(26)),
        BoardAnalysisDone(h(50)),
        FeeNoticeSent(h(51), Coverage.COVERED_BY_SA, "covered by SA until 2026-12-31"),
        reply(h(52)),
        Resolved(h(52)),
        Closed(h(53)),
        SatisfactionAsked(h(54)),
        Reopened(h(70)),
        MessageReceived(h(70), Channel.SUPPORT_MAILBOX),
        reply(h(71)),
        Closed(h(72)),
    ]
    case = Case(request(Channel.WRITTEN_COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM), events)
    assert case.events == tuple(events)
    built = Case(case.request)
    for event in events:
        built = built.with_event(event)
    assert built == case
    assert hash(built) == hash(case)
    assert pickle.loads(pickle.dumps(case)) == case


def test_with_event_returns_a_new_case_and_leaves_the_old_one_alone() -> None:
    case = Case(request(), [AcknowledgedInWriting(h(1))])
    longer = case.with_event(Closed(h(2)))
    assert len(case.events) == 1 and len(longer.events) == 2
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        case.events = ()  # type: ignore[misc]


def test_with_event_validates_the_new_event() -> None:
    case = Case(request(), [Closed(h(1))])
    with pytest.raises(InvalidCaseError, match=r"events\[1\] \(Replied at 2026-03-02T11:00:00"):
        case.with_event(reply(h(2)))


# Invalid logs: one table, each case names its problem --------------------------------------------


def _naive_closed() -> Closed:
    with attrs.validators.disabled():
        return Closed(dt.datetime(2026, 3, 2, 12))  # as loaded in bulk without validators


@pytest.mark.parametrize(
    ("events", "messages"),
    [
        pytest.param([Resolved(h(-1))],
                     [r"events\[0\] \(Resolved at 2026-03-02T08:00:00\+01:00\): happened before "
                      r"the request was received at 2026-03-02T09:00:00\+01:00"],
                     id="event-before-receipt"),
        pytest.param([AcknowledgedInWriting(h(3)), Resolved(h(2))],
                     [r"events\[1\] \(Resolved at .*\): is earlier than events\[0\] "
                      r"\(AcknowledgedInWriting at 2026-03-02T12:00:00\+01:00\)"],
                     id="events-out-of-order"),
        pytest.param([Closed(h(1)), reply(h(2))],
                     [r"events\[1\] \(Replied at 2026-03-02T11:00:00\+01:00\): a reply after the "
                      r"case was closed at 2026-03-02T10:00:00\+01:00 without a reopen"],
                     id="reply-after-close-without-reopen"),
        pytest.param([Closed(h(1)), MessageReceived(h(2), Channel.PHONE, ADA)],
                     [r"events\[1\] \(MessageReceived at 2026-03-02T11:00:00\+01:00\): a customer "
                      r"message after the case was closed at 2026-03-02T10:00:00\+01:00 without a "
                      r"reopen; add a Reopened event before it"],
                     id="message-after-close-without-reopen"),
        pytest.param([Reopened(h(1))], [r"events\[0\] \(Reopened at .*\): a reopen without a prior "
                                        r"close"], id="reopen-without-close"),
        pytest.param([Closed(h(1)), Reopened(h(2)), Reopened(h(3))],
                     [r"events\[2\] .* a reopen without a prior close"], id="reopened-twice"),
        pytest.param([_naive_closed()],
                     [r"events\[0\] \(Closed\)\.at must be an aware datetime"],
                     id="naive-timestamp"),
        pytest.param(["closed"], [r"events\[0\] must be a case event .* got 'closed' \(str\)"],
                     id="not-an-event"),
        pytest.param([Closed(h(2)), reply(h(1)), Reopened(h(-2)), reply(h(3))],
                     [r"events\[1\] .*is earlier than events\[0\]", r"events\[1\] .*a reply after",
                      r"events\[2\] .*happened before the request"],
                     id="three-problems-at-once"),
    ],
)  # fmt: skip
def test_every_problem_of_a_log_is_reported_at_once(
    events: list[object], messages: list[str]
) -> None:
    with pytest.raises(InvalidCaseError) as info:
        Case(request(), events)  # type: ignore[arg-type]
    problems = info.value.exceptions
    assert len(problems) == len(messages)
    for problem, pattern in zip(problems, messages, strict=True):
        assert isinstance(problem, PolicyError)
        assert re.search(pattern, str(problem)), str(problem)
    count = f"{len(messages)} problem{'s' if len(messages) > 1 else ''}"
    assert str(info.value).startswith(f"case 'R-1' has {count} in its event log: events[")


def test_a_message_names_its_channel_and_optionally_its_sender() -> None:
    with pytest.raises(
        WrongTypeError, match=r"MessageReceived.channel must be a Channel, got 'phone'"
    ):
        MessageReceived(h(1), "phone")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"MessageReceived.contact must be a Contact or None"):
        MessageReceived(h(1), Channel.PHONE, "ada@acme.dk")  # type: ignore[arg-type]
    assert MessageReceived(h(1), Channel.PHONE).contact is None


def _build_ignoring_naive_timestamps(events: list[CaseEvent]) -> None:
    try:
        Case(request(), events)
    except* NaiveDatetimeError:
        pass


def test_the_error_group_is_caught_by_except_star_and_by_plain_except() -> None:
    events: list[CaseEvent] = [Closed(h(1)), reply(h(2)), _naive_closed()]
    naive: list[BaseException] = []
    log: list[BaseException] = []
    try:
        Case(request(), events)
    except* NaiveDatetimeError as group:
        naive.append(group)
    except* CaseEventError as group:
        log.append(group)
    assert [len(g.exceptions) for g in naive + log] == [1, 1]  # type: ignore[attr-defined]
    assert isinstance(log[0], InvalidCaseError)  # a part keeps the type and a fresh summary
    assert "has 1 problem in its event log" in str(log[0])
    with pytest.raises(PolicyError):
        Case(request(), events)
    with pytest.raises(ValueError, match="2 problems"):
        Case(request(), events)
    with pytest.raises(InvalidCaseError) as rest:  # what except* leaves keeps the type
        _build_ignoring_naive_timestamps(events)
    assert [type(e) for e in rest.value.exceptions] == [CaseEventError]


def test_the_error_group_pickles() -> None:
    with pytest.raises(InvalidCaseError) as info:
        Case(request(), [Reopened(h(1))])
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is InvalidCaseError and str(again) == str(info.value)
    assert again.case_id == "R-1"


def test_a_case_needs_a_request_and_a_collection_of_events() -> None:
    with pytest.raises(WrongTypeError, match="Case.request must be a Request"):
        Case("R-1")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="Case.events must be a collection of case events"):
        Case(request(), Closed(h(1)))  # type: ignore[arg-type]


# Law: exactly as many problems as were injected ------------------------------------------------

TIMING = ("ok", "before_receipt", "naive", "out_of_order")
_EVENTS: dict[str, Callable[[dt.datetime], CaseEvent]] = {
    "close": Closed,
    "resolve": Resolved,
    "reopen": Reopened,
    "information": InformationReceived,
    "reply": reply,
}


@st.composite
def logs_with_injected_problems(draw: st.DrawFn) -> tuple[list[CaseEvent], int]:
    """A log of n events, with timing faults and state faults injected; and how many there are.

    Base times are RECEIVED + (i+1) hours, strictly increasing. An out-of-order event at i goes
    to 30 minutes after receipt less i seconds: earlier than every usable event before it,
    later than receipt, and earlier than every out-of-order event before it.
    """
    n = draw(st.integers(1, 8))
    close_at = draw(st.none() | st.integers(0, n - 1))
    events: list[CaseEvent] = []
    injected = 0
    usable_before = False
    for i in range(n):
        timing = draw(st.sampled_from(TIMING))
        if timing == "out_of_order" and not usable_before:
            timing = "ok"
        at: dt.datetime = h(i + 1)
        if timing == "before_receipt":
            at = h(-1)
        elif timing == "naive":
            at = h(i + 1).naive()
        elif timing == "out_of_order":
            at = RECEIVED.add(minutes=30, seconds=-i)
        injected += timing != "ok"
        usable_before = usable_before or timing in ("ok", "out_of_order")
        if i == close_at:
            make = "close"
        elif close_at is None or i < close_at:
            make = draw(st.sampled_from(["resolve", "reopen", "reply"]))
            injected += make == "reopen"  # a reopen with no close before it
        else:
            make = draw(st.sampled_from(["information", "reply"]))
            injected += make == "reply"  # a reply after the close, never reopened
        with attrs.validators.disabled():
            events.append(_EVENTS[make](at))
    return events, injected


@given(logs_with_injected_problems())
def test_case_validation_reports_exactly_as_many_problems_as_were_injected(
    log: tuple[list[CaseEvent], int],
) -> None:
    events, injected = log
    before = list(events)
    if injected == 0:
        assert Case(request(), events).events == tuple(events)
    else:
        with pytest.raises(InvalidCaseError) as info:
            Case(request(), events)
        assert len(info.value.exceptions) == injected
        assert all(str(e).startswith("events[") for e in info.value.exceptions)
    assert events == before  # the input is not mutated
