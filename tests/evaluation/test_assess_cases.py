"""assess(), clause by clause, on hand-worked cases (Danish desk: Mon-Fri 08:00-16:00)."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from expandit_policy import (
    EXPANDIT_POLICY,
    AcknowledgedInWriting,
    BoardAnalysisDone,
    BusinessDays,
    BusinessHours,
    Case,
    CaseEvent,
    Channel,
    ClauseState,
    Closed,
    ContactCadence,
    Coverage,
    EscalatedToBoard,
    FeeNoticeSent,
    InformationReceived,
    InformationRequested,
    Licence,
    LoggedUnderMailbox,
    Mailbox,
    NaiveDatetimeError,
    Policy,
    Product,
    RequestKind,
    Resolved,
    SatisfactionAsked,
    SoftwareAssuranceTerm,
    WarningLevel,
    WrongTypeError,
    assess,
)
from tests.evaluation.strategies import ACME, ADA, BO, KIM, NORDIC, cph, reply, request

H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)
FRIDAY_1530 = cph(6, 15, 30)
SUPPORT_FRIDAY = request(Channel.SUPPORT_MAILBOX, at=FRIDAY_1530)


def state(
    case: Case, clause: str, as_of: dt.datetime, policy: Policy = EXPANDIT_POLICY, **kw: object
) -> ClauseState:
    return assess(policy, case, as_of, **kw).result(clause).state  # type: ignore[arg-type]


# -- MAIL-1 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        pytest.param([reply(cph(9, 9))], cph(9, 12), ClauseState.MET, id="MAIL-1 replied Mon 09:00"),
        pytest.param([reply(cph(9, 9, 30))], cph(9, 12), ClauseState.MET, id="MAIL-1 replied at due"),
        pytest.param([reply(cph(9, 10))], cph(9, 12), ClauseState.MET_LATE, id="MAIL-1 replied 10:00"),
        pytest.param([], cph(9, 10), ClauseState.BREACHED, id="MAIL-1 unanswered Mon 10:00"),
        pytest.param([], cph(9, 9, 30), ClauseState.BREACHED, id="MAIL-1 unanswered at due"),
        pytest.param([], cph(9, 9), ClauseState.RUNNING, id="MAIL-1 unanswered Mon 09:00"),
        pytest.param([reply(cph(9, 10))], cph(9, 9), ClauseState.RUNNING, id="MAIL-1 reply later than as_of"),
    ],
)  # fmt: skip
def test_MAIL_1_friday_afternoon_support_mail(
    events: list[object], as_of: dt.datetime, expected: ClauseState
) -> None:
    case = Case(SUPPORT_FRIDAY, events)  # type: ignore[arg-type]
    result = assess(EXPANDIT_POLICY, case, as_of).result("MAIL-1")
    assert result.state is expected
    assert result.due_at == cph(9, 9, 30)
    assert result.started_at == FRIDAY_1530


def test_MAIL_1_figures_and_explanation_when_met() -> None:
    case = Case(SUPPORT_FRIDAY, [reply(cph(9, 9))])
    result = assess(EXPANDIT_POLICY, case, cph(9, 12)).result("MAIL-1")
    assert result.met_at == cph(9, 9)
    assert result.used == 90 * M  # 15:30-16:00 Friday and 08:00-09:00 Monday
    assert result.left == 30 * M
    assert result.next_change_at is None
    text = "\n".join(result.explanation)
    assert "MAIL-1" in text
    assert "2 business hours" in text
    assert "Denmark (Europe/Copenhagen)" in text
    assert "stopped by Replied at 2026-03-09T09:00:00+01:00 (events[0])" in text
    assert "65h30m elapsed, 1h30m of it business time; 64h00m outside opening hours skipped" in text


@pytest.mark.parametrize(
    ("as_of", "warning", "next_change"),
    [
        pytest.param(cph(9, 8, 30), WarningLevel.NONE, cph(9, 9), id="MAIL-1 60 of 120 min"),
        pytest.param(cph(9, 9), WarningLevel.FIRST, cph(9, 9, 18), id="MAIL-1 at 75 %"),
        pytest.param(cph(9, 9, 20), WarningLevel.SECOND, cph(9, 9, 30), id="MAIL-1 past 90 %"),
        pytest.param(cph(7, 12), WarningLevel.NONE, cph(9, 9), id="MAIL-1 over the weekend"),
    ],
)
def test_MAIL_1_warnings_and_next_change(
    as_of: dt.datetime, warning: WarningLevel, next_change: dt.datetime
) -> None:
    result = assess(EXPANDIT_POLICY, Case(SUPPORT_FRIDAY), as_of).result("MAIL-1")
    assert result.state is ClauseState.RUNNING
    assert result.warning is warning
    assert result.next_change_at == next_change


def test_MAIL_1_breached_figures_show_the_overrun() -> None:
    result = assess(EXPANDIT_POLICY, Case(SUPPORT_FRIDAY), cph(9, 10)).result("MAIL-1")
    assert result.used == 150 * M
    assert result.left == -30 * M
    assert result.next_change_at is None
    assert any("breached at 2026-03-09T09:30:00+01:00" in line for line in result.explanation)


def test_MAIL_1_late_reply_after_breach_is_met_late() -> None:
    result = assess(EXPANDIT_POLICY, Case(SUPPORT_FRIDAY, [reply(cph(10, 9))]), cph(10, 12))
    assert result.result("MAIL-1").state is ClauseState.MET_LATE


def test_MAIL_1_override_reading_moves_the_due_instant() -> None:
    policy = EXPANDIT_POLICY.with_reading("MAIL-1", BusinessHours(4))
    result = assess(policy, Case(SUPPORT_FRIDAY, [reply(cph(9, 10))]), cph(9, 12)).result("MAIL-1")
    assert result.due_at == cph(9, 11, 30)
    assert result.state is ClauseState.MET
    assert any("overridden: 4 business hours" in line for line in result.explanation)


def test_MAIL_1_applies_to_sales_mail_too() -> None:
    case = Case(request(Channel.SALES_MAILBOX, at=FRIDAY_1530))
    assert assess(EXPANDIT_POLICY, case, cph(9, 9)).result("MAIL-1").due_at == cph(9, 9, 30)


# -- MAIL-2 ------------------------------------------------------------------------------------


def test_MAIL_2_is_unknown_without_licence_terms() -> None:
    case = Case(request(), [Resolved(cph(3, 9))])
    result = assess(EXPANDIT_POLICY, case, cph(4, 9)).result("MAIL-2")
    assert result.state is ClauseState.UNKNOWN
    assert result.due_at is None
    assert result.met_at == cph(3, 9)
    assert result.next_change_at is None
    assert any("never guessed" in line for line in result.explanation)


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        pytest.param([Resolved(cph(6, 9))], cph(10, 9), ClauseState.MET, id="MAIL-2 resolved Fri"),
        pytest.param([Resolved(cph(10, 9))], cph(10, 9), ClauseState.MET_LATE, id="MAIL-2 late"),
        pytest.param([], cph(9, 9), ClauseState.BREACHED, id="MAIL-2 due Mon 9 March 09:00"),
        pytest.param([], cph(6, 9), ClauseState.RUNNING, id="MAIL-2 running"),
    ],
)
def test_MAIL_2_with_the_target_passed_in(
    events: list[object], as_of: dt.datetime, expected: ClauseState
) -> None:
    case = Case(request(kind=RequestKind.FIX), events)  # type: ignore[arg-type]
    result = assess(EXPANDIT_POLICY, case, as_of, resolution_target=BusinessDays(5))
    assert result.result("MAIL-2").state is expected
    assert result.result("MAIL-2").due_at == cph(9, 9)


def test_MAIL_2_a_reading_set_in_the_policy_is_used_when_no_target_is_passed() -> None:
    policy = EXPANDIT_POLICY.with_reading("MAIL-2", BusinessDays(3), "3 working days by contract")
    result = assess(policy, Case(request()), cph(2, 10)).result("MAIL-2")
    assert result.due_at == cph(5, 9)


# -- MAIL-3 ------------------------------------------------------------------------------------


def test_MAIL_3_quote_after_closing_starts_at_the_next_opening() -> None:
    quote = request(Channel.SALES_MAILBOX, RequestKind.QUOTE, cph(2, 16, 30))
    result = assess(EXPANDIT_POLICY, Case(quote, [reply(cph(3, 9), Mailbox.sales())]), cph(3, 10))
    mail3 = result.result("MAIL-3")
    assert mail3.due_at == cph(5, 8)
    assert mail3.state is ClauseState.RUNNING  # a reply is not the quote: Resolved stops MAIL-3
    assert result.result("MAIL-1").state is ClauseState.MET


def test_MAIL_3_quote_resolved_in_time_and_a_sales_question_has_MAIL_3_too() -> None:
    quote = request(Channel.SALES_MAILBOX, RequestKind.QUOTE, cph(2, 10))
    result = assess(EXPANDIT_POLICY, Case(quote, [Resolved(cph(4, 10))]), cph(6, 10))
    assert result.result("MAIL-3").state is ClauseState.MET
    # a quote is the policy's example, not its limit: a sales question is due in 2 working days
    question = assess(EXPANDIT_POLICY, Case(request(Channel.SALES_MAILBOX)), cph(2, 10))
    mail3 = question.result("MAIL-3")
    assert (mail3.state, mail3.due_at) == (ClauseState.RUNNING, cph(4, 9))


# -- MAIL-4 and TEL-3 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        pytest.param([reply(cph(3, 9), KIM)], cph(3, 12), ClauseState.MET, id="MAIL-4 next morning"),
        pytest.param([], cph(3, 10), ClauseState.BREACHED, id="MAIL-4 24 hours passed"),
        pytest.param([], cph(3, 9), ClauseState.RUNNING, id="MAIL-4 running"),
    ],
)  # fmt: skip
def test_MAIL_4_personal_mail(
    events: list[object], as_of: dt.datetime, expected: ClauseState
) -> None:
    case = Case(request(Channel.PERSONAL_MAILBOX, at=cph(2, 10)), events)  # type: ignore[arg-type]
    result = assess(EXPANDIT_POLICY, case, as_of).result("MAIL-4")
    assert result.state is expected
    assert result.due_at == cph(3, 10)


def test_TEL_3_fee_earner_call_on_friday_is_due_monday() -> None:
    call = request(Channel.PHONE, at=cph(6, 14), sender=BO, party=NORDIC)
    result = assess(EXPANDIT_POLICY, Case(call, [reply(cph(9, 11))]), cph(9, 12)).result("TEL-3")
    assert result.due_at == cph(9, 14)
    assert result.state is ClauseState.MET


def test_TEL_3_does_not_apply_to_other_callers() -> None:
    call = request(Channel.PHONE, at=cph(6, 14), sender=ADA)
    clauses = [r.clause for r in assess(EXPANDIT_POLICY, Case(call), cph(6, 15)).results]
    assert "TEL-3" not in clauses
    assert "COM-4" in clauses


# -- CPL-1 and CPL-2 ---------------------------------------------------------------------------

COMPLAINT_FRIDAY_EVENING = request(Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT, cph(6, 20))


@pytest.mark.parametrize(
    ("events", "as_of", "expected"),
    [
        pytest.param([AcknowledgedInWriting(cph(10, 15))], cph(11, 9), ClauseState.MET, id="CPL-1 Tuesday"),
        pytest.param([AcknowledgedInWriting(cph(11, 8))], cph(11, 9), ClauseState.MET_LATE, id="CPL-1 Wednesday"),
        pytest.param([], cph(10, 16), ClauseState.BREACHED, id="CPL-1 close of Tuesday"),
        pytest.param([], cph(10, 15, 59), ClauseState.RUNNING, id="CPL-1 a minute before"),
    ],
)  # fmt: skip
def test_CPL_1_acknowledgement_by_the_close_of_the_second_working_day(
    events: list[object], as_of: dt.datetime, expected: ClauseState
) -> None:
    case = Case(COMPLAINT_FRIDAY_EVENING, events)  # type: ignore[arg-type]
    result = assess(EXPANDIT_POLICY, case, as_of).result("CPL-1")
    assert result.state is expected
    assert result.due_at == cph(10, 16)


COMPLAINT_MONDAY = request(Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT, cph(2, 10))
WITH_PAUSE: list[CaseEvent] = [InformationRequested(cph(4, 10)), InformationReceived(cph(10, 11))]


@pytest.mark.parametrize(
    ("events", "as_of", "expected", "due"),
    [
        pytest.param([], cph(16, 23), ClauseState.RUNNING, cph(17, 0), id="CPL-2 14 days"),
        pytest.param([], cph(17, 0), ClauseState.BREACHED, cph(17, 0), id="CPL-2 breached"),
        pytest.param(WITH_PAUSE[:1], cph(20, 9), ClauseState.PAUSED, None, id="CPL-2 paused"),
        pytest.param(WITH_PAUSE, cph(20, 9), ClauseState.RUNNING, cph(25, 0), id="CPL-2 restarted"),
        pytest.param([*WITH_PAUSE, Resolved(cph(24, 9))], cph(26, 9), ClauseState.MET, cph(25, 0), id="CPL-2 met after pause"),
        pytest.param(WITH_PAUSE, cph(25, 0), ClauseState.BREACHED, cph(25, 0), id="CPL-2 breached after pause"),
        pytest.param([*WITH_PAUSE[:1], Resolved(cph(5, 9))], cph(6, 9), ClauseState.MET, None, id="CPL-2 resolved while paused"),
    ],
)  # fmt: skip
def test_CPL_2_answer_within_14_days_of_the_information(
    events: list[object], as_of: dt.datetime, expected: ClauseState, due: dt.datetime | None
) -> None:
    case = Case(COMPLAINT_MONDAY, events)  # type: ignore[arg-type]
    result = assess(EXPANDIT_POLICY, case, as_of).result("CPL-2")
    assert result.state is expected
    assert result.due_at == due


def test_CPL_2_paused_explains_and_waits_for_an_event() -> None:
    case = Case(COMPLAINT_MONDAY, WITH_PAUSE[:1])
    result = assess(EXPANDIT_POLICY, case, cph(6, 9)).result("CPL-2")
    assert result.next_change_at is None
    assert result.used == 2 * dt.timedelta(hours=8)  # Monday 10-16, Tuesday, Wednesday 8-10
    assert any("paused by InformationRequested" in line for line in result.explanation)


def test_CPL_2_a_period_ending_on_a_saturday_runs_to_the_end_of_monday() -> None:
    case = Case(request(Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT, cph(7, 10)))
    assert assess(EXPANDIT_POLICY, case, cph(9, 9)).result("CPL-2").due_at == cph(24, 0)


def test_CPL_2_information_after_a_breach_does_not_revive_the_clock() -> None:
    case = Case(COMPLAINT_MONDAY, [InformationReceived(cph(18, 9))])
    result = assess(EXPANDIT_POLICY, case, cph(19, 9)).result("CPL-2")
    assert result.state is ClauseState.BREACHED
    assert any("already breached" in line for line in result.explanation)


# -- CPL-3 and CPL-4 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        pytest.param([LoggedUnderMailbox(cph(2, 11), Mailbox.sales())], ClauseState.MET, id="CPL-3 logged"),
        pytest.param([LoggedUnderMailbox(cph(2, 11), KIM)], ClauseState.OPEN, id="CPL-3 personal log"),
        pytest.param([], ClauseState.OPEN, id="CPL-3 not yet"),
        pytest.param([Closed(cph(3, 11))], ClauseState.BREACHED, id="CPL-3 closed unlogged"),
    ],
)  # fmt: skip
def test_CPL_3_every_complaint_is_logged_under_a_shared_mailbox(
    events: list[object], expected: ClauseState
) -> None:
    case = Case(COMPLAINT_MONDAY, events)  # type: ignore[arg-type]
    assert state(case, "CPL-3", cph(4, 9)) is expected


DEFECT = request(Channel.WRITTEN_COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM, cph(2, 10))


@pytest.mark.parametrize(
    ("events", "expected", "line"),
    [
        pytest.param([], ClauseState.OPEN, "escalate the claim", id="CPL-4 not escalated"),
        pytest.param([EscalatedToBoard(cph(2, 11))], ClauseState.OPEN, "await the board", id="CPL-4 escalated"),
        pytest.param([EscalatedToBoard(cph(2, 11)), BoardAnalysisDone(cph(3, 11))], ClauseState.MET, "analysed", id="CPL-4 analysed"),
        pytest.param([EscalatedToBoard(cph(2, 11)), Closed(cph(3, 11))], ClauseState.BREACHED, "closed before", id="CPL-4 closed early"),
    ],
)  # fmt: skip
def test_CPL_4_a_material_defect_claim_stays_open_until_the_board_has_analysed_it(
    events: list[object], expected: ClauseState, line: str
) -> None:
    result = assess(EXPANDIT_POLICY, Case(DEFECT, events), cph(4, 9)).result("CPL-4")  # type: ignore[arg-type]
    assert result.state is expected
    assert any(line in x for x in result.explanation)
    assert any("routed to board" in x for x in result.explanation)


def test_CPL_4_notes_a_routing_that_does_not_go_to_the_board() -> None:
    import attrs

    from expandit_policy import Routing, ServiceTeam

    routing = tuple(
        Routing(r.kind, ServiceTeam.SUPPORT, ServiceTeam.SALES)
        if r.kind is RequestKind.MATERIAL_DEFECT_CLAIM
        else r
        for r in EXPANDIT_POLICY.routing
    )
    policy = attrs.evolve(EXPANDIT_POLICY, routing=routing)
    result = assess(policy, Case(DEFECT), cph(4, 9)).result("CPL-4")
    assert any("does not send these claims to the board" in x for x in result.explanation)


# -- COM-3, COM-4, COM-5, COM-8, COM-9 ---------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        pytest.param([reply(cph(2, 10))], ClauseState.MET, id="COM-3 copied"),
        pytest.param([reply(cph(2, 10), cc=False)], ClauseState.BREACHED, id="COM-3 missing cc"),
        pytest.param([reply(cph(2, 10)), reply(cph(2, 11), cc=False)], ClauseState.BREACHED, id="COM-3 second reply missing cc"),
        pytest.param([reply(cph(2, 10), Mailbox.sales())], ClauseState.BREACHED, id="COM-3 sales copied, not support the case arrived on"),
    ],
)  # fmt: skip
def test_COM_3_replies_from_a_shared_mailbox_copy_it(
    events: list[object], expected: ClauseState
) -> None:
    result = assess(EXPANDIT_POLICY, Case(request(), events), cph(2, 12)).result("COM-3")  # type: ignore[arg-type]
    assert result.state is expected
    if expected is ClauseState.BREACHED:
        assert any("no copy to the mailbox" in x for x in result.explanation)


def test_COM_3_does_not_apply_to_replies_from_a_personal_mailbox() -> None:
    case = Case(request(Channel.PERSONAL_MAILBOX), [reply(cph(2, 10), KIM, cc=False)])
    assert "COM-3" not in [r.clause for r in assess(EXPANDIT_POLICY, case, cph(2, 12)).results]


@pytest.mark.parametrize(
    ("channel", "events", "expected"),
    [
        pytest.param(Channel.PERSONAL_MAILBOX, [], ClauseState.OPEN, id="COM-4 personal mail"),
        pytest.param(Channel.PHONE, [], ClauseState.OPEN, id="COM-4 phone"),
        pytest.param(Channel.PHONE, [reply(cph(2, 10), KIM)], ClauseState.OPEN, id="COM-4 personal reply"),
        pytest.param(Channel.PERSONAL_MAILBOX, [reply(cph(2, 10))], ClauseState.MET, id="COM-4 moved to support"),
    ],
)  # fmt: skip
def test_COM_4_personal_channels_get_the_advice_to_use_the_shared_mailboxes(
    channel: Channel, events: list[object], expected: ClauseState
) -> None:
    result = assess(EXPANDIT_POLICY, Case(request(channel), events), cph(2, 12))  # type: ignore[arg-type]
    assert result.result("COM-4").state is expected


def test_COM_4_does_not_apply_to_the_shared_mailboxes() -> None:
    assert "COM-4" not in [
        r.clause for r in assess(EXPANDIT_POLICY, Case(request()), cph(2, 12)).results
    ]


COMMERCE = Product.ranked("Commerce", "Standard")
EXPIRED = Licence(
    COMMERCE, COMMERCE.levels[0], ACME,
    sa_term=SoftwareAssuranceTerm(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
)  # fmt: skip
NOTICE = FeeNoticeSent(cph(2, 10), Coverage.NEEDS_FEES, "2 hours")


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        pytest.param([NOTICE, Resolved(cph(3, 10))], ClauseState.MET, id="COM-5 notice first"),
        pytest.param([Resolved(cph(3, 10)), FeeNoticeSent(cph(3, 11), Coverage.NEEDS_FEES)], ClauseState.BREACHED, id="COM-5 notice after"),
        pytest.param([], ClauseState.OPEN, id="COM-5 owed"),
    ],
)  # fmt: skip
def test_COM_5_billable_work_needs_a_fee_notice_before_it_is_resolved(
    events: list[object], expected: ClauseState
) -> None:
    case = Case(request(kind=RequestKind.FIX), events)  # type: ignore[arg-type]
    assert state(case, "COM-5", cph(4, 9), licences=[EXPIRED]) is expected


def test_COM_5_unknown_without_licences_and_absent_for_quotes() -> None:
    assert state(Case(request(kind=RequestKind.FIX)), "COM-5", cph(4, 9)) is ClauseState.UNKNOWN
    quote = Case(request(Channel.SALES_MAILBOX, RequestKind.QUOTE))
    assert "COM-5" not in [r.clause for r in assess(EXPANDIT_POLICY, quote, cph(4, 9)).results]


@pytest.mark.parametrize(
    ("events", "as_of", "expected", "due"),
    [
        pytest.param([], cph(3, 9), ClauseState.NOT_STARTED, None, id="COM-8 not closed"),
        pytest.param([Closed(cph(2, 12))], cph(3, 9), ClauseState.RUNNING, cph(3, 12), id="COM-8 closed"),
        pytest.param([Closed(cph(2, 12)), SatisfactionAsked(cph(3, 10))], cph(3, 11), ClauseState.MET, cph(3, 12), id="COM-8 asked"),
        pytest.param([Closed(cph(2, 12))], cph(3, 12), ClauseState.BREACHED, cph(3, 12), id="COM-8 not asked"),
    ],
)  # fmt: skip
def test_COM_8_the_satisfaction_question_follows_an_end_customers_close(
    events: list[object], as_of: dt.datetime, expected: ClauseState, due: dt.datetime | None
) -> None:
    result = assess(EXPANDIT_POLICY, Case(request(), events), as_of).result("COM-8")  # type: ignore[arg-type]
    assert result.state is expected
    assert result.due_at == due


def test_COM_8_does_not_apply_to_partners() -> None:
    case = Case(request(sender=BO, party=NORDIC), [Closed(cph(2, 12))])
    assert "COM-8" not in [r.clause for r in assess(EXPANDIT_POLICY, case, cph(3, 9)).results]


def test_COM_9_is_not_applicable_until_a_cadence_is_set() -> None:
    result = assess(EXPANDIT_POLICY, Case(request()), cph(2, 12)).result("COM-9")
    assert result.state is ClauseState.NOT_APPLICABLE
    assert "no contact cadence is set" in result.explanation[1]
    partners_only = EXPANDIT_POLICY.with_cadence(
        ContactCadence(BusinessDays(2), party_kind="partner")
    )
    assert (
        state(Case(request()), "COM-9", cph(2, 12), policy=partners_only)
        is ClauseState.NOT_APPLICABLE
    )


END_CUSTOMERS_2_DAYS = EXPANDIT_POLICY.with_cadence(
    ContactCadence(BusinessDays(2), party_kind="end customer")
)


@pytest.mark.parametrize(
    ("events", "as_of", "expected", "started", "due"),
    [
        pytest.param([], cph(3, 12), ClauseState.RUNNING, cph(2, 9), cph(4, 9), id="COM-9 silent Tue"),
        pytest.param([], cph(4, 9), ClauseState.BREACHED, cph(2, 9), cph(4, 9), id="COM-9 silent at due"),
        pytest.param([reply(cph(3, 10))], cph(4, 12), ClauseState.RUNNING, cph(3, 10), cph(5, 10), id="COM-9 reply restarts"),
        pytest.param([InformationReceived(cph(3, 10))], cph(4, 12), ClauseState.RUNNING, cph(3, 10), cph(5, 10), id="COM-9 information received restarts"),
        pytest.param([LoggedUnderMailbox(cph(3, 10), Mailbox.sales())], cph(4, 12), ClauseState.BREACHED, cph(2, 9), cph(4, 9), id="COM-9 internal event is no contact"),
        pytest.param([Closed(cph(3, 15))], cph(9, 9), ClauseState.MET, cph(2, 9), cph(4, 9), id="COM-9 closed in time"),
        pytest.param([reply(cph(4, 11)), Closed(cph(5, 10))], cph(9, 9), ClauseState.MET, cph(4, 11), cph(6, 11), id="COM-9 a late contact starts the next period, which closing meets"),
        pytest.param([reply(cph(3, 10)), Closed(cph(6, 11))], cph(9, 9), ClauseState.BREACHED, cph(3, 10), cph(5, 10), id="COM-9 closing after the silence ran past the cadence: breached"),
        pytest.param([reply(cph(3, 10)), reply(cph(5, 9))], cph(5, 12), ClauseState.RUNNING, cph(5, 9), cph(9, 9), id="COM-9 over the weekend"),
    ],
)  # fmt: skip
def test_COM_9_contact_at_least_every_cadence_while_the_case_is_open(
    events: list[object],
    as_of: dt.datetime,
    expected: ClauseState,
    started: dt.datetime,
    due: dt.datetime,
) -> None:
    case = Case(request(), events)  # type: ignore[arg-type]
    result = assess(END_CUSTOMERS_2_DAYS, case, as_of).result("COM-9")
    assert (result.state, result.started_at, result.due_at) == (expected, started, due)
    assert result.explanation[1] == (
        "reading: the contact cadence set for end customer (2 working days (same time of day))"
    )


def test_COM_9_a_named_party_beats_its_kind_and_the_reading_covers_the_rest() -> None:
    policy = (
        EXPANDIT_POLICY.with_reading("COM-9", BusinessHours(4))
        .with_cadence(ContactCadence(BusinessDays(5), party_kind="end customer"))
        .with_cadence(ContactCadence(BusinessDays(1), party_name="ACME"))
    )
    acme = assess(policy, Case(request()), cph(2, 12)).result("COM-9")
    assert acme.due_at == cph(3, 9)
    assert "'ACME'" in acme.explanation[1]
    nordic = assess(policy, Case(request(sender=BO, party=NORDIC)), cph(2, 12)).result("COM-9")
    assert nordic.due_at == cph(2, 13)
    assert "COM-9's reading" in nordic.explanation[1]


# -- as_of, inputs -----------------------------------------------------------------------------


def test_MAIL_1_before_the_request_arrives_is_not_started() -> None:
    result = assess(EXPANDIT_POLICY, Case(SUPPORT_FRIDAY), cph(6, 15)).result("MAIL-1")
    assert result.state is ClauseState.NOT_STARTED
    assert result.next_change_at == FRIDAY_1530


def test_MAIL_1_naive_as_of_and_wrong_inputs_are_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="as_of must be an aware datetime"):
        assess(EXPANDIT_POLICY, Case(SUPPORT_FRIDAY), dt.datetime(2026, 3, 9, 9))
    with pytest.raises(WrongTypeError, match="case must be a Case"):
        assess(EXPANDIT_POLICY, SUPPORT_FRIDAY, cph(9, 9))  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="policy must be a Policy or a PolicyHistory"):
        assess("2026.1", Case(SUPPORT_FRIDAY), cph(9, 9))  # type: ignore[arg-type]


def test_MAIL_1_results_come_in_catalogue_order_and_in_the_desk_zone() -> None:
    as_of = pendulum.datetime(2026, 3, 9, 8, tz="UTC")
    result = assess(EXPANDIT_POLICY, Case(SUPPORT_FRIDAY), as_of)
    assert [r.clause for r in result.results] == ["COM-5", "COM-8", "COM-9", "MAIL-1", "MAIL-2"]
    assert result.as_of.isoformat() == "2026-03-09T09:00:00+01:00"
    assert result.policy_version == "2026.1"


# -- edges of the clocks and obligations -------------------------------------------------------


def test_MAIL_1_a_zero_reading_waits_for_the_next_opening_without_warnings() -> None:
    policy = EXPANDIT_POLICY.with_reading("MAIL-1", BusinessHours(0))
    case = Case(request(at=cph(6, 17)))
    result = assess(policy, case, cph(7, 12)).result("MAIL-1")
    assert (result.state, result.warning) == (ClauseState.RUNNING, WarningLevel.NONE)
    assert result.due_at == result.next_change_at == cph(9, 8)


def test_CPL_2_a_second_request_while_waiting_and_unsolicited_information() -> None:
    twice = [InformationRequested(cph(3, 10)), InformationRequested(cph(4, 10))]
    assert state(Case(COMPLAINT_MONDAY, twice), "CPL-2", cph(5, 9)) is ClauseState.PAUSED
    unsolicited = Case(COMPLAINT_MONDAY, [InformationReceived(cph(5, 9))])
    result = assess(EXPANDIT_POLICY, unsolicited, cph(6, 9)).result("CPL-2")
    assert (result.state, result.due_at) == (ClauseState.RUNNING, cph(20, 0))
    assert result.started_at == cph(5, 9)


def test_COM_3_each_reply_checked_is_an_instance() -> None:
    case = Case(request(), [reply(cph(2, 10)), reply(cph(2, 11), cc=False), reply(cph(2, 12))])
    results = assess(EXPANDIT_POLICY, case, cph(2, 13)).instances("COM-3")
    assert [(r.instance, r.state, r.started_at) for r in results] == [
        (0, ClauseState.MET, cph(2, 10)),
        (1, ClauseState.BREACHED, cph(2, 11)),
        (2, ClauseState.MET, cph(2, 12)),
    ]
    assert results[1].breached_at == cph(2, 11)
    assert (
        results[1]
        .explanation[-1]
        .startswith(
            "no copy to the mailbox it was sent on behalf of (support@expandit.com): Replied at "
            "2026-03-02T11:00:00+01:00 (events[1])"
        )
    )
    assert "instance 2: started by Replied at 2026-03-02T12:00:00+01:00 (events[2])" in (
        results[2].explanation
    )


def test_COM_5_a_notice_with_the_work_still_open_is_met() -> None:
    case = Case(request(kind=RequestKind.FIX), [NOTICE])
    result = assess(EXPANDIT_POLICY, case, cph(2, 12), licences=[EXPIRED]).result("COM-5")
    assert (result.state, result.met_at) == (ClauseState.MET, cph(2, 10))


def test_CPL_3_CPL_4_what_comes_after_the_close_is_too_late() -> None:
    logged_late: list[CaseEvent] = [
        Closed(cph(3, 9)),
        LoggedUnderMailbox(cph(3, 10), Mailbox.support()),
    ]
    assert state(Case(COMPLAINT_MONDAY, logged_late), "CPL-3", cph(4, 9)) is ClauseState.BREACHED
    analysed_late: list[CaseEvent] = [Closed(cph(3, 9)), BoardAnalysisDone(cph(3, 10))]
    assert state(Case(DEFECT, analysed_late), "CPL-4", cph(4, 9)) is ClauseState.BREACHED


def test_CPL_2_without_a_duration_is_unknown_even_when_information_restarts_it() -> None:
    policy = EXPANDIT_POLICY.with_reading("CPL-2", None)
    complaint = request(Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT)
    case = Case(complaint, [InformationRequested(cph(3, 9)), InformationReceived(cph(4, 9))])
    result = assess(policy, case, cph(5, 9)).result("CPL-2")
    assert (result.state, result.due_at) == (ClauseState.UNKNOWN, None)
    assert any(
        line.startswith("period started again by InformationReceived")
        for line in result.explanation
    )
