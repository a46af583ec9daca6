"""The presets, checked year by year (2020-2035) against the maintained ``holidays`` package."""

from __future__ import annotations

import datetime as dt
import pickle

import holidays as maintained
import pytest

from expandit_policy import (
    BusinessCalendar,
    Holidays,
    InvalidCalendarError,
    WrongTypeError,
    presets,
)
from expandit_policy._interchange._presets import PRESETS, preset, preset_name
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


@pytest.mark.parametrize(
    "spelling", ["BY", "by", "By", "bY", "DE-BY", "de-by", "DE-by", "de-BY", "De-By"]
)
def test_a_state_is_named_in_any_letter_case_with_or_without_the_country(spelling: str) -> None:
    bavaria = presets.germany("BY")
    assert presets.germany(spelling) == bavaria
    assert presets.germany(spelling).name == "Germany (Bavaria)"


@pytest.mark.parametrize(
    "spelling", ["Bavaria", "DE", "B Y", "DE-", "DEBY", "ＢＹ", "BY ", "AT-BY"]
)
def test_anything_else_is_refused_with_the_valid_codes(spelling: str) -> None:
    with pytest.raises(InvalidCalendarError, match=r"state must be .* \(BW, BY, BE, .*, TH\), got"):
        presets.germany(spelling)


@pytest.mark.parametrize("state", [7, b"BY", ["BY"], ("BY",)])
def test_a_state_that_is_not_text_is_a_type_error(state: object) -> None:
    with pytest.raises(WrongTypeError, match="state must be None or a German state's"):
        presets.germany(state)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spelling", "name"),
    [("dk", "dk"), ("DK", "dk"), ("Dk-Xmas", "dk-xmas"), ("DE", "de"), ("de-BY", "de-by"),
     ("DE-by", "de-by"), ("DE-MV", "de-mv")],
)  # fmt: skip
def test_preset_names_are_read_in_any_letter_case(spelling: str, name: str) -> None:
    assert spelling in PRESETS
    assert preset(spelling) is preset(name)  # built once, whatever the spelling
    assert preset_name(preset(spelling)) == name
    assert all(key == key.lower() for key in PRESETS)


@pytest.mark.parametrize("spelling", ["de-bayern", "DE BY", "dk_xmas", "", "ＤＫ"])
def test_unknown_preset_names_are_not_found(spelling: str) -> None:
    assert spelling not in PRESETS
    with pytest.raises(KeyError):
        PRESETS[spelling]
