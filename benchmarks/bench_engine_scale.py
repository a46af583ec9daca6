"""How the engine scales: shared between threads, far years, many years, long counts, deep compositions.

Prints, for ``presets.denmark()`` unless said otherwise:

* the concurrency check: 8 threads on one shared calendar over 1990-2060 and far years, every
  answer compared with a single-threaded run on a fresh calendar (wrong answers, of how many);
* a query in year 9990 after one in 2026 on a fresh calendar, and the other way round (ms);
* memory kept after 3,000 deadlines over random years 2-9997 on one calendar (tracemalloc);
* ``BusinessDays(n)`` against ``BusinessHours`` over the same span, each on a fresh calendar;
* a chain of 60 compositions: building it and its first and later deadlines;
* a calendar that never opens: failing calls over random years, the years compiled and the
  memory kept;
* a calendar with 20,000 one-hour closures: one year's compile and ``between`` over a century;
* ``between`` from year 2 to 9998 on a fresh calendar (years counted without compiling them).

Run: ``python benchmarks/bench_engine_scale.py [--quick]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import random
import statistics
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import pendulum

from expandit_policy import BusinessCalendar, BusinessDays, BusinessHours, PolicyError, presets
from expandit_policy._calendars._calendar import Calendar

CPH = "Europe/Copenhagen"
THREADS = 8


def _ms(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter_ns()
    out = fn()
    return (time.perf_counter_ns() - t0) / 1e6, out


def _instant(rng: random.Random, years: tuple[int, int]) -> pendulum.DateTime:
    day = dt.date(rng.randrange(*years), 1, 1) + dt.timedelta(days=rng.randrange(365))
    return pendulum.datetime(day.year, day.month, day.day, rng.randrange(24), 15, tz=CPH)


def _ask(cal: BusinessCalendar, query: tuple[str, pendulum.DateTime, Any]) -> object:
    kind, t, arg = query
    try:
        if kind == "days":
            return cal.add(t, BusinessDays(arg))
        if kind == "close":
            return cal.add(t, BusinessDays(arg, "close_of_day"))
        if kind == "hours":
            return cal.add(t, BusinessHours(arg))
        if kind == "between":
            return cal.between(t, arg)
        if kind == "is_open":
            return cal.is_open(t)
        return cal.next_close(t)
    except PolicyError as exc:
        return type(exc).__name__


def concurrency(per_thread: int) -> tuple[int, int, float]:
    """Wrong answers, answers compared, and seconds for the threaded run."""
    rng = random.Random(7)
    queries: list[tuple[str, pendulum.DateTime, Any]] = []
    for _ in range(per_thread * 2):
        t = _instant(rng, (2400, 2410) if rng.random() < 0.05 else (1990, 2061))
        kind = rng.choice(("days", "close", "hours", "between", "is_open", "next_close"))
        arg: Any = None
        if kind in ("days", "close"):
            arg = rng.choice((1, 3, 20, 400, 4000))
        elif kind == "hours":
            arg = rng.choice((1, 7.5, 300, 20_000))
        elif kind == "between":
            arg = t.add(days=rng.randrange(-30 * 365, 30 * 365))
        queries.append((kind, t, arg))
    alone = presets.denmark()
    expected = [_ask(alone, q) for q in queries]
    shared = presets.denmark()
    wrong = [0] * THREADS
    barrier = threading.Barrier(THREADS)

    def worker(k: int) -> None:
        order = list(range(len(queries)))
        random.Random(k).shuffle(order)
        barrier.wait()
        for q in order[:per_thread]:
            wrong[k] += _ask(shared, queries[q]) != expected[q]

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    t0 = time.perf_counter()
    try:
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    finally:
        sys.setswitchinterval(interval)
    return sum(wrong), THREADS * per_thread, time.perf_counter() - t0


def far_years() -> list[tuple[str, float]]:
    rows = []
    for first, then in ((2026, 9990), (9990, 2026)):
        dk = presets.denmark()
        dk.add(pendulum.datetime(first, 3, 2, 9, tz=CPH), BusinessHours(10))
        later = pendulum.datetime(then, 3, 2, 9, tz=CPH)
        ms, _ = _ms(functools.partial(dk.add, later, BusinessHours(10)))
        rows.append((f"add in {then} after {first}, fresh calendar", ms))
    return rows


def random_years_memory(queries: int) -> tuple[float, float, float, int, int]:
    """MB kept, MB at peak, seconds, years kept compiled, years counted."""
    dk = presets.denmark()
    dk.add(pendulum.datetime(2026, 3, 2, 9, tz=CPH), BusinessHours(2))
    rng = random.Random(5)
    starts = [_instant(rng, (2, 9990)) for _ in range(queries)]
    amounts = [BusinessHours(rng.randrange(1, 3000)) for _ in range(queries)]
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    t0 = time.perf_counter()
    for t, amount in zip(starts, amounts, strict=True):
        dk.add(t, amount)
    seconds = time.perf_counter() - t0
    gc.collect()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    tl = dk._tl()
    return (
        (kept - base) / 1e6,
        (peak - base) / 1e6,
        seconds,
        len(tl.compiled_years()),
        tl.counted_years(),
    )


def days_against_hours(n: int, rounds: int) -> tuple[float, float, float, float]:
    """Cold (fresh calendar) and warm medians in ms: BusinessDays(n), and BusinessHours over
    the same span."""
    start = pendulum.datetime(2026, 3, 2, 9, tz=CPH)
    end = presets.denmark().add(start, BusinessDays(n))
    hours = BusinessHours.from_timedelta(presets.denmark().between(start, end))
    out = []
    for duration in (BusinessDays(n), hours):
        cold = []
        warm = []
        for _ in range(rounds):
            query = functools.partial(presets.denmark().add, start, duration)
            cold.append(_ms(query)[0])
            warm.append(_ms(query)[0])
        out += [statistics.median(cold), statistics.median(warm)]
    return out[0], out[1], out[2], out[3]


def composition_chain(depth: int) -> tuple[float, float, float]:
    dk, de = presets.denmark(), presets.germany()
    t0 = time.perf_counter_ns()
    chain: Calendar = dk
    for k in range(depth):
        chain = chain | (de if k % 2 else dk)
    build = (time.perf_counter_ns() - t0) / 1e6
    t = pendulum.datetime(2026, 3, 6, 15, tz=CPH)
    first, _ = _ms(lambda: chain.add(t, BusinessHours(100)))
    later, _ = _ms(lambda: chain.add(t, BusinessHours(100)))
    return build, first, later


def never_opening(calls: int) -> tuple[float, int, int, float]:
    """KB kept and years compiled over ``calls`` failing calls (after the first), the years
    compiled by the first, and the first call's ms."""
    mondays = BusinessCalendar.from_weekly(CPH, {"mon": [("08:00", "16:00")]})
    never = mondays & BusinessCalendar.from_weekly(CPH, {"tue": [("08:00", "16:00")]})
    rng = random.Random(4)
    starts = [_instant(rng, (3, 9990)) for _ in range(calls)]

    def fail(t: pendulum.DateTime) -> None:
        try:
            never.add(t, BusinessHours(1))
        except PolicyError:
            return
        raise AssertionError("a calendar that never opens gave a deadline")

    first_ms, _ = _ms(functools.partial(fail, starts[0]))
    tl = never._tl()
    searched = tl.compile_count()
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    for t in starts:
        fail(t)
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    return kept / 1e3, tl.compile_count() - searched, searched, first_ms


def many_closures(count: int) -> tuple[float, float]:
    """ms to compile one year, and s for ``between`` over 2000-2100, with ``count`` one-hour
    closures on consecutive weekdays from 2000 on."""
    day = dt.date(2000, 1, 3)
    closures: list[tuple[pendulum.DateTime, pendulum.DateTime]] = []
    while len(closures) < count:
        if day.weekday() < 5:
            at = pendulum.datetime(day.year, day.month, day.day, 8, tz=CPH)
            closures.append((at, at.add(hours=1)))
        day += dt.timedelta(days=1)
    weekdays = {d: [("08:00", "16:00")] for d in ("mon", "tue", "wed", "thu", "fri")}
    cal = BusinessCalendar.from_weekly(CPH, weekdays, closures=closures)
    one, _ = _ms(lambda: cal.is_open(pendulum.datetime(2001, 6, 1, 9, tz=CPH)))
    span, _ = _ms(
        lambda: cal.between(
            pendulum.datetime(2000, 1, 1, tz=CPH), pendulum.datetime(2100, 1, 1, tz=CPH)
        )
    )
    return one, span / 1e3


def whole_range() -> float:
    """s for ``between`` from year 2 to 9998 on a fresh calendar."""
    dk = presets.denmark()
    ms, _ = _ms(
        lambda: dk.between(
            pendulum.datetime(2, 1, 3, tz=CPH), pendulum.datetime(9998, 12, 1, tz=CPH)
        )
    )
    return ms / 1e3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts, for a smoke test")
    args = parser.parse_args(argv)
    per_thread, random_queries, n, rounds = (
        (20, 30, 2_000, 1) if args.quick else (200, 3_000, 60_000, 3)
    )
    print(f"python {sys.version.split()[0]}; {'quick' if args.quick else 'full'} mode")

    wrong, asked, seconds = concurrency(per_thread)
    verdict = "PASS" if wrong == 0 else "FAIL"
    print(f"{verdict}  concurrency: {wrong} wrong of {asked} answers, {THREADS} threads "
          f"on one shared calendar ({seconds:.1f} s)")  # fmt: skip
    for label, ms in far_years():
        print(f"      far years: {label}: {ms:.1f} ms")
    kept, peak, seconds, compiled, counted = random_years_memory(random_queries)
    verdict = "PASS" if kept < 40 else "FAIL"
    print(f"{verdict}  memory: {random_queries:,} deadlines over random years kept {kept:.1f} MB "
          f"(peak {peak:.1f} MB, {seconds:.1f} s under tracemalloc); {compiled} years compiled, "
          f"{counted:,} counted")  # fmt: skip
    days_cold, days_warm, hours_cold, hours_warm = days_against_hours(n, rounds)
    print(f"      BusinessDays({n:,}) vs BusinessHours over the same span: fresh calendar "
          f"{days_cold:.1f} ms vs {hours_cold:.1f} ms ({days_cold / hours_cold:.2f}x); "
          f"warm {days_warm:.3f} ms vs {hours_warm:.3f} ms "
          f"({days_warm / hours_warm:.2f}x)")  # fmt: skip
    build, first, later = composition_chain(60)
    print(f"      composition chain of 60: built in {build:.1f} ms, first deadline "
          f"{first:.1f} ms, later ones {later:.2f} ms")  # fmt: skip
    calls = 30 if args.quick else 300
    kept_kb, compiled, searched, first_ms = never_opening(calls)
    verdict = "PASS" if kept_kb < 100 and compiled == 0 else "FAIL"
    print(f"{verdict}  never opens: first failing call {first_ms:.1f} ms ({searched} years "
          f"compiled); {calls} more over random years compiled {compiled} and kept "
          f"{kept_kb:.1f} KB")  # fmt: skip
    count = 2_000 if args.quick else 20_000
    one, century = many_closures(count)
    print(f"      {count:,} one-hour closures: first query (one year) {one:.1f} ms, between over "
          f"2000-2100 {century:.2f} s")  # fmt: skip
    if not args.quick:
        print(f"      between year 2 and 9998, fresh calendar: {whole_range():.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
