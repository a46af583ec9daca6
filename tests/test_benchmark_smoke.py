"""The benchmark script runs (quick mode) and checks its answers against the peers it finds."""

from __future__ import annotations

import importlib.util
import pathlib
import sys
from typing import Any

import pytest

BENCHMARKS = pathlib.Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_benchmark_quick_mode_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert _load("bench_calendar").main(["--quick"]) == 0
    assert "add 2 business hours" in capsys.readouterr().out


def test_assess_benchmark_quick_mode_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert _load("bench_assess").main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "assess over growing batches" in out
    assert "report over 1,000 assessments" in out


def test_assess_benchmark_cases_are_valid_and_cover_every_clause_with_a_clock() -> None:
    bench = _load("bench_assess")
    cases = bench.generate(300)
    assert len({c.request.id for c in cases}) == 300
    seen = {
        r.clause
        for c in cases
        for r in bench.assess(bench.POLICY, c, bench.AS_OF).results
        if r.kind.value == "deadline"
    }
    assert seen >= {"MAIL-1", "MAIL-2", "MAIL-3", "MAIL-4", "TEL-3", "CPL-1", "CPL-2", "COM-9"}


def test_engine_scale_benchmark_quick_mode_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert _load("bench_engine_scale").main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "PASS  concurrency: 0 wrong" in out
    assert "PASS  memory" in out
    assert "composition chain of 60" in out


def test_assess_benchmark_primitives_count_what_assess_makes() -> None:
    """The split of ``assess``'s cost records every result the assessments make (as many as
    they hold) and their calendar steps, and leaves ``assess`` unpatched after it."""
    bench = _load("bench_assess")
    floor, counts = bench.primitives(1, 60)
    cases = bench.generate(60, seed=7)
    held = [bench.assess(bench.POLICY, c, bench.AS_OF) for c in cases]
    assert counts["results"] == sum(len(a.results) for a in held) / 60
    assert counts["instants"] == sum(2 + len(c.events) for c in cases) / 60  # as_of too
    # every period of COM-9 adds the cadence once, and so does the first: at least one step
    # per COM-9 result
    com9 = sum(1 for a in held for r in a.results if r.clause == "COM-9")
    assert counts["calendar steps"] * 60 >= com9 > 0
    assert floor > 0
    from expandit_policy._calendars import _micro
    from expandit_policy._evaluation import _assess

    assert vars(_assess)["stepper"] is _micro.stepper  # the recording stand-ins are gone
