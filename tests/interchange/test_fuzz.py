"""Fuzzing the reader: valid documents of every value type, mutated (tests/interchange/mutations.py),
either load as a value that round-trips (written and read again, it gives the same document) or
are refused with an InvalidDocumentError that lists problems with paths; never another error, a
hang, or a changed input. As dicts, and as JSON text read within the interchange's limits."""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from expandit_policy import (
    Case,
    InvalidDocumentError,
    dump_cases,
    from_json_dict,
    load_cases,
    to_json_dict,
)
from expandit_policy._interchange._converter import unions, value_types
from expandit_policy._interchange._text import parse_json
from tests.budget import share
from tests.interchange.mutations import as_text, frozen, mutations, realise

#: The most one load may take, loosely: far above the slowest seen, far below a hang.
LOAD_SECONDS = 5.0

KINDS: list[Any] = [*value_types(), *unions().values()]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Any, dict[str, Any]]:
    """A kind, and a mutated document of a value of that kind."""
    kind = draw(st.sampled_from(KINDS))
    value = draw(st.from_type(kind))
    return kind, draw(mutations(to_json_dict(value)))


def assert_refused_well(error: InvalidDocumentError) -> None:
    assert error.problems
    for path, message in error.problems:
        assert isinstance(path, str) and isinstance(message, str) and message
        # the library's own words: no attrs repr, no private module path
        assert "Attribute(" not in message and "expandit_policy._" not in message, message


def assert_round_trips(kind: Any, value: object) -> None:
    written = to_json_dict(value)
    again = from_json_dict(kind, written)
    assert type(again) is type(value)
    assert to_json_dict(again) == written


def load(kind: Any, document: Any) -> str:
    """Load ``document`` as ``kind``; check what comes out; say which way it went."""
    started = time.perf_counter()
    try:
        value = from_json_dict(kind, document)
    except InvalidDocumentError as error:
        elapsed = time.perf_counter() - started
        assert elapsed < LOAD_SECONDS, f"refusing took {elapsed:.1f} s"
        assert_refused_well(error)
        return "refused"
    elapsed = time.perf_counter() - started
    assert elapsed < LOAD_SECONDS, f"loading took {elapsed:.1f} s"
    assert_round_trips(kind, value)
    return "loaded"


@settings(
    max_examples=share(2.0, at_least=100),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
@given(mutated())
def test_a_mutated_document_loads_and_round_trips_or_is_refused_with_paths(
    case: tuple[Any, dict[str, Any]],
) -> None:
    kind, document = case
    data = realise(document)
    before = frozen(data)
    event(f"as a dict: {load(kind, data)}")
    assert frozen(data) == before, "the input was changed"


@settings(
    max_examples=share(2.0, at_least=100),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
@given(mutated(), st.booleans())
def test_a_mutated_json_text_loads_and_round_trips_or_is_refused_with_paths(
    case: tuple[Any, dict[str, Any]], ascii_only: bool
) -> None:
    kind, document = case
    text = as_text(document, ensure_ascii=ascii_only)
    started = time.perf_counter()
    refusal: InvalidDocumentError | None = None
    try:
        data = parse_json(text)
    except InvalidDocumentError as error:
        refusal = error
    if refusal is not None:
        assert time.perf_counter() - started < LOAD_SECONDS
        assert_refused_well(refusal)
        assert len(refusal.problems) == 1  # the reader stops at the first problem of the text
        event("as text: refused by the reader")
        return
    event(f"as text: {load(kind, data)}")


@settings(
    max_examples=share(1.0, at_least=50),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
@given(st.data())
def test_a_mutated_batch_loads_and_round_trips_or_is_refused_with_paths(
    data: st.DataObject,
) -> None:
    cases = data.draw(st.lists(st.from_type(Case), min_size=1, max_size=3))
    document = realise(data.draw(mutations(dump_cases(cases))))
    before = frozen(document)
    started = time.perf_counter()
    try:
        read = load_cases(document)
    except InvalidDocumentError as error:
        assert_refused_well(error)
        event("batch: refused")
    else:
        written = dump_cases(read)
        assert dump_cases(load_cases(written)) == written
        event("batch: loaded")
    assert time.perf_counter() - started < LOAD_SECONDS * 3
    assert frozen(document) == before, "the input was changed"
