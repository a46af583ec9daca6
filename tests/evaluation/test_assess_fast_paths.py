"""The shortcuts ``assess`` takes give what the general path gives: an event's instant read
through its zone's table equals the careful conversion, COM-5's decision made from checked
values equals ``coverage()``'s, and every result ``assess`` builds without validators is one
the validators accept, explanation included."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    BusinessDays,
    BusinessHours,
    ClauseResult,
    ContactCadence,
    CoverageDecision,
    EndCustomer,
    RequestKind,
    assess,
    coverage,
    strategies,
)
from expandit_policy._domain._coverage import decide
from expandit_policy._evaluation._assess import event_us
from expandit_policy._time import to_us
from tests.budget import share

CPH = "Europe/Copenhagen"
UTC = "UTC"


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        # an ordinary winter and summer instant, then either side of the spring gap (02:00 ->
        # 03:00 on 29 March 2026) and both readings of the autumn fold (03:00 -> 02:00 on
        # 25 October 2026), where the zone's table defers to the careful conversion
        (
            pendulum.datetime(2026, 3, 5, 10, 30, tz=CPH),
            pendulum.datetime(2026, 3, 5, 9, 30, tz=UTC),
        ),
        (pendulum.datetime(2026, 7, 1, 9, tz=CPH), pendulum.datetime(2026, 7, 1, 7, tz=UTC)),
        (
            pendulum.datetime(2026, 3, 29, 1, 59, tz=CPH),
            pendulum.datetime(2026, 3, 29, 0, 59, tz=UTC),
        ),
        (pendulum.datetime(2026, 3, 29, 3, tz=CPH), pendulum.datetime(2026, 3, 29, 1, tz=UTC)),
        (
            pendulum.datetime(2026, 10, 25, 2, 30, tz=CPH, fold=0),
            pendulum.datetime(2026, 10, 25, 0, 30, tz=UTC),
        ),
        (
            pendulum.datetime(2026, 10, 25, 2, 30, tz=CPH, fold=1),
            pendulum.datetime(2026, 10, 25, 1, 30, tz=UTC),
        ),
        # a stdlib datetime, and a far year, each the careful way
        (
            dt.datetime(2026, 3, 5, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            pendulum.datetime(2026, 3, 5, 9, 30, tz=UTC),
        ),
        (pendulum.datetime(9998, 6, 1, 12, tz=CPH), pendulum.datetime(9998, 6, 1, 10, tz=UTC)),
    ],
)
def test_event_instants_by_hand(local: dt.datetime, utc: dt.datetime) -> None:
    epoch = pendulum.datetime(1970, 1, 1, tz=UTC)
    expected = int((utc - epoch).total_seconds()) * 1_000_000
    assert event_us(local) == expected == to_us(local)


@given(strategies.instants(gaps_and_folds=True))
def test_event_instants_equal_the_careful_conversion(t: dt.datetime) -> None:
    assert event_us(t) == to_us(t)


@given(
    st.sampled_from(RequestKind),
    strategies.parties(),
    st.lists(strategies.licences(), max_size=3),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)),
)
def test_decide_is_coverage(
    kind: RequestKind, party: object, licences: list[object], on: dt.date
) -> None:
    decided = decide(kind, party, tuple(licences), lambda: on)  # type: ignore[arg-type]
    assert decided == coverage(kind, party, licences, on)  # type: ignore[arg-type]
    rebuilt = CoverageDecision(decided.coverage, decided.reasons, decided.licence)
    assert rebuilt == decided


def test_decide_reads_the_day_only_for_licences_on_record() -> None:
    def never() -> dt.date:
        raise AssertionError("the day was asked for")

    decided = decide(RequestKind.FIX, EndCustomer("Acme"), (), never)
    assert decided.reasons == (
        "COM-5: whether a fix for end customer 'Acme' is covered is unknown: no licence held "
        "by or for them is on record",
    )


#: Every clause with a clock, COM-9 with two cadences, so that every way of building a result
#: is taken.
POLICY = (
    EXPANDIT_POLICY.with_reading("MAIL-2", BusinessDays(5))
    .with_reading("COM-9", BusinessDays(3))
    .with_cadence(ContactCadence(BusinessHours(6), party_kind="partner"))
)


@settings(max_examples=share(1.0))
@given(strategies.case_lifecycles(), st.integers(0, 40 * 24 * 60))
def test_results_built_without_validators_pass_them(case: object, minutes: int) -> None:
    as_of = case.request.received_at.add(minutes=minutes)  # type: ignore[attr-defined]
    assessment = assess(POLICY, case, as_of)  # type: ignore[arg-type]
    for result in assessment.results:
        fields = attrs.asdict(result, recurse=False)
        assert ClauseResult(**fields) == result
        assert all(isinstance(line, str) and line for line in result.explanation)
        assert result.explanation[0].startswith(f"{result.clause}: ")


@given(strategies.policies(), st.data())
def test_a_reading_is_the_first_of_its_clause(policy: Any, data: st.DataObject) -> None:
    for reading in policy.readings:
        assert policy.reading(reading.clause) == next(
            r for r in policy.readings if r.clause == reading.clause
        )
    clause = data.draw(st.sampled_from([r.clause for r in policy.readings]))
    changed = policy.with_reading(clause, BusinessHours(3))
    assert changed.reading(clause).duration == BusinessHours(3)
    assert policy.reading(clause) == next(r for r in policy.readings if r.clause == clause)


@pytest.mark.parametrize(
    ("licences", "got"), [(5, "5 (int)"), ("Commerce", "'Commerce' (str)"), (None, "None")]
)
def test_licences_that_are_not_a_collection_are_refused(licences: Any, got: str) -> None:
    # a number used to escape as Python's own TypeError, and a text was read letter by letter
    from expandit_policy import (
        Case,
        Channel,
        Contact,
        EndCustomer,
        Request,
        WrongTypeError,
    )

    ada = Contact("Ada Jensen", "ada@acme.dk")
    t = pendulum.datetime(2026, 3, 2, 9, tz=CPH)
    case = Case(
        Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.FIX, t, ada, EndCustomer("Acme", [ada]))
    )
    with pytest.raises(WrongTypeError) as caught:
        assess(EXPANDIT_POLICY, case, t.add(hours=1), licences=licences)
    assert str(caught.value).startswith("licences must be a collection")
    assert got in str(caught.value)
