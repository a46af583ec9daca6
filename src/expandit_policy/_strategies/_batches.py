"""Strategies for what a lenient load gives: refused cases and loaded batches."""

from __future__ import annotations

from hypothesis import strategies as st

from .._domain._case import Case
from .._interchange._refused import LoadedCases, RefusedCase
from ._base import check_strategy
from ._domain import cases as cases_

__all__ = ["loaded_cases", "refused_cases"]

#: Paths as the loaders write them: from a cases document's top, or within one line's document.
_PATHS = st.sampled_from(
    ["", "request.id", "request.received_at", "events", "cases[0].request.channel",
     "cases[3].events[7].at", "schema"]
)  # fmt: skip
_MESSAGES = st.sampled_from(
    ["missing: this field is required", "must be a list, got 'none' (string)",
     "is not valid JSON: Expecting value at column 1"]
) | st.text(min_size=1, max_size=40)  # fmt: skip


def refused_cases() -> st.SearchStrategy[RefusedCase]:
    """Refused cases: a position, an id or None, and one to four ``(path, message)`` problems;
    shrinking towards position 0, no id and one problem.

    >>> from hypothesis import given, settings
    >>> from expandit_policy.strategies import refused_cases
    >>> @settings(max_examples=10)
    ... @given(refused_cases())
    ... def test_a_refused_case_has_a_problem(refused):
    ...     assert refused.problems and refused.position >= 0
    >>> test_a_refused_case_has_a_problem()
    """
    return st.builds(
        RefusedCase,
        position=st.integers(0, 100_000),
        case_id=st.none() | st.from_regex(r"[A-Z]{1,3}-[0-9]{1,6}", fullmatch=True),
        problems=st.lists(st.tuples(_PATHS, _MESSAGES), min_size=1, max_size=4),
    )


def loaded_cases(*, cases: st.SearchStrategy[Case] | None = None) -> st.SearchStrategy[LoadedCases]:
    """What a lenient load gives: up to three ``cases`` (valid cases by default) and up to three
    refused cases.

    >>> from hypothesis import given, settings
    >>> from expandit_policy.strategies import loaded_cases
    >>> @settings(max_examples=5)
    ... @given(loaded_cases())
    ... def test_a_loaded_batch_holds_cases_and_refusals(loaded):
    ...     assert len(loaded.cases) <= 3 and len(loaded.refused) <= 3
    >>> test_a_loaded_batch_holds_cases_and_refusals()
    """
    source = cases_() if cases is None else cases
    check_strategy(source, "cases")
    return st.builds(
        LoadedCases,
        st.lists(source, max_size=3),
        st.lists(refused_cases(), max_size=3),
    )
