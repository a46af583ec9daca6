"""The laws of the interchange, for every public value type (values from the public strategies):
a value written and read back is the value; the written form is plain JSON and reads back to
the same text; reading never changes its input."""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import json
import types
import zoneinfo
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import expandit_policy
from expandit_policy import (
    SCHEMA_VERSION,
    AgendaItem,
    Assessment,
    Calendar,
    Case,
    CaseEvent,
    ClauseResult,
    Closed,
    Duration,
    Party,
    PolicyHistory,
    Report,
    ReportRow,
    dump_cases,
    from_json_dict,
    load_cases,
    strategies,
    to_json_dict,
)
from expandit_policy._interchange._converter import CONVERTER, public_types, unions, value_types

TYPES = value_types()


def test_every_public_value_type_has_a_json_form() -> None:
    # Written from the public surface, not from the table: a value type is a frozen attrs class.
    exported = {getattr(expandit_policy, name) for name in expandit_policy.__all__}
    value_classes = {v for v in exported if inspect.isclass(v) and attrs.has(v)}
    assert set(TYPES) == value_classes
    assert {Case, expandit_policy.Policy, Closed, expandit_policy.Money} <= set(TYPES)
    assert not {expandit_policy.Channel, expandit_policy.PolicyError} & set(TYPES)
    for kind in TYPES:
        assert CONVERTER.get_structure_hook(kind) is not None


def test_a_new_public_value_type_and_union_are_picked_up_without_a_list_to_edit() -> None:
    @attrs.frozen
    class Note:
        text: str

    @attrs.frozen
    class Flag:
        on: bool

    package = types.SimpleNamespace(
        __all__=["Channel", "Flag", "Marks", "Note", "Number", "Replied"],
        Channel=expandit_policy.Channel,
        Flag=Flag,
        Marks=Note | Flag,
        Note=Note,
        Number=expandit_policy.Number,
        Replied=expandit_policy.Replied,
    )
    classes, found = public_types(package)
    assert classes == (Flag, Note, expandit_policy.Replied)
    assert found == {"Marks": Note | Flag}


def test_the_unions_written_in_tagged_form_are_the_public_ones() -> None:
    assert unions() == {
        "Calendar": Calendar,
        "CaseEvent": CaseEvent,
        "Duration": Duration,
        "Party": Party,
    }


def moments(value: object) -> object:
    """``value`` with every instant as its moment and offset: what a document keeps of it."""
    if isinstance(value, dt.datetime):
        return ("instant", value.timestamp(), value.utcoffset())
    kind = type(value)
    if attrs.has(kind):
        fields = attrs.fields(kind)
        return (kind.__name__, *(moments(getattr(value, f.name)) for f in fields if f.init))
    if isinstance(value, tuple | list):
        return tuple(moments(v) for v in value)
    if isinstance(value, frozenset):
        return frozenset(moments(v) for v in value)
    if hasattr(value, "holidays"):  # a workalendar calendar: known by its class
        return (type(value).__module__, type(value).__qualname__)
    return value


def written_and_read_back(kind: type[Any], value: object) -> None:
    document = to_json_dict(value)
    text = json.dumps(document)
    assert json.loads(text) == document  # plain JSON: nothing but dicts, lists, str, numbers
    assert (document["schema"], document["type"]) == (SCHEMA_VERSION, kind.__name__)
    read = from_json_dict(kind, json.loads(text))
    assert json.dumps(to_json_dict(read)) == text  # the same text again
    assert moments(read) == moments(value)
    assert read == value


# Values made by assessing cases are slow to draw: they run on a fifth of the examples.
SLOW = (Assessment, AgendaItem, ClauseResult, Report, ReportRow, PolicyHistory)


@pytest.mark.parametrize("kind", [t for t in TYPES if t not in SLOW], ids=lambda t: t.__name__)
@given(data=st.data())
def test_a_value_written_and_read_back_is_the_value(kind: type[Any], data: st.DataObject) -> None:
    written_and_read_back(kind, data.draw(st.from_type(kind)))


@pytest.mark.parametrize("kind", SLOW, ids=lambda t: t.__name__)
@settings(max_examples=max(10, settings().max_examples // 5))
@given(data=st.data())
def test_an_assessed_value_written_and_read_back_is_the_value(
    kind: type[Any], data: st.DataObject
) -> None:
    written_and_read_back(kind, data.draw(st.from_type(kind)))


@pytest.mark.parametrize(
    ("union", "values"),
    [
        (CaseEvent, strategies.case_events()),
        (Party, strategies.parties()),
        (Duration, strategies.durations()),
        (Calendar, strategies.calendars()),
    ],
    ids=["CaseEvent", "Party", "Duration", "Calendar"],
)
@given(data=st.data())
def test_a_member_of_a_union_reads_back_through_the_union(
    union: object, values: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    value = data.draw(values)
    read = from_json_dict(union, to_json_dict(value))
    assert moments(read) == moments(value)
    assert read == value


@given(st.lists(strategies.cases(), max_size=5))
def test_a_batch_of_cases_written_and_read_back_is_the_batch(cases: list[Case]) -> None:
    document = json.loads(json.dumps(dump_cases(cases)))
    before = copy.deepcopy(document)
    read = load_cases(document)
    assert moments(read) == moments(cases)
    assert read == tuple(cases)
    assert document == before  # reading does not change its input
    assert dump_cases(load_cases(document)) == document


@given(strategies.policies())
def test_reading_a_document_does_not_change_it(policy: expandit_policy.Policy) -> None:
    document = to_json_dict(policy)
    before = copy.deepcopy(document)
    from_json_dict(expandit_policy.Policy, document)
    assert document == before


@given(strategies.instants(gaps_and_folds=True))
def test_an_instant_keeps_its_offset_and_its_moment(t: dt.datetime) -> None:
    written = to_json_dict(Closed(t))["at"]
    read = from_json_dict(
        CaseEvent, {"schema": SCHEMA_VERSION, "type": "Closed", "at": written, "reason": None}
    ).at
    assert read.utcoffset() == t.utcoffset()
    assert read.timestamp() == t.timestamp()
    assert read.isoformat() == written == t.isoformat()


def test_an_instant_in_a_repeated_hour_keeps_its_moment_but_not_its_zone() -> None:
    # 02:30 happens twice in Copenhagen on 25 October 2026. The document keeps the offset, so
    # the moment survives and the zone's name does not. Values compare instants by the moment
    # they name, where Python alone never calls a time whose offset depends on ``fold`` equal to
    # a time in another zone.
    copenhagen = zoneinfo.ZoneInfo("Europe/Copenhagen")
    for fold in (0, 1):
        t = dt.datetime(2026, 10, 25, 2, 30, fold=fold, tzinfo=copenhagen)
        document = to_json_dict(Closed(t))
        read = from_json_dict(Closed, document).at
        assert read.timestamp() == t.timestamp()
        assert document["at"] == ("2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00")[fold]
        assert to_json_dict(Closed(read)) == document
        assert Closed(read) == Closed(t)  # the same moment: equal values, whatever names the zone
        assert Closed(read) != Closed(t.replace(fold=1 - fold))  # an hour apart
        assert hash(Closed(read)) == hash(Closed(t))
