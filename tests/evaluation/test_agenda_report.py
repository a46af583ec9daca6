"""agenda() and report() over several hand-worked cases (AIM-1, AIM-2)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from expandit_policy import (
    EXPANDIT_POLICY,
    BusinessDays,
    Case,
    Channel,
    ClauseState,
    Closed,
    RequestKind,
    Reseller,
    WarningLevel,
    WrongTypeError,
    agenda,
    assess,
    report,
)
from tests.evaluation.strategies import BO, NORDIC, cph, reply, request

M = dt.timedelta(minutes=1)


def _case(case_id: str, **kw: object) -> Case:
    import attrs

    events = kw.pop("events", ())
    return Case(attrs.evolve(request(**kw), id=case_id), events)  # type: ignore[arg-type]


def test_MAIL_1_MAIL_3_agenda_soonest_due_first_with_the_at_risk_flagged() -> None:
    quote = _case("Q-1", channel=Channel.SALES_MAILBOX, kind=RequestKind.QUOTE, at=cph(2, 9))
    late = _case("S-1", at=cph(2, 8))
    items = agenda(EXPANDIT_POLICY, [quote, late], cph(2, 10, 40))
    summary = [(i.case_id, i.clause, i.state, i.at_risk) for i in items]
    assert summary == [
        ("S-1", "MAIL-1", ClauseState.BREACHED, True),
        ("Q-1", "MAIL-1", ClauseState.RUNNING, True),
        ("Q-1", "MAIL-3", ClauseState.RUNNING, False),
    ]
    assert items[1].warning is WarningLevel.FIRST  # 100 of 120 minutes
    assert all("MAIL" in i.explanation[0] for i in items)


def test_COM_4_MAIL_2_agenda_lists_open_obligations_after_dated_targets() -> None:
    personal = _case("P-1", channel=Channel.PERSONAL_MAILBOX, at=cph(2, 9))
    support = _case("S-1", at=cph(2, 9))
    items = agenda(
        EXPANDIT_POLICY,
        [personal, support],
        cph(2, 10),
        resolution_targets={"S-1": BusinessDays(3)},
    )
    assert [(i.case_id, i.clause) for i in items] == [
        ("S-1", "MAIL-1"),
        ("P-1", "MAIL-4"),
        ("S-1", "MAIL-2"),
        ("P-1", "COM-4"),
    ]
    assert items[-1].due_at is None


def test_MAIL_1_agenda_refuses_what_is_not_a_case() -> None:
    with pytest.raises(WrongTypeError, match="cases must hold Case values"):
        agenda(EXPANDIT_POLICY, [request()], cph(2, 10))  # type: ignore[list-item]


def test_MAIL_1_AIM_1_AIM_2_report_counts_rates_and_spread() -> None:
    replies = [cph(2, 9, 30), cph(2, 10), cph(2, 10, 30), cph(2, 11, 30)]  # 30, 60, 90, 150 min
    cases = [_case(f"S-{k}", at=cph(2, 9), events=[reply(t)]) for k, t in enumerate(replies)] + [
        _case("S-9", at=cph(2, 9)),
        _case("S-8", at=cph(2, 15)),
    ]
    rows = report(assess(EXPANDIT_POLICY, c, cph(2, 15, 30)) for c in cases)
    [row] = [r for r in rows if r.clause == "MAIL-1"]
    assert (row.channel, row.party_kind) == (Channel.SUPPORT_MAILBOX, "end customer")
    assert (row.met, row.met_late, row.breached, row.open) == (3, 1, 1, 1)
    assert row.compliance_rate == 3 / 5
    assert row.median_time_to_meet == 75 * M
    assert row.p90_time_to_meet == 150 * M
    assert row.cases == ("S-0", "S-1", "S-2", "S-3", "S-9", "S-8")


def test_MAIL_1_AIM_2_report_splits_by_party_kind_and_channel() -> None:
    partner = _case("P-1", at=cph(2, 9), sender=BO, party=NORDIC, events=[reply(cph(2, 10))])
    customer = _case("C-1", at=cph(2, 9), events=[reply(cph(2, 9, 30))])
    sales = _case("Q-1", channel=Channel.SALES_MAILBOX, at=cph(2, 9))
    shop = _case("R-1", at=cph(2, 9), party=Reseller("Shop"), events=[reply(cph(2, 9, 10))])
    cases = (partner, customer, sales, shop)
    rows = report([assess(EXPANDIT_POLICY, c, cph(2, 12)) for c in cases])
    mail1 = [(r.channel, r.party_kind, r.met, r.breached) for r in rows if r.clause == "MAIL-1"]
    assert mail1 == [
        (Channel.SALES_MAILBOX, "end customer", 0, 1),
        (Channel.SUPPORT_MAILBOX, "end customer", 1, 0),
        (Channel.SUPPORT_MAILBOX, "partner", 1, 0),
        (Channel.SUPPORT_MAILBOX, "reseller", 1, 0),
    ]
    [com9] = [r for r in rows if r.clause == "COM-9" and r.party_kind == "partner"]
    assert com9.compliance_rate is None
    assert com9.median_time_to_meet is None
    assert com9.p90_time_to_meet is None


def test_MAIL_1_report_of_nothing_is_empty_and_refuses_other_values() -> None:
    assert report([]) == ()
    with pytest.raises(WrongTypeError, match="assessments must hold Assessment values"):
        report([request()])  # type: ignore[list-item]


def test_AIM_1_a_row_lists_only_the_cases_it_counts() -> None:
    # COM-8 is NOT_STARTED for the open case and RUNNING for the closed one: one count, one id.
    open_case = Case(attrs.evolve(request(), id="R-open"))
    closed = Case(attrs.evolve(request(), id="R-closed"), [Closed(cph(2, 12))])
    rows = report([assess(EXPANDIT_POLICY, c, cph(2, 13)) for c in (open_case, closed)])
    [com8] = [r for r in rows if r.clause == "COM-8"]
    assert (com8.met, com8.met_late, com8.breached, com8.open, com8.cases) == (
        0,
        0,
        0,
        1,
        ("R-closed",),
    )
    [mail1] = [r for r in rows if r.clause == "MAIL-1"]
    assert sorted(mail1.cases) == ["R-closed", "R-open"]
