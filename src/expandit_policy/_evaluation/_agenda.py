"""agenda() and report(): what needs doing across cases, and how the desk has done."""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping

import attrs

from .. import _time
from .._calendars._durations import Duration
from .._domain import _checks
from .._domain._case import Case, Closed, Reopened
from .._domain._licences import Licence
from .._domain._requests import Channel
from .._errors import UnknownCaseError, WrongTypeError
from .._policy._cadences import party_kind
from .._policy._policy import Policy, PolicyHistory
from .._policy._registry import CLAUSE_ORDER, REGISTRY, ClockRule, Closing
from ._assess import assess
from ._results import Assessment, ClauseState, WarningLevel

__all__ = ["AgendaItem", "ReportRow", "agenda", "report"]

_is = attrs.validators.instance_of
_strings = attrs.validators.deep_iterable(_is(str))
_count = attrs.validators.and_(_is(int), attrs.validators.ge(0))


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _sorted_spans(value: Iterable[_dt.timedelta]) -> tuple[_dt.timedelta, ...]:
    return tuple(sorted(value))


_TO_DO = (ClauseState.RUNNING, ClauseState.PAUSED, ClauseState.OPEN)
#: The clauses that run after a case is closed (COM-8): the only ones a closed case lists.
_AFTER_CLOSE = frozenset(
    r.clause for r in REGISTRY if isinstance(r, ClockRule) and r.closing is Closing.RUNS_AFTER
)


@attrs.frozen
class AgendaItem:
    """One thing to act on: a running, paused or breached target, or an open obligation.

    >>> from expandit_policy import ClauseState, WarningLevel
    >>> AgendaItem("R-1", "COM-4", ClauseState.OPEN, None, WarningLevel.NONE, ()).at_risk
    False
    >>> AgendaItem("R-1", "COM-4", ClauseState.BREACHED, None, WarningLevel.BREACHED, ()).at_risk
    True
    """

    case_id: str = attrs.field(validator=_is(str))
    """The request's id."""
    clause: str = attrs.field(validator=_is(str))
    """The clause ID."""
    state: ClauseState = attrs.field(validator=_is(ClauseState))
    """Where it stands."""
    due_at: _dt.datetime | None = attrs.field(validator=_checks.aware_or_none)
    """When it is due (None for an obligation or a paused target)."""
    warning: WarningLevel = attrs.field(validator=_is(WarningLevel))
    """The warning level."""
    explanation: tuple[str, ...] = attrs.field(converter=_texts, validator=_strings)
    """The clause result's explanation."""
    breached_at: _dt.datetime | None = attrs.field(default=None, validator=_checks.aware_or_none)
    """The instant of the breach, for a breached item; None otherwise."""
    instance: int = attrs.field(
        default=0, validator=attrs.validators.and_(_is(int), attrs.validators.ge(0))
    )
    """Which instance of the clause it is (:attr:`ClauseResult.instance`); 0 for a clause that
    runs once."""

    @property
    def at_risk(self) -> bool:
        """Whether a warning threshold has been passed, or the item is breached."""
        return self.warning is not WarningLevel.NONE or self.state is ClauseState.BREACHED


def agenda(
    policy: Policy | PolicyHistory,
    cases: Iterable[Case],
    as_of: _dt.datetime,
    *,
    resolution_targets: Mapping[str, Duration] | None = None,
    licences: Iterable[Licence] = (),
) -> tuple[AgendaItem, ...]:
    """What still needs doing across ``cases`` as of ``as_of``: every running, paused or open
    result, and every breach of a case not closed (each instance's: a COM-3 reply that missed
    its copy stays listed after a later reply copies it). Breaches come first (earliest breach
    first), then the rest soonest due first, then the undated ones; ties by case id and clause. A closed
    case is listed only for a duty that runs after closing (COM-8) while it runs; its other
    results are in :func:`report`.

    ``resolution_targets`` maps a request id to its MAIL-2 target; a key that names none of
    ``cases`` is refused with an :class:`UnknownCaseError` naming every such key.

    >>> import pendulum
    >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
    ...     Request, RequestKind)
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> case = Case(Request("R-1", Channel.SALES_MAILBOX, RequestKind.QUOTE, t, ada,
    ...                     EndCustomer("Acme", [ada])))
    >>> [(i.clause, i.due_at.isoformat(), i.at_risk) for i in agenda(EXPANDIT_POLICY, [case],
    ...                                                             t.add(hours=1, minutes=40))]
    [('MAIL-1', '2026-03-02T11:00:00+01:00', True), ('MAIL-3', '2026-03-04T09:00:00+01:00', False)]
    """
    targets = resolution_targets or {}
    held = tuple(licences)
    given = tuple(cases)
    for case in given:
        if not isinstance(case, Case):
            raise WrongTypeError(f"cases must hold Case values, got {case!r}")
    _check_case_keys("resolution_targets", targets, given)
    as_of_us = _time.to_us(as_of, "as_of")
    items: list[AgendaItem] = []
    for case in given:
        assessment = assess(
            policy,
            case,
            as_of,
            resolution_target=targets.get(case.request.id),
            licences=held,
        )
        closed = _is_closed(case, as_of_us)
        results = assessment.results
        for r in results:
            breach = r.state is ClauseState.BREACHED and not closed
            listed = r.state in _TO_DO or breach
            if listed and (not closed or r.clause in _AFTER_CLOSE):
                items.append(
                    _checks.unchecked(
                        AgendaItem,
                        case_id=case.request.id,
                        clause=r.clause,
                        state=r.state,
                        due_at=r.due_at,
                        warning=r.warning,
                        explanation=r.explanation,
                        breached_at=r.breached_at,
                        instance=r.instance,
                    )
                )

    def key(item: AgendaItem) -> tuple[bool, bool, int, str, int, int]:
        breach = item.state is ClauseState.BREACHED
        when = item.breached_at if breach else item.due_at
        at = 0 if when is None else _time.to_us(when)
        return (
            not breach,
            when is None,
            at,
            item.case_id,
            CLAUSE_ORDER[item.clause],
            item.instance,
        )

    return tuple(sorted(items, key=key))


def _is_closed(case: Case, as_of_us: int) -> bool:
    """Whether ``case`` is closed as of ``as_of_us``: its last close or reopen known is a close."""
    closed = False
    for event in case.events:
        if _time.to_us(event.at) > as_of_us:
            break
        if isinstance(event, Closed):
            closed = True
        elif isinstance(event, Reopened):
            closed = False
    return closed


def _check_case_keys(what: str, mapping: Mapping[str, object], cases: tuple[Case, ...]) -> None:
    """Refuse the keys of a per-case ``mapping`` that name none of ``cases``."""
    if not mapping:
        return
    ids = {c.request.id for c in cases}
    unknown = sorted(str(k) for k in mapping if k not in ids)
    if unknown:
        raise UnknownCaseError(
            f"{what} must be keyed by the ids of the cases given, got "
            f"{', '.join(map(repr, unknown))}, which name{'s' if len(unknown) == 1 else ''} no "
            f"case; check the ids, or pass those cases too"
        )


@attrs.frozen
class ReportRow:
    """AIM-1 and AIM-2 figures for one clause, channel and kind of party.

    >>> from expandit_policy import Channel
    >>> row = ReportRow("MAIL-1", Channel.SUPPORT_MAILBOX, "end customer", 3, 1, 0, 2, (), ())
    >>> row.compliance_rate
    0.75
    """

    clause: str = attrs.field(validator=_is(str))
    """The clause ID."""
    channel: Channel = attrs.field(validator=_is(Channel))
    """The channel the requests arrived on."""
    party_kind: str = attrs.field(
        validator=attrs.validators.in_(("partner", "reseller", "end customer"))
    )
    """'partner', 'reseller' or 'end customer'."""
    met: int = attrs.field(validator=_count)
    """How many were met in time."""
    met_late: int = attrs.field(validator=_count)
    """How many were met late."""
    breached: int = attrs.field(validator=_count)
    """How many are breached and not met."""
    open: int = attrs.field(validator=_count)
    """How many are running, paused or open."""
    times_to_meet: tuple[_dt.timedelta, ...] = attrs.field(
        converter=_sorted_spans,
        validator=attrs.validators.deep_iterable(_is(_dt.timedelta)),
    )
    """The business time each met target took, sorted."""
    cases: tuple[str, ...] = attrs.field(converter=_texts, validator=_strings)
    """The request ids counted, each once however many of its instances are counted: those
    met, met late, breached, open (running, paused or an open obligation) or cancelled; a case
    whose results are unknown, not applicable or not started is in no count."""
    cancelled: int = attrs.field(default=0, validator=_count)
    """How many were cancelled: closed while waiting on the customer, or closed as void
    (a duplicate, spam, withdrawn). Outside the compliance rate, and shown so that a desk sees
    when closing is used to dodge a breach."""

    @property
    def compliance_rate(self) -> float | None:
        """Met in time over all decided (met, met late, breached); None when none is decided.
        Cancelled results are not decided."""
        decided = self.met + self.met_late + self.breached
        return None if decided == 0 else self.met / decided

    @property
    def median_time_to_meet(self) -> _dt.timedelta | None:
        """The median business time to meet (the mean of the middle two for an even count)."""
        t = self.times_to_meet
        if not t:
            return None
        mid = len(t) // 2
        return t[mid] if len(t) % 2 else (t[mid - 1] + t[mid]) / 2

    @property
    def p90_time_to_meet(self) -> _dt.timedelta | None:
        """The 90th percentile of the business time to meet, by the nearest-rank method."""
        t = self.times_to_meet
        return t[math.ceil(0.9 * len(t)) - 1] if t else None


_COUNTED = (
    ClauseState.MET,
    ClauseState.MET_LATE,
    ClauseState.BREACHED,
    ClauseState.RUNNING,
    ClauseState.PAUSED,
    ClauseState.OPEN,
    ClauseState.CANCELLED,
)


def report(assessments: Iterable[Assessment]) -> tuple[ReportRow, ...]:
    """AIM-1 and AIM-2: per clause, channel and kind of party, the counts met, met late, breached,
    open and cancelled, one per instance (a case with three answered messages counts three
    MAIL-1 results, and is listed once in :attr:`ReportRow.cases`), the compliance rate (cancelled results left out), and the median and 90th percentile of the business time
    to meet. Rows in catalogue order, then by channel and party kind.

    >>> import pendulum
    >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
    ...     Mailbox, Replied, Request, RequestKind, assess)
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> reply = Replied(t.add(hours=1), Mailbox.support(), ["ada@acme.dk"],
    ...                 cc=["support@expandit.com"])
    >>> case = Case(Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, t, ada,
    ...                     EndCustomer("Acme", [ada])), [reply])
    >>> rows = report([assess(EXPANDIT_POLICY, case, t.add(hours=3))])
    >>> [row] = [r for r in rows if r.clause == "MAIL-1"]
    >>> row.clause, row.met, row.compliance_rate, row.median_time_to_meet
    ('MAIL-1', 1, 1.0, datetime.timedelta(seconds=3600))
    """
    groups: dict[tuple[str, Channel, str], list[tuple[str, ClauseState, _dt.timedelta | None]]] = {}
    for a in assessments:
        if not isinstance(a, Assessment):
            raise WrongTypeError(f"assessments must hold Assessment values, got {a!r}")
        request = a.case.request
        for r in a.results:
            key = (r.clause, request.channel, party_kind(request.party))
            groups.setdefault(key, []).append((request.id, r.state, r.used))
    rows = []
    for (clause, channel, party), entries in groups.items():
        states = [s for _, s, _ in entries]
        times = [
            u
            for _, s, u in entries
            if s in (ClauseState.MET, ClauseState.MET_LATE) and u is not None
        ]
        rows.append(
            ReportRow(
                clause,
                channel,
                party,
                states.count(ClauseState.MET),
                states.count(ClauseState.MET_LATE),
                states.count(ClauseState.BREACHED),
                sum(
                    s in (ClauseState.RUNNING, ClauseState.PAUSED, ClauseState.OPEN) for s in states
                ),
                times,
                list(dict.fromkeys(i for i, s, _ in entries if s in _COUNTED)),
                states.count(ClauseState.CANCELLED),
            )
        )
    return tuple(
        sorted(rows, key=lambda r: (CLAUSE_ORDER[r.clause], r.channel.value, r.party_kind))
    )
