"""Benchmark assess(), agenda() and report() over generated cases on the Danish desk.

The cases are generated with a seeded ``random.Random``: a request on every channel and kind
(support and sales mail, personal mail, a fee earner's call, complaints and claims of defects)
from end customers, partners and resellers, received at any minute of a month, with a log of 0
to 8 events in order (replies with and without the shared mailbox in copy, acknowledgements,
requests for and arrivals of information, fee notices, escalations, resolutions, and follow-up
messages from the customer, most on the request's channel) and, for half of them, a close and
the satisfaction question. The policy is ExpandIT's with a COM-9 cadence
for every party, so every clause with a clock runs.

Times are CPU time of this process (``time.process_time``), which a busy machine disturbs
less than the wall clock. It reports the median time of ``assess`` per case for each kind of request, then the time of
assessing batches of 1,000, 10,000 and 100,000 cases (one pass each, the largest dominating)
with the cost per case of each: equal costs per case mean the cost grows linearly with the
number of cases. ``agenda`` and ``report`` over the largest batch follow.

It first prints the cost of ``assess`` per case in the mix against one
``add(BusinessHours(2))`` on the same calendar, measured in turn in one process, and their ratio.

Run: ``python benchmarks/bench_assess.py [--quick] [--no-follow-ups]``; ``--no-follow-ups``
draws the mix without follow-up messages, the same cases as before they were added.

It also prints the memory an assessment holds while none of its fields has been read (traced
by ``tracemalloc`` over the same cases): what a batch of assessments kept for later costs.

Figures (2 shared cores under load from other processes, so absolute times drift; compare the
ratios within one run). Before results made their fields on read, the mix cost 99-109 times one
``add`` (285-303 µs against 2.8-2.9 µs, two runs of the same script); with them it costs 48-54
times (139-155 µs) in the same conditions, and 34-52 times across full runs. The target, at
most 10 times, is not met. A second pass (COM-5's decision and the assessment built without
validators, COM-9's periods and the clocks' notes kept as templates and arguments instead of
closures, the events' instants read through their zone's table, the customer's messages and
the readings looked up once per case, a plan of runners per kind of request) brought it to 35-37
times (90-100 µs against 2.5-2.7 µs) where the first pass measured 46-50 times (115-134 µs) in
alternating runs of both, and an unread assessment from 19.6 KiB to 10.6 KiB per case. What is
left is the calendar arithmetic itself (about 7.6 ``add`` per case, five of them for COM-9's
periods: a quarter of the time), about ten results per case (each a dozen slots to set), the
events' instants (about half a microsecond each), and the clause logic. A full run: ``assess``
78-106 µs per case by kind (105-141 first pass, same day), 98 µs per case over 100,000 cases
(156), ``agenda`` over them 13.3 s (16.9), ``report`` 3.6 s (3.3).

The line after the ratio splits the cost: the primitives alone, that is the calendar steps the
mix's assessments take (recorded, then replayed with the same arguments), as many results made
with their fields left for later, and the instants (``as_of``, the request's, the events')
turned into microseconds; the rest is setting up each case and the clause logic (walking each
case's log once per clause that applies, deciding states). A full run, with COM-9's cadence
added straight on the compiled timeline: ``assess`` 87.3 µs against 2.53 µs for one ``add``
(34.5 times); the primitives alone (7.7 calendar steps, 9.9 results and 8.4 instants per case)
26.5 µs, 10.5 times the ``add``; the rest 60.8 µs. The primitives alone take the whole budget
of 10 times, so no amount of work on the rest meets the target while ``assess`` decides every
state when it is called; by kind 77-92 µs, 94 µs per case over 100,000 cases, ``agenda`` over
them 14.3 s, ``report`` 3.3 s.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any
from unittest import mock

import pendulum

from expandit_policy import (
    EXPANDIT_POLICY,
    AcknowledgedInWriting,
    BusinessDays,
    BusinessHours,
    Calendar,
    Case,
    CaseEvent,
    Channel,
    ClauseResult,
    Closed,
    Contact,
    Coverage,
    Duration,
    EndCustomer,
    EscalatedToBoard,
    FeeNoticeSent,
    InformationReceived,
    InformationRequested,
    LoggedUnderMailbox,
    Mailbox,
    MessageReceived,
    Partner,
    Party,
    Policy,
    Replied,
    Request,
    RequestKind,
    Reseller,
    Resolved,
    SatisfactionAsked,
    agenda,
    assess,
    report,
)

ZONE = "Europe/Copenhagen"
MONTH_START = pendulum.datetime(2026, 3, 2, tz=ZONE)
MONTH_MINUTES = 31 * 24 * 60
AS_OF = MONTH_START.add(days=45)
POLICY: Policy = EXPANDIT_POLICY.with_reading("COM-9", BusinessDays(5))

ADA = Contact("Ada Jensen", "ada@acme.dk")
BO = Contact("Bo Holm", "bo@nordic.dk", fee_earner=True)
PARTIES: tuple[Party, ...] = (
    EndCustomer("Acme", [ADA]),
    Partner("Nordic Partner", [BO]),
    Reseller("Shop", [Contact("Cy Lund", "cy@shop.dk")]),
)
REQUESTS: dict[str, tuple[Channel, RequestKind]] = {
    "support question": (Channel.SUPPORT_MAILBOX, RequestKind.QUESTION),
    "support fix": (Channel.SUPPORT_MAILBOX, RequestKind.FIX),
    "sales quote": (Channel.SALES_MAILBOX, RequestKind.QUOTE),
    "personal mail": (Channel.PERSONAL_MAILBOX, RequestKind.QUESTION),
    "phone call": (Channel.PHONE, RequestKind.QUESTION),
    "complaint": (Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT),
    "defect claim": (Channel.WRITTEN_COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM),
}
EVENTS: tuple[Callable[[pendulum.DateTime], CaseEvent], ...] = (
    lambda t: Replied(t, Mailbox.support(), ["ada@acme.dk"], cc=["support@expandit.com"]),
    lambda t: Replied(t, Mailbox.support(), ["ada@acme.dk"]),
    AcknowledgedInWriting,
    InformationRequested,
    InformationReceived,
    lambda t: FeeNoticeSent(t, Coverage.NEEDS_FEES),
    lambda t: LoggedUnderMailbox(t, Mailbox.sales()),
    EscalatedToBoard,
    Resolved,
)


def _follow_up(rng: random.Random, channel: Channel, t: pendulum.DateTime) -> MessageReceived:
    """A follow-up from the customer: on the request's channel three times in four."""
    on = channel if rng.random() < 0.75 else rng.choice(list(Channel))
    return MessageReceived(t, on)


def generate(
    count: int,
    seed: int = 20260302,
    kinds: Sequence[str] = tuple(REQUESTS),
    *,
    follow_ups: bool = True,
) -> list[Case]:
    """``count`` valid cases received in March 2026 (see the module's docstring); without
    ``follow_ups``, the mix drawn before follow-up messages were added (the same cases)."""
    rng = random.Random(seed)
    cases = []
    for k in range(count):
        channel, kind = REQUESTS[rng.choice(kinds)]
        party = rng.choice(PARTIES)
        received = MONTH_START.add(minutes=rng.randrange(MONTH_MINUTES))
        offsets = sorted(rng.randrange(1, 14 * 24 * 60) for _ in range(rng.randrange(9)))
        events = [rng.choice(EVENTS)(received.add(minutes=m)) for m in offsets]
        if follow_ups:  # drawn from a second generator, so the rest of the mix stays the same
            extra = random.Random(seed * 1_000_003 + k)
            for m in offsets:
                if extra.random() < 0.4:  # a follow-up within the 4 hours before an event
                    t = received.add(minutes=max(0, m - extra.randrange(240)))
                    events.append(_follow_up(extra, channel, t))
            events.sort(
                key=lambda e: e.at
            )  # stable: a follow-up comes after an event at its instant
        if rng.random() < 0.5:
            closed = received.add(minutes=(offsets[-1] if offsets else 0) + rng.randrange(1, 4320))
            events.append(Closed(closed))
            if rng.random() < 0.5:
                events.append(SatisfactionAsked(closed.add(minutes=rng.randrange(1, 2880))))
        sender = BO if party is PARTIES[1] else party.contacts[0]
        cases.append(Case(Request(f"R-{k}", channel, kind, received, sender, party), events))
    return cases


def assess_all(cases: Sequence[Case]) -> list[object]:
    """Every case assessed as of AS_OF under POLICY."""
    return [assess(POLICY, c, AS_OF) for c in cases]


def _seconds(work: Callable[[], object]) -> float:
    """The CPU time ``work`` takes, in seconds."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        work()
        return time.process_time() - start
    finally:
        gc.enable()


def against_add(rounds: int, count: int, *, follow_ups: bool = True) -> tuple[float, float]:
    """The median CPU µs of one ``assess`` per case over ``count`` cases of the mix, and of one
    ``add(received_at, BusinessHours(2))`` on the same calendar from the same cases' arrivals,
    measured in turn in each of ``rounds`` rounds."""
    cases = generate(count, seed=7, follow_ups=follow_ups)
    arrivals = [c.request.received_at for c in cases]
    calendar, two = POLICY.calendar, BusinessHours(2)

    def adds() -> None:
        for t in arrivals:
            calendar.add(t, two)

    add_times, assess_times = [], []
    for _ in range(rounds):
        add_times.append(_seconds(adds) / count)
        assess_times.append(_seconds(functools.partial(assess_all, cases)) / count)
    return statistics.median(assess_times) * 1e6, statistics.median(add_times) * 1e6


def primitives(
    rounds: int, count: int, *, follow_ups: bool = True
) -> tuple[float, dict[str, float]]:
    """What the primitives alone cost per case of the mix, in CPU µs: the calendar steps the
    assessments take (recorded while assessing, then replayed with the same arguments), the
    results they make (as many, each with its fields left for later), and the conversion of
    the instants (``as_of``, the request's and the events'). The time ``assess`` spends beyond
    their sum is its own work: setting up each case (its context, the assessment, each COM-9
    stepper, the parts each result keeps for later) and the clause logic.
    Returns the median of the sum over ``rounds`` rounds, and the count of each per case."""
    from expandit_policy._calendars import _micro
    from expandit_policy._evaluation import _assess, _results

    cases = generate(count, seed=7, follow_ups=follow_ups)
    steps: list[Callable[[], object]] = []
    made: list[object] = []

    def add_us(calendar: Calendar, us: int, duration: Duration, what: str = "assess") -> int:
        steps.append(functools.partial(_micro.add_us, calendar, us, duration, what))
        return _micro.add_us(calendar, us, duration, what)

    def between_us(calendar: Calendar, a: int, b: int, what: str = "assess") -> int:
        steps.append(functools.partial(_micro.between_us, calendar, a, b, what))
        return _micro.between_us(calendar, a, b, what)

    def stepper(
        calendar: Calendar, duration: Duration, what: str = "assess"
    ) -> Callable[[int], int]:
        step = _micro.stepper(calendar, duration, what)

        def recorded(us: int) -> int:
            steps.append(functools.partial(step, us))
            return step(us)

        return recorded

    def result(*args: Any) -> ClauseResult:
        made.append(None)
        return _results.made(*args)

    with contextlib.ExitStack() as patched:  # every call assess makes to them, recorded
        for name, stand_in in [
            ("add_us", add_us), ("between_us", between_us), ("stepper", stepper), ("made", result)
        ]:  # fmt: skip
            patched.enter_context(mock.patch.object(_assess, name, stand_in))
        assess_all(cases)
    later = _results._Later(lambda arg, name: None, None)
    example = assess(POLICY, cases[0], AS_OF).results[0]
    fields = (example.clause, example.kind, example.state, example.warning, 0, later)
    # as_of, the request's instant and the events', as each assessment converts them
    instants = [[AS_OF, c.request.received_at, *(e.at for e in c.events)] for c in cases]

    def replay() -> None:
        for step in steps:
            step()
        for _ in made:
            _results.made(*fields)
        for times in instants:
            _assess.instants_us(times)

    totals = [_seconds(replay) / count * 1e6 for _ in range(rounds)]
    counts = {
        "calendar steps": len(steps) / count,
        "results": len(made) / count,
        "instants": sum(map(len, instants)) / count,
    }
    return statistics.median(totals), counts


def held_per_case(count: int, *, follow_ups: bool = True) -> float:
    """The KiB an assessment of the mix holds while none of its fields has been read."""
    cases = generate(count, seed=7, follow_ups=follow_ups)
    assess_all(cases[:10])  # the caches and tables a first call fills are not the cases'
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = assess_all(cases)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    del kept
    return held / count / 1024


def per_kind(rounds: int, count: int, *, follow_ups: bool = True) -> dict[str, float]:
    """The median time of one assess, in µs, for ``count`` cases of each kind of request."""
    out = {}
    for name in REQUESTS:
        cases = generate(count, kinds=(name,), follow_ups=follow_ups)
        times = [_seconds(functools.partial(assess_all, cases)) / count for _ in range(rounds)]
        out[name] = statistics.median(times) * 1e6
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="small batches, for a smoke test")
    parser.add_argument(
        "--no-follow-ups", action="store_true", help="the mix without follow-up messages"
    )
    args = parser.parse_args(argv)
    follow_ups = not args.no_follow_ups
    sizes = (100, 300, 1_000) if args.quick else (1_000, 10_000, 100_000)
    rounds, per_kind_count = (1, 20) if args.quick else (5, 300)

    mix = "with follow-up messages" if follow_ups else "without follow-up messages"
    print(f"assess on the Danish desk ({ZONE}), policy {POLICY.version}, as of {AS_OF}; {mix}")
    one, add = against_add(rounds * 2 + 1, 1_000 if not args.quick else 100, follow_ups=follow_ups)
    print(
        f"\nassess per case in the mix: {one:.1f} µs; one add(BusinessHours(2)) on the same "
        f"calendar: {add:.2f} µs; ratio {one / add:.1f}x (target: at most 10x)"
    )
    floor, counts = primitives(
        rounds * 2 + 1, 1_000 if not args.quick else 100, follow_ups=follow_ups
    )
    print(
        f"its primitives alone ({counts['calendar steps']:.1f} calendar steps, "
        f"{counts['results']:.1f} results, {counts['instants']:.1f} instants per case): "
        f"{floor:.1f} µs, {floor / add:.1f}x the add; the rest (setting up, clause logic): "
        f"{one - floor:.1f} µs"
    )
    held = held_per_case(1_000 if not args.quick else 100, follow_ups=follow_ups)
    print(f"an assessment none of whose fields is read holds {held:.1f} KiB per case")
    print(f"\nassess, median CPU µs per case ({rounds} rounds of {per_kind_count} cases):")
    for name, us in per_kind(rounds, per_kind_count, follow_ups=follow_ups).items():
        print(f"  {name:<17} {us:8.1f}")

    print("\nassess over growing batches (one pass each):")
    print(f"  {'cases':>8} {'generate s':>11} {'assess s':>9} {'µs/case':>8} {'vs first':>8}")
    first = None
    largest: list[Case] = []
    for n in sizes:
        t0 = time.perf_counter()
        largest = generate(n, seed=n, follow_ups=follow_ups)
        made = time.perf_counter() - t0
        took = _seconds(functools.partial(assess_all, largest))
        per_case = took / n * 1e6
        first = first or per_case
        print(f"  {n:>8,} {made:>11.2f} {took:>9.2f} {per_case:>8.1f} {per_case / first:>7.2f}x")

    results: list[object] = []
    took = _seconds(lambda: results.extend(agenda(POLICY, largest, AS_OF)))
    print(f"\nagenda over {len(largest):,} cases: {took:.2f} s, {len(results):,} items")
    assessments = [assess(POLICY, c, AS_OF) for c in largest]
    rows: list[object] = []
    took = _seconds(lambda: rows.extend(report(assessments)))
    print(f"report over {len(assessments):,} assessments: {took:.3f} s, {len(rows)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
