"""to_records(): assessments, agenda items and report rows as flat rows of plain values, over a
hand-worked table across the weekend the clocks go forward in Copenhagen, and the laws every
table keeps."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    Assessment,
    Case,
    Channel,
    EndCustomer,
    Mailbox,
    Replied,
    Report,
    Request,
    RequestKind,
    WrongTypeError,
    agenda_of,
    assess,
    report,
    strategies,
    to_records,
)
from expandit_policy._evaluation._records import columns
from tests.evaluation.strategies import ACME, ADA

ZONE = "Europe/Copenhagen"
UTC = dt.UTC


def cph(day: int, hour: int, minute: int = 0) -> pendulum.DateTime:
    """An instant in Copenhagen in March 2026; the clocks go forward on Sunday the 29th."""
    return pendulum.datetime(2026, 3, day, hour, minute, tz=ZONE)


def utc(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=UTC)


# A support question on Friday 27 March at 15:00 CET, unanswered; a quote at 10:00 CET, answered
# from the sales mailbox at 11:00. Assessed on Monday 30 March at 08:30 CEST (06:30 UTC), after
# the clocks went forward: the desk's hours are 08:00-16:00 local time on either side.
SUPPORT = Case(
    Request("S-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, cph(27, 15), ADA, ACME)
)
QUOTE = Case(
    Request(
        "Q-1",
        Channel.SALES_MAILBOX,
        RequestKind.QUOTE,
        cph(27, 10),
        ADA,
        EndCustomer("Acme", [ADA], identifier="C-7"),
    ),
    [Replied(cph(27, 11), Mailbox.sales(), ["ada@acme.dk"], cc=["sales@expandit.com"])],
)
AS_OF = cph(30, 8, 30)
ASSESSED = [assess(EXPANDIT_POLICY, c, AS_OF) for c in (SUPPORT, QUOTE)]

FIELDS = ("state", "started_at", "due_at", "met_at", "used_seconds", "left_seconds", "warning", "next_change_at")  # fmt: skip
# fmt: off
HAND_WORKED = {
    # MAIL-1, 2 business hours: 15:00-16:00 on Friday (1 h), 08:00-09:00 CEST on Monday (1 h):
    # due 07:00 UTC, an hour earlier in UTC than the same local time a week before. At 08:30,
    # 1.5 h of 2 are used (75 %: the first threshold); 90 % is reached 18 minutes later.
    ("S-1", "MAIL-1", 0): ("running", utc(27, 14), utc(30, 7), None, 5400.0, 1800.0, "first threshold", utc(30, 6, 48)),
    # MAIL-2 has no target without licence terms: unknown, never guessed; its time still runs.
    ("S-1", "MAIL-2", 0): ("unknown", utc(27, 14), None, None, 5400.0, None, "none", None),
    ("S-1", "COM-5", 0): ("unknown", None, None, None, None, None, "none", None),
    ("S-1", "COM-8", 0): ("not started", None, None, None, None, None, "none", None),
    ("S-1", "COM-9", 0): ("not applicable", None, None, None, None, None, "none", None),
    # MAIL-1 for the quote: met at 11:00 CET, 1 h used, 1 h to spare.
    ("Q-1", "MAIL-1", 0): ("met", utc(27, 9), utc(27, 11), utc(27, 10), 3600.0, 3600.0, "none", None),
    # MAIL-3, 2 working days at the same local time: Tuesday 31 March 10:00 CEST = 08:00 UTC,
    # 16 business hours (6 on Friday, 8 on Monday, 2 on Tuesday). At 08:30 on Monday 6.5 h are
    # used; 75 % (12 h) is reached 5.5 h later, at 14:00 CEST = 12:00 UTC.
    ("Q-1", "MAIL-3", 0): ("running", utc(27, 9), utc(31, 8), None, 23400.0, 34200.0, "none", utc(30, 12)),
    ("Q-1", "COM-3", 0): ("met", utc(27, 10), None, utc(27, 10), None, None, "none", None),
    ("Q-1", "COM-8", 0): ("not started", None, None, None, None, None, "none", None),
    ("Q-1", "COM-9", 0): ("not applicable", None, None, None, None, None, "none", None),
}
# fmt: on


def test_MAIL_1_MAIL_3_records_across_the_change_to_summer_time_hand_worked() -> None:
    records = to_records(ASSESSED)
    got = {(r["case_id"], r["clause"], r["instance"]): tuple(r[f] for f in FIELDS) for r in records}
    assert got == HAND_WORKED
    assert len(records) == len(HAND_WORKED)  # one row per result, none twice


def test_MAIL_3_records_carry_the_request_and_the_party() -> None:
    [quote] = [r for r in to_records(ASSESSED) if (r["case_id"], r["clause"]) == ("Q-1", "MAIL-3")]
    assert {
        k: quote[k] for k in ("channel", "request_kind", "party_kind", "party", "party_id")
    } == {
        "channel": "sales mailbox",
        "request_kind": "quote",
        "party_kind": "end customer",
        "party": "Acme",
        "party_id": "C-7",
    }
    assert quote["received_at"] == utc(27, 9)
    assert quote["as_of"] == utc(30, 6, 30)
    assert quote["clause_kind"] == "deadline"
    assert quote["policy_version"] == EXPANDIT_POLICY.version
    assert str(quote["explanation"]).startswith("MAIL-3")


def test_MAIL_1_MAIL_3_agenda_records_hand_worked() -> None:
    records = to_records(agenda_of(ASSESSED))
    assert [
        (
            r["case_id"],
            r["clause"],
            r["state"],
            r["due_at"],
            r["left_seconds"],
            r["at_risk"],
            r["needs_action"],
            r["channel"],
            r["party_id"],
        )
        for r in records
    ] == [
        ("S-1", "MAIL-1", "running", utc(30, 7), 1800.0, True, True, "support mailbox", None),
        ("Q-1", "MAIL-3", "running", utc(31, 8), 34200.0, False, True, "sales mailbox", "C-7"),
    ]
    assert [r["next_change_at"] for r in records] == [utc(30, 6, 48), utc(30, 12)]


def test_AIM_1_AIM_2_report_records_hand_worked() -> None:
    rows = {(r["clause"], r["channel"]): r for r in to_records(report(ASSESSED))}
    mail1 = rows[("MAIL-1", "sales mailbox")]
    assert mail1 == {
        "clause": "MAIL-1",
        "channel": "sales mailbox",
        "party_kind": "end customer",
        "met": 1,
        "met_late": 0,
        "breached": 0,
        "open": 0,
        "cancelled": 0,
        "cases": 1,
        "compliance_rate": 1.0,
        "median_time_to_meet_seconds": 3600.0,
        "p90_time_to_meet_seconds": 3600.0,
    }
    # A row with nothing decided has no rate and no spread: None, not 0.
    support = rows[("MAIL-1", "support mailbox")]
    assert (support["open"], support["compliance_rate"], support["median_time_to_meet_seconds"]) == (1, None, None)  # fmt: skip
    assert to_records(Report.of(ASSESSED)) == to_records(report(ASSESSED))


def test_MAIL_1_records_of_nothing_are_empty() -> None:
    assert to_records([]) == []
    assert to_records(Report()) == []


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            "S-1",
            r"values must be a collection of Assessment, AgendaItem or ReportRow values, or a Report, got 'S-1' \(str\)",
        ),
        (42, r"values must be a collection .* got 42 \(int\)"),
        (
            [SUPPORT],
            r"values\[0\] must be an Assessment, an AgendaItem or a ReportRow, got a Case$",
        ),
        (
            [*ASSESSED, *agenda_of(ASSESSED)],
            r"values must all be of one type, for one table: values\[0\] is a Assessment, values\[2\] a AgendaItem",
        ),
    ],
)
def test_MAIL_1_to_records_refuses_what_it_cannot_table(values: object, message: str) -> None:
    with pytest.raises(WrongTypeError, match=message):
        to_records(values)  # type: ignore[arg-type]


# -- laws -------------------------------------------------------------------------------------

PLAIN = (str, int, float, bool, type(None))
_RECEIVED = strategies.arrivals(
    timezones=st.sampled_from([ZONE, "Europe/Berlin", "UTC"]),
    min_value=pendulum.datetime(2026, 1, 1, tz="UTC"),
    max_value=pendulum.datetime(2027, 1, 1, tz="UTC"),
)
LIFECYCLES = strategies.case_lifecycles(requests=strategies.requests(received=_RECEIVED))


@st.composite
def assessment_batches(draw: st.DrawFn) -> list[Assessment]:
    batch = draw(st.lists(LIFECYCLES, min_size=0, max_size=4))
    later = draw(st.integers(0, 40 * 24 * 3600))
    return [
        assess(EXPANDIT_POLICY, c, c.request.received_at + dt.timedelta(seconds=later))
        for c in batch
    ]


def _plain(value: object) -> bool:
    if isinstance(value, dt.datetime):
        # exactly a stdlib datetime in UTC, not a subclass carrying a library's zone
        return type(value) is dt.datetime and value.tzinfo is UTC
    return type(value) in PLAIN


@given(assessment_batches())
def test_there_is_one_record_per_result_with_plain_values_in_the_documented_columns(
    batch: list[Assessment],
) -> None:
    records = to_records(batch)
    assert len(records) == sum(len(a.results) for a in batch)
    names = [c.name for c in columns(Assessment)]
    for record in records:
        assert list(record) == names
        assert all(_plain(v) for v in record.values()), record


@given(assessment_batches())
def test_records_give_back_each_result_s_key_fields(batch: list[Assessment]) -> None:
    records = iter(to_records(batch))
    for a in batch:
        for r in a.results:
            record = next(records)
            assert (record["case_id"], record["clause"], record["instance"]) == (
                a.case.request.id,
                r.clause,
                r.instance,
            )
            assert record["state"] == r.state.value
            assert record["warning"] == r.warning.value
            for name in ("started_at", "due_at", "met_at", "breached_at", "next_change_at"):
                # The same instant, in UTC. Compared in one zone: Python never finds a time in
                # the repeated hour of a change of clocks (fold=1) equal to one in another zone.
                t = getattr(r, name)
                assert record[name] == (None if t is None else t.astimezone(UTC)), name
            for name in ("used", "left"):
                seconds = record[f"{name}_seconds"]
                span = None if seconds is None else dt.timedelta(seconds=seconds)  # type: ignore[arg-type]
                assert span == getattr(r, name)


@given(assessment_batches())
def test_agenda_and_report_records_are_one_per_item_and_row_with_plain_values(
    batch: list[Assessment],
) -> None:
    items = agenda_of(batch)
    rows = report(batch)
    for values, kind in ((items, "AgendaItem"), (rows, "ReportRow")):
        records = to_records(values)
        assert len(records) == len(values)
        names = [c.name for c in columns(type(values[0]))] if values else []
        for record in records:
            assert list(record) == names, kind
            assert all(_plain(v) for v in record.values()), record
    assert [(r["case_id"], r["clause"], r["instance"]) for r in to_records(items)] == [
        (i.case_id, i.clause, i.instance) for i in items
    ]
    assert [(r["clause"], r["channel"], r["party_kind"], r["met"]) for r in to_records(rows)] == [
        (r.clause, r.channel.value, r.party_kind, r.met) for r in rows
    ]
