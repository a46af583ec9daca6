"""Strategies for the policy layer: clauses, readings, routing, contact cadences, policies with
overridden readings, policy histories, absences and out-of-office settings."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .. import _time
from .._calendars._calendar import Calendar
from .._calendars._durations import Duration
from .._domain._parties import ServiceTeam
from .._domain._requests import Channel, RequestKind
from .._policy._absence import Absence, AutoReply
from .._policy._cadences import PARTY_KINDS, ContactCadence
from .._policy._catalogue import CATALOGUE, Clause, ClauseKind
from .._policy._desks import DeskCalendar
from .._policy._policy import EXPANDIT_POLICY, Choice, Policy, PolicyHistory
from .._policy._readings import DEFAULT_READINGS, Reading
from .._policy._routing import DEFAULT_ROUTING, Routing
from ._base import (
    DEFAULT_MAX_INSTANT,
    DEFAULT_MIN_INSTANT,
    check_count,
    check_flag,
    check_strategy,
    instant_range,
    one_of_values,
    positive_span_us,
)
from ._calendars import calendars as _calendars
from ._calendars import durations as _durations
from ._domain import _ORGANISATIONS, mailboxes
from ._time import instants

__all__ = [
    "absences",
    "auto_replies",
    "clauses",
    "contact_cadences",
    "desk_calendars",
    "policies",
    "policy_histories",
    "readings",
    "routings",
]

#: The clauses with a clock, whose readings a policy may override.
_READ_CLAUSES = tuple(r.clause for r in DEFAULT_READINGS)


def clauses(*, kinds: Sequence[ClauseKind] = tuple(ClauseKind)) -> st.SearchStrategy[Clause]:
    """Clauses of the catalogue of the given ``kinds``, in catalogue order (ENT-1 first).

    >>> from hypothesis import given, settings
    >>> from expandit_policy import ClauseKind
    >>> @settings(max_examples=5)
    ... @given(clauses(kinds=[ClauseKind.GATE]))
    ... def test_a_gate_clause(clause):
    ...     assert clause.kind is ClauseKind.GATE and clause.summary
    >>> test_a_gate_clause()
    """
    wanted = set(one_of_values(kinds, "kinds"))  # every kind has clauses in the catalogue
    return st.sampled_from([c for c in CATALOGUE if c.kind in wanted])


@st.composite
def _readings(
    draw: st.DrawFn, ids: tuple[str, ...], targets: st.SearchStrategy[Duration | None]
) -> Reading:
    clause = draw(st.sampled_from(ids))
    duration = draw(targets)
    return Reading(clause, duration, f"overridden: {duration or 'none'}")


def readings(
    *,
    clauses: Sequence[str] = _READ_CLAUSES,
    durations: st.SearchStrategy[Duration | None] | None = None,
) -> st.SearchStrategy[Reading]:
    """Readings of the clauses with a clock (MAIL-1 to COM-9), each a positive duration of any
    kind from ``durations``. Shrinks towards MAIL-1 read as one business hour.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(readings(clauses=["MAIL-1"]))
    ... def test_a_reading_has_a_duration(reading):
    ...     assert reading.clause == "MAIL-1" and reading.duration is not None
    >>> test_a_reading_has_a_duration()
    """
    ids = one_of_values(clauses, "clauses")
    for clause in ids:
        if clause not in _READ_CLAUSES:
            raise InvalidArgument(
                f"clauses must be clauses with a reading ({', '.join(_READ_CLAUSES)}), "
                f"got {clause!r}"
            )
    targets = _durations(positive=True) if durations is None else durations
    check_strategy(targets, "durations")
    return _readings(ids, targets)


#: The teams that may take requests: never the developers (TEL-1).
_TEAMS = (ServiceTeam.SUPPORT, ServiceTeam.SALES, ServiceTeam.BOARD)
_ANY_TEAM = st.sampled_from(_TEAMS)
_POSITIVE = _durations(positive=True)


def routings(*, kinds: Sequence[RequestKind] = tuple(RequestKind)) -> st.SearchStrategy[Routing]:
    """TEL-2 routings for one of ``kinds``: a primary and a secondary team, never the developers
    (TEL-1). Shrinks towards support then support.

    >>> from hypothesis import given, settings
    >>> from expandit_policy import ServiceTeam
    >>> @settings(max_examples=5)
    ... @given(routings())
    ... def test_developers_take_no_calls(routing):
    ...     assert ServiceTeam.DEVELOPMENT not in (routing.primary, routing.secondary)
    >>> test_developers_take_no_calls()
    """
    kind = st.sampled_from(one_of_values(kinds, "kinds"))
    return st.builds(Routing, kind, _ANY_TEAM, _ANY_TEAM)


#: Whom a cadence may be for: every party, a kind of party, one party by name, or both.
_CADENCE_KEYS = tuple(
    (kind, name)
    for kind in (None, *PARTY_KINDS)
    for name in (None, *(org for org, _ in _ORGANISATIONS))
)


@st.composite
def _contact_cadences(draw: st.DrawFn, key: tuple[str | None, str | None] | None) -> ContactCadence:
    kind, name = draw(st.sampled_from(_CADENCE_KEYS)) if key is None else key
    return ContactCadence(draw(_POSITIVE), kind, name)  # type: ignore[arg-type]


def contact_cadences() -> st.SearchStrategy[ContactCadence]:
    """COM-9 contact cadences: a positive duration for every party, a kind of party, one party
    by name, or a kind and a name together. Shrinks towards every hour, for every party.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(contact_cadences())
    ... def test_a_cadence_describes_its_parties(cadence):
    ...     assert str(cadence).startswith("every ")
    >>> test_a_cadence_describes_its_parties()
    """
    return _contact_cadences(None)


#: Whom a desk calendar may serve: a channel, a kind of party, a party by name, or several of
#: them at once; the least specific first (where shrinking leads).
_DESK_KEYS = tuple(
    sorted(
        (
            (channel, kind, name)
            for channel in (None, *Channel)
            for kind in (None, *PARTY_KINDS)
            for name in (None, *(org for org, _ in _ORGANISATIONS))
            if (channel, kind, name) != (None, None, None)
        ),
        key=lambda key: 4 * (key[2] is not None) + 2 * (key[1] is not None) + (key[0] is not None),
    )
)


@st.composite
def _desk_calendars(
    draw: st.DrawFn,
    calendar_strategy: st.SearchStrategy[Calendar],
    key: tuple[Channel | None, str | None, str | None] | None,
) -> DeskCalendar:
    channel, kind, name = draw(st.sampled_from(_DESK_KEYS)) if key is None else key
    return DeskCalendar(draw(calendar_strategy), channel, kind, name)  # type: ignore[arg-type]


def desk_calendars(
    *, calendars: st.SearchStrategy[Calendar] | None = None
) -> st.SearchStrategy[DeskCalendar]:
    """The calendars of other desks: a calendar (from ``calendars``) for a channel, a kind of
    party, one party by name, or several of them at once. Shrinks towards a calendar for the
    support mailbox.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(desk_calendars())
    ... def test_a_desk_serves_someone(desk):
    ...     assert desk.specificity > 0 and desk.chooses
    >>> test_a_desk_serves_someone()
    """
    calendar_strategy = _calendars() if calendars is None else calendars
    check_strategy(calendar_strategy, "calendars")
    return _desk_calendars(calendar_strategy, None)


@st.composite
def _thresholds(draw: st.DrawFn) -> tuple[float, float]:
    first = draw(st.integers(1, 98))
    second = draw(st.integers(first + 1, 99))
    return first / 100, second / 100


@st.composite
def _policies(
    draw: st.DrawFn, calendar_strategy: st.SearchStrategy[Calendar], cadences: bool
) -> Policy:
    policy = EXPANDIT_POLICY
    calendar = draw(calendar_strategy)
    overridden = draw(st.lists(st.sampled_from(_READ_CLAUSES), unique=True))
    for clause in overridden:
        policy = policy.with_reading(clause, draw(_POSITIVE))
    thresholds = draw(st.none() | _thresholds())
    routing = DEFAULT_ROUTING
    if draw(st.booleans()):
        routing = tuple(Routing(k, draw(_ANY_TEAM), draw(_ANY_TEAM)) for k in RequestKind)
    found: list[ContactCadence] = []
    if cadences:
        # Keys drawn without repeats: two cadences for the same parties would clash.
        keys = draw(st.lists(st.sampled_from(_CADENCE_KEYS), unique=True, max_size=3))
        found = [draw(_contact_cadences(key)) for key in keys]
    # Desks drawn without repeats of whom they serve: two desks for the same requests would clash.
    desk_keys = draw(st.lists(st.sampled_from(_DESK_KEYS), unique=True, max_size=2))
    desks = [draw(_desk_calendars(calendar_strategy, key)) for key in desk_keys]
    changes: dict[str, object] = {}
    if draw(st.booleans()):
        year = draw(st.integers(2020, 2035))
        changes = {
            "version": f"{year}.{draw(st.integers(1, 4))}",
            "effective_from": _dt.date(year, 1, 1) + _dt.timedelta(days=draw(st.integers(0, 364))),
        }
    return attrs.evolve(
        policy,
        calendar=calendar,
        warning_thresholds=thresholds or policy.warning_thresholds,
        routing=routing,
        cadences=tuple(found),
        desk_calendars=tuple(desks),
        **changes,  # type: ignore[arg-type]
    )


def policies(
    *,
    calendars: st.SearchStrategy[Calendar] | None = None,
    cadences: bool = True,
) -> st.SearchStrategy[Policy]:
    """Policies that start from :data:`~expandit_policy.EXPANDIT_POLICY` and override some of its
    readings (any positive duration for any clause with a clock), its warning thresholds, its
    routing (never to the developers, TEL-1), its calendar (the Danish preset, or one from
    ``calendars``), its version and date, add calendars of other desks (from the same
    strategies), and, with ``cadences=True``, add COM-9 contact cadences.
    Shrinks towards :data:`~expandit_policy.EXPANDIT_POLICY` itself.

    >>> from hypothesis import given, settings
    >>> from expandit_policy import DEFAULT_READINGS
    >>> @settings(max_examples=5)
    ... @given(policies())
    ... def test_every_clause_with_a_clock_keeps_a_reading(policy):
    ...     assert [r.clause for r in policy.readings] == [r.clause for r in DEFAULT_READINGS]
    >>> test_every_clause_with_a_clock_keeps_a_reading()
    """
    desk = st.just(EXPANDIT_POLICY.calendar)
    others = _calendars() if calendars is None else calendars
    check_strategy(others, "calendars")
    return _policies(st.one_of(desk, others), check_flag(cadences, "cadences"))


_CHOICES: tuple[Choice, ...] = ("keep_original", "apply_from_effective_date")


@st.composite
def _policy_histories(
    draw: st.DrawFn, policy_strategy: st.SearchStrategy[Policy], max_size: int
) -> PolicyHistory:
    first = draw(policy_strategy)
    history = [first]
    day = first.effective_from
    for _ in range(draw(st.integers(0, max_size - 1))):
        day += _dt.timedelta(days=draw(st.integers(1, 400)))  # distinct dates, by construction
        history.append(attrs.evolve(draw(policy_strategy), effective_from=day))
    choice = draw(st.sampled_from(_CHOICES))
    return PolicyHistory(history, choice)


def policy_histories(
    *, policies: st.SearchStrategy[Policy] | None = None, max_size: int = 3
) -> st.SearchStrategy[PolicyHistory]:
    """Histories of up to ``max_size`` policies with distinct effective dates, either way of
    assessing a case that spans a change. Shrinks towards ExpandIT's policy alone, keeping the
    original.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=3)
    ... @given(policy_histories())
    ... def test_the_dates_are_distinct(history):
    ...     dates = [p.effective_from for p in history.policies]
    ...     assert len(set(dates)) == len(dates)
    >>> test_the_dates_are_distinct()
    """
    policy_strategy = _policies_default() if policies is None else policies
    check_strategy(policy_strategy, "policies")
    return _policy_histories(policy_strategy, check_count(max_size, "max_size", low=1))


_policies_default = policies  # ``policy_histories`` has an argument of the same name


@st.composite
def _absences(draw: st.DrawFn, starts: st.SearchStrategy[_dt.datetime], longest: int) -> Absence:
    start = draw(starts)
    end_us = _time.to_us(start) + draw(st.integers(0, longest))
    zone = getattr(start.tzinfo, "key", "UTC")
    return Absence(start, _time.from_us(end_us, _time.zone(zone)))


def absences(
    *,
    min_value: _dt.datetime = DEFAULT_MIN_INSTANT,
    max_value: _dt.datetime = DEFAULT_MAX_INSTANT,
    max_length: _dt.timedelta = _dt.timedelta(days=14),
) -> st.SearchStrategy[Absence]:
    """A staff member's absences starting between two instants, at most ``max_length`` long
    (MAIL-5 cares whether they are longer than 8 hours). Shrinks towards no time at all.

    >>> import datetime
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(absences())
    ... def test_an_absence_lasts_up_to_two_weeks(absence):
    ...     assert datetime.timedelta(0) <= absence.duration <= datetime.timedelta(days=14)
    >>> test_an_absence_lasts_up_to_two_weeks()
    """
    instant_range(min_value, max_value)
    starts = instants(min_value=min_value, max_value=max_value)
    return _absences(starts, positive_span_us(max_length, "max_length"))


def auto_replies() -> st.SearchStrategy[AutoReply]:
    """Out-of-office settings: on or off, naming one of our mailboxes or none (MAIL-6).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(auto_replies())
    ... def test_the_alternative_is_one_of_our_mailboxes(reply):
    ...     assert reply.alternative is None or reply.alternative.address.endswith("@expandit.com")
    >>> test_the_alternative_is_one_of_our_mailboxes()
    """
    return st.builds(AutoReply, st.booleans(), st.none() | mailboxes())
