"""The clause registry: one declaration per clause, the docs' table and the readings follow it;
and a calendar per desk."""

from __future__ import annotations

import ast
import datetime as dt
import pathlib
import re

import pendulum
import pytest

from expandit_policy import (
    CATALOGUE,
    DEFAULT_READINGS,
    EXPANDIT_POLICY,
    BusinessDays,
    BusinessHours,
    CalendarDays,
    Case,
    Channel,
    ClauseKind,
    Contact,
    DeskCalendar,
    EndCustomer,
    InvalidPolicyError,
    Partner,
    Policy,
    PolicyValidationError,
    Reading,
    Request,
    RequestKind,
    WrongTypeError,
    assess,
    presets,
)
from expandit_policy._policy._registry import REGISTRY, ClockRule, registry_rows

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs" / "clauses.md"


def test_MAIL_1_to_CPL_4_each_assessed_clause_is_declared_once_in_catalogue_order() -> None:
    ids = [r.clause for r in REGISTRY]
    assert len(ids) == len(set(ids))
    catalogue = {c.id: c.kind for c in CATALOGUE}
    # every deadline of the catalogue has a clock; COM-8 is an obligation with a clock
    clocks = {r.clause for r in REGISTRY if isinstance(r, ClockRule)}
    deadlines = {cid for cid, kind in catalogue.items() if kind is ClauseKind.DEADLINE}
    assert clocks == deadlines | {"COM-8"}
    assert {r.clause for r in REGISTRY} - clocks == {"COM-3", "COM-4", "COM-5", "CPL-3", "CPL-4"}


def test_MAIL_1_to_CPL_4_the_docs_table_is_the_registry_in_words() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## How assess reads a case: the clause registry") :]
    lines = section.splitlines()
    first = next(k for k, line in enumerate(lines) if line.startswith("| clause"))
    table = []
    for line in lines[first + 2 :]:  # after the header and its rule
        if not line.startswith("| "):
            break
        table.append(line)
    assert table == registry_rows()


def test_MAIL_1_to_COM_9_default_readings_are_the_declarations_own() -> None:
    assert [r.clause for r in DEFAULT_READINGS] == [
        r.clause for r in REGISTRY if isinstance(r, ClockRule)
    ]
    assert all(r.default in DEFAULT_READINGS for r in REGISTRY if isinstance(r, ClockRule))


def test_MAIL_1_to_COM_9_the_readings_page_shows_the_declared_defaults() -> None:
    page = (DOCS.parent / "concepts" / "readings.md").read_text(encoding="utf-8")
    section = page[page.index("## The default readings") : page.index("Why these:")]
    shown: dict[str, object] = {}
    names = {"BusinessDays": BusinessDays, "BusinessHours": BusinessHours, "CalendarDays": CalendarDays}  # fmt: skip
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and re.match(r"[A-Z]+-\d", cells[0]):
            # a constructor call such as `BusinessDays(2, "close_of_day")`, or `None`
            call = re.fullmatch(r"`(\w+)(?:\((.*)\))?`", cells[3])
            assert call is not None, cells[3]
            name, args = call.groups()
            duration = None if name == "None" else names[name](*ast.literal_eval(f"({args},)"))
            for clause in cells[0].split(", "):
                shown[clause] = duration
    assert shown == {r.clause: r.duration for r in DEFAULT_READINGS}


def test_COM_8_a_policy_stored_before_a_clause_existed_takes_its_default_reading() -> None:
    older = [r for r in EXPANDIT_POLICY.readings if r.clause not in ("COM-8", "COM-9")]
    policy = Policy("2025.1", dt.date(2025, 1, 1), readings=older)
    assert policy.reading("COM-8") == EXPANDIT_POLICY.reading("COM-8")
    assert policy.reading("COM-9").duration is None
    assert [r.clause for r in policy.readings] == [r.clause for r in DEFAULT_READINGS]


# -- a calendar per desk -----------------------------------------------------------------------

HANS = Contact("Hans Müller", "hans@mueller.de")
MUELLER = EndCustomer("Müller GmbH", [HANS])
GERMAN = presets.germany()
#: Danish hours for every end customer, German for Müller, a 24-hour phone desk (a named party
#: beats a kind of party, which beats a channel)
DESKS = EXPANDIT_POLICY.with_desk_calendar(
    DeskCalendar(presets.denmark(), party_kind="end customer")
).with_desk_calendar(DeskCalendar(GERMAN, party_name="MÜLLER GMBH"))


def _mail(party: EndCustomer | Partner, channel: Channel = Channel.SUPPORT_MAILBOX) -> Request:
    # Monday 2 March 2026 15:30 in Berlin and in Copenhagen (both UTC+1)
    at = pendulum.datetime(2026, 3, 2, 15, 30, tz="Europe/Berlin")
    return Request("R-1", channel, RequestKind.QUESTION, at, HANS, party)


def test_MAIL_1_a_named_party_is_answered_on_its_desks_hours() -> None:
    # German desk, 08:00-17:00: 15:30-17:00 (1.5 h), then Tue 08:00-08:30: due Tue 3 March 08:30
    mail1 = assess(DESKS, Case(_mail(MUELLER)), pendulum.datetime(2026, 3, 2, 16, tz="UTC"))
    result = mail1.result("MAIL-1")
    assert result.due_at == pendulum.datetime(2026, 3, 3, 8, 30, tz="Europe/Berlin")
    assert "calendar: Germany (Europe/Berlin), the calendar for party 'MÜLLER GMBH'" in (
        result.explanation
    )


def test_MAIL_1_a_kind_of_party_then_the_default() -> None:
    # Danish desk, 08:00-16:00: 15:30-16:00 (0.5 h), then Tue 08:00-09:30: due Tue 09:30
    acme = EndCustomer("Acme", [HANS])
    result = assess(DESKS, Case(_mail(acme)), pendulum.datetime(2026, 3, 2, 16, tz="UTC"))
    mail1 = result.result("MAIL-1")
    assert mail1.due_at == pendulum.datetime(2026, 3, 3, 9, 30, tz="Europe/Copenhagen")
    assert mail1.explanation[2] == (
        "calendar: Denmark (Europe/Copenhagen), the calendar for end customers"
    )
    partner = assess(DESKS, Case(_mail(Partner("Nordic"))), pendulum.datetime(2026, 3, 2, 16, tz="UTC"))  # fmt: skip
    assert partner.result("MAIL-1").explanation[2] == "calendar: Denmark (Europe/Copenhagen)"


def test_TEL_3_a_channel_desk_ranks_below_a_kind_of_party() -> None:
    phone_desk = DeskCalendar(GERMAN, channel=Channel.PHONE)
    kind_desk = DeskCalendar(presets.denmark(), party_kind="end customer")
    policy = EXPANDIT_POLICY.with_desk_calendar(phone_desk).with_desk_calendar(kind_desk)
    call = _mail(EndCustomer("Acme", [HANS]), Channel.PHONE)
    assert policy.calendar_for(call) is kind_desk.calendar
    assert policy.calendar_for(_mail(Partner("Nordic"), Channel.PHONE)) is GERMAN
    assert policy.calendar_for(_mail(Partner("Nordic"))) is EXPANDIT_POLICY.calendar


def test_MAIL_1_desk_calendars_are_checked_with_what_to_fix() -> None:
    with pytest.raises(InvalidPolicyError, match="must name a channel, a party_kind or a party"):
        DeskCalendar(GERMAN)
    with pytest.raises(WrongTypeError, match=r"DeskCalendar.calendar must be a BusinessCalendar"):
        DeskCalendar("Germany", party_kind="partner")  # type: ignore[arg-type]
    with pytest.raises(InvalidPolicyError, match="DeskCalendar.party_kind must be one of"):
        DeskCalendar(GERMAN, party_kind="customer")  # type: ignore[arg-type]
    twice = (DeskCalendar(GERMAN, party_name="Acme"), DeskCalendar(GERMAN, party_name="ACME"))
    with pytest.raises(PolicyValidationError) as info:
        Policy("x", dt.date(2026, 1, 1), desk_calendars=twice)
    assert "desk_calendars[1] serves the same requests" in str(info.value.exceptions[0])
    replaced = DESKS.with_desk_calendar(DeskCalendar(presets.denmark(), party_name="Müller GmbH"))
    assert len(replaced.desk_calendars) == 2
    assert EXPANDIT_POLICY.desk_calendars == ()


# -- every message: a reading per next-reply clock ------------------------------------------------


def test_MAIL_1_MAIL_4_TEL_3_run_for_every_message_by_default_and_no_other_clause_does() -> None:
    on = {r.clause for r in EXPANDIT_POLICY.readings if r.every_message}
    assert on == {"MAIL-1", "MAIL-4", "TEL-3"}
    assert on == {r.clause for r in REGISTRY if isinstance(r, ClockRule) and r.messages}
    assert Reading("MAIL-4", BusinessDays(1), "as stored before the setting").every_message
    assert not Reading("MAIL-3", BusinessDays(2), "2 days").every_message


def test_every_message_is_refused_for_a_clause_that_is_no_next_reply_clock() -> None:
    with pytest.raises(InvalidPolicyError, match=r"every_message can be True only for a next-reply "
                       r"clock \(MAIL-1, MAIL-4, TEL-3\), got True for 'CPL-1'; leave it out"):  # fmt: skip
        Reading("CPL-1", BusinessDays(2), "2 days", every_message=True)
    with pytest.raises(WrongTypeError, match=r"Reading.every_message must be True or False, got "
                       r"'no' \(str\)"):  # fmt: skip
        Reading("MAIL-1", BusinessHours(2), "2 hours", every_message="no")  # type: ignore[arg-type]


def test_with_reading_keeps_every_message_unless_told() -> None:
    first_only = EXPANDIT_POLICY.with_reading("TEL-3", BusinessDays(1), every_message=False)
    assert not first_only.reading("TEL-3").every_message
    longer = first_only.with_reading("TEL-3", BusinessDays(2))
    assert (longer.reading("TEL-3").duration, longer.reading("TEL-3").every_message) == (
        BusinessDays(2), False,
    )  # fmt: skip
    assert longer.reading("MAIL-1").every_message
