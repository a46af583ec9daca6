"""Strategies for what the engine returns (assessments, clause results, agenda items, report
rows), built by calling the engine on generated policies and cases; and for the library's
errors."""

from __future__ import annotations

import datetime as _dt
import inspect
from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .. import _errors, _time
from .._domain._case import Case
from .._evaluation._agenda import AgendaItem, Report, ReportRow, agenda, report
from .._evaluation._assess import assess
from .._evaluation._results import Assessment, ClauseResult
from .._policy._policy import Policy, PolicyHistory
from ._base import check_strategy, positive_span_us
from ._calendars import durations
from ._domain import _zone_name, cases, licences
from ._policy import policies

__all__ = [
    "agenda_items",
    "assessments",
    "clause_results",
    "policy_errors",
    "report_rows",
    "reports",
]


_MAIL_2_TARGETS = st.none() | durations(positive=True)


@st.composite
def _assessments(
    draw: st.DrawFn,
    policy_strategy: st.SearchStrategy[Policy | PolicyHistory],
    case_strategy: st.SearchStrategy[Case],
    within_us: int,
) -> Assessment:
    policy = draw(policy_strategy)
    case = draw(case_strategy)
    received = case.request.received_at
    as_of_us = _time.to_us(received) + draw(st.integers(0, within_us))
    as_of = _time.from_us(as_of_us, _time.zone(_zone_name(received)))
    target = draw(_MAIL_2_TARGETS)  # MAIL-2's, from the customer's licence terms
    held = draw(st.lists(licences(holders=st.just(case.request.party)), max_size=2))
    return assess(policy, case, as_of, resolution_target=target, licences=held)


def assessments(
    *,
    policies: st.SearchStrategy[Policy | PolicyHistory] | None = None,
    cases: st.SearchStrategy[Case] | None = None,
    within: _dt.timedelta = _dt.timedelta(days=28),
) -> st.SearchStrategy[Assessment]:
    """Assessments, as :func:`~expandit_policy.assess` makes them: a policy, a case, an instant
    up to ``within`` after the request's receipt, sometimes MAIL-2's target and some of the
    party's licences (COM-5). Shrinks towards a fresh question assessed under ExpandIT's policy
    the moment it arrives.

    Each one builds a fresh calendar unless ``policies`` says otherwise, which makes assessing
    slower than drawing most values: a few dozen examples go a long way.

    >>> import pendulum
    >>> from hypothesis import given, settings, strategies as st
    >>> from expandit_policy import EXPANDIT_POLICY, ClauseState
    >>> from expandit_policy.strategies import assessments, cases, requests
    >>> monday = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> fresh = cases(requests=requests(received=st.just(monday)), max_events=0)
    >>> @settings(max_examples=5)
    ... @given(assessments(policies=st.just(EXPANDIT_POLICY), cases=fresh))
    ... def test_nothing_is_met_before_anything_happened(assessment):
    ...     met = (ClauseState.MET, ClauseState.MET_LATE)
    ...     assert not any(r.state in met for r in assessment.results)
    >>> test_nothing_is_met_before_anything_happened()
    """
    policy_strategy = _default_policies() if policies is None else policies
    case_strategy = _default_cases() if cases is None else cases
    check_strategy(policy_strategy, "policies")
    check_strategy(case_strategy, "cases")
    return _assessments(policy_strategy, case_strategy, positive_span_us(within, "within"))


_default_policies, _default_cases = policies, cases  # ``assessments`` has arguments so named


def clause_results(
    *, assessments: st.SearchStrategy[Assessment] | None = None
) -> st.SearchStrategy[ClauseResult]:
    """Single clause results, taken from generated ``assessments``.

    >>> from hypothesis import given, settings
    >>> from expandit_policy import CATALOGUE
    >>> from expandit_policy.strategies import clause_results
    >>> @settings(max_examples=5)
    ... @given(clause_results())
    ... def test_every_result_names_a_clause_of_the_catalogue(result):
    ...     assert result.clause in {c.id for c in CATALOGUE}
    >>> test_every_result_names_a_clause_of_the_catalogue()
    """
    source = assessments_() if assessments is None else assessments
    check_strategy(source, "assessments")
    return source.flatmap(lambda a: st.sampled_from(a.results))


assessments_ = assessments  # ``clause_results`` and ``report_rows`` have arguments so named


@st.composite
def _agenda_items(
    draw: st.DrawFn,
    policy_strategy: st.SearchStrategy[Policy | PolicyHistory],
    case_strategy: st.SearchStrategy[Case],
) -> AgendaItem:
    policy = draw(policy_strategy)
    batch = draw(st.lists(case_strategy, min_size=1, max_size=3))
    first = batch[0]
    received = first.request.received_at
    as_of_us = _time.to_us(received) + draw(st.integers(0, 28 * _time.US_PER_DAY))
    as_of = _time.from_us(as_of_us, _time.zone(_zone_name(received)))
    items = agenda(policy, batch, as_of)
    if not items:
        # A request with nothing done yet always owes something the moment it arrives: a clock
        # runs for every channel (MAIL-1, MAIL-4, TEL-3, CPL-1) or, for a call, COM-4 is open.
        items = agenda(policy, [Case(first.request)], received)
    return draw(st.sampled_from(items))


def agenda_items(
    *,
    policies: st.SearchStrategy[Policy | PolicyHistory] | None = None,
    cases: st.SearchStrategy[Case] | None = None,
) -> st.SearchStrategy[AgendaItem]:
    """Agenda items, taken from :func:`~expandit_policy.agenda` over one to three generated
    ``cases`` under a policy from ``policies``.

    >>> from hypothesis import given, settings, strategies as st
    >>> from expandit_policy import EXPANDIT_POLICY, Channel, RequestKind
    >>> from expandit_policy.strategies import agenda_items, cases, requests
    >>> questions = requests(channels=[Channel.PHONE], kinds=[RequestKind.QUESTION])
    >>> calls = cases(requests=questions, max_events=0)
    >>> @settings(max_examples=5)
    ... @given(agenda_items(policies=st.just(EXPANDIT_POLICY), cases=calls))
    ... def test_an_unanswered_call_asks_to_move_to_a_shared_mailbox(item):
    ...     assert item.clause in ("COM-4", "TEL-3")  # TEL-3 when a fee earner called
    >>> test_an_unanswered_call_asks_to_move_to_a_shared_mailbox()
    """
    policy_strategy = _default_policies() if policies is None else policies
    case_strategy = _default_cases() if cases is None else cases
    check_strategy(policy_strategy, "policies")
    check_strategy(case_strategy, "cases")
    return _agenda_items(policy_strategy, case_strategy)


def report_rows(
    *, assessments: st.SearchStrategy[Assessment] | None = None
) -> st.SearchStrategy[ReportRow]:
    """Report rows, taken from :func:`~expandit_policy.report` over one to three generated
    ``assessments``.

    >>> from hypothesis import given, settings
    >>> from expandit_policy.strategies import report_rows
    >>> @settings(max_examples=5)
    ... @given(report_rows())
    ... def test_a_row_lists_each_request_once_and_counts_each_instance(row):
    ...     assert len(set(row.cases)) == len(row.cases)
    ...     assert row.met + row.met_late + row.breached + row.open + row.cancelled >= len(row.cases)
    >>> test_a_row_lists_each_request_once_and_counts_each_instance()
    """
    source = assessments_() if assessments is None else assessments
    check_strategy(source, "assessments")
    batches = st.lists(source, min_size=1, max_size=3)
    # Every assessment has a COM-9 result at least, so a report of one or more has rows.
    return batches.flatmap(lambda batch: st.sampled_from(report(batch)))


_MESSAGES = (
    "Policy.version must be a str, got 2026 (int)",
    "events[0] (Closed at 2026-03-01T00:00:00+01:00): happened before the request was received",
    "timezone must be an IANA zone name such as 'Europe/Copenhagen', got 'Europe/Kopenhagen'",
)

#: The library's errors, the base class first.
ERROR_TYPES: tuple[type[_errors.PolicyError], ...] = tuple(
    getattr(_errors, name)
    for name in ("PolicyError", *sorted(set(_errors.__all__) - {"PolicyError"}))
)


def _parameters(kind: type[Exception]) -> tuple[str, ...]:
    try:
        return tuple(inspect.signature(kind).parameters)
    except ValueError:  # the builtin exception constructor has no signature to read
        return ()


@st.composite
def _policy_errors(
    draw: st.DrawFn, types: tuple[type[_errors.PolicyError], ...]
) -> _errors.PolicyError:
    kind = draw(st.sampled_from(types))
    message = draw(st.sampled_from(_MESSAGES))
    if issubclass(kind, _errors.InvalidCaseError):
        return kind.of(f"R-{draw(st.integers(1, 99))}", [_errors.CaseEventError(message)])
    if issubclass(kind, _errors.PolicyValidationError):
        return kind.of([_errors.InvalidPolicyError(message)])
    if "problems" in _parameters(kind):  # a document's (path, message) pairs
        path = draw(st.sampled_from(("", "request.id", "cases[3].events[7].at")))
        return kind([(path, message)])
    return kind(message)


def policy_errors(
    *, types: Sequence[type[_errors.PolicyError]] = ERROR_TYPES
) -> st.SearchStrategy[_errors.PolicyError]:
    """The library's errors, of the given ``types``, with messages like the library's; the
    groups (:class:`~expandit_policy.InvalidCaseError`,
    :class:`~expandit_policy.PolicyValidationError`) and errors that list a document's problems
    hold one problem.

    >>> from hypothesis import given, settings
    >>> from expandit_policy import InvalidCaseError, PolicyError
    >>> @settings(max_examples=5)
    ... @given(policy_errors(types=[InvalidCaseError]))
    ... def test_an_invalid_case_holds_its_problem(error):
    ...     assert isinstance(error, PolicyError) and len(error.exceptions) == 1
    >>> test_an_invalid_case_holds_its_problem()
    """
    items = tuple(types)
    if not items or not all(
        isinstance(t, type) and issubclass(t, _errors.PolicyError) for t in items
    ):
        raise InvalidArgument(f"types must be PolicyError classes, got {types!r}")
    return _policy_errors(items)


def reports(
    *, assessments: st.SearchStrategy[Assessment] | None = None
) -> st.SearchStrategy[Report]:
    """Reports (:class:`~expandit_policy.Report`) of none to three generated ``assessments``.

    >>> from hypothesis import given, settings
    >>> from expandit_policy import Report
    >>> from expandit_policy.strategies import reports
    >>> @settings(max_examples=5)
    ... @given(reports(), reports())
    ... def test_the_empty_report_is_the_identity_of_merging(a, b):
    ...     assert a + Report() == a == Report() + a
    >>> test_the_empty_report_is_the_identity_of_merging()
    """
    source = assessments_() if assessments is None else assessments
    check_strategy(source, "assessments")
    return st.lists(source, max_size=3).map(Report.of)
