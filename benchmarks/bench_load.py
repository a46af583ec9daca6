"""Benchmark load_cases() per case against one business-hours add on the same calendar.

The cases are bench_assess.py's mix (every channel and kind of request, every kind of party,
logs of 0 to 8 events with follow-up messages, half of them closed), written with dump_cases
and passed through JSON text once, so that the document holds what a file would: plain dicts,
lists, strings and numbers.

Both sides are measured in this process, one after the other, in CPU time
(``time.process_time``), so that the ratio holds on a busy or a slow machine:

* ``load_cases`` of the whole batch, per case (the median of several rounds), and the same from
  JSON text (``json.loads`` plus ``load_cases``, and the interchange's own bounded reader);
* ``presets.denmark().add(t, BusinessHours(2))`` on one calendar, warmed up, at instants
  spread over the month of the cases, per call (the median of several rounds).

The ratio of the first to the second is the figure to watch: loading a case should cost at
most 10 business-hours adds. A case of a current document that holds nothing unusual is read by
a fast path; the same cases written as an ``expandit_policy/1`` document show what the general
path costs (it reads every older document, and every case the fast path leaves to it).

Run: ``python benchmarks/bench_load.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import bench_assess

from expandit_policy import BusinessHours, dump_cases, load_cases, presets
from expandit_policy._interchange._converter import value_types
from expandit_policy._interchange._text import parse_json
from expandit_policy._interchange._versions import added_fields


def _median_seconds(work: Callable[[], object], rounds: int) -> float:
    """The median CPU time of ``rounds`` runs of ``work``."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def add_us(rounds: int, count: int) -> float:
    """The median CPU µs of one ``add(t, BusinessHours(2))`` on the Danish calendar."""
    calendar = presets.denmark()
    two = BusinessHours(2)
    starts = [bench_assess.MONTH_START.add(minutes=17 * k) for k in range(count)]
    for t in starts:  # compile the years and fill the caches first, as loading runs warm too
        calendar.add(t, two)

    def adds() -> None:
        for t in starts:
            calendar.add(t, two)

    return _median_seconds(adds, rounds) / count * 1e6


def load_us(document: dict[str, Any], rounds: int) -> float:
    """The median CPU µs of ``load_cases`` per case of ``document``."""
    count = len(document["cases"])
    load_cases(document)  # warm: the converter builds its hooks on first use
    return _median_seconds(lambda: load_cases(document), rounds) / count * 1e6


def as_version_1(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` (a copy) as an ``expandit_policy/1`` document: without the fields added
    since, which such a document must leave out."""
    kinds = {kind.__name__: kind for kind in value_types()}
    out: dict[str, Any] = json.loads(json.dumps(document))
    out["schema"] = "expandit_policy/1"
    stack: list[Any] = [out]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            kind = kinds.get(node.get("type"))  # type: ignore[arg-type]
            for name in added_fields(kind, 1) if kind is not None else ():
                del node[name]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="a small batch, for a smoke test")
    args = parser.parse_args(argv)
    count, rounds = (200, 3) if args.quick else (2_000, 7)

    cases = bench_assess.generate(count, seed=count)
    text = json.dumps(dump_cases(cases))
    document = json.loads(text)
    events = sum(len(c.events) for c in cases)
    assert load_cases(document) == tuple(cases)

    add = add_us(rounds, 2_000 if not args.quick else 200)
    load = load_us(document, rounds)
    from_text = _median_seconds(lambda: load_cases(json.loads(text)), rounds) / count * 1e6
    bounded = _median_seconds(lambda: load_cases(parse_json(text)), rounds) / count * 1e6
    older = as_version_1(document)
    general = load_us(older, rounds)

    print(
        f"load_cases over {count:,} cases of bench_assess.py's mix ({events / count:.1f} "
        f"events per case, {len(text) / count:,.0f} bytes of JSON per case)"
    )
    print(f"median CPU µs, {rounds} rounds:")
    print(f"  {'add(t, BusinessHours(2)) on presets.denmark()':<52} {add:8.1f}    1.0x")
    print(f"  {'load_cases, per case (from dicts)':<52} {load:8.1f} {load / add:6.1f}x")
    print(f"  {'json.loads + load_cases, per case':<52} {from_text:8.1f} {from_text / add:6.1f}x")
    print(f"  {'bounded reader (parse_json) + load_cases, per case':<52} {bounded:8.1f} {bounded / add:6.1f}x")  # fmt: skip
    print(f"  {'load_cases, per case, older schema (general path)':<52} {general:8.1f} {general / add:6.1f}x")  # fmt: skip
    print(f"\nratio load_cases per case / add: {load / add:.1f} (goal: at most 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
