"""Functions that take many values refuse one value, None or a text with a typed error that
says what to pass, never Python's bare "object is not iterable"."""

from __future__ import annotations

from collections.abc import Callable

import pendulum
import pytest

from expandit_policy import (
    EXPANDIT_POLICY,
    BusinessHours,
    Case,
    Channel,
    ClockHours,
    Contact,
    Duration,
    EndCustomer,
    InvalidPolicyError,
    Report,
    Request,
    RequestKind,
    WrongTypeError,
    agenda,
    agenda_of,
    assess,
    iter_cases,
    report,
    to_json_lines,
    to_records,
)

T = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
ADA = Contact("Ada Jensen", "ada@acme.dk")
CASE = Case(Request("R-1", Channel.PHONE, RequestKind.QUESTION, T, ADA, EndCustomer("Acme", [ADA])))
MADE = assess(EXPANDIT_POLICY, CASE, T.add(hours=1))

CALLS: list[tuple[str, Callable[[], object], str]] = [
    ("Report.of(None)", lambda: Report.of(None), "assessments must be a collection"),  # type: ignore[arg-type]
    ("Report.of(one)", lambda: Report.of(MADE), "got an Assessment; wrap one value in a list"),  # type: ignore[arg-type]
    ("report(None)", lambda: report(None), "assessments must be a collection"),  # type: ignore[arg-type]
    ("agenda_of(one)", lambda: agenda_of(MADE), "got an Assessment; wrap one value in a list"),  # type: ignore[arg-type]
    ("agenda(None)", lambda: agenda(EXPANDIT_POLICY, None, T), "cases must be a collection"),  # type: ignore[arg-type]
    ("agenda(one)", lambda: agenda(EXPANDIT_POLICY, CASE, T), "got a Case; wrap one value in a list"),  # type: ignore[arg-type]
    ("to_json_lines(None)", lambda: to_json_lines(None), "values must be a collection"),  # type: ignore[arg-type]
    ("iter_cases(None)", lambda: iter_cases(None), "lines must be a collection"),  # type: ignore[call-overload]
    ("to_records(one)", lambda: to_records(MADE), "got an Assessment; wrap one value in a list"),  # type: ignore[arg-type]
]  # fmt: skip


@pytest.mark.parametrize(("name", "call", "message"), CALLS, ids=[c[0] for c in CALLS])
def test_one_value_or_none_where_a_collection_is_expected_is_a_typed_error(
    name: str, call: Callable[[], object], message: str
) -> None:
    with pytest.raises(WrongTypeError) as error:
        call()
    assert message in str(error.value)
    assert "Assessment(case=" not in str(error.value)  # a value named by its type, not its repr


def test_a_generator_is_read_lazily_once() -> None:
    taken: list[int] = []

    def made() -> object:
        for k in range(3):
            taken.append(k)
            yield MADE

    assert report(made()) == report([MADE] * 3)  # type: ignore[arg-type]
    assert taken == [0, 1, 2]


def test_licences_that_are_not_a_collection_are_refused_by_agenda_too() -> None:
    with pytest.raises(WrongTypeError, match="licences must be a collection"):
        agenda(EXPANDIT_POLICY, [CASE], T, licences=5)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match="licences must be a collection"):
        agenda(EXPANDIT_POLICY, [CASE], T, licences="DK-1")  # type: ignore[arg-type]


@pytest.mark.parametrize("target", [BusinessHours(-1), ClockHours(-0.5)])
def test_a_negative_mail2_target_is_refused_as_a_negative_reading_is(target: Duration) -> None:
    with pytest.raises(InvalidPolicyError, match="resolution_target must not be negative"):
        assess(EXPANDIT_POLICY, CASE, T, resolution_target=target)
    with pytest.raises(InvalidPolicyError, match="resolution_target must not be negative"):
        agenda(EXPANDIT_POLICY, [CASE], T, resolution_targets={"R-1": target})


def test_a_mail2_target_that_is_not_a_duration_is_refused() -> None:
    with pytest.raises(WrongTypeError, match="resolution_target must be BusinessHours"):
        assess(EXPANDIT_POLICY, CASE, T, resolution_target="8h")  # type: ignore[arg-type]
    assert assess(EXPANDIT_POLICY, CASE, T, resolution_target=BusinessHours(0)).results
