"""Hypothesis strategies for every public type of expandit_policy, for property-based tests.

Every strategy builds valid values (nothing is generated and then thrown away), takes its options
as keyword arguments, and shrinks towards the simplest value: UTC, Monday to Friday
09:00-17:00 with no holidays, a fresh question to the support mailbox, ExpandIT's own policy.
Installing the library also registers them with Hypothesis, so ``st.from_type(Case)`` works
without importing this module.

This module imports Hypothesis; ``import expandit_policy`` never does.

>>> from hypothesis import given, settings
>>> from expandit_policy import strategies
>>> @settings(max_examples=20)
... @given(strategies.calendars(), strategies.instants(gaps_and_folds=True))
... def test_the_next_opening_is_open(calendar, t):
...     assert calendar.is_open(calendar.next_open(t))
>>> test_the_next_opening_is_open()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from . import _errors
from ._calendars._calendar import BusinessCalendar, ComposedCalendar
from ._calendars._durations import BusinessDays, BusinessHours, CalendarDays, ClockHours
from ._calendars._holidays import Holiday, HolidayRule, Holidays, HolidaySource
from ._calendars._hours import Window, WorkingHours
from ._calendars._spans import Closure, Opening
from ._domain._case import Case
from ._domain._coverage import CoverageDecision
from ._domain._entitlements import Entitlements, Grant
from ._domain._gates import Decision
from ._domain._licences import FeatureLevel, Licence, Product, SoftwareAssuranceTerm
from ._domain._money import Money, PriceList
from ._domain._parties import Contact, EndCustomer, Mailbox, Partner, Reseller, StaffMember
from ._domain._requests import Request
from ._evaluation._agenda import AgendaItem, Report, ReportRow
from ._evaluation._results import Assessment, ClauseResult
from ._interchange._refused import LoadedCases, RefusedCase
from ._policy._absence import Absence, AutoReply
from ._policy._cadences import ContactCadence
from ._policy._catalogue import Clause
from ._policy._desks import DeskCalendar
from ._policy._policy import Policy, PolicyHistory
from ._policy._readings import Reading
from ._policy._routing import Routing
from ._strategies._batches import loaded_cases as loaded_cases
from ._strategies._batches import refused_cases as refused_cases
from ._strategies._calendars import business_calendars as business_calendars
from ._strategies._calendars import business_days as business_days
from ._strategies._calendars import business_hours as business_hours
from ._strategies._calendars import calendar_days as calendar_days
from ._strategies._calendars import calendars as calendars
from ._strategies._calendars import clock_hours as clock_hours
from ._strategies._calendars import closures as closures
from ._strategies._calendars import composed_calendars as composed_calendars
from ._strategies._calendars import durations as durations
from ._strategies._calendars import holiday_rules as holiday_rules
from ._strategies._calendars import holiday_sets as holiday_sets
from ._strategies._calendars import holiday_sources as holiday_sources
from ._strategies._calendars import holidays as holidays
from ._strategies._calendars import openings as openings
from ._strategies._calendars import windows as windows
from ._strategies._calendars import working_hours as working_hours
from ._strategies._domain import EVENT_TYPES as EVENT_TYPES
from ._strategies._domain import case_events as case_events
from ._strategies._domain import cases as cases
from ._strategies._domain import complaints as complaints
from ._strategies._domain import contacts as contacts
from ._strategies._domain import coverage_decisions as coverage_decisions
from ._strategies._domain import decisions as decisions
from ._strategies._domain import end_customers as end_customers
from ._strategies._domain import entitlement_sets as entitlement_sets
from ._strategies._domain import feature_levels as feature_levels
from ._strategies._domain import grants as grants
from ._strategies._domain import licences as licences
from ._strategies._domain import mailboxes as mailboxes
from ._strategies._domain import money as money
from ._strategies._domain import parties as parties
from ._strategies._domain import partners as partners
from ._strategies._domain import price_lists as price_lists
from ._strategies._domain import products as products
from ._strategies._domain import requests as requests
from ._strategies._domain import resellers as resellers
from ._strategies._domain import sa_terms as sa_terms
from ._strategies._domain import staff_members as staff_members
from ._strategies._evaluation import ERROR_TYPES as ERROR_TYPES
from ._strategies._evaluation import agenda_items as agenda_items
from ._strategies._evaluation import assessments as assessments
from ._strategies._evaluation import clause_results as clause_results
from ._strategies._evaluation import policy_errors as policy_errors
from ._strategies._evaluation import report_rows as report_rows
from ._strategies._evaluation import reports as reports
from ._strategies._lifecycles import arrivals as arrivals
from ._strategies._lifecycles import case_lifecycles as case_lifecycles
from ._strategies._policy import absences as absences
from ._strategies._policy import auto_replies as auto_replies
from ._strategies._policy import clauses as clauses
from ._strategies._policy import contact_cadences as contact_cadences
from ._strategies._policy import desk_calendars as desk_calendars
from ._strategies._policy import policies as policies
from ._strategies._policy import policy_histories as policy_histories
from ._strategies._policy import readings as readings
from ._strategies._policy import routings as routings
from ._strategies._time import ZONES as ZONES
from ._strategies._time import instants as instants
from ._strategies._time import timezones as timezones

__all__ = [
    "ERROR_TYPES",
    "EVENT_TYPES",
    "ZONES",
    "absences",
    "agenda_items",
    "arrivals",
    "assessments",
    "auto_replies",
    "business_calendars",
    "business_days",
    "business_hours",
    "calendar_days",
    "calendars",
    "case_events",
    "case_lifecycles",
    "cases",
    "clause_results",
    "clauses",
    "clock_hours",
    "closures",
    "complaints",
    "composed_calendars",
    "contact_cadences",
    "contacts",
    "coverage_decisions",
    "decisions",
    "desk_calendars",
    "durations",
    "end_customers",
    "entitlement_sets",
    "feature_levels",
    "grants",
    "holiday_rules",
    "holiday_sets",
    "holiday_sources",
    "holidays",
    "instants",
    "licences",
    "loaded_cases",
    "mailboxes",
    "money",
    "openings",
    "parties",
    "partners",
    "policies",
    "policy_errors",
    "policy_histories",
    "price_lists",
    "products",
    "readings",
    "refused_cases",
    "report_rows",
    "reports",
    "requests",
    "resellers",
    "routings",
    "sa_terms",
    "staff_members",
    "timezones",
    "windows",
    "working_hours",
]

#: The strategy ``st.from_type`` uses for each public class (enums Hypothesis handles itself).
_BY_TYPE: dict[type[Any], Callable[[], st.SearchStrategy[Any]]] = {
    Absence: absences,
    AgendaItem: agenda_items,
    Assessment: assessments,
    AutoReply: auto_replies,
    BusinessCalendar: business_calendars,
    BusinessDays: business_days,
    BusinessHours: business_hours,
    CalendarDays: calendar_days,
    Case: lambda: cases() | case_lifecycles(),  # any valid log, and logs as a desk writes them
    Clause: clauses,
    ClauseResult: clause_results,
    ClockHours: clock_hours,
    Closure: closures,
    ComposedCalendar: composed_calendars,
    Contact: contacts,
    ContactCadence: contact_cadences,
    CoverageDecision: coverage_decisions,
    Decision: decisions,
    DeskCalendar: desk_calendars,
    EndCustomer: end_customers,
    Entitlements: entitlement_sets,
    FeatureLevel: feature_levels,
    Grant: grants,
    Holiday: holidays,
    HolidayRule: holiday_rules,
    HolidaySource: holiday_sources,
    Holidays: holiday_sets,
    Licence: licences,
    LoadedCases: loaded_cases,
    Mailbox: mailboxes,
    Money: money,
    Opening: openings,
    Partner: partners,
    Policy: policies,
    PolicyHistory: policy_histories,
    PriceList: price_lists,
    Product: products,
    Reading: readings,
    RefusedCase: refused_cases,
    Report: reports,
    ReportRow: report_rows,
    Request: requests,
    Reseller: resellers,
    Routing: routings,
    SoftwareAssuranceTerm: sa_terms,
    StaffMember: staff_members,
    Window: windows,
    WorkingHours: working_hours,
}


def _for_type(cls: type[Any]) -> st.SearchStrategy[Any]:
    """The strategy for public class ``cls``, or NotImplemented to let Hypothesis decide."""
    make = _BY_TYPE.get(cls)
    if make is not None:
        return make()
    if cls in EVENT_TYPES:
        return case_events(kinds=[cls])
    if isinstance(cls, type) and issubclass(cls, _errors.PolicyError):
        return policy_errors(types=[t for t in ERROR_TYPES if issubclass(t, cls)])
    return NotImplemented  # type: ignore[no-any-return]


def _register() -> None:
    """Register :func:`_for_type` for every class it knows (every public class but the enums)."""
    for cls in (*_BY_TYPE, *EVENT_TYPES, *ERROR_TYPES):
        st.register_type_strategy(cls, _for_type)


# Importing this module registers the strategies too, for environments that turn Hypothesis'
# entry points off (HYPOTHESIS_NO_PLUGINS); here a failure raises.
_register()
