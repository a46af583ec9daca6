"""The clause catalogue, readings, policies and their history, routing, MAIL-5 and MAIL-6."""

from __future__ import annotations

import datetime as dt
import pathlib
import re
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest

from expandit_policy import (
    CATALOGUE,
    DEFAULT_READINGS,
    DEFAULT_ROUTING,
    EXPANDIT_POLICY,
    Absence,
    AutoReply,
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    CalendarDays,
    Case,
    Clause,
    ClauseKind,
    ClockHours,
    ContactCadence,
    InvalidPolicyError,
    InvalidValueError,
    Mailbox,
    MailboxKind,
    Policy,
    PolicyError,
    PolicyHistory,
    PolicyValidationError,
    Reading,
    RequestKind,
    Routing,
    ServiceTeam,
    UnknownClauseError,
    WrongTypeError,
    assess,
    from_json_dict,
    get_clause,
    out_of_office,
    presets,
    to_json_dict,
)
from tests.evaluation.strategies import cph, reply, request

#: The clause table of the docs, in the repository: every clause ID has its row there.
CLAUSES_MD = pathlib.Path(__file__).resolve().parents[2] / "docs" / "clauses.md"
EXPECTED_IDS = (
    [f"ENT-{n}" for n in (1, 2, 3)] + [f"AIM-{n}" for n in (1, 2, 3)]
    + [f"COM-{n}" for n in range(1, 11)] + [f"TEL-{n}" for n in (1, 2, 3)]
    + [f"MAIL-{n}" for n in range(1, 7)] + [f"CPL-{n}" for n in range(1, 5)]
)  # fmt: skip


def test_ENT_1_to_CPL_4_the_catalogue_holds_every_clause_once_in_order() -> None:
    assert [c.id for c in CATALOGUE] == EXPECTED_IDS
    listed = re.findall(r"^\| ([A-Z]+-\d+) \|", CLAUSES_MD.read_text(), re.MULTILINE)
    assert set(listed) == set(EXPECTED_IDS)  # every clause has a row, and no row names another


@pytest.mark.parametrize(
    ("clause_id", "kind"),
    [
        ("ENT-1", ClauseKind.GATE), ("ENT-2", ClauseKind.PRICING), ("AIM-1", ClauseKind.REPORTING),
        ("AIM-3", ClauseKind.GUIDANCE), ("COM-3", ClauseKind.OBLIGATION),
        ("COM-9", ClauseKind.DEADLINE), ("COM-10", ClauseKind.GATE), ("TEL-1", ClauseKind.ROUTING),
        ("MAIL-2", ClauseKind.DEADLINE), ("MAIL-5", ClauseKind.OBLIGATION),
        ("CPL-2", ClauseKind.DEADLINE), ("CPL-4", ClauseKind.OBLIGATION),
    ],
)  # fmt: skip
def test_ENT_1_to_CPL_4_each_clause_kind_follows_CLAUSES_md(
    clause_id: str, kind: ClauseKind
) -> None:
    assert get_clause(clause_id).kind is kind
    assert get_clause(clause_id).summary.endswith(".")


def test_MAIL_1_unknown_and_malformed_clause_ids_are_refused() -> None:
    with pytest.raises(UnknownClauseError, match="got 'MAIL-7'"):
        get_clause("MAIL-7")
    with pytest.raises(UnknownClauseError, match="got None"):
        get_clause(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="Clause.summary must not be empty or blank"):
        Clause("MAIL-1", ClauseKind.DEADLINE, " ")


def test_MAIL_1_to_COM_9_default_readings_follow_CLAUSES_md() -> None:
    readings = {r.clause: r.duration for r in DEFAULT_READINGS}
    assert readings == {
        "MAIL-1": BusinessHours(2),
        "MAIL-2": None,
        "MAIL-3": BusinessDays(2),
        "MAIL-4": BusinessDays(1),
        "TEL-3": BusinessDays(1),
        "CPL-1": BusinessDays(2, "close_of_day"),
        "CPL-2": CalendarDays(14),
        "COM-8": BusinessDays(1),
        "COM-9": None,
    }
    assert EXPANDIT_POLICY.readings == DEFAULT_READINGS
    assert EXPANDIT_POLICY.version == "2026.1"
    assert EXPANDIT_POLICY.effective_from == dt.date(2026, 1, 1)
    assert EXPANDIT_POLICY.warning_thresholds == (0.75, 0.9)
    assert isinstance(EXPANDIT_POLICY.calendar, BusinessCalendar)
    assert EXPANDIT_POLICY.calendar.name == "Denmark"


def test_MAIL_1_with_reading_returns_a_new_policy() -> None:
    relaxed = EXPANDIT_POLICY.with_reading("MAIL-1", BusinessHours(4), "half a day")
    assert relaxed.reading("MAIL-1") == Reading("MAIL-1", BusinessHours(4), "half a day")
    assert EXPANDIT_POLICY.reading("MAIL-1").duration == BusinessHours(2)
    assert EXPANDIT_POLICY.with_reading("MAIL-2", None).reading("MAIL-2").description == (
        "overridden: none"
    )


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        pytest.param(lambda p: p.with_reading("COM-3", BusinessHours(1)), UnknownClauseError, "a clause with a reading", id="COM-3 has no clock"),
        pytest.param(lambda p: p.with_reading("MAIL-7", BusinessHours(1)), UnknownClauseError, "MAIL-7", id="MAIL-7 unknown"),
        pytest.param(lambda p: p.with_reading("MAIL-1", 2), WrongTypeError, "Reading.duration", id="MAIL-1 not a duration"),
        pytest.param(lambda p: p.with_thresholds(0.9, 0.75), InvalidPolicyError, "warning_thresholds", id="MAIL-1 thresholds reversed"),
        pytest.param(lambda p: p.with_thresholds(0.5, 1.0), InvalidPolicyError, "warning_thresholds", id="MAIL-1 threshold at 1"),
        pytest.param(lambda p: attrs.evolve(p, readings=(*p.readings, p.readings[0])), InvalidPolicyError, "MAIL-1 twice", id="MAIL-1 twice"),
        pytest.param(lambda p: attrs.evolve(p, readings=("MAIL-1",)), WrongTypeError, r"readings\[0\] must be a Reading", id="MAIL-1 a string"),
        pytest.param(lambda p: attrs.evolve(p, effective_from="2026-01-01"), WrongTypeError, "effective_from", id="MAIL-1 date as text"),
        pytest.param(lambda p: attrs.evolve(p, routing=p.routing[1:]), InvalidPolicyError, "one Routing for every RequestKind", id="TEL-2 gap"),
    ],
)  # fmt: skip
def test_MAIL_1_TEL_2_malformed_policies_are_refused(
    change: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(PolicyError) as info:
        change(EXPANDIT_POLICY)  # type: ignore[operator]
    raised = info.value
    problems = list(raised.exceptions) if isinstance(raised, PolicyValidationError) else [raised]
    assert any(isinstance(p, error) and re.search(message, str(p)) for p in problems), problems


def test_MAIL_1_TEL_2_COM_9_a_policy_reports_every_problem_at_once() -> None:
    with pytest.raises(PolicyValidationError) as info:
        Policy(
            2026,  # type: ignore[arg-type]
            "2026-01-01",  # type: ignore[arg-type]
            readings=(*EXPANDIT_POLICY.readings, EXPANDIT_POLICY.readings[0]),
            warning_thresholds=(0.9, 0.5),
            routing=EXPANDIT_POLICY.routing[1:],
            cadences=[ContactCadence(BusinessDays(5)), ContactCadence(BusinessDays(9)), "weekly"],
        )
    problems = info.value.exceptions
    assert [type(p) for p in problems] == [
        WrongTypeError, WrongTypeError, InvalidPolicyError, InvalidPolicyError,
        InvalidPolicyError, InvalidPolicyError, WrongTypeError,
    ]  # fmt: skip
    fields = ["version", "effective_from", "readings", "warning_thresholds", "routing",
              r"cadences\[1\]", r"cadences\[2\]"]  # fmt: skip
    for problem, field in zip(problems, fields, strict=True):
        assert re.search(f"Policy.{field}", str(problem)), problem
    assert str(info.value).startswith("the policy has 7 problems: Policy.version must be a str")
    assert isinstance(info.value, InvalidPolicyError | ValueError)


def test_MAIL_1_except_star_picks_one_kind_of_policy_problem() -> None:
    caught: list[Exception] = []
    try:
        Policy(2026, dt.date(2026, 1, 1), warning_thresholds=(0.9, 0.5))  # type: ignore[arg-type]
    except* WrongTypeError as group:
        caught.extend(group.exceptions)
    except* InvalidPolicyError as group:
        caught.extend(group.exceptions)
    assert [type(e) for e in caught] == [WrongTypeError, InvalidPolicyError]


def test_COM_3_a_reading_for_a_clause_without_a_clock_names_its_kind() -> None:
    with pytest.raises(InvalidPolicyError, match="of kind obligation"):
        Reading("COM-3", BusinessHours(1), "x")


def test_MAIL_1_policy_applies_from_its_local_effective_date() -> None:
    assert not EXPANDIT_POLICY.applies_on(pendulum.datetime(2025, 12, 31, 22, 59, tz="UTC"))
    assert EXPANDIT_POLICY.applies_on(pendulum.datetime(2025, 12, 31, 23, tz="UTC"))


V2 = attrs.evolve(
    EXPANDIT_POLICY.with_reading("MAIL-1", BusinessHours(1)),
    version="2026.2",
    effective_from=dt.date(2026, 3, 9),
)


@pytest.mark.parametrize(
    ("choice", "version", "due"),
    [
        pytest.param("keep_original", "2026.1", cph(9, 9, 30), id="MAIL-1 keep_original"),
        pytest.param("apply_from_effective_date", "2026.2", cph(9, 8, 30), id="MAIL-1 new reading"),
    ],
)
def test_MAIL_1_a_policy_change_while_the_case_is_open(
    choice: str, version: str, due: dt.datetime
) -> None:
    history = PolicyHistory([V2, EXPANDIT_POLICY], choice)  # type: ignore[arg-type]
    assert [p.version for p in history.policies] == ["2026.1", "2026.2"]
    case = Case(request(at=cph(6, 15, 30)))
    result = assess(history, case, cph(9, 8))
    assert result.policy_version == version
    assert result.result("MAIL-1").due_at == due
    assert f"policy {version}" in result.result("MAIL-1").explanation[-1]


def test_MAIL_1_history_before_its_first_policy_and_malformed_histories() -> None:
    history = PolicyHistory([V2])
    assert history.in_force(cph(2, 9)).version == "2026.2"
    with pytest.raises(InvalidPolicyError, match="at least one Policy"):
        PolicyHistory([])
    with pytest.raises(InvalidPolicyError, match="distinct effective_from"):
        PolicyHistory([EXPANDIT_POLICY, EXPANDIT_POLICY])
    with pytest.raises(InvalidPolicyError, match="got 'latest'"):
        PolicyHistory([EXPANDIT_POLICY], "latest")  # type: ignore[arg-type]


def test_TEL_1_TEL_2_CPL_4_routing_matrix() -> None:
    assert {r.kind: (r.primary, r.secondary) for r in DEFAULT_ROUTING} == {
        RequestKind.QUESTION: (ServiceTeam.SUPPORT, ServiceTeam.SALES),
        RequestKind.FIX: (ServiceTeam.SUPPORT, ServiceTeam.SALES),
        RequestKind.QUOTE: (ServiceTeam.SALES, ServiceTeam.SUPPORT),
        RequestKind.COMPLAINT: (ServiceTeam.SALES, ServiceTeam.SUPPORT),
        RequestKind.MATERIAL_DEFECT_CLAIM: (ServiceTeam.BOARD, ServiceTeam.SUPPORT),
    }
    assert all(ServiceTeam.DEVELOPMENT not in (r.primary, r.secondary) for r in DEFAULT_ROUTING)
    assert EXPANDIT_POLICY.route(RequestKind.MATERIAL_DEFECT_CLAIM).clauses == (
        "TEL-1", "TEL-2", "CPL-4",
    )  # fmt: skip
    assert EXPANDIT_POLICY.route(RequestKind.FIX).clauses == ("TEL-1", "TEL-2")
    with pytest.raises(WrongTypeError, match="kind must be a RequestKind"):
        EXPANDIT_POLICY.route("fix")  # type: ignore[arg-type]


def test_TEL_1_routing_never_goes_to_the_developers() -> None:
    with pytest.raises(InvalidPolicyError, match="TEL-1 keeps the developers free"):
        Routing(RequestKind.FIX, ServiceTeam.DEVELOPMENT, ServiceTeam.SUPPORT)
    with pytest.raises(InvalidPolicyError, match="must be a ServiceTeam"):
        Routing(RequestKind.FIX, ServiceTeam.SUPPORT, "sales")  # type: ignore[arg-type]


MONDAY = cph(2, 8)
PERSONAL = Mailbox(MailboxKind.PERSONAL, "kim@expandit.com")


@pytest.mark.parametrize(
    ("hours", "auto_reply", "mail5", "mail6"),
    [
        pytest.param(8, AutoReply(False), True, True, id="MAIL-5 exactly 8 hours"),
        pytest.param(8.5, AutoReply(False), False, True, id="MAIL-5 more than 8 hours, off"),
        pytest.param(48, AutoReply(True, Mailbox.support()), True, True, id="MAIL-6 names support"),
        pytest.param(48, AutoReply(True), True, False, id="MAIL-6 names nobody"),
        pytest.param(2, AutoReply(True, PERSONAL), True, False, id="MAIL-6 names a person"),
    ],
)
def test_MAIL_5_MAIL_6_out_of_office(
    hours: float, auto_reply: AutoReply, mail5: bool, mail6: bool
) -> None:
    d5, d6 = out_of_office(Absence(MONDAY, MONDAY.add(minutes=int(hours * 60))), auto_reply)
    assert (d5.clause, d5.allowed, d6.clause, d6.allowed) == ("MAIL-5", mail5, "MAIL-6", mail6)


def test_MAIL_5_absence_must_be_aware_and_in_order() -> None:
    with pytest.raises(InvalidValueError, match="Absence.end must not be before"):
        Absence(MONDAY, MONDAY.subtract(hours=1))
    with pytest.raises(WrongTypeError):
        Absence("monday", MONDAY)  # type: ignore[arg-type]


def test_MAIL_1_policies_are_frozen_values_and_a_plain_policy_adds_no_history_line() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        EXPANDIT_POLICY.version = "x"  # type: ignore[misc]
    assert (
        EXPANDIT_POLICY.with_reading(
            "MAIL-1", BusinessHours(2), EXPANDIT_POLICY.reading("MAIL-1").description
        )
        == EXPANDIT_POLICY
    )
    case = Case(request(at=cph(2, 9)), [reply(cph(2, 9, 30))])
    explanation = assess(EXPANDIT_POLICY, case, cph(2, 10)).result("MAIL-1").explanation
    assert not any(line.startswith("policy ") for line in explanation)


@pytest.mark.parametrize(
    "duration",
    [BusinessHours(-1), BusinessHours(-0.5), ClockHours(-2)],
    ids=repr,
)
def test_MAIL_1_a_reading_is_never_due_before_it_starts(duration: BusinessHours) -> None:
    with pytest.raises(InvalidPolicyError, match="Reading.duration must not be negative"):
        EXPANDIT_POLICY.with_reading("MAIL-1", duration)


def test_CPL_1_zero_days_reads_as_the_same_day() -> None:
    same_day = EXPANDIT_POLICY.with_reading("CPL-1", BusinessDays(0, "close_of_day"))
    assert same_day.reading("CPL-1").duration == BusinessDays(0, "close_of_day")


@pytest.mark.parametrize("policies", [[1], None, [], "2026.1"], ids=repr)
def test_MAIL_1_a_policy_history_refuses_what_is_not_policies(policies: object) -> None:
    with pytest.raises(InvalidPolicyError, match="at least one Policy"):
        PolicyHistory(policies)


def test_MAIL_1_warning_thresholds_may_be_given_as_a_list() -> None:
    policy = attrs.evolve(EXPANDIT_POLICY, warning_thresholds=[0.5, 0.8])
    assert policy.warning_thresholds == (0.5, 0.8)


def test_MAIL_1_TEL_2_COM_9_fields_of_the_wrong_kind_are_each_named() -> None:
    with pytest.raises(PolicyValidationError) as info:
        Policy(
            "2026.9",
            dt.date(2026, 1, 1),
            calendar="dk",  # type: ignore[arg-type]
            readings=5,
            routing=None,
            cadences=7,
        )
    messages = [str(p) for p in info.value.exceptions]
    assert [m.split(" must ")[0] for m in messages] == [
        "Policy.calendar", "Policy.readings", "Policy.routing", "Policy.cadences",
    ]  # fmt: skip
    assert all(isinstance(p, WrongTypeError) for p in info.value.exceptions)


# Values of the wrong type or form, as a caller without a type checker might pass them.
A_TIMEDELTA: Any = dt.timedelta(days=5)
NOT_A_KIND: Any = "customer"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda: ContactCadence(A_TIMEDELTA), "ContactCadence.every must be BusinessHours", id="COM-9 a timedelta"),
        pytest.param(lambda: ContactCadence(BusinessHours(0)), "must be positive", id="COM-9 zero hours"),
        pytest.param(lambda: ContactCadence(BusinessDays(0)), "must be positive", id="COM-9 zero days"),
        pytest.param(lambda: ContactCadence(BusinessDays(5), party_kind=NOT_A_KIND), "party_kind must be one of", id="COM-9 unknown kind"),
        pytest.param(lambda: ContactCadence(BusinessDays(5), party_name="  "), "party_name must not be empty or blank", id="COM-9 blank name"),
    ],
)  # fmt: skip
def test_COM_9_a_cadence_is_refused_with_what_to_fix(
    make: Callable[[], object], message: str
) -> None:
    with pytest.raises(PolicyError, match=message):
        make()


def test_COM_9_cadences_read_in_words_and_replace_one_for_the_same_parties() -> None:
    named = ContactCadence(BusinessDays(5), party_kind="reseller", party_name="Shop")
    assert str(named) == "every 5 working days (same time of day) for reseller 'Shop'"
    assert str(ContactCadence(BusinessHours(4))) == "every 4 business hours for every party"
    policy = EXPANDIT_POLICY.with_cadence(named).with_cadence(
        ContactCadence(BusinessDays(2), party_kind="reseller", party_name="SHOP")
    )
    assert [c.every for c in policy.cadences] == [BusinessDays(2)]
    with pytest.raises(WrongTypeError, match="cadence must be a ContactCadence"):
        EXPANDIT_POLICY.with_cadence("weekly")  # type: ignore[arg-type]


@pytest.mark.parametrize("spelling", ["de-by", "DE-BY", "DE-by", "De-By"])
def test_a_policy_document_names_its_preset_calendar_in_any_letter_case(spelling: str) -> None:
    document = to_json_dict(EXPANDIT_POLICY)
    document["calendar"] = spelling
    policy = from_json_dict(Policy, document)
    assert policy.calendar == presets.germany("BY")
    assert to_json_dict(policy)["calendar"] == "de-by"  # written back in the preset's own spelling
