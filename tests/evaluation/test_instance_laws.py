"""Laws of clause instances over generated cases with follow-up messages, each named after the
law it checks (CLAUSES.md, "every message")."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    BusinessDays,
    BusinessHours,
    Case,
    CaseEvent,
    Channel,
    ClauseResult,
    ClauseState,
    Closed,
    Contact,
    Mailbox,
    MessageReceived,
    Reopened,
    Replied,
    assess,
)
from tests.evaluation.strategies import as_ofs, cases
from tests.evaluation.test_assess_laws import POLICY

ZONE = "Europe/Copenhagen"
MISSED = (ClauseState.BREACHED, ClauseState.MET_LATE)
NEXT_REPLY = ("MAIL-1", "MAIL-4", "TEL-3")
EVA = Contact("Eva Lund", "eva@example.com")  # earns no fees
BO = Contact("Bo Holm", "bo@example.com", fee_earner=True)


@st.composite
def cases_with_messages(draw: st.DrawFn, *, max_messages: int = 6) -> Case:
    """A generated case with follow-up messages from the customer at any instant of its four
    weeks, on the request's channel or any other, from the sender, a fee earner or a colleague
    who earns none, some answered by a reply within three days. A message or reply that would
    fall while the case is closed is left out (the log refuses it)."""
    case = draw(cases())
    received = pendulum.instance(case.request.received_at)
    offsets = draw(
        st.lists(st.integers(min_value=0, max_value=28 * 24 * 60), max_size=max_messages)
    )
    channels = st.one_of(st.just(case.request.channel), st.sampled_from(list(Channel)))
    messages: list[CaseEvent] = []
    for m in sorted(offsets):
        messages.append(
            MessageReceived(
                received.add(minutes=m), draw(channels), draw(st.sampled_from([None, EVA, BO]))
            )
        )
        answer = draw(st.none() | st.integers(min_value=0, max_value=3 * 24 * 60))
        if answer is not None:  # the desk answers some of them, in time or late
            messages.append(Replied(received.add(minutes=m + answer), Mailbox.support(),
                                    [case.request.sender.email], cc=["support@expandit.com"]))  # fmt: skip
    merged: list[CaseEvent] = sorted(
        [*case.events, *messages],
        key=lambda e: (e.at, isinstance(e, MessageReceived | Replied) and draw(st.booleans())),
    )
    events: list[CaseEvent] = []
    closed = False
    for event in merged:
        if isinstance(event, MessageReceived | Replied) and closed:
            continue
        closed = isinstance(event, Closed) or (closed and not isinstance(event, Reopened))
        events.append(event)
    return Case(case.request, events)


def _by_instance(case: Case, as_of: dt.datetime) -> dict[tuple[str, int], ClauseResult]:
    return {(r.clause, r.instance): r for r in assess(POLICY, case, as_of).results}


def _starts(case: Case, clause: str, message: MessageReceived) -> bool:
    """Whether ``message`` is one the clause answers, by the policy's words: mail to a shared
    mailbox (MAIL-1), personal mail (MAIL-4), a call from a fee earner (TEL-3)."""
    if clause == "MAIL-1":
        return message.channel in (Channel.SUPPORT_MAILBOX, Channel.SALES_MAILBOX)
    if clause == "MAIL-4":
        return message.channel is Channel.PERSONAL_MAILBOX
    sender = message.contact or case.request.sender
    return message.channel is Channel.PHONE and sender.fee_earner


_REFERENCE = re.compile(
    r"^(?:instance \d+: )?(?:started|joined) by MessageReceived .*\(events\[(\d+)\]\)"
)


@given(st.data())
def test_MAIL_1_COM_3_COM_9_instances_of_a_clause_are_ordered_and_never_overlap(
    data: st.DataObject,
) -> None:
    case = data.draw(cases_with_messages())
    as_of = data.draw(as_ofs(case))
    results = assess(POLICY, case, as_of).results
    clauses = list(dict.fromkeys(r.clause for r in results))
    for clause in clauses:
        instances = [r for r in results if r.clause == clause]
        assert [r.instance for r in instances] == list(range(len(instances))), clause
        for earlier, later in itertools.pairwise(instances):
            assert earlier.state.is_final, (clause, earlier.instance, earlier.state)
            assert earlier.started_at is not None and later.started_at is not None
            assert earlier.started_at <= later.started_at, clause
            ended = earlier.met_at or earlier.breached_at or earlier.started_at
            assert ended <= later.started_at, (clause, earlier.instance)


@given(st.data())
def test_MAIL_1_MAIL_4_TEL_3_every_customer_message_is_covered_by_exactly_one_instance(
    data: st.DataObject,
) -> None:
    case = data.draw(cases_with_messages())
    as_of = data.draw(as_ofs(case))
    assessment = assess(POLICY, case, as_of)
    for clause in NEXT_REPLY:
        instances = [r for r in assessment.results if r.clause == clause]
        expected = sorted(
            k
            for k, e in enumerate(case.events)
            if isinstance(e, MessageReceived) and e.at <= as_of and _starts(case, clause, e)
        )
        covering = sorted(
            int(m.group(1))
            for r in instances
            for line in r.explanation
            if (m := _REFERENCE.match(line)) is not None
        )
        assert covering == expected, (clause, [r.explanation for r in instances])


@given(st.data())
def test_MAIL_1_COM_3_COM_9_a_new_event_never_changes_an_instance_that_was_final(
    data: st.DataObject,
) -> None:
    case = data.draw(cases_with_messages())
    if not case.events:
        return
    cut = data.draw(st.integers(min_value=0, max_value=len(case.events)))
    prefix = Case(case.request, case.events[:cut])
    last = max([case.request.received_at, *(e.at for e in case.events)])
    as_of = pendulum.instance(last).add(days=data.draw(st.integers(min_value=0, max_value=10)))
    before = assess(POLICY, prefix, as_of).results
    after = _by_instance(case, as_of)
    for n, r in enumerate(before):
        latest = n + 1 == len(before) or before[n + 1].clause != r.clause
        # a breach of the latest instance is final as a breach, but a late answer may still
        # meet it late; every other final instance has ended for good
        if r.state.is_final and not (latest and r.state is ClauseState.BREACHED):
            assert after[(r.clause, r.instance)] == r, (r.clause, r.instance)


@given(st.data())
def test_MAIL_1_COM_3_COM_9_per_instance_met_stays_met_and_breached_stays_missed(
    data: st.DataObject,
) -> None:
    case = data.draw(cases_with_messages())
    first, second = sorted([data.draw(as_ofs(case)), data.draw(as_ofs(case))])
    before = _by_instance(case, first)
    after = _by_instance(case, second)
    for key, r in before.items():
        later = after[key].state
        if r.state in (ClauseState.MET, ClauseState.MET_LATE, ClauseState.CANCELLED):
            assert later is r.state, key
        elif r.state is ClauseState.BREACHED:
            assert later in MISSED, key


@given(st.data())
def test_MAIL_1_COM_3_COM_9_per_instance_a_log_cut_in_two_equals_the_whole(
    data: st.DataObject,
) -> None:
    case = data.draw(cases_with_messages())
    as_of = data.draw(as_ofs(case))
    prefix = Case(case.request, [e for e in case.events if e.at <= as_of])
    assert assess(POLICY, prefix, as_of).results == assess(POLICY, case, as_of).results
    later = max(as_of, data.draw(as_ofs(case)))
    grown = Case(case.request, [e for e in case.events if e.at <= later])
    assert assess(POLICY, grown, later).results == assess(POLICY, case, later).results


@given(st.data())
def test_MAIL_1_MAIL_4_TEL_3_a_desk_promising_first_replies_only_has_one_instance(
    data: st.DataObject,
) -> None:
    case = data.draw(cases_with_messages())
    as_of = data.draw(as_ofs(case))
    first_only = POLICY
    for clause, duration in (("MAIL-1", BusinessHours(2)), ("MAIL-4", BusinessDays(1)),
                             ("TEL-3", BusinessDays(1))):  # fmt: skip
        first_only = first_only.with_reading(clause, duration, every_message=False)
    results = assess(first_only, case, as_of).results
    assert all(r.instance == 0 for r in results if r.clause in NEXT_REPLY)
