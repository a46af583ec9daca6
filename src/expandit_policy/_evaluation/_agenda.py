"""agenda() and report(): what needs doing across cases, and how the desk has done."""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping

import attrs

from .. import _time
from .._calendars._durations import Duration
from .._domain._case import Case
from .._domain._licences import Licence
from .._domain._requests import Channel
from .._errors import WrongTypeError
from .._policy._cadences import party_kind
from .._policy._catalogue import CATALOGUE
from .._policy._policy import Policy, PolicyHistory
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


_ON_AGENDA = (ClauseState.RUNNING, ClauseState.PAUSED, ClauseState.BREACHED, ClauseState.OPEN)
_ORDER = {c.id: k for k, c in enumerate(CATALOGUE)}


@attrs.frozen
class AgendaItem:
    """One thing to act on: a running, paused or breached target, or an open obligation.

    >>> from expandit_policy import ClauseState, WarningLevel
    >>> AgendaItem("R-1", "COM-4", ClauseState.OPEN, None, WarningLevel.NONE, ()).at_risk
    False
    """

    case_id: str = attrs.field(validator=_is(str))
    """The request's id."""
    clause: str = attrs.field(validator=_is(str))
    """The clause ID."""
    state: ClauseState = attrs.field(validator=_is(ClauseState))
    """Where it stands."""
    due_at: _dt.datetime | None = attrs.field(
        validator=attrs.validators.optional(_is(_dt.datetime))
    )
    """When it is due (None for an obligation or a paused target)."""
    warning: WarningLevel = attrs.field(validator=_is(WarningLevel))
    """The warning level."""
    explanation: tuple[str, ...] = attrs.field(converter=_texts, validator=_strings)
    """The clause result's explanation."""

    @property
    def at_risk(self) -> bool:
        """Whether a warning threshold has been passed."""
        return self.warning is not WarningLevel.NONE


def agenda(
    policy: Policy | PolicyHistory,
    cases: Iterable[Case],
    as_of: _dt.datetime,
    *,
    resolution_targets: Mapping[str, Duration] | None = None,
    licences: Iterable[Licence] = (),
) -> tuple[AgendaItem, ...]:
    """Every running, paused or breached target and every open obligation across ``cases`` as of
    ``as_of``: soonest due first (breached ones, due in the past, lead), then the undated ones;
    ties by case id and clause. ``resolution_targets`` maps a request id to its MAIL-2 target.

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
    items: list[AgendaItem] = []
    for case in cases:
        if not isinstance(case, Case):
            raise WrongTypeError(f"cases must hold Case values, got {case!r}")
        assessment = assess(
            policy,
            case,
            as_of,
            resolution_target=targets.get(case.request.id),
            licences=held,
        )
        for r in assessment.results:
            if r.state in _ON_AGENDA:
                items.append(
                    AgendaItem(
                        case.request.id, r.clause, r.state, r.due_at, r.warning, r.explanation
                    )
                )

    def key(item: AgendaItem) -> tuple[bool, int, str, int]:
        due = 0 if item.due_at is None else _time.to_us(item.due_at)
        return (item.due_at is None, due, item.case_id, _ORDER[item.clause])

    return tuple(sorted(items, key=key))


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
    """The request ids counted: those met, met late, breached or open (running, paused or an
    open obligation); a case whose result is unknown, not applicable or not started is in no
    count."""

    @property
    def compliance_rate(self) -> float | None:
        """Met in time over all decided (met, met late, breached); None when none is decided."""
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
)


def report(assessments: Iterable[Assessment]) -> tuple[ReportRow, ...]:
    """AIM-1 and AIM-2: per clause, channel and kind of party, the counts met, met late, breached
    and open, the compliance rate, and the median and 90th percentile of the business time
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
                [i for i, s, _ in entries if s in _COUNTED],
            )
        )
    return tuple(sorted(rows, key=lambda r: (_ORDER[r.clause], r.channel.value, r.party_kind)))
