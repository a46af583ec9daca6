"""benchmarks/bench_tables.py runs (quick mode) and checks its answers against its peers."""

from __future__ import annotations

import importlib.util
import pathlib
import sys
from typing import Any

import pytest

BENCHMARK = pathlib.Path(__file__).resolve().parents[2] / "benchmarks" / "bench_tables.py"


def _load() -> Any:
    spec = importlib.util.spec_from_file_location("bench_tables", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_tables_benchmark_runs_and_agrees_with_its_peers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bench = _load()
    assert bench.main(["--quick"]) == 0  # it asserts the merged report and agenda_of agree
    out = capsys.readouterr().out
    for line in ("hand-written glue", "to_pandas", "to_arrow", "Report.of of 10 batches", "agenda_of"):  # fmt: skip
        assert line in out
    # The peer tables what to_pandas tables: the same rows, the same instants and spans.
    batch = bench.assessed(40)
    glue, ours = bench.glue_frame(batch), bench.to_pandas(batch)
    assert len(glue) == len(ours) > 40
    for name in ("due_at", "next_change_at", "used", "left"):
        assert glue[name].equals(ours[name].astype(glue[name].dtype)), name
