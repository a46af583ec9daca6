"""Benchmark the tables (to_records, to_pandas, to_arrow), the mergeable report and agenda_of
against what a user would write without them, in one process, on the cases of bench_assess.

Peers, side by side with ours:

- a table of every clause result: ``to_records``, ``to_pandas`` and ``to_arrow`` against the
  glue a notebook writes by hand (a dict per result, then ``pandas.DataFrame`` and
  ``pandas.to_datetime(utc=True)`` on the instant columns, durations as timedeltas);
- the report: ``Report.of`` against the same counts with pandas on a ready frame
  (``groupby(...).value_counts()``), and the report of ten batches merged against the report of
  the whole;
- the agenda: ``agenda_of`` on assessments already made against ``agenda``, which assesses again.

Times are CPU time of this process (``time.process_time``), the median of ``--rounds`` runs.
Run: ``python benchmarks/bench_tables.py [--quick]``.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from expandit_policy import (
    Assessment,
    Report,
    agenda,
    agenda_of,
    assess,
    to_arrow,
    to_pandas,
    to_records,
)


def _bench_assess() -> Any:
    """The case generator of bench_assess.py, beside this file."""
    path = Path(__file__).with_name("bench_assess.py")
    spec = importlib.util.spec_from_file_location("bench_assess", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_assess", module)
    spec.loader.exec_module(module)
    return module


CASES = _bench_assess()


def _seconds(work: Callable[[], object]) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        work()
        return time.process_time() - start
    finally:
        gc.enable()


def median_seconds(work: Callable[[], object], rounds: int) -> float:
    """The median CPU time of ``work`` over ``rounds`` runs."""
    return statistics.median(_seconds(work) for _ in range(rounds))


def glue_frame(assessments: list[Assessment]) -> pd.DataFrame:
    """What a notebook writes by hand: a dict per result, then a frame, then typed columns."""
    rows = []
    for a in assessments:
        request = a.case.request
        for r in a.results:
            rows.append(
                {
                    "case_id": request.id,
                    "clause": r.clause,
                    "instance": r.instance,
                    "state": r.state.value,
                    "channel": request.channel.value,
                    "party": request.party.name,
                    "received_at": request.received_at,
                    "started_at": r.started_at,
                    "due_at": r.due_at,
                    "met_at": r.met_at,
                    "used": r.used,
                    "left": r.left,
                    "warning": r.warning.value,
                    "next_change_at": r.next_change_at,
                }
            )
    frame = pd.DataFrame(rows)
    for name in ("received_at", "started_at", "due_at", "met_at", "next_change_at"):
        frame[name] = pd.to_datetime(frame[name], utc=True)
    for name in ("used", "left"):
        frame[name] = pd.to_timedelta(frame[name])
    return frame


def pandas_counts(frame: pd.DataFrame) -> pd.Series:
    """The report's counts with pandas, on a frame already made."""
    return frame.groupby(["clause", "channel", "party_kind"], observed=True)["state"].value_counts()


def merged_report(assessments: list[Assessment], parts: int) -> Report:
    """The report of ``parts`` batches, each reported alone, merged."""
    size = -(-len(assessments) // parts)
    reports = [Report.of(assessments[k : k + size]) for k in range(0, len(assessments), size)]
    return functools.reduce(Report.merge, reports, Report())


def assessed(count: int) -> list[Assessment]:
    """``count`` generated cases assessed as of the benchmark's instant."""
    return [assess(CASES.POLICY, c, CASES.AS_OF) for c in CASES.generate(count)]


def _line(name: str, seconds: float, base: float | None, count: int) -> str:
    ratio = "" if base is None else f"{seconds / base:8.2f}x"
    return f"  {name:<40}{seconds * 1e3:10.1f} ms{seconds / count * 1e6:9.2f} µs/row{ratio}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="a small batch, for a smoke test")
    parser.add_argument("--rounds", type=int, default=None, help="runs per figure (median)")
    args = parser.parse_args(argv)
    count = 300 if args.quick else 10_000
    rounds = args.rounds or (1 if args.quick else 5)

    cases = CASES.generate(count, seed=count)
    assessments = [assess(CASES.POLICY, c, CASES.AS_OF) for c in cases]
    results = sum(len(a.results) for a in assessments)
    print(
        f"tables of {count:,} cases as of {CASES.AS_OF} ({results:,} clause results), "
        f"median CPU time of {rounds} round{'s' if rounds > 1 else ''}; ratio to the first line"
    )

    print("\na table of every clause result:")
    glue = median_seconds(lambda: glue_frame(assessments), rounds)
    print(_line("hand-written glue -> pandas (peer)", glue, None, results))
    for name, work in (
        ("to_records", lambda: to_records(assessments)),
        ("to_pandas", lambda: to_pandas(assessments)),
        ("to_pandas, tz='Europe/Copenhagen'", lambda: to_pandas(assessments, tz=CASES.ZONE)),
        ("to_arrow", lambda: to_arrow(assessments)),
    ):
        print(_line(name, median_seconds(work, rounds), glue, results))

    print("\nthe report (AIM-1, AIM-2):")
    frame = to_pandas(assessments)
    peer = median_seconds(lambda: pandas_counts(frame), rounds)
    print(_line("pandas groupby counts on a frame (peer)", peer, None, results))
    whole = median_seconds(lambda: Report.of(assessments), rounds)
    print(_line("Report.of", whole, peer, results))
    merged = median_seconds(lambda: merged_report(assessments, 10), rounds)
    print(_line("Report.of of 10 batches, merged", merged, peer, results))
    assert merged_report(assessments, 10) == Report.of(assessments)
    parts = [Report.of(assessments[k::10]) for k in range(10)]
    merging = median_seconds(lambda: functools.reduce(Report.merge, parts, Report()), rounds)
    print(_line("merging the 10 partial reports alone", merging, peer, results))

    print("\nthe agenda:")
    again = median_seconds(lambda: agenda(CASES.POLICY, cases, CASES.AS_OF), rounds)
    print(_line("agenda (assesses again; peer)", again, None, count))
    made = median_seconds(lambda: agenda_of(assessments), rounds)
    print(_line("agenda_of (assessments already made)", made, again, count))
    assert agenda_of(assessments) == agenda(CASES.POLICY, cases, CASES.AS_OF)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
