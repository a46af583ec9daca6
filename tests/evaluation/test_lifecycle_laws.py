"""Laws of assess(), agenda() and report() over realistic case lifecycles (the public
``case_lifecycles()`` strategy), each named after the law it checks (CLAUSES.md, "Decisions on
case flows")."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    Assessment,
    BusinessDays,
    BusinessHours,
    Case,
    Channel,
    ClauseKind,
    ClauseResult,
    ClauseState,
    ContactCadence,
    EndCustomer,
    Licence,
    Partner,
    Party,
    Reseller,
    agenda,
    assess,
    report,
    strategies,
)

ZONE = "Europe/Copenhagen"
# MAIL-2 and COM-9 have no clock by default; these readings give them one, so they are under
# the laws too, and two COM-9 cadences make the most specific one matter.
POLICY = (
    EXPANDIT_POLICY.with_reading("MAIL-2", BusinessDays(5))
    .with_reading("COM-9", BusinessDays(3))
    .with_cadence(ContactCadence(BusinessHours(6), party_kind="partner"))
    .with_cadence(ContactCadence(BusinessDays(2, "close_of_day"), party_name="Acme"))
)

#: The states a result ends in once its case is closed and the post-close duties have run out.
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
#: What a report row counts, column by column (CLAUSES.md: cancelled has a column of its own).
COLUMNS: dict[str, frozenset[ClauseState]] = {
    "met": frozenset({ClauseState.MET}),
    "met_late": frozenset({ClauseState.MET_LATE}),
    "breached": frozenset({ClauseState.BREACHED}),
    "open": frozenset({ClauseState.RUNNING, ClauseState.PAUSED, ClauseState.OPEN}),
    "cancelled": frozenset({ClauseState.CANCELLED}),
}
#: Long enough after the last event for COM-8 (one working day after closing) to have run out,
#: whatever holidays come between.
AFTERWARDS = dt.timedelta(days=30)
_KIND = {EndCustomer: "end customer", Partner: "partner", Reseller: "reseller"}

_START = pendulum.datetime(2026, 1, 1, tz="UTC")
_RECEIVED = strategies.arrivals(
    timezones=st.sampled_from([ZONE, "Europe/Berlin", "UTC"]),
    min_value=_START,
    max_value=_START.add(years=1),
)
_REQUESTS = strategies.requests(received=_RECEIVED)


def lifecycles(*, closed: bool | None = None) -> st.SearchStrategy[Case]:
    """Realistic lifecycles of requests received in 2026, around its changes of clocks too."""
    return strategies.case_lifecycles(requests=_REQUESTS, closed=closed)


def _last(case: Case) -> dt.datetime:
    return max([case.request.received_at, *(e.at for e in case.events)])


def as_ofs(case: Case) -> st.SearchStrategy[dt.datetime]:
    """Instants from the request's receipt to 30 days after its last event."""
    return strategies.instants(
        timezones=st.just(ZONE),
        min_value=case.request.received_at,
        max_value=_last(case) + AFTERWARDS,
    )


def _cut(case: Case, as_of: dt.datetime) -> Case:
    """The log as it was known at ``as_of``."""
    return Case(case.request, [e for e in case.events if e.at <= as_of])


def _deadlines(assessment: Assessment) -> dict[tuple[str, int], ClauseResult]:
    """Every instance of a deadline, by clause and instance."""
    return {(r.clause, r.instance): r for r in assessment.results if r.kind is ClauseKind.DEADLINE}


# -- final means final --------------------------------------------------------------------------


@given(lifecycles(closed=True))
def test_a_closed_case_whose_post_close_duties_have_run_out_has_only_final_results(
    case: Case,
) -> None:
    as_of = _last(case) + AFTERWARDS
    results = assess(POLICY, case, as_of).results
    assert [(r.clause, r.state) for r in results if r.state not in FINAL] == []


@given(lifecycles(closed=True))
def test_a_closed_case_whose_post_close_duties_have_run_out_has_no_agenda_item(
    case: Case,
) -> None:
    as_of = _last(case) + AFTERWARDS
    assert [(i.clause, i.state) for i in agenda(POLICY, [case], as_of)] == []


@given(lifecycles(closed=True), st.integers(0, 365 * 24))
def test_a_closed_case_whose_post_close_duties_have_run_out_stays_as_it_is_as_time_passes(
    case: Case, hours_later: int
) -> None:
    as_of = _last(case) + AFTERWARDS
    now = assess(POLICY, case, as_of).results
    later = assess(POLICY, case, as_of + dt.timedelta(hours=hours_later)).results
    assert [(r.clause, r.state, r.breached_at) for r in later] == [
        (r.clause, r.state, r.breached_at) for r in now
    ]


# -- report -------------------------------------------------------------------------------------


@given(st.lists(lifecycles(), min_size=1, max_size=4), st.data())
def test_report_counts_cancelled_included_add_up_to_the_results_they_summarise(
    batch: list[Case], data: st.DataObject
) -> None:
    as_of = data.draw(as_ofs(batch[0]))
    assessments = [assess(POLICY, case, as_of) for case in batch]
    # the oracle: each result counted once, in its group of clause, channel and kind of party
    groups: dict[tuple[str, Channel, str], Counter[ClauseState]] = {}
    for a in assessments:
        key_of = (a.case.request.channel, _KIND[type(a.case.request.party)])
        for r in a.results:
            groups.setdefault((r.clause, *key_of), Counter())[r.state] += 1
    rows = report(assessments)
    assert sorted((r.clause, r.channel.value, r.party_kind) for r in rows) == sorted(
        (clause, channel.value, kind) for clause, channel, kind in groups
    )
    for row in rows:
        states = groups[row.clause, row.channel, row.party_kind]
        for column, counted in COLUMNS.items():
            assert getattr(row, column) == sum(states[s] for s in counted), (row.clause, column)
        decided = row.met + row.met_late + row.breached  # cancelled is no part of the rate
        assert row.compliance_rate == (None if decided == 0 else row.met / decided)
    counted = frozenset().union(*COLUMNS.values())
    in_columns = sum(getattr(row, c) for row in rows for c in COLUMNS)
    assert in_columns == sum(r.state in counted for a in assessments for r in a.results)


# -- who a party is -----------------------------------------------------------------------------


def _same_party_other_contacts(party: Party, contacts: list[Any], upper: bool) -> Party:
    name = party.name.upper() if upper else party.name.lower()
    return attrs.evolve(party, name=name, contacts=contacts)


@given(strategies.parties(), st.lists(strategies.contacts(), max_size=3), st.booleans())
def test_party_identity_ignores_contacts_and_the_case_of_the_name(
    party: Party, contacts: list[Any], upper: bool
) -> None:
    other = _same_party_other_contacts(party, contacts, upper)
    assert other == party
    assert hash(other) == hash(party)


@given(lifecycles(), st.lists(strategies.contacts(), max_size=3), st.data())
def test_party_identity_ignores_contacts_so_assessing_with_a_licence_held_by_it_does_too(
    case: Case, contacts: list[Any], data: st.DataObject
) -> None:
    party = case.request.party
    licence: Licence = data.draw(strategies.licences(holders=st.just(party)))
    as_of = data.draw(as_ofs(case))
    today = Case(
        attrs.evolve(case.request, party=attrs.evolve(party, contacts=contacts)), case.events
    )
    assert assess(POLICY, today, as_of, licences=[licence]).results == (
        assess(POLICY, case, as_of, licences=[licence]).results
    )


# -- determinism --------------------------------------------------------------------------------


@given(st.lists(lifecycles(), min_size=1, max_size=3), st.data())
def test_assess_agenda_and_report_give_the_same_answer_to_the_same_question(
    batch: list[Case], data: st.DataObject
) -> None:
    as_of = data.draw(as_ofs(batch[0]))
    once = [assess(POLICY, case, as_of) for case in batch]
    again = [assess(POLICY, case, as_of) for case in batch]
    assert once == again
    assert report(once) == report(again)
    assert agenda(POLICY, batch, as_of) == agenda(POLICY, batch, as_of)


@given(st.lists(lifecycles(), min_size=1, max_size=4), st.data())
def test_the_agenda_does_not_depend_on_the_order_of_the_cases(
    batch: list[Case], data: st.DataObject
) -> None:
    # distinct ids: the agenda orders ties by case id
    batch = [Case(attrs.evolve(c.request, id=f"R-{k}"), c.events) for k, c in enumerate(batch, 1)]
    as_of = data.draw(as_ofs(batch[0]))
    shuffled = list(batch)
    random.Random(data.draw(st.integers(0, 2**16))).shuffle(shuffled)
    assert agenda(POLICY, shuffled, as_of) == agenda(POLICY, batch, as_of)


# -- time passes --------------------------------------------------------------------------------


@given(lifecycles(), st.data())
def test_a_deadline_met_stays_met_and_a_missed_one_stays_missed_as_time_passes(
    case: Case, data: st.DataObject
) -> None:
    first, second = sorted([data.draw(as_ofs(case)), data.draw(as_ofs(case))])
    before = _deadlines(assess(POLICY, case, first))
    after = _deadlines(assess(POLICY, case, second))
    for clause, r in before.items():
        later = after[clause].state
        if r.state in (ClauseState.MET, ClauseState.MET_LATE, ClauseState.CANCELLED):
            assert later is r.state, (clause, r.state, later)
        elif r.state is ClauseState.BREACHED:
            assert later in (ClauseState.BREACHED, ClauseState.MET_LATE), (clause, later)


@given(lifecycles(), st.data())
def test_assessing_the_log_cut_at_as_of_equals_assessing_it_whole(
    case: Case, data: st.DataObject
) -> None:
    as_of = data.draw(as_ofs(case))
    whole = assess(POLICY, case, as_of)
    assert assess(POLICY, _cut(case, as_of), as_of).results == whole.results
    assert agenda(POLICY, [_cut(case, as_of)], as_of) == agenda(POLICY, [case], as_of)
