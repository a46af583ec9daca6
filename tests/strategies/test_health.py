"""Every public strategy passes Hypothesis' health checks under the ``ci`` profile, and filters
away (almost) nothing it draws: the values are built valid, not generated and then rejected."""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.statistics import collector

from expandit_policy import strategies

STRATEGY_FUNCTIONS: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    name: getattr(strategies, name) for name in strategies.__all__ if name.islower()
}
# Assessing builds fresh calendars, the slowest thing the library does.
SLOW = {
    "assessments",
    "clause_results",
    "agenda_items",
    "report_rows",
    "reports",
    "policy_histories",
}
#: The largest share of drawn examples a strategy may reject as invalid (a filter, an assume).
MAX_FILTERED = 0.02
SOURCES = [
    pathlib.Path(strategies.__file__),
    *sorted((pathlib.Path(strategies.__file__).parent / "_strategies").glob("*.py")),
]


def _filtered_share(make: Callable[[], st.SearchStrategy[Any]], examples: int) -> float:
    """The share of the examples run in which the strategy filtered something away: a draw
    retried to satisfy a filter, or an example rejected as invalid. (Hypothesis also counts
    "overruns", mutated choice sequences of its own that run out; they are not the strategy's
    doing and are left out.)"""
    runs: list[dict[str, Any]] = []

    @settings(settings.get_profile("ci"), max_examples=examples, database=None)
    @given(make())
    def draw(value: object) -> None:
        assert value is not None

    with collector.with_value(runs.append):  # type: ignore[arg-type]
        draw()  # raises FailedHealthCheck if a health check fails
    cases = [
        case
        for stats in runs
        for phase in ("reuse-phase", "generate-phase")
        for case in stats.get(phase, {}).get("test-cases", [])
    ]
    assert cases, "the statistics list the examples run"
    filtered = sum(
        case["status"] == "invalid"
        or any(event.startswith("Retried draw") for event in case["events"])
        for case in cases
    )
    return float(filtered / len(cases))


@pytest.mark.parametrize("name", sorted(STRATEGY_FUNCTIONS))
def test_strategy_passes_health_checks_and_filters_almost_nothing(name: str) -> None:
    share = _filtered_share(STRATEGY_FUNCTIONS[name], 10 if name in SLOW else 60)
    assert share <= MAX_FILTERED, f"{name} rejected {share:.1%} of its examples"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_strategies_build_values_instead_of_filtering_them(path: pathlib.Path) -> None:
    code = path.read_text(encoding="utf-8")
    assert not re.search(r"\.filter\(|\bassume\(|\breject\(", code), path.name


def test_the_measure_sees_a_filtering_strategy() -> None:
    """The share above is not vacuous: a strategy that filters away half of what it draws is
    caught (an odd/even test, which Hypothesis cannot turn into bounds)."""
    assert _filtered_share(lambda: st.integers(0, 999).filter(lambda n: n % 2 == 0), 60) > 0.2
