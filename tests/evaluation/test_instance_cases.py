"""Every message answered (CLAUSES.md, "every message"): clause instances on hand-worked tables.

Every instant below is worked out by hand on the Danish desk (presets.denmark(): Europe/Copenhagen,
Monday to Friday 08:00-16:00; March 2026 is UTC+1 until the 29th and has no holiday). Monday
2 March 2026 is the first day of every flow. MAIL-1 reads 2 business hours; MAIL-4 and TEL-3 one
working day at the same local time of day, a message that arrives while closed counting from the
next opening.
"""

from __future__ import annotations

import datetime as dt

import pytest

from expandit_policy import (
    EXPANDIT_POLICY,
    BusinessDays,
    BusinessHours,
    Case,
    CaseEvent,
    Channel,
    ClauseResult,
    ClauseState,
    Closed,
    CloseReason,
    Contact,
    ContactCadence,
    InformationRequested,
    LoggedUnderMailbox,
    Mailbox,
    MessageReceived,
    Partner,
    Reopened,
    Request,
    RequestKind,
    Resolved,
    UnknownClauseError,
    WarningLevel,
    agenda,
    assess,
    report,
)

from .strategies import ADA, KIM, cph, reply, request

MET, MET_LATE, BREACHED, RUNNING = (
    ClauseState.MET,
    ClauseState.MET_LATE,
    ClauseState.BREACHED,
    ClauseState.RUNNING,
)
CANCELLED = ClauseState.CANCELLED


def support(at: dt.datetime) -> MessageReceived:
    """A follow-up mail to the support mailbox."""
    return MessageReceived(at, Channel.SUPPORT_MAILBOX, ADA)


def table(
    case: Case, clause: str, as_of: dt.datetime, policy: object = EXPANDIT_POLICY
) -> list[tuple[int, ClauseState, dt.datetime | None, dt.datetime | None]]:
    """(instance, state, started at, due at) of every instance of ``clause``."""
    results = assess(policy, case, as_of).instances(clause)  # type: ignore[arg-type]
    return [(r.instance, r.state, r.started_at, r.due_at) for r in results]


# -- MAIL-1: the example of the issue -------------------------------------------------------------


def test_MAIL_1_a_follow_up_after_the_answer_starts_instance_1() -> None:
    # Mon 09:00 question, due 11:00, answered 10:00; follow-up 13:00, due 15:00, never answered.
    case = Case(request(), [reply(cph(2, 10)), support(cph(2, 13))])
    assessment = assess(EXPANDIT_POLICY, case, cph(3, 9))
    first, second = assessment.instances("MAIL-1")
    assert (first.instance, first.state, first.due_at, first.met_at) == (
        0, MET, cph(2, 11), cph(2, 10),
    )  # fmt: skip
    assert (second.instance, second.state, second.started_at, second.due_at) == (
        1, BREACHED, cph(2, 13), cph(2, 15),
    )  # fmt: skip
    assert second.breached_at == cph(2, 15)
    assert second.warning is WarningLevel.BREACHED
    assert assessment.result("MAIL-1") == second  # the latest instance
    assert (
        "instance 1: started by MessageReceived at 2026-03-02T13:00:00+01:00 (events[1])"
        in second.explanation
    )
    assert "started by the request received at 2026-03-02T09:00:00+01:00" in first.explanation


def test_MAIL_1_as_of_inside_the_second_instance_it_runs_with_its_own_warning() -> None:
    # 13:00 + 2 business hours = 15:00; thresholds 0.75/0.9 of 2h: 14:30 and 14:48.
    case = Case(request(), [reply(cph(2, 10)), support(cph(2, 13))])
    second = assess(EXPANDIT_POLICY, case, cph(2, 14, 40)).result("MAIL-1")
    assert (second.state, second.warning, second.next_change_at) == (
        RUNNING, WarningLevel.FIRST, cph(2, 14, 48),
    )  # fmt: skip
    assert second.used == dt.timedelta(hours=1, minutes=40)
    assert second.left == dt.timedelta(minutes=20)


def test_MAIL_1_a_follow_up_over_a_weekend() -> None:
    # Fri 6 March 10:00, answered 10:30; follow-up Fri 15:00: 1h on Friday (15-16), 1h on
    # Monday (08-09): due Mon 9 March 09:00. As of Mon 08:30, 1h30m is used and 30m left.
    case = Case(request(at=cph(6, 10)), [reply(cph(6, 10, 30)), support(cph(6, 15))])
    second = assess(EXPANDIT_POLICY, case, cph(9, 8, 30)).result("MAIL-1")
    assert (second.instance, second.state, second.due_at) == (1, RUNNING, cph(9, 9))
    assert (second.used, second.left) == (
        dt.timedelta(hours=1, minutes=30),
        dt.timedelta(minutes=30),
    )
    answered = case.with_event(reply(cph(9, 8, 45)))
    assert table(answered, "MAIL-1", cph(9, 12)) == [
        (0, MET, cph(6, 10), cph(6, 12)),
        (1, MET, cph(6, 15), cph(9, 9)),
    ]


def test_MAIL_4_a_follow_up_on_a_saturday_counts_from_monday_s_opening() -> None:
    # Personal mail Fri 10:00, answered 11:00; a follow-up Sat 7 March 12:00 counts from Mon
    # 08:00 and is due one working day later at the same time: Tue 10 March 08:00.
    personal = request(Channel.PERSONAL_MAILBOX, at=cph(6, 10))
    message = MessageReceived(cph(7, 12), Channel.PERSONAL_MAILBOX)
    case = Case(personal, [reply(cph(6, 11), KIM), message])
    assert table(case, "MAIL-4", cph(10, 9)) == [
        (0, MET, cph(6, 10), cph(9, 10)),
        (1, BREACHED, cph(7, 12), cph(10, 8)),
    ]


def test_MAIL_1_a_follow_up_on_a_reopened_case() -> None:
    # Resolved 09:30 answers instance 0; closed 09:45; reopened Tue 10:00 with a mail at 10:00:
    # instance 1 is due Tue 12:00.
    events: list[CaseEvent] = [
        Resolved(cph(2, 9, 30)),
        Closed(cph(2, 9, 45)),
        Reopened(cph(3, 10)),
        support(cph(3, 10)),
    ]
    case = Case(request(), events)
    assert table(case, "MAIL-1", cph(3, 11)) == [
        (0, MET, cph(2, 9), cph(2, 11)),
        (1, RUNNING, cph(3, 10), cph(3, 12)),
    ]
    assert table(case, "MAIL-1", cph(3, 13))[1][1] is BREACHED
    answered = case.with_event(reply(cph(3, 11, 30)))
    assert table(answered, "MAIL-1", cph(3, 13))[1][1] is MET
    # a reopen with no message starts nothing
    quiet = Case(request(), events[:3])
    assert table(quiet, "MAIL-1", cph(4, 9)) == [(0, MET, cph(2, 9), cph(2, 11))]


def test_MAIL_1_every_close_ends_the_running_instance() -> None:
    # An unanswered follow-up at 13:00 ends with the close at 14:00, in time (due 15:00); after a
    # reopen, a follow-up at Tue 10:00 is closed as a duplicate at 13:00, after it was due (12:00):
    # the breach stays. A void close in time cancels.
    events: list[CaseEvent] = [
        reply(cph(2, 10)),
        support(cph(2, 13)),
        Closed(cph(2, 14)),
        Reopened(cph(3, 10)),
        support(cph(3, 10)),
        Closed(cph(3, 13), CloseReason.DUPLICATE),
    ]
    assert table(Case(request(), events), "MAIL-1", cph(4, 9)) == [
        (0, MET, cph(2, 9), cph(2, 11)),
        (1, MET, cph(2, 13), cph(2, 15)),
        (2, BREACHED, cph(3, 10), cph(3, 12)),
    ]
    in_time = [*events[:5], Closed(cph(3, 11), CloseReason.SPAM)]
    assert table(Case(request(), in_time), "MAIL-1", cph(4, 9))[2][1] is CANCELLED


def test_MAIL_1_two_follow_ups_answered_by_one_reply() -> None:
    # Follow-ups at 11:00 and 14:00 while instance 1 (from 11:00, due 13:00) is owed: the second
    # joins it. The reply Tue 09:30 meets it late; nothing else starts.
    events: list[CaseEvent] = [reply(cph(2, 10)), support(cph(2, 11)), support(cph(2, 14)),
                               reply(cph(3, 9, 30))]  # fmt: skip
    case = Case(request(), events)
    first, second = assess(EXPANDIT_POLICY, case, cph(3, 12)).instances("MAIL-1")
    assert first.state is MET
    assert (second.state, second.started_at, second.due_at, second.met_at, second.breached_at) == (
        MET_LATE, cph(2, 11), cph(2, 13), cph(3, 9, 30), cph(2, 13),
    )  # fmt: skip
    assert (
        "joined by MessageReceived at 2026-03-02T14:00:00+01:00 (events[2]): an answer was "
        "already owed" in second.explanation
    )
    # in time: follow-ups 11:00 and 12:00, one reply at 12:30 (due 13:00)
    quick = Case(request(), [reply(cph(2, 10)), support(cph(2, 11)), support(cph(2, 12)),
                             reply(cph(2, 12, 30))])  # fmt: skip
    assert table(quick, "MAIL-1", cph(2, 15)) == [
        (0, MET, cph(2, 9), cph(2, 11)),
        (1, MET, cph(2, 11), cph(2, 13)),
    ]


def test_MAIL_1_a_message_before_the_first_answer_joins_instance_0() -> None:
    case = Case(request(), [support(cph(2, 9, 30)), reply(cph(2, 10))])
    assert table(case, "MAIL-1", cph(2, 12)) == [(0, MET, cph(2, 9), cph(2, 11))]


def test_MAIL_1_MAIL_4_TEL_3_a_message_on_another_channel_starts_that_channel_s_clock() -> None:
    # A support case: a phone message from Ada (no fee earner) starts nothing; a follow-up to
    # the sales mailbox is mail to a shared mailbox (MAIL-1); a personal mail at 13:00 starts
    # MAIL-4, which does not apply to the request, at instance 0: due Tue 13:00.
    phone = Case(request(), [reply(cph(2, 10)), MessageReceived(cph(2, 13), Channel.PHONE)])
    assert table(phone, "MAIL-1", cph(3, 9)) == [(0, MET, cph(2, 9), cph(2, 11))]
    assert [r.clause for r in assess(EXPANDIT_POLICY, phone, cph(3, 9)).results].count("TEL-3") == 0
    sales = Case(request(), [reply(cph(2, 10)), MessageReceived(cph(2, 13), Channel.SALES_MAILBOX)])
    assert len(table(sales, "MAIL-1", cph(3, 9))) == 2
    personal = MessageReceived(cph(2, 13), Channel.PERSONAL_MAILBOX, ADA)
    case = Case(request(), [reply(cph(2, 10)), personal])
    assert table(case, "MAIL-4", cph(3, 9)) == [(0, RUNNING, cph(2, 13), cph(3, 13))]
    [mail4] = assess(EXPANDIT_POLICY, case, cph(3, 14)).instances("MAIL-4")
    assert mail4.state is BREACHED
    assert (
        "started by MessageReceived at 2026-03-02T13:00:00+01:00 (events[1])" in mail4.explanation
    )
    assert "applies through the customer's messages: the request came by support mailbox" in (
        mail4.explanation
    )


def test_MAIL_1_a_desk_that_promises_first_replies_only() -> None:
    first_only = EXPANDIT_POLICY.with_reading("MAIL-1", BusinessHours(2), every_message=False)
    case = Case(request(), [reply(cph(2, 10)), support(cph(2, 13))])
    assert table(case, "MAIL-1", cph(3, 9), first_only) == [(0, MET, cph(2, 9), cph(2, 11))]


def test_TEL_3_a_phone_message_from_a_fee_earner() -> None:
    # A fee earner's call Mon 09:00, answered 10:00; a call back Mon 14:00 from the same fee
    # earner is due Tue 14:00; a call from a colleague who earns no fees starts nothing.
    bo = Contact("Bo Holm", "bo@nordic.dk", fee_earner=True)
    eva = Contact("Eva Lund", "eva@nordic.dk")
    nordic = Partner("Nordic Partner", [bo, eva])
    call = Request("R-1", Channel.PHONE, RequestKind.QUESTION, cph(2, 9), bo, nordic)
    events: list[CaseEvent] = [
        reply(cph(2, 10), KIM),
        MessageReceived(cph(2, 14), Channel.PHONE),  # no contact named: the caller
        reply(cph(2, 15), KIM),
        MessageReceived(cph(3, 9), Channel.PHONE, eva),
    ]
    assert table(Case(call, events), "TEL-3", cph(4, 12)) == [
        (0, MET, cph(2, 9), cph(3, 9)),
        (1, MET, cph(2, 14), cph(3, 14)),
    ]


# -- COM-9: a recurring duty ------------------------------------------------------------------------

TWO_DAYS = EXPANDIT_POLICY.with_cadence(ContactCadence(BusinessDays(2), party_kind="end customer"))


def test_COM_9_each_period_is_an_instance() -> None:
    # Period 0 from Mon 09:00 (due Wed 09:00) is met by the reply Tue 10:00; period 1 from Tue
    # 10:00 (due Thu 10:00) passes in silence: the customer's mail Thu 11:00 comes too late and
    # starts period 2 (due Mon 9 March 11:00), still running on Friday at noon.
    events: list[CaseEvent] = [
        reply(cph(3, 10)),
        LoggedUnderMailbox(cph(4, 9), Mailbox.support()),  # internal: no contact
        support(cph(5, 11)),
    ]
    case = Case(request(), events)
    assert table(case, "COM-9", cph(6, 12), TWO_DAYS) == [
        (0, MET, cph(2, 9), cph(4, 9)),
        (1, BREACHED, cph(3, 10), cph(5, 10)),
        (2, RUNNING, cph(5, 11), cph(9, 11)),
    ]
    periods = assess(TWO_DAYS, case, cph(6, 12)).instances("COM-9")
    assert periods[1].breached_at == cph(5, 10)
    assert periods[0].met_at == cph(3, 10)
    assert "instance 2: a period started by MessageReceived at 2026-03-05T11:00:00+01:00 " \
        "(events[2])" in periods[2].explanation  # fmt: skip
    # closing ends the running period in time; a reopen starts the next
    closed = case.with_event(Closed(cph(6, 15))).with_event(Reopened(cph(9, 9)))
    assert table(closed, "COM-9", cph(9, 12), TWO_DAYS)[2:] == [
        (2, MET, cph(5, 11), cph(9, 11)),
        (3, RUNNING, cph(9, 9), cph(11, 9)),
    ]


def test_COM_9_a_silence_with_no_contact_stays_one_breached_period() -> None:
    case = Case(request(), [InformationRequested(cph(2, 10))])
    # the request for information Mon 10:00 is a contact; then nothing for a week
    assert table(case, "COM-9", cph(9, 9), TWO_DAYS) == [
        (0, MET, cph(2, 9), cph(4, 9)),
        (1, BREACHED, cph(2, 10), cph(4, 10)),
    ]


# -- the surfaces -----------------------------------------------------------------------------------


def test_instances_of_a_clause_the_case_does_not_have_are_refused() -> None:
    assessment = assess(EXPANDIT_POLICY, Case(request()), cph(2, 10))
    with pytest.raises(UnknownClauseError, match=r"case 'R-1' has no result for 'TEL-3'"):
        assessment.instances("TEL-3")


def test_agenda_lists_the_running_instance_and_report_counts_every_instance() -> None:
    case = Case(request(), [reply(cph(2, 10)), support(cph(2, 13)), reply(cph(2, 14)),
                            support(cph(2, 15))])  # fmt: skip
    items = [i for i in agenda(EXPANDIT_POLICY, [case], cph(2, 15, 30)) if i.clause == "MAIL-1"]
    assert [(i.instance, i.state, i.due_at) for i in items] == [(2, RUNNING, cph(3, 9))]
    assessment = assess(EXPANDIT_POLICY, case, cph(3, 12))
    [row] = [r for r in report([assessment]) if r.clause == "MAIL-1"]
    assert (row.met, row.breached, row.cases) == (2, 1, ("R-1",))


def test_agenda_lists_every_breach_of_an_open_case_first() -> None:
    # COM-9 period 1 breached (due Thu 5 March 10:00, the contact came at 11:00), period 2
    # running: the case is open, so the breach is listed, before the running period.
    case = Case(request(), [reply(cph(3, 10)), support(cph(5, 11))])
    items = [i for i in agenda(TWO_DAYS, [case], cph(6, 12)) if i.clause == "COM-9"]
    assert [(i.instance, i.state) for i in items] == [(1, BREACHED), (2, RUNNING)]
    assert items[0].breached_at == cph(5, 10)
    silent = Case(request(), [reply(cph(3, 10))])
    items = [i for i in agenda(TWO_DAYS, [silent], cph(6, 12)) if i.clause == "COM-9"]
    assert [(i.instance, i.state, i.breached_at) for i in items] == [(1, BREACHED, cph(5, 10))]


def test_a_clause_result_names_a_valid_instance() -> None:
    with pytest.raises(ValueError, match=r"ClauseResult.instance must be 0 or more"):
        ClauseResult("MAIL-1", assess(EXPANDIT_POLICY, Case(request()), cph(2, 10)).results[0].kind,
                      MET, instance=-1)  # fmt: skip


def test_COM_9_a_contact_at_the_instant_a_period_starts_makes_no_empty_period() -> None:
    case = Case(request(), [reply(cph(2, 9)), reply(cph(3, 10))])
    assert table(case, "COM-9", cph(3, 12), TWO_DAYS) == [
        (0, MET, cph(2, 9), cph(4, 9)),
        (1, RUNNING, cph(3, 10), cph(5, 10)),
    ]
