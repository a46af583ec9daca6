"""A property-based test of a host system: a help desk's SLA display, checked against ``assess``.

The help desk stores the first-reply deadline (MAIL-1) when a mail arrives and shows each ticket
as "due", "on time", "late", "overdue" or "cancelled": a reply or a complete answer (``Resolved``)
answers the mail; closing the case ends the clock, in time or overdue; a close as a duplicate, spam
or withdrawn in time cancels it. Generated cases check that what it shows
agrees with the engine, whatever the log and whenever one looks. Run it with
``python examples/property_test.py``; the test suite runs it too.
"""

from __future__ import annotations

import datetime as dt

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    BusinessHours,
    Case,
    Channel,
    ClauseState,
    Closed,
    Contact,
    EndCustomer,
    Reopened,
    Replied,
    Request,
    RequestKind,
    Resolved,
    assess,
    format_due,
    presets,
    strategies,
)

DESK = presets.denmark()


# -- the host system under test ---------------------------------------------------------------


def first_reply_due(received_at: dt.datetime) -> pendulum.DateTime:
    """What the help desk stores when a mail arrives: MAIL-1, two business hours."""
    return DESK.add(received_at, BusinessHours(2))


def sla_display(case: Case, now: dt.datetime) -> str:
    """What the help desk shows for a ticket at ``now``."""
    due = first_reply_due(case.request.received_at)
    for event in case.events:  # the first answer or close decides
        if event.at > now:
            break
        if isinstance(event, Replied | Resolved):
            return "on time" if event.at <= due else "late"
        if isinstance(event, Closed):
            if event.at > due:
                return "overdue"  # closed overdue: the breach stays
            return "on time" if event.reason is None else "cancelled"
    if now >= due:
        return "overdue"
    return f"due {format_due(due)}"


# -- the property -----------------------------------------------------------------------------

EXPECTED = {
    ClauseState.MET: "on time",
    ClauseState.MET_LATE: "late",
    ClauseState.BREACHED: "overdue",
    ClauseState.RUNNING: "due",
    ClauseState.CANCELLED: "cancelled",
}
START = pendulum.datetime(2026, 3, 2, tz="Europe/Copenhagen")
MAILS = strategies.cases(
    requests=strategies.requests(
        channels=[Channel.SUPPORT_MAILBOX, Channel.SALES_MAILBOX],
        received=strategies.instants(
            timezones=st.just("Europe/Copenhagen"), min_value=START, max_value=START.add(months=2)
        ),
    ),
    kinds=[Replied, Resolved, Closed, Reopened],  # what moves MAIL-1, and what should not
    max_events=4,
    within=dt.timedelta(days=5),
)


@settings(max_examples=100, deadline=None)
@given(case=MAILS, hours_later=st.integers(0, 5 * 24))
def test_the_sla_display_agrees_with_assess(case: Case, hours_later: int) -> None:
    now = pendulum.instance(case.request.received_at).add(hours=hours_later)
    mail_1 = assess(EXPANDIT_POLICY, case, now).result("MAIL-1")
    shown = sla_display(case, now)
    status = "due" if shown.startswith("due ") else shown  # "due Mon 2026-03-09 09:30"
    assert status == EXPECTED[mail_1.state], (shown, mail_1)


def main() -> None:
    test_the_sla_display_agrees_with_assess()
    print("100 generated cases: the SLA display agrees with assess on MAIL-1")
    ada = Contact("Ada Jensen", "ada@acme.dk")
    friday = pendulum.datetime(2026, 3, 6, 15, 30, tz="Europe/Copenhagen")
    mail = Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, friday, ada,
                   EndCustomer("Acme", [ada]))  # fmt: skip
    print(f"a mail on Friday at 15:30 shows: {sla_display(Case(mail), friday)}")


if __name__ == "__main__":
    main()
