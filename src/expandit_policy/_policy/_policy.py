"""A policy as a value: a version, the date it applies from, a calendar, readings, thresholds and
the routing matrix; and a history of policies for cases that span a change."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any, Literal, TypeAlias

import attrs

from .. import _checks, _time, presets
from .._calendars._calendar import BusinessCalendar, Calendar, ComposedCalendar
from .._calendars._durations import Duration
from .._domain._requests import Request, RequestKind
from .._errors import (
    InvalidPolicyError,
    PolicyError,
    PolicyValidationError,
    UnknownClauseError,
    WrongTypeError,
)
from ._cadences import ContactCadence, check_cadences, parties_key
from ._desks import DeskCalendar, calendar_for, check_desks
from ._registry import DEFAULT_READINGS, Reading
from ._routing import DEFAULT_ROUTING, Routing

__all__ = ["EXPANDIT_POLICY", "Choice", "Policy", "PolicyHistory"]

Choice: TypeAlias = Literal["keep_original", "apply_from_effective_date"]


def _as_tuple(value: Any) -> Any:
    """Iterables become tuples; anything else is kept, for validation to report."""
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return tuple(value)
    return value


def _reading_problems(value: Any) -> list[Exception]:
    if not isinstance(value, tuple):
        return [WrongTypeError(f"Policy.readings must be an iterable of Reading, got {value!r}")]
    problems: list[Exception] = []
    seen: set[str] = set()
    for k, reading in enumerate(value):
        if not isinstance(reading, Reading):
            problems.append(
                WrongTypeError(
                    f"Policy.readings[{k}] must be a Reading, got {reading!r} "
                    f"({type(reading).__name__})"
                )
            )
            continue
        if reading.clause in seen:
            problems.append(
                InvalidPolicyError(
                    f"Policy.readings must give each clause once, got {reading.clause} twice"
                )
            )
        seen.add(reading.clause)
    return problems


def _readings(value: Any) -> Any:
    """Readings as a tuple, each clause with a clock that is not given taking its default
    reading: a policy stored before a clause existed still loads. Anything that is not readings
    is kept for validation to report."""
    value = _as_tuple(value)
    if not isinstance(value, tuple) or not all(isinstance(r, Reading) for r in value):
        return value
    given = {r.clause for r in value}
    return (*value, *(r for r in DEFAULT_READINGS if r.clause not in given))


def _threshold_problems(value: Any) -> list[Exception]:
    ok = (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(x, int | float) and not isinstance(x, bool) for x in value)
        and 0 < value[0] < value[1] < 1
    )
    if ok:
        return []
    return [
        InvalidPolicyError(
            f"Policy.warning_thresholds must be two fractions with 0 < first < second < 1, "
            f"got {value!r}; e.g. (0.75, 0.9)"
        )
    ]


def _routing_problems(value: Any) -> list[Exception]:
    if not isinstance(value, tuple):
        return [WrongTypeError(f"Policy.routing must be an iterable of Routing, got {value!r}")]
    kinds = [r.kind for r in value if isinstance(r, Routing)]
    if len(kinds) != len(value) or sorted(k.value for k in kinds) != sorted(
        k.value for k in RequestKind
    ):
        return [
            InvalidPolicyError(
                f"Policy.routing must give one Routing for every RequestKind, got "
                f"{[getattr(r, 'kind', r) for r in value]!r}"
            )
        ]
    return []


def _problems(built: Policy) -> list[Exception]:
    """Every problem of a policy's fields, in field order (ARCHITECTURE: all at once)."""
    policy: Any = built  # the fields hold whatever the caller passed, not what they declare
    problems: list[Exception] = []
    try:
        _checks.check_free_text(policy.version, "Policy.version")
    except PolicyError as exc:
        problems.append(exc)
    day = policy.effective_from
    if not isinstance(day, _dt.date) or isinstance(day, _dt.datetime):
        problems.append(
            WrongTypeError(
                f"Policy.effective_from must be a datetime.date, got {day!r} ({type(day).__name__})"
            )
        )
    if not isinstance(policy.calendar, BusinessCalendar | ComposedCalendar):
        problems.append(
            WrongTypeError(
                f"Policy.calendar must be a BusinessCalendar or a ComposedCalendar, got "
                f"{policy.calendar!r} ({type(policy.calendar).__name__})"
            )
        )
    problems += _reading_problems(policy.readings)
    problems += _threshold_problems(policy.warning_thresholds)
    problems += _routing_problems(policy.routing)
    if isinstance(policy.cadences, tuple):
        problems += check_cadences(policy.cadences)
    else:
        problems.append(
            WrongTypeError(
                f"Policy.cadences must be an iterable of ContactCadence, got {policy.cadences!r}"
            )
        )
    problems += check_desks(policy.desk_calendars)
    return problems


#: Each policy's readings by clause, looked up by the identity of its tuple of readings (kept
#: here with the index, so the identity stays its own): a case looks up a dozen readings.
_BY_CLAUSE: dict[int, tuple[tuple[Reading, ...], dict[str, Reading]]] = {}
_MAX_HELD = 256


@attrs.frozen
class Policy:
    """The service policy in force: a version, the date from which it applies, the desk's
    calendar, one reading per clause with a clock, the warning thresholds (fractions of the
    business time of a target used) and the routing matrix (TEL-1, TEL-2, CPL-4).

    Change it with :meth:`with_reading` and :meth:`with_thresholds`, or ``attrs.evolve``.

    >>> from expandit_policy import EXPANDIT_POLICY, BusinessHours
    >>> relaxed = EXPANDIT_POLICY.with_reading("MAIL-1", BusinessHours(4))
    >>> relaxed.reading("MAIL-1").duration, EXPANDIT_POLICY.reading("MAIL-1").duration
    (BusinessHours(hours=4), BusinessHours(hours=2))
    """

    version: str
    """The policy's version, e.g. '2026.1'."""
    effective_from: _dt.date
    """The first day (in the calendar's zone) on which the policy applies."""
    calendar: Calendar = attrs.field(factory=presets.denmark)
    """The desk's business calendar; every duration is measured on it."""
    readings: tuple[Reading, ...] = attrs.field(default=DEFAULT_READINGS, converter=_readings)
    """One reading per clause with a clock; a clause not given takes its default reading."""
    warning_thresholds: tuple[float, float] = attrs.field(default=(0.75, 0.9), converter=_as_tuple)
    """The fractions of a target's business time at which it warns, then warns harder."""
    routing: tuple[Routing, ...] = attrs.field(default=DEFAULT_ROUTING, converter=_as_tuple)
    """TEL-2's matrix: one routing per kind of request."""
    cadences: tuple[ContactCadence, ...] = attrs.field(default=(), converter=_as_tuple)
    """COM-9's contact cadences for kinds of party or single parties (none by default)."""
    desk_calendars: tuple[DeskCalendar, ...] = attrs.field(default=(), converter=_as_tuple)
    """Calendars of other desks, per channel, kind of party or named party (none by default:
    :attr:`calendar` serves every request)."""

    def __attrs_post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise PolicyValidationError.of(problems)

    def reading(self, clause_id: str) -> Reading:
        """The reading of clause ``clause_id``.

        >>> from expandit_policy import EXPANDIT_POLICY
        >>> EXPANDIT_POLICY.reading("CPL-2").duration
        CalendarDays(days=14)
        """
        readings = self.readings
        held = _BY_CLAUSE.get(id(readings))
        if held is None or held[0] is not readings:
            if len(_BY_CLAUSE) >= _MAX_HELD:
                _BY_CLAUSE.clear()
            index: dict[str, Reading] = {}
            for r in readings:
                index.setdefault(r.clause, r)  # the first reading of a clause, as before
            held = _BY_CLAUSE[id(readings)] = (readings, index)
        found = held[1].get(clause_id) if type(clause_id) is str else None
        if found is not None:
            return found
        for r in readings:  # a clause ID given as a str subclass, or none that matches
            if r.clause == clause_id:
                return r
        raise UnknownClauseError(
            f"clause_id must name a clause with a reading ("
            f"{', '.join(r.clause for r in self.readings)}), got {clause_id!r}"
        )

    def with_reading(
        self,
        clause_id: str,
        duration: Duration | None,
        description: str | None = None,
        *,
        every_message: bool | None = None,
    ) -> Policy:
        """A new policy that reads clause ``clause_id`` as ``duration``; ``every_message``
        (MAIL-1, MAIL-4, TEL-3) says whether every further customer message starts the clock
        again, None keeping what the policy says.

        >>> from expandit_policy import EXPANDIT_POLICY, BusinessHours
        >>> EXPANDIT_POLICY.with_reading("MAIL-1", BusinessHours(4)).reading("MAIL-1").description
        'overridden: 4 business hours'
        >>> first_only = EXPANDIT_POLICY.with_reading("MAIL-1", BusinessHours(2),
        ...                                           every_message=False)
        >>> first_only.reading("MAIL-1").every_message
        False
        """
        current = self.reading(clause_id)
        text = description if description is not None else f"overridden: {duration or 'none'}"
        if every_message is None:
            every_message = current.every_message
        new = Reading(clause_id, duration, text, every_message)
        return attrs.evolve(
            self, readings=tuple(new if r.clause == clause_id else r for r in self.readings)
        )

    def with_thresholds(self, first: float, second: float) -> Policy:
        """A new policy warning at fractions ``first`` and ``second`` of a target's time.

        >>> from expandit_policy import EXPANDIT_POLICY
        >>> EXPANDIT_POLICY.with_thresholds(0.5, 0.8).warning_thresholds
        (0.5, 0.8)
        """
        return attrs.evolve(self, warning_thresholds=(first, second))

    def with_cadence(self, cadence: ContactCadence) -> Policy:
        """A new policy with COM-9 ``cadence`` added, replacing one for the same parties.

        >>> from expandit_policy import EXPANDIT_POLICY, BusinessDays, ContactCadence
        >>> policy = EXPANDIT_POLICY.with_cadence(ContactCadence(BusinessDays(5), party_kind="partner"))
        >>> [str(c) for c in policy.cadences]
        ['every 5 working days (same time of day) for partner']
        """
        if not isinstance(cadence, ContactCadence):
            raise WrongTypeError(
                f"cadence must be a ContactCadence, got {cadence!r} ({type(cadence).__name__})"
            )
        kept = tuple(c for c in self.cadences if parties_key(c) != parties_key(cadence))
        return attrs.evolve(self, cadences=(*kept, cadence))

    def calendar_for(self, request: Request) -> Calendar:
        """The calendar ``request`` is measured on: the most specific desk calendar that serves
        it (a named party, then a kind of party, then the channel), else :attr:`calendar`.

        >>> import pendulum
        >>> from expandit_policy import (EXPANDIT_POLICY, Channel, Contact, DeskCalendar,
        ...     EndCustomer, Request, RequestKind, presets)
        >>> policy = EXPANDIT_POLICY.with_desk_calendar(
        ...     DeskCalendar(presets.germany(), party_name="Müller GmbH"))
        >>> hans = Contact("Hans Müller", "hans@mueller.de")
        >>> call = Request("R-7", Channel.PHONE, RequestKind.QUESTION,
        ...                pendulum.datetime(2026, 3, 2, 9, tz="Europe/Berlin"), hans,
        ...                EndCustomer("Müller GmbH", [hans]))
        >>> policy.calendar_for(call).timezone
        'Europe/Berlin'
        """
        return calendar_for(self.calendar, self.desk_calendars, request)[0]

    def calendar_words(self, request: Request) -> str:
        """The calendar ``request`` is measured on, as explanations name it.

        >>> import pendulum
        >>> from expandit_policy import (EXPANDIT_POLICY, Channel, Contact, EndCustomer,
        ...     Request, RequestKind)
        >>> ada = Contact("Ada Jensen", "ada@acme.dk")
        >>> EXPANDIT_POLICY.calendar_words(Request("R-1", Channel.PHONE, RequestKind.QUESTION,
        ...     pendulum.datetime(2026, 3, 2, 9, tz="UTC"), ada, EndCustomer("Acme", [ada])))
        'Denmark (Europe/Copenhagen)'
        """
        calendar, desk = calendar_for(self.calendar, self.desk_calendars, request)
        name = getattr(calendar, "name", "") or "composed"
        words = f"{name} ({calendar.timezone})"
        return words if desk is None else f"{words}, the calendar for {desk.chooses}"

    def with_desk_calendar(self, desk: DeskCalendar) -> Policy:
        """A new policy with ``desk`` added, replacing one that serves the same requests.

        >>> from expandit_policy import EXPANDIT_POLICY, Channel, DeskCalendar, presets
        >>> policy = EXPANDIT_POLICY.with_desk_calendar(
        ...     DeskCalendar(presets.germany(), party_kind="partner"))
        >>> [d.chooses for d in policy.desk_calendars]
        ['partners']
        """
        if not isinstance(desk, DeskCalendar):
            raise WrongTypeError(
                f"desk must be a DeskCalendar, got {desk!r} ({type(desk).__name__})"
            )

        def key(d: DeskCalendar) -> tuple[object, ...]:
            name = None if d.party_name is None else d.party_name.casefold()
            return (d.channel, d.party_kind, name)

        kept = tuple(d for d in self.desk_calendars if key(d) != key(desk))
        return attrs.evolve(self, desk_calendars=(*kept, desk))

    def route(self, kind: RequestKind) -> Routing:
        """TEL-2: who takes a request of ``kind`` (CPL-4: the board takes claims of defects).

        >>> from expandit_policy import EXPANDIT_POLICY, RequestKind
        >>> EXPANDIT_POLICY.route(RequestKind.MATERIAL_DEFECT_CLAIM).primary
        <ServiceTeam.BOARD: 'board'>
        """
        for r in self.routing:
            if r.kind is kind:
                return r
        raise WrongTypeError(f"kind must be a RequestKind, got {kind!r} ({type(kind).__name__})")

    def applies_on(self, t: _dt.datetime) -> bool:
        """Whether the policy applies at instant ``t``: its local date in the calendar's zone is
        on or after :attr:`effective_from`.

        >>> import pendulum
        >>> from expandit_policy import EXPANDIT_POLICY
        >>> EXPANDIT_POLICY.applies_on(pendulum.datetime(2025, 12, 31, 23, tz="UTC"))
        True
        """
        us = _time.to_us(t)
        local = _time.local_ordinal(us, _time.stdlib_zone(self.calendar.timezone))
        return local >= self.effective_from.toordinal()


EXPANDIT_POLICY = Policy("2026.1", _dt.date(2026, 1, 1))
"""ExpandIT's service policy with the default readings of CLAUSES.md on the Danish desk,
version 2026.1, applying from 1 January 2026."""


def _policies(value: Any) -> Any:
    """Policies ordered by effective date; anything else is kept for the validator to report."""
    value = _as_tuple(value)
    if isinstance(value, tuple) and all(isinstance(p, Policy) for p in value):
        return tuple(sorted(value, key=lambda p: p.effective_from))
    return value


def _check_policies(inst: PolicyHistory, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple) or not value or not all(isinstance(p, Policy) for p in value):
        raise InvalidPolicyError(
            f"PolicyHistory.policies must hold at least one Policy, got {value!r}"
        )
    dates = [p.effective_from for p in value]
    if len(set(dates)) != len(dates):
        raise InvalidPolicyError(
            "PolicyHistory.policies must have distinct effective_from dates, got "
            + ", ".join(d.isoformat() for d in dates)
        )


def _check_choice(inst: PolicyHistory, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in ("keep_original", "apply_from_effective_date"):
        raise InvalidPolicyError(
            f"PolicyHistory.choice must be 'keep_original' or 'apply_from_effective_date', "
            f"got {value!r}"
        )


@attrs.frozen
class PolicyHistory:
    """The policies in force over time, and which one a case that spans a change is assessed by:

    * ``"keep_original"`` (the default): the policy in force when the request was received, for
      the whole life of the case;
    * ``"apply_from_effective_date"``: the policy in force at ``as_of``; its readings then apply
      to every clock of the case, from the start.

    A request received before the first policy's effective date is assessed by the first policy.

    >>> import datetime, pendulum
    >>> from expandit_policy import EXPANDIT_POLICY, BusinessHours
    >>> v2 = attrs.evolve(EXPANDIT_POLICY.with_reading("MAIL-1", BusinessHours(1)),
    ...                   version="2026.2", effective_from=datetime.date(2026, 7, 1))
    >>> history = PolicyHistory([EXPANDIT_POLICY, v2])
    >>> received = pendulum.datetime(2026, 6, 30, 15, tz="Europe/Copenhagen")
    >>> history.for_case(received, received.add(days=2)).version
    '2026.1'
    """

    policies: tuple[Policy, ...] = attrs.field(converter=_policies, validator=_check_policies)
    """The policies, ordered by effective date."""
    choice: Choice = attrs.field(default="keep_original", validator=_check_choice)
    """Which policy assesses a case that spans a change."""

    def in_force(self, t: _dt.datetime) -> Policy:
        """The policy in force at instant ``t`` (the first one before any applies).

        >>> import pendulum
        >>> from expandit_policy import EXPANDIT_POLICY
        >>> PolicyHistory([EXPANDIT_POLICY]).in_force(pendulum.datetime(2020, 1, 1, tz="UTC")).version
        '2026.1'
        """
        current = self.policies[0]
        for p in self.policies[1:]:
            if p.applies_on(t):
                current = p
        return current

    def for_case(self, received_at: _dt.datetime, as_of: _dt.datetime) -> Policy:
        """The policy that assesses a case received at ``received_at``, as of ``as_of``.

        >>> import pendulum
        >>> from expandit_policy import EXPANDIT_POLICY
        >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
        >>> PolicyHistory([EXPANDIT_POLICY]).for_case(t, t).version
        '2026.1'
        """
        return self.in_force(received_at if self.choice == "keep_original" else as_of)
