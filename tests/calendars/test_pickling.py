"""Pickling: values, calendars and policies round-trip, and a calendar ships its definition only
(neither its compiled years nor the years its holiday source cached), so one used for decades
pickles as small as a fresh one."""

from __future__ import annotations

import datetime as dt
import importlib.util
import inspect
import pathlib
import pickle
import sys
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workalendar.europe import Denmark

import expandit_policy
from expandit_policy import (
    EXPANDIT_POLICY,
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    Calendar,
    Channel,
    DeskCalendar,
    Holidays,
    Policy,
    PolicyHistory,
    presets,
    strategies,
)
from tests.budget import share

VALUE_CLASSES = [
    obj
    for name in expandit_policy.__all__
    if inspect.isclass(obj := getattr(expandit_policy, name)) and attrs.has(obj)
]

YEARS = range(1990, 2061)


def _use(calendar: Calendar) -> None:
    """A deadline in every year of ``YEARS`` and a span across them: every year compiled, and
    every year asked of the holiday source."""
    zone = calendar.timezone
    for year in YEARS:
        calendar.add(pendulum.datetime(year, 3, 2, 9, tz=zone), BusinessHours(2))
        calendar.add(pendulum.datetime(year, 12, 20, 9, tz=zone), BusinessDays(3))
    calendar.between(
        pendulum.datetime(YEARS[0], 1, 1, tz=zone), pendulum.datetime(YEARS[-1], 12, 1, tz=zone)
    )


def _history() -> PolicyHistory:
    later = attrs.evolve(
        EXPANDIT_POLICY.with_reading("MAIL-1", BusinessHours(1)),
        version="2026.2",
        effective_from=dt.date(2026, 7, 1),
        calendar=presets.germany("BY"),
    )
    return PolicyHistory([EXPANDIT_POLICY, later])


def _desk() -> DeskCalendar:
    return DeskCalendar(presets.germany("BY") | presets.denmark(), channel=Channel.PHONE)


def _policy() -> Policy:
    return EXPANDIT_POLICY.with_desk_calendar(_desk())


def _calendars_of(value: object) -> list[Calendar]:
    if isinstance(value, PolicyHistory):
        return [c for p in value.policies for c in _calendars_of(p)]
    if isinstance(value, Policy):
        return [value.calendar, *(d.calendar for d in value.desk_calendars)]
    if isinstance(value, DeskCalendar):
        return [value.calendar]
    assert isinstance(value, BusinessCalendar | expandit_policy.ComposedCalendar)
    return [value]


#: Everything that holds a calendar, built fresh each time it is called.
HOLDERS: dict[str, Callable[[], object]] = {
    "presets.denmark()": presets.denmark,
    "presets.denmark(christmas_eve=True)": lambda: presets.denmark(christmas_eve=True),
    "presets.germany('BY')": lambda: presets.germany("BY"),
    "germany('BY') | denmark()": lambda: presets.germany("BY") | presets.denmark(),
    "denmark() - germany() & denmark()": lambda: (
        presets.denmark() - (presets.germany() & presets.denmark())
    ),
    "DeskCalendar": _desk,
    "Policy with a desk calendar": _policy,
    "PolicyHistory": _history,
}


@pytest.mark.parametrize("make", HOLDERS.values(), ids=HOLDERS.keys())
def test_a_used_calendar_pickles_no_larger_than_a_fresh_one(make: Callable[[], object]) -> None:
    fresh = len(pickle.dumps(make()))
    value = make()
    for calendar in _calendars_of(value):
        _use(calendar)
    used = pickle.dumps(value)
    assert len(used) <= fresh
    assert pickle.loads(used) == value


def test_expandit_policy_pickles_small_after_use() -> None:
    fresh = len(pickle.dumps(Policy("2026.1", dt.date(2026, 1, 1))))
    _use(EXPANDIT_POLICY.calendar)
    assert len(pickle.dumps(EXPANDIT_POLICY)) <= fresh
    assert pickle.loads(pickle.dumps(EXPANDIT_POLICY)) == EXPANDIT_POLICY


@pytest.mark.parametrize("make", HOLDERS.values(), ids=HOLDERS.keys())
def test_a_loaded_calendar_answers_as_the_one_pickled(make: Callable[[], object]) -> None:
    used = make()
    for calendar in _calendars_of(used):
        _use(calendar)
    loaded = pickle.loads(pickle.dumps(used))
    for calendar, again, fresh in zip(
        _calendars_of(used), _calendars_of(loaded), _calendars_of(make()), strict=True
    ):
        for year in (1990, 2024, 2026, 2060, 2200):
            t = pendulum.datetime(year, 5, 1, 7, tz=calendar.timezone)
            for duration in (BusinessHours(2), BusinessHours(2000), BusinessDays(5)):
                assert again.add(t, duration) == fresh.add(t, duration) == calendar.add(t, duration)


def test_a_workalendar_source_travels_without_the_years_it_cached() -> None:
    dk = presets.denmark()
    _use(dk)
    source = dk.holidays.source
    assert source is not None and vars(source)["_holidays"]  # workalendar cached the years
    loaded = pickle.loads(pickle.dumps(dk.holidays))
    assert type(loaded.source) is type(source)
    assert vars(loaded.source)["_holidays"] == {}
    assert vars(source)["_holidays"]  # the calendar pickled keeps its own cache
    assert loaded == dk.holidays
    assert loaded.in_year(2026) == dk.holidays.in_year(2026)


class BranchOffice(Denmark):  # type: ignore[misc]  # workalendar is untyped
    """A workalendar calendar of the caller's own, with state of its own besides the cache."""

    def __init__(self, founded: int) -> None:
        super().__init__()
        self.founded = founded

    def get_variable_days(self, year: int) -> list[tuple[dt.date, str]]:
        days: list[tuple[dt.date, str]] = super().get_variable_days(year)
        return [*days, (dt.date(year, 9, 1), f"Founded {self.founded}")]


def test_a_workalendar_subclass_keeps_its_own_state_and_drops_its_cache() -> None:
    office = BusinessCalendar.from_weekly(
        "Europe/Copenhagen",
        {d: [("08:00", "16:00")] for d in ("mon", "tue", "wed", "thu", "fri")},
        Holidays.from_workalendar(BranchOffice(1999)),
    )
    fresh = len(pickle.dumps(office))
    _use(office)
    assert len(pickle.dumps(office)) <= fresh
    loaded = pickle.loads(pickle.dumps(office))
    assert loaded.holidays.source.founded == 1999
    assert not loaded.is_working_day(dt.date(2026, 9, 1))
    assert loaded.is_working_day(dt.date(2026, 9, 2))


class Founders:
    """A holiday source of the caller's own, with state of its own: it travels whole."""

    def __init__(self, month: int) -> None:
        self.month = month

    def holidays(self, year: int) -> list[tuple[dt.date, str]]:
        return [(dt.date(year, self.month, 1), "Founders' Day")]


def test_a_source_of_the_callers_own_travels_whole() -> None:
    hols = Holidays.from_workalendar(Founders(6))
    loaded = pickle.loads(pickle.dumps(hols))
    assert isinstance(loaded.source, Founders) and loaded.source.month == 6
    assert loaded.in_year(2026) == {dt.date(2026, 6, 1): "Founders' Day"}


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=share(0.2, at_least=5))
@given(data=st.data())
def test_every_value_round_trips_through_pickle(cls: type, data: st.DataObject) -> None:
    value = data.draw(st.from_type(cls), label=cls.__name__)
    again = pickle.loads(pickle.dumps(value))
    assert type(again) is type(value)
    assert again == value


@settings(max_examples=share(0.2, at_least=5))
@given(strategies.policies())
def test_a_policy_round_trips_through_pickle(policy: Policy) -> None:
    assert pickle.loads(pickle.dumps(policy)) == policy


def test_the_pickle_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    path = pathlib.Path(__file__).resolve().parents[2] / "benchmarks" / "bench_pickle.py"
    spec = importlib.util.spec_from_file_location("bench_pickle", path)
    assert spec is not None and spec.loader is not None
    module: Any = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "presets.denmark(), used 1990-2060" in out
    assert "used denmark() / fresh denmark(): 1.00" in out
