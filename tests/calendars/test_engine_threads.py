"""Calendars shared between threads give the answers one thread gets.

Eight threads query one shared calendar (a Danish desk, and a desk open around the clock in a
zone with DST) over 1990-2060 and some far years, in different orders, with the interpreter
switching threads far more often than usual. Every answer is compared with a single-threaded
run of the same queries on fresh calendars.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pendulum

from expandit_policy import (
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    PolicyError,
    presets,
)

CPH = "Europe/Copenhagen"
ALL_WEEK = {d: [("00:00", "24:00")] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
THREADS = 8
FAR_YEARS = (2400, 5000, 9000)

Query = tuple[str, str, pendulum.DateTime, Any]


def _calendars() -> dict[str, BusinessCalendar]:
    return {"denmark": presets.denmark(), "always": BusinessCalendar.from_weekly(CPH, ALL_WEEK)}


def _instant(rng: random.Random) -> pendulum.DateTime:
    year = rng.choice(FAR_YEARS) if rng.random() < 0.1 else rng.randrange(1990, 2061)
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    return pendulum.datetime(day.year, day.month, day.day, rng.randrange(24), 15, tz=CPH)


def _queries(count: int) -> list[Query]:
    rng = random.Random(20261201)
    out: list[Query] = []
    for _ in range(count):
        name = rng.choice(("denmark", "denmark", "always"))
        t = _instant(rng)
        kind = rng.choice(("days", "close", "hours", "between", "is_open", "next_close"))
        arg: Any = None
        if kind in ("days", "close"):
            arg = rng.choice((1, 3, 20, 400, 4000))
        elif kind == "hours":
            arg = rng.choice((1, 7.5, 300, 20_000))
        elif kind == "between":  # decades apart at most: each year is counted once, ~3 ms
            arg = t.add(days=rng.randrange(-30 * 365, 30 * 365))
        out.append((kind, name, t, arg))
    return out


def _ask(calendars: dict[str, BusinessCalendar], query: Query) -> object:
    kind, name, t, arg = query
    cal = calendars[name]
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
    except PolicyError as exc:  # the same typed error, whichever thread asks
        return type(exc).__name__


def _orders(queries: list[Query]) -> Iterator[list[int]]:
    """Each thread's order: forward, backward, by year up and by year down, shuffled."""
    indices = list(range(len(queries)))
    by_year = sorted(indices, key=lambda k: queries[k][2])
    for k in range(THREADS):
        order = [indices, by_year][k % 2 == 1][:: 1 if k % 4 < 2 else -1]
        if k >= 4:
            order = order[:]
            random.Random(k).shuffle(order)
        yield order


def _run_all(targets: list[Callable[[], None]]) -> None:
    """Run each target in a thread of its own, switching threads often so that compilation and
    queries interleave, and wait for all of them."""
    threads = [threading.Thread(target=target) for target in targets]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    finally:
        sys.setswitchinterval(interval)


def _run_threads(
    calendars: dict[str, BusinessCalendar], queries: list[Query]
) -> list[dict[int, object]]:
    orders = list(_orders(queries))
    barrier = threading.Barrier(THREADS)
    answers: list[dict[int, object]] = [{} for _ in range(THREADS)]

    def worker(k: int) -> Callable[[], None]:
        def run() -> None:
            barrier.wait()
            for q in orders[k][: len(queries) // 2]:
                answers[k][q] = _ask(calendars, queries[q])

        return run

    _run_all([worker(k) for k in range(THREADS)])
    return answers


def test_shared_calendars_answer_every_thread_as_one_thread() -> None:
    queries = _queries(160)
    alone = _calendars()
    expected = [_ask(alone, q) for q in queries]
    assert "SpanOutOfRangeError" in expected  # next_close on the desk that never closes
    for _ in range(2):  # fresh shared calendars each round: the race was in compiling
        answers = _run_threads(_calendars(), queries)
        wrong = [
            (queries[q], got, expected[q])
            for per_thread in answers
            for q, got in per_thread.items()
            if got != expected[q]
        ]
        assert sum(len(a) for a in answers) == THREADS * (len(queries) // 2)
        assert wrong == []


def test_counting_working_days_while_other_threads_reach_back() -> None:
    # A long count of working days forward on a fresh calendar while other threads ask about
    # earlier and earlier years: a count must not be shifted by years compiled in front.
    start = pendulum.datetime(2030, 2, 7, 12, tz=CPH)
    counts: list[Query] = [("close", "denmark", start, 4000), ("days", "denmark", start, 4000)]
    back: list[Query] = [
        ("is_open", "denmark", pendulum.datetime(y, 6, 1, 12, tz=CPH), None)
        for y in range(2029, 1989, -1)
    ]
    expected = [_ask(_calendars(), q) for q in counts]
    assert expected[0] == pendulum.datetime(2045, 11, 10, 16, tz=CPH)
    for _ in range(3):
        got = _race_round(_calendars(), counts, back)
        assert len(got) == 4
        assert [(k, expected[k]) for k, _ in got] == got


def _race_round(
    shared: dict[str, BusinessCalendar], counts: list[Query], back: list[Query]
) -> list[tuple[int, object]]:
    """Four threads count (each query twice) while the others reach back; the counts' answers."""
    barrier = threading.Barrier(THREADS)
    got: list[tuple[int, object]] = []

    def count(k: int) -> None:
        barrier.wait()
        got.append((k, _ask(shared, counts[k])))

    def reach_back() -> None:
        barrier.wait()
        for q in back:
            _ask(shared, q)

    targets: list[Callable[[], None]] = [functools.partial(count, k % 2) for k in range(4)]
    targets += [reach_back] * (THREADS - 4)
    _run_all(targets)
    return got
