"""Benchmark expandit_policy's business-time arithmetic against its peers on one Danish calendar.

Every engine gets the same calendar: Europe/Copenhagen, Monday to Friday 08:00-16:00, closed on
the weekdays that ``presets.denmark()`` closes in 2020-2040. The peers come from the ``bench``
extra (workclock, businesstimedelta, pandas, numpy); a missing one is skipped.

Before any timing, the peers' answers are checked against ours where the conventions agree. The
timing reports the median of several rounds per operation, the rounds of all engines interleaved
so that they share the machine's changing load; the targets are reported, not asserted.

Run: ``python benchmarks/bench_calendar.py [--quick]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import importlib.metadata
import random
import statistics
import sys
import time
import tracemalloc
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

import pendulum

from expandit_policy import BusinessDays, BusinessHours, presets

if TYPE_CHECKING:
    from collections.abc import Callable

    from expandit_policy import BusinessCalendar

ZONE = "Europe/Copenhagen"
TZ = ZoneInfo(ZONE)
OPEN, CLOSE = dt.time(8), dt.time(16)
WEEKDAYS = (0, 1, 2, 3, 4)
TWO_H, BIG_H = dt.timedelta(hours=2), dt.timedelta(hours=2000)
ONE_US = dt.timedelta(microseconds=1)
EPOCH_UTC = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MEMORY_TARGET_BYTES = 50_000
WORKLOADS = {
    "a": "a add 2 business hours",
    "b": "b add 2,000 business hours",
    "c": "c between, 10 years apart",
    "d": "d add 2 business days",
    "e": "e add_many +2h, per item",
}


def _cph(text: str, fold: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=TZ, fold=fold)


START = _cph("2026-03-02T09:15")
BETWEEN = (_cph("2026-01-05T00:00"), _cph("2036-01-05T00:00"))
_CHECKS = (
    "2026-03-02T09:15 2026-03-02T14:00 2026-03-06T15:30 2026-03-07T12:00 2026-03-03T23:00 "
    "2026-04-01T15:00 2026-03-27T15:00 2029-05-11T15:00"
)
_PAIRS = (
    "2026-03-27T15:00/2026-03-30T09:30 2026-10-23T12:00/2026-10-26T12:00 "
    "2026-04-01T09:15/2026-04-08T10:45"
)
CHECK_INSTANTS = [*map(_cph, _CHECKS.split()), _cph("2026-10-25T02:30", fold=1)]
EXTRA_PAIRS = [(_cph(p[:16]), _cph(p[17:])) for p in _PAIRS.split()]


def _same(x: Any) -> Any:
    return x


@dataclass
class Engine:
    """One engine's operations on its own input types; ``prep`` converts outside the timing."""

    name: str
    add_hours: Callable[[Any, dt.timedelta], Any] | None = None
    between: Callable[[Any, Any], Any] | None = None
    add_days: Callable[[Any], Any] | None = None
    add_batch: Callable[[Any], Any] | None = None
    prep: Callable[[dt.datetime], Any] = _same
    prep_batch: Callable[[list[dt.datetime]], Any] = _same
    next_open_landing: bool = False
    batch_limit: int | None = None


class Settings(NamedTuple):
    rounds: int
    round_ns: int
    slow_ns: int | None
    batch: int
    slow_batch: int


def _us(x: Any) -> int:
    """Microseconds since the epoch of any aware datetime-like value (pendulum, pandas too)."""
    u = x.astimezone(dt.UTC)
    plain = dt.datetime(u.year, u.month, u.day, u.hour, u.minute, u.second, u.microsecond)
    return (plain.replace(tzinfo=dt.UTC) - EPOCH_UTC) // ONE_US


def _at(us: int) -> dt.datetime:
    return (EPOCH_UTC + us * ONE_US).astimezone(TZ)


def _keys(ours: dt.datetime, theirs: Any) -> tuple[object, object]:
    """Comparable forms of our instant and a peer's instant (or of a peer's date: numpy)."""
    if isinstance(theirs, dt.datetime):
        return _us(ours), _us(theirs)
    return _at(_us(ours)).date(), theirs.astype(dt.date)


def _show(x: Any) -> str:
    if isinstance(x, dt.timedelta):
        return f"{x / dt.timedelta(hours=1):.2f} h"
    if isinstance(x, dt.datetime):
        return _at(_us(x)).strftime("%a %Y-%m-%d %H:%M %z")
    return str(x)


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        print(f"skip {name}: not installed (pip install 'expandit-policy[bench]')")
        return None


def ours(dk: BusinessCalendar) -> Engine:
    h2, d2 = BusinessHours(2), BusinessDays(2)
    hours = {TWO_H: h2, BIG_H: BusinessHours(2000)}
    return Engine(
        "ours",
        add_hours=lambda t, amount: dk.add(t, hours[amount]),
        between=dk.between,
        add_days=lambda t: dk.add(t, d2),
        add_batch=lambda ts: dk.add_many(ts, h2),
    )


def make_workclock(holidays: list[dt.date]) -> Engine | None:
    if (wc := _optional("workclock")) is None:
        return None
    rules = [wc.WorkDay(OPEN, CLOSE, days=WEEKDAYS), wc.Holidays(holidays)]
    sched = wc.Schedule(rules, time_zone=ZONE)
    return Engine("workclock", sched.add, sched.between, None, lambda ts: sched.add_many(ts, TWO_H))


def make_businesstimedelta(holidays: list[dt.date], slow_batch: int) -> Engine | None:
    btd, pytz = _optional("businesstimedelta"), _optional("pytz")
    if btd is None or pytz is None:
        return None
    ptz = pytz.timezone(ZONE)
    workday = btd.WorkDayRule(start_time=OPEN, end_time=CLOSE, working_days=[*WEEKDAYS], tz=ptz)
    rules = btd.Rules([workday, btd.HolidayRule(frozenset(holidays), tz=ptz)])
    deltas = {a: btd.BusinessTimeDelta(rules, timedelta=a) for a in (TWO_H, BIG_H)}
    return Engine(
        "businesstimedelta",
        add_hours=lambda t, amount: t + deltas[amount],
        between=lambda a, b: rules.difference(a, b).timedelta,
        add_batch=lambda ts: [t + deltas[TWO_H] for t in ts],
        batch_limit=slow_batch,
    )


def make_pandas(holidays: list[dt.date], slow_batch: int) -> Engine | None:
    if (pd := _optional("pandas")) is None:
        return None
    cbh = pd.offsets.CustomBusinessHour(start="08:00", end="16:00", holidays=holidays)
    cbd2 = pd.offsets.CustomBusinessDay(n=2, holidays=holidays)
    offsets = {TWO_H: 2 * cbh, BIG_H: 2000 * cbh}

    def between(a: Any, b: Any) -> dt.timedelta:
        return dt.timedelta(hours=len(pd.date_range(a, b, freq=cbh, inclusive="left")))

    def add_batch(index: Any) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.PerformanceWarning)
            return index + offsets[TWO_H]

    return Engine(
        "pandas",
        add_hours=lambda t, amount: t + offsets[amount],
        between=between,
        add_days=lambda t: t + cbd2,
        add_batch=add_batch,
        prep=pd.Timestamp,
        prep_batch=lambda ts: pd.DatetimeIndex([pd.Timestamp(t) for t in ts]),
        next_open_landing=True,
        batch_limit=slow_batch,
    )


def make_numpy(holidays: list[dt.date]) -> Engine | None:
    if (np := _optional("numpy")) is None:
        return None
    cal = np.busdaycalendar(weekmask="1111100", holidays=np.array(holidays, dtype="datetime64[D]"))
    return Engine(
        "numpy",
        add_days=lambda d: np.busday_offset(d, 2, roll="forward", busdaycal=cal),
        prep=lambda t: np.datetime64(t.astimezone(TZ).date(), "D"),
    )


def check(dk: BusinessCalendar, peers: list[Engine], batch: list[dt.datetime]) -> int:
    """Print one line per check; return the number of disagreements."""
    failures = 0

    def line(what: str, expected: object, got: dict[str, tuple[object, object]]) -> None:
        nonlocal failures
        if not got:
            return
        bad = [name for name, (want, value) in got.items() if want != value]
        failures += len(bad)
        verdicts = ", ".join(f"{n} {_show(v) if n in bad else 'ok'}" for n, (_, v) in got.items())
        print(f"  {'FAIL' if bad else 'ok  '} {what:<62} ours {_show(expected):<26} {verdicts}")

    for t in CHECK_INSTANTS:
        for amount in (TWO_H, BIG_H):
            dur = BusinessHours.from_timedelta(amount)
            close, nxt = dk.add(t, dur), dk.add(t, dur, landing="next_open")
            got: dict[str, tuple[object, object]] = {
                p.name: _keys(nxt if p.next_open_landing else close, p.add_hours(p.prep(t), amount))
                for p in peers
                if p.add_hours
            }
            line(f"+{_show(amount)} from {_show(t)}", close, got)
        start, result = _at(_us(dk.next_open(t))), dk.add(t, BusinessDays(2))
        got = {p.name: _keys(result, p.add_days(p.prep(start))) for p in peers if p.add_days}
        line(f"+2 days from {_show(t)} (opens {start:%a %H:%M})", result, got)
    for a, b in [BETWEEN, *EXTRA_PAIRS]:
        expected = dk.between(a, b)
        whole = (a, b) == BETWEEN
        got = {
            p.name: (expected, p.between(p.prep(a), p.prep(b)))
            for p in peers
            if p.between and (whole or not p.next_open_landing)
        }
        line(f"between {_show(a)} and {_show(b)[:20]}", expected, got)
    close_us = [_us(x) for x in dk.add_many(batch, BusinessHours(2))]
    next_us = [_us(x) for x in dk.add_many(batch, BusinessHours(2), landing="next_open")]
    for p in peers:
        if p.add_batch is None:
            continue
        n = min(len(batch), p.batch_limit or len(batch))
        theirs = [_us(x) for x in p.add_batch(p.prep_batch(batch[:n]))]
        want = (next_us if p.next_open_landing else close_us)[:n]
        diff = [k for k in range(n) if theirs[k] != want[k]]
        failures += len(diff)
        verdict = "FAIL" if diff else "ok  "
        print(f"  {verdict} add_many +2h, {n} instants: {p.name} differs on {len(diff)}")
        for k in diff[:5]:
            ours_at, theirs_at = _show(_at(want[k])), _show(_at(theirs[k]))
            print(f"       from {_show(batch[k])}: ours {ours_at}, {p.name} {theirs_at}")
    return failures


class Task(NamedTuple):
    """One engine's workload: ``fn`` does it once; a timing is divided by ``items``."""

    engine: str
    key: str
    fn: Callable[[], object]
    items: int


def tasks_of(e: Engine, batch: list[dt.datetime]) -> list[Task]:
    """The workloads ``e`` supports, inputs converted to its own types outside the timing."""
    out: list[Task] = []
    x = e.prep(START)
    if (add := e.add_hours) is not None:
        out.append(Task(e.name, "a", lambda: add(x, TWO_H), 1))
        out.append(Task(e.name, "b", lambda: add(x, BIG_H), 1))
    if (between := e.between) is not None:
        a, b = e.prep(BETWEEN[0]), e.prep(BETWEEN[1])
        out.append(Task(e.name, "c", lambda: between(a, b), 1))
    if (days := e.add_days) is not None:
        out.append(Task(e.name, "d", lambda: days(x), 1))
    if (many := e.add_batch) is not None:
        items = batch[: e.batch_limit or len(batch)]
        xs = e.prep_batch(items)
        out.append(Task(e.name, "e", lambda: many(xs), len(items)))
    return out


def calls_per_round(fn: Callable[[], object], s: Settings) -> tuple[int, float | None]:
    """How many calls make a round of about ``s.round_ns``, after an untimed warm-up call; and,
    when that call alone is slower than ``s.slow_ns``, its time in µs (then it is the result)."""
    t0 = time.perf_counter_ns()
    fn()
    warm = time.perf_counter_ns() - t0
    if s.slow_ns is not None and warm > s.slow_ns:
        return 1, warm / 1000
    if warm >= s.round_ns:
        return 1, None
    t0 = time.perf_counter_ns()
    fn()
    return max(1, min(100_000, s.round_ns // max(time.perf_counter_ns() - t0, 1))), None


def time_all(tasks: list[Task], s: Settings) -> dict[str, dict[str, float]]:
    """Median µs per call (per item for batches) of every task over ``s.rounds`` rounds.

    The rounds are interleaved: each round times every task once, the engines of one workload
    back to back, so a change in the machine's load (other processes come and go) falls on all
    engines alike instead of on whichever happened to be timed then; the ratios are what count.
    """
    tasks = sorted(tasks, key=lambda task: task.key)
    plan = [(task, *calls_per_round(task.fn, s)) for task in tasks]
    samples: dict[Task, list[float]] = {task: [] for task in tasks}
    gc_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(s.rounds):
            for task, number, single in plan:
                if single is not None:
                    continue
                fn = task.fn
                t0 = time.perf_counter_ns()
                for _ in range(number):
                    fn()
                samples[task].append((time.perf_counter_ns() - t0) / number / 1000)
    finally:
        if gc_enabled:
            gc.enable()
    table: dict[str, dict[str, float]] = {}
    for task, _, single in plan:
        value = single if single is not None else statistics.median(samples[task])
        table.setdefault(task.engine, {})[task.key] = value / task.items
    return table


def memory_per_year() -> tuple[float, float, float]:
    """Bytes per compiled year retained after compiling a fresh calendar (tracemalloc), bytes of
    its arrays per year, and the milliseconds of its first call (which compiles one year)."""
    probe, cold = _cph("2031-06-16T12:00"), presets.denmark()
    t0 = time.perf_counter_ns()
    cold.is_open(probe)
    first_ms = (time.perf_counter_ns() - t0) / 1e6
    fresh = presets.denmark()
    gc.collect()
    tracemalloc.start()
    fresh.is_open(probe)
    gc.collect()
    retained = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    tl = fresh._tl()
    compiled = [tl.year(y).index for y in tl.compiled_years()]
    years = len(compiled)
    seen: set[int] = set()

    def deep(obj: object) -> int:
        if id(obj) in seen:
            return 0
        seen.add(id(obj))
        size = sys.getsizeof(obj)
        if isinstance(obj, dict):
            size += sum(deep(k) + deep(v) for k, v in obj.items())
        elif isinstance(obj, list | tuple):
            size += sum(deep(v) for v in obj)
        return size

    fields = ("starts", "ends", "cum", "days", "closes")
    arrays = sum(deep(getattr(index, name)) for index in compiled for name in fields)
    return retained / years, arrays / years, first_ms


def targets(table: dict[str, dict[str, float]], memory: tuple[float, float, float]) -> None:
    mine, wc, np_d = table["ours"], table.get("workclock", {}), table.get("numpy", {}).get("d")
    rows: list[tuple[str, bool | None, str]] = []
    if wc:
        detail = f"ours {mine['a']:.2f} µs, workclock {wc['a']:.2f} µs"
        rows.append(("add 2h no slower than workclock", mine["a"] <= wc["a"], detail))
        for key in ("b", "c"):
            fast = wc[key] >= 10 * mine[key] and mine[key] <= 2 * mine["a"]
            detail = f"{wc[key] / mine[key]:.1f}x workclock; ours {mine[key]:.2f} µs = "
            detail += f"{mine[key] / mine['a']:.2f} x our add 2h"
            rows.append((f"{WORKLOADS[key][2:]}: >=10x workclock, <=2x add 2h", fast, detail))
        detail = f"ours {mine['e']:.3f} µs, workclock {wc['e']:.3f} µs"
        rows.append(("add_many per item no slower than workclock", mine["e"] <= wc["e"], detail))
    else:
        rows.append(("workclock targets", None, "workclock not installed"))
    for peer in ("businesstimedelta", "pandas"):
        ratios = {k: v / mine[k] for k, v in table.get(peer, {}).items()}
        detail = ", ".join(f"{k} {r:,.1f}x" for k, r in ratios.items()) or "not installed"
        ok = min(ratios.values()) >= 20 if ratios else None
        rows.append((f"every workload >=20x faster than {peer}", ok, detail))
    ok = None if np_d is None else mine["d"] <= 2 * np_d
    detail = "not installed" if np_d is None else f"ours {mine['d']:.2f} µs, numpy {np_d:.2f} µs"
    rows.append(("add 2 business days within 2x of numpy.busday_offset", ok, detail))
    retained, arrays, _ = memory
    ok = max(retained, arrays) <= MEMORY_TARGET_BYTES
    detail = f"{retained / 1000:.1f} KB retained, {arrays / 1000:.1f} KB in the arrays"
    rows.append((f"a compiled year <= {MEMORY_TARGET_BYTES // 1000} KB", ok, detail))
    print("\nTargets")
    for text, verdict, why in rows:
        print(f"  {'SKIP' if verdict is None else 'PASS' if verdict else 'MISS'}  {text:<54} {why}")


def report(table: dict[str, dict[str, float]], memory: tuple[float, float, float]) -> None:
    mine, names = table["ours"], [n for n in table if n != "ours"]
    header = f"{'workload':<28}{'ours µs':>10}" + "".join(f"{n:>22}{'x':>12}" for n in names)
    print(header + "\n" + "-" * len(header))
    for key, label in WORKLOADS.items():
        cells = f"{label:<28}{mine[key]:>10.3f}"
        for n in names:
            v = table[n].get(key)
            cells += f"{'-':>22}{'-':>12}" if v is None else f"{v:>22,.3f}{v / mine[key]:>11,.1f}x"
        print(cells)
    retained, arrays, first_ms = memory
    print(f"{'f memory, one compiled year':<28}{retained / 1000:>7.1f} KB retained, ", end="")
    print(f"{arrays / 1000:.1f} KB in the arrays; a fresh calendar's first call {first_ms:.1f} ms")
    print("peer columns: median µs; x = peer median / ours: how many times faster we are")
    targets(table, memory)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, a smaller batch")
    args = parser.parse_args(argv)
    if args.quick:
        s = Settings(rounds=3, round_ns=2_000_000, slow_ns=100_000_000, batch=1_000, slow_batch=200)
    else:
        s = Settings(rounds=7, round_ns=20_000_000, slow_ns=None, batch=10_000, slow_batch=1_000)

    dk = presets.denmark()
    days = (dt.date(2020, 1, 1) + dt.timedelta(days=k) for k in range(7671))
    holidays = [d for d in days if d.weekday() < 5 and not dk.is_working_day(d)]
    rng = random.Random(20260302)
    lo, hi = (int(dt.datetime(y, 1, 1, tzinfo=dt.UTC).timestamp()) // 60 for y in (2026, 2031))
    batch = [dt.datetime.fromtimestamp(rng.randrange(lo, hi) * 60, TZ) for _ in range(s.batch)]
    versions = f"python {sys.version.split()[0]}, pendulum {importlib.metadata.version('pendulum')}"
    print(f"{versions}; {ZONE}, Mon-Fri 08:00-16:00, {len(holidays)} weekday holidays 2020-2040")
    makers: list[Callable[[], Engine | None]] = [
        lambda: make_workclock(holidays),
        lambda: make_businesstimedelta(holidays, s.slow_batch),
        lambda: make_pandas(holidays, s.slow_batch),
        lambda: make_numpy(holidays),
    ]
    peers = [e for e in (make() for make in makers) if e is not None]

    print("\nChecks (pandas against ours with landing='next_open'; days from the next opening)")
    failures = check(dk, peers, batch)
    if failures:
        print(f"\n{failures} disagreement(s) with the peers; timing skipped")
        return 1

    mode = "quick" if args.quick else "full"
    print(f"\nTiming ({mode}: median of {s.rounds} interleaved rounds, GC off; ", end="")
    print(f"add_many over {s.batch} instants, {s.slow_batch} for businesstimedelta and pandas)\n")
    pend, two = pendulum.instance(START), BusinessHours(2)
    tasks = [task for e in (ours(dk), *peers) for task in tasks_of(e, batch)]
    tasks.append(Task("ours, pendulum input", "a", lambda: dk.add(pend, two), 1))
    table = time_all(tasks, s)
    pend_us = table.pop("ours, pendulum input")["a"]
    report(table, memory_per_year())
    print(f"\nours, add 2h with a pendulum input instead of a zoneinfo one: {pend_us:.2f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
