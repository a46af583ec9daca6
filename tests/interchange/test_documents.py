"""Documents as a table of worked examples: what each kind of value looks like in JSON, and the
calls refused because a value has no JSON form or is not the library's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    SCHEMA_VERSION,
    Benefit,
    BusinessCalendar,
    BusinessDays,
    Calendar,
    CalendarDays,
    Case,
    Closure,
    ContactCadence,
    FeatureLevel,
    Holidays,
    InvalidDocumentError,
    Money,
    Policy,
    PriceList,
    Product,
    WrongTypeError,
    dump_cases,
    from_json_dict,
    load_cases,
    presets,
    strategies,
    to_json_dict,
)
from expandit_policy._interchange._problems import join

DK = presets.denmark()


def body(document: dict[str, Any]) -> dict[str, Any]:
    """A document without its header."""
    return {k: v for k, v in document.items() if k not in ("schema", "type")}


def test_a_calendar_equal_to_a_preset_is_written_as_its_name() -> None:
    policy = to_json_dict(attrs.evolve(EXPANDIT_POLICY, calendar=presets.germany("BY")))
    assert policy["calendar"] == "de-by"
    assert from_json_dict(Policy, policy).calendar == presets.germany("BY")


def test_a_preset_with_a_closure_is_written_in_full_with_its_holiday_source() -> None:
    zone = DK.zone
    closed = attrs.evolve(DK, closures=[Closure(zone.datetime(2026, 12, 23, 12), zone.datetime(2026, 12, 23, 16), "staff party")])  # fmt: skip
    document = to_json_dict(attrs.evolve(EXPANDIT_POLICY, calendar=closed))["calendar"]
    assert document["type"] == "BusinessCalendar"
    assert document["holidays"]["source"] == "DK"
    assert document["holidays"]["removed"][0]["name"] == "Store Bededag (abolished from 2024)"
    assert document["closures"] == [
        {
            "start": "2026-12-23T12:00:00+01:00",
            "end": "2026-12-23T16:00:00+01:00",
            "reason": "staff party",
        }
    ]
    read = from_json_dict(Calendar, {"schema": SCHEMA_VERSION, **document})
    assert read == closed
    assert not read.is_open(pendulum.datetime(2026, 12, 23, 13, tz="Europe/Copenhagen"))


def test_a_composed_calendar_names_its_operation_and_its_parts() -> None:
    document = to_json_dict(DK & presets.germany())
    assert body(document) == {"operation": "intersection", "left": "dk", "right": "de"}


def test_a_calendar_from_weekly_hours_is_written_in_full() -> None:
    desk = BusinessCalendar.from_weekly(
        "Europe/Berlin",
        {"mon": [("08:00", "12:00"), ("13:00", "17:00")], "sat": [("22:00", "06:00", True)]},
        holidays=[dt.date(2026, 12, 24)],
        name="desk",
    )
    document = body(to_json_dict(desk))
    assert document["hours"]["mon"] == [
        {"start": "08:00", "end": "12:00", "overnight": False},
        {"start": "13:00", "end": "17:00", "overnight": False},
    ]
    assert document["hours"]["sat"] == [{"start": "22:00", "end": "06:00", "overnight": True}]
    assert document["hours"]["sun"] == []
    assert document["holidays"] == {
        "source": None,
        "dates": [{"date": "2026-12-24", "name": ""}],
        "added": [],
        "removed": [],
    }


def test_durations_money_and_sets_have_plain_forms() -> None:
    assert body(to_json_dict(BusinessDays(2, "close_of_day"))) == {"days": 2, "reading": "close_of_day"}  # fmt: skip
    assert body(to_json_dict(Money(Decimal("2500.00"), "EUR"))) == {"amount": "2500.00", "currency": "EUR"}  # fmt: skip
    std, pro = Product.ranked("Commerce", "Standard", "Professional").levels
    prices = PriceList({pro: Money(2500, "EUR"), std: Money(1000, "EUR")})
    assert body(to_json_dict(prices))["prices"][0] == {
        "level": {"name": "Standard", "rank": 1},
        "price": {"amount": "1000", "currency": "EUR"},
    }
    cadence = ContactCadence(CalendarDays(14), party_kind="partner")
    assert body(to_json_dict(cadence)) == {
        "every": {"type": "CalendarDays", "days": 14},
        "party_kind": "partner",
        "party_name": None,
    }


@pytest.mark.parametrize("order", [list(Benefit), list(reversed(Benefit))], ids=["as", "reversed"])
def test_a_set_is_written_in_one_order_whatever_its_own(order: list[Benefit]) -> None:
    from expandit_policy import Grant, Licence, Partner

    product = Product.ranked("Commerce", "Standard")
    licence = Licence(product, product.levels[0], Partner("Nordic"))
    grant = Grant(licence, frozenset(order), "ENT-1")
    assert body(to_json_dict(grant))["benefits"] == sorted(b.value for b in Benefit)


class Founders:
    """A holiday source of one's own: code, not data."""

    def holidays(self, year: int) -> list[tuple[dt.date, str]]:
        return [(dt.date(year, 6, 1), "Founders' Day")]


def test_a_holiday_source_of_ones_own_has_no_json_form() -> None:
    desk = attrs.evolve(DK, holidays=Holidays.from_workalendar(Founders()))
    with pytest.raises(WrongTypeError, match="give its holidays as dates and rules instead"):
        to_json_dict(desk)


def test_a_subclass_of_a_workalendar_calendar_has_no_json_form() -> None:
    source = type(DK.holidays.source)
    mine = type("MyDenmark", (source,), {})
    with pytest.raises(WrongTypeError, match="registered under an ISO code"):
        to_json_dict(attrs.evolve(DK, holidays=Holidays.from_workalendar(mine())))


@pytest.mark.parametrize("value", [3, "Case", {"schema": SCHEMA_VERSION}, pendulum.datetime(2026, 1, 1)])  # fmt: skip
def test_only_the_librarys_values_are_written(value: object) -> None:
    with pytest.raises(WrongTypeError, match="value must be one of the library's value types"):
        to_json_dict(value)


@pytest.mark.parametrize("kind", [dict, "Case", int | str, [1]], ids=["dict", "a name", "a union", "a list"])  # fmt: skip
def test_only_the_librarys_types_are_read(kind: object) -> None:
    with pytest.raises(WrongTypeError, match="kind must be one of the library's value types"):
        from_json_dict(kind, {"schema": SCHEMA_VERSION})


def test_only_cases_are_dumped_as_cases() -> None:
    with pytest.raises(WrongTypeError, match=r"cases\[0\] must be a Case, got 'R-1' \(string\)"):
        dump_cases(["R-1"])  # type: ignore[list-item]


@given(st.lists(strategies.cases(), max_size=4))
def test_loading_cases_reports_progress_after_each(cases: list[Case]) -> None:
    seen: list[tuple[int, int]] = []
    read = load_cases(dump_cases(cases), progress=lambda done, total: seen.append((done, total)))
    assert len(read) == len(cases)
    assert seen == [(k, len(cases)) for k in range(1, len(cases) + 1)]


@given(st.lists(strategies.cases(), max_size=3))
def test_a_batch_can_be_dumped_from_any_iterable_of_cases(cases: list[Case]) -> None:
    assert dump_cases(iter(cases)) == dump_cases(cases)


def test_cases_given_as_null_are_not_a_list() -> None:
    with pytest.raises(InvalidDocumentError, match="cases: must be a list of cases, got None"):
        load_cases({"schema": SCHEMA_VERSION, "cases": None})


@pytest.mark.parametrize(
    ("path", "key", "joined"),
    [
        ("", "cases", "cases"),
        ("cases", 3, "cases[3]"),
        ("cases[3]", "events", "cases[3].events"),
        ("request", "first name", 'request["first name"]'),
        ("", "", '[""]'),
    ],
)
def test_paths_read_like_python(path: str, key: str | int, joined: str) -> None:
    assert join(path, key) == joined


def test_feature_levels_order_is_kept_by_rank() -> None:
    document = to_json_dict(Product("Commerce", [FeatureLevel("Pro", 2), FeatureLevel("Std", 1)]))
    assert [level["name"] for level in document["levels"]] == ["Std", "Pro"]


def test_a_calendar_that_only_looks_registered_has_no_json_form() -> None:
    impostor = type("Impostor", (Founders,), {"__iso_code": ("DK", "Impostor")})
    with pytest.raises(WrongTypeError, match="registered under an ISO code"):
        to_json_dict(attrs.evolve(DK, holidays=Holidays.from_workalendar(impostor())))
