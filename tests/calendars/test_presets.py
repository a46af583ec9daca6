"""The presets, checked year by year (2020-2035) against the maintained ``holidays`` package."""

from __future__ import annotations

import datetime as dt
import pickle

import holidays as maintained
import pytest

from expandit_policy import BusinessCalendar, Holidays, presets
from expandit_policy.presets import GERMAN_STATES

YEARS = range(2020, 2036)


def _weekdays(year: int) -> list[dt.date]:
    day = dt.date(year, 1, 1)
    out = []
    while day.year == year:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _check(calendar: BusinessCalendar, reference: dict[int, set[dt.date]]) -> None:
    for year in YEARS:
        ours = set(calendar.holidays.in_year(year))
        assert ours == reference[year], (year, sorted(ours ^ reference[year]))
        closed = {d for d in _weekdays(year) if not calendar.is_working_day(d)}
        assert closed == {d for d in reference[year] if d.weekday() < 5}, year


def test_denmark_matches_the_public_holidays() -> None:
    reference = {
        y: set(maintained.country_holidays("DK", years=y, categories=("public",))) for y in YEARS
    }
    _check(presets.denmark(), reference)


def test_denmark_with_christmas_eve_adds_only_24_december() -> None:
    reference = {
        y: set(maintained.country_holidays("DK", years=y, categories=("public",)))
        | {dt.date(y, 12, 24)}
        for y in YEARS
    }
    _check(presets.denmark(christmas_eve=True), reference)


def test_store_bededag_is_a_working_day_from_2024() -> None:
    dk = presets.denmark()
    assert not dk.is_working_day(dt.date(2023, 5, 5))
    assert dk.is_working_day(dt.date(2024, 4, 26))
    assert dk.is_working_day(dt.date(2026, 5, 1))


def test_germany_matches_the_national_holidays() -> None:
    reference = {y: set(maintained.country_holidays("DE", years=y)) for y in YEARS}
    _check(presets.germany(), reference)


@pytest.mark.parametrize("state", sorted(GERMAN_STATES))
def test_each_german_state_matches_its_holidays(state: str) -> None:
    # Bavaria keeps Assumption Day, a holiday in its mostly Catholic municipalities (Munich
    # among them), which the holidays package files under its "catholic" category.
    categories = ("public", "catholic") if state == "BY" else ("public",)
    reference = {
        y: set(maintained.country_holidays("DE", years=y, subdiv=state, categories=categories))
        for y in YEARS
    }
    _check(presets.germany(state), reference)


def test_presets_are_values() -> None:
    assert presets.denmark() == presets.denmark()
    assert hash(presets.denmark()) == hash(presets.denmark())
    assert presets.denmark() != presets.denmark(christmas_eve=True)
    assert presets.germany("BY") != presets.germany("BE")
    dk = presets.denmark()
    dk.is_open(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))  # compile a year, then pickle
    restored = pickle.loads(pickle.dumps(dk))
    assert restored == dk
    assert restored.is_working_day(dt.date(2026, 5, 1))
    assert isinstance(restored.holidays, Holidays)
