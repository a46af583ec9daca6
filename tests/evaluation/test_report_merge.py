"""Report: partial reports of separate batches merge into exactly the report of the whole
(AIM-1, AIM-2), by hand-worked batches and by the laws of merging."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import itertools
import weakref
from collections.abc import Iterator

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    Assessment,
    Case,
    Channel,
    InvalidValueError,
    Report,
    ReportRow,
    WrongTypeError,
    assess,
    report,
    strategies,
)
from tests.evaluation.strategies import cph, reply, request

M = dt.timedelta(minutes=1)


def _case(case_id: str, replied: pendulum.DateTime) -> Case:
    return Case(attrs.evolve(request(at=cph(2, 9)), id=case_id), [reply(replied)])


def _assessed(*cases: Case) -> list[Assessment]:
    return [assess(EXPANDIT_POLICY, c, cph(2, 15, 30)) for c in cases]


# Four support questions at 09:00, answered after 30, 150, 60 and 90 minutes.
FIRST = _assessed(_case("S-0", cph(2, 9, 30)), _case("S-1", cph(2, 11, 30)))
SECOND = _assessed(_case("S-2", cph(2, 10)), _case("S-3", cph(2, 10, 30)))


def _mail_1(r: Report) -> ReportRow:
    [row] = [row for row in r.rows if row.clause == "MAIL-1"]
    return row


def test_AIM_2_merged_percentiles_come_from_the_combined_times_not_from_the_parts() -> None:
    first, second = Report.of(FIRST), Report.of(SECOND)
    assert _mail_1(first).median_time_to_meet == 90 * M  # 30 and 150
    assert _mail_1(second).median_time_to_meet == 75 * M  # 60 and 90
    merged = _mail_1(first + second)
    assert merged.times_to_meet == (30 * M, 60 * M, 90 * M, 150 * M)
    assert merged.median_time_to_meet == 75 * M  # (60 + 90) / 2, not the mean of 90 and 75
    assert merged.p90_time_to_meet == 150 * M
    assert (merged.met, merged.met_late, merged.compliance_rate) == (3, 1, 0.75)
    assert merged.cases == ("S-0", "S-1", "S-2", "S-3")
    assert first + second == Report.of(FIRST + SECOND)
    assert (first + second).rows == report(FIRST + SECOND)


def test_AIM_1_merging_with_the_empty_report_changes_nothing() -> None:
    whole = Report.of(FIRST)
    assert whole + Report() == whole == Report() + whole
    assert whole.merge(Report()) is whole


def test_AIM_1_a_case_in_two_batches_is_listed_once() -> None:
    again = Report.of(FIRST) + Report.of(FIRST[:1])
    assert _mail_1(again).cases == ("S-0", "S-1")
    assert _mail_1(again).met == 2  # S-0 counted in both batches, listed once


def test_AIM_1_a_report_is_built_from_rows_sorted_and_refuses_two_rows_for_one_group() -> None:
    rows = report(FIRST)
    assert Report(reversed(rows)).rows == rows
    with pytest.raises(InvalidValueError, match=r"one row per clause, channel and party kind, got two for MAIL-1, 'support mailbox', 'end customer'"):  # fmt: skip
        Report([*rows, _mail_1(Report.of(SECOND))])
    with pytest.raises(WrongTypeError, match=r"Report.rows\[0\] must be a ReportRow, got 'MAIL-1' \(str\)"):  # fmt: skip
        Report(["MAIL-1"])  # type: ignore[list-item]
    with pytest.raises(WrongTypeError, match=r"a Report merges only with a Report, got a tuple; make one with Report.of\(assessments\) or Report\(rows\)"):  # fmt: skip
        Report().merge(rows)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Report() + rows


def test_AIM_1_report_refuses_what_is_not_an_assessment_in_a_generator_too() -> None:
    with pytest.raises(WrongTypeError, match="assessments must hold Assessment values"):
        Report.of(x for x in [FIRST[0], request()])  # type: ignore[misc]


def test_AIM_1_report_over_a_generator_keeps_no_assessment() -> None:
    seen: list[weakref.ref[Assessment]] = []

    def assessed() -> Iterator[Assessment]:
        for k, minutes in enumerate((30, 60, 90)):
            a = assess(EXPANDIT_POLICY, _case(f"S-{k}", cph(2, 9).add(minutes=minutes)), cph(2, 15))
            seen.append(weakref.ref(a))
            yield a
            del a
        # The loop that reads this generator still holds the last one it was given.
        gc.collect()
        assert [r() is None for r in seen[:-1]] == [True, True], "report kept an assessment"

    rows = report(assessed())
    assert _mail_1(Report(rows)).met == 3
    assert len(seen) == 3


# -- laws -------------------------------------------------------------------------------------

_RECEIVED = strategies.arrivals(
    timezones=st.sampled_from(["Europe/Copenhagen", "Europe/Berlin", "UTC"]),
    min_value=pendulum.datetime(2026, 1, 1, tz="UTC"),
    max_value=pendulum.datetime(2027, 1, 1, tz="UTC"),
)
_LIFECYCLES = strategies.case_lifecycles(requests=strategies.requests(received=_RECEIVED))


@st.composite
def assessment_batches(draw: st.DrawFn, max_size: int = 6) -> list[Assessment]:
    batch = draw(st.lists(_LIFECYCLES, max_size=max_size))
    later = draw(st.integers(0, 40 * 24 * 3600))
    return [
        assess(EXPANDIT_POLICY, c, c.request.received_at + dt.timedelta(seconds=later))
        for c in batch
    ]


def _split(data: st.DataObject, batch: list[Assessment]) -> list[list[Assessment]]:
    """``batch`` cut into consecutive parts, some of them empty, as a job splits its input."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(batch)), max_size=4)))
    bounds = [0, *cuts, len(batch)]
    return [batch[a:b] for a, b in itertools.pairwise(bounds)]


@given(assessment_batches(), st.data())
def test_the_merged_reports_of_the_parts_of_a_batch_are_the_report_of_the_whole(
    batch: list[Assessment], data: st.DataObject
) -> None:
    parts = _split(data, batch)
    merged = functools.reduce(Report.merge, (Report.of(p) for p in parts), Report())
    assert merged == Report.of(batch)
    assert merged.rows == report(batch)


@given(st.lists(assessment_batches(max_size=3), min_size=3, max_size=3))
def test_merging_reports_is_associative(batches: list[list[Assessment]]) -> None:
    a, b, c = (Report.of(batch) for batch in batches)
    assert (a + b) + c == a + (b + c)


@given(st.lists(assessment_batches(max_size=3), min_size=2, max_size=2))
def test_merging_reports_commutes_but_for_the_order_of_the_cases_listed(
    batches: list[list[Assessment]],
) -> None:
    a, b = (Report.of(batch) for batch in batches)

    def unordered(r: Report) -> list[ReportRow]:
        return [attrs.evolve(row, cases=sorted(row.cases)) for row in r.rows]

    assert unordered(a + b) == unordered(b + a)


def test_AIM_1_rows_of_every_channel_merge_in_catalogue_order() -> None:
    phone = Case(attrs.evolve(request(Channel.PHONE), id="T-1"))
    merged = Report.of(FIRST) + Report.of(_assessed(phone))
    assert merged.rows == report([*FIRST, *_assessed(phone)])
