"""Builders of concrete requests and replies, and the public Hypothesis strategies set up for
the evaluation tests."""

from __future__ import annotations

import datetime as dt

import pendulum
from hypothesis import strategies as st

from expandit_policy import (
    Case,
    Channel,
    Contact,
    EndCustomer,
    Mailbox,
    MailboxKind,
    Partner,
    Party,
    Replied,
    Request,
    RequestKind,
    strategies,
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


_START = pendulum.datetime(2026, 3, 2, tz=ZONE)


def cases(*, max_events: int = 8) -> st.SearchStrategy[Case]:
    """Valid cases from the public strategy: a request on any channel, from any kind of party,
    at any instant of two weeks from Monday 2 March 2026 in Copenhagen, with a valid log of up to
    ``max_events`` events within four weeks of it (closes and reopens included)."""
    received = strategies.instants(
        timezones=st.just(ZONE), min_value=_START, max_value=_START.add(days=14)
    )
    return strategies.cases(
        requests=strategies.requests(received=received),
        max_events=max_events,
        within=dt.timedelta(days=28),
    )


def as_ofs(case: Case) -> st.SearchStrategy[dt.datetime]:
    """Instants from the request's receipt to four weeks after it."""
    start = pendulum.instance(case.request.received_at)
    return strategies.instants(
        timezones=st.just(ZONE), min_value=start, max_value=start.add(weeks=4)
    )
