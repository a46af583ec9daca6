"""Laws of assess() over generated cases, each named after the law it checks."""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    DEFAULT_READINGS,
    EXPANDIT_POLICY,
    BusinessDays,
    BusinessHours,
    Case,
    CaseEvent,
    ClauseKind,
    ClauseResult,
    ClauseState,
    Closed,
    CloseReason,
    ContactCadence,
    InformationReceived,
    InformationRequested,
    agenda,
    assess,
    report,
)
from expandit_policy._policy._cadences import party_kind
from tests.evaluation.strategies import as_ofs, cases, cph, request

MISSED = (ClauseState.BREACHED, ClauseState.MET_LATE)
# COM-9 has no cadence by default; these give every party one, so its clock is under the laws too.
POLICY = (
    EXPANDIT_POLICY.with_reading("COM-9", BusinessDays(3))
    .with_cadence(ContactCadence(BusinessHours(6), party_kind="partner"))
    .with_cadence(ContactCadence(BusinessDays(2, "close_of_day"), party_name="Acme"))
)


#: The clauses with a clock: the deadlines, and COM-8's follow-up (an obligation with a clock).
CLOCKS = frozenset(r.clause for r in DEFAULT_READINGS)


def _deadlines(case: Case, as_of: dt.datetime) -> dict[tuple[str, int], ClauseResult]:
    """Every instance of a clause with a clock, by clause and instance."""
    result = assess(POLICY, case, as_of)
    return {(r.clause, r.instance): r for r in result.results if r.clause in CLOCKS}


def test_COM_8_the_laws_over_clocks_see_the_satisfaction_question() -> None:
    # an end customer's case closed Mon 2 March 10:00: COM-8 runs, due Tue 3 March 10:00
    case = Case(request(), [Closed(cph(2, 10))])
    com8 = _deadlines(case, cph(2, 12))[("COM-8", 0)]
    assert (com8.kind, com8.due_at) == (ClauseKind.OBLIGATION, cph(3, 10))


@given(st.data())
def test_MAIL_1_CPL_2_every_clause_same_inputs_same_outputs(data: st.DataObject) -> None:
    case = data.draw(cases())
    as_of = data.draw(as_ofs(case))
    assert assess(POLICY, case, as_of) == assess(POLICY, case, as_of)


@given(st.data())
def test_MAIL_1_CPL_2_every_deadline_met_stays_met_and_breached_stays_missed(
    data: st.DataObject,
) -> None:
    case = data.draw(cases())
    first, second = sorted([data.draw(as_ofs(case)), data.draw(as_ofs(case))])
    before = _deadlines(case, first)
    after = _deadlines(case, second)
    for clause, r in before.items():
        later = after[clause].state
        if r.state is ClauseState.MET:
            assert later is ClauseState.MET, clause
        elif r.state is ClauseState.MET_LATE:
            assert later is ClauseState.MET_LATE, clause
        elif r.state is ClauseState.BREACHED:
            assert later in MISSED, clause


@given(st.data())
def test_MAIL_1_CPL_2_every_clause_assessing_the_log_cut_at_as_of_equals_assessing_it_whole(
    data: st.DataObject,
) -> None:
    case = data.draw(cases())
    as_of = data.draw(as_ofs(case))
    prefix = Case(case.request, [e for e in case.events if e.at <= as_of])
    whole = assess(POLICY, case, as_of)
    cut = assess(POLICY, prefix, as_of)
    assert cut.results == whole.results
    # the log grows: the next piece, assessed at a later instant, matches the whole log then
    later = max(as_of, data.draw(as_ofs(case)))
    grown = Case(case.request, [e for e in case.events if e.at <= later])
    assert assess(POLICY, grown, later).results == (assess(POLICY, case, later).results)


@given(st.data())
def test_MAIL_1_MAIL_3_MAIL_4_TEL_3_CPL_1_COM_8_COM_9_due_instants_never_lie_in_closed_time(
    data: st.DataObject,
) -> None:
    case = data.draw(cases())
    as_of = data.draw(as_ofs(case))
    calendar = POLICY.calendar
    for clause, r in _deadlines(case, as_of).items():
        due = r.due_at
        if due is None or clause[0] == "CPL-2":
            continue
        assert calendar.is_open(due) or calendar.previous_close(due) == due, (clause, due)


@given(st.data())
def test_CPL_2_end_of_day_due_is_midnight_after_a_working_day(data: st.DataObject) -> None:
    case = data.draw(cases())
    as_of = data.draw(as_ofs(case))
    r = _deadlines(case, as_of).get(("CPL-2", 0))
    if r is not None and r.due_at is not None:
        due = pendulum.instance(r.due_at)
        assert (due.hour, due.minute) == (0, 0)
        assert POLICY.calendar.is_working_day(due.subtract(days=1).date())


@given(st.data())
def test_CPL_2_adding_a_pause_never_makes_the_deadline_earlier(data: st.DataObject) -> None:
    case = data.draw(cases())
    if case.request.kind.value not in ("complaint", "material defect claim"):
        return
    received = pendulum.instance(case.request.received_at)
    a = data.draw(st.integers(min_value=0, max_value=20 * 24 * 60))
    b = data.draw(st.integers(min_value=a, max_value=24 * 24 * 60))
    pause: list[CaseEvent] = [
        InformationRequested(received.add(minutes=a)),
        InformationReceived(received.add(minutes=b)),
    ]
    events = sorted([*case.events, *pause], key=lambda e: e.at)
    paused = Case(case.request, events)
    as_of = received.add(minutes=b + data.draw(st.integers(min_value=0, max_value=20 * 24 * 60)))
    plain = assess(POLICY, case, as_of).result("CPL-2")
    with_pause = assess(POLICY, paused, as_of).result("CPL-2")
    if plain.due_at is not None and with_pause.due_at is not None:
        assert with_pause.due_at >= plain.due_at
    if plain.state is ClauseState.MET:
        # still met, unless the close met it and came while it waited on the customer: then the
        # clock is cancelled (CLAUSES.md, "Decisions on case flows": closing), never breached
        closes = [e.at for e in case.events if isinstance(e, Closed)]
        met_by_close = any(line.startswith("stopped by Closed") for line in plain.explanation)
        waiting = met_by_close and pause[0].at < closes[0] <= pause[1].at  # a close sorts first
        expected = ClauseState.CANCELLED if waiting else ClauseState.MET
        assert with_pause.state is expected


@given(st.data())
def test_MAIL_1_CPL_2_every_deadline_next_change_is_when_the_state_changes(
    data: st.DataObject,
) -> None:
    case = data.draw(cases())
    as_of = data.draw(as_ofs(case))
    prefix = Case(case.request, [e for e in case.events if e.at <= as_of])
    now = _deadlines(prefix, as_of)
    for clause, r in now.items():
        nxt = r.next_change_at
        if nxt is None:
            assert r.state is not ClauseState.RUNNING, clause
            continue
        just_before = pendulum.instance(nxt).subtract(microseconds=1)
        if just_before >= as_of:
            same = _deadlines(prefix, just_before)[clause]
            assert (same.state, same.warning) == (r.state, r.warning), clause
        changed = _deadlines(prefix, nxt)[clause]
        assert (changed.state, changed.warning) != (r.state, r.warning), clause


@given(st.data())
def test_MAIL_1_to_CPL_4_every_explanation_names_the_calendar_used(data: st.DataObject) -> None:
    case = data.draw(cases())
    as_of = data.draw(as_ofs(case))
    for r in assess(POLICY, case, as_of).results:
        assert "calendar: Denmark (Europe/Copenhagen)" in r.explanation, (r.clause, r.explanation)


FINAL = frozenset(
    {
        ClauseState.MET,
        ClauseState.MET_LATE,
        ClauseState.BREACHED,
        ClauseState.CANCELLED,
        ClauseState.NOT_APPLICABLE,
        ClauseState.UNKNOWN,
    }
)


@given(st.data())
def test_MAIL_1_to_CPL_4_a_closed_case_ends_in_final_states_and_leaves_the_agenda(
    data: st.DataObject,
) -> None:
    drawn = data.draw(cases())
    last = max([drawn.request.received_at, *(e.at for e in drawn.events)])
    reason = data.draw(st.sampled_from([None, *CloseReason]))
    case = drawn.with_event(Closed(pendulum.instance(last).add(minutes=1), reason))
    # a month after the close, COM-8 (1 working day from the conclusion) has run out
    later = pendulum.instance(last).add(days=30)
    results = assess(POLICY, case, later).results
    assert {r.state for r in results} <= FINAL, [(r.clause, r.state) for r in results]
    breaches = [r for r in results if r.state is ClauseState.BREACHED]
    assert all(r.breached_at is not None and r.warning.value == "breached" for r in breaches)
    assert agenda(POLICY, [case], later) == ()


@given(st.lists(cases(max_events=5), max_size=6))
def test_AIM_1_report_counts_add_up_to_the_results_they_summarise(batch: list[Case]) -> None:
    batch = [attrs.evolve(c, request=attrs.evolve(c.request, id=f"R-{k}")) for k, c in enumerate(batch)]  # fmt: skip
    as_of = pendulum.datetime(2026, 3, 20, 12, tz="Europe/Copenhagen")
    assessments = [assess(POLICY, c, as_of) for c in batch]
    counted = {
        ClauseState.MET, ClauseState.MET_LATE, ClauseState.BREACHED, ClauseState.RUNNING,
        ClauseState.PAUSED, ClauseState.OPEN, ClauseState.CANCELLED,
    }  # fmt: skip
    for row in report(assessments):
        total = row.met + row.met_late + row.breached + row.open + row.cancelled
        counted_here = [
            (a.case.request.id, r.instance)
            for a in assessments
            for r in a.results
            if r.clause == row.clause and r.state in counted
            and a.case.request.channel is row.channel
            and party_kind(a.case.request.party) == row.party_kind
        ]  # fmt: skip
        assert total == len(counted_here)  # one count per instance
        assert row.cases == tuple(dict.fromkeys(i for i, _ in counted_here))  # a case once
