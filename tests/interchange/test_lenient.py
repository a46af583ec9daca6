"""Lenient loading (load_cases(errors="collect")): the valid cases, and each refused case with its
position, its id when readable and every problem, exactly as the strict load reports them."""

from __future__ import annotations

import copy
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    SCHEMA_VERSION,
    Case,
    Channel,
    Contact,
    EndCustomer,
    InvalidDocumentError,
    InvalidValueError,
    LoadedCases,
    RefusedCase,
    Request,
    RequestKind,
    WrongTypeError,
    dump_cases,
    load_cases,
    strategies,
)

ADA = Contact("Ada Jensen", "ada@acme.dk")
T = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")


def case(n: int) -> Case:
    return Case(
        Request(f"R-{n}", Channel.PHONE, RequestKind.QUESTION, T, ADA, EndCustomer("Acme", [ADA]))
    )


def document(count: int) -> dict[str, Any]:
    return dump_cases([case(n) for n in range(count)])


# -- concrete tables ------------------------------------------------------------------------------


def test_a_bad_case_is_refused_with_its_position_id_and_every_problem() -> None:
    doc = document(4)
    doc["cases"][1]["request"]["received_at"] = "Monday"
    doc["cases"][1]["events"] = "none"
    doc["cases"][3] = {"request": {"id": 7}}
    loaded = load_cases(doc, errors="collect")
    assert [c.request.id for c in loaded.cases] == ["R-0", "R-2"]
    assert [(r.position, r.case_id) for r in loaded.refused] == [(1, "R-1"), (3, None)]
    first = loaded.refused[0].problems
    assert [p for p, _ in first] == ["cases[1].request.received_at", "cases[1].events"]
    assert "ISO 8601 instant" in first[0][1]


@pytest.mark.parametrize(
    ("item", "case_id"),
    [
        ("not a case", None),
        ({"request": "R-1"}, None),
        ({"request": {"id": None}}, None),
        ({"request": {"id": "R-9"}}, "R-9"),
    ],
)
def test_the_id_is_given_only_when_readable_as_text(item: object, case_id: str | None) -> None:
    doc = document(1)
    doc["cases"].append(item)
    [refused] = load_cases(doc, errors="collect").refused
    assert (refused.position, refused.case_id) == (1, case_id)


def test_the_problems_are_those_of_the_strict_load() -> None:
    doc = document(3)
    doc["cases"][0]["request"]["channel"] = "fax"
    doc["cases"][2]["events"] = [{"type": "Closed"}]
    with pytest.raises(InvalidDocumentError) as strict:
        load_cases(doc)
    collected = load_cases(doc, errors="collect").refused
    assert tuple(p for r in collected for p in r.problems) == strict.value.problems


@pytest.mark.parametrize(
    ("doc", "path"),
    [
        ({"cases": []}, "schema"),
        ({"schema": SCHEMA_VERSION}, "cases"),
        ({"schema": SCHEMA_VERSION, "cases": None}, "cases"),
        ({"schema": SCHEMA_VERSION, "cases": [], "extra": 1}, "extra"),
    ],
)
def test_a_problem_of_the_document_itself_is_still_raised(doc: dict[str, Any], path: str) -> None:
    with pytest.raises(InvalidDocumentError) as error:
        load_cases(doc, errors="collect")
    assert error.value.problems[0][0] == path


def test_the_default_stays_strict_and_the_spelling_is_checked() -> None:
    doc = document(2)
    doc["cases"][1]["request"]["id"] = ""
    with pytest.raises(InvalidDocumentError):
        load_cases(doc)
    with pytest.raises(WrongTypeError, match="errors must be 'strict' or 'collect', got 'skip'"):
        load_cases(doc, errors="skip")  # type: ignore[call-overload]


def test_the_input_is_not_changed() -> None:
    doc = document(2)
    doc["cases"][0]["request"]["channel"] = 3
    before = copy.deepcopy(doc)
    load_cases(doc, errors="collect")
    assert doc == before


def test_progress_is_called_for_every_case_read_or_refused() -> None:
    doc = document(3)
    doc["cases"][1] = {}
    calls: list[tuple[int, int]] = []
    load_cases(doc, errors="collect", progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize(
    ("make", "error", "text"),
    [
        (lambda: RefusedCase(-1, None, [("", "x")]), InvalidValueError, "position"),
        (lambda: RefusedCase(True, None, [("", "x")]), InvalidValueError, "position"),
        (lambda: RefusedCase(0, 7, [("", "x")]), WrongTypeError, "case_id"),  # type: ignore[arg-type]
        (lambda: RefusedCase(0, None, []), InvalidValueError, "at least one"),
        (lambda: RefusedCase(0, None, "oops"), WrongTypeError, "pairs of text"),
        (lambda: RefusedCase(0, None, [("a", 1)]), WrongTypeError, "pairs of text"),
        (lambda: LoadedCases(["R-1"], ()), WrongTypeError, "LoadedCases.cases"),
        (lambda: LoadedCases((), [None]), WrongTypeError, "LoadedCases.refused"),
    ],
)
def test_the_result_values_refuse_what_they_cannot_hold(make: Any, error: type, text: str) -> None:
    with pytest.raises(error, match=text):
        make()


# -- properties -----------------------------------------------------------------------------------


@given(
    st.lists(strategies.cases(), max_size=4),
    st.lists(st.booleans(), min_size=4, max_size=4),
)
def test_collect_keeps_exactly_the_good_cases_in_order_and_refuses_the_rest(
    cases: list[Case], spoil: list[bool]
) -> None:
    doc = dump_cases(cases)
    for k, bad in enumerate(spoil[: len(cases)]):
        if bad:
            doc["cases"][k]["request"]["kind"] = "a favour"
    loaded = load_cases(doc, errors="collect")
    good = [c for k, c in enumerate(cases) if not spoil[k]]
    assert loaded.cases == tuple(good)
    assert [r.position for r in loaded.refused] == [k for k in range(len(cases)) if spoil[k]]
    assert [r.case_id for r in loaded.refused] == [cases[r.position].request.id for r in loaded.refused]  # fmt: skip
    if not loaded.refused:
        assert load_cases(doc) == loaded.cases
