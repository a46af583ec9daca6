"""The scale-out recipes of docs/scale-out.md, run as documented: the Dask recipe on Dask's
local schedulers over several partitions, and the functions of the Spark recipe over the
frames and rows Spark would hand them. Each gives exactly what one process gives."""

from __future__ import annotations

import datetime as dt
import functools
import json
import pickle
import re
from pathlib import Path
from typing import Any

import dask
import dask.bag as db
import pandas as pd
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    Case,
    Report,
    assess,
    load_cases,
    strategies,
    to_json_dict,
    to_pandas,
    to_records,
)
from expandit_policy._evaluation._records import columns
from tests.budget import share

DOCS = Path(__file__).parents[2] / "docs" / "scale-out.md"
EXAMPLE = Path(__file__).parents[2] / "examples" / "data" / "cases.json"
DASK_RECIPE, SPARK_RECIPE = re.findall(r"```python\n(.*?)```", DOCS.read_text(), flags=re.S)


def _bag(documents: list[dict[str, Any]], *, npartitions: int) -> Any:
    return db.from_sequence(documents, npartitions=npartitions)  # type: ignore[no-untyped-call]


def _recipe(source: str) -> dict[str, Any]:
    """The names a recipe defines, its code run as the page shows it."""
    namespace: dict[str, Any] = {"__name__": "recipe"}
    exec(compile(source, str(DOCS), "exec"), namespace)
    return namespace


DASK = _recipe(DASK_RECIPE)
SPARK = _recipe(SPARK_RECIPE)

CASES = load_cases(json.loads(EXAMPLE.read_text()))
DOCUMENTS = [to_json_dict(case) for case in CASES]
AS_OF = pendulum.datetime(2026, 3, 20, 12, tz="Europe/Copenhagen")
ONE_PROCESS = [assess(EXPANDIT_POLICY, case, AS_OF) for case in CASES]


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
@pytest.mark.parametrize("partitions", [3, 4, len(DOCUMENTS)])
def test_AIM_1_the_dask_recipe_reports_exactly_what_one_process_reports(
    scheduler: str, partitions: int
) -> None:
    documents = _bag(DOCUMENTS, npartitions=partitions)
    assert documents.npartitions >= 3
    with dask.config.set(scheduler=scheduler):
        merged = DASK["report_of"](documents, AS_OF).compute()
    assert merged == Report.of(ONE_PROCESS)
    assert any(row.met for row in merged.rows)  # the example's cases are not all open


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_AIM_1_the_dask_recipe_tables_exactly_what_one_process_tables(scheduler: str) -> None:
    documents = _bag(DOCUMENTS, npartitions=3)
    with dask.config.set(scheduler=scheduler):
        frame = DASK["frame_of"](documents, AS_OF, tz="Europe/Copenhagen").compute()
    expected = to_pandas(ONE_PROCESS, tz="Europe/Copenhagen")
    pd.testing.assert_frame_equal(frame.reset_index(drop=True), expected)


def test_AIM_1_what_crosses_between_dask_workers_pickles() -> None:
    report = Report.of(ONE_PROCESS)
    assert pickle.loads(pickle.dumps(report)) == report
    assert pickle.loads(pickle.dumps(ONE_PROCESS)) == ONE_PROCESS


def test_AIM_1_the_spark_recipe_s_functions_give_what_one_process_gives() -> None:
    assert SPARK["COLUMNS"] == [c.name for c in columns(type(ONE_PROCESS[0]))]
    texts = [json.dumps(d) for d in DOCUMENTS]
    batches = [pd.DataFrame({"document": texts[k::3]}) for k in range(3)]
    frames = list(SPARK["assessed_frames"](iter(batches), as_of=AS_OF))
    in_order = [a for k in range(3) for a in ONE_PROCESS[k::3]]
    got = pd.concat(frames, ignore_index=True).to_dict("records")
    assert [{k: _plain(v) for k, v in row.items()} for row in got] == to_records(in_order)
    parts = [
        next(SPARK["partition_report"]([{"document": t} for t in texts[k::3]], as_of=AS_OF))
        for k in range(3)
    ]
    merged = functools.reduce(Report.merge, parts, Report())
    assert merged == Report.of(in_order)
    assert [attrs_free(r) for r in merged.rows] == [attrs_free(r) for r in Report.of(ONE_PROCESS).rows]  # fmt: skip


def _plain(value: Any) -> Any:
    """A frame's cell as the record had it: NaN and NaT as None, a Timestamp as a datetime."""
    if not isinstance(value, str) and pd.isna(value):
        return None
    return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value


def attrs_free(row: Any) -> tuple[Any, ...]:
    """A row's figures with its case ids as a set: the order Spark's fold merges in may vary."""
    return (row.clause, row.channel, row.party_kind, row.met, row.met_late, row.breached, row.open, row.cancelled, row.times_to_meet, frozenset(row.cases))  # fmt: skip


_RECEIVED = strategies.arrivals(
    timezones=st.sampled_from(["Europe/Copenhagen", "Europe/Berlin", "UTC"]),
    min_value=pendulum.datetime(2026, 1, 1, tz="UTC"),
    max_value=pendulum.datetime(2027, 1, 1, tz="UTC"),
)
_LIFECYCLES = strategies.case_lifecycles(requests=strategies.requests(received=_RECEIVED))


@settings(max_examples=share(0.2))
@given(
    st.lists(_LIFECYCLES, min_size=1, max_size=8),
    st.integers(3, 5),
    st.integers(0, 60 * 24),
)
def test_the_dask_recipe_over_any_cases_and_partitions_reports_what_one_process_reports(
    cases: list[Case], partitions: int, hours: int
) -> None:
    as_of = cases[0].request.received_at + dt.timedelta(hours=hours)
    documents = _bag([to_json_dict(c) for c in cases], npartitions=partitions)
    with dask.config.set(scheduler="sync"):
        merged = DASK["report_of"](documents, as_of).compute()
    assert merged == Report.of(assess(EXPANDIT_POLICY, c, as_of) for c in cases)
