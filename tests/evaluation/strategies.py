"""Builders and Hypothesis strategies for cases, shared by the evaluation tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pendulum
from hypothesis import strategies as st

from expandit_policy import (
    AcknowledgedInWriting,
    BoardAnalysisDone,
    Case,
    CaseEvent,
    Channel,
    Closed,
    Contact,
    Coverage,
    EndCustomer,
    EscalatedToBoard,
    FeeNoticeSent,
    InformationReceived,
    InformationRequested,
    LoggedUnderMailbox,
    Mailbox,
    MailboxKind,
    Partner,
    Party,
    Replied,
    Request,
    RequestKind,
    Reseller,
    Resolved,
    SatisfactionAsked,
)

ZONE = "Europe/Copenhagen"
ADA = Contact("Ada Jensen", "ada@acme.dk")
BO = Contact("Bo Holm", "bo@nordic.dk", fee_earner=True)
ACME = EndCustomer("Acme", [ADA])
NORDIC = Partner("Nordic Partner", [BO])
KIM = Mailbox(MailboxKind.PERSONAL, "kim@expandit.com")


def cph(day: int, hour: int, minute: int = 0, month: int = 3) -> pendulum.DateTime:
    """An instant in Copenhagen in 2026 (March by default)."""
    return pendulum.datetime(2026, month, day, hour, minute, tz=ZONE)


def request(
    channel: Channel = Channel.SUPPORT_MAILBOX,
    kind: RequestKind = RequestKind.QUESTION,
    at: dt.datetime | None = None,
    *,
    sender: Contact = ADA,
    party: Party = ACME,
) -> Request:
    """A request with sensible defaults: a support question from Acme, Monday 2 March 09:00."""
    return Request("R-1", channel, kind, at or cph(2, 9), sender, party)


def reply(at: dt.datetime, box: Mailbox | None = None, *, cc: bool = True) -> Replied:
    """A reply from ``box`` (the support mailbox), copying it unless ``cc`` is False."""
    mailbox = box or Mailbox.support()
    return Replied(at, mailbox, ["ada@acme.dk"], cc=[mailbox.address] if cc else [])


_CHANNEL_KINDS = [
    (Channel.SUPPORT_MAILBOX, RequestKind.QUESTION),
    (Channel.SUPPORT_MAILBOX, RequestKind.FIX),
    (Channel.SALES_MAILBOX, RequestKind.QUOTE),
    (Channel.PERSONAL_MAILBOX, RequestKind.QUESTION),
    (Channel.PHONE, RequestKind.QUESTION),
    (Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT),
    (Channel.WRITTEN_COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM),
]

_PARTIES: list[Party] = [ACME, NORDIC, Reseller("Shop")]
_START = pendulum.datetime(2026, 3, 2, tz=ZONE)
_MINUTES = st.integers(min_value=0, max_value=14 * 24 * 60)


def _event(kind: str, at: dt.datetime) -> CaseEvent:
    makers: dict[str, Callable[[dt.datetime], CaseEvent]] = {
        "replied": lambda t: reply(t),
        "replied_no_cc": lambda t: reply(t, cc=False),
        "replied_personal": lambda t: reply(t, KIM),
        "ack": AcknowledgedInWriting,
        "info_req": InformationRequested,
        "info_rec": InformationReceived,
        "fee": lambda t: FeeNoticeSent(t, Coverage.NEEDS_FEES),
        "resolved": Resolved,
        "asked": SatisfactionAsked,
        "escalated": EscalatedToBoard,
        "analysed": BoardAnalysisDone,
        "logged": lambda t: LoggedUnderMailbox(t, Mailbox.sales()),
    }  # fmt: skip
    return makers[kind](at)


_KINDS = st.sampled_from(
    ["replied", "replied_no_cc", "replied_personal", "ack", "info_req", "info_rec", "fee",
     "resolved", "asked", "escalated", "analysed", "logged"]
)  # fmt: skip


@st.composite
def cases(draw: st.DrawFn, *, max_events: int = 6) -> Case:
    """Valid cases: a request on any channel at any minute of two weeks from Monday 2 March
    2026, with a log of up to ``max_events`` events in order, closed at most once at the end."""
    channel, kind = draw(st.sampled_from(_CHANNEL_KINDS))
    sender = draw(st.sampled_from([ADA, BO]))
    party = draw(st.sampled_from(_PARTIES))
    received = _START.add(minutes=draw(_MINUTES))
    offsets = sorted(draw(st.lists(_MINUTES, max_size=max_events)))
    events = [_event(draw(_KINDS), received.add(minutes=m)) for m in offsets]
    if draw(st.booleans()):
        end = received.add(minutes=(offsets[-1] if offsets else 0) + draw(_MINUTES))
        events.append(Closed(end))
        if draw(st.booleans()):
            events.append(SatisfactionAsked(end.add(minutes=draw(_MINUTES))))
    return Case(Request("R-1", channel, kind, received, sender, party), events)


def as_ofs(case: Case) -> st.SearchStrategy[pendulum.DateTime]:
    """Instants from the request's receipt to four weeks after it."""
    start = pendulum.instance(case.request.received_at)
    return st.integers(min_value=0, max_value=28 * 24 * 60).map(lambda m: start.add(minutes=m))
