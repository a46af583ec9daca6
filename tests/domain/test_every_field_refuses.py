"""Every field of every public value class of the domain, calendar and policy layers refuses a
wrong value with the library's own typed error: a ``PolicyError`` subclass whose message names
the field, with no attrs repr and no private module path in it.

The classes are read from ``expandit_policy.__all__``, so a class added to those layers is
covered without a change here. Each is built from a valid value that the library's own
Hypothesis strategies draw, with one field replaced at a time.
"""

from __future__ import annotations

import datetime as dt
import inspect
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import expandit_policy
from expandit_policy import NaiveDatetimeError, PolicyError
from tests.budget import share

#: The layers whose values are checked here.
LAYERS = (
    "expandit_policy._domain.",
    "expandit_policy._calendars.",
    "expandit_policy._policy.",
    "expandit_policy._evaluation.",
    "expandit_policy._interchange.",
)

CLASSES = sorted(
    (
        obj
        for name in expandit_policy.__all__
        if inspect.isclass(obj := getattr(expandit_policy, name))
        and attrs.has(obj)
        and obj.__module__.startswith(LAYERS)
    ),
    key=lambda cls: cls.__name__,
)

#: Fields of free text: a note, a reason, a name for people to read. They may hold control
#: characters (a note may run over several lines). Every other text field is an identifier, a
#: code or a choice, shown on one line, and refuses them.
FREE_TEXT = {
    "AgendaItem.explanation",
    "Assessment.policy_version",
    "Clause.summary",
    "ClauseResult.explanation",
    "Closure.reason",
    "FeeNoticeSent.note",
    "Grant.reason",
    "Holiday.name",
    "HolidayRule.name",
    "Opening.reason",
    "Policy.version",
    "Reading.description",
}


class _Nothing:
    """A value of no type any field accepts, with a repr a message may show."""

    def __repr__(self) -> str:
        return "<nothing>"


NOTHING = _Nothing()


def _build(cls: Any, *args: Any, **kwargs: Any) -> object:
    """``cls(*args, **kwargs)``, with arguments of any type, as a caller without a type checker
    passes them."""
    return cls(*args, **kwargs)


def _fields(cls: type) -> dict[str, str]:
    """The fields a caller gives: each one's argument name, and the attribute that keeps it."""
    return {f.alias or f.name: f.name for f in attrs.fields(cls) if f.init}


def _given(value: object) -> dict[str, Any]:
    """The keyword arguments that build ``value`` again."""
    return {alias: getattr(value, name) for alias, name in _fields(type(value)).items()}


def _assert_refused(cls: type, field: str, kwargs: dict[str, Any]) -> None:
    with pytest.raises(PolicyError) as caught:
        cls(**kwargs)
    message = str(caught.value)
    assert field in message, f"{cls.__name__}.{field}: {message}"
    assert "Attribute(" not in message, message
    assert "expandit_policy._" not in message, message


def test_the_classes_are_found() -> None:
    names = {cls.__name__ for cls in CLASSES}
    # One of each layer, so that an empty list (a renamed module) cannot pass unnoticed.
    assert {"Request", "Case", "BusinessCalendar", "HolidayRule", "Policy", "Reading"} <= names
    assert {"ClauseResult", "Assessment", "AgendaItem", "ReportRow", "RefusedCase"} <= names
    assert all(f"{n.split('.')[0]}" in names for n in FREE_TEXT)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=share(0.1, at_least=3))
@given(data=st.data())
def test_every_field_refuses_a_value_of_no_fitting_type(cls: type, data: st.DataObject) -> None:
    kwargs = _given(data.draw(st.from_type(cls), label=cls.__name__))
    for field in _fields(cls):
        _assert_refused(cls, field, {**kwargs, field: NOTHING})


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=share(0.1, at_least=3))
@given(data=st.data())
def test_every_text_field_refuses_a_lone_surrogate(cls: type, data: st.DataObject) -> None:
    kwargs = _given(data.draw(st.from_type(cls), label=cls.__name__))
    for field in _fields(cls):
        value = kwargs[field]
        if isinstance(value, str):
            _assert_refused(cls, field, {**kwargs, field: value + "\ud800"})
        elif isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            bad = (*value[:-1], value[-1] + "\udc80")
            _assert_refused(cls, field, {**kwargs, field: bad})


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=share(0.1, at_least=3))
@given(data=st.data(), control=st.sampled_from(["\x1b", "\n", "\r", "\x00", "\x7f", "\u2028"]))
def test_every_identifier_refuses_a_control_character(
    cls: type, data: st.DataObject, control: str
) -> None:
    kwargs = _given(data.draw(st.from_type(cls), label=cls.__name__))
    for field in _fields(cls):
        value = kwargs[field]
        if isinstance(value, str) and f"{cls.__name__}.{field}" not in FREE_TEXT:
            _assert_refused(cls, field, {**kwargs, field: value + control})


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=share(0.1, at_least=3))
@given(data=st.data())
def test_every_instant_refuses_a_naive_datetime(cls: type, data: st.DataObject) -> None:
    kwargs = _given(data.draw(st.from_type(cls), label=cls.__name__))
    for field in _fields(cls):
        value = kwargs[field]
        if isinstance(value, dt.datetime):
            naive = dt.datetime(*value.timetuple()[:6], value.microsecond)
            with pytest.raises(NaiveDatetimeError, match=field):
                cls(**{**kwargs, field: naive})


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=share(0.1, at_least=3))
@given(data=st.data())
def test_every_day_refuses_a_datetime(cls: type, data: st.DataObject) -> None:
    kwargs = _given(data.draw(st.from_type(cls), label=cls.__name__))
    for field in _fields(cls):
        value = kwargs[field]
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            moment = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
            _assert_refused(cls, field, {**kwargs, field: moment})


@pytest.mark.parametrize(
    ("make", "field"),
    [
        pytest.param(lambda: _build(expandit_policy.HolidayRule, "x\ud800", 1, 1), "HolidayRule.name", id="HolidayRule.name"),
        pytest.param(lambda: _build(expandit_policy.Holiday, dt.date(2026, 1, 1), "\udfff"), "Holiday.name", id="Holiday.name"),
        pytest.param(lambda: _build(expandit_policy.HolidayRule, 7, 1, 1), "HolidayRule.name", id="HolidayRule.name type"),
        pytest.param(lambda: _build(expandit_policy.Holiday, dt.date(2026, 1, 1), 7), "Holiday.name", id="Holiday.name type"),
        pytest.param(lambda: _build(expandit_policy.BusinessCalendar, "UTC", expandit_policy.WorkingHours.from_weekly({"mon": [("08:00", "16:00")]}), name=7), "BusinessCalendar.name", id="BusinessCalendar.name type"),
        pytest.param(lambda: expandit_policy.BusinessCalendar.from_weekly("UTC", {"mon": [("08:00", "16:00")]}, name="desk\x1b[2J"), "BusinessCalendar.name", id="BusinessCalendar.name control"),
        pytest.param(lambda: _build(expandit_policy.HolidayRule, "x", "1", 1), "HolidayRule.month", id="HolidayRule.month type"),
        pytest.param(lambda: _build(expandit_policy.HolidayRule, "x", 13, 1), "HolidayRule.month", id="HolidayRule.month range"),
        pytest.param(lambda: _build(expandit_policy.HolidayRule, "x", 1, 0), "HolidayRule.day", id="HolidayRule.day range"),
        pytest.param(lambda: _build(expandit_policy.HolidayRule, "x", 1, True), "HolidayRule.day", id="HolidayRule.day bool"),
        pytest.param(lambda: _build(expandit_policy.Window, 0, 3600, 1), "Window.overnight", id="Window.overnight int"),
        pytest.param(lambda: _build(expandit_policy.AutoReply, 1), "AutoReply.enabled", id="AutoReply.enabled int"),
        pytest.param(lambda: _build(expandit_policy.AutoReply, True, "support@expandit.com"), "AutoReply.alternative", id="AutoReply.alternative str"),
        pytest.param(lambda: _build(expandit_policy.Routing, "quote", expandit_policy.ServiceTeam.SALES, expandit_policy.ServiceTeam.SUPPORT), "Routing.kind", id="Routing.kind str"),
        pytest.param(lambda: _build(expandit_policy.Clause, "MAIL-1", "deadline", "x"), "Clause.kind", id="Clause.kind str"),
        pytest.param(lambda: _build(expandit_policy.ComposedCalendar, "or", expandit_policy.presets.denmark(), expandit_policy.presets.denmark()), "ComposedCalendar.operation", id="ComposedCalendar.operation"),
        pytest.param(lambda: _build(expandit_policy.ComposedCalendar, "union", expandit_policy.presets.denmark(), "dk"), "ComposedCalendar.right", id="ComposedCalendar.right"),
        pytest.param(lambda: _build(expandit_policy.Policy, "2026.\ud800", dt.date(2026, 1, 1)), "Policy.version", id="Policy.version surrogate"),
        pytest.param(lambda: _build(expandit_policy.Reading, "MAIL-1", None, "\ud800"), "Reading.description", id="Reading.description surrogate"),
        pytest.param(lambda: _build(expandit_policy.Decision, True, "COM-10", ["COM-10: \ud800"]), "Decision.reasons[0]", id="Decision.reasons surrogate"),
        pytest.param(lambda: _build(expandit_policy.Holidays, source=object()), "Holidays.source", id="Holidays.source without holidays(year)"),
        pytest.param(lambda: _build(expandit_policy.BusinessCalendar, "UTC", expandit_policy.WorkingHours.from_weekly({"mon": [("08:00", "16:00")]}), closures=5), "closures", id="BusinessCalendar.closures not a collection"),
    ],
)  # fmt: skip
def test_the_fields_found_unconverted_say_what_they_expect(make: Any, field: str) -> None:
    """A table of the fields that let a raw attrs message (or none at all) through before."""
    with pytest.raises(PolicyError) as caught:
        make()
    message = str(caught.value)
    assert field in message
    assert "must" in message and "got" in message, message
    assert "Attribute(" not in message and "expandit_policy._" not in message, message
