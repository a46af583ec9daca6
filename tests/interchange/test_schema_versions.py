"""Documents of an older schema: what the library wrote as ``expandit_policy/1`` still loads, each
field added since taking its documented value, while ``/2`` stays strict and other versions are
refused. The ``/1`` documents under fixtures/v1 were written by the ``/1`` library (see its
README) and are never regenerated."""

from __future__ import annotations

import json
import pathlib
import re
from typing import Any

import attrs
import pendulum
import pytest

from expandit_policy import (
    DEFAULT_READINGS,
    EXPANDIT_POLICY,
    SCHEMA_VERSION,
    AcknowledgedInWriting,
    Assessment,
    BoardAnalysisDone,
    BusinessDays,
    BusinessHours,
    CalendarDays,
    Channel,
    ClauseResult,
    ClauseState,
    Closed,
    ContactCadence,
    Coverage,
    EscalatedToBoard,
    FeeNoticeSent,
    InformationReceived,
    InformationRequested,
    InvalidDocumentError,
    LoggedUnderMailbox,
    MailboxKind,
    MessageReceived,
    Policy,
    Reading,
    Reopened,
    Replied,
    RequestKind,
    Resolved,
    SatisfactionAsked,
    assess,
    dump_cases,
    from_json_dict,
    load_cases,
    presets,
    to_json_dict,
)
from expandit_policy._interchange import _versions
from expandit_policy._interchange._converter import value_types

TYPES = value_types()

HERE = pathlib.Path(__file__).parent
V1 = HERE / "fixtures" / "v1"
DOCS = HERE.parents[1] / "docs" / "interchange.md"
CPH = "Europe/Copenhagen"


def fixture(name: str) -> Any:
    return json.loads((V1 / name).read_text())


def at(month: int, day: int, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(2026, month, day, hour, minute, tz=CPH)


def test_the_fixtures_are_version_1_documents() -> None:
    for name in ("policy.json", "cases.json", "assessment.json"):
        assert fixture(name)["schema"] == "expandit_policy/1", name
    assert SCHEMA_VERSION == "expandit_policy/2"


def test_a_version_1_policy_loads_with_its_readings_cadences_and_calendar() -> None:
    policy = from_json_dict(Policy, fixture("policy.json"))
    assert policy.version == "2026.1-fixture"
    assert policy.effective_from == EXPANDIT_POLICY.effective_from
    assert policy.calendar == presets.denmark()
    assert policy.reading("MAIL-1").duration == BusinessHours(4)
    assert policy.reading("MAIL-2").duration == BusinessDays(5)
    assert policy.reading("MAIL-2").description == "5 working days, from the EULA of 2026"
    assert policy.cadences == (
        ContactCadence(BusinessDays(5), party_kind="partner"),
        ContactCadence(CalendarDays(14), party_name="Acme"),
    )
    assert policy.warning_thresholds == EXPANDIT_POLICY.warning_thresholds
    assert policy.desk_calendars == ()  # the policy's calendar serves every request
    assert policy.routing == EXPANDIT_POLICY.routing
    # every other clause keeps the reading /1 wrote, its words included (the default durations
    # then), and every clause with a clock has a reading
    written = {r["clause"]: r["description"] for r in fixture("policy.json")["readings"]}
    defaults = {r.clause: r for r in DEFAULT_READINGS}
    assert {r.clause for r in policy.readings} == set(defaults) == set(written)
    for reading in policy.readings:
        assert reading.description == written[reading.clause], reading.clause
        if reading.clause not in ("MAIL-1", "MAIL-2"):
            assert reading.duration == defaults[reading.clause].duration, reading.clause
    # the whole value, field by field, is the policy the /1 library was given; the fields added
    # in /2 carry their defaults
    expected = attrs.evolve(
        EXPANDIT_POLICY,
        version="2026.1-fixture",
        readings=[
            Reading("MAIL-1", BusinessHours(4), "4 business hours, as the desk reads it in 2026"),
            Reading("MAIL-2", BusinessDays(5), "5 working days, from the EULA of 2026"),
            *(r for r in policy.readings if r.clause not in ("MAIL-1", "MAIL-2")),
        ],
        cadences=policy.cadences,
    )
    assert policy == expected


def test_a_version_1_case_batch_loads_with_every_event_and_ordinary_closes() -> None:
    cases = load_cases(fixture("cases.json"))
    assert [c.request.id for c in cases] == ["R-201", "R-202", "R-203", "R-204", "R-205"]
    assert [c.request.channel for c in cases] == [
        Channel.SUPPORT_MAILBOX,
        Channel.WRITTEN_COMPLAINT,
        Channel.SALES_MAILBOX,
        Channel.PHONE,
        Channel.PERSONAL_MAILBOX,
    ]
    assert cases[1].request.kind is RequestKind.MATERIAL_DEFECT_CLAIM
    assert cases[1].request.received_at == at(3, 27, 17, 45)
    assert [c.name for c in cases[0].request.party.contacts] == ["Ada Jensen", "Per Olsen"]
    assert cases[0].request.party.contacts[1].fee_earner is True
    defect = cases[1].events
    assert [type(e) for e in defect] == [
        AcknowledgedInWriting,
        LoggedUnderMailbox,
        EscalatedToBoard,
        InformationRequested,
        InformationReceived,
        BoardAnalysisDone,
        FeeNoticeSent,
        Resolved,
        Closed,
        Reopened,
        Replied,
        Closed,
    ]
    assert [e.at for e in defect][-3:] == [at(4, 9, 9), at(4, 9, 10), at(4, 9, 11)]
    notice = defect[6]
    assert isinstance(notice, FeeNoticeSent)
    assert (notice.coverage, notice.note) == (Coverage.NEEDS_FEES, "6 hours at EUR 150")
    reply = defect[10]
    assert isinstance(reply, Replied)
    assert reply.from_mailbox.kind is MailboxKind.PERSONAL
    assert (reply.to, reply.cc) == (("per@acme.dk",), ("support@expandit.com",))
    assert type(cases[0].events[-1]) is SatisfactionAsked
    closes = [e for c in cases for e in c.events if isinstance(e, Closed)]
    assert len(closes) == 4
    assert all(e.reason is None for e in closes)  # Closed.reason: None, an ordinary close
    assert all(c.request.party.identifier is None for c in cases)  # known by kind and name


def test_a_version_1_assessment_loads_as_it_was_written() -> None:
    assessment = from_json_dict(Assessment, fixture("assessment.json"))
    assert assessment.case == load_cases(fixture("cases.json"))[0]
    assert assessment.as_of == at(3, 10, 12)
    assert assessment.policy_version == "2026.1-fixture"
    assert [(r.clause, r.state) for r in assessment.results] == [
        ("COM-3", ClauseState.MET),
        ("COM-5", ClauseState.UNKNOWN),
        ("COM-8", ClauseState.NOT_STARTED),
        ("COM-9", ClauseState.RUNNING),
        ("MAIL-1", ClauseState.MET),
        ("MAIL-2", ClauseState.RUNNING),
    ]
    mail_2 = assessment.results[-1]
    assert mail_2.due_at == at(3, 13, 15, 30)  # 5 working days from the mail, as /1 said
    assert mail_2.explanation == tuple(fixture("assessment.json")["results"][-1]["explanation"])
    assert all(r.breached_at is None for r in assessment.results)
    kind: type = ClauseResult
    for result in assessment.results:
        for name in _versions.added_fields(kind, 1):
            assert getattr(result, name) == attrs.fields_dict(kind)[name].default


def test_follow_up_messages_and_instances_are_carried_and_version_1_has_instance_0_only() -> None:
    # /1 knew one result per clause: every result of a /1 assessment is its clause's instance 0,
    # and every reading of a /1 policy gets the clause's every_message default
    old = from_json_dict(Assessment, fixture("assessment.json"))
    assert {r.instance for r in old.results} == {0}
    policy = from_json_dict(Policy, fixture("policy.json"))
    assert {r.clause for r in policy.readings if r.every_message} == {"MAIL-1", "MAIL-4", "TEL-3"}
    # a /2 assessment of a case with a follow-up: the message and the instances round trip
    case = load_cases(fixture("cases.json"))[0]
    follow_up = MessageReceived(case.request.received_at, Channel.SUPPORT_MAILBOX)
    grown = attrs.evolve(case, events=(follow_up, *case.events))
    assessment = assess(policy, grown, at(3, 10, 12))
    written = to_json_dict(assessment)
    assert written["case"]["events"][0] == {
        "type": "MessageReceived", "at": written["case"]["events"][0]["at"],
        "channel": "support mailbox", "contact": None,
    }  # fmt: skip
    assert [r["instance"] for r in written["results"]] == [r.instance for r in assessment.results]
    assert from_json_dict(Assessment, written) == assessment
    item = dict(written["results"][0])
    del item["instance"]
    with pytest.raises(InvalidDocumentError, match="instance"):
        from_json_dict(ClauseResult, {"schema": "expandit_policy/2", **item})


@pytest.mark.parametrize("name", ["policy.json", "assessment.json"])
def test_a_version_1_document_written_again_is_version_2_and_reads_back_equal(name: str) -> None:
    kind = Policy if name == "policy.json" else Assessment
    value = from_json_dict(kind, fixture(name))
    again = to_json_dict(value)
    assert again["schema"] == "expandit_policy/2"
    assert from_json_dict(kind, again) == value


def test_a_version_1_batch_written_again_reads_back_equal() -> None:
    cases = load_cases(fixture("cases.json"))
    assert load_cases(dump_cases(cases)) == cases


def test_a_version_1_document_relabelled_as_version_2_is_refused_for_the_fields_it_lacks() -> None:
    document = {**fixture("cases.json"), "schema": "expandit_policy/2"}
    with pytest.raises(InvalidDocumentError) as info:
        load_cases(document)
    assert {p for p, _ in info.value.problems} == {
        "cases[0].events[6].reason",
        "cases[1].events[8].reason",
        "cases[1].events[11].reason",
        "cases[3].events[2].reason",
        *(f"cases[{k}].request.party.identifier" for k in range(5)),
    }


def test_a_version_1_document_is_still_strict_about_the_fields_version_1_had() -> None:
    document = fixture("cases.json")
    del document["cases"][3]["events"][0]["cc"]
    with pytest.raises(InvalidDocumentError) as info:
        load_cases(document)
    assert info.value.problems == (("cases[3].events[0].cc", "missing: this field is required"),)


def test_a_version_1_document_that_gives_a_field_added_in_version_2_is_refused() -> None:
    document = fixture("cases.json")
    document["cases"][3]["events"][2]["reason"] = "duplicate"
    with pytest.raises(InvalidDocumentError) as info:
        load_cases(document)
    assert info.value.problems == (
        (
            "cases[3].events[2].reason",
            "Closed.reason is not part of 'expandit_policy/1': write the document as "
            "'expandit_policy/2', or leave the field out",
        ),
    )


def test_a_version_1_policy_without_a_reading_for_a_clause_takes_its_default_reading() -> None:
    # what a policy stored before a clause existed looks like: no reading for it
    document = fixture("policy.json")
    document["readings"] = [r for r in document["readings"] if r["clause"] != "TEL-3"]
    policy = from_json_dict(Policy, document)
    assert policy.reading("TEL-3") == next(r for r in DEFAULT_READINGS if r.clause == "TEL-3")
    assert policy.reading("MAIL-1").duration == BusinessHours(4)


@pytest.mark.parametrize("schema", ["expandit_policy/3", "expandit_policy/0", "expandit_policy", 1])
def test_another_schema_is_refused_naming_the_versions_read(schema: object) -> None:
    with pytest.raises(InvalidDocumentError) as info:
        from_json_dict(Policy, {**fixture("policy.json"), "schema": schema})
    [(path, message)] = info.value.problems
    assert path == "schema"
    assert message.startswith("this library reads 'expandit_policy/2' and 'expandit_policy/1'")


def _added_since_1() -> list[tuple[str, str]]:
    return sorted(
        (t.__name__, name) for t in TYPES if attrs.has(t) for name in _versions.added_fields(t, 1)
    )


def test_every_field_added_since_version_1_has_a_value_for_version_1_documents() -> None:
    for type_name, name in _added_since_1():
        kind = next(t for t in TYPES if t.__name__ == type_name)
        field = attrs.fields_dict(kind)[name]
        assert field.default is not attrs.NOTHING or (type_name, name) in _versions.VALUES, (
            f"{type_name}.{name} was added since expandit_policy/1 without a default: give "
            f"version 1 documents its value in _versions.VALUES"
        )


def test_the_documented_table_lists_exactly_the_fields_added_since_version_1() -> None:
    text = DOCS.read_text()
    table = text.split("<!-- fields-added-in-2")[1].split("<!-- end of fields-added-in-2")[0]
    rows = re.findall(r"^\| `(\w+)` \| `(\w+)` \|", table, flags=re.MULTILINE)
    assert sorted(rows) == _added_since_1()


def test_version_1_knew_every_type_it_lists_and_no_type_lost_a_field() -> None:
    names = {t.__name__: t for t in TYPES if attrs.has(t)}
    for type_name, fields in _versions.V1_FIELDS.items():
        kind = names[type_name]
        assert set(fields) <= {a.name for a in attrs.fields(kind) if a.init}, type_name
