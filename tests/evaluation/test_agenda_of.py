"""agenda_of(): the agenda of assessments already made, its new columns (channel, party,
business time left, next change) and the items a person must act on."""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    AgendaItem,
    Case,
    Channel,
    ClauseState,
    InformationRequested,
    RequestKind,
    WarningLevel,
    WrongTypeError,
    agenda,
    agenda_of,
    assess,
    strategies,
)
from tests.evaluation.strategies import ACME, cph, request

H = dt.timedelta(hours=1)


def test_MAIL_1_MAIL_3_paused_waits_on_the_customer_and_needs_no_action() -> None:
    # A quote at 09:00; information asked of the customer at 09:30 pauses MAIL-3; MAIL-1 runs.
    quote = Case(
        attrs.evolve(request(Channel.SALES_MAILBOX, RequestKind.QUOTE), id="Q-1"),
        [InformationRequested(cph(2, 9, 30))],
    )
    made = [assess(EXPANDIT_POLICY, quote, cph(2, 10))]
    items = agenda_of(made)
    assert [(i.clause, i.state, i.needs_action) for i in items] == [
        ("MAIL-1", ClauseState.RUNNING, True),
        ("MAIL-3", ClauseState.PAUSED, False),
    ]
    mail1 = items[0]
    assert (mail1.channel, mail1.party, mail1.left) == (Channel.SALES_MAILBOX, ACME, H)
    assert mail1.next_change_at == cph(2, 10, 30)  # 75 % of 2 h used at 10:30
    assert items[1].left is None and items[1].due_at is None  # paused: no due instant
    assert [i.clause for i in agenda_of(made, needs_action=True)] == ["MAIL-1"]
    assert agenda(EXPANDIT_POLICY, [quote], cph(2, 10), needs_action=True) == agenda_of(
        made, needs_action=True
    )


def test_MAIL_1_agenda_points_to_agenda_of_for_assessments() -> None:
    made = assess(EXPANDIT_POLICY, Case(request()), cph(2, 10))
    with pytest.raises(WrongTypeError, match=r"use agenda_of\(assessments\)"):
        agenda(EXPANDIT_POLICY, [made], cph(2, 10))  # type: ignore[list-item]
    with pytest.raises(
        WrongTypeError, match=r"needs_action must be True or False, got 'yes' \(str\)"
    ):
        agenda_of([made], needs_action="yes")  # type: ignore[arg-type]
    with pytest.raises(
        WrongTypeError,
        match=r"assessments must hold Assessment values, got a Case at assessments\[0\]; assess it first",
    ):
        agenda_of([Case(request())])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("channel", "phone", r"AgendaItem.channel must be a Channel or None, got 'phone' \(str\)"),
        (
            "party",
            "Acme",
            r"AgendaItem.party must be a Partner, Reseller, EndCustomer or None, got 'Acme' \(str\)",
        ),
        ("left", 3600, r"AgendaItem.left must be a datetime.timedelta or None, got 3600 \(int\)"),
        (
            "instance",
            -1,
            r"AgendaItem.instance must be an instance number \(0 for the first\) \(int\) of at least 0, got -1",
        ),
        (
            "instance",
            True,
            r"AgendaItem.instance must be an instance number \(0 for the first\) \(int\), got True \(bool\)",
        ),
        (
            "explanation",
            "MAIL-1",
            r"AgendaItem.explanation must be a collection of str, got 'MAIL-1' \(str\); wrap it",
        ),
        ("state", "open", r"AgendaItem.state must be a ClauseState, got 'open' \(str\)"),
    ],
)
def test_MAIL_1_an_agenda_item_names_its_field_and_the_value_refused(
    field: str, value: object, message: str
) -> None:
    fields = {
        "case_id": "R-1",
        "clause": "MAIL-1",
        "state": ClauseState.RUNNING,
        "due_at": None,
        "warning": WarningLevel.NONE,
        "explanation": (),
    }
    with pytest.raises((WrongTypeError, ValueError), match=message):
        AgendaItem(**{**fields, field: value})  # type: ignore[arg-type]


_RECEIVED = strategies.arrivals(
    timezones=st.sampled_from(["Europe/Copenhagen", "Europe/Berlin", "UTC"]),
    min_value=pendulum.datetime(2026, 1, 1, tz="UTC"),
    max_value=pendulum.datetime(2027, 1, 1, tz="UTC"),
)
_LIFECYCLES = strategies.case_lifecycles(requests=strategies.requests(received=_RECEIVED))


@given(st.lists(_LIFECYCLES, max_size=4, unique_by=lambda c: c.request.id), st.integers(0, 40 * 24))  # fmt: skip
def test_the_agenda_of_the_assessments_is_the_agenda_of_the_cases(
    batch: list[Case], hours: int
) -> None:
    if not batch:
        return
    as_of = batch[0].request.received_at + dt.timedelta(hours=hours)
    made = [assess(EXPANDIT_POLICY, c, as_of) for c in batch]
    items = agenda_of(made)
    assert items == agenda(EXPANDIT_POLICY, batch, as_of)
    assert agenda_of(made, needs_action=True) == tuple(i for i in items if i.needs_action)
    results = {(a.case.request.id, r.clause, r.instance): (a, r) for a in made for r in a.results}
    for item in items:
        a, r = results[(item.case_id, item.clause, item.instance)]
        assert (item.channel, item.party) == (a.case.request.channel, a.case.request.party)
        assert (item.left, item.next_change_at) == (r.left, r.next_change_at)
        assert item.needs_action is (item.state is not ClauseState.PAUSED)
