"""The decisions on case flows (CLAUSES.md), each on a hand-worked table.

Every instant below is worked out by hand on the Danish desk (presets.denmark(): Europe/Copenhagen,
Monday to Friday 08:00-16:00; March 2026 is UTC+1 until the 29th, and has no holiday). Monday
2 March 2026 is the first day of every flow.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pendulum
import pytest

from expandit_policy import (
    EXPANDIT_POLICY,
    AcknowledgedInWriting,
    BusinessDays,
    BusinessHours,
    Case,
    CaseEvent,
    Channel,
    ClauseState,
    Closed,
    CloseReason,
    Contact,
    Coverage,
    EndCustomer,
    FeeNoticeSent,
    InformationReceived,
    InformationRequested,
    Licence,
    LoggedUnderMailbox,
    Mailbox,
    Product,
    Reopened,
    Replied,
    Request,
    RequestKind,
    Resolved,
    SatisfactionAsked,
    SoftwareAssuranceTerm,
    WarningLevel,
    agenda,
    assess,
    report,
)
from tests.evaluation.strategies import ACME, ADA, BO, KIM, NORDIC, cph, reply, request

H = dt.timedelta(hours=1)
FINAL = {
    ClauseState.MET,
    ClauseState.MET_LATE,
    ClauseState.BREACHED,
    ClauseState.CANCELLED,
    ClauseState.NOT_APPLICABLE,
    ClauseState.UNKNOWN,
}


def _case(case_id: str, req: Request, events: list[CaseEvent]) -> Case:
    return Case(attrs.evolve(req, id=case_id), events)


def _states(case: Case, as_of: dt.datetime, **kw: object) -> dict[str, ClauseState]:
    return {r.clause: r.state for r in assess(EXPANDIT_POLICY, case, as_of, **kw).results}  # type: ignore[arg-type]


# -- closing ends a case -----------------------------------------------------------------------

# A call (no fee earner) Mon 09:00, answered from Kim's own mailbox at 10:00, resolved 11:00 and
# closed 12:00. COM-4 was owed (the sender was never moved to a shared mailbox): the close breaches
# it at 12:00. COM-8 started at the first Resolved (11:00): due Tue 3 March 11:00.
PHONE_FLOW = Case(
    request(Channel.PHONE, at=cph(2, 9)),
    [reply(cph(2, 10), KIM, cc=False), Resolved(cph(2, 11)), Closed(cph(2, 12))],
)


def test_COM_4_closing_breaches_an_open_duty_at_the_closing_instant() -> None:
    com4 = assess(EXPANDIT_POLICY, PHONE_FLOW, cph(3, 9)).result("COM-4")
    assert (com4.state, com4.breached_at, com4.warning) == (
        ClauseState.BREACHED,
        cph(2, 12),
        WarningLevel.BREACHED,
    )
    assert any("closed before" in line for line in com4.explanation)


def test_COM_4_COM_8_a_closed_case_is_on_the_agenda_only_for_its_post_close_duty() -> None:
    items = agenda(EXPANDIT_POLICY, [PHONE_FLOW], cph(3, 9))
    assert [(i.clause, i.state, i.due_at) for i in items] == [
        ("COM-8", ClauseState.RUNNING, cph(3, 11))
    ]
    # the satisfaction question is asked at Tue 10:00: the closed case leaves the agenda
    asked = PHONE_FLOW.with_event(SatisfactionAsked(cph(3, 10)))
    assert agenda(EXPANDIT_POLICY, [asked], cph(3, 12)) == ()
    assert set(_states(asked, cph(3, 12)).values()) <= FINAL


# A complaint Mon 09:00. Information is asked for at 10:00 (CPL-2 pauses); the case is closed
# Tue 3 March 10:00 while waiting. CPL-1 (due at the close of Wed 4 March, 16:00) was running and
# in time: met at the close. CPL-2 was waiting on the customer: cancelled. CPL-3 (never logged):
# breached at the close.
COMPLAINT_FLOW = Case(
    request(Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT, cph(2, 9)),
    [InformationRequested(cph(2, 10)), Closed(cph(3, 10))],
)


@pytest.mark.parametrize(
    ("clause", "state", "met_at", "breached_at"),
    [
        pytest.param("CPL-1", ClauseState.MET, cph(3, 10), None, id="CPL-1 running, in time: met at the close"),
        pytest.param("CPL-2", ClauseState.CANCELLED, None, None, id="CPL-2 paused: cancelled"),
        pytest.param("CPL-3", ClauseState.BREACHED, None, cph(3, 10), id="CPL-3 open: breached at the close"),
    ],
)  # fmt: skip
def test_CPL_1_CPL_2_CPL_3_closing_a_complaint_waiting_on_the_customer(
    clause: str, state: ClauseState, met_at: dt.datetime | None, breached_at: dt.datetime | None
) -> None:
    result = assess(EXPANDIT_POLICY, COMPLAINT_FLOW, cph(4, 9)).result(clause)
    assert (result.state, result.met_at, result.breached_at) == (state, met_at, breached_at)
    # only the satisfaction question (from the close, Tue 10:00, due Wed 10:00) is still to do
    items = agenda(EXPANDIT_POLICY, [COMPLAINT_FLOW], cph(4, 9))
    assert [(i.clause, i.due_at) for i in items] == [("COM-8", cph(4, 10))]


# A support question Mon 09:00: MAIL-1 is due at 11:00 (2 business hours).
SUPPORT = request(Channel.SUPPORT_MAILBOX, at=cph(2, 9))


@pytest.mark.parametrize(
    ("events", "state", "met_at", "breached_at"),
    [
        pytest.param([Closed(cph(2, 10, 30))], ClauseState.MET, cph(2, 10, 30), None, id="MAIL-1 closed 10:30, in time"),
        pytest.param([Closed(cph(2, 11))], ClauseState.MET, cph(2, 11), None, id="MAIL-1 closed at the due instant"),
        pytest.param([Closed(cph(2, 12))], ClauseState.BREACHED, None, cph(2, 11), id="MAIL-1 closed 12:00, overdue"),
        pytest.param([Closed(cph(2, 10)), Reopened(cph(2, 13))], ClauseState.MET, cph(2, 10), None, id="MAIL-1 a reopen revives nothing"),
        pytest.param([Closed(cph(2, 12)), Reopened(cph(2, 13)), reply(cph(2, 14))], ClauseState.BREACHED, None, cph(2, 11), id="MAIL-1 breached stays breached after a reopen"),
    ],
)  # fmt: skip
def test_MAIL_1_closing_stops_a_running_clock_for_good(
    events: list[CaseEvent],
    state: ClauseState,
    met_at: dt.datetime | None,
    breached_at: dt.datetime | None,
) -> None:
    mail1 = assess(EXPANDIT_POLICY, Case(SUPPORT, events), cph(3, 9)).result("MAIL-1")
    assert (mail1.state, mail1.met_at, mail1.breached_at) == (state, met_at, breached_at)
    assert mail1.due_at == cph(2, 11)


def test_MAIL_1_MAIL_2_COM_8_a_closed_case_ends_in_final_states() -> None:
    # closed Mon 10:00; COM-8 started then and is due Tue 3 March 10:00; by Wed nothing runs
    case = Case(SUPPORT, [Closed(cph(2, 10))])
    states = _states(case, cph(4, 9), resolution_target=BusinessDays(5))
    assert states == {
        "COM-5": ClauseState.UNKNOWN,  # no licences: nobody knows which notice was owed
        "COM-8": ClauseState.BREACHED,
        "COM-9": ClauseState.NOT_APPLICABLE,
        "MAIL-1": ClauseState.MET,
        "MAIL-2": ClauseState.MET,
    }


# -- void closes -------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", list(CloseReason))
def test_MAIL_1_MAIL_2_CPL_3_a_void_close_cancels_and_breaches_nothing(reason: CloseReason) -> None:
    # closed as void Mon 10:00, before MAIL-1's due instant (11:00)
    support = Case(SUPPORT, [Closed(cph(2, 10), reason)])
    states = _states(support, cph(4, 9), resolution_target=BusinessDays(5))
    assert states["MAIL-1"] is states["MAIL-2"] is ClauseState.CANCELLED
    assert states["COM-8"] is ClauseState.NOT_APPLICABLE  # nothing was served to follow up
    com8 = assess(EXPANDIT_POLICY, support, cph(4, 9)).result("COM-8")
    assert com8.explanation[-1] == (
        f"the case was closed as void: Closed as {reason.value} at 2026-03-02T10:00:00+01:00 "
        f"(events[0]); not started by a void close, and cancelled if it was running: "
        f"nothing was served to follow up"
    )
    complaint = Case(
        request(Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT, cph(2, 9)),
        [InformationRequested(cph(2, 9, 30)), Closed(cph(2, 10), reason)],
    )
    states = _states(complaint, cph(4, 9))
    assert states["CPL-1"] is states["CPL-2"] is states["CPL-3"] is ClauseState.CANCELLED
    assert agenda(EXPANDIT_POLICY, [support, complaint], cph(4, 9)) == ()


def test_COM_8_a_void_close_after_the_fix_cancels_the_follow_up() -> None:
    # Resolved Mon 10:00 starts COM-8 (due Tue 10:00); withdrawn Mon 11:00: nothing to follow up.
    case = Case(SUPPORT, [Resolved(cph(2, 10)), Closed(cph(2, 11), CloseReason.WITHDRAWN)])
    com8 = assess(EXPANDIT_POLICY, case, cph(2, 12)).result("COM-8")
    assert com8.state is ClauseState.CANCELLED
    assert agenda(EXPANDIT_POLICY, [case], cph(2, 12)) == ()


def test_MAIL_1_a_void_close_after_the_due_instant_keeps_the_breach() -> None:
    mail1 = assess(
        EXPANDIT_POLICY, Case(SUPPORT, [Closed(cph(2, 12), CloseReason.SPAM)]), cph(3, 9)
    ).result("MAIL-1")
    assert (mail1.state, mail1.breached_at) == (ClauseState.BREACHED, cph(2, 11))


def test_AIM_1_report_counts_cancelled_in_its_own_column_outside_the_rate() -> None:
    met = _case("S-1", SUPPORT, [reply(cph(2, 10))])
    void = _case("S-2", SUPPORT, [Closed(cph(2, 10), CloseReason.DUPLICATE)])
    late = _case("S-3", SUPPORT, [])
    rows = report(assess(EXPANDIT_POLICY, c, cph(2, 12)) for c in (met, void, late))
    [mail1] = [r for r in rows if r.clause == "MAIL-1"]
    assert (mail1.met, mail1.breached, mail1.cancelled, mail1.open) == (1, 1, 1, 0)
    assert mail1.compliance_rate == 0.5
    assert mail1.cases == ("S-1", "S-2", "S-3")


# -- the agenda --------------------------------------------------------------------------------


def test_MAIL_1_MAIL_3_agenda_lists_breaches_of_open_cases_first_then_soonest_due() -> None:
    # S-1: support mail Mon 09:00, unanswered: MAIL-1 breached at 11:00.
    # a sales question Mon 09:00 answered at 09:30: MAIL-3 due Wed 4 March 09:00.
    # a support mail closed Mon 09:30 (MAIL-1 met) whose COM-8 was due Tue 09:30: breached,
    #      but the case is closed: in the report, not on the agenda.
    unanswered = _case("S-1", SUPPORT, [])
    question = _case(
        "Q-1", request(Channel.SALES_MAILBOX, at=cph(2, 9)), [reply(cph(2, 9, 30), Mailbox.sales())]
    )
    closed = _case("X-1", SUPPORT, [Closed(cph(2, 9, 30))])
    items = agenda(EXPANDIT_POLICY, [question, closed, unanswered], cph(3, 12))
    assert [(i.case_id, i.clause, i.state, i.at_risk, i.breached_at) for i in items] == [
        ("S-1", "MAIL-1", ClauseState.BREACHED, True, cph(2, 11)),
        ("Q-1", "MAIL-3", ClauseState.RUNNING, False, None),  # Tue 12:00: 11 of 16 hours used
    ]
    assert items[0].warning is WarningLevel.BREACHED


def test_MAIL_2_agenda_names_every_resolution_target_that_names_no_case() -> None:
    from expandit_policy import UnknownCaseError

    case = _case("R-1", SUPPORT, [])
    targets = {"R-1": BusinessDays(5), "X-9": BusinessDays(1), "A-0": BusinessDays(2)}
    with pytest.raises(UnknownCaseError, match=r"got 'A-0', 'X-9', which name no case"):
        agenda(EXPANDIT_POLICY, [case], cph(2, 10), resolution_targets=targets)
    items = agenda(EXPANDIT_POLICY, [case], cph(2, 10), resolution_targets={"R-1": BusinessDays(5)})
    [mail2] = [i for i in items if i.clause == "MAIL-2"]
    assert mail2.due_at == cph(9, 9)  # 5 working days, same time of day


# -- COM-5: the notice states the coverage coverage() decides ----------------------------------

COMMERCE = Product.ranked("Commerce", "Standard")
ACTIVE_SA = Licence(
    COMMERCE, COMMERCE.levels[0], ACME,
    sa_term=SoftwareAssuranceTerm(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
)  # fmt: skip
FIX = request(kind=RequestKind.FIX, at=cph(2, 9))


@pytest.mark.parametrize(
    ("events", "licences", "state", "breached_at"),
    [
        pytest.param([FeeNoticeSent(cph(2, 10), Coverage.COVERED_BY_SA)], [ACTIVE_SA], ClauseState.MET, None, id="COM-5 covered, says covered"),
        pytest.param([FeeNoticeSent(cph(2, 10), Coverage.NEEDS_FEES)], [ACTIVE_SA], ClauseState.BREACHED, cph(2, 10), id="COM-5 covered, says fees"),
        pytest.param([FeeNoticeSent(cph(2, 10), Coverage.NEEDS_FEES)], [], ClauseState.MET, None, id="COM-5 unknown, any notice"),
        pytest.param([Resolved(cph(2, 11)), Closed(cph(2, 12))], [], ClauseState.UNKNOWN, None, id="COM-5 unknown, none, closed"),
        pytest.param([Closed(cph(2, 12))], [ACTIVE_SA], ClauseState.BREACHED, cph(2, 12), id="COM-5 covered, closed without notice"),
        pytest.param([Resolved(cph(2, 11)), Closed(cph(2, 12)), FeeNoticeSent(cph(3, 9), Coverage.NEEDS_FEES)], [], ClauseState.UNKNOWN, None, id="COM-5 unknown, notice only after the close"),
        pytest.param([Resolved(cph(2, 11)), FeeNoticeSent(cph(2, 12), Coverage.NEEDS_FEES)], [], ClauseState.UNKNOWN, None, id="COM-5 unknown, notice only after the fix"),
    ],
)  # fmt: skip
def test_COM_5_the_notice_must_state_the_coverage_decided(
    events: list[CaseEvent],
    licences: list[Licence],
    state: ClauseState,
    breached_at: dt.datetime | None,
) -> None:
    com5 = assess(EXPANDIT_POLICY, Case(FIX, events), cph(4, 9), licences=licences).result("COM-5")
    assert (com5.state, com5.breached_at) == (state, breached_at)


def test_COM_5_a_wrong_notice_names_both_coverages() -> None:
    case = Case(FIX, [FeeNoticeSent(cph(2, 10), Coverage.NEEDS_FEES)])
    com5 = assess(EXPANDIT_POLICY, case, cph(2, 11), licences=[ACTIVE_SA]).result("COM-5")
    line = com5.explanation[-1]
    assert "'needs extra fees'" in line and "'covered by Software Assurance'" in line


def test_COM_5_a_licence_matches_its_party_whatever_the_contacts_today() -> None:
    per = Contact("Per Holm", "per@acme.dk")
    held = Licence(
        COMMERCE, COMMERCE.levels[0], EndCustomer("Acme", [ADA, per]),
        sa_term=SoftwareAssuranceTerm(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    )  # fmt: skip
    today = request(
        kind=RequestKind.FIX, at=cph(2, 9), sender=per, party=EndCustomer("ACME", [per])
    )
    com5 = assess(EXPANDIT_POLICY, Case(today), cph(2, 10), licences=[held]).result("COM-5")
    assert com5.state is ClauseState.OPEN
    assert "covered by Software Assurance" in com5.explanation[1]


# -- a complete answer is a reply --------------------------------------------------------------


@pytest.mark.parametrize(
    ("req", "clause", "events", "as_of", "state", "met_at"),
    [
        pytest.param(SUPPORT, "MAIL-1", [Resolved(cph(2, 9, 30))], cph(2, 12), ClauseState.MET, cph(2, 9, 30), id="MAIL-1 resolved 09:30 with no reply"),
        pytest.param(SUPPORT, "MAIL-1", [AcknowledgedInWriting(cph(2, 9, 15))], cph(2, 12), ClauseState.BREACHED, None, id="MAIL-1 an acknowledgement is no reply"),
        pytest.param(SUPPORT, "MAIL-1", [reply(cph(2, 10)), Resolved(cph(2, 12))], cph(2, 13), ClauseState.MET, cph(2, 10), id="MAIL-1 the reply came first"),
        pytest.param(request(Channel.PERSONAL_MAILBOX, at=cph(2, 9)), "MAIL-4", [Resolved(cph(3, 8, 30))], cph(3, 12), ClauseState.MET, cph(3, 8, 30), id="MAIL-4 resolved next morning"),
        pytest.param(request(Channel.PHONE, at=cph(2, 9), sender=BO, party=NORDIC), "TEL-3", [Resolved(cph(3, 9))], cph(3, 12), ClauseState.MET, cph(3, 9), id="TEL-3 resolved at the due instant"),
    ],
)  # fmt: skip
def test_MAIL_1_MAIL_4_TEL_3_a_complete_answer_is_the_first_reply(
    req: Request,
    clause: str,
    events: list[CaseEvent],
    as_of: dt.datetime,
    state: ClauseState,
    met_at: dt.datetime | None,
) -> None:
    result = assess(EXPANDIT_POLICY, Case(req, events), as_of).result(clause)
    assert (result.state, result.met_at) == (state, met_at)


# -- MAIL-2 and MAIL-3 cover every request on their mailbox, and pause ---------------------------

# A sales question Mon 09:00: MAIL-3 (2 working days) is due Wed 4 March 09:00, 16 business hours.
# Information is asked for Mon 13:00 (4 hours used, 12 left) and arrives Tue 10:00: the 12 hours
# left run Tue 10:00-16:00 (6) and Wed 08:00-14:00 (6): due Wed 4 March 14:00.
SALES_FLOW = Case(
    request(Channel.SALES_MAILBOX, at=cph(2, 9)),
    [InformationRequested(cph(2, 13)), InformationReceived(cph(3, 10))],
)


@pytest.mark.parametrize(
    ("as_of", "state", "due", "used"),
    [
        pytest.param(cph(2, 12), ClauseState.RUNNING, cph(4, 9), 3 * H, id="MAIL-3 before the pause"),
        pytest.param(cph(3, 9), ClauseState.PAUSED, None, 4 * H, id="MAIL-3 paused"),
        pytest.param(cph(4, 12), ClauseState.RUNNING, cph(4, 14), 14 * H, id="MAIL-3 resumed, time used kept"),
        pytest.param(cph(4, 14), ClauseState.BREACHED, cph(4, 14), 16 * H, id="MAIL-3 breached at the new due"),
    ],
)  # fmt: skip
def test_MAIL_3_a_sales_question_pauses_while_information_is_requested(
    as_of: dt.datetime, state: ClauseState, due: dt.datetime | None, used: dt.timedelta
) -> None:
    mail3 = assess(EXPANDIT_POLICY, SALES_FLOW, as_of).result("MAIL-3")
    assert (mail3.state, mail3.due_at, mail3.used) == (state, due, used)
    assert mail3.started_at == cph(2, 9)


def test_MAIL_2_a_fix_pauses_and_resumes_with_the_time_used_kept() -> None:
    # 8 business hours from Mon 09:00 (due Tue 09:00); paused Mon 11:00 with 6 left; resumed
    # Tue 14:00: Tue 14:00-16:00 (2) and Wed 08:00-12:00 (4): due Wed 4 March 12:00.
    case = Case(
        request(kind=RequestKind.FIX, at=cph(2, 9)),
        [InformationRequested(cph(2, 11)), InformationReceived(cph(3, 14)), Resolved(cph(4, 11))],
    )
    mail2 = assess(EXPANDIT_POLICY, case, cph(4, 12), resolution_target=BusinessHours(8)).result(
        "MAIL-2"
    )
    assert (mail2.state, mail2.due_at, mail2.met_at, mail2.used) == (
        ClauseState.MET,
        cph(4, 12),
        cph(4, 11),
        7 * H,
    )


def test_MAIL_2_MAIL_3_complaints_on_a_mailbox_follow_CPL_1_to_CPL_4_instead() -> None:
    for channel in (Channel.SUPPORT_MAILBOX, Channel.SALES_MAILBOX):
        for kind in (RequestKind.COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM):
            clauses = _states(Case(request(channel, kind, cph(2, 9))), cph(2, 10))
            assert "MAIL-2" not in clauses and "MAIL-3" not in clauses
            assert "CPL-1" in clauses and "MAIL-1" in clauses
    assert "MAIL-2" in _states(Case(SUPPORT), cph(2, 10))


# -- COM-3: every reply on a shared-mailbox case copies that mailbox ---------------------------


@pytest.mark.parametrize(
    ("events", "state", "breached_at"),
    [
        pytest.param([reply(cph(2, 10), KIM, cc=False)], ClauseState.BREACHED, cph(2, 10), id="COM-3 Kim replies without copy"),
        pytest.param([Replied(cph(2, 10), KIM, ["ada@acme.dk"], cc=["Support@ExpandIT.com"])], ClauseState.MET, None, id="COM-3 Kim copies support"),
        pytest.param([reply(cph(2, 10)), reply(cph(2, 11), KIM, cc=False)], ClauseState.BREACHED, cph(2, 11), id="COM-3 the second reply without copy"),
    ],
)  # fmt: skip
def test_COM_3_a_reply_from_a_personal_mailbox_on_a_support_case_copies_support(
    events: list[CaseEvent], state: ClauseState, breached_at: dt.datetime | None
) -> None:
    com3 = assess(EXPANDIT_POLICY, Case(SUPPORT, events), cph(2, 12)).result("COM-3")
    assert (com3.state, com3.breached_at) == (state, breached_at)
    if state is ClauseState.BREACHED:
        assert any("support@expandit.com" in line for line in com3.explanation)


# A support case answered from the sales mailbox is still answered on support's behalf; a desk
# that runs its support mailbox under its own address has that address accepted once a reply
# from it is in the log (the request does not carry the address it arrived at).
DESK_SUPPORT = Mailbox.support("support@expandit.dk")


@pytest.mark.parametrize(
    ("events", "states"),
    [
        pytest.param([reply(cph(2, 10), Mailbox.sales())], [ClauseState.BREACHED], id="COM-3 sales copies only sales on a support case"),
        pytest.param([Replied(cph(2, 10), Mailbox.sales(), ["ada@acme.dk"], cc=["sales@expandit.com", "support@expandit.com"])], [ClauseState.MET], id="COM-3 sales copies support too"),
        pytest.param([reply(cph(2, 10), DESK_SUPPORT), Replied(cph(2, 11), KIM, ["ada@acme.dk"], cc=[DESK_SUPPORT.address])], [ClauseState.MET, ClauseState.MET], id="COM-3 the desk's own support address"),
        pytest.param([Replied(cph(2, 10), KIM, ["ada@acme.dk"], cc=[DESK_SUPPORT.address]), reply(cph(2, 11), DESK_SUPPORT)], [ClauseState.BREACHED, ClauseState.MET], id="COM-3 an address not yet seen does not count"),
    ],
)  # fmt: skip
def test_COM_3_every_reply_copies_the_mailbox_the_case_arrived_on(
    events: list[CaseEvent], states: list[ClauseState]
) -> None:
    com3 = assess(EXPANDIT_POLICY, Case(SUPPORT, events), cph(2, 12)).instances("COM-3")
    assert [r.state for r in com3] == states


# -- COM-8 starts when the problem is concluded ------------------------------------------------


@pytest.mark.parametrize(
    ("events", "state", "started", "due"),
    [
        pytest.param([Resolved(cph(2, 11)), SatisfactionAsked(cph(2, 14)), Closed(cph(3, 10))], ClauseState.MET, cph(2, 11), cph(3, 11), id="COM-8 asked after the fix, before the close"),
        pytest.param([Resolved(cph(2, 11)), Closed(cph(3, 15))], ClauseState.BREACHED, cph(2, 11), cph(3, 11), id="COM-8 due a working day after the fix"),
        pytest.param([Closed(cph(2, 11)), SatisfactionAsked(cph(3, 10))], ClauseState.MET, cph(2, 11), cph(3, 11), id="COM-8 closed with no Resolved"),
        pytest.param([SatisfactionAsked(cph(2, 10)), Resolved(cph(2, 11))], ClauseState.BREACHED, cph(2, 11), cph(3, 11), id="COM-8 asked before the conclusion does not count"),
    ],
)  # fmt: skip
def test_COM_8_starts_at_the_first_resolved_or_closed(
    events: list[CaseEvent], state: ClauseState, started: dt.datetime, due: dt.datetime
) -> None:
    com8 = assess(EXPANDIT_POLICY, Case(SUPPORT, events), cph(4, 9)).result("COM-8")
    assert (com8.state, com8.started_at, com8.due_at) == (state, started, due)


def test_CPL_3_logged_before_the_close_stays_met_after_it() -> None:
    case = Case(
        request(Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT, cph(2, 9)),
        [LoggedUnderMailbox(cph(2, 10), Mailbox.support()), Closed(cph(3, 10))],
    )
    assert _states(case, cph(4, 9))["CPL-3"] is ClauseState.MET


def test_MAIL_1_a_result_names_the_field_of_the_wrong_kind() -> None:
    from expandit_policy import ClauseKind, ClauseResult, WrongTypeError

    with pytest.raises(WrongTypeError, match=r"ClauseResult.breached_at must be a datetime or None, got '2026-03-02'"):  # fmt: skip
        ClauseResult("MAIL-1", ClauseKind.DEADLINE, ClauseState.BREACHED, breached_at="2026-03-02")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"ClauseResult.used must be a timedelta or None"):
        ClauseResult("MAIL-1", ClauseKind.DEADLINE, ClauseState.MET, used=2)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"ClauseResult.explanation\[1\] must be a str, got 3"):
        ClauseResult("MAIL-1", ClauseKind.DEADLINE, ClauseState.MET, explanation=["a", 3])  # type: ignore[list-item]


def test_COM_3_agenda_keeps_a_missed_copy_after_a_later_reply_copies() -> None:
    # The 10:00 reply missed the copy; the 11:00 reply copied support. The case is open, so the
    # first instance's breach stays on the agenda.
    case = Case(SUPPORT, [reply(cph(2, 10), cc=False), reply(cph(2, 11))])
    items = [i for i in agenda(EXPANDIT_POLICY, [case], cph(2, 12)) if i.clause == "COM-3"]
    assert [(i.instance, i.state, i.breached_at) for i in items] == [
        (0, ClauseState.BREACHED, cph(2, 10))
    ]


NAIVE = dt.datetime(2026, 3, 2, 9)


def test_every_instant_of_a_result_refuses_a_naive_datetime() -> None:
    from expandit_policy import (
        AgendaItem,
        Assessment,
        ClauseKind,
        ClauseResult,
        NaiveDatetimeError,
    )

    for field in ("started_at", "due_at", "met_at", "next_change_at", "breached_at"):
        with pytest.raises(NaiveDatetimeError, match=rf"ClauseResult.{field} must be an aware datetime"):  # fmt: skip
            ClauseResult("MAIL-1", ClauseKind.DEADLINE, ClauseState.OPEN, **{field: NAIVE})  # type: ignore[arg-type]
    for field in ("due_at", "breached_at"):
        values = {"due_at": None, "breached_at": None, field: NAIVE}
        with pytest.raises(NaiveDatetimeError, match=rf"AgendaItem.{field} must be an aware datetime"):  # fmt: skip
            AgendaItem("R-1", "MAIL-1", ClauseState.OPEN, values["due_at"], WarningLevel.NONE, (), values["breached_at"])  # fmt: skip
    with pytest.raises(NaiveDatetimeError, match=r"Assessment.as_of must be an aware datetime"):
        Assessment(Case(SUPPORT, []), NAIVE, "2026.1", ())


def test_results_the_library_builds_equal_the_same_results_built_with_every_check() -> None:
    # assess builds results without running the validators again; a field it forgot to set
    # would differ here (or fail to read).
    from expandit_policy import AgendaItem, Assessment, ClauseResult

    case = Case(SUPPORT, [reply(cph(2, 10), cc=False), reply(cph(2, 11))])
    assessment = assess(EXPANDIT_POLICY, case, cph(3, 12))
    rebuilt = Assessment(
        assessment.case,
        assessment.as_of,
        assessment.policy_version,
        [ClauseResult(**attrs.asdict(r, recurse=False)) for r in assessment.results],
    )
    assert rebuilt == assessment
    assert repr(rebuilt) == repr(assessment)
    items = agenda(EXPANDIT_POLICY, [case], cph(3, 12))
    assert items
    assert tuple(AgendaItem(**attrs.asdict(i, recurse=False)) for i in items) == items


def test_CPL_2_a_deadline_past_the_supported_years_names_its_clause() -> None:
    from expandit_policy import SpanOutOfRangeError

    received = pendulum.datetime(9998, 12, 28, 9, tz="Europe/Copenhagen")
    case = Case(request(Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT, at=received), [])
    with pytest.raises(SpanOutOfRangeError, match=r"^assess \(CPL-2\) would end outside the years 2 to 9998"):  # fmt: skip
        assess(EXPANDIT_POLICY, case, received.add(hours=1))
