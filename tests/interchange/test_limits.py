"""The interchange's limits on what it reads, each at the limit and one past it: the size of a
document and of one JSON Lines line, how deep objects and lists nest, how large or small a number
may be, how deep calendars compose, how large and fine an amount of money is. Past each, the
document is refused with an InvalidDocumentError whose problem has the path of the value."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from typing import Any

import pytest

from expandit_policy import (
    EXPANDIT_POLICY,
    SCHEMA_VERSION,
    BusinessHours,
    Calendar,
    Closed,
    InvalidDocumentError,
    Money,
    Policy,
    WrongTypeError,
    dump_cases,
    from_json_dict,
    load_cases,
    to_json_dict,
)
from expandit_policy._calendars._calendar import MAX_COMPOSITION_DEPTH
from expandit_policy._interchange._text import (
    MAX_DEPTH,
    MAX_DOCUMENT_BYTES,
    MAX_EXPONENT,
    MAX_LINE_BYTES,
    depth_problem,
    parse_json,
    parse_line,
)


def refused(call: Any, *args: Any, **kwargs: Any) -> tuple[tuple[str, str], ...]:
    with pytest.raises(InvalidDocumentError) as caught:
        call(*args, **kwargs)
    return caught.value.problems


def nested(levels: int) -> Any:
    """A list holding a list ... ``levels`` lists in all, the innermost empty."""
    value: list[Any] = []
    for _ in range(levels - 1):
        value = [value]
    return value


def bracket_path(count: int) -> str:
    return "[0]" * count


# -- the size of a document and of one line ----------------------------------------------------


def text_of_size(size: int) -> str:
    """A JSON string of exactly ``size`` bytes of UTF-8, with a two-byte character in it."""
    assert size >= 4
    return '"\u00e9' + "a" * (size - 4) + '"'


@pytest.mark.parametrize("limit", [4, 100, 4096])
def test_a_text_at_the_size_limit_is_read_and_one_byte_more_is_refused(limit: int) -> None:
    assert len(text_of_size(limit).encode()) == limit
    assert parse_json(text_of_size(limit), max_bytes=limit) == "\u00e9" + "a" * (limit - 4)
    problems = refused(parse_json, text_of_size(limit + 1), max_bytes=limit)
    assert problems == (("", f"is larger than the limit of {limit} bytes; split it into smaller documents"),)  # fmt: skip


def test_a_document_of_64_mib_is_read_and_one_byte_more_is_refused() -> None:
    assert MAX_DOCUMENT_BYTES == 64 * 1024**2
    assert len(parse_json(text_of_size(MAX_DOCUMENT_BYTES))) == MAX_DOCUMENT_BYTES - 3
    (problem,) = refused(parse_json, text_of_size(MAX_DOCUMENT_BYTES + 1))
    assert problem[0] == "" and "larger than the limit of 67108864 bytes" in problem[1]


def test_a_line_of_1_mib_is_read_and_one_byte_more_is_refused() -> None:
    assert MAX_LINE_BYTES == 1024**2
    assert len(parse_line(text_of_size(MAX_LINE_BYTES))) == MAX_LINE_BYTES - 3
    (problem,) = refused(parse_line, text_of_size(MAX_LINE_BYTES + 1))
    assert problem[0] == "" and "larger than the limit of 1048576 bytes" in problem[1]


def test_a_line_is_read_with_the_limits_of_a_document() -> None:
    line = json.dumps({"schema": SCHEMA_VERSION, "type": "BusinessHours", "hours": 1e-309})
    assert refused(parse_line, line)[0][0] == "hours"
    assert from_json_dict(BusinessHours, parse_line(line.replace("1e-309", "2"))) == BusinessHours(
        2
    )


# -- nesting -----------------------------------------------------------------------------------


def test_nesting_to_the_limit_is_read_and_one_level_more_is_refused_with_its_path() -> None:
    at_limit = json.dumps({"cases": nested(MAX_DEPTH - 1)})
    assert parse_json(at_limit) == {"cases": nested(MAX_DEPTH - 1)}
    past = json.dumps({"cases": nested(MAX_DEPTH)})
    assert refused(parse_json, past) == (
        (
            "cases" + bracket_path(MAX_DEPTH - 1),
            f"is nested too deeply: objects and lists may nest at most {MAX_DEPTH} levels, "
            f"this one is level {MAX_DEPTH + 1}; a document of the library's values never needs more",
        ),
    )


def test_nesting_too_deep_for_json_itself_is_refused_with_its_path() -> None:
    text = '{"a": [1, {"b\\"": ' + "[" * 100_000 + "]" * 100_000 + "}]}"
    ((path, message),) = refused(parse_json, text)
    assert path == 'a[1]["b\\""]' + bracket_path(MAX_DEPTH - 3)
    assert f"this one is level {MAX_DEPTH + 1}" in message


def test_a_dict_nested_past_the_limit_is_refused_by_from_json_dict_and_load_cases() -> None:
    deep = {"schema": SCHEMA_VERSION, "hours": nested(MAX_DEPTH - 1)}
    assert depth_problem(deep) is None
    # at the limit, only the value's own problem: hours is not a number
    assert refused(from_json_dict, BusinessHours, deep)[0][1].startswith(
        "must be a number of hours"
    )
    deeper = {"schema": SCHEMA_VERSION, "hours": nested(MAX_DEPTH)}
    assert refused(from_json_dict, BusinessHours, deeper) == (
        ("hours" + bracket_path(MAX_DEPTH - 1), depth_problem(deeper)[1]),  # type: ignore[index]
    )
    # the document, its list of cases and a case are three levels
    batch = {"schema": SCHEMA_VERSION, "cases": [{"request": nested(MAX_DEPTH - 3)}]}
    assert "nested" not in str(refused(load_cases, batch))
    batch = {"schema": SCHEMA_VERSION, "cases": [{}, {"request": nested(MAX_DEPTH - 2)}]}
    problems = refused(load_cases, batch)
    assert problems[-1][0] == "cases[1].request" + bracket_path(MAX_DEPTH - 3)
    assert f"this one is level {MAX_DEPTH + 1}" in problems[-1][1]


def test_a_deep_dict_is_refused_at_once_and_unchanged() -> None:
    deep = {"schema": SCHEMA_VERSION, "cases": [{"request": nested(50_000)}]}
    started = time.perf_counter()
    problems = refused(load_cases, deep)
    assert time.perf_counter() - started < 5
    assert "nested too deeply" in problems[0][1]
    assert len(deep["cases"][0]["request"]) == 1  # type: ignore[index]


# -- composed calendars ------------------------------------------------------------------------


def composed(depth: int) -> object:
    calendar: object = "dk"
    for _ in range(depth):
        calendar = {
            "type": "ComposedCalendar",
            "operation": "union",
            "left": calendar,
            "right": "de",
        }
    return calendar


def test_calendars_compose_to_the_limit_in_a_policy_and_one_more_is_refused_with_its_path() -> None:
    assert MAX_COMPOSITION_DEPTH == 64
    document = to_json_dict(EXPANDIT_POLICY)
    read = from_json_dict(Policy, {**document, "calendar": composed(MAX_COMPOSITION_DEPTH)})
    assert to_json_dict(read)["calendar"] == composed(MAX_COMPOSITION_DEPTH)
    ((path, message),) = refused(from_json_dict, Policy, {**document, "calendar": composed(65)})
    assert path == "calendar"
    assert "a composed calendar may nest at most 64 compositions, got 65" in message


def test_a_calendar_composed_thousands_deep_is_refused_without_recursing() -> None:
    ((path, message),) = refused(
        from_json_dict,
        Calendar,
        {"schema": SCHEMA_VERSION, **composed(3000)},  # type: ignore[dict-item]
    )
    assert path == ".".join(["left"] * MAX_DEPTH)
    assert "nested too deeply" in message


# -- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1e308", 1e308),
        ("-1e308", -1e308),
        ("1.7976931348623157e308", 1.7976931348623157e308),
        ("1e-308", 1e-308),
        ("12.5e-309", 1.25e-308),
        ("0e-999", 0.0),
        ("9" * (MAX_EXPONENT + 1), int("9" * (MAX_EXPONENT + 1))),
        ("-" + "9" * (MAX_EXPONENT + 1), -int("9" * (MAX_EXPONENT + 1))),
    ],
)
def test_a_number_at_the_limits_is_read(text: str, value: float | int) -> None:
    assert parse_json('{"a": [' + text + "]}") == {"a": [value]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e309", "must be a number between 1e-308 and 1e308 in size (or 0), got '1e309' (about 1e309)"),
        ("1e-309", "must be a number between 1e-308 and 1e308 in size (or 0), got '1e-309' (about 1e-309)"),
        ("0.1e-308", "must be a number between 1e-308 and 1e308 in size (or 0), got '0.1e-308' (about 1e-309)"),
        ("1e-999999999", "must be a number between 1e-308 and 1e308 in size (or 0), got '1e-999999999' (about 1e-999999999)"),
        ("1.8e308", "must be a number that a float holds (at most about 1.8e308), got '1.8e308'"),
        ("1" + "0" * (MAX_EXPONENT + 1), "must be a number below 1e309 in size, got a whole number of 310 digits"),
        ("9" * 5000, "must be a number below 1e309 in size, got a whole number of 5000 digits"),
        ("NaN", "must be a finite number, got NaN (not JSON)"),
        ("-Infinity", "must be a finite number, got -Infinity (not JSON)"),
    ],
)  # fmt: skip
def test_a_number_past_the_limits_is_refused_with_its_path(text: str, message: str) -> None:
    assert refused(parse_json, '{"a": [1, {"b": ' + text + "}]}") == (("a[1].b", message),)


@pytest.mark.parametrize(
    ("hours", "read"),
    [("1e308", None), ("1e-308", None), ("1e-31", None), ("-1e-31", None), ("1e-30", BusinessHours(Decimal("1e-30"))), ("3/2", BusinessHours(1.5))],
)  # fmt: skip
def test_a_decimal_string_at_the_limits_reaches_the_value_s_own_check(
    hours: str, read: BusinessHours | None
) -> None:
    document = {"schema": SCHEMA_VERSION, "hours": hours}
    if read is not None:
        assert from_json_dict(BusinessHours, document) == read
    else:  # BusinessHours' own bounds (87 million hours, 30 places) refuse it, not the reader
        ((path, message),) = refused(from_json_dict, BusinessHours, document)
        assert path == "hours" and message.startswith("BusinessHours.hours must")


@pytest.mark.parametrize("hours", ["1e309", "1e-309", "-1e-999999999", "1e+999999999"])
def test_a_decimal_string_past_the_limits_is_refused_at_once(hours: str) -> None:
    started = time.perf_counter()
    ((path, message),) = refused(from_json_dict, BusinessHours, {"schema": SCHEMA_VERSION, "hours": hours})  # fmt: skip
    assert time.perf_counter() - started < 1
    assert path == "hours"
    assert message.startswith("must be a number between 1e-308 and 1e308 in size (or 0)")


def test_a_key_given_twice_is_refused_with_the_path_of_its_object() -> None:
    problems = refused(parse_json, '{"cases": [{"id": 1}, {"id": 1, "id": 2}]}')
    assert problems == (
        (
            "cases[1]",
            "gives the key 'id' twice; give each key once (JSON readers differ on which value they keep)",
        ),
    )


# -- money -------------------------------------------------------------------------------------


def money(amount: object) -> dict[str, object]:
    return {"schema": SCHEMA_VERSION, "amount": amount, "currency": "EUR"}


def test_an_amount_to_the_limits_is_read_and_past_them_refused_with_its_path() -> None:
    largest = "9" * 30 + ".9999"
    assert from_json_dict(Money, money(largest)) == Money(Decimal(largest), "EUR")
    assert from_json_dict(Money, money("-" + largest)).amount == Decimal("-" + largest)
    for amount, says in [
        ("1" + "0" * 30, "at most 30 digits before the decimal point"),
        ("1e30", "at most 30 digits before the decimal point"),
        ("0.00001", "at most 4 digits after the decimal point"),
        (1e29, "written as a string"),
        (10**30, "written as a string"),
    ]:
        ((path, message),) = refused(from_json_dict, Money, money(amount))
        assert path == "amount" and says in message, (amount, message)


def test_the_sum_of_the_largest_amounts_is_exact() -> None:
    largest = Money(Decimal("9" * 29 + ".9999"), "EUR")
    assert (largest + largest).amount == Decimal("1" + "9" * 29 + ".9998")
    assert (largest - Money(Decimal("0.0001"), "EUR")).amount == Decimal("9" * 29 + ".9998")


def test_a_batch_within_the_limits_reads_back_through_text() -> None:
    batch = dump_cases([])
    assert load_cases(parse_json(json.dumps(batch))) == ()


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("cases", "deep object", "got {'a': {'a': {'a': {'a': {...}}}}} (object)"),
        ("schema", "huge number in a list", "got [<a number of more than 4300 digits>] (array)"),
        ("cases", "huge number in an object", "got {'n': <a number of more than 4300 digits>} (object)"),
    ],
)  # fmt: skip
def test_a_value_too_deep_or_too_long_for_repr_is_quoted_in_part(
    field: str, value: str, shown: str
) -> None:
    bad: object
    if value == "deep object":
        bad = {}
        for _ in range(100_000):
            bad = {"a": bad}
    elif value == "huge number in a list":
        bad = [10**5000]
    else:
        bad = {"n": 10**5000}
    document: dict[str, object] = {"schema": SCHEMA_VERSION, "cases": [], field: bad}
    ((path, message),) = refused(load_cases, document)
    assert path == field and shown in message


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-09T12.5+01:00",  # ISO 8601's 12:30, which fromisoformat reads as 12:00:00.5
        "2026-03-09T12:30.5+01:00",  # 12:30:30 in ISO 8601, 12:30:00.5 to fromisoformat
        "2026-03-09T12+01:00",
        "20260309T120000+0100",
        "2026-03-09T\u0661\u0662:00:00+01:00",  # Arabic-Indic digits
    ],
)
def test_an_instant_is_read_only_in_the_documented_shape(text: str) -> None:
    document = {"schema": SCHEMA_VERSION, "type": "Closed", "at": text, "reason": None}
    with pytest.raises(InvalidDocumentError) as error:
        from_json_dict(Closed, document)
    assert error.value.problems[0][0] == "at"
    assert "no fractions of an hour or a minute" in error.value.problems[0][1]


def test_a_batch_of_broken_cases_is_refused_after_its_first_thousand_problems() -> None:
    document = {"schema": SCHEMA_VERSION, "cases": [{} for _ in range(100_000)]}
    with pytest.raises(InvalidDocumentError) as error:
        load_cases(document)
    problems = error.value.problems
    assert len(problems) == 1001
    assert problems[0][0] == "cases[0].request"
    assert problems[-1] == (
        "cases",
        "reading stopped after 1000 problems in the first 500 of 100000 cases; mend these and "
        "read it again",
    )
    few = {"schema": SCHEMA_VERSION, "cases": [{} for _ in range(500)]}
    with pytest.raises(InvalidDocumentError) as error:
        load_cases(few)  # at the limit: every problem, and no note of a stop
    assert len(error.value.problems) == 1000


def test_progress_must_be_a_function() -> None:
    with pytest.raises(WrongTypeError, match="progress must be a function"):
        load_cases({"schema": SCHEMA_VERSION, "cases": []}, progress=5)  # type: ignore[call-overload]
