"""Pickling: how large a calendar or a policy is in a pickle, and how long dumps + loads take.

A calendar ships its definition (zone, weekly hours, holiday rules, closures, openings), never
the years it compiled nor the years its holiday source cached, so a calendar used over decades
pickles as small as a fresh one. That is what lets the values travel to the workers of a batch
engine (Dask, Spark) cheaply.

Prints, for ``presets.denmark()``, ``presets.germany("BY") | presets.denmark()`` and
``EXPANDIT_POLICY``, fresh and after queries over 1990-2060: the pickle's size in bytes and the
median time of one ``pickle.loads(pickle.dumps(x))``. Beside them, in the same process, the
peers a pipeline would otherwise ship: workalendar's ``Denmark()`` (the holiday source, with the
years it cached) and pandas' ``CustomBusinessHour`` over the same holidays (when pandas is
installed). Sizes are exact; times are medians of interleaved rounds, reported, not asserted.

Run: ``python benchmarks/bench_pickle.py [--quick]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import pendulum

from expandit_policy import EXPANDIT_POLICY, BusinessHours, Policy, presets

YEARS = range(1990, 2061)


def use(calendar: Any) -> Any:
    """``calendar`` after a deadline in every year of ``YEARS`` and a span across them all."""
    zone = calendar.timezone
    for year in YEARS:
        calendar.add(pendulum.datetime(year, 3, 2, 9, tz=zone), BusinessHours(2))
    first, last = YEARS[0], YEARS[-1]
    calendar.between(
        pendulum.datetime(first, 1, 1, tz=zone), pendulum.datetime(last, 12, 1, tz=zone)
    )
    return calendar


def used_policy() -> Policy:
    """ExpandIT's policy after its calendar answered queries over ``YEARS``."""
    use(EXPANDIT_POLICY.calendar)
    return EXPANDIT_POLICY


def workalendar_denmark(used: bool) -> Any:
    from workalendar.europe import Denmark

    source = Denmark()
    if used:
        for year in YEARS:
            source.holidays(year)
    return source


def pandas_hours() -> Any:
    try:
        import pandas as pd
    except ImportError:
        return None
    dk = presets.denmark()
    days = (dt.date(YEARS[0], 1, 1) + dt.timedelta(days=k) for k in range(len(YEARS) * 366))
    holidays = [d for d in days if d.year in YEARS and d.weekday() < 5 and not dk.is_working_day(d)]
    return pd.offsets.CustomBusinessHour(start="08:00", end="16:00", holidays=holidays)


def round_trip_us(value: object, per_round_ns: int) -> float:
    """The mean time of one dumps + loads over a round of ``per_round_ns``, in microseconds."""
    count, start = 0, time.perf_counter_ns()
    while True:
        pickle.loads(pickle.dumps(value))
        count += 1
        elapsed = time.perf_counter_ns() - start
        if elapsed >= per_round_ns:
            return elapsed / count / 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer and shorter rounds")
    args = parser.parse_args(argv)
    rounds, per_round_ns = (3, 2_000_000) if args.quick else (7, 50_000_000)

    subjects: list[tuple[str, Callable[[], object]]] = [
        ("presets.denmark(), fresh", presets.denmark),
        ("presets.denmark(), used 1990-2060", lambda: use(presets.denmark())),
        ("germany('BY') | denmark(), fresh", lambda: presets.germany("BY") | presets.denmark()),
        (
            "germany('BY') | denmark(), used 1990-2060",
            lambda: use(presets.germany("BY") | presets.denmark()),
        ),
        ("EXPANDIT_POLICY, used 1990-2060", used_policy),
        ("peer: workalendar Denmark(), fresh", lambda: workalendar_denmark(False)),
        ("peer: workalendar Denmark(), used 1990-2060", lambda: workalendar_denmark(True)),
    ]
    hours = pandas_hours()
    if hours is not None:
        subjects.append(("peer: pandas CustomBusinessHour, 1990-2060 holidays", lambda: hours))
    values = [(name, make()) for name, make in subjects]

    for name, value in values:  # a pickle that does not give the value back is no result
        again = pickle.loads(pickle.dumps(value))
        if not name.startswith("peer") and again != value:
            print(f"{name}: the pickle does not round-trip")
            return 1
    dk_fresh = len(pickle.dumps(values[0][1]))
    print(f"python {sys.version.split()[0]}; pickle protocol {pickle.DEFAULT_PROTOCOL}")
    print(f"\n{'value':<52} {'bytes':>8} {'x fresh dk':>10} {'dumps+loads':>14}")
    samples: dict[str, list[float]] = {name: [] for name, _ in values}
    for _ in range(rounds):  # interleaved, so that every value sees the same load
        for name, value in values:
            samples[name].append(round_trip_us(value, per_round_ns))
    medians = {name: statistics.median(times) for name, times in samples.items()}
    for name, value in values:
        size = len(pickle.dumps(value))
        print(f"{name:<52} {size:>8,} {size / dk_fresh:>10.2f} {medians[name]:>11.1f} us")
    used = len(pickle.dumps(values[1][1]))
    print(f"\nused denmark() / fresh denmark(): {used / dk_fresh:.2f} (size)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
