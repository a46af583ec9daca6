"""Instants in the hour a change of clocks repeats: values compare them by the moment they name,
and pickling keeps which of the two it is (pendulum alone loses ``fold``)."""

from __future__ import annotations

import datetime as dt
import pickle

import pendulum
import pytest

from expandit_policy import (
    Absence,
    AgendaItem,
    Channel,
    ClauseState,
    Closed,
    Closure,
    Contact,
    EndCustomer,
    Mailbox,
    Opening,
    Replied,
    Request,
    RequestKind,
    WarningLevel,
)

# 25 October 2026: Copenhagen's clocks go from 03:00 CEST back to 02:00 CET, so 02:30 happens
# twice, first at +02:00 (fold=0), an hour later at +01:00 (fold=1).
FIRST = pendulum.datetime(2026, 10, 25, 2, 30, tz="Europe/Copenhagen", fold=0)
SECOND = pendulum.datetime(2026, 10, 25, 2, 30, tz="Europe/Copenhagen", fold=1)
ADA = Contact("Ada Jensen", "ada@acme.dk")


def values(t: dt.datetime) -> list[object]:
    end = t + dt.timedelta(hours=3)
    return [
        Closed(t),
        Replied(t, Mailbox.support(), ("ada@acme.dk",), ()),
        Request("R-1", Channel.PHONE, RequestKind.QUESTION, t, ADA, EndCustomer("Acme", [ADA])),
        Closure(t, end, "stocktaking"),
        Opening(t, end, "launch"),
        Absence(t, end),
        AgendaItem("R-1", "MAIL-1", ClauseState.RUNNING, t, WarningLevel.NONE, ("x",), None, 0,
                   None, None, None, t),
    ]  # fmt: skip


def test_the_two_half_past_twos_are_an_hour_apart() -> None:
    assert (FIRST.fold, SECOND.fold) == (0, 1)  # pendulum.datetime alone picks the second
    assert SECOND.timestamp() - FIRST.timestamp() == 3600


@pytest.mark.parametrize("index", range(7))
def test_values_at_the_second_half_past_two_pickle_as_they_were(index: int) -> None:
    value = values(SECOND)[index]
    back = pickle.loads(pickle.dumps(value))
    assert back == value
    assert back != values(FIRST)[index]
    # and every instant kept its offset: the second 02:30 is at +01:00
    assert pickle.dumps(back) == pickle.dumps(value)
    assert "+01:00" in repr(to_offsets(back))


def to_offsets(value: object) -> list[str]:
    import attrs

    return [
        str(getattr(value, f.name).utcoffset())
        .replace("1:00:00", "+01:00")
        .replace("2:00:00", "+02:00")
        for f in attrs.fields(type(value))  # type: ignore[arg-type]  # the values are attrs
        if isinstance(getattr(value, f.name), dt.datetime)
    ]


@pytest.mark.parametrize("index", range(7))
def test_values_compare_instants_by_their_moment(index: int) -> None:
    value = values(SECOND)[index]
    same_moment = values(SECOND.in_timezone("UTC"))[index]
    fixed = values(dt.datetime.fromisoformat("2026-10-25T02:30:00+01:00"))[index]
    assert value == same_moment == fixed
    assert hash(value) == hash(same_moment) == hash(fixed)
    assert value != values(FIRST)[index]


def test_an_assessment_in_the_repeated_hour_pickles_as_it_was() -> None:
    from expandit_policy import EXPANDIT_POLICY, Case, assess, to_records

    request = values(SECOND)[2]
    replied = values(SECOND.add(minutes=15))[1]
    made = assess(EXPANDIT_POLICY, Case(request, [replied]), SECOND.add(minutes=20))  # type: ignore[arg-type, list-item]
    back = pickle.loads(pickle.dumps(made))
    assert back == made
    assert back.as_of.utcoffset() == dt.timedelta(hours=1)  # the second 02:50, not the first
    assert to_records([back]) == to_records([made])  # every instant of every result kept
    first = assess(EXPANDIT_POLICY, Case(values(FIRST)[2], [values(FIRST.add(minutes=15))[1]]), FIRST.add(minutes=20))  # type: ignore[arg-type, list-item]  # fmt: skip
    assert back != first  # an hour earlier: not equal, though the wall times are the same
